import type { SignedInUser, UserSummary } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import { listUsers, recordSignInFailure, recordSignInSuccess, userByLogin } from '../store/directoryRepository';
import { verifyPassphrase } from '../users/passphrase';
import { actorFromRow, publicUser, type Actor } from './actor';

/** Failed sign-ins allowed before each further attempt has to wait. */
const FREE_ATTEMPTS = 3;
/** The wait doubles with every failure past the free ones, up to this ceiling. */
const MAX_SIGN_IN_DELAY_MS = 60_000;

/** How long a login must wait after `failures` consecutive failed sign-ins. */
export function signInDelayMs(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_SIGN_IN_DELAY_MS);
}

export type UsersService = Readonly<{
  list(): UserSummary[];
  /** Checks the passphrase (throttled after repeated failures); every outcome is audited. */
  signIn(login: string, passphrase: string, channel: string, now?: Date): Actor;
  /** Resolves a login without a passphrase (the CLI runs with the database owner's authority). */
  byLogin(login: string): Actor;
  toPublic(actor: Actor): SignedInUser;
}>;

export function createUsersService(db: Db, audit: AuditTrail): UsersService {
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
    signIn(login, passphrase, channel, now = new Date()) {
      const row = userByLogin(db, login);
      if (!row) return failed(login, null, channel, 'unknown login', `Unknown login "${login}".`, now);
      if (row.disabled === 1) return failed(login, row.id, channel, 'disabled', 'This account is disabled.', now);
      const waitMs =
        row.last_failed_at === null
          ? 0
          : Date.parse(row.last_failed_at) + signInDelayMs(row.failed_sign_ins) - now.getTime();
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        return failed(login, row.id, channel, 'throttled', `Too many failed attempts. Try again in ${seconds} s.`, now);
      }
      const ok = verifyPassphrase(passphrase, { hash: row.passphrase_hash, salt: row.passphrase_salt, kdf: row.kdf });
      if (!ok) {
        recordSignInFailure(db, row.id, now.toISOString());
        return failed(login, row.id, channel, 'wrong passphrase', 'Wrong passphrase.', now);
      }
      recordSignInSuccess(db, row.id);
      audit.append({ actor: { userId: row.id, login }, action: 'SIGN_IN', detail: { channel } }, now);
      return actorFromRow(row);
    },
    byLogin: find,
    toPublic: publicUser,
  };
}
