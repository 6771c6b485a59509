import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { createExerciseService, type ExerciseService } from '../../../electron/core/exercise/engine';
import { exerciseJournalDetails, journalDetail } from '../../../electron/core/exercise/journal';
import { eventBusOf, type CoreEvent } from '../../../electron/core/events';
import type { AuditEntry } from '../../../electron/domain/audit';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * The exercise engine (issue 10 items 2–3): the Tutorial started with its roles, the clock's
 * transitions journaled, injects delivered through the real cable writer at scenario times,
 * `after` and `unless`, instructors only, and a restart in the middle that loses no inject and
 * delivers none twice.
 */
const TUTORIAL = resolve(__dirname, '../../../resources/scenarios/tutorial.json');
const core = seededCoreFixture();
const MIN = 60_000;

/** A service over the core's database with a fake real clock the test moves. */
function engine(c: Pick<Core, 'db' | 'audit'>, real: { ms: number }): ExerciseService {
  return createExerciseService(c.db, c.audit, { realMs: () => real.ms });
}

function journal(c: Pick<Core, 'db'>): AuditEntry[] {
  return (
    c.db.prepare("SELECT * FROM audit_log WHERE action LIKE 'EXERCISE_%' ORDER BY seq").all() as {
      seq: number;
      at: string;
      actor_user_id: number | null;
      actor_login: string | null;
      action: AuditEntry['action'];
      cable_id: number | null;
      detail: string;
      prev_hash: string;
      hash: string;
    }[]
  ).map((r) => ({
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorLogin: r.actor_login,
    action: r.action,
    cableId: r.cable_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Every journal entry's detail parses with the journal's own schema (core/exercise/journal.ts). */
function checkedJournal(c: Pick<Core, 'db'>): { action: string; detail: Record<string, unknown> }[] {
  return journal(c).map((e) => {
    expect(Object.hasOwn(exerciseJournalDetails, e.action)).toBe(true);
    journalDetail(e as AuditEntry & { action: keyof typeof exerciseJournalDetails });
    return { action: e.action, detail: e.detail as Record<string, unknown> };
  });
}

function inboxRefs(c: SeededCore, login: string, limit = 10): string[] {
  return c.inbox.list(c.users.byLogin(login), { limit }).rows.map((r) => r.ref);
}

describe('starting an exercise', () => {
  test('the instructor starts the Tutorial: roles assigned, journaled, the +00:00 inject delivered on top', async () => {
    const c = core();
    const real = { ms: Date.now() };
    const x = engine(c, real);
    const events: CoreEvent[] = [];
    eventBusOf(c.db).subscribe((batch) => events.push(...batch));

    const view = await x.start(c.users.byLogin('instructor'), { file: TUTORIAL });
    expect(view.view).toBe('instructor');
    if (view.view !== 'instructor') return;
    expect(view.clock).toMatchObject({
      title: 'Tutorial: a first watch in the USRO cable room',
      status: 'RUNNING',
      rate: 1,
      start: '1962-10-29T09:00:00.000Z',
      now: '1962-10-29T09:00:00.000Z',
      dtg: '290900Z OCT 62',
      end: '1962-10-29T09:10:00.000Z',
    });
    expect(view.assignments).toEqual([
      {
        role: 'trainee',
        post: 'USMISSION USNATO',
        function: 'desk officer',
        login: 'trainee',
        displayName: expect.any(String),
      },
    ]);
    expect(view.injects.map((i) => [i.id, i.state, i.waiting, i.due])).toEqual([
      ['welcome', 'FIRED', null, '1962-10-29T09:00:00.000Z'],
      ['flash', 'PENDING', 'TIME', '1962-10-29T09:02:00.000Z'],
      ['pass', 'PENDING', 'PREDECESSOR', null],
      ['reminder', 'PENDING', 'TIME', '1962-10-29T09:06:00.000Z'],
    ]);

    // The inject is a cable of this exercise, with a scenario DTG, at the top of the trainee's inbox.
    const welcome = view.injects[0]!.cableId!;
    expect(c.db.prepare('SELECT ref, dtg, exercise_id FROM cables WHERE id = ?').get(welcome)).toEqual({
      ref: 'TOPOL 701',
      dtg: '290900Z OCT 62',
      exercise_id: view.clock.exercise,
    });
    expect(inboxRefs(c, 'trainee', 1)).toEqual(['TOPOL 701']);
    expect(c.db.prepare('SELECT delivered_at FROM deliveries WHERE cable_id = ?').pluck().all(welcome)).toEqual([
      '1962-10-29T09:00:00.000Z',
    ]);

    const entries = checkedJournal(c);
    expect(entries.map((e) => e.action)).toEqual(['EXERCISE_START', 'EXERCISE_INJECT']);
    expect(entries[0]!.detail).toMatchObject({
      exercise: view.clock.exercise,
      scenarioId: 'tutorial',
      realMs: real.ms,
      start: '1962-10-29T09:00:00.000Z',
      rate: 1,
      endMs: 10 * MIN,
      assignments: [{ role: 'trainee', login: 'trainee', userId: c.users.byLogin('trainee').userId }],
    });
    expect(entries[0]!.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[1]!.detail).toEqual({
      exercise: view.clock.exercise,
      inject: 'welcome',
      scenarioMs: 0,
      how: 'SCHEDULE',
      stations: [c.users.byLogin('trainee').stationId],
    });
    expect(journal(c)[1]!.cableId).toBe(welcome);
    expect(c.db.prepare('SELECT inject_id, cable_id FROM exercise_injects').all()).toEqual([
      { inject_id: 'welcome', cable_id: welcome },
    ]);

    // The live inbox hears of it: the delivery and the exercise change, ids only.
    await new Promise((r) => setImmediate(r));
    expect(events).toEqual(
      expect.arrayContaining([
        { type: 'delivered', cableIds: [welcome] },
        { type: 'exercise', exerciseId: view.clock.exercise },
      ]),
    );
    // One exercise at a time.
    await expect(x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' })).rejects.toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  test('only instructors run an exercise: a trainee is refused and audited, and sees only the clock', async () => {
    const c = core();
    const x = engine(c, { ms: Date.now() });
    const trainee = c.users.byLogin('trainee');
    await expect(x.start(trainee, { shipped: 'tutorial' })).rejects.toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(c.audit.list({ action: 'DENY', limit: 1 })[0]).toMatchObject({
      actorLogin: 'trainee',
      detail: { what: 'exercise start', reason: 'NOT_INSTRUCTOR' },
    });
    expect(x.status(trainee)).toEqual({ exercise: null, scenarios: [] });
    await x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' });
    for (const act of [() => x.pause(trainee), () => x.trigger(trainee, 'flash'), () => x.end(trainee)]) {
      expect(act).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }));
    }
    const seen = x.status(trainee);
    expect(seen.scenarios).toEqual([]);
    expect(seen.exercise).toEqual({
      view: 'trainee',
      clock: expect.objectContaining({
        title: 'Tutorial: a first watch in the USRO cable room',
        dtg: '290900Z OCT 62',
      }),
      role: { role: 'trainee', post: 'USMISSION USNATO', function: 'desk officer' },
    });
    // Never the event list: nothing about injects, expectations or notes crosses to a trainee.
    expect(JSON.stringify(seen)).not.toMatch(/inject|expect|controller|TOPOL/i);
    // Someone not in the exercise sees the clock (it is everyone's time), without a role.
    expect(x.status(c.users.byLogin('bohlen')).exercise).toMatchObject({ view: 'trainee', role: null });
    expect(x.status(c.users.byLogin('instructor')).scenarios.map((s) => s.id)).toContain('tutorial');
  });

  test('each assignment is checked against its role: post, clearance, one role each; nothing is written on a refusal', async () => {
    const c = core();
    const x = engine(c, { ms: Date.now() });
    const instructor = c.users.byLogin('instructor');
    const bad = async (assignments: Record<string, string>, message: RegExp) =>
      expect(x.start(instructor, { shipped: 'tutorial' }, { assignments })).rejects.toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(message) }),
      );
    await bad({ trainee: 'bohlen' }, /serves at AMEMBASSY PARIS, not at USMISSION USNATO/);
    await bad({ trainee: 'nobody' }, /No account "nobody"/);
    await bad({ principal: 'finletter' }, /No role "principal"/);
    // A USRO account cleared below the role's CONFIDENTIAL.
    await c.accounts.create(instructor, {
      login: 'clerk-usro',
      displayName: 'Clerk USRO',
      post: 'USMISSION USNATO',
      role: 'trainee',
      clearance: 'UNCLASSIFIED',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'a clerk passphrase 1962',
    });
    await bad({ trainee: 'clerk-usro' }, /cleared UNCLASSIFIED, below role "trainee"'s CONFIDENTIAL/);
    expect(c.db.prepare('SELECT count(*) FROM exercises').pluck().get()).toBe(0);
    expect(journal(c)).toEqual([]);
    // Another USRO officer cleared high enough may play it.
    const view = await x.start(instructor, { shipped: 'tutorial' }, { assignments: { trainee: 'duty-usro' } });
    expect(view.view === 'instructor' && view.assignments.map((a) => a.login)).toEqual(['duty-usro']);
  });

  test('an invalid scenario is refused with its problems and starts nothing; an uploaded document starts', async () => {
    const c = core();
    const x = engine(c, { ms: Date.now() });
    const instructor = c.users.byLogin('instructor');
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as {
      roles: { post: string; persona?: string }[];
      id: string;
    };
    const broken = { ...doc, roles: [{ ...doc.roles[0], post: 'AMEMBASSY ATLANTIS' }] };
    await expect(x.start(instructor, { document: JSON.stringify(broken) })).rejects.toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/roles\[0\]\.post: Unknown station "AMEMBASSY ATLANTIS"/),
      }),
    );
    await expect(x.start(instructor, { shipped: 'atlantis' })).rejects.toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(c.db.prepare('SELECT count(*) FROM exercises').pluck().get()).toBe(0);
    // A role with no persona that nobody is assigned to is not played; the status says so.
    const unplayed = {
      ...doc,
      id: 'uploaded',
      roles: doc.roles.map(({ persona: _, ...r }: { persona?: string }) => r),
    };
    const view = await x.start(instructor, { document: JSON.stringify(unplayed) }, { rate: 5 });
    expect(view.view === 'instructor' && [view.scenarioId, view.clock.rate, view.assignments, view.unplayed]).toEqual([
      'uploaded',
      5,
      [],
      ['trainee'],
    ]);
    expect(checkedJournal(c)[0]!.detail.assignments).toEqual([]);
  });
});

