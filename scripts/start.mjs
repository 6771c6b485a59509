#!/usr/bin/env node
/**
 * `npm start`: runs Cableroom in Electron from the source tree.
 *
 *   1. Electron's binary: node_modules/electron downloads it at first use (install.js). Without
 *      network access (these build machines) it cannot: then Cableroom runs without Electron, in
 *      a browser, through `cableroom serve` (README "Run it without Electron"; see 5).
 *   2. Build: the Node bundles (scripts/build-node.mjs) and the renderer (vite build).
 *   3. better-sqlite3 for Electron's ABI, in .cache/ (scripts/electron-sqlite.mjs), leaving
 *      node_modules' Node-ABI build to the tests. Never `electron-builder install-app-deps`.
 *   4. electron . with CABLEROOM_SQLITE_BINDING pointing at that binding.
 *   5. Without Electron: `cableroom serve` on the database the app would use (made as the app's
 *      first start makes it, a demo installation, if there is none), its address printed and
 *      opened in the system's browser when there is one (xdg-open, chromium, …; none without a
 *      display). Ctrl-C stops it.
 *
 * Options: --no-build skips step 2 (dist/ from an earlier build is used); --port N (without
 * Electron) serves on that port instead of a free one.
 * ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) points at an Electron unpacked elsewhere.
 * CABLEROOM_NO_BROWSER=1 only prints the address.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
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

/** The value of `--port N` on the command line, or undefined. */
function portOption() {
  const at = process.argv.indexOf('--port');
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** install.js's outcome in one line: its stack trace says nothing a user can act on. */
function downloadElectron() {
  const result = spawnSync(process.execPath, [join(ELECTRON_PACKAGE, 'install.js')], { cwd: ROOT, encoding: 'utf8' });
  const firstLine = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (result.status !== 0 || !electronExecutable())
    console.log(`start: the download failed: ${firstLine ?? 'no reason given'}`);
}

// 1. The Electron binary.
const version = electronVersion();
step(`Electron ${version}: looking for its binary`);
if (!electronExecutable()) {
  console.log('start: not found; running node_modules/electron/install.js to download it');
  downloadElectron();
}
const executable = electronExecutable();
if (executable) {
  console.log(`start: ${executable}`);
} else {
  console.log(
    `start: no Electron ${version} binary, and it cannot be downloaded here (install.js fetches it from GitHub).\n` +
      '  For the desktop app: on a machine with network access run `npm start` once, or unpack Electron\n' +
      '  elsewhere and set ELECTRON_OVERRIDE_DIST_PATH to that folder.\n' +
      '  Meanwhile Cableroom runs in a browser: the same app, served by `cableroom serve` on 127.0.0.1.',
  );
}

// 2. Build.
if (process.argv.includes('--no-build')) {
  step('skipping the build (--no-build)');
} else {
  step('building the Node bundles');
  runNode([join(ROOT, 'scripts', 'build-node.mjs')], 'scripts/build-node.mjs');
  step('building the renderer');
  runNode([join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], 'vite build');
}
const needed = executable
  ? ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']
  : ['dist/cli/cableroom.cjs', 'dist/renderer/index.html'];
for (const file of needed) {
  if (!existsSync(join(ROOT, file))) fail(`${file} is missing: run without --no-build.`);
}
if (!executable) await serveInBrowser();

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

// ─── 5. Without Electron ─────────────────────────────────────────────────────────────────────────

/**
 * The database the Electron app uses: `<userData>/cableroom.sqlite`, where userData is Electron's
 * `appData/Cableroom` (or CABLEROOM_USER_DATA_DIR, as for the app in development). CABLEROOM_DB
 * names another file.
 */
function appDatabase() {
  if (process.env.CABLEROOM_DB) return process.env.CABLEROOM_DB;
  const appData =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(process.env.CABLEROOM_USER_DATA_DIR ?? join(appData, 'Cableroom'), 'cableroom.sqlite');
}

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** Opens `url` in the system's browser if there is one; returns what opened it, or null. */
function openBrowser(url) {
  if (process.env.CABLEROOM_NO_BROWSER) return null;
  if (process.platform === 'darwin') return spawnDetached('open', [url]);
  if (process.platform === 'win32') return spawnDetached('cmd', ['/c', 'start', '', url]);
  // Linux and the BSDs: a browser needs a display.
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const command = ['xdg-open', 'chromium', 'chromium-browser', 'google-chrome', 'firefox'].find(onPath);
  return command ? spawnDetached(command, [url]) : null;
}

function spawnDetached(command, args) {
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return command;
}

async function serveInBrowser() {
  const cli = join(ROOT, 'bin', 'cableroom.cjs');
  const db = appDatabase();
  if (!existsSync(db)) {
    step(`no database yet: ${db} (a demo installation, as the app's first start makes)`);
    mkdirSync(join(db, '..'), { recursive: true });
    runNode([cli, 'init', '--demo', '--db', db], 'cableroom init --demo');
  }
  step(`cableroom serve --db ${db}`);
  const port = portOption();
  const server = spawn(process.execPath, [cli, 'serve', '--db', db, ...(port ? ['--port', port] : [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  const lines = createInterface({ input: server.stdout });
  lines.on('line', (line) => {
    console.log(line);
    const url = /^Cableroom is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)$/.exec(line)?.[1];
    if (!url) return;
    const opener = openBrowser(url);
    console.log(
      opener
        ? `start: opened in the browser (${opener}). Ctrl-C stops Cableroom.`
        : 'start: no browser to open here: open the address above in a browser on this machine. Ctrl-C stops Cableroom.',
    );
  });
  const code = await new Promise((resolve) => server.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
