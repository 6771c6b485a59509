import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../electron/core/app';
import { initClassroom } from '../../electron/core/classroom/setup';
import { setScryptCostForTests } from '../../electron/core/crypto/scrypt';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import type { Draft } from '../../electron/domain/draft';
import { startCluster } from './pgCluster';
import type { FromPeer, PeerConfig, ToPeer } from './peer';

/**
 * `npm run classroom:load -- --clients 30 --cables 1000` (issue 11, "Performance"): starts its
 * own throw-away PostgreSQL, a classroom of N machines — each a separate process with its own
 * SQLite file — and has USRO release M cables to the Department (action) and ALL NATO CAPITALS
 * (information), at --rate cables a second. Every other machine staffs an addressee post and
 * must receive every cable; at the end every cable on every client is checked by the hash of
 * its signed document. The last line is
 *   clients=N cables=M delivered=D lost=L doubled=X p50_ms=… p95_ms=…
 * (latency from the release written on the sender to the cable applied on the receiver).
 */
const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '30' },
    cables: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '50' },
    'poll-ms': { type: 'string', default: '5000' },
    'timeout-s': { type: 'string', default: '600' },
    root: { type: 'string', default: process.cwd() },
  },
});
const CLIENTS = Number(values.clients);
const CABLES = Number(values.cables);
const RATE = Number(values.rate);
const POLL_MS = Number(values['poll-ms']);
const TIMEOUT_MS = Number(values['timeout-s']) * 1000;
const ROOT = resolve(values.root!);
if (!(CLIENTS >= 2 && CABLES >= 1 && RATE > 0)) {
  console.error('usage: classroom:load -- --clients N (≥ 2) --cables M (≥ 1) [--rate R] [--poll-ms MS]');
  process.exit(2);
}

