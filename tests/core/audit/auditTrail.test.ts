import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../../../electron/cli/cableroom';
import { GENESIS_HASH } from '../../../electron/core/audit/auditTrail';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { signInDelayMs } from '../../../electron/core/services/users';
import { seededCore } from '../../support/tempCore';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function core() {
  const c = seededCore();
  cleanups.push(c.dispose);
  return c;
}

/** Opens the file behind the app's back, as a tamperer would, with the append-only triggers dropped. */
function tamper(dbPath: string, sql: string): void {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(sql);
  raw.close();
}

async function verifyCli(dbPath: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['audit', 'verify', '--db', dbPath], {
    stdout: () => {},
    stderr: (t) => (err += t),
    env: {},
  });
  return { code, err };
}

async function fillTrail(c: ReturnType<typeof core>): Promise<void> {
  const topol = c.cables.idByRef('TOPOL 578');
  await c.users.signIn('finletter', SEED_PASSPHRASE, 'test');
  c.cables.show(c.users.byLogin('finletter'), topol, 'test');
  expect(() => c.cables.show(c.users.byLogin('trainee'), topol, 'test')).toThrow(/Access denied/);
  await expect(c.users.signIn('rusk', 'wrong', 'test')).rejects.toThrow('Wrong passphrase.');
}

describe('audit trail', () => {
  test('views, denials and sign-ins are appended as a hash chain that verifies', async () => {
    const c = core();
    // The seed's own entries come first (its keys, its signed cable, the installation, the anchor).
    const [seedHead] = c.audit.list({ limit: 1 });
    await fillTrail(c);
    const entries = c.audit.list({ limit: 4 }).reverse();
    expect(entries.map((e) => `${e.action} ${e.actorLogin}`)).toEqual([
      'SIGN_IN finletter',
      'VIEW finletter',
      'DENY trainee',
      'SIGN_IN_FAILED rusk',
    ]);
    expect(entries[0]!.prevHash).toBe(seedHead!.hash);
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    expect(entries[2]!.detail).toEqual({ channel: 'test', reason: 'CLEARANCE' });
    const first = c.audit.list({ limit: 1, beforeSeq: 2 });
    expect(first.map((e) => [e.seq, e.prevHash])).toEqual([[1, GENESIS_HASH]]);
    expect(c.audit.verify()).toMatchObject({ ok: true, entries: seedHead!.seq + 4 });
  });

  test('the trail refuses UPDATE and DELETE through SQL', async () => {
    const c = core();
    await fillTrail(c);
    expect(() => c.db.exec("UPDATE audit_log SET action = 'VIEW' WHERE seq = 3")).toThrow(/append-only/);
    expect(() => c.db.exec('DELETE FROM audit_log WHERE seq = 3')).toThrow(/append-only/);
  });

  test.each([
    ['a changed entry', "UPDATE audit_log SET actor_login = 'duty-usro' WHERE seq = 3", 3, /changed/],
    [
      'a changed detail',
      `UPDATE audit_log SET detail = '{"channel":"test","reason":"NONE"}' WHERE seq = 3`,
      3,
      /changed/,
    ],
    ['a removed entry', 'DELETE FROM audit_log WHERE seq = 2', 3, /removed/],
    [
      'reordered entries',
      'UPDATE audit_log SET seq = -seq WHERE seq IN (2, 3); UPDATE audit_log SET seq = CASE seq WHEN -2 THEN 3 ELSE 2 END WHERE seq < 0',
      2,
      /does not follow/,
    ],
  ])('%s makes `cableroom audit verify` exit 5 naming the first bad entry', async (_what, sql, firstBad, problem) => {
    const c = core();
    await fillTrail(c);
    c.close();
    expect(await verifyCli(c.dbPath)).toEqual({ code: 0, err: '' });
    tamper(c.dbPath, sql);
    const { code, err } = await verifyCli(c.dbPath);
    expect(code).toBe(5);
    expect(err).toContain(`audit trail broken at entry ${firstBad}`);
    expect(err).toMatch(problem);
  });

  test('only instructors and admins read the trail; a refused reader is audited', async () => {
    const c = core();
    await fillTrail(c);
    expect(() => c.auditView.list(c.users.byLogin('trainee'), { limit: 10 })).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    const views = c.auditView.list(c.users.byLogin('instructor'), { limit: 10, action: 'VIEW' });
    expect(views).toEqual([expect.objectContaining({ actorLogin: 'finletter', cableRef: 'TOPOL 578' })]);
    const byTrainee = c.auditView.list(c.users.byLogin('instructor'), { limit: 10, login: 'trainee' });
    expect(byTrainee.map((e) => e.action)).toEqual(['DENY', 'DENY']);
  });
});

describe('sign-in throttling', () => {
  test('three failures are free, then each attempt waits twice as long, up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 20].map(signInDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 60_000]);
  });

  test('after repeated failures even the right passphrase is refused until the wait is over, and each refusal is audited', async () => {
    const c = core();
    const t0 = new Date('2026-11-28T10:00:00Z');
    const at = (ms: number): Date => new Date(t0.getTime() + ms);
    for (let i = 0; i < 3; i++)
      await expect(c.users.signIn('duty-usro', 'guess', 'test', t0)).rejects.toThrow('Wrong passphrase.');
    // The fourth attempt has to wait a second after the third failure.
    await expect(c.users.signIn('duty-usro', 'guess', 'test', at(500))).rejects.toThrow(
      'Too many failed attempts. Try again in 1 s.',
    );
    await expect(c.users.signIn('duty-usro', 'guess', 'test', at(1_000))).rejects.toThrow('Wrong passphrase.');
    // Four failures: two seconds, and the right passphrase does not jump the queue.
    await expect(c.users.signIn('duty-usro', SEED_PASSPHRASE, 'test', at(2_500))).rejects.toThrow(
      'Too many failed attempts. Try again in 1 s.',
    );
    const later = at(3_000);
    expect((await c.users.signIn('duty-usro', SEED_PASSPHRASE, 'test', later)).login).toBe('duty-usro');
    // Success resets the counter.
    await expect(c.users.signIn('duty-usro', 'guess', 'test', later)).rejects.toThrow('Wrong passphrase.');
    const reasons = c.audit
      .list({ limit: 20, login: 'duty-usro', action: 'SIGN_IN_FAILED' })
      .map((e) => e.detail.reason);
    expect(reasons).toEqual([
      'wrong passphrase',
      'throttled',
      'wrong passphrase',
      'throttled',
      'wrong passphrase',
      'wrong passphrase',
      'wrong passphrase',
    ]);
  });
});

test('the CLI reports an intact trail with its size', async () => {
  const c = core();
  await fillTrail(c);
  let out = '';
  const code = await main(['audit', 'verify', '--json', '--db', c.dbPath], {
    stdout: (t) => (out += t),
    stderr: () => {},
    env: {},
  });
  expect(code).toBe(0);
  const total = c.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  expect(JSON.parse(out)).toMatchObject({ ok: true, entries: total });
});