describe('the clock and the injects', () => {
  test('pause, resume, rate, shift, trigger, skip and end: each journaled with its real ms, injects at their own times', async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const x = engine(c, real);
    const instructor = c.users.byLogin('instructor');
    await x.start(instructor, { shipped: 'tutorial' });

    real.ms = t0 + 1 * MIN; // +00:01
    x.pause(instructor);
    real.ms = t0 + 30 * MIN; // paused: the clock stays at +00:01
    expect(x.tick().fired).toEqual([]);
    let v = x.resume(instructor);
    expect(v.clock.dtg).toBe('290901Z OCT 62');
    real.ms += 30_000; // +00:01:30
    v = x.setRate(instructor, 2);
    expect(v.clock.now).toBe('1962-10-29T09:01:30.000Z');
    real.ms += 15_000; // at rate 2: +00:02:00, the FLASH is due
    expect(x.tick()).toMatchObject({ fired: ['flash'], skipped: [], ended: false });
    // Shift the rest one minute later: the reminder moves from +00:06 to +00:07.
    v = x.shift(instructor, 1);
    expect(v.view === 'instructor' && v.injects.find((i) => i.id === 'reminder')?.due).toBe('1962-10-29T09:07:00.000Z');
    // "Trigger now" is not held back by a pause.
    x.pause(instructor);
    v = x.trigger(instructor, 'reminder');
    expect(v.view === 'instructor' && v.injects.find((i) => i.id === 'reminder')).toMatchObject({
      state: 'FIRED',
      how: 'TRIGGER',
      done: '1962-10-29T09:02:00.000Z',
    });
    expect(() => x.trigger(instructor, 'reminder')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => x.trigger(instructor, 'nonesuch')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => x.pause(instructor)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(() => x.setRate(instructor, 0)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    v = x.skip(instructor, 'pass');
    v = x.end(instructor);
    expect(v.clock.status).toBe('ENDED');
    expect(v.view === 'instructor' && v.endedAt).toBeTruthy();
    expect(() => x.resume(instructor)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    const entries = checkedJournal(c);
    expect(entries.map((e) => e.action.replace('EXERCISE_', ''))).toEqual([
      'START',
      'INJECT',
      'PAUSE',
      'RESUME',
      'RATE',
      'INJECT',
      'SHIFT',
      'PAUSE',
      'TRIGGER',
      'INJECT',
      'SKIP',
      'END',
    ]);
    const [, , pause, resume, rate, flash, shift, , trigger, reminder, skip, end] = entries;
    expect(pause!.detail.realMs).toBe(t0 + MIN);
    expect(resume!.detail.realMs).toBe(t0 + 30 * MIN);
    expect(rate!.detail).toMatchObject({ rate: 2, realMs: t0 + 30 * MIN + 30_000 });
    expect(flash!.detail).toMatchObject({ inject: 'flash', scenarioMs: 2 * MIN, how: 'SCHEDULE' });
    expect(shift!.detail).toMatchObject({ byMs: MIN });
    expect(trigger!.detail).toMatchObject({ inject: 'reminder' });
    expect(reminder!.detail).toMatchObject({ inject: 'reminder', how: 'TRIGGER', scenarioMs: 2 * MIN });
    expect(skip!.detail).toMatchObject({ inject: 'pass' });
    expect(skip!.detail.reason).toBeUndefined();
    expect(end!.detail).toMatchObject({ realMs: real.ms });
    // Entries carry the real time of the transition in `at` (the journal's anchor).
    expect(journal(c).map((e) => Date.parse(e.at))).toEqual(
      entries.map((e, i) => (typeof e.detail.realMs === 'number' ? e.detail.realMs : Date.parse(journal(c)[i]!.at))),
    );
    // The DTGs the injects were written with are scenario DTGs.
    expect(c.db.prepare('SELECT ref, dtg FROM cables WHERE exercise_id IS NOT NULL ORDER BY id').all()).toEqual([
      { ref: 'TOPOL 701', dtg: '290900Z OCT 62' },
      { ref: 'TOPOL 702', dtg: '290902Z OCT 62' },
      { ref: 'TOPOL 704', dtg: '290902Z OCT 62' },
    ]);
    // Outside the exercise, the services write real time again.
    expect(c.clock.now().getUTCFullYear()).toBe(new Date().getUTCFullYear());
  });

  test('`after` an expectation waits for it; `unless` skips a contingency once its expectation is met', async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const x = engine(c, real);
    await x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' });
    real.ms = t0 + 2 * MIN;
    expect(x.tick().fired).toEqual(['flash']);
    real.ms = t0 + 4 * MIN;
    expect(x.tick().fired).toEqual([]);
    let v = x.status(c.users.byLogin('instructor')).exercise!;
    expect(v.view === 'instructor' && v.injects.find((i) => i.id === 'pass')?.waiting).toBe('EXPECTATION');
    // The trainee acknowledges the FLASH (ack-flash met): the pass follows one minute later, and
    // the reminder (unless ack-flash) is not sent.
    const trainee = c.users.byLogin('trainee');
    const flash = c.inbox.list(trainee, { limit: 5 }).rows.find((r) => r.ref === 'TOPOL 702')!;
    // At real time t0 + 4 min (the audit entry's `at`): scenario 0904Z.
    c.handling.acknowledge(trainee, flash.deliveryId, new Date(t0 + 4 * MIN));
    real.ms = t0 + 4 * MIN + 1000;
    expect(x.tick().fired).toEqual([]);
    v = x.status(c.users.byLogin('instructor')).exercise!;
    expect(v.view === 'instructor' && v.injects.find((i) => i.id === 'pass')).toMatchObject({
      waiting: 'TIME',
      due: '1962-10-29T09:05:00.000Z',
    });
    real.ms = t0 + 10 * MIN;
    expect(x.tick()).toEqual({
      exercise: v.clock.exercise,
      fired: ['pass'],
      skipped: ['reminder'],
      ended: true,
      failed: [],
    });
    const skip = checkedJournal(c).find((e) => e.action === 'EXERCISE_SKIP')!;
    expect(skip.detail).toMatchObject({ inject: 'reminder', reason: 'unless', realMs: t0 + 10 * MIN });
    expect(checkedJournal(c).at(-1)).toMatchObject({ action: 'EXERCISE_END', detail: { realMs: t0 + 10 * MIN } });
    // The pass inject carries the pending "USRO pass Paris" and a DTG at its own time.
    expect(c.db.prepare("SELECT dtg FROM cables WHERE ref = 'TOPOL 703'").pluck().get()).toBe('290905Z OCT 62');
  });

  test("`unless` looks at the contingency's own time: an act after it, seen by a late tick, does not skip it", async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const x = engine(c, real);
    await x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' });
    real.ms = t0 + 2 * MIN;
    expect(x.tick().fired).toEqual(['flash']);
    // No tick between 2 and 7 min (a busy main process, a closed app): the reminder was due at
    // +00:06 and the FLASH was still unacknowledged then; the trainee acknowledges at +00:06:30.
    const trainee = c.users.byLogin('trainee');
    const flash = c.inbox.list(trainee, { limit: 5 }).rows.find((r) => r.ref === 'TOPOL 702')!;
    c.handling.acknowledge(trainee, flash.deliveryId, new Date(t0 + 6.5 * MIN));
    real.ms = t0 + 7 * MIN;
    const report = x.tick();
    expect(report.fired).toContain('reminder');
    expect(report.skipped).toEqual([]);
  });

  test('a failed inject is rolled back whole: no cable, no delivery, no entry; it is tried again and fires once', async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const x = engine(c, real);
    await x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' });
    c.db.exec(
      "CREATE TEMP TRIGGER disk_on_fire BEFORE INSERT ON exercise_injects WHEN NEW.inject_id = 'flash' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END",
    );
    real.ms = t0 + 3 * MIN;
    expect(() => x.tick()).toThrow(/disk on fire/);
    expect(c.db.prepare("SELECT count(*) FROM cables WHERE ref = 'TOPOL 702'").pluck().get()).toBe(0);
    expect(journal(c).map((e) => e.action)).toEqual(['EXERCISE_START', 'EXERCISE_INJECT']);
    const v = x.status(c.users.byLogin('instructor')).exercise!;
    expect(v.view === 'instructor' && v.injects.find((i) => i.id === 'flash')?.state).toBe('PENDING');
    c.db.exec('DROP TRIGGER disk_on_fire');
    expect(x.tick().fired).toEqual(['flash']);
    expect(x.tick().fired).toEqual([]);
    expect(
      c.db
        .prepare("SELECT count(*) FROM deliveries d JOIN cables c ON c.id = d.cable_id WHERE c.ref = 'TOPOL 702'")
        .pluck()
        .get(),
    ).toBe(1);
  });
});

