import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  ExerciseAssignmentView,
  ExerciseClockView,
  ExerciseInjectView,
  ExerciseStatusResult,
  ExerciseStatusView,
  ShippedScenario,
} from '../../contract/ipc';
import type { Scenario, ScenarioInject, ScenarioRole } from '../../contract/scenario';
import { classificationRank } from '../../domain/classification';
import { formatDtg } from '../../domain/dtg';
import {
  ClockRefusal,
  createClock,
  end as endClock,
  pause as pauseClock,
  resume as resumeClock,
  schedule,
  scenarioMs,
  setRate as setClockRate,
  shift as shiftClock,
  skip as skipInject,
  start as startClock,
  tick as tickClock,
  triggerNow,
  type ExerciseClock,
  type QueuedInject,
} from '../../domain/exercise/clock';
import { MINUTE_MS, scenarioInstant } from '../../domain/exercise/time';
import { canonicalJson, type AuditActor, type AuditTrail } from '../audit/auditTrail';
import type { CableInput } from '../cables/cableInput';
import { CableroomError, isCableroomError } from '../errors';
import { emitChange } from '../events';
import { defaultSeedDir } from '../resources';
import type { Actor } from '../services/actor';
import { refusals } from '../services/refusal';
import { liveExerciseId } from '../store/cableReader';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { insertOffice, insertStation, stationByPlad, userByLogin } from '../store/directoryRepository';
import { prepared } from '../store/statements';
import { expectationMetAt } from './score';
import { injectReleaserOf } from './injectRelease';
import type { ExerciseJournalAction, ExerciseJournalDetail } from './journal';
import { clockPlan } from './plan';
import { validateScenarioFile } from './scenarioFile';

/**
 * The exercise engine (issue 10 items 2–3; EXERCISES.md §3; docs/EXERCISES.md "Running an
 * exercise"): a scenario started with its roles assigned, its clock and inject queue persisted in
 * SQLite (migration 0012), every transition written to the audit trail as the exercise journal
 * (core/exercise/journal.ts) with the real ms it happened at.
 *
 * Every step is one IMMEDIATE transaction that reads the exercise again, changes it and audits it:
 * two processes ticking the same database (the app and `cableroom exercise tick`) never fire an
 * inject twice, and a fired inject — clock state, the cable through the real cable writer with its
 * deliveries, the `exercise_injects` row and its EXERCISE_INJECT entry — lands whole or not at all.
 * `tick` fires each due inject at its own scheduled time, so the first tick after a restart
 * catches up with the same DTGs and delivers nothing twice.
 */

/** Where a scenario comes from: a file, a shipped scenario by id, or an uploaded document (JSON text). */
export type ScenarioSource =
  Readonly<{ file: string }> | Readonly<{ shipped: string }> | Readonly<{ document: string }>;

export type StartOptions = Readonly<{
  /** Scenario minutes per real minute; default the scenario's. */
  rate?: number | undefined;
  /** Role id → login; a role left out is played by its persona. */
  assignments?: Readonly<Record<string, string>> | undefined;
}>;

export type TickReport = Readonly<{
  /** The live exercise, or null when none runs. */
  exercise: number | null;
  fired: ReadonlyArray<string>;
  /** Skipped by their `unless` contingency. */
  skipped: ReadonlyArray<string>;
  /** The clock reached the scenario's end during this tick. */
  ended: boolean;
  /** Injects that could not be delivered (tried again on the next tick). */
  failed: ReadonlyArray<Readonly<{ inject: string; message: string }>>;
}>;

export type ExerciseService = Readonly<{
  start(actor: Actor, source: ScenarioSource, options?: StartOptions): Promise<ExerciseStatusView>;
  pause(actor: Actor): ExerciseStatusView;
  resume(actor: Actor): ExerciseStatusView;
  setRate(actor: Actor, rate: number): ExerciseStatusView;
  /** Moves every pending inject and the end by `minutes` (negative: earlier). */
  shift(actor: Actor, minutes: number): ExerciseStatusView;
  /** "Trigger now": fires the inject at the current scenario time, paused or not. */
  trigger(actor: Actor, injectId: string): ExerciseStatusView;
  skip(actor: Actor, injectId: string): ExerciseStatusView;
  end(actor: Actor): ExerciseStatusView;
  /** What the caller may see: instructors everything, everyone else the clock and the title. */
  status(actor: Actor): ExerciseStatusResult;
  /**
   * Advances the live exercise to real time `realMs`: fires what is due, ends it at its end. The
   * shells' timer calls it every second; it decides nothing the clock has not decided.
   */
  tick(realMs?: number): TickReport;
  /** `tick` asked for by a person (`cableroom exercise tick`): instructors only. */
  advance(actor: Actor): TickReport;
  /** The exercise running or paused, if any (one indexed read: what the shells' timer asks). */
  liveId(): number | null;
  /** The scenarios in resources/scenarios. */
  shipped(): ReadonlyArray<ShippedScenario>;
}>;

