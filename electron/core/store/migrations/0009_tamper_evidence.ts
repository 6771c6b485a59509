import { appendAuditEntry } from '../../audit/auditTrail';
import { signatureChainDetail } from '../../signing/chainRecord';
import { rebuildAuditLog } from './auditTable';
import type { Migration } from './types';

/**
 * Tamper evidence (issue 13 items 4–6). The audit trail is rebuilt as in 0006 with the new
 * actions — AUDIT_ANCHOR (the key that signs the trail's checkpoints beside the file),
 * SIGNATURE_CHAIN (a released cable's chain was stored), and for the other trust changes
 * APPROVAL_DESIGNATE and INSTALL — every entry copied unchanged.
 *
 * The key registry and the signed cables become events of the chain: a database made before
 * this version gets, for every key already in `person_keys`, a KEY_CREATE entry committing to its
 * person and fingerprint, and for every cable already carrying signatures a SIGNATURE_CHAIN entry
 * (both with `migrated: true`, no actor). Verification from then on trusts only keys that have
 * their entry and treats a cable with a SIGNATURE_CHAIN entry but no signatures as TAMPERED.
 * What was in the file before the upgrade is vouched for as found (README, security).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'tamper evidence',
  up(db) {
    rebuildAuditLog(db, [
      ...['SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT', 'EXPORT', 'SEARCH'],
      ...['USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE'],
      ...['DIRECTORY_UPDATE', 'DESIGNATE', 'SIGN', 'REFUSE', 'SIGN_FAILED', 'DOWNGRADE', 'TAMPERED'],
      ...['KEY_CREATE', 'KEY_ROTATE', 'IMPORT'],
      ...['AUDIT_ANCHOR', 'SIGNATURE_CHAIN', 'APPROVAL_DESIGNATE', 'INSTALL'],
    ]);
    // "Was this cable stored signed?" is asked on every open of a cable (signing/chainRecord.ts):
    // one seek by cable and action. (A later rebuild of audit_log must create it again.)
    db.exec('CREATE INDEX audit_by_cable_action ON audit_log(cable_id, action) WHERE cable_id IS NOT NULL');
    const now = new Date();
    const system = { userId: null, login: null };
    const keys = db
      .prepare(
        `SELECT k.fingerprint, p.key AS person, (SELECT u.login FROM users u WHERE u.person_id = k.person_id) AS login
           FROM person_keys k JOIN people p ON p.id = k.person_id ORDER BY k.id`,
      )
      .all() as { fingerprint: string; person: string; login: string | null }[];
    for (const k of keys) {
      appendAuditEntry(
        db,
        {
          actor: system,
          action: 'KEY_CREATE',
          detail: {
            person: k.person,
            fingerprint: k.fingerprint,
            ...(k.login ? { login: k.login } : {}),
            migrated: true,
          },
        },
        now,
      );
    }
    const signed = db
      .prepare('SELECT DISTINCT cable_id FROM cable_signatures ORDER BY cable_id')
      .pluck()
      .all() as number[];
    for (const cableId of signed) {
      appendAuditEntry(
        db,
        {
          actor: system,
          action: 'SIGNATURE_CHAIN',
          cableId,
          detail: { ...signatureChainDetail(db, cableId), migrated: true },
        },
        now,
      );
    }
  },
};
