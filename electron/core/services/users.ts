import type { SignedInUser, UserSummary } from '../../domain/cable';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import { listUsers, userByLogin } from '../store/directoryRepository';
import { verifyPassphrase } from '../users/passphrase';
import { actorFromRow, publicUser, type Actor } from './actor';

export type UsersService = Readonly<{
  list(): UserSummary[];
  /** Checks the passphrase; throws SIGN_IN_FAILED on a wrong one. */
  signIn(login: string, passphrase: string): Actor;
  /** Resolves a login without a passphrase (the CLI runs with the database owner's authority). */
  byLogin(login: string): Actor;
  toPublic(actor: Actor): SignedInUser;
}>;

export function createUsersService(db: Db): UsersService {
  const find = (login: string): Actor => {
    const row = userByLogin(db, login);
    if (!row) throw new CableroomError('NOT_FOUND', `Unknown login "${login}".`);
    return actorFromRow(row);
  };
  return {
    list: () =>
      listUsers(db).map((r) => {
        const { login, displayName, post, role, clearance } = actorFromRow(r);
        return { login, displayName, post, role, clearance };
      }),
    signIn(login, passphrase) {
      const row = userByLogin(db, login);
      if (!row) throw new CableroomError('SIGN_IN_FAILED', `Unknown login "${login}".`);
      const ok = verifyPassphrase(passphrase, { hash: row.passphrase_hash, salt: row.passphrase_salt, kdf: row.kdf });
      if (!ok) throw new CableroomError('SIGN_IN_FAILED', 'Wrong passphrase.');
      return actorFromRow(row);
    },
    byLogin: find,
    toPublic: publicUser,
  };
}