export type ExerciseServiceOptions = Readonly<{
  /** The real clock (ms); tests pass a fake one. */
  realMs?: () => number;
  /** Where shipped scenarios are; default resources/scenarios beside the seed. */
  scenariosDir?: string;
}>;

type ExerciseRow = {
  id: number;
  scenario_id: string;
  title: string;
  sha256: string;
  scenario_start: string;
  state: string;
  status: 'READY' | 'RUNNING' | 'PAUSED' | 'ENDED';
  started_by: number;
  started_at: string;
  ended_at: string | null;
};

/** An exercise as loaded for one step. */
type Loaded = Readonly<{
  id: number;
  row: ExerciseRow;
  scenario: Scenario;
  cables: Readonly<Record<string, CableInput>>;
  start: Date;
  clock: ExerciseClock;
}>;

const SYSTEM: AuditActor = { userId: null, login: null };
/** The scenario and its cables are read once per exercise (documentOf): they never change. */
const EXERCISE_COLUMNS =
  'id, scenario_id, title, sha256, scenario_start, state, status, started_by, started_at, ended_at';

/** Scenario stations (fictional posts) get a kind from their PLAD's first word. */
function stationKind(plad: string): string {
  if (plad.startsWith('SECSTATE')) return 'DEPARTMENT';
  if (plad.startsWith('WHITE HOUSE')) return 'WHITE_HOUSE';
  if (plad.startsWith('USMISSION') || plad.startsWith('USUN')) return 'MISSION';
  if (plad.startsWith('AMCONSUL')) return 'CONSULATE';
  return 'EMBASSY';
}

function refusalError(e: ClockRefusal): CableroomError {
  const code =
    e.code === 'BAD_RATE' || e.code === 'BAD_SHIFT'
      ? 'BAD_REQUEST'
      : e.code === 'UNKNOWN_INJECT'
        ? 'NOT_FOUND'
        : 'CONFLICT';
  return new CableroomError(code, e.message);
}

/** Runs a domain transition, reporting a refusal as the error the person should read. */
function apply<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ClockRefusal) throw refusalError(e);
    throw e;
  }
}

