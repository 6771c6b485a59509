import type { AccessDecision, AccessObject, ArchiveSource } from '../../domain/access';
import type { CableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { accessObjectOf } from './cableView';

/**
 * The archive reader's part of core (issue 12 item 3; docs/FRUS.md "The archive reader"). The
 * decision is `decideAccess`'s archive rule (domain/access.ts); this file gives it the one fact it
 * needs from storage — whether a cable is an imported historical one — and the audit detail of a
 * read the rule admitted.
 */

/**
 * Where a cable was published, from the FRUS importer's `frus_sources` row (migration 0013, written
 * in the cable's own insert transaction by `importFrus`, and by nothing else) — or null. A cable an
 * exercise wrote is never historical, whatever it replays.
 */
export function archiveSourceOf(db: Db, cableId: number): ArchiveSource | null {
  const row = prepared(
    db,
    `SELECT f.volume, f.doc FROM frus_sources f JOIN cables c ON c.id = f.cable_id
      WHERE f.cable_id = ? AND c.exercise_id IS NULL`,
  ).get(cableId) as { volume: string; doc: number } | undefined;
  return row ? { volume: row.volume, doc: row.doc } : null;
}

/** What `decideAccess` needs to read a cable, with its archive provenance (for reading only). */
export function readerObject(db: Db, record: CableRecord): AccessObject {
  return { ...accessObjectOf(record), archive: archiveSourceOf(db, record.cable.id) };
}

/**
 * The audit detail of a read: for one the archive rule admitted, `access: 'archive'`, the FRUS
 * volume and document, and the training rule that alone would have refused (`overrides`); for
 * any other read, nothing more.
 */
export function archiveAuditDetail(decision: AccessDecision): Record<string, unknown> {
  if (!decision.allowed || !decision.archive) return {};
  const { source, overrides } = decision.archive;
  return { access: 'archive', frus: { volume: source.volume, doc: source.doc }, overrides };
}
