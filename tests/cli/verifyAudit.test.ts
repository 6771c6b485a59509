import { describe, expect, test } from 'vitest';
import { osUserName, startVerifyAudit } from '../../electron/cli/commands/verifyAudit';
import { openCore, type Core } from '../../electron/core/app';
import type { AuditEntry } from '../../electron/core/audit/auditTrail';
import type { VerifyAllSummary } from '../../electron/core/signing/bulkVerify';
import { cliFixture, runCli as run, tamperPolto506 } from '../support/cli';
import { SEED_DIR } from '../support/tempCore';

/**
 * Issue 15: `cableroom verify` is audited as the app's run of it is (services/integrity.ts):
 * VERIFY at its start and with its summary at its end, channel 'cli', what was asked for, and
 * each TAMPERED cable on its own entry (as opening it records it). The output is unchanged.
 */
const { seededDb } = cliFixture();

async function withCore<T>(db: string, f: (core: Core) => T | Promise<T>): Promise<T> {
  const core = openCore({ dbPath: db, mustExist: true, seedDir: SEED_DIR });
  try {
    return await f(core);
  } finally {
    core.close();
  }
}

/** The trail's entries of `actions`, oldest first, and whether the whole trail verifies. */
function entries(db: string, ...actions: AuditEntry['action'][]): Promise<{ list: AuditEntry[]; ok: boolean }> {
  return withCore(db, (core) => ({
    list: core.audit
      .list({ limit: 1000 })
      .filter((e) => actions.includes(e.action))
      .reverse(),
    ok: core.audit.verify().ok,
  }));
}

/** The OS user as the entries name it (absent where it cannot be read). */
const os = osUserName();
const osUser = os === null ? {} : { osUser: os };

describe('cableroom verify writes VERIFY entries, as the app does', () => {
  test('verify REF: a start and an end entry naming the REF, the system as actor, the OS user', async () => {
    const db = await seededDb();
    const r = await run('verify', 'POLTO 506', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^POLTO 506 +VERIFIED\n/);
    const { list, ok } = await entries(db, 'VERIFY', 'TAMPERED');
    expect(ok).toBe(true);
    expect(list).toHaveLength(2);
    const [start, end] = list;
    expect(start).toMatchObject({ actorUserId: null, actorLogin: null, cableId: null });
    expect(start!.detail).toEqual({ channel: 'cli', phase: 'start', refs: ['POLTO 506'], ...osUser });
    expect(end).toMatchObject({ actorUserId: null, actorLogin: null });
    expect(end!.detail).toEqual({
      channel: 'cli',
      phase: 'end',
      refs: ['POLTO 506'],
      ...osUser,
      cables: 1,
      signatures: 3,
      failed: 0,
      seconds: expect.any(Number) as unknown,
    });
    expect(end!.seq).toBeGreaterThan(start!.seq);
  });

  test('verify --all --as LOGIN: attributed to that account, all: true; --json output unchanged', async () => {
    const db = await seededDb();
    const r = await run('verify', '--all', '--as', 'instructor', '--json', '--db', db);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as unknown[];
    expect(r.out).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(r.err).toBe('');
    const { list, ok } = await entries(db, 'VERIFY');
    expect(ok).toBe(true);
    expect(list.map((e) => [e.actorLogin, e.detail.phase, e.detail.all, e.detail.channel])).toEqual([
      ['instructor', 'start', true, 'cli'],
      ['instructor', 'end', true, 'cli'],
    ]);
    const instructorId = await withCore(db, (core) => core.users.byLogin('instructor').userId);
    expect(list.every((e) => e.actorUserId === instructorId)).toBe(true);
    expect(list[1]!.detail).toMatchObject({ cables: 1, signatures: 3, failed: 0 });
  });

  test('a tampered cable: TAMPERED on that cable with its problems, the end entry counts it', async () => {
    const db = await seededDb();
    tamperPolto506(db);
    const r = await run('verify', '--all', '--db', db);
    expect(r.code).toBe(5);
    expect(r.out).toMatch(/POLTO 506 +TAMPERED/);
    const poltoId = await withCore(db, (core) => core.cables.idByRef('POLTO 506'));
    const { list, ok } = await entries(db, 'VERIFY', 'TAMPERED');
    expect(ok).toBe(true);
    expect(list.map((e) => [e.action, e.detail.phase])).toEqual([
      ['VERIFY', 'start'],
      ['TAMPERED', undefined],
      ['VERIFY', 'end'],
    ]);
    const tampered = list[1]!;
    expect(tampered).toMatchObject({ actorUserId: null, actorLogin: null, cableId: poltoId });
    expect(tampered.detail.channel).toBe('cli');
    expect(tampered.detail.problems).toEqual(expect.any(Array));
    const failed = tampered.detail.failed as { role: string; signer: string; problem: string }[];
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]).toMatchObject({ problem: 'the signature does not match the cable as stored' });
    expect(list[2]!.detail).toMatchObject({ phase: 'end', all: true, cables: 1, failed: 1 });
    // `cableroom audit verify` agrees.
    const verified = await run('audit', 'verify', '--db', db);
    expect(verified.code, verified.err).toBe(0);
  });

  test('nothing is verified, nothing audited: an unknown REF or --as login', async () => {
    const db = await seededDb();
    expect((await run('verify', 'POLTO 999', '--db', db)).code).toBe(4);
    expect((await run('verify', '--all', '--as', 'nobody', '--db', db)).code).toBe(4);
    expect((await entries(db, 'VERIFY')).list).toEqual([]);
  });
});