export function createExerciseService(
  db: Db,
  audit: AuditTrail,
  options: ExerciseServiceOptions = {},
): ExerciseService {
  const refuse = refusals(db, audit);
  const realNow = options.realMs ?? Date.now;
  const scenariosDir = options.scenariosDir ?? join(dirname(defaultSeedDir()), 'scenarios');
  /** Why an inject could not be delivered at its last attempt (this process's view). */
  const problems = new Map<string, string>();

  const journal = <A extends ExerciseJournalAction>(
    actor: AuditActor,
    action: A,
    detail: ExerciseJournalDetail<A>,
    realMs: number,
    cableId?: number,
  ) =>
    // `at` is the real time of the transition: the journal's realMs and the entry agree.
    audit.append({ actor, action, detail, ...(cableId !== undefined ? { cableId } : {}) }, new Date(realMs));

  const who = (a: Actor): AuditActor => ({ userId: a.userId, login: a.login });
  const isInstructor = (a: Actor): boolean => a.role === 'instructor' || a.role === 'admin';
  const guard = (actor: Actor, what: string): void => {
    if (!isInstructor(actor)) {
      refuse(actor, {
        message: 'Only an instructor runs exercises.',
        detail: { what: `exercise ${what}`, reason: 'NOT_INSTRUCTOR' },
      });
    }
  };

  /**
   * An exercise's scenario and cables, parsed once: the dashboard and the ticker ask every second
   * or so, and the documents are written once, at the start (the SHA-256 checks it is the same row).
   */
  const documents = new Map<
    number,
    Readonly<{ sha256: string; scenario: Scenario; cables: Record<string, CableInput> }>
  >();
  const documentOf = (row: ExerciseRow) => {
    const known = documents.get(row.id);
    if (known?.sha256 === row.sha256) return known;
    const text = prepared(db, 'SELECT scenario, cables FROM exercises WHERE id = ?').get(row.id) as {
      scenario: string;
      cables: string;
    };
    const parsed = {
      sha256: row.sha256,
      scenario: JSON.parse(text.scenario) as Scenario,
      cables: JSON.parse(text.cables) as Record<string, CableInput>,
    };
    documents.set(row.id, parsed);
    return parsed;
  };
  const load = (row: ExerciseRow): Loaded => {
    const { scenario, cables } = documentOf(row);
    return {
      id: row.id,
      row,
      scenario,
      cables,
      start: new Date(row.scenario_start),
      clock: JSON.parse(row.state) as ExerciseClock,
    };
  };
  const liveRow = (): ExerciseRow | undefined =>
    prepared(db, `SELECT ${EXERCISE_COLUMNS} FROM exercises WHERE status <> 'ENDED'`).get() as ExerciseRow | undefined;
  const latestRow = (): ExerciseRow | undefined =>
    prepared(
      db,
      `SELECT ${EXERCISE_COLUMNS} FROM exercises ORDER BY (status <> 'ENDED') DESC, id DESC LIMIT 1`,
    ).get() as ExerciseRow | undefined;
  const mustLive = (): Loaded => {
    const row = liveRow();
    if (!row) throw new CableroomError('NOT_FOUND', 'No exercise is running. Start one first.');
    return load(row);
  };

  const save = (ex: Loaded, clock: ExerciseClock, realMs: number): void => {
    prepared(db, 'UPDATE exercises SET state = ?, status = ?, ended_at = ? WHERE id = ?').run(
      JSON.stringify(clock),
      clock.status,
      clock.status === 'ENDED' ? (ex.row.ended_at ?? new Date(realMs).toISOString()) : null,
      ex.id,
    );
  };

  /** One step: an IMMEDIATE transaction, then the change announced (issue 14's bus). */
  const step = <T>(f: () => T, exerciseId: () => number | null): T => {
    const result = db.transaction(f).immediate();
    const id = exerciseId();
    if (id !== null) emitChange(db, { type: 'exercise', exerciseId: id });
    return result;
  };

  // ---- firing ----

  /** Gives `after` injects waiting for `predecessor` their time, once it fired at `firedMs`. */
  const scheduleFollowers = (ex: Loaded, clock: ExerciseClock, predecessor: string, firedMs: number): ExerciseClock => {
    let next = clock;
    for (const inj of ex.scenario.injects) {
      if (inj.after?.inject !== predecessor || inj.after.expectation !== undefined) continue;
      const q = next.injects.find((i) => i.id === inj.id);
      if (q?.state !== 'PENDING' || q.dueMs !== null) continue;
      next = schedule(next, inj.id, firedMs + inj.after.delay * MINUTE_MS);
    }
    return next;
  };

  /**
   * Delivers one inject whose clock state says it fired (`clock` has it FIRED with its time): the
   * cable through the real writer, DTG and delivery time from the scenario clock, in the exercise's
   * own reference scope; its followers scheduled; the state saved; the journal written.
   */
  const fire = (ex: Loaded, clock: ExerciseClock, inject: QueuedInject, actor: AuditActor, realMs: number): void => {
    const spec = ex.scenario.injects.find((i) => i.id === inject.id);
    const cable = spec ? ex.cables[spec.cable] : undefined;
    if (!spec || !cable) throw new CableroomError('INTERNAL', `Inject "${inject.id}" has no cable in this exercise.`);
    const firedMs = inject.doneMs ?? 0;
    const at = scenarioInstant(ex.start, firedMs);
    const next = scheduleFollowers(ex, clock, inject.id, firedMs);
    save(ex, next, realMs);
    // The DTG is the scenario's at the moment it fires (a repeat written with the original's DTG
    // moves with it; a repeat of its own time keeps it).
    const dtg = formatDtg(at);
    const repeats = cable.repeats.map((r) => (r.dtg === cable.dtg ? { ...r, dtg } : r));
    // Over the classroom, the instructor's machine releases the inject signed (injectRelease.ts).
    const releaser = injectReleaserOf(db);
    const input: CableInput = { ...cable, dtg, repeats };
    const cableId = insertCable(db, releaser ? releaser.prepare(input) : input, at, {
      exerciseId: ex.id,
      arrivedAt: new Date(realMs),
      ...(spec.deliverTo ? { deliverTo: spec.deliverTo } : {}),
    });
    releaser?.sign(cableId);
    const stations = prepared(db, 'SELECT DISTINCT station_id FROM deliveries WHERE cable_id = ? ORDER BY station_id')
      .pluck()
      .all(cableId) as number[];
    const entry = journal(
      actor,
      'EXERCISE_INJECT',
      {
        exercise: ex.id,
        inject: inject.id,
        scenarioMs: firedMs,
        how: inject.how === 'TRIGGER' ? 'TRIGGER' : 'SCHEDULE',
        stations,
      },
      realMs,
      cableId,
    );
    prepared(db, 'INSERT INTO exercise_injects (exercise_id, inject_id, cable_id, audit_seq) VALUES (?, ?, ?, ?)').run(
      ex.id,
      inject.id,
      cableId,
      entry.seq,
    );
  };

  /** The clock with only `id` taken over from `after` (one inject per step). */
  const withOne = (clock: ExerciseClock, after: ExerciseClock, id: string): ExerciseClock => ({
    ...clock,
    injects: clock.injects.map((i) => (i.id === id ? after.injects.find((a) => a.id === id)! : i)),
  });

  /** `after` injects waiting for an expectation of their fired predecessor that is now met. */
  const scheduleMetExpectations = (ex: Loaded, clock: ExerciseClock, realMs: number): ExerciseClock => {
    let next = clock;
    for (const inj of ex.scenario.injects) {
      const wait = inj.after;
      if (wait?.expectation === undefined) continue;
      const q = next.injects.find((i) => i.id === inj.id);
      const pred = next.injects.find((i) => i.id === wait.inject);
      if (q?.state !== 'PENDING' || q.dueMs !== null || pred?.state !== 'FIRED') continue;
      // From the scenario time the expectation was met at (by the trail), not when this tick saw it.
      const metMs = expectationMetAt(db, ex.id, wait.expectation, realMs);
      if (metMs === null) continue;
      next = schedule(next, inj.id, Math.max(metMs, pred.doneMs ?? 0) + wait.delay * MINUTE_MS);
    }
    return next;
  };

  type Outcome =
    | { kind: 'none' }
    | { kind: 'fired'; inject: string }
    | { kind: 'skipped'; inject: string }
    | { kind: 'ended' }
    | { kind: 'scheduled' };

  /** One step of a tick: the earliest due inject fired (or skipped by `unless`), or the end reached. */
  const tickStep = (realMs: number, blocked: ReadonlySet<string>): { id: number | null; outcome: Outcome } => {
    let id: number | null = null;
    const outcome = step(
      (): Outcome => {
        const row = liveRow();
        if (!row) return { kind: 'none' };
        const ex = load(row);
        id = ex.id;
        if (ex.clock.status !== 'RUNNING') return { kind: 'none' };
        const clock = scheduleMetExpectations(ex, ex.clock, realMs);
        const t = tickClock(clock, realMs);
        const due = t.fired.find((f) => !blocked.has(f.id));
        if (due) {
          const spec = ex.scenario.injects.find((i) => i.id === due.id);
          // A contingency is not sent when its expectation was met by the inject's own time — not
          // by an act after it that a late tick happens to see first (EXERCISES.md §2).
          const metMs = spec?.unless !== undefined ? expectationMetAt(db, ex.id, spec.unless, realMs) : null;
          if (metMs !== null && metMs <= (due.doneMs ?? 0)) {
            save(ex, skipInject(clock, realMs, due.id), realMs);
            journal(SYSTEM, 'EXERCISE_SKIP', { exercise: ex.id, realMs, inject: due.id, reason: 'unless' }, realMs);
            return { kind: 'skipped', inject: due.id };
          }
          fire(ex, withOne(clock, t.clock, due.id), due, SYSTEM, realMs);
          return { kind: 'fired', inject: due.id };
        }
        if (t.fired.length === 0 && t.clock.status === 'ENDED') {
          save(ex, t.clock, realMs);
          journal(SYSTEM, 'EXERCISE_END', { exercise: ex.id, realMs }, realMs);
          return { kind: 'ended' };
        }
        if (clock !== ex.clock) {
          save(ex, clock, realMs);
          return { kind: 'scheduled' };
        }
        return { kind: 'none' };
      },
      () => null,
    );
    return { id, outcome };
  };

  /**
   * Nothing to do at `realMs` (the common case, every second): no inject due, the end not reached,
   * no inject waiting for an expectation of a fired predecessor. Read without a write lock, so an
   * idle tick costs one read and takes no lock from the other processes on the file.
   */
  const idle = (realMs: number): { exercise: number | null; idle: boolean } => {
    const row = prepared(db, `SELECT ${EXERCISE_COLUMNS} FROM exercises WHERE status = 'RUNNING'`).get() as
      ExerciseRow | undefined;
    if (!row) return { exercise: liveId(), idle: true };
    const clock = JSON.parse(row.state) as ExerciseClock;
    const t = tickClock(clock, realMs);
    if (t.fired.length > 0 || t.clock.status === 'ENDED') return { exercise: row.id, idle: false };
    const waiting = documentOf(row).scenario.injects.some((inj) => {
      if (inj.after?.expectation === undefined) return false;
      const q = clock.injects.find((i) => i.id === inj.id);
      const pred = clock.injects.find((i) => i.id === inj.after!.inject);
      return q?.state === 'PENDING' && q.dueMs === null && pred?.state === 'FIRED';
    });
    return { exercise: row.id, idle: !waiting };
  };

  const liveId = (): number | null => liveExerciseId(db);

  const runTick = (realMs: number): TickReport => {
    const fired: string[] = [];
    const skipped: string[] = [];
    const failed: { inject: string; message: string }[] = [];
    const blocked = new Set<string>();
    let exercise: number | null = null;
    let ended = false;
    const quiet = idle(realMs);
    if (quiet.idle) return { exercise: quiet.exercise, fired, skipped, ended, failed };
    // Each step changes the queue (an inject leaves it, or the clock ends), so this terminates;
    // the bound is a guard against a bug, not a limit a scenario reaches (at most 500 injects).
    for (let n = 0; n < 10_000; n++) {
      let result: { id: number | null; outcome: Outcome };
      try {
        result = tickStep(realMs, blocked);
      } catch (e) {
        // An inject that cannot be written (the directory changed since the start?) is reported
        // and tried again next tick; the others go on.
        const row = liveRow();
        const due = row ? tickClock(load(row).clock, realMs).fired.find((f) => !blocked.has(f.id)) : undefined;
        if (!due || !isCableroomError(e)) throw e;
        blocked.add(due.id);
        problems.set(due.id, e.message);
        failed.push({ inject: due.id, message: e.message });
        continue;
      }
      exercise = result.id ?? exercise;
      const o = result.outcome;
      if (o.kind === 'none') break;
      if (exercise !== null) emitChange(db, { type: 'exercise', exerciseId: exercise });
      if (o.kind === 'fired') {
        fired.push(o.inject);
        problems.delete(o.inject);
      } else if (o.kind === 'skipped') skipped.push(o.inject);
      else if (o.kind === 'ended') {
        ended = true;
        break;
      }
    }
    return { exercise, fired, skipped, ended, failed };
  };

  // ---- transitions ----

  const transition = (actor: Actor, what: string, change: (ex: Loaded, realMs: number) => void): ExerciseStatusView => {
    guard(actor, what);
    const realMs = realNow();
    // What was due before this moment fires first, at its own time: a pause, a shift or the end
    // must not hold back (or move) an inject whose time had come.
    runTick(realMs);
    let id = 0;
    step(
      () => {
        const ex = mustLive();
        id = ex.id;
        change(ex, realMs);
      },
      () => id,
    );
    // A trigger or a resume may have made more injects due (followers of a triggered inject).
    runTick(realMs);
    return instructorView(load(rowById(id)), realMs);
  };

  const rowById = (id: number): ExerciseRow =>
    prepared(db, `SELECT ${EXERCISE_COLUMNS} FROM exercises WHERE id = ?`).get(id) as ExerciseRow;

  const clockOnly =
    <A extends 'EXERCISE_PAUSE' | 'EXERCISE_RESUME' | 'EXERCISE_END'>(
      action: A,
      f: (c: ExerciseClock, realMs: number) => ExerciseClock,
    ) =>
    (actor: Actor): ExerciseStatusView =>
      transition(actor, action.slice('EXERCISE_'.length).toLowerCase(), (ex, realMs) => {
        save(
          ex,
          apply(() => f(ex.clock, realMs)),
          realMs,
        );
        journal(who(actor), action, { exercise: ex.id, realMs } as ExerciseJournalDetail<A>, realMs);
      });

  // ---- views ----

  const clockView = (ex: Loaded, realMs: number): ExerciseClockView => {
    const ms = scenarioMs(ex.clock, realMs);
    const now = scenarioInstant(ex.start, ms);
    return {
      exercise: ex.id,
      title: ex.row.title,
      status: ex.clock.status === 'READY' ? 'RUNNING' : ex.clock.status,
      rate: ex.clock.rate,
      start: ex.start.toISOString(),
      now: now.toISOString(),
      dtg: formatDtg(now),
      realAt: new Date(realMs).toISOString(),
      end: scenarioInstant(ex.start, ex.clock.endMs).toISOString(),
    };
  };

  const assignmentsOf = (ex: Loaded): ExerciseAssignmentView[] => {
    const rows = prepared(
      db,
      `SELECT a.role_id AS role, u.login, p.full_name AS displayName FROM exercise_assignments a
         JOIN users u ON u.id = a.user_id JOIN people p ON p.id = u.person_id WHERE a.exercise_id = ?`,
    ).all(ex.id) as { role: string; login: string; displayName: string }[];
    return ex.scenario.roles.flatMap((r) => {
      const a = rows.find((x) => x.role === r.id);
      return a ? [{ role: r.id, post: r.post, function: r.function, login: a.login, displayName: a.displayName }] : [];
    });
  };

  const injectView = (
    ex: Loaded,
    spec: ScenarioInject,
    queue: ReadonlyMap<string, ExerciseClock['injects'][number]>,
    firedCables: ReadonlyMap<string, number>,
  ): ExerciseInjectView => {
    const q = queue.get(spec.id)!;
    const cable = ex.cables[spec.cable];
    const fired = firedCables.get(spec.id);
    const pred = spec.after ? queue.get(spec.after.inject) : undefined;
    const waiting: ExerciseInjectView['waiting'] =
      q.state !== 'PENDING'
        ? null
        : q.dueMs !== null
          ? 'TIME'
          : spec.manual
            ? 'TRIGGER'
            : pred?.state === 'FIRED' && spec.after?.expectation !== undefined
              ? 'EXPECTATION'
              : 'PREDECESSOR';
    const at = (ms: number | null): string | null => (ms === null ? null : scenarioInstant(ex.start, ms).toISOString());
    return {
      id: spec.id,
      ref: cable?.ref ?? spec.cable,
      classification: cable?.classification ?? 'UNCLASSIFIED',
      to:
        spec.deliverTo ??
        cable?.transmission.addressees.filter((a) => a.role !== 'EXEMPT').map((a) => a.plad ?? a.collective!) ??
        [],
      state: q.state,
      waiting,
      dueMs: q.dueMs,
      due: at(q.dueMs),
      doneMs: q.doneMs,
      done: at(q.doneMs),
      how: q.how,
      cableId: fired ?? null,
      after: spec.after
        ? { inject: spec.after.inject, expectation: spec.after.expectation ?? null, delay: spec.after.delay }
        : null,
      unless: spec.unless ?? null,
      manual: spec.manual === true,
      objectives: spec.objectives,
      controllerNote: spec.controllerNote ?? null,
      problem: q.state === 'PENDING' ? (problems.get(spec.id) ?? null) : null,
    };
  };

  const instructorView = (ex: Loaded, realMs: number): ExerciseStatusView => {
    const startedBy = prepared(db, 'SELECT login FROM users WHERE id = ?').pluck().get(ex.row.started_by) as string;
    const queue = new Map(ex.clock.injects.map((q) => [q.id, q]));
    const firedCables = new Map(
      (
        prepared(db, 'SELECT inject_id AS inject, cable_id AS cableId FROM exercise_injects WHERE exercise_id = ?').all(
          ex.id,
        ) as { inject: string; cableId: number }[]
      ).map((f) => [f.inject, f.cableId]),
    );
    const assignments = assignmentsOf(ex);
    return {
      view: 'instructor',
      clock: clockView(ex, realMs),
      scenarioId: ex.row.scenario_id,
      summary: ex.scenario.summary,
      startedBy,
      startedAt: ex.row.started_at,
      endedAt: ex.row.ended_at,
      injects: ex.scenario.injects.map((spec) => injectView(ex, spec, queue, firedCables)),
      assignments,
      unplayed: ex.scenario.roles.map((r) => r.id).filter((r) => !assignments.some((a) => a.role === r)),
      expectations: ex.scenario.expectations.map((e) => ({
        id: e.id,
        kind: e.kind,
        inject: e.inject ?? null,
        who: e.who,
        mode: e.mode,
        within: e.kind === 'never' ? null : e.within,
        points: e.points,
        objective: e.objective ?? null,
      })),
      objectives: ex.scenario.objectives,
    };
  };

  const traineeRole = (ex: Loaded, actor: Actor): ScenarioRole | undefined => {
    const roleId = prepared(db, 'SELECT role_id FROM exercise_assignments WHERE exercise_id = ? AND user_id = ?')
      .pluck()
      .get(ex.id, actor.userId) as string | undefined;
    return roleId === undefined ? undefined : ex.scenario.roles.find((r) => r.id === roleId);
  };

  // ---- start ----

  /**
   * The shipped scenarios, read again only when a file changed (the dashboard's status lists
   * them on every refresh): the key is each file's name, size and modification time.
   */
  let shippedCache: { key: string; list: (ShippedScenario & { file: string })[] } | null = null;
  const shipped = (): (ShippedScenario & { file: string })[] => {
    let files: string[];
    let key: string;
    try {
      files = readdirSync(scenariosDir)
        .filter((f) => f.endsWith('.json'))
        .sort();
      key = files
        .map((f) => {
          const st = statSync(join(scenariosDir, f));
          return `${f}:${st.size}:${st.mtimeMs}`;
        })
        .join('|');
    } catch {
      return [];
    }
    if (shippedCache?.key === key) return shippedCache.list;
    const list = readShipped(files);
    shippedCache = { key, list };
    return list;
  };
  const readShipped = (files: ReadonlyArray<string>): (ShippedScenario & { file: string })[] => {
    return files.flatMap((f) => {
      const file = join(scenariosDir, f);
      try {
        const doc = JSON.parse(readFileSync(file, 'utf8')) as {
          id?: unknown;
          title?: unknown;
          summary?: unknown;
          roles?: unknown;
        };
        if (typeof doc.id !== 'string' || typeof doc.title !== 'string') return [];
        // The start picker's roles; a malformed one is left out here and refused by validation at start.
        const roles = (Array.isArray(doc.roles) ? (doc.roles as unknown[]) : []).flatMap((r) => {
          const role = (typeof r === 'object' && r !== null ? r : {}) as Record<string, unknown>;
          if (typeof role.id !== 'string' || typeof role.post !== 'string' || typeof role.function !== 'string') {
            return [];
          }
          const persona = typeof role.persona === 'string' ? { persona: role.persona } : {};
          return [{ id: role.id, post: role.post, function: role.function, ...persona }];
        });
        const summary = typeof doc.summary === 'string' ? doc.summary : '';
        return [{ id: doc.id, title: doc.title, summary, roles, file }];
      } catch {
        return [];
      }
    });
  };

  /** The scenario validated against this database, FRUS references resolved. */
  const validated = async (source: ScenarioSource) => {
    if ('file' in source) return validateScenarioFile(db, source.file);
    if ('shipped' in source) {
      const found = shipped().find((s) => s.id === source.shipped);
      if (!found) {
        const ids = shipped().map((s) => s.id);
        throw new CableroomError(
          'NOT_FOUND',
          `No shipped scenario "${source.shipped}"${ids.length ? ` (there are: ${ids.join(', ')})` : ''}.`,
        );
      }
      return validateScenarioFile(db, found.file);
    }
    // An uploaded document is read as a file would be; its FRUS references come from resources/frus.
    const dir = mkdtempSync(join(tmpdir(), 'cableroom-scenario-'));
    try {
      const file = join(dir, 'scenario.json');
      writeFileSync(file, source.document);
      return await validateScenarioFile(db, file);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  /**
   * Each role's trainee: the given login, else the role's persona (else nobody plays it); each
   * checked against the role.
   */
  const assign = (
    scenario: Scenario,
    given: Readonly<Record<string, string>>,
  ): { role: ScenarioRole; userId: number; login: string }[] => {
    for (const roleId of Object.keys(given)) {
      if (!scenario.roles.some((r) => r.id === roleId)) {
        throw new CableroomError(
          'BAD_REQUEST',
          `No role "${roleId}" in the scenario (its roles: ${scenario.roles.map((r) => r.id).join(', ')}).`,
        );
      }
    }
    const taken = new Map<number, string>();
    return scenario.roles.flatMap((role) => {
      const login = given[role.id]?.trim().toLowerCase() ?? role.persona;
      // A role without a persona that nobody is assigned to is not played (its post still
      // receives its traffic); the status lists it, so the instructor sees who is missing.
      if (login === undefined) return [];
      const user = userByLogin(db, login);
      if (!user) throw new CableroomError('BAD_REQUEST', `No account "${login}" (role "${role.id}").`);
      if (user.disabled === 1) throw new CableroomError('BAD_REQUEST', `The account "${login}" is disabled.`);
      if (user.plad !== role.post) {
        throw new CableroomError(
          'BAD_REQUEST',
          `"${login}" serves at ${user.plad}, not at ${role.post}: role "${role.id}" is played at its post.`,
        );
      }
      if (classificationRank(user.clearance as ScenarioRole['minClearance']) < classificationRank(role.minClearance)) {
        throw new CableroomError(
          'BAD_REQUEST',
          `"${login}" is cleared ${user.clearance}, below role "${role.id}"'s ${role.minClearance}.`,
        );
      }
      const other = taken.get(user.id);
      if (other !== undefined) {
        throw new CableroomError('BAD_REQUEST', `"${login}" is assigned twice (roles "${other}" and "${role.id}").`);
      }
      taken.set(user.id, role.id);
      return [{ role, userId: user.id, login }];
    });
  };

  return {
    async start(actor, source, opts = {}) {
      guard(actor, 'start');
      const result = await validated(source);
      if (!result.ok) {
        const shown = result.problems.slice(0, 5).map((p) => `${p.path || '(document)'}: ${p.message}`);
        const more = result.problems.length > 5 ? ` … and ${result.problems.length - 5} more` : '';
        throw new CableroomError(
          'BAD_REQUEST',
          `The scenario is not valid (${result.problems.length} problem(s); check it with "cableroom exercise validate"): ${shown.join('; ')}${more}`,
        );
      }
      const { scenario, cables } = result;
      const assignments = assign(scenario, opts.assignments ?? {});
      const plan = clockPlan(scenario);
      const rate = opts.rate ?? plan.rate;
      const sha256 = createHash('sha256').update(canonicalJson(scenario), 'utf8').digest('hex');
      const realMs = realNow();
      let id = 0;
      step(
        () => {
          const running = liveRow();
          if (running) {
            throw new CableroomError(
              'CONFLICT',
              `The exercise "${running.title}" is still ${running.status === 'PAUSED' ? 'paused' : 'running'}: end it first.`,
            );
          }
          const clock = apply(() => startClock(createClock({ ...plan, rate }), realMs));
          // Fictional posts of the scenario join the directory (validated: not there yet).
          for (const st of scenario.stations) {
            if (stationByPlad(db, st.plad)) continue;
            const stationId = insertStation(db, {
              plad: st.plad,
              name: st.name,
              shortName: st.shortName ?? st.name,
              kind: stationKind(st.plad),
            });
            for (const o of st.offices) insertOffice(db, stationId, o.code, o.name);
            audit.append({
              actor: who(actor),
              action: 'DIRECTORY_UPDATE',
              detail: { added: 'station', plad: st.plad, kind: stationKind(st.plad), scenario: scenario.id },
            });
          }
          id = Number(
            prepared(
              db,
              `INSERT INTO exercises (scenario_id, title, scenario, cables, sha256, scenario_start, state, status, started_by, started_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(
              scenario.id,
              scenario.title,
              JSON.stringify(scenario),
              JSON.stringify(cables),
              sha256,
              plan.start.toISOString(),
              JSON.stringify(clock),
              clock.status,
              actor.userId,
              new Date(realMs).toISOString(),
            ).lastInsertRowid,
          );
          const insert = prepared(
            db,
            'INSERT INTO exercise_assignments (exercise_id, role_id, user_id) VALUES (?, ?, ?)',
          );
          for (const a of assignments) insert.run(id, a.role.id, a.userId);
          journal(
            who(actor),
            'EXERCISE_START',
            {
              exercise: id,
              scenarioId: scenario.id,
              sha256,
              realMs,
              start: plan.start.toISOString(),
              rate,
              endMs: plan.endMs,
              assignments: assignments.map((a) => ({ role: a.role.id, login: a.login, userId: a.userId })),
            },
            realMs,
          );
        },
        () => id,
      );
      problems.clear();
      runTick(realMs); // injects at +00:00
      return instructorView(load(rowById(id)), realMs);
    },

    pause: clockOnly('EXERCISE_PAUSE', pauseClock),
    resume: clockOnly('EXERCISE_RESUME', resumeClock),
    end: clockOnly('EXERCISE_END', endClock),

    setRate(actor, rate) {
      return transition(actor, 'rate', (ex, realMs) => {
        save(
          ex,
          apply(() => setClockRate(ex.clock, realMs, rate)),
          realMs,
        );
        journal(who(actor), 'EXERCISE_RATE', { exercise: ex.id, realMs, rate }, realMs);
      });
    },

    shift(actor, minutes) {
      return transition(actor, 'shift', (ex, realMs) => {
        if (!Number.isInteger(minutes) || minutes === 0) {
          throw new CableroomError('BAD_REQUEST', 'Shift by a whole, non-zero number of minutes.');
        }
        const byMs = minutes * MINUTE_MS;
        save(
          ex,
          apply(() => shiftClock(ex.clock, realMs, byMs)),
          realMs,
        );
        journal(who(actor), 'EXERCISE_SHIFT', { exercise: ex.id, realMs, byMs }, realMs);
      });
    },

    trigger(actor, injectId) {
      return transition(actor, 'trigger', (ex, realMs) => {
        const next = apply(() => triggerNow(ex.clock, realMs, injectId));
        journal(who(actor), 'EXERCISE_TRIGGER', { exercise: ex.id, realMs, inject: injectId }, realMs);
        fire(
          ex,
          next,
          next.injects.find((i) => i.id === injectId)!,
          who(actor),
          realMs,
        );
        problems.delete(injectId);
      });
    },

    skip(actor, injectId) {
      return transition(actor, 'skip', (ex, realMs) => {
        save(
          ex,
          apply(() => skipInject(ex.clock, realMs, injectId)),
          realMs,
        );
        journal(who(actor), 'EXERCISE_SKIP', { exercise: ex.id, realMs, inject: injectId }, realMs);
      });
    },

    status(actor) {
      const realMs = realNow();
      const scenarios = isInstructor(actor)
        ? shipped().map(({ id, title, summary, roles }) => ({ id, title, summary, roles }))
        : [];
      const row = latestRow();
      if (!row) return { exercise: null, scenarios };
      const ex = load(row);
      if (isInstructor(actor)) return { exercise: instructorView(ex, realMs), scenarios };
      const role = traineeRole(ex, actor);
      // An ended exercise stays visible to those who played in it (their debrief); the live clock to everyone.
      if (ex.clock.status === 'ENDED' && !role) return { exercise: null, scenarios };
      return {
        exercise: {
          view: 'trainee',
          clock: clockView(ex, realMs),
          role: role ? { role: role.id, post: role.post, function: role.function } : null,
        },
        scenarios,
      };
    },

    tick(realMs = realNow()) {
      return runTick(realMs);
    },

    advance(actor) {
      guard(actor, 'tick');
      return runTick(realNow());
    },

    liveId,

    shipped() {
      return shipped().map(({ id, title, summary, roles }) => ({ id, title, summary, roles }));
    },
  };
}
