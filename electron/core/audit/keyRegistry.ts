import { fingerprint } from '../crypto/keys';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/**
 * The key registry (`person_keys`) under the audit trail (issue 13 item 6). Every key is stored
 * together with its KEY_CREATE or KEY_ROTATE entry naming the person and the fingerprint
 * (crypto/keyStore.ts); the fingerprint is the first 16 bytes of the public key's SHA-256, so the
 * entry commits to the key itself, and the trail is hash-chained and anchored outside the file.
 */

/** SQL: the key aliased `k`, of the person aliased `p`, has its entry in the trail. */
export const KEY_ATTESTED = `EXISTS (SELECT 1 FROM audit_log a WHERE a.action IN ('KEY_CREATE', 'KEY_ROTATE')
  AND json_extract(a.detail, '$.fingerprint') = k.fingerprint AND json_extract(a.detail, '$.person') = p.key)`;

/** The first key of the registry that the trail does not vouch for, said in words; null when all are. */
export function keyRegistryProblem(db: Db): string | null {
  const rows = prepared(
    db,
    `SELECT k.id, k.fingerprint, k.public_key, p.key AS person, ${KEY_ATTESTED} AS attested
       FROM person_keys k JOIN people p ON p.id = k.person_id ORDER BY k.id`,
  ).all() as { id: number; fingerprint: string; public_key: Buffer; person: string; attested: number }[];
  for (const r of rows) {
    if (fingerprint(new Uint8Array(r.public_key)) !== r.fingerprint) {
      return `the signing key ${r.fingerprint} of ${r.person} does not match its fingerprint: it was changed in the database file`;
    }
    if (r.attested !== 1) {
      return `the signing key ${r.fingerprint} of ${r.person} has no KEY_CREATE or KEY_ROTATE entry in the trail: it was written into the database file by hand`;
    }
  }
  return null;
}
