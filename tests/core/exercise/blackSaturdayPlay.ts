import { join } from 'node:path';
import { expect, vi } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import type { TickReport } from '../../../electron/core/exercise/engine';
import { recomputeScore, scoreExercise } from '../../../electron/core/exercise/score';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Actor } from '../../../electron/core/services/actor';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import type { ExerciseScore } from '../../../electron/domain/exercise/score';
import { SEED_DIR, tempDir } from '../../support/tempCore';

/**
 * Black Saturday (resources/scenarios/black-saturday.json) played end to end by scripted trainees
 * on a real SQLite file, through the real exercise engine and the real services (issue 10, "Tests
 * that must exist", Core).
 *
 * The clock. The exercise runs at RATE 60 — one scenario minute per real second, the 3½-hour
 * night in 3½ real minutes — and real time is driven by the test, not waited for: Vitest's fake
 * `Date` (nothing else is faked; timers, scrypt and SQLite run for real) is set to the real
 * instant of each scenario minute, and `exercises.tick(realMs)` is called once per scenario
 * minute as the app's one-second timer does. Everything that reads real time — the engine, the
 * core clock the services take their times from, and the audit trail's `at` — reads that same
 * instant, so each trainee's act lands on an exact scenario minute while the clock RUNS (no pause
 * around the acts), and its scenario time can be checked by hand: minute m is real T0 + m s.
 *
 * The caller installs the fake `Date` (`vi.useFakeTimers({ toFake: ['Date'] })`) and restores it.
 *
 * A restart closes the core (the database connection) after a minute's acts and opens a new one
 * on the same file some scenario minutes later; the first tick after it catches up.
 */
export const RATE = 60;
export const MIN = 60_000;
/** Real ms per scenario minute at RATE. */
const REAL_PER_MIN = MIN / RATE;
/** The scenario's end (+03:30). */
export const END = 210;

export const USRO = 'USMISSION USNATO';
export const PARIS = 'AMEMBASSY PARIS';
export const DEPT = 'SECSTATE WASHDC';
export const USUN = 'USMISSION USUN NEW YORK';
export const WHITE_HOUSE = 'WHITE HOUSE WASHDC';

/** Who plays each role: the seed's personas, and the USUN watch officer the instructor creates. */
export const LOGIN = {
  finletter: 'finletter',
  'duty-officer': 'duty-usro',
  trainee: 'trainee',
  embassy: 'bohlen',
  'ss-watch': 'ss-officer',
  usun: 'usun-watch',
} as const;
export type RoleId = keyof typeof LOGIN;

/** What a scripted trainee's act may use: the live core, the people, the injects' cables. */
export type Player = Readonly<{
  core: Core;
  exerciseId: number;
  as(role: RoleId): Actor;
  /** The cable an inject delivered (it has fired). */
  cableOf(inject: string): number;
  /** The role's delivery of an inject's cable, as the role's inbox lists it. */
  deliveryOf(role: RoleId, inject: string): number;
  /** Cable ids of the replies released during the play (by the acts that release them). */
  released: number[];
}>;

/** One act of a scripted trainee at scenario minute `at`. */
export type Act = Readonly<{ at: number; role: RoleId; what: string; run(p: Player): unknown }>;

export type PlayOptions = Readonly<{
  restart?: Restart;
  /** Called after each minute's acts (and after the end), the core open: e.g. live vs recomputed. */
  check?: (p: Player, minute: number, realMs: number) => void;
}>;

export type Restart = Readonly<{
  /** Closed after this minute's tick and acts… */
  closeAfter: number;
  /** …and opened again on the same file at this minute (the app was down in between). */
  reopenAt: number;
}>;

