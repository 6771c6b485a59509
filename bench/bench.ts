/**
 * `npm run bench`: generates N synthetic cables through the real core (seed, `insertCable`,
 * inbox service, FTS table) and prints figures: bulk-insert throughput, inbox-page latency,
 * full-text-search latency, and the inbox-page p95 at 10,000 cables beside the one at N (paging
 * is keyset-based and should cost the same at any depth and size). Figures only, never pass/fail.
 *
 *   node dist/bench/bench.cjs [--n 100000] [--db PATH] [--samples 300] [--fts-samples 30] [--seed-dir DIR]
 *
 * Progress goes to stderr, the report to stdout.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CableInput } from '../electron/core/cables/cableInput';
import { cableInputSchema } from '../electron/core/cables/cableInput';
import { openCore } from '../electron/core/app';
import { defaultSeedDir } from '../electron/core/resources';
import type { InboxService } from '../electron/core/services/inbox';
import type { Actor } from '../electron/core/services/actor';
import type { HandlingService } from '../electron/core/services/handling';
import { INBOX_PAGE_SQL, INBOX_START, PENDING_ALERTS_SQL, searchCableIds } from '../electron/core/store/cableReader';
import { insertCable } from '../electron/core/store/cableWriter';
import type { Db } from '../electron/core/store/database';
import type { InboxCursor } from '../electron/domain/cable';
import { classificationRank } from '../electron/domain/classification';
import { measureRelease } from './release';
import { measureExerciseScore } from './exerciseScore';
import { measureStartup } from './startup';
import { measureImport } from './importBench';
import { BEST_MATCH_SMALL_N, bestMatchReport, measureBestMatch, type BestMatchFigures } from './bestMatch';
import { measureSignatures } from './signatures';
import { fmtBytes, fmtInt, fmtMs, measure, summarize, table, timings, type Summary } from './stats';
import { BENCH_LOGIN, BENCH_LOGIN_FILTERED, dtgClock, FTS_QUERIES, rng, syntheticCable } from './synthetic';

/** The small size of the constant-time paging check (the issue's target compares 1,000,000 with 10,000). */
const SMALL_N = 10_000;
/** Cables per outer transaction during the bulk insert. */
const BATCH = 1_000;
const PAGE_LIMIT = 50;
const RATIO_TARGET = 1.5;
/** The FRUS documents the tests use (tests/fixtures/README.md); `__dirname` is dist/bench once bundled. */
const DEFAULT_CORPUS = resolve(__dirname, '../../tests/fixtures/frus/frus1961-63v11');
/** A query whose cost grows with its hits may take long at large N: cap its sampling. */
const FTS_BUDGET = { ms: 10_000, minSamples: 10 } as const;

const HELP = `Usage: npm run bench -- [options]

Generates N synthetic cables through Cableroom's core and prints bulk-insert throughput, inbox-page
and full-text-search latency (median, p95), and the inbox-page p95 at ${fmtInt(SMALL_N)} and at N side by side.

Options:
  --n N               cables to generate (default 100000)
  --db PATH           keep the database at PATH (must not exist yet); default: a temp file, deleted at the end
  --samples K         timed inbox-page calls per measurement (default 300)
  --fts-samples K     timed calls per FTS query (default 30; fewer, but at least ${FTS_BUDGET.minSamples}, once a query
                      has used ${FTS_BUDGET.ms / 1000} s)
  --seed-dir DIR      the seed to load first (default: resources/seed)
  --signed N          released cables with four-signature chains for the signature figures
                      (default 100000; 0 skips them)
  --import N          synthetic cables for the bulk-import figures, bare and indexed (default 100000; 0 skips)
  --only startup      only the CLI start-up figures (cableroom show beside node -e 0; issue 15 item 6)
  --only signatures   only the signature figures (verify --all, the signed open; issue 15 items 2–3)
  --corpus DIR        FRUS TEI documents to build a 10 MB volume from (default: the repository's
                      tests/fixtures/frus/frus1961-63v11)
  -h, --help          this text
`;

type Options = Readonly<{
  n: number;
  db: string | null;
  samples: number;
  ftsSamples: number;
  seedDir: string;
  signed: number;
  importN: number;
  corpus: string | null;
  only: 'startup' | 'signatures' | null;
}>;

