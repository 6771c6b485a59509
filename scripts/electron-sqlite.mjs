#!/usr/bin/env node
/**
 * Builds better-sqlite3's native binding for Electron's ABI, in a copy, never in node_modules
 * (ARCHITECTURE.md "The environment's traps": the tests need node_modules' Node-ABI build, and
 * `electron-builder install-app-deps` silently does nothing offline, so it is never used).
 *
 *   node_modules/better-sqlite3  ──copy──▶  .cache/electron-sqlite/<electron>-<platform>-<arch>/better-sqlite3
 *                                            then prebuild-install --runtime electron --target <electron>
 *                                            or   node-gyp rebuild --release --target=<electron> --dist-url=…
 *   result ──copy──▶ .cache/electron-sqlite/current/better_sqlite3.node   (electron-builder.yml packs this)
 *
 * The main process loads it through better-sqlite3's `nativeBinding` option
 * (CABLEROOM_SQLITE_BINDING in development, resources/native/ when packaged). Both steps need the
 * network (GitHub release assets, or Electron's headers from electronjs.org); a finished build is
 * reused until Electron or better-sqlite3 changes version.
 *
 * Usage: node scripts/electron-sqlite.mjs      (prints the binding's path; used by start.mjs and `dist`)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE_DIR = join(ROOT, '.cache', 'electron-sqlite');
const SOURCE_DIR = join(ROOT, 'node_modules', 'better-sqlite3');
const BINDING_IN_PACKAGE = join('build', 'Release', 'better_sqlite3.node');

/** The path electron-builder.yml packs as resources/native/better_sqlite3.node. */
export const CURRENT_BINDING = join(CACHE_DIR, 'current', 'better_sqlite3.node');

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The installed Electron's version (node_modules/electron/package.json). */
export function electronVersion() {
  return readJson(join(ROOT, 'node_modules', 'electron', 'package.json')).version;
}

function run(command, args, cwd) {
  const shown = [command === process.execPath ? 'node' : command, ...args].map((a) =>
    a.startsWith(ROOT) ? relative(ROOT, a) : a,
  );
  console.log(`electron-sqlite: $ ${shown.join(' ')}   (in ${relative(ROOT, cwd)})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/**
 * Returns the path of a better_sqlite3.node built for `electron` (default: the installed one),
 * building it first if needed. Throws with an explanation when it cannot be built.
 */
export function ensureElectronSqlite({
  electron = electronVersion(),
  arch = process.arch,
  platform = process.platform,
} = {}) {
  const sqliteVersion = readJson(join(SOURCE_DIR, 'package.json')).version;
  const stamp = { electron, betterSqlite3: sqliteVersion, platform, arch };
  const workDir = join(CACHE_DIR, `${electron}-${platform}-${arch}`, 'better-sqlite3');
  const binding = join(workDir, BINDING_IN_PACKAGE);
  const stampFile = join(workDir, '.cableroom-build.json');

  const built =
    existsSync(binding) && existsSync(stampFile) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp);
  if (built) {
    console.log(
      `electron-sqlite: reusing ${relative(ROOT, binding)} (Electron ${electron}, better-sqlite3 ${sqliteVersion})`,
    );
  } else {
    console.log(
      `electron-sqlite: building better-sqlite3 ${sqliteVersion} for Electron ${electron} (${platform}-${arch})`,
    );
    rmSync(workDir, { recursive: true, force: true });
    mkdirSync(workDir, { recursive: true });
    // Everything but the Node-ABI build output: sources, deps (the SQLite amalgamation), lib, binding.gyp.
    cpSync(SOURCE_DIR, workDir, {
      recursive: true,
      filter: (source) => relative(SOURCE_DIR, source).split(/[\\/]/)[0] !== 'build',
    });

    // 1. A prebuilt binary for this Electron, if the release has one (quick; needs GitHub).
    const prebuildInstall = join(ROOT, 'node_modules', 'prebuild-install', 'bin.js');
    const prebuildArgs = ['--runtime', 'electron', '--target', electron, '--arch', arch, '--platform', platform];
    if (!existsSync(prebuildInstall) || !run(process.execPath, [prebuildInstall, ...prebuildArgs], workDir)) {
      // 2. Compile against Electron's headers (needs electronjs.org, Python and a C++ toolchain).
      const nodeGyp = join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
      const gypArgs = [
        'rebuild',
        '--release',
        `--target=${electron}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
      ];
      run(process.execPath, [nodeGyp, ...gypArgs], workDir);
    }
    if (!existsSync(binding)) {
      throw new Error(
        `could not build better-sqlite3 for Electron ${electron}: neither a prebuilt binary (GitHub) nor ` +
          `Electron's headers (electronjs.org) could be fetched, or the compiler failed (see above). ` +
          `node_modules/better-sqlite3 was left untouched.`,
      );
    }
    writeFileSync(stampFile, `${JSON.stringify(stamp)}\n`);
  }

  mkdirSync(dirname(CURRENT_BINDING), { recursive: true });
  copyFileSync(binding, CURRENT_BINDING);
  return binding;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(ensureElectronSqlite());
  } catch (error) {
    console.error(`electron-sqlite: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
