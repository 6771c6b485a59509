/**
 * Exercise scoring at class size (issue 10 "Performance"): 30 trainees at six posts, a scenario of
 * 200 injects (400-odd expectations) started and fired through the real exercise engine, and an
 * exercise whose stretch of the audit trail holds 100,000 entries — the trainees' opens,
 * acknowledgements, searches and refusals among other people's traffic. Figures only:
 *
 * - the score recomputed from the audit trail alone (`exercise score --recompute`: the range
 *   scan with its hash-chain check, the facts the entries name, the scoring); target under 1 s;
 * - the instructor dashboard's refresh in main after one more entry — status, score and feed as
 *   the dashboard asks them; a trainee's act, and an entry the dashboard does not read — and the
 *   engine's tick and `isExpectationMet` on an unchanged trail (asked every tick); target under
 *   5 ms per refresh.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore, type Core } from '../electron/core/app';
import { createExerciseService } from '../electron/core/exercise/engine';
import { readExerciseRecord } from '../electron/core/exercise/record';
import { exerciseFeed, exerciseScoreView } from '../electron/core/exercise/debrief';
import { isExpectationMet, scoreExercise } from '../electron/core/exercise/score';
import { stationByPlad, insertPerson, insertUser, officeId } from '../electron/core/store/directoryRepository';
import { hashPassphraseSync } from '../electron/core/users/passphrase';
import { scoreRecord } from '../electron/domain/exercise/score';
import { fmtInt, fmtMs, summarize, table } from './stats';
import { rng } from './synthetic';

const POSTS = [
  'USMISSION USNATO',
  'AMEMBASSY PARIS',
  'AMEMBASSY LONDON',
  'AMEMBASSY BONN',
  'AMEMBASSY ROME',
  'AMEMBASSY ANKARA',
] as const;
const TRAINEES_PER_POST = 5;
const INJECTS = 200;
const ENTRIES = 100_000;
const MIN = 60_000;
/** Dashboard refreshes timed (each after a trainee's act, and after an entry it does not read). */
const LIVE_SAMPLES = 40;

