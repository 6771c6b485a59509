import { appendAuditEntry, type AuditActor } from '../audit/auditTrail';
import { KEY_ATTESTED } from '../audit/keyRegistry';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { CableroomError } from '../errors';
import { createSealedKey, fingerprint, type SealedKey } from './keys';

/** Signing keys in the directory (person_keys): the current key of a person, and every key by fingerprint. */
type KeyRow = {
  id: number;
  person_id: number;
  public_key: Buffer;
  fingerprint: string;
  sealed_secret: Buffer | null;
  seal_salt: Buffer | null;
  seal_nonce: Buffer | null;
  kdf: string | null;
  created_at: string;
  retired_at: string | null;
};

export type StoredKey = Readonly<{
  id: number;
  personId: number;
  publicKey: Uint8Array;
  fingerprint: string;
  createdAt: string;
  retiredAt: string | null;
  /** Present for keys of local users: the secret key sealed with their passphrase. */
  sealed: SealedKey | null;
}>;

function toKey(r: KeyRow): StoredKey {
  const publicKey = new Uint8Array(r.public_key);
  return {
    id: r.id,
    personId: r.person_id,
    publicKey,
    fingerprint: r.fingerprint,
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    sealed:
      r.sealed_secret && r.seal_salt && r.seal_nonce && r.kdf
        ? {
            publicKey,
            fingerprint: r.fingerprint,
            sealed: new Uint8Array(r.sealed_secret),
            salt: new Uint8Array(r.seal_salt),
            nonce: new Uint8Array(r.seal_nonce),
            kdf: r.kdf,
          }
        : null,
  };
}

export function currentKey(db: Db, personId: number): StoredKey | null {
  const r = prepared(db, 'SELECT * FROM person_keys WHERE person_id = ? AND retired_at IS NULL').get(personId) as
    KeyRow | undefined;
  return r ? toKey(r) : null;
}

export function keyByFingerprint(db: Db, fingerprint: string): StoredKey | null {
  const r = prepared(db, 'SELECT * FROM person_keys WHERE fingerprint = ?').get(fingerprint) as KeyRow | undefined;
  return r ? toKey(r) : null;
}

/**
 * Every public key ever held by people, current and retired, whose creation the audit trail
 * records: what verification trusts.
 */
export function allPublicKeys(db: Db): ReadonlyMap<string, Readonly<{ personKey: string; publicKey: Uint8Array }>> {
  const rows = prepared(
    db,
    `SELECT k.fingerprint, k.public_key, p.key AS person_key FROM person_keys k JOIN people p ON p.id = k.person_id
      WHERE ${KEY_ATTESTED}`,
  ).all() as { fingerprint: string; public_key: Buffer; person_key: string }[];
  return new Map(
    rows.map((r) => [r.fingerprint, { personKey: r.person_key, publicKey: new Uint8Array(r.public_key) }]),
  );
}

/**
 * Stores a person's new key as the current one; the previous key is retired (its public half
 * stays, so the signatures it made still verify) and its sealed secret wiped. The change is
 * audited in the same transaction — KEY_CREATE for a person's first key, KEY_ROTATE after that —
 * with the person and the fingerprint (issue 13 item 6): no key is stored without its entry.
 * `by` is who made the change (the system, for the seed).
 */
export function storeKey(
  db: Db,
  personId: number,
  key: SealedKey,
  now: Date = new Date(),
  by: AuditActor = { userId: null, login: null },
): number {
  if (fingerprint(key.publicKey) !== key.fingerprint) {
    throw new CableroomError('BAD_REQUEST', 'A signing key must be stored under its own fingerprint.');
  }
  return db.transaction((): number => {
    const person = prepared(
      db,
      'SELECT p.key, (SELECT u.login FROM users u WHERE u.person_id = p.id) AS login FROM people p WHERE p.id = ?',
    ).get(personId) as { key: string; login: string | null } | undefined;
    const rotating = prepared(db, 'SELECT 1 FROM person_keys WHERE person_id = ? AND retired_at IS NULL').get(personId);
    prepared(
      db,
      `UPDATE person_keys SET retired_at = ?, sealed_secret = NULL, seal_salt = NULL, seal_nonce = NULL, kdf = NULL
       WHERE person_id = ? AND retired_at IS NULL`,
    ).run(now.toISOString(), personId);
    const id = Number(
      prepared(
        db,
        `INSERT INTO person_keys (person_id, public_key, fingerprint, sealed_secret, seal_salt, seal_nonce, kdf, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        personId,
        Buffer.from(key.publicKey),
        key.fingerprint,
        Buffer.from(key.sealed),
        Buffer.from(key.salt),
        Buffer.from(key.nonce),
        key.kdf,
        now.toISOString(),
      ).lastInsertRowid,
    );
    appendAuditEntry(
      db,
      {
        actor: by,
        action: rotating ? 'KEY_ROTATE' : 'KEY_CREATE',
        detail: {
          person: person?.key ?? null,
          fingerprint: key.fingerprint,
          ...(person?.login ? { login: person.login } : {}),
        },
      },
      now,
    );
    return id;
  })();
}

/** A new key pair for a person, sealed with their passphrase (account creation, passphrase change). */
export async function createKeyFor(
  db: Db,
  personId: number,
  passphrase: string,
  now: Date = new Date(),
  by?: AuditActor,
): Promise<StoredKey> {
  // Sealed off the main thread (issue 13 item 7), then stored in one transaction.
  const id = storeKey(db, personId, await createSealedKey(passphrase), now, by);
  return toKey(prepared(db, 'SELECT * FROM person_keys WHERE id = ?').get(id) as KeyRow);
}

/**
 * The same key pair sealed again at the current cost (issue 13 item 7: a key sealed at an older,
 * lower cost is re-sealed when it is next opened). Only the sealing changes — public key and
 * fingerprint stay — and only if the key was still sealed as `fromKdf` and not retired meanwhile.
 */
export function resealKey(db: Db, keyId: number, fromKdf: string, key: SealedKey): void {
  prepared(
    db,
    `UPDATE person_keys SET sealed_secret = ?, seal_salt = ?, seal_nonce = ?, kdf = ?
      WHERE id = ? AND kdf = ? AND retired_at IS NULL AND fingerprint = ?`,
  ).run(
    Buffer.from(key.sealed),
    Buffer.from(key.salt),
    Buffer.from(key.nonce),
    key.kdf,
    keyId,
    fromKdf,
    key.fingerprint,
  );
}
