/**
 * CLI start-up (issue 15 item 6): `cableroom show` as a user runs it (bin/cableroom.cjs, the built
 * bundle: node scripts/build-node.mjs, which `npm run bench` runs first) beside `node -e 0`, the
 * least any Node command costs, alternately in one run, on a seeded database. Wall time of each
 * process, spawned one at a time. With $CABLEROOM_STARTUP_BASELINE naming another checkout's
 * bin/cableroom.cjs (e.g. a git worktree at an older commit, built), its `show` runs in the same
 * alternation on a database of its own (its `init --demo`: an older CLI may refuse a newer schema).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../electron/core/app';
import { fmtMs, summarize, table } from './stats';

const TARGET = 1.5;
/** `__dirname` is dist/bench once bundled. */
const BIN = resolve(__dirname, '../../bin/cableroom.cjs');

function wall(args: ReadonlyArray<string>): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CABLEROOM_DB: '' } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return ms;
}

export function measureStartup(seedDir: string, runs: number, progress: (m: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-startup-'));
  try {
    const db = join(dir, 'startup.sqlite');
    openCore({ dbPath: db, seed: true, seedDir }).close();
    progress(`CLI start-up: cableroom show and node -e 0, ${runs} runs each, alternately`);
    const show = ['show', 'TOPOL 578', '--as', 'finletter', '--db', db];
    const help = ['--help'];
    const baseline = process.env.CABLEROOM_STARTUP_BASELINE;
    const baseDb = join(dir, 'baseline.sqlite');
    if (baseline) wall([baseline, 'init', '--demo', '--db', baseDb]);
    const baseShow = baseline ? [baseline, ...show.slice(0, -1), baseDb] : null;
    const baseMs: number[] = [];
    const nodeMs: number[] = [];
    const showMs: number[] = [];
    const helpMs: number[] = [];
    wall([BIN, ...show]); // the first run warms the file cache; not timed
    if (baseShow) wall(baseShow);
    for (let i = 0; i < runs; i++) {
      nodeMs.push(wall(['-e', '0']));
      showMs.push(wall([BIN, ...show]));
      helpMs.push(wall([BIN, ...help]));
      if (baseShow) baseMs.push(wall(baseShow));
    }
    const base = summarize(nodeMs);
    const rows: Array<[string, ReturnType<typeof summarize>]> = [
      ['  node -e 0', base],
      ['  cableroom --help', summarize(helpMs)],
      ['  cableroom show "TOPOL 578" --as finletter', summarize(showMs)],
      ...(baseline
        ? [[`  baseline ${baseline}: show`, summarize(baseMs)] as [string, ReturnType<typeof summarize>]]
        : []),
    ];
    const ratio = summarize(showMs).median / base.median;
    return [
      'CLI start-up: wall time of each process (ms)',
      table(
        ['  command', 'runs', 'median', 'p95', 'ratio of medians'],
        rows.map(([label, x]) => [
          label,
          String(x.samples),
          fmtMs(x.median),
          fmtMs(x.p95),
          (x.median / base.median).toFixed(2),
        ]),
      ),
      `TARGET cableroom show ÷ node -e 0: ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? 'met' : 'NOT MET'}`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
