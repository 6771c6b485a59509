import type { AccountView, UserRole } from '../../domain/cable';
import type { Caption } from '../../domain/captions';
import type { ClearanceLevel } from '../../domain/classification';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import {
  insertPerson,
  insertUser,
  listUsers,
  officeId,
  stationByPlad,
  updateUserRow,
  userByLogin,
  type UserWithPersonRow,
} from '../store/directoryRepository';
import { prepared } from '../store/statements';
import { createSealedKey } from '../crypto/keys';
import { storeKey } from '../crypto/keyStore';
import { hashPassphrase } from '../users/passphrase';
import type { Actor } from './actor';

/** Shortest passphrase accepted for a new or changed account. */
export const MIN_PASSPHRASE_LENGTH = 10;

export type NewAccount = Readonly<{
  login: string;
  displayName: string;
  post: string;
  office?: string | undefined;
  role: UserRole;
  clearance: ClearanceLevel;
  categories: ReadonlyArray<string>;
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  nationality?: string | null | undefined;
  passphrase: string;
}>;

export type AccountChanges = Readonly<{
  role?: UserRole | undefined;
  clearance?: ClearanceLevel | undefined;
  categories?: ReadonlyArray<string> | undefined;
  captionRoles?: ReadonlyArray<Caption> | undefined;
  foreignNational?: boolean | undefined;
  nationality?: string | null | undefined;
  disabled?: boolean | undefined;
  passphrase?: string | undefined;
}>;

/**
 * Account management for instructors and admins (issue: accounts and sign-in). Instructors
 * manage trainees, officers and historians (who read the imported archive whatever their
 * clearance, as instructors do: domain/access.ts); only admins create or change instructors and
 * admins. Every
 * change is audited (USER_CREATE, USER_UPDATE) without its secrets.
 */
export type AccountsService = Readonly<{
  list(actor: Actor): AccountView[];
  /** Async: the passphrase is hashed and the new signing key sealed off the main thread. */
  create(actor: Actor, account: NewAccount, now?: Date): Promise<AccountView>;
  update(actor: Actor, login: string, changes: AccountChanges, now?: Date): Promise<AccountView>;
  /**
   * A principal designates (or revokes) a user of the same post to read EXDIS traffic there
   * (DOMAIN.md §1.7: "the principal and those the principal designates"). Audited DESIGNATE.
   */
  designateExdis(principal: Actor, login: string, designated: boolean, now?: Date): void;
}>;