class UsageError extends Error {}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} must be a positive integer (got "${raw}").`);
  return v;
}

function parseOptions(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      n: { type: 'string' },
      db: { type: 'string' },
      samples: { type: 'string' },
      'fts-samples': { type: 'string' },
      'seed-dir': { type: 'string' },
      signed: { type: 'string' },
      import: { type: 'string' },
      corpus: { type: 'string' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  if (values.only !== undefined && values.only !== 'startup' && values.only !== 'signatures')
    throw new UsageError('--only takes "startup" or "signatures".');
  return {
    n: positiveInt('n', values.n, 100_000),
    db: values.db === undefined ? null : resolve(values.db),
    samples: positiveInt('samples', values.samples, 300),
    ftsSamples: positiveInt('fts-samples', values['fts-samples'], 30),
    seedDir: values['seed-dir'] === undefined ? defaultSeedDir() : resolve(values['seed-dir']),
    signed:
      values.signed === undefined ? 100_000 : values.signed === '0' ? 0 : positiveInt('signed', values.signed, 100_000),
    importN: values.import === '0' ? 0 : positiveInt('import', values.import, 100_000),
    corpus: values.corpus !== undefined ? resolve(values.corpus) : existsSync(DEFAULT_CORPUS) ? DEFAULT_CORPUS : null,
    only: values.only === 'startup' || values.only === 'signatures' ? values.only : null,
  };
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Bulk insert

/** `seconds`: wall time inside the insert transactions; `cpuSeconds`: this process's CPU time in them. */
type InsertPhase = Readonly<{ from: number; to: number; seconds: number; cpuSeconds: number }>;

type Inserter = Readonly<{
  /** Inserts cables [from, to); returns the seconds spent inside the insert transactions. */
  insert(from: number, to: number): InsertPhase;
}>;

function createInserter(db: Db, n: number): Inserter {
  const clock = dtgClock(n);
  const now = new Date();
  const writeBatch = db.transaction((cables: ReadonlyArray<CableInput>) => {
    for (const c of cables) insertCable(db, c, now);
  });
  const step = Math.max(BATCH, Math.ceil(n / 10));
  let nextReport = step;
  let totalSeconds = 0;
  let last = { at: 0, seconds: 0 };
  const wallStart = performance.now();
  return {
    insert(from, to) {
      let seconds = 0;
      let cpuSeconds = 0;
      for (let start = from; start < to; start += BATCH) {
        const end = Math.min(to, start + BATCH);
        // Generating the inputs is not the core's work: it stays outside the timed section.
        const cables = Array.from({ length: end - start }, (_, k) => syntheticCable(start + k, clock(start + k)));
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        writeBatch(cables);
        const dt = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        seconds += dt;
        totalSeconds += dt;
        cpuSeconds += (cpu.user + cpu.system) / 1e6;
        if (end >= nextReport || end === n) {
          progress(
            `inserted ${fmtInt(end)} / ${fmtInt(n)} (${Math.round((100 * end) / n)}%): ` +
              `${fmtInt((end - last.at) / (totalSeconds - last.seconds))} cables/s since the last report, ` +
              `${fmtInt(end / totalSeconds)} overall, ${((performance.now() - wallStart) / 1000).toFixed(1)} s elapsed`,
          );
          last = { at: end, seconds: totalSeconds };
          while (nextReport <= end) nextReport += step;
        }
      }
      return { from, to, seconds, cpuSeconds };
    },
  };
}

/** Validates a sample of generated cables against the real input schema (catches generator drift). */
function checkGenerator(n: number): void {
  const clock = dtgClock(n);
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, n - 1]) {
    const c = syntheticCable(i, clock(i));
    const parsed = cableInputSchema.safeParse(c);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(
        `synthetic cable ${i} does not fit the CableInput schema: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Inbox

type InboxFigures = Readonly<{
  cables: number;
  inboxSize: number;
  firstPage: Summary;
  deepPage: Summary;
  deepPageFiltered: Summary;
  rowsPerPage: number;
  plan: ReadonlyArray<string>;
  /** The FLASH/NIACT alert check (issue 15 item 1), as the synthetic traffic leaves it. */
  alerts: Summary;
  alertsPending: number;
  /** The same with nothing pending, now and through deliveries_inbox as before migration 0016. */
  alertsNonePending: Summary;
  alertsNonePendingBefore: Summary;
}>;

