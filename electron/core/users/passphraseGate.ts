import type { AuditAction } from '../../domain/audit';
import type { ErrorCode } from '../../contract/errors';
import type { AuditTrail } from '../audit/auditTrail';
import { openSecretKey, sealedBelowCurrentCost, sealSecretKey } from '../crypto/keys';
import { resealKey, type StoredKey } from '../crypto/keyStore';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import { recordSignInFailure, recordSignInSuccess } from '../store/directoryRepository';
import { prepared } from '../store/statements';

/**
 * The one place where a user's passphrase is checked, for whatever purpose (issue 13 item 7):
 * signing in, an approver confirming in person, signing a draft, signing a bundle. Every purpose
 * counts on the same counter (users.failed_sign_ins / last_failed_at): three failures are free,
 * then each attempt waits `signInDelayMs` after the last failure — the right passphrase too — and
 * a success resets the counter. A throttled or wrong attempt is audited with its channel and
 * reason.
 *
 * The attempt is counted as a failure BEFORE the passphrase is derived (scrypt runs off the main
 * thread, so attempts can overlap) and the count is reset only by a success: a burst of parallel
 * guesses, from one window or several processes, is throttled like a sequence of them.
 */

/** Failed attempts allowed before each further attempt has to wait. */
const FREE_ATTEMPTS = 3;
/** The wait doubles with every failure past the free ones, up to this ceiling. */
const MAX_DELAY_MS = 60_000;

/** How long a user must wait after `failures` consecutive failed passphrase checks. */
export function signInDelayMs(failures: number): number {
  return failures < FREE_ATTEMPTS ? 0 : Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export type PassphrasePurpose = Readonly<{
  /** 'app', 'cli', 'approval' (sign-in); 'signing', 'export' (the signing key). */
  channel: string;
  /** What a refusal is audited as: SIGN_IN_FAILED for sign-in, SIGN_FAILED for a signature. */
  audited: Extract<AuditAction, 'SIGN_IN_FAILED' | 'SIGN_FAILED'>;
  /** The error a refusal throws. */
  code: Extract<ErrorCode, 'SIGN_IN_FAILED' | 'WRONG_PASSPHRASE'>;
  wrongMessage: string;
  /** More to say in the audit entry (the draft, the role). */
  detail?: Readonly<Record<string, unknown>>;
}>;

export type PassphraseUser = Readonly<{ id: number; login: string }>;

/**
 * Runs `attempt` (which derives from the passphrase: null means it was wrong) for `user` under
 * the throttle and returns what it gives.
 */
export async function checkPassphrase<T>(
  db: Db,
  audit: AuditTrail,
  user: PassphraseUser,
  purpose: PassphrasePurpose,
  attempt: () => Promise<T | null>,
  now: Date = new Date(),
): Promise<T> {
  const refuse = (reason: string, message: string): never => {
    audit.append(
      {
        actor: { userId: user.id, login: user.login },
        action: purpose.audited,
        detail: { ...purpose.detail, channel: purpose.channel, reason },
      },
      now,
    );
    throw new CableroomError(purpose.code, message);
  };
  const waitMs = db
    .transaction((): number => {
      const r = prepared(db, 'SELECT failed_sign_ins, last_failed_at FROM users WHERE id = ?').get(user.id) as
        { failed_sign_ins: number; last_failed_at: string | null } | undefined;
      if (!r) throw new CableroomError('NOT_FOUND', `Unknown login "${user.login}".`);
      const wait =
        r.last_failed_at === null ? 0 : Date.parse(r.last_failed_at) + signInDelayMs(r.failed_sign_ins) - now.getTime();
      if (wait <= 0) recordSignInFailure(db, user.id, now.toISOString());
      return wait;
    })
    .immediate();
  if (waitMs > 0) {
    return refuse('throttled', `Too many failed attempts. Try again in ${Math.ceil(waitMs / 1000)} s.`);
  }
  const result = await attempt();
  if (result === null) return refuse('wrong passphrase', purpose.wrongMessage);
  recordSignInSuccess(db, user.id);
  return result;
}

/**
 * Unseals `key` (the user's current signing key) with the passphrase under the throttle; a wrong
 * one is WRONG_PASSPHRASE, audited SIGN_FAILED. A key sealed at a lower cost than keys are
 * sealed at now is sealed again at the current cost while it is open (same key pair, so nothing
 * it signed changes). The caller owns the returned secret and must wipe it after its one use.
 */
export async function unsealSigningKey(
  db: Db,
  audit: AuditTrail,
  user: PassphraseUser,
  key: StoredKey,
  passphrase: string,
  purpose: Readonly<{ channel: 'signing' | 'export'; detail: Readonly<Record<string, unknown>> }>,
): Promise<Uint8Array> {
  const sealed = key.sealed;
  if (!sealed) throw new CableroomError('BAD_REQUEST', 'You have no signing key to sign with.');
  const secret = await checkPassphrase(
    db,
    audit,
    user,
    {
      ...purpose,
      audited: 'SIGN_FAILED',
      code: 'WRONG_PASSPHRASE',
      wrongMessage: 'The passphrase does not unlock your signing key. Nothing was signed.',
    },
    async () => {
      try {
        return await openSecretKey(sealed, passphrase);
      } catch (e) {
        if (e instanceof CableroomError && e.code === 'WRONG_PASSPHRASE') return null;
        throw e;
      }
    },
  );
  if (sealedBelowCurrentCost(sealed)) {
    try {
      resealKey(db, key.id, sealed.kdf, await sealSecretKey(sealed.publicKey, secret, passphrase));
    } catch (e) {
      secret.fill(0);
      throw e;
    }
  }
  return secret;
}
