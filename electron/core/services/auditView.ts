import type { AuditEntryView, AuditIntegrity, AuditPage } from '../../domain/audit';
import type { AuditFilter, AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import type { Actor } from './actor';

export type AuditViewService = Readonly<{
  /** The trail, newest first, for instructors and admins (ACCESS_DENIED, audited, for anyone else). */
  list(reader: Actor, filter: AuditFilter): AuditEntryView[];
  /**
   * A page of the audit view: the entries as `list` gives them, and on the first page (no
   * `beforeSeq`) the whole trail checked — chain, anchor, key registry (issue 13 items 4, 6).
   */
  page(reader: Actor, filter: AuditFilter): AuditPage;
}>;

export function canReadAudit(actor: Actor): boolean {
  return actor.role === 'instructor' || actor.role === 'admin';
}

export function createAuditViewService(db: Db, audit: AuditTrail): AuditViewService {
  const refOf = db.prepare('SELECT ref FROM cables WHERE id = ?').pluck();
  const mayRead = (reader: Actor): void => {
    if (canReadAudit(reader)) return;
    audit.append({
      actor: { userId: reader.userId, login: reader.login },
      action: 'DENY',
      detail: { what: 'audit trail' },
    });
    throw new CableroomError('ACCESS_DENIED', 'Only instructors and admins may read the audit trail.');
  };
  const integrity = (): AuditIntegrity => {
    const r = audit.verify();
    if (!r.ok) {
      return {
        verdict: 'BROKEN',
        checkpoint: r.anchor,
        entries: r.entries,
        unanchored: 0,
        firstBad: r.firstBad,
        problem: r.problem,
      };
    }
    return {
      verdict: r.anchor ? 'INTACT' : 'UNANCHORED',
      checkpoint: r.anchor,
      entries: r.entries,
      unanchored: r.unanchored,
      firstBad: null,
      problem: null,
    };
  };
  const service: AuditViewService = {
    list(reader, filter) {
      mayRead(reader);
      return audit.list(filter).map((e) => ({
        ...e,
        cableRef: e.cableId === null ? null : ((refOf.get(e.cableId) as string | undefined) ?? null),
      }));
    },
    page(reader, filter) {
      const entries = service.list(reader, filter);
      return { entries, integrity: filter.beforeSeq === undefined ? integrity() : null };
    },
  };
  return service;
}
