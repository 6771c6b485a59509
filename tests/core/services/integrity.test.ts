import { describe, expect, test } from 'vitest';
import type { AuditAction, AuditEntry } from '../../../electron/core/audit/auditTrail';
import type { Actor } from '../../../electron/core/services/actor';
import { MAX_TAMPERED_ENTRIES } from '../../../electron/core/audit/verifyRun';
import { createIntegrityService } from '../../../electron/core/services/integrity';
import {
  insertCableSignatures,
  readSignedCables,
  releasedCableInput,
} from '../../../electron/core/signing/signedCable';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { MAX_LISTED_FAILURES, type IntegrityFailure } from '../../../electron/domain/integrity';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { signedCopies } from '../signing/signedCopies';

/**
 * Issue 15 item 3: verifying every signed cable from the app (core/services/integrity.ts), on a
 * real SQLite file with the real seed, whose signed cable POLTO 506 is changed by SQL.
 */
const core = seededCoreFixture();

/**
 * POLTO 506 changed in the file: a word added to its first paragraph, and its EYES ONLY caption
 * stripped — which would put it before the Department's readers, the seed's instructor among them.
 */
function tamperPolto(c: SeededCore): number {
  const id = c.db.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
  const text = c.db.prepare("UPDATE paragraphs SET text = text || ' (amended)' WHERE cable_id = ? AND number = 1");
  expect(text.run(id).changes).toBe(1);
  expect(c.db.prepare("UPDATE cables SET captions = '[]' WHERE id = ?").run(id).changes).toBe(1);
  c.db
    .prepare('DELETE FROM eyes_only WHERE transmission_id IN (SELECT id FROM transmissions WHERE cable_id = ?)')
    .run(id);
  return id;
}

/** The trail's entries of one action, oldest first. */
function entries(c: SeededCore, action: AuditAction): AuditEntry[] {
  return c.audit.list({ action, limit: 50 }).reverse();
}