const SENDER = 'duty-usro';
/** Seed accounts at addressee posts (the Department, Paris, Ankara); then new officers at the NATO capitals. */
const SEED_RECEIVERS = ['rusk', 'ball', 'ujohnson', 'ss-officer', 'instructor', 'bohlen', 'hare'];
const CAPITALS = [
  'AMEMBASSY PARIS',
  'AMEMBASSY LONDON',
  'AMEMBASSY BONN',
  'AMEMBASSY ROME',
  'AMEMBASSY ANKARA',
  'AMEMBASSY ATHENS',
  'AMEMBASSY BRUSSELS',
  'AMEMBASSY THE HAGUE',
  'AMEMBASSY LUXEMBOURG',
  'AMEMBASSY OSLO',
  'AMEMBASSY COPENHAGEN',
  'AMEMBASSY REYKJAVIK',
  'AMEMBASSY LISBON',
  'AMEMBASSY OTTAWA',
];
const passwordOf = (login: string): string => `load-${login}`;
/** The new officers' passphrase (accounts need ten characters; the seed's is the published demo one). */
const OFFICER_PASSPHRASE = 'load officer passphrase';

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  setScryptCostForTests(1 << 12);
  const pg = await startCluster();
  const work = mkdtempSync(join(tmpdir(), 'cableroom-load-'));
  const peers: ChildProcess[] = [];
  try {
    const database = pg.createDatabase('load');
    // The class: one template database (seed + accounts), its classroom set up, copied to every machine.
    const templateDir = join(work, 'template');
    const templatePath = join(templateDir, 'cableroom.sqlite');
    const receivers = SEED_RECEIVERS.slice(0, CLIENTS - 1);
    {
      mkdirSync(templateDir);
      const core = openCore({ dbPath: templatePath, seed: 'demo', seedDir: join(ROOT, 'resources/seed') });
      const instructor = core.users.byLogin('instructor');
      for (let i = receivers.length; i < CLIENTS - 1; i++) {
        const login = `officer-${String(i).padStart(2, '0')}`;
        await core.accounts.create(instructor, {
          login,
          displayName: `Load officer ${i}`,
          post: CAPITALS[i % CAPITALS.length]!,
          office: 'POL',
          role: 'officer',
          clearance: 'SECRET',
          categories: [],
          captionRoles: [],
          foreignNational: false,
          passphrase: OFFICER_PASSPHRASE,
        });
        receivers.push(login);
      }
      const logins = [SENDER, ...receivers];
      await initClassroom(core.db, core.audit, instructor, pg.url(database), {
        passwords: Object.fromEntries(logins.map((l) => [l, passwordOf(l)])),
      });
      core.close();
    }
    const machines = [SENDER, ...receivers];
    const peerScript = join(__dirname, 'classroom-peer.cjs');
    const ready = new Set<string>();
    const releasedAt = new Map<string, number>();
    const applied = new Map<string, Map<string, number>>(machines.map((m) => [m, new Map()]));
    let appliedTwice = 0;
    let refusedNotices = 0;
    const reports = new Map<string, Extract<FromPeer, { type: 'report' }>>();
    let wake: () => void = () => undefined;
    let failed: string | null = null;
    const waitFor = (what: string, check: () => boolean, timeoutMs = TIMEOUT_MS): Promise<void> =>
      new Promise((resolveWait, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
        wake = () => {
          if (failed) {
            clearTimeout(timer);
            reject(new Error(`${failed} while waiting for ${what}`));
          } else if (check()) {
            clearTimeout(timer);
            resolveWait();
          }
        };
        wake();
      });

    machines.forEach((login, i) => {
      const dir = join(work, `machine-${i}`);
      mkdirSync(dir);
      // The database with its audit anchor and anchor key (issue 13): a machine of the same class.
      for (const f of readdirSync(templateDir)) copyFileSync(join(templateDir, f), join(dir, f));
      const config: PeerConfig = {
        dbPath: join(dir, 'cableroom.sqlite'),
        login,
        url: `postgres://127.0.0.1:${pg.port}/${database}`,
        password: passwordOf(login),
        passphrase: login.startsWith('officer-') ? OFFICER_PASSPHRASE : SEED_PASSPHRASE,
        pollMs: POLL_MS,
      };
      const child = fork(peerScript, [], {
        execArgv: process.env.CABLEROOM_LOAD_PROFILE
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CABLEROOM_LOAD_PROFILE}`]
          : [],
        env: { ...process.env, CABLEROOM_PEER: JSON.stringify(config) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      peers.push(child);
      child.on('message', (raw) => {
        const m = raw as FromPeer;
        if (m.type === 'ready') ready.add(m.login);
        else if (m.type === 'released') releasedAt.set(m.ref, m.at);
        else if (m.type === 'applied') {
          if (m.outcome === 'REFUSED') refusedNotices++;
          const got = applied.get(login)!;
          if (got.has(m.ref)) appliedTwice++;
          else got.set(m.ref, m.at);
        } else if (m.type === 'report') reports.set(m.login, m);
        else if (m.type === 'error') console.error(`${login}: ${m.message}`);
        wake();
      });
      child.on('exit', (code) => {
        if (code) {
          console.error(`${login}: exited with ${code}`);
          failed = `${login} exited with ${code}`;
          wake();
        }
      });
    });
    await waitFor('every machine online', () => ready.size === machines.length, 120_000);

    const base = JSON.parse(readFileSync(join(ROOT, 'docs/examples/polto-reply.json'), 'utf8')) as Draft;
    const refs = Array.from({ length: CABLES }, (_, i) => `POLTO ${10_000 + i}`);
    const drafts: Draft[] = refs.map((_, i) => ({
      ...base,
      subject: `Classroom load ${i}`,
      references: [],
      captions: [],
      eyesOnly: [],
      addressees: [
        { plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'IMMEDIATE', niact: false, for: [] },
        { collective: 'ALL NATO CAPITALS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
      ],
    }));
    const cpuBefore = pg.cpuSeconds();
    const started = Date.now();
    peers[0]!.send({ type: 'release', drafts, refs, ratePerSecond: RATE } satisfies ToPeer);
    const everyone = (): boolean => receivers.every((r) => applied.get(r)!.size >= CABLES);
    // Progress on stderr every 30 s: what a run cut short still tells.
    const progress = setInterval(() => {
      const got = receivers.reduce((n, r) => n + applied.get(r)!.size, 0);
      const t = (Date.now() - started) / 1000;
      console.error(
        `progress: ${t.toFixed(0)} s, released ${releasedAt.size}/${CABLES}, applied ${got}/${receivers.length * CABLES} ` +
          `(${(got / t).toFixed(1)}/s), server CPU ${(pg.cpuSeconds() - cpuBefore).toFixed(1)} s`,
      );
    }, 30_000);
    let timedOut = false;
    await waitFor('every cable on every machine', everyone).catch((e: Error) => {
      timedOut = true;
      console.error(e.message);
    });
    clearInterval(progress);
    const elapsedMs = Date.now() - started;
    const cpuSeconds = pg.cpuSeconds() - cpuBefore;

    for (const p of peers) p.send({ type: 'report' } satisfies ToPeer);
    // Each machine first reads what is left of the feed (syncNow), then reports.
    await waitFor('every report', () => reports.size === machines.length);
    const sent = new Map(reports.get(SENDER)!.cables);
    let delivered = 0;
    let doubled = appliedTwice;
    const latencies: number[] = [];
    for (const r of receivers) {
      const report = reports.get(r)!;
      const got = new Map(report.cables);
      for (const ref of refs) if (sent.get(ref) && got.get(ref) === sent.get(ref)) delivered++;
      doubled += report.doubled + Math.max(0, report.imports - got.size);
      for (const [ref, at] of applied.get(r)!) {
        const from = releasedAt.get(ref);
        if (from !== undefined) latencies.push(at - from);
      }
    }
    latencies.sort((a, b) => a - b);
    const expected = receivers.length * CABLES;
    const seconds = elapsedMs / 1000;
    console.log(
      `load: ${machines.length} processes, ${CABLES} cables from ${SENDER} at ${RATE}/s to ${receivers.length} receivers; ` +
        `${expected} deliveries in ${seconds.toFixed(1)} s = ${(delivered / seconds).toFixed(0)} applied/s; ` +
        `server CPU ${cpuSeconds.toFixed(1)} s (${((cpuSeconds / seconds) * 100).toFixed(0)}% of one core); ` +
        `p99_ms=${percentile(latencies, 99)} max_ms=${latencies[latencies.length - 1] ?? 0}; refused=${refusedNotices}${timedOut ? '; TIMED OUT' : ''}`,
    );
    console.log(
      `clients=${machines.length} cables=${CABLES} delivered=${delivered} lost=${expected - delivered} doubled=${doubled} ` +
        `p50_ms=${percentile(latencies, 50)} p95_ms=${percentile(latencies, 95)}`,
    );
    process.exitCode = delivered === expected && doubled === 0 ? 0 : 1;
  } finally {
    for (const p of peers) {
      p.on('error', () => undefined);
      if (p.connected) p.send({ type: 'stop' } satisfies ToPeer, (e) => e && p.kill());
      else if (p.exitCode === null) p.kill();
    }
    await Promise.all(peers.map((p) => (p.exitCode !== null ? null : new Promise((r) => p.once('exit', r)))));
    pg.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
