import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openSecretKey, sealKdf } from '../../../electron/core/crypto/keys';
import { currentKey } from '../../../electron/core/crypto/keyStore';
import { PRODUCTION_COST, setScryptCostForTests } from '../../../electron/core/crypto/scrypt';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { kdfLabel } from '../../../electron/core/users/passphrase';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * Issue 13 item 7: the signing passphrase is guessed on the sign-in counter and throttled like
 * sign-in (users/passphraseGate.ts); scrypt runs off the main thread; hashes and sealed keys made
 * at the seed's 2^15 are made again at 2^17 after a success.
 */
const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

/** duty-usro's POLTO reply, saved from the documented example. */
function drafted(c: SeededCore): DraftView {
  const duty = c.users.byLogin('duty-usro');
  const created = c.drafts.create(duty, {});
  return c.drafts.save(duty, created.id, created.revision, EXAMPLE);
}

/**
 * Gives `login` a new passphrase, hashed and its key sealed at the suite's low cost, so that each
 * attempt takes milliseconds and the throttle's one-second window is never at the mercy of a
 * loaded machine. Returns the passphrase.
 */
async function quickPassphrase(c: SeededCore, login: string): Promise<string> {
  const passphrase = `${login} quick passphrase`;
  await c.accounts.update(c.users.byLogin('instructor'), login, { passphrase });
  return passphrase;
}

const counter = (c: SeededCore, login: string) =>
  c.db
    .prepare('SELECT failed_sign_ins AS failures, last_failed_at AS lastFailedAt FROM users WHERE login = ?')
    .get(login) as { failures: number; lastFailedAt: string | null };

const refusals = (c: SeededCore, login: string, action: 'SIGN_FAILED' | 'SIGN_IN_FAILED') =>
  c.audit.list({ limit: 50, login, action }).map((e) => ({ channel: e.detail.channel, reason: e.detail.reason }));

const kdfOf = (c: SeededCore, login: string): string =>
  c.db.prepare('SELECT kdf FROM users WHERE login = ?').pluck().get(login) as string;

describe('the signing passphrase is throttled on the sign-in counter (issue 13 item 7)', () => {
  test('three wrong signing passphrases are free; then even the right one waits, sign-in too, and all is audited', async () => {
    const c = core();
    const right = await quickPassphrase(c, 'duty-usro');
    const duty = c.users.byLogin('duty-usro');
    const d = drafted(c);
    for (let i = 0; i < 3; i++) {
      await expect(c.drafts.submit(duty, d.id, d.revision, `guess ${i}`)).rejects.toThrow(
        expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) as Error,
      );
    }
    // The same counter as sign-in.
    expect(counter(c, 'duty-usro').failures).toBe(3);
    // Throttled: the right passphrase signs nothing until the wait is over.
    await expect(c.drafts.submit(duty, d.id, d.revision, right)).rejects.toThrow(
      expect.objectContaining({
        code: 'WRONG_PASSPHRASE',
        message: expect.stringMatching(/Try again in 1 s/),
      }) as Error,
    );
    expect(c.db.prepare('SELECT count(*) FROM draft_signatures').pluck().get()).toBe(0);
    // Signing in is held back by the same wait.
    await expect(c.users.signIn('duty-usro', right, 'test')).rejects.toThrow(/Try again in 1 s/);
    expect(refusals(c, 'duty-usro', 'SIGN_FAILED').reverse()).toEqual([
      { channel: 'signing', reason: 'wrong passphrase' },
      { channel: 'signing', reason: 'wrong passphrase' },
      { channel: 'signing', reason: 'wrong passphrase' },
      { channel: 'signing', reason: 'throttled' },
    ]);
    expect(refusals(c, 'duty-usro', 'SIGN_IN_FAILED')).toEqual([{ channel: 'test', reason: 'throttled' }]);

    // Once the wait is over, a successful sign-in resets the counter, and signing works again.
    const later = new Date(Date.parse(counter(c, 'duty-usro').lastFailedAt!) + 1_000);
    expect((await c.users.signIn('duty-usro', right, 'test', later)).login).toBe('duty-usro');
    expect(counter(c, 'duty-usro')).toEqual({ failures: 0, lastFailedAt: null });
    expect((await c.drafts.submit(duty, d.id, d.revision, right)).state).toBe('IN_CLEARANCE');
  });

  test('a successful signature resets the counter as a sign-in does', async () => {
    const c = core();
    const duty = c.users.byLogin('duty-usro');
    const d = drafted(c);
    await expect(c.users.signIn('duty-usro', 'guess', 'test')).rejects.toThrow('Wrong passphrase.');
    await expect(c.drafts.submit(duty, d.id, d.revision, 'guess')).rejects.toThrow(/does not unlock/);
    expect(counter(c, 'duty-usro').failures).toBe(2);
    await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    expect(counter(c, 'duty-usro')).toEqual({ failures: 0, lastFailedAt: null });
  });

  test('signing a bundle counts on the same counter, audited with the export channel', async () => {
    const c = core();
    const right = await quickPassphrase(c, 'rusk');
    const rusk = c.users.byLogin('rusk');
    const ids = [c.cables.idByRef('POLTO 506')];
    for (let i = 0; i < 3; i++) {
      await expect(c.exchange.exportBundle(rusk, ids, `guess ${i}`)).rejects.toThrow(/does not unlock/);
    }
    await expect(c.exchange.exportBundle(rusk, ids, right)).rejects.toThrow(/Try again in 1 s/);
    expect(counter(c, 'rusk').failures).toBe(3);
    expect(refusals(c, 'rusk', 'SIGN_FAILED').map((r) => `${String(r.channel)}: ${String(r.reason)}`)).toEqual([
      'export: throttled',
      'export: wrong passphrase',
      'export: wrong passphrase',
      'export: wrong passphrase',
    ]);
    expect(c.audit.list({ limit: 5, login: 'rusk', action: 'EXPORT' })).toEqual([]);
  });

  test('a burst of guesses in parallel is throttled like a sequence of them', async () => {
    const c = core();
    await quickPassphrase(c, 'duty-usro');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => c.users.signIn('duty-usro', `guess ${i}`, 'test')),
    );
    const messages = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'signed in'));
    expect(messages.filter((m) => m === 'Wrong passphrase.')).toHaveLength(3);
    expect(messages.filter((m) => /Try again/.test(m))).toHaveLength(5);
  });
});