describe('verifying every signed cable from the app', () => {
  test('a trainee is refused, and the refusal audited (DENY)', () => {
    const c = core();
    const trainee = c.users.byLogin('trainee');
    expect(() => c.integrity.start(trainee, 'app')).toThrow(
      expect.objectContaining({
        code: 'ACCESS_DENIED',
        message: 'Only instructors and admins verify every signed cable.',
      }),
    );
    const deny = entries(c, 'DENY').at(-1)!;
    expect(deny).toMatchObject({ actorLogin: 'trainee', detail: { what: 'verify every signed cable' } });
    expect(entries(c, 'VERIFY')).toEqual([]);
  });

  test('an instructor gets the failure, with what failed, as it is found; start and summary audited', async () => {
    const c = core();
    const id = tamperPolto(c);
    const instructor = c.users.byLogin('instructor');
    const streamed: IntegrityFailure[] = [];
    const progress: [number, number][] = [];
    const started = c.integrity.start(instructor, 'app', {
      onFailure: (f) => streamed.push(f),
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(started).toMatchObject({ state: 'running', done: 0, failures: [], summary: null });
    // One run at a time.
    expect(() => c.integrity.start(instructor, 'app')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));

    const run = await c.integrity.finished(instructor, started.runId);
    expect(run).toMatchObject({
      state: 'finished',
      done: 1,
      total: 1,
      failuresListed: 1,
      withheld: 0,
      unlisted: 0,
      summary: { cables: 1, signatures: 3, failed: 1 },
      error: null,
    });
    const [failure] = run.failures;
    expect(failure).toMatchObject({ cableId: id, ref: 'POLTO 506', status: 'TAMPERED' });
    expect(failure!.banner).toMatch(/^(SECRET|CONFIDENTIAL|TOP SECRET)/);
    expect(failure!.signatures.map((s) => [s.role, s.signer, s.problem])).toEqual([
      ['DRAFTER', 'duty-usro', 'the signature does not match the cable as stored'],
      ['CLEARER', 'finletter', 'the signature does not match the cable as stored'],
      ['APPROVER', 'finletter', 'the signature does not match the cable as stored'],
    ]);
    expect(streamed).toEqual(run.failures);
    expect(progress.at(-1)).toEqual([1, 1]);
    // Polling from an index gives only what came after it.
    expect(c.integrity.status(instructor, run.runId, 1).failures).toEqual([]);
    expect(c.integrity.status(instructor, run.runId, 0).failures).toEqual(run.failures);

    const verify = entries(c, 'VERIFY');
    expect(verify.map((e) => e.detail)).toEqual([
      { channel: 'app', phase: 'start' },
      { channel: 'app', phase: 'end', cables: 1, signatures: 3, failed: 1, seconds: expect.any(Number) },
    ]);
    expect(verify.every((e) => e.actorLogin === 'instructor')).toBe(true);
    // The failure is also on the cable's own record, as opening it would put it (rules 23–24).
    expect(entries(c, 'TAMPERED').map((e) => [e.actorLogin, e.cableId, e.detail])).toEqual([
      [
        'instructor',
        id,
        {
          channel: 'app',
          problems: [],
          failed: failure!.signatures.map((s) => ({ role: s.role, signer: s.signer, problem: s.problem })),
        },
      ],
    ]);
    expect(c.audit.verify()).toMatchObject({ ok: true });
    // A new run may start once this one has ended.
    const again = c.integrity.start(instructor, 'app');
    await c.integrity.finished(instructor, again.runId);
  });

  test('a failure on a cable the instructor may not read is only counted (rule 18)', async () => {
    const c = core();
    tamperPolto(c);
    // The instructor cleared no higher than CONFIDENTIAL: the SECRET cable is not theirs to read.
    c.db.prepare("UPDATE users SET clearance = 'CONFIDENTIAL' WHERE login = 'instructor'").run();
    const instructor = c.users.byLogin('instructor');
    const service = createIntegrityService(c.db, c.audit, { workers: 1 });
    const streamed: IntegrityFailure[] = [];
    const run = service.start(instructor, 'app', { onFailure: (f) => streamed.push(f) });
    const done = await service.finished(instructor, run.runId);
    expect(done).toMatchObject({ state: 'finished', failures: [], failuresListed: 0, withheld: 1 });
    expect(done.summary).toMatchObject({ failed: 1 });
    expect(streamed).toEqual([]);
    expect(JSON.stringify(done)).not.toMatch(/POLTO/);
  });

  test("another user's run is not found; a trainee cannot poll; verified cables list nothing", async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    const run = c.integrity.start(instructor, 'app');
    const done = await c.integrity.finished(instructor, run.runId);
    expect(done).toMatchObject({ state: 'finished', failures: [], withheld: 0, summary: { cables: 1, failed: 0 } });
    const other: Actor = { ...instructor, userId: instructor.userId + 1000 };
    expect(() => c.integrity.status(other, run.runId)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    const trainee = c.users.byLogin('trainee');
    expect(() => c.integrity.status(trainee, run.runId)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
  });

  test('past the list cap failures are counted; polling from an index brings only the newer ones', async () => {
    const c = core();
    const copies = MAX_LISTED_FAILURES + 5;
    const polto = c.db.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
    const [signed] = readSignedCables(c.db, polto, polto);
    c.db.transaction(() => {
      for (let i = 0; i < copies; i++) {
        // Each copy carries POLTO 506's chain under a new reference: each is TAMPERED.
        const release = {
          ...signed!.release,
          ref: `POLTO ${2000 + i}`,
          series: { indicator: 'POLTO', number: 2000 + i },
        };
        insertCableSignatures(c.db, insertCable(c.db, releasedCableInput(signed!.draft, release)), signed!.signatures);
      }
      // Readable by the Department's instructor: no EYES ONLY on any copy (POLTO 506 itself untouched).
      const copy = "ref GLOB 'POLTO [0-9]*' AND ref <> 'POLTO 506'";
      c.db.exec(`UPDATE cables SET captions = '[]' WHERE ${copy};
        DELETE FROM eyes_only WHERE transmission_id IN
          (SELECT t.id FROM transmissions t JOIN cables c ON c.id = t.cable_id WHERE c.${copy});`);
    })();
    const instructor = c.users.byLogin('instructor');
    const service = createIntegrityService(c.db, c.audit, { workers: 2 });
    const seen: number[] = [];
    let polled: number | null = null;
    const run = service.start(instructor, 'app', {
      onFailure: (f) => {
        seen.push(f.cableId);
        // Asked in the middle of the run, from index 10: the failures after the first ten so far.
        if (seen.length === 20) polled = service.status(instructor, runId, 10).failures.length;
      },
    });
    const runId = run.runId;
    const done = await service.finished(instructor, runId);
    expect(polled).toBe(10);
    expect(done).toMatchObject({
      state: 'finished',
      done: copies + 1,
      total: copies + 1,
      failuresListed: MAX_LISTED_FAILURES,
      unlisted: 5,
      withheld: 0,
      summary: { cables: copies + 1, failed: copies },
    });
    expect(seen).toHaveLength(MAX_LISTED_FAILURES);
    // Each listed once, every one a copy (the order is the verifier's).
    const refs = done.failures.map((f) => f.ref);
    expect(new Set(refs).size).toBe(MAX_LISTED_FAILURES);
    expect(refs.every((r) => /^POLTO [23]\d{3}$/.test(r))).toBe(true);
    expect(service.status(instructor, runId, MAX_LISTED_FAILURES - 1).failures).toEqual([done.failures.at(-1)]);
    // At most MAX_TAMPERED_ENTRIES on the cables' records; the end entry counts the rest.
    const tampered = c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'TAMPERED'").pluck().get();
    expect(tampered).toBe(MAX_TAMPERED_ENTRIES);
    expect(entries(c, 'VERIFY').at(-1)!.detail).toMatchObject({ phase: 'end', failed: copies, tamperedUnrecorded: 5 });
  });

  test('its starter cancels a run after its first batch: cancelled, what was decided, audited', async () => {
    const c = core();
    const copies = signedCopies(c.db, 60);
    const instructor = c.users.byLogin('instructor');
    // Ten cables a batch: 61 signed cables are seven batches, so the run is going when Cancel comes.
    const service = createIntegrityService(c.db, c.audit, { workers: 2, rangeSize: 10 });
    let cancelled: Promise<unknown> | null = null;
    const streamed: number[] = [];
    const run = service.start(instructor, 'app', {
      onFailure: (f) => streamed.push(f.cableId),
      onProgress: () => {
        cancelled ??= service.cancel(instructor, runId);
      },
    });
    const runId = run.runId;
    const answer = await service.finished(instructor, runId);
    expect(await cancelled).toEqual(answer);
    expect(answer).toMatchObject({
      state: 'cancelled',
      done: 10,
      total: 61,
      failuresListed: 9,
      withheld: 0,
      unlisted: 0,
      summary: { cables: 10, signatures: 30, failed: 9 },
      error: null,
    });
    // The failures of the first batch stay listed; nothing of the batches dropped.
    expect(answer.failures.map((f) => f.cableId)).toEqual(copies.slice(0, 9));
    expect(streamed).toEqual(copies.slice(0, 9));
    expect(entries(c, 'VERIFY').map((e) => [e.actorLogin, e.detail])).toEqual([
      ['instructor', { channel: 'app', phase: 'start' }],
      [
        'instructor',
        {
          channel: 'app',
          phase: 'end',
          cancelled: true,
          cables: 10,
          signatures: 30,
          failed: 9,
          seconds: expect.any(Number),
          total: 61,
        },
      ],
    ]);
    expect(c.audit.verify()).toMatchObject({ ok: true });

    // Cancelling it again answers with its final state; a new run starts at once and finishes.
    expect(await service.cancel(instructor, runId)).toEqual(answer);
    const again = service.start(instructor, 'app');
    const full = await service.finished(instructor, again.runId);
    expect(full).toMatchObject({ state: 'finished', done: 61, total: 61, summary: { cables: 61, failed: 60 } });
    expect(entries(c, 'VERIFY')).toHaveLength(4);
  });

  test('a run that has already ended answers Cancel with its final state', async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    const run = c.integrity.start(instructor, 'app');
    const done = await c.integrity.finished(instructor, run.runId);
    expect(done.state).toBe('finished');
    expect(await c.integrity.cancel(instructor, run.runId)).toEqual(done);
    expect(entries(c, 'VERIFY').map((e) => e.detail.phase)).toEqual(['start', 'end']);
    expect(entries(c, 'VERIFY')[1]!.detail).not.toHaveProperty('cancelled');
  });

  test('a trainee, or an admin who did not start it, cannot cancel a run (DENY); it goes on', async () => {
    const c = core();
    signedCopies(c.db, 30);
    c.db.prepare("UPDATE users SET role = 'admin' WHERE login = 'rusk'").run();
    const instructor = c.users.byLogin('instructor');
    const trainee = c.users.byLogin('trainee');
    const admin = c.users.byLogin('rusk');
    const service = createIntegrityService(c.db, c.audit, { workers: 1, rangeSize: 10 });
    const refused: unknown[] = [];
    let asked = false;
    const run = service.start(instructor, 'app', {
      onProgress: () => {
        if (asked) return;
        asked = true;
        for (const who of [trainee, admin]) {
          service.cancel(who, runId).then(
            () => refused.push('cancelled'),
            (e: unknown) => refused.push(e),
          );
        }
      },
    });
    const runId = run.runId;
    expect(await service.finished(instructor, runId)).toMatchObject({ state: 'finished', done: 31, total: 31 });
    expect(refused).toEqual([
      expect.objectContaining({
        code: 'ACCESS_DENIED',
        message: 'Only instructors and admins verify every signed cable.',
      }),
      expect.objectContaining({
        code: 'ACCESS_DENIED',
        message: 'Only the person who started a verification may cancel it.',
      }),
    ]);
    expect(entries(c, 'DENY').map((e) => [e.actorLogin, e.detail])).toEqual([
      ['trainee', { what: 'cancel a verification' }],
      ['rusk', { what: 'cancel a verification', runId }],
    ]);
    await expect(service.cancel(instructor, runId + 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(entries(c, 'VERIFY').at(-1)!.detail).not.toHaveProperty('cancelled');
  });
});