describe('the verify audit itself', () => {
  test('a stopped run writes its end entry with the error, once; a closed database, none', async () => {
    const db = await seededDb();
    await withCore(db, (core) => {
      const audit = startVerifyAudit(core.db, core.audit, { userId: null, login: null }, { all: true });
      audit.stopped('Verification stopped: a worker failed.');
      audit.stopped('again');
      const last = core.audit.list({ limit: 2, action: 'VERIFY' });
      expect(last.map((e) => e.detail)).toEqual([
        {
          channel: 'cli',
          phase: 'end',
          all: true,
          ...osUser,
          error: 'Verification stopped: a worker failed.',
          decided: 0,
        },
        { channel: 'cli', phase: 'start', all: true, ...osUser },
      ]);
      const later = startVerifyAudit(core.db, core.audit, { userId: null, login: null }, { refs: ['POLTO 506'] });
      core.db.close();
      expect(() => later.stopped('Interrupted by SIGINT after 0 cable(s).')).not.toThrow();
    });
    const { list, ok } = await entries(db, 'VERIFY');
    expect(ok).toBe(true);
    expect(list.map((e) => e.detail.phase)).toEqual(['start', 'end', 'start']);
  });

  test('TAMPERED entries are bounded per run; the end entry counts those not recorded', async () => {
    const db = await seededDb();
    await withCore(db, (core) => {
      const id = core.cables.idByRef('POLTO 506');
      const audit = startVerifyAudit(core.db, core.audit, { userId: null, login: null }, { all: true }, 2);
      const tampered = {
        cableId: id,
        ref: 'POLTO 506',
        status: 'TAMPERED' as const,
        signatures: [],
        problems: ['The approver signature is missing.'],
      };
      for (let i = 0; i < 5; i++) audit.decided(tampered);
      audit.decided({ ...tampered, status: 'VERIFIED', problems: [] });
      // A cable released signed and since removed: recorded without a cable to point to.
      const removed = startVerifyAudit(core.db, core.audit, { userId: null, login: null }, { all: true });
      removed.decided({ ...tampered, cableId: 999_999, ref: 'cable #999999' });
      audit.finished({ cables: 6, signatures: 0, failed: 5, seconds: 0.0123456 } as VerifyAllSummary);
      const written = core.audit.list({ limit: 10, action: 'TAMPERED' }).reverse();
      expect(written.map((e) => [e.cableId, e.detail.removedCableId])).toEqual([
        [id, undefined],
        [id, undefined],
        [null, 999_999],
      ]);
      expect(audit.count).toBe(6);
      expect(core.audit.list({ limit: 1, action: 'VERIFY' })[0]!.detail).toMatchObject({
        phase: 'end',
        failed: 5,
        seconds: 0.012,
        tamperedUnrecorded: 3,
      });
      expect(core.audit.verify().ok).toBe(true);
    });
  });
});