describe('ticking every second', () => {
  test('an idle tick reads only: it takes no write lock from another process on the file', async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const x = engine(c, real);
    await x.start(c.users.byLogin('instructor'), { shipped: 'tutorial' });
    const other = new Database(c.dbPath);
    try {
      other.exec('BEGIN IMMEDIATE'); // another process writing, for as long as it likes
      real.ms = t0 + MIN;
      const started = performance.now();
      expect(x.tick()).toEqual({ exercise: 1, fired: [], skipped: [], ended: false, failed: [] });
      expect(performance.now() - started).toBeLessThan(1000); // a writer would wait 5 s for the lock
      real.ms = t0 + 2 * MIN; // the FLASH is due: now the tick must write, and waits for the lock
      other.exec('ROLLBACK');
      expect(x.tick().fired).toEqual(['flash']);
    } finally {
      other.close();
    }
  });
});

describe('a restart in the middle of an exercise', () => {
  test('closing and reopening the core between ticks loses no inject and delivers none twice', async () => {
    const first = core();
    const { dbPath } = first;
    const t0 = Date.now();
    const real = { ms: t0 };
    await engine(first, real).start(first.users.byLogin('instructor'), { shipped: 'tutorial' });
    real.ms = t0 + MIN;
    expect(engine(first, real).tick().fired).toEqual([]);
    first.close();

    // Down for seven real minutes: the first tick after the restart catches up, each inject at its
    // own scenario time (the FLASH at 0902Z, the reminder at 0906Z), not at the time of the restart.
    const reopen = (): Core => openCore({ dbPath });
    let c = reopen();
    real.ms = t0 + 8 * MIN;
    try {
      expect(engine(c, real).tick()).toMatchObject({ fired: ['flash', 'reminder'], ended: false });
    } finally {
      c.close();
    }
    // Reopened again at the same moment, and ticked twice: nothing new.
    c = reopen();
    try {
      expect(engine(c, real).tick()).toMatchObject({ fired: [], skipped: [] });
      expect(engine(c, real).tick()).toMatchObject({ fired: [], skipped: [] });
      const rows = c.db
        .prepare(
          `SELECT c.ref, c.dtg, count(d.id) AS deliveries FROM cables c JOIN deliveries d ON d.cable_id = c.id
            WHERE c.exercise_id IS NOT NULL GROUP BY c.id ORDER BY c.id`,
        )
        .all();
      expect(rows).toEqual([
        { ref: 'TOPOL 701', dtg: '290900Z OCT 62', deliveries: 1 },
        { ref: 'TOPOL 702', dtg: '290902Z OCT 62', deliveries: 1 },
        { ref: 'TOPOL 704', dtg: '290906Z OCT 62', deliveries: 1 },
      ]);
      expect(c.db.prepare('SELECT inject_id FROM exercise_injects ORDER BY cable_id').pluck().all()).toEqual([
        'welcome',
        'flash',
        'reminder',
      ]);
      expect(
        journal(c)
          .filter((e) => e.action === 'EXERCISE_INJECT')
          .map((e) => e.detail.inject),
      ).toEqual(['welcome', 'flash', 'reminder']);
      // The scenario clock survived too: a service writing now writes 0908Z.
      expect(engine(c, real).status(c.users.byLogin('trainee')).exercise?.clock.dtg).toBe('290908Z OCT 62');
      // Past the end: the exercise ends at 0910Z, once.
      real.ms = t0 + 20 * MIN;
      expect(engine(c, real).tick()).toMatchObject({ fired: [], ended: true });
      expect(engine(c, real).tick()).toMatchObject({ exercise: null, ended: false });
      expect(journal(c).filter((e) => e.action === 'EXERCISE_END')).toHaveLength(1);
      expect(c.audit.verify()).toMatchObject({ ok: true });
    } finally {
      c.close();
    }
  });

  test('a scenario file that moved after the start is not needed again: the cables were kept', async () => {
    const c = core();
    const t0 = Date.now();
    const real = { ms: t0 };
    const file = join(c.dir, 'copy.json');
    writeFileSync(file, readFileSync(TUTORIAL));
    await engine(c, real).start(c.users.byLogin('instructor'), { file });
    writeFileSync(file, 'gone');
    real.ms = t0 + 3 * MIN;
    expect(engine(c, real).tick().fired).toEqual(['flash']);
  });
});