function accountView(r: UserWithPersonRow, office: string | null): AccountView {
  return {
    login: r.login,
    displayName: r.full_name,
    post: { plad: r.plad, name: r.station_name },
    office,
    role: r.role as UserRole,
    clearance: r.clearance as ClearanceLevel,
    categories: JSON.parse(r.categories) as string[],
    captionRoles: JSON.parse(r.caption_roles) as Caption[],
    foreignNational: r.foreign_national === 1,
    nationality: r.nationality,
    isPrincipal: r.is_principal === 1,
    disabled: r.disabled === 1,
    failedSignIns: r.failed_sign_ins,
  };
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new CableroomError('BAD_REQUEST', `A passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

export function createAccountsService(db: Db, audit: AuditTrail): AccountsService {
  const officeCode = db.prepare('SELECT code FROM offices WHERE id = ?').pluck();
  const view = (r: UserWithPersonRow): AccountView =>
    accountView(r, r.office_id === null ? null : ((officeCode.get(r.office_id) as string | undefined) ?? null));
  const mustManage = (actor: Actor, role: UserRole, what: string): void => {
    // A historian reads the imported archive, as an instructor does (domain/access.ts, the archive
    // rule): an instructor may grant what the instructor holds.
    const ok =
      actor.role === 'admin' ||
      (actor.role === 'instructor' && (role === 'trainee' || role === 'officer' || role === 'historian'));
    if (!ok) {
      audit.append({ actor: { userId: actor.userId, login: actor.login }, action: 'DENY', detail: { what } });
      throw new CableroomError(
        'ACCESS_DENIED',
        actor.role === 'instructor'
          ? 'Only admins manage instructors and admins.'
          : 'Only instructors and admins manage accounts.',
      );
    }
  };
  const foreignCheck = (foreignNational: boolean, nationality: string | null | undefined): void => {
    if (foreignNational && !nationality)
      throw new CableroomError('BAD_REQUEST', 'A foreign national needs a nationality (REL TO).');
  };

  return {
    list(actor) {
      mustManage(actor, 'trainee', 'accounts');
      return listUsers(db).map(view);
    },
    async create(actor, a, now = new Date()) {
      mustManage(actor, a.role, `create ${a.role}`);
      if (userByLogin(db, a.login)) throw new CableroomError('BAD_REQUEST', `The login "${a.login}" is taken.`);
      const station = stationByPlad(db, a.post);
      if (!station) throw new CableroomError('BAD_REQUEST', `Unknown post "${a.post}".`);
      const office = a.office ? officeId(db, station.id, a.office) : null;
      if (office === undefined) throw new CableroomError('BAD_REQUEST', `Unknown office "${a.office}" at ${a.post}.`);
      foreignCheck(a.foreignNational, a.nationality);
      checkPassphrase(a.passphrase);
      // Both derived off the main thread (issue 13 item 7), before the transaction.
      const secret = await hashPassphrase(a.passphrase);
      // The account's signing key, sealed with the same passphrase (issue 5: keys are created with the account).
      const signingKey = await createSealedKey(a.passphrase);
      // The login may have been taken while the passphrase was hashed.
      if (userByLogin(db, a.login)) throw new CableroomError('BAD_REQUEST', `The login "${a.login}" is taken.`);
      db.transaction(() => {
        const surname = a.displayName.trim().split(/\s+/).at(-1) ?? a.displayName;
        const personId = insertPerson(db, {
          key: `user:${a.login}`,
          surname,
          fullName: a.displayName.trim(),
          citedAs: surname,
          title: null,
          stationId: station.id,
          officeId: office,
          principal: false,
          persona: true,
        });
        const userId = insertUser(db, {
          login: a.login,
          personId,
          role: a.role,
          clearance: a.clearance,
          foreignNational: a.foreignNational,
          ...secret,
          createdAt: now.toISOString(),
        });
        updateUserRow(db, userId, {
          categories: JSON.stringify(a.categories),
          caption_roles: JSON.stringify(a.captionRoles),
          nationality: a.nationality ?? null,
        });
        // Audited by the key store (KEY_CREATE), in this transaction.
        storeKey(db, personId, signingKey, now, { userId: actor.userId, login: actor.login });
        audit.append(
          {
            actor: { userId: actor.userId, login: actor.login },
            action: 'USER_CREATE',
            detail: {
              login: a.login,
              role: a.role,
              clearance: a.clearance,
              post: a.post,
              foreignNational: a.foreignNational,
            },
          },
          now,
        );
      })();
      return view(userByLogin(db, a.login)!);
    },
    designateExdis(principal, login, designated, now = new Date()) {
      const row = userByLogin(db, login);
      if (!row) throw new CableroomError('NOT_FOUND', `Unknown login "${login}".`);
      if (!principal.isPrincipal || row.station_id !== principal.stationId) {
        audit.append({
          actor: { userId: principal.userId, login: principal.login },
          action: 'DENY',
          detail: { what: 'EXDIS designation', login },
        });
        throw new CableroomError(
          'ACCESS_DENIED',
          "Only the principal of the user's own post designates EXDIS readers.",
        );
      }
      db.transaction(() => {
        if (designated) {
          prepared(
            db,
            'INSERT OR IGNORE INTO exdis_designees (station_id, user_id, designated_by_user_id, designated_at) VALUES (?, ?, ?, ?)',
          ).run(row.station_id, row.id, principal.userId, now.toISOString());
        } else {
          prepared(db, 'DELETE FROM exdis_designees WHERE station_id = ? AND user_id = ?').run(row.station_id, row.id);
        }
        audit.append(
          {
            actor: { userId: principal.userId, login: principal.login },
            action: 'DESIGNATE',
            detail: { caption: 'EXDIS', login, designated },
          },
          now,
        );
      })();
    },
    async update(actor, login, c, now = new Date()) {
      const row = userByLogin(db, login);
      if (!row) throw new CableroomError('NOT_FOUND', `Unknown login "${login}".`);
      mustManage(actor, row.role as UserRole, `update ${login}`);
      if (c.role !== undefined) mustManage(actor, c.role, `make ${login} ${c.role}`);
      if (login === actor.login && (c.disabled === true || (c.role !== undefined && c.role !== actor.role))) {
        throw new CableroomError('BAD_REQUEST', 'You cannot disable your own account or change your own role.');
      }
      const foreignNational = c.foreignNational ?? row.foreign_national === 1;
      foreignCheck(foreignNational, c.nationality === undefined ? row.nationality : c.nationality);
      if (c.passphrase !== undefined) checkPassphrase(c.passphrase);
      const secret = c.passphrase !== undefined ? await hashPassphrase(c.passphrase) : null;
      // A new passphrase cannot unseal the old signing key: the account gets a new key pair and the
      // old public key is kept, retired, so that the signatures it made still verify.
      const signingKey = c.passphrase !== undefined ? await createSealedKey(c.passphrase) : null;
      db.transaction(() => {
        updateUserRow(db, row.id, {
          ...(c.role !== undefined ? { role: c.role } : {}),
          ...(c.clearance !== undefined ? { clearance: c.clearance } : {}),
          ...(c.categories !== undefined ? { categories: JSON.stringify(c.categories) } : {}),
          ...(c.captionRoles !== undefined ? { caption_roles: JSON.stringify(c.captionRoles) } : {}),
          ...(c.foreignNational !== undefined ? { foreign_national: c.foreignNational ? 1 : 0 } : {}),
          ...(c.nationality !== undefined ? { nationality: c.nationality } : {}),
          ...(c.disabled !== undefined ? { disabled: c.disabled ? 1 : 0 } : {}),
          ...(secret
            ? {
                passphrase_hash: secret.hash,
                passphrase_salt: secret.salt,
                kdf: secret.kdf,
                failed_sign_ins: 0,
                last_failed_at: null,
              }
            : {}),
        });
        // Audited by the key store (KEY_ROTATE), in this transaction.
        if (signingKey) storeKey(db, row.person_id, signingKey, now, { userId: actor.userId, login: actor.login });
        const { passphrase, ...visible } = c;
        audit.append(
          {
            actor: { userId: actor.userId, login: actor.login },
            action: 'USER_UPDATE',
            detail: { login, ...visible, ...(passphrase !== undefined ? { passphraseChanged: true } : {}) },
          },
          now,
        );
      })();
      return view(userByLogin(db, login)!);
    },
  };
}
