#!/usr/bin/env node
/**
 * `npm run seed:sign`: gives seed users without one a sealed signing key and re-signs the seed's
 * signed cables (electron/core/seed/seedSigning.ts), then formats the files it wrote with Prettier.
 * Run it after changing a file in resources/seed/signed; the unit tests fail until you do.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = join(ROOT, 'resources', 'seed');
const dir = mkdtempSync(join(tmpdir(), 'cableroom-seed-'));
try {
  const out = join(dir, 'seedSigning.cjs');
  await build({
    entryPoints: [join(ROOT, 'electron/core/seed/seedSigning.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  const { signSeedFiles } = createRequire(import.meta.url)(out);
  const signedDir = join(SEED, 'signed');
  const files = readdirSync(signedDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(signedDir, f));
  const written = signSeedFiles(SEED, 'topol-578', files);
  const prettier = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--write', ...written],
    {
      stdio: 'inherit',
    },
  );
  if (prettier.status !== 0) process.exit(prettier.status ?? 1);
  writeFileSync(1, `seed:sign wrote ${written.length} file(s)\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