export type PlayResult = Readonly<{
  exerciseId: number;
  /** Every tick that fired, skipped or ended something, by scenario minute. */
  ticks: ReadonlyArray<Readonly<{ minute: number; fired: string[]; skipped: string[]; ended: boolean }>>;
  /** The live score and the score recomputed from the trail alone, taken at the end. */
  live: ExerciseScore;
  recomputed: ExerciseScore;
  /** The first audit entry of the exercise (EXERCISE_START). */
  startSeq: number;
  /** The largest draft id before the exercise began. */
  draftsBefore: number;
  /** The released replies' cable ids. */
  released: ReadonlyArray<number>;
  /** The core as it is at the end (closed by `dispose`). */
  core: Core;
  dispose(): void;
}>;

/**
 * Plays `acts` (in minute order; several at one minute run in the order given) from the start to
 * the scenario's end. With `restart`, no act may fall strictly between its two minutes.
 */
export async function playBlackSaturday(acts: ReadonlyArray<Act>, options: PlayOptions = {}): Promise<PlayResult> {
  const { restart, check } = options;
  if (!vi.isFakeTimers()) throw new Error("install vi.useFakeTimers({ toFake: ['Date'] }) first");
  const sorted = [...acts].sort((a, b) => a.at - b.at);
  if (restart && sorted.some((a) => a.at > restart.closeAfter && a.at < restart.reopenAt)) {
    throw new Error('an act falls while the app is down');
  }
  // A whole second, so every instant below is exact.
  const t0 = Math.floor(Date.now() / 1000) * 1000;
  const realAt = (minute: number): number => t0 + minute * REAL_PER_MIN;
  const { dir, cleanup } = tempDir('cableroom-bsplay-');
  const dbPath = join(dir, 'cableroom.sqlite');
  // The installation and the USUN account come before the exercise, in the minute before T0.
  vi.setSystemTime(t0 - MIN);
  let core = openCore({ dbPath, seed: 'demo', seedDir: SEED_DIR });
  const released: number[] = [];
  let exerciseId = 0;
  const ticks: { minute: number; fired: string[]; skipped: string[]; ended: boolean }[] = [];
  try {
    // The seed has no account at USUN: the instructor makes one, as docs/EXERCISES.md says.
    await core.accounts.create(core.users.byLogin('instructor'), {
      login: LOGIN.usun,
      displayName: 'USUN Watch Officer',
      post: USUN,
      office: 'FRONT',
      role: 'officer',
      clearance: 'SECRET',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'usun night watch 1962',
    });
    const draftsBefore = core.db.prepare('SELECT ifnull(max(id), 0) FROM drafts').pluck().get() as number;

    vi.setSystemTime(realAt(0));
    // The +00:00 inject fires inside the start.
    await core.exercises.start(
      core.users.byLogin('instructor'),
      { shipped: 'black-saturday' },
      { rate: RATE, assignments: { usun: LOGIN.usun } },
    );
    exerciseId = core.db
      .prepare("SELECT id FROM exercises WHERE scenario_id = 'black-saturday'")
      .pluck()
      .get() as number;
    const startSeq = core.db
      .prepare("SELECT seq FROM audit_log WHERE action = 'EXERCISE_START' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as number;

    const player = (): Player => {
      const c = core;
      const cableOf = (inject: string): number => {
        const id = c.db
          .prepare('SELECT cable_id FROM exercise_injects WHERE exercise_id = ? AND inject_id = ?')
          .pluck()
          .get(exerciseId, inject) as number | undefined;
        if (id === undefined) throw new Error(`inject ${inject} has not fired`);
        return id;
      };
      const as = (role: RoleId): Actor => c.users.byLogin(LOGIN[role]);
      return {
        core: c,
        exerciseId,
        as,
        cableOf,
        deliveryOf(role, inject) {
          const cableId = cableOf(inject);
          const row = c.inbox.list(as(role), { limit: 200 }).rows.find((r) => r.cableId === cableId);
          if (!row) throw new Error(`${LOGIN[role]} has no delivery of ${inject}`);
          return row.deliveryId;
        },
        released,
      };
    };

    /** The app's one-second timer: a tick at every scenario minute up to `target`, none while down. */
    let minute = 0;
    let down = false;
    const runTo = (target: number): void => {
      while (minute < target) {
        minute++;
        if (down && restart && minute < restart.reopenAt) continue;
        if (down) {
          core = openCore({ dbPath });
          down = false;
        }
        vi.setSystemTime(realAt(minute));
        const r: TickReport = core.exercises.tick(realAt(minute));
        expect(r.failed, `tick at minute ${minute}`).toEqual([]);
        if (r.fired.length > 0 || r.skipped.length > 0 || r.ended) {
          ticks.push({ minute, fired: [...r.fired], skipped: [...r.skipped], ended: r.ended });
        }
      }
    };

    const minutes = [...new Set([...sorted.map((a) => a.at), ...(restart ? [restart.closeAfter] : []), END])].sort(
      (a, b) => a - b,
    );
    for (const m of minutes) {
      runTo(m);
      for (const act of sorted.filter((a) => a.at === m)) {
        try {
          await act.run(player());
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          throw new Error(`minute ${m}: ${LOGIN[act.role]} ${act.what}: ${message}`, { cause: e });
        }
      }
      check?.(player(), m, realAt(m));
      if (restart && m === restart.closeAfter) {
        // Closed between two ticks, once this minute's acts are done.
        core.close();
        down = true;
      }
    }

    const realNowMs = realAt(END);
    const live = scoreExercise(core.db, exerciseId, { realNowMs });
    const recomputed = recomputeScore(core.db, exerciseId, { realNowMs });
    const finalCore = core;
    return {
      exerciseId,
      ticks,
      live,
      recomputed,
      startSeq,
      draftsBefore,
      released,
      core: finalCore,
      dispose() {
        finalCore.close();
        cleanup();
      },
    };
  } catch (e) {
    try {
      core.close();
    } catch {
      // already closed by a restart
    }
    cleanup();
    throw e;
  }
}

// ---- the scripted trainees ----------------------------------------------------------------------

const show = (p: Player, role: RoleId, cableId: number): unknown => p.core.cables.show(p.as(role), cableId, 'app');

/** The role tries to open a cable it may not: refused (ACCESS_DENIED) and audited DENY. */
function denied(p: Player, role: RoleId, cableId: number): void {
  expect(() => show(p, role, cableId)).toThrow(expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error);
}

/**
 * Finletter's reply to Topol 578, in three acts: he drafts it and signs (Ed25519, his sealed seed
 * key), the duty officer clears it, he approves it and it is released. `careless`: the REF line
 * retyped as plain text (so the desk cannot read Topol 578's label, rule 19) and the reply sent
 * CONFIDENTIAL without EYES ONLY — what the exercise's reply model catches.
 */
function replyActs(times: Readonly<{ draft: number; clear: number; approve: number }>, careless: boolean): Act[] {
  let draft: DraftView | null = null;
  return [
    {
      at: times.draft,
      role: 'finletter',
      what: careless ? 'drafts a reply to Topol 578 at CONFIDENTIAL, no EYES ONLY' : 'drafts the reply to Topol 578',
      async run(p) {
        const finletter = p.as('finletter');
        const created = p.core.drafts.create(finletter, { replyTo: p.cableOf('topol-578') });
        // Started as a reply, it takes its source's label (rule 19).
        expect(created.draft.classification).toBe('SECRET');
        expect(created.draft.captions).toEqual(['EYES_ONLY']);
        const good: Draft = {
          ...created.draft,
          series: 'POLTO',
          // An Eyes Only cable names its reader (rule 14): the Secretary.
          eyesOnly: [{ person: 'rusk' }],
          subject: 'Reply to Topol 578 (exercise)',
          fileRef: '740.5/10-2862',
          paragraphs: [
            {
              n: null,
              portion: 'S',
              fyi: false,
              text: 'EXERCISE. Topol 578 received. Will brief the Council as instructed and report by immediate telegram.',
            },
          ],
          drafters: ['finletter'],
          clearers: [{ person: 'duty-usro', kind: 'CLEAR' }],
          approver: 'finletter',
          signature: 'FINLETTER',
        };
        const body: Draft = careless
          ? {
              ...good,
              classification: 'CONFIDENTIAL',
              captions: [],
              eyesOnly: [],
              references: [{ label: 'A', text: 'TOPOL 578' }],
              paragraphs: [{ ...good.paragraphs[0]!, portion: 'C' }],
            }
          : good;
        const saved = p.core.drafts.save(finletter, created.id, created.revision, body);
        expect(saved.findings.filter((f) => f.severity === 'error')).toEqual([]);
        draft = await p.core.drafts.submit(finletter, saved.id, saved.revision, SEED_PASSPHRASE);
        expect(draft.state).toBe('IN_CLEARANCE');
      },
    },
    {
      at: times.clear,
      role: 'duty-officer',
      what: 'clears the reply',
      async run(p) {
        draft = await p.core.drafts.clear(p.as('duty-officer'), draft!.id, draft!.revision, 0, SEED_PASSPHRASE);
        expect(draft.state).toBe('AWAITING_APPROVAL');
      },
    },
    {
      at: times.approve,
      role: 'finletter',
      what: 'approves the reply: released',
      async run(p) {
        draft = await p.core.drafts.approve(p.as('finletter'), draft!.id, draft!.revision, SEED_PASSPHRASE);
        expect(draft.state).toBe('RELEASED');
        p.released.push(draft.releasedCableId!);
      },
    },
  ];
}

/**
 * The GOOD class: everyone does the right thing inside the window (scenario minutes; the inject's
 * minute in brackets).
 */
export function goodClass(): Act[] {
  return [
    {
      at: 3,
      role: 'finletter',
      what: 'opens Deptel 445 [0]',
      run: (p) => show(p, 'finletter', p.cableOf('state-445')),
    },
    {
      at: 8,
      role: 'trainee',
      what: 'opens the wireless file [5]',
      run: (p) => show(p, 'trainee', p.cableOf('wireless-file')),
    },
    {
      at: 11,
      role: 'duty-officer',
      what: 'acknowledges Topol 902 Niact [10] and files it as read',
      run(p) {
        const duty = p.as('duty-officer');
        const delivery = p.deliveryOf('duty-officer', 'niact-usro');
        expect(p.core.handling.alerts(duty).map((r) => r.deliveryId)).toContain(delivery);
        p.core.handling.acknowledge(duty, delivery);
        p.core.handling.markRead(duty, delivery);
      },
    },
    {
      at: 12,
      role: 'duty-officer',
      what: 'carries out "USRO pass Embassy" on Topol 902',
      run: (p) => expect(p.core.routing.pass(p.as('duty-officer'), p.cableOf('niact-usro'))).toEqual([PARIS]),
    },
    {
      at: 13,
      role: 'usun',
      what: 'acknowledges STATE 907 Niact [12]',
      run: (p) => p.core.handling.acknowledge(p.as('usun'), p.deliveryOf('usun', 'niact-usun')),
    },
    {
      at: 20,
      role: 'embassy',
      what: 'opens the passed Topol 902 [10]',
      run: (p) => show(p, 'embassy', p.cableOf('niact-usro')),
    },
    {
      at: 45,
      role: 'finletter',
      what: 'opens Topol 578 [42]',
      run: (p) => show(p, 'finletter', p.cableOf('topol-578')),
    },
    {
      at: 47,
      role: 'duty-officer',
      what: 'carries out "USRO pass Embassy" on Topol 578 [42], sealed: from the envelope, unread',
      run(p) {
        const duty = p.as('duty-officer');
        const cable = p.cableOf('topol-578');
        const envelope = p.core.inbox.list(duty, { limit: 50 }).rows.find((r) => r.cableId === cable);
        expect(envelope).toMatchObject({ sealed: true, subject: '', pendingPassTo: [PARIS] });
        expect(p.core.routing.pass(duty, cable)).toEqual([PARIS]);
      },
    },
    {
      at: 50,
      role: 'embassy',
      what: "opens Paris's Topol 578 [42]",
      run: (p) => show(p, 'embassy', p.cableOf('topol-578')),
    },
    ...replyActs({ draft: 55, clear: 56, approve: 58 }, false),
    {
      at: 62,
      role: 'ss-watch',
      what: 'acknowledges London 908 Niact [60]',
      run: (p) => p.core.handling.acknowledge(p.as('ss-watch'), p.deliveryOf('ss-watch', 'niact-drill-dept')),
    },
    {
      at: 63,
      role: 'ss-watch',
      what: 'carries out "Department pass White House", repeats the drill to USUN',
      run(p) {
        const ss = p.as('ss-watch');
        const london = p.cableOf('niact-drill-dept');
        expect(p.core.routing.pass(ss, london)).toEqual([WHITE_HOUSE]);
        // Not scored (the scenario has no repeat expectation): here so that a repeat's DTG is checked.
        expect(p.core.routing.repeat(ss, london, { to: [USUN] })).toEqual([USUN]);
      },
    },
  ];
}

/** The CARELESS class: late, refused, a pass never carried out, a reply below its source's label. */
export function carelessClass(): Act[] {
  return [
    {
      at: 31,
      role: 'duty-officer',
      what: 'acknowledges Topol 902 Niact [10] after the reminder',
      run: (p) => p.core.handling.acknowledge(p.as('duty-officer'), p.deliveryOf('duty-officer', 'niact-usro')),
    },
    {
      at: 36,
      role: 'usun',
      what: 'acknowledges STATE 907 Niact [12]',
      run: (p) => p.core.handling.acknowledge(p.as('usun'), p.deliveryOf('usun', 'niact-usun')),
    },
    {
      at: 45,
      role: 'trainee',
      what: 'asks for "TOPOL 578" (SECRET, Eyes Only) with a CONFIDENTIAL clearance',
      run: (p) => denied(p, 'trainee', p.core.cables.idByRef('TOPOL 578')),
    },
    {
      at: 50,
      role: 'trainee',
      what: 'opens the wireless file [5]',
      run: (p) => show(p, 'trainee', p.cableOf('wireless-file')),
    },
    {
      at: 68,
      role: 'duty-officer',
      what: 'carries out "USRO pass Embassy" on Topol 578 [42], late',
      run: (p) => expect(p.core.routing.pass(p.as('duty-officer'), p.cableOf('topol-578'))).toEqual([PARIS]),
    },
    {
      at: 74,
      role: 'finletter',
      what: 'opens Topol 578 [42]',
      run: (p) => show(p, 'finletter', p.cableOf('topol-578')),
    },
    {
      at: 78,
      role: 'ss-watch',
      what: 'acknowledges London 908 Niact [60]',
      run: (p) => p.core.handling.acknowledge(p.as('ss-watch'), p.deliveryOf('ss-watch', 'niact-drill-dept')),
    },
    {
      at: 80,
      role: 'duty-officer',
      what: 'tries to open Topol 578 (Eyes Only for the Ambassador)',
      run: (p) => denied(p, 'duty-officer', p.cableOf('topol-578')),
    },
    {
      at: 81,
      role: 'finletter',
      what: 'opens Deptel 445 [0]',
      run: (p) => show(p, 'finletter', p.cableOf('state-445')),
    },
    {
      at: 85,
      role: 'usun',
      what: "tries to open USUN's repeat of Topol 578 (Eyes Only for Ambassador Stevenson)",
      run: (p) => denied(p, 'usun', p.cableOf('topol-578')),
    },
    {
      at: 90,
      role: 'ss-watch',
      what: 'carries out "Department pass White House" [60]',
      run: (p) => expect(p.core.routing.pass(p.as('ss-watch'), p.cableOf('niact-drill-dept'))).toEqual([WHITE_HOUSE]),
    },
    {
      at: 95,
      role: 'ss-watch',
      what: 'passes London 908 again: nothing left to pass (rule 17)',
      run: (p) =>
        expect(() => p.core.routing.pass(p.as('ss-watch'), p.cableOf('niact-drill-dept'))).toThrow(
          /no pending pass instruction for SECSTATE WASHDC/,
        ),
    },
    {
      at: 100,
      role: 'trainee',
      what: 'asks for "TOPOL 578" again',
      run: (p) => denied(p, 'trainee', p.core.cables.idByRef('TOPOL 578')),
    },
    {
      at: 114,
      role: 'embassy',
      what: "opens Paris's Topol 578 [42]",
      run: (p) => show(p, 'embassy', p.cableOf('topol-578')),
    },
    ...replyActs({ draft: 163, clear: 164, approve: 165 }, true),
  ];
}

// ---- what the play left in the database ---------------------------------------------------------

/** A time the app wrote, and where. */
export type Written = Readonly<{ where: string; value: string }>;

/**
 * Every DTG and every time the app wrote inside the exercise (EXERCISES.md §3): the injects'
 * cables and transmissions (original and repeats), every delivery that arrived during the
 * exercise and its acknowledgement, the passes carried out, files as read, the drafts, their
 * signatures and the released replies with their MRN year. The audit entries' real times are
 * returned apart: they are the one thing that keeps real time.
 */
export function writtenInside(r: PlayResult): {
  dtgs: Written[];
  times: Written[];
  mrnYears: number[];
  auditAts: string[];
} {
  const db = r.core.db;
  const startedAt = db.prepare('SELECT started_at FROM exercises WHERE id = ?').pluck().get(r.exerciseId) as string;
  const cableIds = [
    ...(db.prepare('SELECT id FROM cables WHERE exercise_id = ?').pluck().all(r.exerciseId) as number[]),
    ...r.released,
  ];
  const inList = cableIds.join(', ');
  const dtgs: Written[] = [];
  const times: Written[] = [];
  const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  for (const c of rows<{ id: number; ref: string; dtg: string; sent_at: string }>(
    `SELECT id, ref, dtg, sent_at FROM cables WHERE id IN (${inList})`,
  )) {
    dtgs.push({ where: `${c.ref} DTG`, value: c.dtg });
    times.push({ where: `${c.ref} sent`, value: c.sent_at });
  }
  for (const t of rows<{ ref: string; kind: string; dtg: string; sent_at: string }>(
    `SELECT c.ref, t.kind, t.dtg, t.sent_at FROM transmissions t JOIN cables c ON c.id = t.cable_id
      WHERE t.cable_id IN (${inList})`,
  )) {
    dtgs.push({ where: `${t.ref} ${t.kind} DTG`, value: t.dtg });
    times.push({ where: `${t.ref} ${t.kind} sent`, value: t.sent_at });
  }
  for (const d of rows<{ id: number; ref: string; plad: string; delivered_at: string; ack_at: string | null }>(
    `SELECT d.id, c.ref, s.plad, d.delivered_at, d.ack_at FROM deliveries d JOIN cables c ON c.id = d.cable_id
       JOIN stations s ON s.id = d.station_id WHERE d.arrived_at >= ?`,
    startedAt,
  )) {
    times.push({ where: `${d.ref} delivered to ${d.plad}`, value: d.delivered_at });
    if (d.ack_at !== null) times.push({ where: `${d.ref} acknowledged at ${d.plad}`, value: d.ack_at });
    for (const read of db.prepare('SELECT read_at FROM delivery_reads WHERE delivery_id = ?').pluck().all(d.id)) {
      times.push({ where: `${d.ref} filed as read at ${d.plad}`, value: read as string });
    }
  }
  for (const p of rows<{ ref: string; executed_at: string }>(
    `SELECT c.ref, p.executed_at FROM pass_instructions p JOIN transmissions t ON t.id = p.transmission_id
       JOIN cables c ON c.id = t.cable_id WHERE t.cable_id IN (${inList}) AND p.status = 'DONE'`,
  )) {
    times.push({ where: `${p.ref} passed`, value: p.executed_at });
  }
  for (const d of rows<{ id: number; created_at: string; updated_at: string }>(
    'SELECT id, created_at, updated_at FROM drafts WHERE id > ?',
    r.draftsBefore,
  )) {
    times.push({ where: `draft ${d.id} created`, value: d.created_at });
    times.push({ where: `draft ${d.id} saved`, value: d.updated_at });
  }
  for (const s of rows<{ draft_id: number; role: string; at: string }>(
    'SELECT draft_id, role, at FROM draft_signatures WHERE draft_id > ?',
    r.draftsBefore,
  )) {
    times.push({ where: `draft ${s.draft_id} ${s.role} signature`, value: s.at });
  }
  for (const s of rows<{ cable_id: number; role: string; signed_at: string }>(
    `SELECT cable_id, role, signed_at FROM cable_signatures WHERE cable_id IN (${inList})`,
  )) {
    times.push({ where: `cable ${s.cable_id} ${s.role} signature`, value: s.signed_at });
  }
  const mrnYears = r.released.map(
    (id) => db.prepare('SELECT mrn_year FROM cables WHERE id = ?').pluck().get(id) as number,
  );
  const auditAts = db.prepare('SELECT at FROM audit_log WHERE seq >= ?').pluck().all(r.startSeq) as string[];
  return { dtgs, times, mrnYears, auditAts };
}

/** The injects as the trail and the tables record them: one row, one entry, one cable each. */
export function injectFacts(r: PlayResult): {
  /** EXERCISE_INJECT entries: [inject, scenario minute, how]. */
  journal: Array<[string, number, string]>;
  /** EXERCISE_SKIP entries: [inject, reason]. */
  skips: Array<[string, string | null]>;
  /** exercise_injects rows: [inject, the cable's reference, its DTG]. */
  rows: Array<[string, string, string]>;
  /** Deliveries of each inject's cable, by how they came: "DIRECT", "PASS", "REPEAT"… */
  deliveries: Record<string, Record<string, number>>;
  /** (cable, station) pairs delivered more than once. */
  twice: unknown[];
} {
  const db = r.core.db;
  const journal = (
    db
      .prepare("SELECT detail FROM audit_log WHERE action = 'EXERCISE_INJECT' AND seq > ? ORDER BY seq")
      .pluck()
      .all(r.startSeq) as string[]
  ).map((d) => {
    const x = JSON.parse(d) as { inject: string; scenarioMs: number; how: string };
    return [x.inject, x.scenarioMs / MIN, x.how] as [string, number, string];
  });
  const skips = (
    db
      .prepare("SELECT detail FROM audit_log WHERE action = 'EXERCISE_SKIP' AND seq > ? ORDER BY seq")
      .pluck()
      .all(r.startSeq) as string[]
  ).map((d) => {
    const x = JSON.parse(d) as { inject: string; reason?: string };
    return [x.inject, x.reason ?? null] as [string, string | null];
  });
  const rows = (
    db
      .prepare(
        `SELECT i.inject_id, c.ref, c.dtg FROM exercise_injects i JOIN cables c ON c.id = i.cable_id
          WHERE i.exercise_id = ? ORDER BY i.audit_seq`,
      )
      .all(r.exerciseId) as { inject_id: string; ref: string; dtg: string }[]
  ).map((x) => [x.inject_id, x.ref, x.dtg] as [string, string, string]);
  const deliveries: Record<string, Record<string, number>> = {};
  for (const d of db
    .prepare(
      `SELECT i.inject_id, d.via, count(*) AS n FROM exercise_injects i JOIN deliveries d ON d.cable_id = i.cable_id
        WHERE i.exercise_id = ? GROUP BY i.inject_id, d.via`,
    )
    .all(r.exerciseId) as { inject_id: string; via: string; n: number }[]) {
    (deliveries[d.inject_id] ??= {})[d.via] = d.n;
  }
  const twice = db
    .prepare(
      `SELECT d.cable_id, d.station_id, count(*) AS n FROM deliveries d
        JOIN exercise_injects i ON i.cable_id = d.cable_id WHERE i.exercise_id = ?
        GROUP BY d.cable_id, d.station_id HAVING count(*) > 1`,
    )
    .all(r.exerciseId);
  return { journal, skips, rows, deliveries, twice };
}