/**
 * Runs `f` with every FLASH/NIACT action delivery acknowledged, then puts them back (a savepoint
 * rolled back): the alert check "with nothing pending" of issue 15.
 */
function withNothingPending<T>(db: Db, f: () => T): T {
  db.exec('SAVEPOINT nothing_pending');
  try {
    db.prepare(
      `UPDATE deliveries SET ack_at = '1962-01-01T00:00:00.000Z'
        WHERE ack_at IS NULL AND role = 'ACTION' AND (precedence = 'FLASH' OR niact = 1)`,
    ).run();
    return f();
  } finally {
    db.exec('ROLLBACK TO nothing_pending; RELEASE nothing_pending');
  }
}

/** Random keyset cursors into one station's deliveries: a random delivery id, then the next one at the station. */
function randomCursors(db: Db, stationId: number, count: number, seed: number): InboxCursor[] {
  const { lo, hi } = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM deliveries').get() as {
    lo: number;
    hi: number;
  };
  // `+station_id` keeps the planner on the rowid range (this helper is untimed, but should stay cheap).
  const next = db.prepare(
    'SELECT arrived_at AS deliveredAt, id AS deliveryId FROM deliveries WHERE id >= ? AND +station_id = ? ORDER BY id LIMIT 1',
  );
  const r = rng(seed);
  const cursors: InboxCursor[] = [];
  while (cursors.length < count) {
    const row = next.get(lo + Math.floor(r() * (hi - lo + 1)), stationId) as InboxCursor | undefined;
    if (row) cursors.push(row);
  }
  return cursors;
}

/**
 * EXPLAIN QUERY PLAN of the core's inbox query, bound as the service binds it. Extra named
 * parameters are ignored by better-sqlite3, so the superset below survives changes to the query;
 * if it does not, the report says so instead of failing the run.
 */
