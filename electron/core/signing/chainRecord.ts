import { createHash } from 'node:crypto';
import { appendAuditEntry, type AuditActor } from '../audit/auditTrail';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/**
 * A released cable's signature chain as an event of the audit trail (issue 13 item 5). Storing a
 * chain appends SIGNATURE_CHAIN naming the cable, with the number of signatures and a SHA-256
 * over them; since the trail is hash-chained and anchored outside the file, "this cable was
 * stored signed" cannot be taken back: a cable with such an entry (or a RELEASE, or a bundle
 * IMPORT) must carry its chain, and without one it is TAMPERED — only cables the trail never
 * recorded as signed (FRUS imports, the seed's historical cables and exercises) may be unsigned.
 * (A bundle import and a release store their chain through here, so they are recorded too.)
 */
export function signatureChainDetail(
  db: Db,
  cableId: number,
): Readonly<{ ref: string; signatures: number; digest: string }> {
  const rows = prepared(
    db,
    'SELECT ordinal, key_fingerprint, signature FROM cable_signatures WHERE cable_id = ? ORDER BY ordinal',
  ).all(cableId) as { ordinal: number; key_fingerprint: string; signature: Buffer }[];
  const digest = createHash('sha256');
  for (const r of rows) digest.update(`${r.ordinal}:${r.key_fingerprint}:`).update(r.signature);
  const ref = prepared(db, 'SELECT ref FROM cables WHERE id = ?').pluck().get(cableId) as string;
  return { ref, signatures: rows.length, digest: digest.digest('hex') };
}

export function recordSignatureChain(db: Db, cableId: number, actor: AuditActor, at?: Date): void {
  appendAuditEntry(db, { actor, action: 'SIGNATURE_CHAIN', cableId, detail: signatureChainDetail(db, cableId) }, at);
}

/**
 * SQL: the cable aliased `c` was stored as a signed cable, by the trail's word (SIGNATURE_CHAIN,
 * written with every chain stored since migration 0009 and by it for the chains before; RELEASE)
 * or by the draft it was released from. Used to find cables whose signatures were removed; the
 * lookup is one seek in `audit_by_cable_action` (0009).
 */
export const RECORDED_AS_SIGNED = `(
  EXISTS (SELECT 1 FROM audit_log a WHERE a.cable_id = c.id AND a.action IN ('SIGNATURE_CHAIN', 'RELEASE'))
  OR EXISTS (SELECT 1 FROM drafts d WHERE d.cable_id = c.id))`;

/** Ids of every cable that carries signatures or was recorded as signed, in order. */
export function signedCableIds(db: Db): number[] {
  return prepared(
    db,
    `SELECT cable_id FROM cable_signatures
     UNION SELECT cable_id FROM audit_log WHERE action IN ('SIGNATURE_CHAIN', 'RELEASE') AND cable_id IS NOT NULL
     UNION SELECT cable_id FROM drafts WHERE cable_id IS NOT NULL
     ORDER BY 1`,
  )
    .pluck()
    .all() as number[];
}

/**
 * The next `limit` ids after `after` of the cables `signedCableIds` lists, in order: one page of
 * `verify --all`, so that it never holds every id (issue 15 item 3). Each source gives at most
 * `limit` ids from its index, and the union's first `limit` are the answer.
 */
export function signedCableIdsAfter(db: Db, after: number, limit: number): number[] {
  return prepared(
    db,
    `SELECT id FROM (
       SELECT id FROM (SELECT DISTINCT cable_id AS id FROM cable_signatures WHERE cable_id > @after ORDER BY cable_id LIMIT @limit)
       UNION SELECT id FROM (SELECT DISTINCT cable_id AS id FROM audit_log
                              WHERE cable_id > @after AND action IN ('SIGNATURE_CHAIN', 'RELEASE') ORDER BY cable_id LIMIT @limit)
       UNION SELECT id FROM (SELECT DISTINCT cable_id AS id FROM drafts WHERE cable_id > @after ORDER BY cable_id LIMIT @limit))
     ORDER BY id LIMIT @limit`,
  )
    .pluck()
    .all({ after, limit }) as number[];
}

/** How many cables `signedCableIds` lists (for a progress bar). */
export function signedCableCount(db: Db): number {
  return prepared(
    db,
    `SELECT count(*) FROM (SELECT cable_id FROM cable_signatures
     UNION SELECT cable_id FROM audit_log WHERE action IN ('SIGNATURE_CHAIN', 'RELEASE') AND cable_id IS NOT NULL
     UNION SELECT cable_id FROM drafts WHERE cable_id IS NOT NULL)`,
  )
    .pluck()
    .get() as number;
}
