import type { SignedInUser, UserSummary } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import { listUsers, updateUserRow, userByLogin, type UserWithPersonRow } from '../store/directoryRepository';
import { hashPassphrase, needsRehash, verifyPassphrase } from '../users/passphrase';
import { checkPassphrase } from '../users/passphraseGate';
import { actorFromRow, publicUser, type Actor } from './actor';

export { signInDelayMs } from '../users/passphraseGate';

export type UsersService = Readonly<{
  list(): UserSummary[];
  /**
   * Checks the passphrase off the main thread, throttled after repeated failures on the counter
   * signing shares (users/passphraseGate.ts); every outcome is audited. A hash made at an older,
   * lower cost is made again at the current one, after the answer (`settled`).
   */
  signIn(login: string, passphrase: string, channel: string, now?: Date): Promise<Actor>;
  /**
   * Resolves once every re-hash started by a sign-in so far has been written or abandoned; never
   * rejects. The CLI waits on it before closing the database; tests wait on it.
   */
  settled(): Promise<void>;
  /** Resolves a login without a passphrase (the CLI runs with the database owner's authority). */
  byLogin(login: string): Actor;
  toPublic(actor: Actor): SignedInUser;
}>;

export function createUsersService(db: Db, audit: AuditTrail): UsersService {
  /** Re-hashes under way, by user id: one per account at a time. */
  const rehashing = new Map<number, Promise<void>>();

  /**
   * Hashes a verified passphrase again at the current cost (issue 15: the seed's 2^15 hashes took
   * their first sign-in ~1 s longer while the 2^17 hash was made before the answer). Runs after
   * the answer, on libuv's pool; written only if the passphrase was not changed meanwhile (the
   * salt read again in the transaction that writes). Never rejects: a database closed meanwhile
   * (the app quitting) or any failure leaves the old hash, which still verifies and is re-hashed
   * at the next sign-in.
   */
  const rehash = (row: UserWithPersonRow, passphrase: string): void => {
    if (rehashing.has(row.id)) return;
    const job = hashPassphrase(passphrase)
      .then((again) => {
        if (!db.open) return;
        db.transaction(() => {
          if (userByLogin(db, row.login)?.passphrase_salt.equals(row.passphrase_salt)) {
            updateUserRow(db, row.id, { passphrase_hash: again.hash, passphrase_salt: again.salt, kdf: again.kdf });
          }
        })();
      })
      .catch(() => undefined)
      .finally(() => rehashing.delete(row.id));
    rehashing.set(row.id, job);
  };
  const find = (login: string): Actor => {
    const row = userByLogin(db, login);
    if (!row) throw new CableroomError('NOT_FOUND', `Unknown login "${login}".`);
    if (row.disabled === 1) throw new CableroomError('ACCESS_DENIED', `The account "${login}" is disabled.`);
    return actorFromRow(row);
  };
  const failed = (
    login: string,
    userId: number | null,
    channel: string,
    reason: string,
    message: string,
    at: Date,
  ): never => {
    audit.append({ actor: { userId, login }, action: 'SIGN_IN_FAILED', detail: { channel, reason } }, at);
    throw new CableroomError('SIGN_IN_FAILED', message);
  };
  return {
    list: () =>
      listUsers(db)
        .filter((r) => r.disabled === 0)
        .map((r) => {
          const { login, displayName, post, role, clearance } = actorFromRow(r);
          return { login, displayName, post, role, clearance };
        }),
    async signIn(login, passphrase, channel, now = new Date()) {
      const row = userByLogin(db, login);
      if (!row) return failed(login, null, channel, 'unknown login', `Unknown login "${login}".`, now);
      if (row.disabled === 1) return failed(login, row.id, channel, 'disabled', 'This account is disabled.', now);
      const stored = { hash: row.passphrase_hash, salt: row.passphrase_salt, kdf: row.kdf };
      await checkPassphrase(
        db,
        audit,
        row,
        { channel, audited: 'SIGN_IN_FAILED', code: 'SIGN_IN_FAILED', wrongMessage: 'Wrong passphrase.' },
        async () => ((await verifyPassphrase(passphrase, stored)) ? true : null),
        now,
      );
      audit.append({ actor: { userId: row.id, login }, action: 'SIGN_IN', detail: { channel } }, now);
      // Made at an older cost (the seed's 2^15, say): hashed again at the current one, afterwards.
      if (needsRehash(row.kdf)) rehash(row, passphrase);
      return actorFromRow(row);
    },
    async settled() {
      while (rehashing.size > 0) await Promise.all(rehashing.values());
    },
    byLogin: find,
    toPublic: publicUser,
  };
}