describe('scrypt runs off the main thread (issue 13 item 7)', () => {
  /** Counts turns of the event loop while `work` runs. */
  async function turnsDuring(work: () => Promise<unknown> | unknown): Promise<number> {
    let turns = 0;
    let running = true;
    const spin = (): void => {
      if (!running) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    try {
      await work();
    } finally {
      running = false;
    }
    return turns;
  }

  test('the event loop keeps turning while a sign-in is verified', async () => {
    const c = core();
    expect(await turnsDuring(() => c.users.signIn('finletter', SEED_PASSPHRASE, 'test'))).toBeGreaterThan(1);
  });

  test('the event loop keeps turning while a signing key is unsealed', async () => {
    const c = core();
    const d = drafted(c);
    const duty = c.users.byLogin('duty-usro');
    expect(await turnsDuring(() => c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE))).toBeGreaterThan(1);
  });

  test('the event loop keeps turning while a new passphrase is hashed and its key sealed', async () => {
    const c = core();
    const turns = await turnsDuring(() =>
      c.accounts.update(c.users.byLogin('instructor'), 'trainee', { passphrase: 'a new long passphrase' }),
    );
    expect(turns).toBeGreaterThan(1);
  });
});

describe('OWASP cost: N=2^17, r=8, p=1, and re-hashing what was made at 2^15 (issue 13 item 7)', () => {
  afterEach(() => setScryptCostForTests(1 << 12));

  test('a seed hash at 2^15 is hashed again at 2^17 after a successful sign-in, and still signs in', async () => {
    setScryptCostForTests(null);
    expect(PRODUCTION_COST).toEqual({ N: 131072, r: 8, p: 1 });
    const c = core();
    expect(kdfOf(c, 'finletter')).toBe('scrypt:N=32768,r=8,p=1');
    await expect(c.users.signIn('finletter', 'guess', 'test')).rejects.toThrow('Wrong passphrase.');
    expect(kdfOf(c, 'finletter')).toBe('scrypt:N=32768,r=8,p=1');
    await c.users.signIn('finletter', SEED_PASSPHRASE, 'test');
    // Re-hashed after the answer (tests/core/services/signInRehash.test.ts).
    await c.users.settled();
    expect(kdfOf(c, 'finletter')).toBe('scrypt:N=131072,r=8,p=1');
    expect((await c.users.signIn('finletter', SEED_PASSPHRASE, 'test')).login).toBe('finletter');
    await expect(c.users.signIn('finletter', 'guess', 'test')).rejects.toThrow('Wrong passphrase.');
  });

  test('a signing key sealed at 2^15 is sealed again at 2^17 when it is next opened, and still signs', async () => {
    setScryptCostForTests(null);
    const c = core();
    const duty = c.users.byLogin('duty-usro');
    const before = currentKey(c.db, duty.personId)!;
    expect(before.sealed!.kdf).toBe('scrypt:N=32768,r=8,p=1+secretbox');
    const d = drafted(c);
    await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    const after = currentKey(c.db, duty.personId)!;
    expect(after.sealed!.kdf).toBe('scrypt:N=131072,r=8,p=1+secretbox');
    // The same key pair, the same registry row: only its sealing changed.
    expect({ id: after.id, fingerprint: after.fingerprint }).toEqual({
      id: before.id,
      fingerprint: before.fingerprint,
    });
    expect(c.audit.verify().ok).toBe(true);
    // Still the key on record, and it opens with the same passphrase.
    expect((await openSecretKey(after.sealed!, SEED_PASSPHRASE)).subarray(32)).toEqual(before.publicKey);
  });

  test('new passphrases are hashed, and new keys sealed, at 2^17 (the derivations above run at it)', () => {
    setScryptCostForTests(null);
    expect(kdfLabel()).toBe('scrypt:N=131072,r=8,p=1');
    expect(sealKdf()).toBe('scrypt:N=131072,r=8,p=1+secretbox');
  });
});
