import { decideAccess } from '../../domain/access';
import type { CableView } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { cableIdByRef, loadCableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { accessSubject, type Actor } from './actor';
import { accessObjectOf, cableView } from './cableView';

export type CablesService = Readonly<{
  /**
   * One cable, if the actor may see it; ACCESS_DENIED otherwise, and nothing of it is returned.
   * Both outcomes are audited (VIEW, DENY).
   */
  show(actor: Actor, cableId: number, channel: string): CableView;
  /** Resolves "TOPOL 578" to an id (NOT_FOUND for an unknown reference). */
  idByRef(ref: string): number;
}>;

export function createCablesService(db: Db, audit: AuditTrail): CablesService {
  return {
    show(actor, cableId, channel) {
      const record = loadCableRecord(db, cableId);
      if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
      const decision = decideAccess(accessSubject(actor), accessObjectOf(record));
      const who = { userId: actor.userId, login: actor.login };
      if (!decision.allowed) {
        audit.append({ actor: who, action: 'DENY', cableId, detail: { channel, reason: decision.reason } });
        throw new CableroomError('ACCESS_DENIED', `Access denied. ${decision.explanation}`);
      }
      audit.append({ actor: who, action: 'VIEW', cableId, detail: { channel } });
      return cableView(record);
    },
    idByRef(ref) {
      const id = cableIdByRef(db, ref);
      if (id === undefined) throw new CableroomError('NOT_FOUND', `No cable "${ref}".`);
      return id;
    },
  };
}
