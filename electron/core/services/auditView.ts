import type { AuditEntryView } from '../../domain/audit';
import type { AuditFilter, AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import type { Actor } from './actor';

export type AuditViewService = Readonly<{
  /** The trail, newest first, for instructors and admins (ACCESS_DENIED, audited, for anyone else). */
  list(reader: Actor, filter: AuditFilter): AuditEntryView[];
}>;

export function canReadAudit(actor: Actor): boolean {
  return actor.role === 'instructor' || actor.role === 'admin';
}

export function createAuditViewService(db: Db, audit: AuditTrail): AuditViewService {
  const refOf = db.prepare('SELECT ref FROM cables WHERE id = ?').pluck();
  return {
    list(reader, filter) {
      if (!canReadAudit(reader)) {
        audit.append({
          actor: { userId: reader.userId, login: reader.login },
          action: 'DENY',
          detail: { what: 'audit trail' },
        });
        throw new CableroomError('ACCESS_DENIED', 'Only instructors and admins may read the audit trail.');
      }
      return audit.list(filter).map((e) => ({
        ...e,
        cableRef: e.cableId === null ? null : ((refOf.get(e.cableId) as string | undefined) ?? null),
      }));
    },
  };
}
