import { decideAccess } from '../../domain/access';
import type { CableView } from '../../domain/cable';
import { CableroomError } from '../errors';
import { cableIdByRef, loadCableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { accessSubject, type Actor } from './actor';
import { accessObjectOf, cableView } from './cableView';

export type CablesService = Readonly<{
  /** One cable, if the actor may see it (ACCESS_DENIED otherwise; nothing of it is returned). */
  show(actor: Actor, cableId: number): CableView;
  /** Resolves "TOPOL 578" to an id (NOT_FOUND for an unknown reference). */
  idByRef(ref: string): number;
}>;

export function createCablesService(db: Db): CablesService {
  return {
    show(actor, cableId) {
      const record = loadCableRecord(db, cableId);
      if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
      const decision = decideAccess(accessSubject(actor), accessObjectOf(record));
      if (!decision.allowed) {
        throw new CableroomError('ACCESS_DENIED', `Access denied. ${decision.explanation}`);
      }
      return cableView(record);
    },
    idByRef(ref) {
      const id = cableIdByRef(db, ref);
      if (id === undefined) throw new CableroomError('NOT_FOUND', `No cable "${ref}".`);
      return id;
    },
  };
}
