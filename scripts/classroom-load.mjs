#!/usr/bin/env node
/**
 * `npm run classroom:load -- --clients 30 --cables 1000 [--rate 50]` (issue 11, "Performance"):
 * bundles the load test and its peer process (bench/classroom/) into .cache/classroom-load/ with
 * esbuild — better-sqlite3 stays external, loaded from node_modules — and runs it. The load test
 * starts its own throw-away PostgreSQL (initdb and pg_ctl must be installed).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.cache', 'classroom-load');

const esbuild = await import('esbuild');
await Promise.all(
  [
    ['bench/classroom/load.ts', 'classroom-load.cjs'],
    ['bench/classroom/peer.ts', 'classroom-peer.cjs'],
  ].map(([entry, out]) =>
    esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile: join(OUT, out),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3'],
      logLevel: 'warning',
    }),
  ),
);
const run = spawnSync(process.execPath, [join(OUT, 'classroom-load.cjs'), '--root', ROOT, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