const pad = (n: number): string => String(n).padStart(2, '0');
const offset = (minutes: number): string => `+${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The scenario: each inject a CONFIDENTIAL cable to one post, opened by all; every fifth a FLASH. */
function scenario(): string {
  const roles = POSTS.flatMap((post, p) =>
    Array.from({ length: TRAINEES_PER_POST }, (_, t) => ({
      id: `r${p}-${t}`,
      post,
      function: 'desk officer',
      minClearance: 'CONFIDENTIAL',
    })),
  );
  const cables: Record<string, unknown> = {};
  const injects: unknown[] = [];
  const expectations: unknown[] = [];
  for (let i = 0; i < INJECTS; i++) {
    const post = POSTS[i % POSTS.length]!;
    const flash = i % 5 === 0;
    cables[`c${i}`] = {
      ref: `TOPOL ${3000 + i}`,
      profile: 'FRUS_1960S',
      series: { indicator: 'TOPOL', number: 3000 + i },
      dtg: '271800Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'CONFIDENTIAL',
      subject: `EXERCISE: bench traffic ${i}`,
      drafting: [
        { role: 'DRAFTED', person: 'instructor' },
        { role: 'APPROVED', person: 'ss-officer' },
      ],
      transmission: {
        addressees: [
          {
            plad: post,
            role: 'ACTION',
            precedence: flash ? 'FLASH' : 'ROUTINE',
            serial: { series: 'TOPOL', number: 3000 + i },
          },
        ],
        passes: [],
      },
      paragraphs: [{ n: null, portion: 'C', text: `Bench traffic number ${i}.` }],
    };
    injects.push({ id: `i${i}`, at: offset(i), cable: `c${i}`, objectives: ['reading'] });
    expectations.push({
      id: `open-${i}`,
      inject: `i${i}`,
      kind: 'open',
      who: post,
      mode: 'all',
      within: 30,
      points: 10,
      objective: 'reading',
    });
    if (flash) {
      expectations.push({
        id: `ack-${i}`,
        inject: `i${i}`,
        kind: 'acknowledge',
        who: post,
        mode: 'any',
        within: 15,
        points: 20,
        objective: 'handling',
      });
    }
  }
  for (const [p, post] of POSTS.entries()) {
    expectations.push({
      id: `no-denials-${p}`,
      kind: 'never',
      action: 'access-denied',
      who: post,
      points: 5,
      mode: 'any',
      objective: 'handling',
    });
  }
  return JSON.stringify({
    format: 'CABLEROOM-SCENARIO-1',
    id: 'bench',
    title: 'Exercise scoring benchmark',
    profile: 'FRUS_1960S',
    clock: { start: '271800Z OCT 62', rate: 1, end: offset(INJECTS + 60) },
    roles,
    objectives: [
      { id: 'reading', text: 'Reads the traffic', weight: 1 },
      { id: 'handling', text: 'Handles FLASH traffic', weight: 2 },
    ],
    cables,
    injects,
    expectations,
  });
}

/** 30 trainees, five at each post (one scrypt hash shared: the bench measures scoring). */
function addTrainees(core: Core): string[] {
  const secret = hashPassphraseSync('bench passphrase');
  return core.db.transaction(() =>
    POSTS.flatMap((post, p) => {
      const station = stationByPlad(core.db, post)!;
      return Array.from({ length: TRAINEES_PER_POST }, (_, t) => {
        const login = `bench-${p}-${t}`;
        const personId = insertPerson(core.db, {
          key: login,
          surname: login,
          fullName: `Bench trainee ${p}-${t}`,
          citedAs: login,
          stationId: station.id,
          officeId: officeId(core.db, station.id, 'POL') ?? null,
          principal: false,
          persona: true,
        });
        insertUser(core.db, {
          login,
          personId,
          role: 'trainee',
          clearance: 'CONFIDENTIAL',
          foreignNational: false,
          ...secret,
          createdAt: new Date().toISOString(),
        });
        return login;
      });
    }),
  )();
}

export async function measureExerciseScore(seedDir: string, progress: (m: string) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-exercise-'));
  const core = openCore({ dbPath: join(dir, 'exercise.sqlite'), seed: true, seedDir });
  try {
    const { db } = core;
    progress('exercise scoring: 30 trainees, 200 injects');
    const logins = addTrainees(core);
    const t0 = Date.now() - 24 * 3_600_000;
    let fake = t0;
    const engine = createExerciseService(db, core.audit, { realMs: () => fake });
    const instructor = core.users.byLogin('instructor');
    const assignments = Object.fromEntries(
      logins.map((login, k) => [`r${Math.floor(k / TRAINEES_PER_POST)}-${k % TRAINEES_PER_POST}`, login]),
    );
    await engine.start(instructor, { document: scenario() }, { assignments });
    fake = t0 + INJECTS * MIN;
    engine.tick();
    const exerciseId = db.prepare('SELECT max(id) FROM exercises').pluck().get() as number;
    const injected = db
      .prepare('SELECT inject_id AS inject, cable_id AS cableId FROM exercise_injects WHERE exercise_id = ?')
      .all(exerciseId) as { inject: string; cableId: number }[];

    // The exercise's stretch of the trail: the trainees' acts among other people's traffic.
    progress(`exercise scoring: writing ${fmtInt(ENTRIES)} audit entries`);
    const random = rng(20261202);
    const users = logins.map((login) => core.users.byLogin(login));
    const others = ['duty-usro', 'finletter', 'bohlen', 'rusk', 'ss-officer'].map((l) => core.users.byLogin(l));
    const topol578 = core.cables.idByRef('TOPOL 578');
    const seedCables = db.prepare('SELECT id FROM cables WHERE exercise_id IS NULL').pluck().all() as number[];
    const pick = <T>(xs: ReadonlyArray<T>): T => xs[Math.floor(random() * xs.length)]!;
    const who = (a: { userId: number; login: string }) => ({ userId: a.userId, login: a.login });
    const start = db.prepare("SELECT seq FROM audit_log WHERE action = 'EXERCISE_START'").pluck().get() as number;
    const inRange = (): number =>
      db.prepare('SELECT count(*) FROM audit_log WHERE seq >= ?').pluck().get(start) as number;
    const write = (n: number, make: (k: number) => void) =>
      db.transaction(() => {
        for (let k = 0; k < n; k++) make(k);
      })();
    // Every trainee opens every inject of their post; one acknowledges each FLASH.
    write(injected.length, (k) => {
      const { inject, cableId } = injected[k]!;
      const i = Number(inject.slice(1));
      const post = i % POSTS.length;
      for (let t = 0; t < TRAINEES_PER_POST; t++) {
        const at = new Date(t0 + (i + 1 + Math.floor(random() * 40)) * MIN);
        core.audit.append(
          { actor: who(users[post * TRAINEES_PER_POST + t]!), action: 'VIEW', cableId, detail: { channel: 'app' } },
          at,
        );
      }
      if (i % 5 === 0) {
        const at = new Date(t0 + (i + Math.floor(random() * 20)) * MIN);
        core.audit.append(
          {
            actor: who(users[post * TRAINEES_PER_POST]!),
            action: 'ACK',
            cableId,
            detail: { deliveryId: 0, precedence: 'FLASH' },
          },
          at,
        );
      }
    });
    // The live score's entries and the END come after: the range holds ENTRIES in all.
    const filler = ENTRIES - inRange() - 21;
    for (let done = 0; done < filler; done += 5_000) {
      write(Math.min(5_000, filler - done), () => {
        const at = new Date(t0 + Math.floor(random() * INJECTS * MIN));
        const r = random();
        if (r < 0.5) {
          core.audit.append({ actor: who(pick(users)), action: 'SEARCH', detail: { query: 'NAC meeting' } }, at);
        } else if (r < 0.8) {
          core.audit.append(
            { actor: who(pick(others)), action: 'VIEW', cableId: pick(seedCables), detail: { channel: 'app' } },
            at,
          );
        } else if (r < 0.995) {
          const { cableId } = pick(injected);
          core.audit.append({ actor: who(pick(users)), action: 'VIEW', cableId, detail: { channel: 'app' } }, at);
        } else {
          core.audit.append(
            {
              actor: who(pick(users)),
              action: 'DENY',
              cableId: topol578,
              detail: { channel: 'app', reason: 'CLEARANCE' },
            },
            at,
          );
        }
      });
    }
    progress('exercise scoring: measuring');
    const timed = <T>(f: () => T): { ms: number; value: T } => {
      const t = performance.now();
      const value = f();
      return { ms: performance.now() - t, value };
    };
    // The dashboard on a running exercise: main answers a refresh after each trainee's act
    // (status, score and feed, as ExerciseDashboardContainer asks them), and the engine ticks.
    const cold = timed(() => scoreExercise(db, exerciseId));
    const refresh = {
      status: [] as number[],
      score: [] as number[],
      feed: [] as number[],
      actTotal: [] as number[],
      actCpu: [] as number[],
      otherTotal: [] as number[],
      tick: [] as number[],
    };
    const dashboard = (): number => {
      const status = timed(() => engine.status(instructor)).ms;
      const score = timed(() => exerciseScoreView(db, core.audit, instructor, exerciseId)).ms;
      const feed = timed(() => exerciseFeed(db, core.audit, instructor, exerciseId, 200)).ms;
      refresh.status.push(status);
      refresh.score.push(score);
      refresh.feed.push(feed);
      return status + score + feed;
    };
    dashboard(); // the dashboard open before: its folds are warm
    for (let k = 0; k < LIVE_SAMPLES; k++) {
      // A trainee opens an inject (a VIEW the score, the feed and the grid read)…
      const { cableId } = pick(injected);
      core.audit.append({ actor: who(pick(users)), action: 'VIEW', cableId, detail: { channel: 'app' } });
      const cpu = process.cpuUsage();
      refresh.actTotal.push(dashboard());
      const used = process.cpuUsage(cpu);
      refresh.actCpu.push((used.user + used.system) / 1000);
      // …and someone's entry that nothing on the dashboard reads.
      core.audit.append({ actor: who(pick(others)), action: 'SEARCH', detail: { query: 'live' } });
      refresh.otherTotal.push(dashboard());
      refresh.tick.push(timed(() => engine.tick()).ms);
    }
    const met = Array.from({ length: 50 }, () => timed(() => isExpectationMet(db, exerciseId, 'ack-0')).ms);
    fake = t0 + (INJECTS + 61) * MIN;
    engine.tick(); // the end
    const end = db.prepare("SELECT seq FROM audit_log WHERE action = 'EXERCISE_END'").pluck().get() as number;

    const recompute = () => scoreRecord(readExerciseRecord(db, exerciseId), { realNowMs: Date.now() });
    recompute(); // warm-up: statements prepared, pages cached
    const runs = Array.from({ length: 5 }, () => timed(recompute));
    const score = runs[0]!.value;
    const rec = summarize(runs.map((r) => r.ms));

    const lines = score.lines.length;
    return [
      `Exercise scoring: ${logins.length} trainees, ${fmtInt(injected.length)} injects, ${fmtInt(
        db.prepare('SELECT count(*) FROM audit_log WHERE seq BETWEEN ? AND ?').pluck().get(start, end) as number,
      )} audit entries in the exercise (${fmtInt(lines)} score lines, total ${score.score.toFixed(2)})`,
      table(
        ['operation', 'samples', 'median', 'p95', 'max'],
        [
          ['recompute from the audit trail', String(rec.samples), fmtMs(rec.median), fmtMs(rec.p95), fmtMs(rec.max)],
          ['live score, first (whole fold)', '1', fmtMs(cold.ms), fmtMs(cold.ms), fmtMs(cold.ms)],
          ...[
            ['dashboard refresh after a trainee opens an inject', summarize(refresh.actTotal)] as const,
            ['  the same in CPU time (process.cpuUsage)', summarize(refresh.actCpu)] as const,
            ['  of which status (grid, clock)', summarize(refresh.status)] as const,
            ['  of which score', summarize(refresh.score)] as const,
            ['  of which feed (last 200 entries)', summarize(refresh.feed)] as const,
            ['dashboard refresh after an entry it does not read', summarize(refresh.otherTotal)] as const,
            ['engine tick, nothing due', summarize(refresh.tick)] as const,
            ['isExpectationMet, trail unchanged', summarize(met)] as const,
          ].map(([name, s]) => [name, String(s.samples), fmtMs(s.median), fmtMs(s.p95), fmtMs(s.max)]),
        ],
      ),
      '  targets: recompute under 1 s; a dashboard refresh under 5 ms in main (figures, not checks)',
    ].join('\n');
  } finally {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
