#!/usr/bin/env node
/**
 * `npm start`: runs Cableroom in Electron from the source tree.
 *
 *   1. Electron's binary: node_modules/electron downloads it at first use (install.js). Without
 *      network access (these build machines) it cannot, and this says so and stops.
 *   2. Build: the Node bundles (scripts/build-node.mjs) and the renderer (vite build).
 *   3. better-sqlite3 for Electron's ABI, in .cache/ (scripts/electron-sqlite.mjs), leaving
 *      node_modules' Node-ABI build to the tests. Never `electron-builder install-app-deps`.
 *   4. electron . with CABLEROOM_SQLITE_BINDING pointing at that binding.
 *
 * Options: --no-build skips step 2 (dist/ from an earlier build is used).
 * ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) points at an Electron unpacked elsewhere.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureElectronSqlite, electronVersion, ROOT } from './electron-sqlite.mjs';

const ELECTRON_PACKAGE = join(ROOT, 'node_modules', 'electron');

function step(text) {
  console.log(`\nstart: ${text}`);
}

function fail(text) {
  console.error(`\nstart: ${text}`);
  process.exit(1);
}

/** The Electron executable, or null when the binary is not there (what electron's index.js checks). */
function electronExecutable() {
  const pathFile = join(ELECTRON_PACKAGE, 'path.txt');
  const relativeExe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = join(override, relativeExe ?? 'electron');
    return existsSync(exe) ? exe : null;
  }
  if (!relativeExe) return null;
  const exe = join(ELECTRON_PACKAGE, 'dist', relativeExe);
  return existsSync(exe) ? exe : null;
}

function runNode(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) fail(`${what} failed (exit ${result.status ?? result.signal}).`);
}

// 1. The Electron binary.
const version = electronVersion();
step(`Electron ${version}: looking for its binary`);
if (!electronExecutable()) {
  console.log('start: not found; running node_modules/electron/install.js to download it');
  spawnSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], { cwd: ROOT, stdio: 'inherit' });
}
const executable = electronExecutable();
if (!executable) {
  fail(
    `no Electron ${version} binary, and it cannot be downloaded here (install.js fetches it from GitHub).\n` +
      '  On a machine with network access: run `npm start` once (or `node node_modules/electron/install.js`).\n' +
      '  Or unpack Electron elsewhere and set ELECTRON_OVERRIDE_DIST_PATH to that folder.\n' +
      '  Everything else runs without Electron: npm test, the CLI (npm run cli), the e2e suite in Chromium.',
  );
}
console.log(`start: ${executable}`);

// 2. Build.
if (process.argv.includes('--no-build')) {
  step('skipping the build (--no-build)');
} else {
  step('building the Node bundles');
  runNode([join(ROOT, 'scripts', 'build-node.mjs')], 'scripts/build-node.mjs');
  step('building the renderer');
  runNode([join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], 'vite build');
}
for (const file of ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(ROOT, file))) fail(`${file} is missing: run without --no-build.`);
}

// 3. better-sqlite3 for Electron's ABI.
step('better-sqlite3 for Electron');
let binding;
try {
  binding = ensureElectronSqlite({ electron: version });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

// 4. Run.
step(`electron .  (CABLEROOM_SQLITE_BINDING=${binding})`);
const env = { ...process.env, CABLEROOM_SQLITE_BINDING: binding };
// Set, it would make Electron behave as plain Node and ignore the app.
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(executable, ['.', ...process.argv.slice(2).filter((a) => a !== '--no-build')], {
  cwd: ROOT,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