function inboxPlan(db: Db, actor: Actor, cursor: InboxCursor): string[] {
  try {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${INBOX_PAGE_SQL}`).all({
      stationId: actor.stationId,
      userId: actor.userId,
      personId: actor.personId,
      maxRank: classificationRank(actor.clearance),
      beforeAt: cursor.deliveredAt,
      beforeId: cursor.deliveryId,
      limit: 200,
    }) as { detail: string }[];
    return rows.map((r) => r.detail);
  } catch (e) {
    return [`(plan unavailable: ${(e as Error).message})`];
  }
}

function measureInbox(
  db: Db,
  inbox: InboxService,
  handling: HandlingService,
  actors: Readonly<{ main: Actor; filtered: Actor }>,
  cables: number,
  samples: number,
): InboxFigures {
  const { main, filtered } = actors;
  const inboxSize = db
    .prepare('SELECT count(*) FROM deliveries WHERE station_id = ?')
    .pluck()
    .get(main.stationId) as number;
  const cursors = randomCursors(db, main.stationId, samples + 20, 0xbe7c);
  const firstPage = measure(
    samples,
    () => null,
    () => inbox.list(main, { cursor: null, limit: PAGE_LIMIT }),
  );
  let rows = 0;
  const deepPage = measure(
    samples,
    (i) => cursors[i % cursors.length]!,
    (cursor) => {
      rows += inbox.list(main, { cursor, limit: PAGE_LIMIT }).rows.length;
    },
  );
  const deepPageFiltered = measure(
    samples,
    (i) => cursors[i % cursors.length]!,
    (cursor) => inbox.list(filtered, { cursor, limit: PAGE_LIMIT }),
  );
  const alertParams = { stationId: main.stationId, userId: main.userId, maxRank: classificationRank(main.clearance) };
  // The query as it ran before migration 0016: through the post's delivery index.
  const before = db.prepare(
    PENDING_ALERTS_SQL.replace('FROM deliveries d', 'FROM deliveries d INDEXED BY deliveries_inbox'),
  );
  const alerts = measure(
    samples,
    () => null,
    () => handling.alerts(main),
  );
  const alertsPending = handling.alerts(main).length;
  const [alertsNonePending, alertsNonePendingBefore] = withNothingPending(db, () => [
    measure(
      samples,
      () => null,
      () => handling.alerts(main),
    ),
    measure(
      Math.min(samples, 30),
      () => null,
      () => before.all(alertParams),
    ),
  ]);
  return {
    cables,
    inboxSize,
    alerts,
    alertsPending,
    alertsNonePending,
    alertsNonePendingBefore,
    firstPage,
    deepPage,
    deepPageFiltered,
    rowsPerPage: rows / (samples + Math.min(20, samples)),
    plan: inboxPlan(db, main, cursors[0] ?? { deliveredAt: INBOX_START.beforeAt, deliveryId: INBOX_START.beforeId }),
  };
}

// ---------------------------------------------------------------------------------------------
// Full-text search

type FtsFigures = Readonly<{
  perQuery: ReadonlyArray<Readonly<{ label: string; hits: number; summary: Summary }>>;
  all: Summary;
}>;

function measureFts(db: Db, samples: number): FtsFigures {
  // The query the search service runs (newest first, so FTS5 stops at the limit).
  const search = { all: (match: string) => searchCableIds(db, match, 50) };
  const count = db.prepare('SELECT count(*) FROM cable_search WHERE cable_search MATCH ?').pluck();
  const all: number[] = [];
  const perQuery = FTS_QUERIES.map(({ label, match }) => {
    const hits = count.get(match) as number;
    const ms = timings(
      samples,
      () => match,
      (m) => search.all(m),
      Math.min(2, samples),
      FTS_BUDGET,
    );
    all.push(...ms);
    return { label, hits, summary: summarize(ms) };
  });
  return { perQuery, all: summarize(all) };
}

// ---------------------------------------------------------------------------------------------
// Report

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

function latencyRow(label: string, s: Summary, extra = ''): string[] {
  return [label, fmtInt(s.samples), fmtMs(s.median), fmtMs(s.p95), fmtMs(s.max), extra];
}

function report(
  o: Options,
  meta: Readonly<{
    dbPath: string;
    kept: boolean;
    seedCables: number;
    seedSeconds: number;
    dbBytes: number;
    sqliteVersion: string;
    loadAtStart: number;
  }>,
  phases: ReadonlyArray<InsertPhase>,
  deliveries: number,
  small: InboxFigures,
  large: InboxFigures | null,
  fts: FtsFigures,
): string {
  const out: string[] = [];
  out.push(
    `Cableroom bench: N = ${fmtInt(o.n)} synthetic cables (after the ${meta.seedCables} seed cables), ` +
      `node ${process.version}, SQLite ${meta.sqliteVersion}`,
  );
  out.push(
    `machine: ${cpus().length} CPUs, 1-min load average ${meta.loadAtStart.toFixed(2)} at the start and ` +
      `${loadavg()[0]!.toFixed(2)} at the end (latencies are wall-clock: a busy machine inflates p95)`,
  );
  out.push(
    `database: ${meta.dbPath} (${meta.kept ? 'kept' : 'temporary, deleted at exit'}), ${fmtBytes(meta.dbBytes)} after the run`,
  );
  out.push('');

  out.push(`Bulk insert: insertCable, ${fmtInt(BATCH)} cables per outer transaction (input generation not timed)`);
  const total = phases.reduce((s, p) => s + (p.to - p.from), 0);
  const seconds = phases.reduce((s, p) => s + p.seconds, 0);
  const cpuSeconds = phases.reduce((s, p) => s + p.cpuSeconds, 0);
  const phaseRow = (label: string, cables: number, wall: number, cpu: number): string[] => [
    label,
    fmtInt(cables),
    wall.toFixed(2),
    fmtInt(cables / wall),
    cpu.toFixed(2),
    ((1000 * wall) / cables).toFixed(3),
  ];
  out.push(
    table(
      ['  phase', 'cables', 'seconds', 'cables/s', 'cpu s', 'ms/cable'],
      [
        ['  open + seed (openCore)', fmtInt(meta.seedCables), meta.seedSeconds.toFixed(2), '', '', ''],
        ...phases.map((p) => phaseRow(`  ${fmtInt(p.from)} → ${fmtInt(p.to)}`, p.to - p.from, p.seconds, p.cpuSeconds)),
        phaseRow('  total', total, seconds, cpuSeconds),
      ],
    ),
  );
  out.push(
    '  (cpu s: CPU time of this process in the insert transactions; well below seconds means I/O waits or a busy machine)',
  );
  out.push(`  deliveries written: ${fmtInt(deliveries)}; USRO inbox: ${fmtInt((large ?? small).inboxSize)} deliveries`);
  out.push('');

  const at = large ?? small;
  out.push(`Query latency at ${fmtInt(at.cables)} cables (ms)`);
  out.push(
    table(
      ['  query', 'samples', 'median', 'p95', 'max', ''],
      [
        latencyRow(`  inbox first page (${BENCH_LOGIN}, limit ${PAGE_LIMIT})`, at.firstPage),
        latencyRow(
          `  inbox page at a random cursor (${BENCH_LOGIN})`,
          at.deepPage,
          `${at.rowsPerPage.toFixed(1)} rows/page`,
        ),
        latencyRow(
          `  inbox page at a random cursor (${BENCH_LOGIN_FILTERED})`,
          at.deepPageFiltered,
          'NODIS/EXDIS filtered',
        ),
        ...fts.perQuery.map((q) => latencyRow(`  FTS ${q.label}`, q.summary, `${fmtInt(q.hits)} hits`)),
        latencyRow('  FTS, all queries above pooled', fts.all),
      ],
    ),
  );
  out.push(
    '  FTS: searchCableIds (SELECT rowid FROM cable_search WHERE cable_search MATCH ? ORDER BY rowid DESC LIMIT 50)',
  );
  out.push('');

  out.push(`Constant-time paging: inbox page latency at ${fmtInt(SMALL_N)} cables and at N (ms)`);
  if (!large) {
    out.push(`  n/a: N (${fmtInt(o.n)}) is not above ${fmtInt(SMALL_N)}.`);
  } else {
    const row = (label: string, a: Summary, b: Summary): string[] => [
      label,
      fmtMs(a.median),
      fmtMs(b.median),
      fmtMs(a.p95),
      fmtMs(b.p95),
      (b.p95 / a.p95).toFixed(2),
    ];
    const small$ = fmtInt(small.cables);
    const large$ = fmtInt(large.cables);
    out.push(
      table(
        ['  page', `median ${small$}`, `median ${large$}`, `p95 ${small$}`, `p95 ${large$}`, 'p95 ratio'],
        [
          row(`  first page (${BENCH_LOGIN})`, small.firstPage, large.firstPage),
          row(`  random cursor (${BENCH_LOGIN})`, small.deepPage, large.deepPage),
          row(`  random cursor (${BENCH_LOGIN_FILTERED})`, small.deepPageFiltered, large.deepPageFiltered),
          row(`  FLASH/NIACT alert check (${BENCH_LOGIN})`, small.alerts, large.alerts),
          row('  alert check, nothing pending', small.alertsNonePending, large.alertsNonePending),
          row('  the same before migration 0016', small.alertsNonePendingBefore, large.alertsNonePendingBefore),
        ],
      ),
    );
    out.push(
      `  target: ratio ≤ ${RATIO_TARGET} at 1,000,000 vs ${fmtInt(SMALL_N)} cables (random-cursor row; a figure, not a check)`,
    );
    out.push(`  USRO inbox: ${fmtInt(small.inboxSize)} vs ${fmtInt(large.inboxSize)} deliveries`);
    const alertRatio = large.alertsNonePending.p95 / small.alertsNonePending.p95;
    out.push(
      `  FLASH/NIACT waiting for acknowledgement (the check's answer, at most 100): ${fmtInt(small.alertsPending)} vs ${fmtInt(large.alertsPending)}`,
      `TARGET alert check p95, N ÷ ${fmtInt(SMALL_N)}, nothing pending: ${alertRatio.toFixed(2)} (target ≤ ${RATIO_TARGET}) ${
        alertRatio <= RATIO_TARGET ? 'met' : 'NOT MET'
      }`,
    );
  }
  out.push('');
  out.push('Inbox page query plan (EXPLAIN QUERY PLAN of INBOX_PAGE_SQL)');
  const samePlan = large !== null && large.plan.join('\n') === small.plan.join('\n');
  if (large && !samePlan) {
    out.push(`  at ${fmtInt(small.cables)} cables:`, ...small.plan.map((d) => `    ${d}`));
    out.push(`  at ${fmtInt(large.cables)} cables (DIFFERENT):`, ...large.plan.map((d) => `    ${d}`));
  } else {
    out.push(...at.plan.map((d) => `  ${d}`));
    if (large) out.push(`  (same plan at ${fmtInt(small.cables)} and ${fmtInt(large.cables)} cables)`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  let o: Options | null;
  try {
    o = parseOptions(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (!o) {
    process.stdout.write(HELP);
    return 0;
  }
  if (o.only === 'startup') {
    process.stdout.write(`${measureStartup(o.seedDir, 15, progress)}\n`);
    return 0;
  }
  if (o.only === 'signatures') {
    process.stdout.write(`${await measureSignatures(o.seedDir, o.signed, progress)}\n`);
    return 0;
  }
  if (o.db !== null && existsSync(o.db)) {
    process.stderr.write(`bench: ${o.db} already exists; --db takes a new path (the bench loads the seed into it).\n`);
    return 2;
  }
  checkGenerator(o.n);

  const tempDir = o.db === null ? mkdtempSync(join(tmpdir(), 'cableroom-bench-')) : null;
  const dbPath = o.db ?? join(tempDir!, 'bench.sqlite');
  const loadAtStart = loadavg()[0]!;
  progress(`database ${dbPath}; loading the seed from ${o.seedDir}`);
  const t0 = performance.now();
  // openCore: readSeed, openDatabase (WAL, migrations), loadSeed, and the services over the database.
  const core = openCore({ dbPath, seed: true, seedDir: o.seedDir });
  const seedSeconds = (performance.now() - t0) / 1000;
  const { db, inbox, handling, users } = core;
  try {
    const sqliteVersion = db.prepare('SELECT sqlite_version()').pluck().get() as string;
    const seedCables = core.seeded?.cables ?? 0;
    const actors = { main: users.byLogin(BENCH_LOGIN), filtered: users.byLogin(BENCH_LOGIN_FILTERED) };
    const inserter = createInserter(db, o.n);

    const phases: InsertPhase[] = [];
    const smallN = Math.min(SMALL_N, o.n);
    phases.push(inserter.insert(0, smallN));
    db.pragma('wal_checkpoint(TRUNCATE)');
    progress(`measuring the inbox at ${fmtInt(smallN)} cables`);
    const small = measureInbox(db, inbox, handling, actors, smallN, o.samples);

    let large: InboxFigures | null = null;
    let bestMatchSmall: BestMatchFigures | null = null;
    if (o.n > smallN) {
      // Best match is compared at 100,000 and at N (issue 15 item 4, bench/bestMatch.ts): stop there on the way.
      let from = smallN;
      if (BEST_MATCH_SMALL_N > smallN && BEST_MATCH_SMALL_N < o.n) {
        phases.push(inserter.insert(smallN, BEST_MATCH_SMALL_N));
        bestMatchSmall = measureBestMatch(db, actors.main, BEST_MATCH_SMALL_N, o.ftsSamples, progress);
        from = BEST_MATCH_SMALL_N;
      }
      phases.push(inserter.insert(from, o.n));
      db.pragma('wal_checkpoint(TRUNCATE)');
      progress(`measuring the inbox at ${fmtInt(o.n)} cables`);
      large = measureInbox(db, inbox, handling, actors, o.n, o.samples);
    }
    progress('measuring full-text search');
    const fts = measureFts(db, o.ftsSamples);
    const bestMatchLarge = measureBestMatch(db, actors.main, o.n, o.ftsSamples, progress);
    const deliveries = db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
    const dbBytes = fileSize(dbPath) + fileSize(`${dbPath}-wal`);

    progress('measuring release to a 300-station collective');
    const release = measureRelease(o.seedDir);
    const signatures = o.signed > 0 ? await measureSignatures(o.seedDir, o.signed, progress) : '';
    const imports = o.importN > 0 ? await measureImport(o.seedDir, o.corpus, o.importN, progress) : '';
    const exerciseScore = await measureExerciseScore(o.seedDir, progress);
    const startup = measureStartup(o.seedDir, 15, progress); // issue 15 item 6
    process.stdout.write(
      report(
        o,
        { dbPath, kept: o.db !== null, seedCables, seedSeconds, dbBytes, sqliteVersion, loadAtStart },
        phases,
        deliveries,
        small,
        large,
        fts,
      ) +
        '\n\n' +
        release +
        (signatures ? `\n\n${signatures}` : '') +
        (imports ? `\n\n${imports}` : '') +
        `\n\n${bestMatchSmall ? bestMatchReport(bestMatchSmall, bestMatchLarge) : bestMatchReport(bestMatchLarge, null)}` +
        `\n\n${exerciseScore}` +
        `\n\n${startup}` +
        '\n',
    );
    return 0;
  } finally {
    core.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
