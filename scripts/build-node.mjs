#!/usr/bin/env node
/**
 * Bundles the Node-side entry points with esbuild, one CommonJS file each (platform node, target
 * node20, linked source maps):
 *
 *   electron/main/main.ts       → dist/main/main.cjs        (Electron main; electron + better-sqlite3 external)
 *   electron/preload/preload.ts → dist/preload/preload.cjs  (sandboxed preload: its only require is 'electron')
 *   electron/cli/cableroom.ts   → dist/cli/cableroom.cjs    (plain Node CLI and `cableroom serve`; better-sqlite3
 *                                                            external; importing electron fails the build)
 *
 * The CLI starts fast (issue 15 item 6): no ES module loader, few bytes, no compiling. It is two
 * CommonJS files named by their content (minified whitespace and syntax, names kept): the whole
 * CLI, dist/cli/cli-full-<hash>.cjs, and its light part, dist/cli/cli-light-<hash>.cjs, the same
 * entry without what a command loads with `await import()` (the whole core with zod, the
 * classroom, serve, the FRUS import…) but the light core: all that `--help`, usage errors, `show`
 * and `inbox` run. dist/cli/cableroom.cjs is a small CommonJS launcher naming both: its `main`
 * loads the light part, asks it (lightInvocation) whether it runs this command line, else loads
 * the whole CLI, so `bin/cableroom.cjs` and anyone requiring the bundle see the same `main`. Each
 * file is compiled by vm.Script with a V8 code cache made here (<name>.v8cache: the bytecode of
 * what a child Node ran on a throw-away demo database); V8 refuses a cache made by another Node or
 * under other V8 flags, and the file is then compiled as usual. A cache that cannot be made (no
 * seed, a failing child) is left out with a note: the CLI runs without it.
 *   bench/bench.ts              → dist/bench/bench.cjs      (plain Node benchmark; better-sqlite3 external)
 *
 * better-sqlite3's native addon is always loaded from node_modules (the Electron-ABI copy is chosen
 * at run time with its `nativeBinding` option; ARCHITECTURE.md traps). The package stays external
 * but in the CLI, which bundles its JavaScript only (SQLITE_JS_INSIDE: plain Node's addon).
 *
 * It also runs as npm's `prepare` after every install, so it must be quick and must not fail on a
 * fresh clone: an entry whose source does not exist yet is skipped with a note, and a missing
 * esbuild (a production-only install) skips the whole build. Syntax errors do fail it.
 *
 * Usage: node scripts/build-node.mjs
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {ReadonlyArray<{ entry: string, outfile: string, external: string[], why: string, withoutElectron?: boolean, cached?: boolean }>} */
const BUNDLES = [
  {
    entry: 'electron/main/main.ts',
    outfile: 'dist/main/main.cjs',
    external: ['electron', 'better-sqlite3'],
    why: 'Electron main',
  },
  { entry: 'electron/preload/preload.ts', outfile: 'dist/preload/preload.cjs', external: ['electron'], why: 'preload' },
  {
    entry: 'electron/cli/cableroom.ts',
    outfile: 'dist/cli/cableroom.cjs',
    // ws (`cableroom serve`) tries its optional native helpers inside try/catch; it runs without them.
    // better-sqlite3's JavaScript is bundled (SQLITE_JS_INSIDE); its addon is found by `bindings`.
    external: ['bindings', 'better-sqlite3/package.json', 'bufferutil', 'utf-8-validate'],
    why: 'CLI',
    withoutElectron: true,
    cached: true,
  },
  { entry: 'bench/bench.ts', outfile: 'dist/bench/bench.cjs', external: ['better-sqlite3'], why: 'benchmark' },
];

async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    return null;
  }
}

/**
 * Fails a bundle that reaches 'electron' (electron/serve imports modules of electron/main: only
 * its electron-free ones may be bundled into the CLI, which runs on plain Node).
 * @type {import('esbuild').Plugin}
 */
const NO_ELECTRON = {
  name: 'no-electron',
  setup(build) {
    build.onResolve({ filter: /^electron(\/|$)/ }, (args) => ({
      errors: [{ text: `${args.importer} imports "${args.path}": the CLI runs on plain Node, without Electron.` }],
    }));
  },
};

/**
 * The light bundle of the CLI holds what `--help`, usage errors, `show` and `inbox` run: the
 * CLI's own dynamic imports (electron/cli: a command's handler, the whole core) other than the
 * light core are left out, each a module that says so if it is
 * ever reached (lightInvocation in electron/cli/cableroom.ts keeps every other command line away).
 * @type {import('esbuild').Plugin}
 */
const LIGHT_ONLY = {
  name: 'light-only',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' &&
      /[\\/]electron[\\/]cli[\\/]/.test(args.importer) &&
      !/\/lightCore$/.test(args.path)
        ? { path: args.path, namespace: 'not-in-light-cli' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'not-in-light-cli' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not in the light CLI bundle (electron/cli/cableroom.ts lightInvocation)`)});`,
      loader: 'js',
    }));
  },
};

/**
 * better-sqlite3's JavaScript inside the CLI bundles (so it comes with their code cache, not as
 * eleven files compiled on every run), its native addon still from node_modules. The `bindings`
 * package it asks for the addon searches from the caller's file, which would be the bundle: the
 * addon is looked for in better-sqlite3's own folder instead, first where `bindings` looks first
 * (build/, build/Debug/, build/Release/: the first file there is the one it would load), else by
 * `bindings` itself told that folder (module_root), which then searches exactly as from there.
 * @type {import('esbuild').Plugin}
 */
const SQLITE_JS_INSIDE = {
  name: 'better-sqlite3-js-inside',
  setup(build) {
    const call = "require('bindings')('better_sqlite3.node')";
    build.onLoad({ filter: /[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(call)) {
        return { errors: [{ text: `${args.path} no longer loads its addon with ${call}: see SQLITE_JS_INSIDE.` }] };
      }
      const addon = `(() => {
        const { dirname, join } = require('node:path');
        const root = dirname(require.resolve('better-sqlite3/package.json'));
        for (const dir of ['build', 'build/Debug', 'build/Release']) {
          const file = join(root, dir, 'better_sqlite3.node');
          if (require('node:fs').existsSync(file)) return require(file);
        }
        return require('bindings')({ bindings: 'better_sqlite3.node', module_root: root });
      })()`;
      return { contents: source.replace(call, addon), loader: 'js' };
    });
  },
};

/**
 * A bundle file holds its code wrapped as Node wraps a CommonJS module, so that the launcher
 * compiles the file as it is read (a wrapping at run time would copy 300 KB into the young
 * generation on every start). The head takes a line of its own: the source map is moved down one.
 */
const WRAP = ['(function (exports, require, module, __filename, __dirname) {\n', '\n});\n'];

/**
 * The CommonJS face of the CLI: `main` from the light bundle or the whole one, each compiled with
 * its V8 code cache when V8 accepts it. Written last, by rename, so a CLI started meanwhile sees
 * one build or the other, never half of each.
 */
function cliLauncher(light, full) {
  return `'use strict';
// Built by scripts/build-node.mjs (issue 15 item 6): the CLI is ${full}; ${light} is the part
// that --help, usage errors, show and inbox run. Each is compiled with its V8 code cache.
const { join } = require('node:path');
const LIGHT = join(__dirname, ${JSON.stringify(light)});
const FULL = join(__dirname, ${JSON.stringify(full)});
const scripts = {};
const loaded = {};
function load(file) {
  if (loaded[file]) return loaded[file];
  const { readFileSync } = require('node:fs');
  const vm = require('node:vm');
  let cachedData;
  try {
    cachedData = readFileSync(file.replace(/\\.cjs$/, '.v8cache'));
  } catch {
    // no cache (not made, or removed): compiled as usual
  }
  // An ASCII file (esbuild writes one) becomes a one-byte string without decoding.
  const bytes = readFileSync(file);
  const source = require('node:buffer').isAscii?.(bytes) ? bytes.latin1Slice(0, bytes.length) : bytes.toString('utf8');
  // The file holds the bundle wrapped as Node wraps a CommonJS module; this file's own require
  // resolves from the same folder. (Not node:module's createRequire: loading node:module loads
  // the ES module loader.)
  const script = new vm.Script(source, { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, __dirname);
  mod.loaded = true;
  scripts[file === LIGHT ? 'light' : 'full'] = script;
  return (loaded[file] = mod.exports);
}
exports.scripts = scripts;
exports.main = (argv, io) => {
  let cli;
  try {
    const light = load(LIGHT);
    cli = light.lightInvocation(argv) ? light : load(FULL);
  } catch (e) {
    return Promise.reject(e);
  }
  return cli.main(argv, io);
};
`;
}

/** Writes a file beside its place, then renames it there: a reader sees the old file or the new one, whole. */
function writeWhole(path, data) {
  writeFileSync(`${path}.${process.pid}.tmp`, data);
  renameSync(`${path}.${process.pid}.tmp`, path);
}

/** Runs a child Node; its output only when it fails. */
function run(args) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) {
    const said = (r.stderr || r.stdout || '').trim().split('\n').slice(-3).join(' / ');
    throw new Error(`a child Node exited ${r.status}: ${said}`);
  }
}

/**
 * The V8 code caches of the CLI, made by what users run: a child Node (same binary, no flags: V8
 * accepts a cache only under the flags it was made with) runs `--help`, `show`, `inbox` (the light
 * bundle) and `users`, `audit verify` (the whole one) through the launcher on a demo database made
 * by another child (so that `init`'s code stays out), then writes each bundle's cache.
 */
function makeCodeCaches(launcher, caches) {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-cli-cache-'));
  try {
    const db = JSON.stringify(join(dir, 'warm.sqlite'));
    const io = `{ stdout: () => true, stderr: (t) => process.stderr.write(t), env: { ...process.env, CABLEROOM_DB: '' } }`;
    const cli = `require(${JSON.stringify(launcher)})`;
    run(['-e', `${cli}.main(['init', '--demo', '--db', ${db}], ${io}).then((c) => { process.exitCode = c; })`]);
    const commands = [
      ['--help'],
      ['show', 'TOPOL 578', '--as', 'finletter', '--db', '@'],
      ['show', 'TOPOL 578', '--as', 'finletter', '--json', '--db', '@'],
      ['inbox', '--as', 'finletter', '--db', '@'],
      ['users', '--db', '@'],
      ['audit', 'verify', '--db', '@'],
    ];
    run([
      '-e',
      `const cli = ${cli};
      (async () => {
        for (const argv of ${JSON.stringify(commands)}) {
          const code = await cli.main(argv.map((a) => (a === '@' ? ${db} : a)), ${io});
          if (code !== 0) throw new Error(argv.join(' ') + ' exited ' + code);
        }
        const { renameSync, writeFileSync } = require('node:fs');
        for (const [part, file] of Object.entries(${JSON.stringify(caches)})) {
          writeFileSync(file + '.' + process.pid + '.tmp', cli.scripts[part].createCachedData());
          renameSync(file + '.' + process.pid + '.tmp', file);
        }
      })().catch((e) => { console.error(e.message); process.exitCode = 1; });`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The CLI: a light and a whole CommonJS bundle, each named by its content and with its V8 code
 * cache, behind a CommonJS launcher at outfile (see the top of this file).
 * @param {import('esbuild').BuildOptions & { outfile: string }} options
 */
async function buildCached({ outfile, plugins = [], ...options }) {
  const esbuild = await loadEsbuild();
  const folder = join(ROOT, dirname(outfile));
  mkdirSync(folder, { recursive: true });
  /** @param {'light' | 'full'} part */
  const write = async (part) => {
    const result = await esbuild.build({
      ...options,
      plugins: part === 'light' ? [...plugins, SQLITE_JS_INSIDE, LIGHT_ONLY] : [...plugins, SQLITE_JS_INSIDE],
      write: false,
      outfile: join(folder, 'cli.cjs'),
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: 'none',
    });
    const code = /** @type {import('esbuild').OutputFile} */ (result.outputFiles.find((f) => f.path.endsWith('.cjs')));
    // vm.Script runs the bundles without an ES module loader: esbuild turns every import() of a
    // bundled module into a require; one left would fail when reached.
    if (/\bimport\(/.test(code.text))
      throw new Error(`the ${part} CLI bundle still holds an import(): bundle it, or keep it out`);
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
    // Named by content (and the wrapper): a file of that name always holds these bytes, and its cache belongs to it.
    const name = `cli-${part}-${createHash('sha256').update(WRAP[0]).update(code.contents).update(WRAP[1]).digest('hex').slice(0, 16)}`;
    // A CLI may be reading the file of that name this moment: it is never rewritten, and a new
    // one appears whole (written aside, then renamed).
    if (!existsSync(join(folder, `${name}.cjs`))) {
      if (map) {
        const sourceMap = JSON.parse(map.text);
        writeWhole(
          join(folder, `${name}.cjs.map`),
          JSON.stringify({ ...sourceMap, mappings: `;${sourceMap.mappings}` }),
        );
      }
      const text = code.text.replace(
        /\/\/# sourceMappingURL=cli\.cjs\.map\s*$/,
        `//# sourceMappingURL=${name}.cjs.map`,
      );
      writeWhole(join(folder, `${name}.cjs`), `${WRAP[0]}${text}${WRAP[1]}`);
    }
    return name;
  };
  const [light, full] = await Promise.all([write('light'), write('full')]);
  const caches = { light: join(folder, `${light}.v8cache`), full: join(folder, `${full}.v8cache`) };
  const next = join(folder, `.cableroom.cjs.${process.pid}`);
  writeFileSync(next, cliLauncher(`${light}.cjs`, `${full}.cjs`));
  if (!existsSync(caches.light) || !existsSync(caches.full)) {
    try {
      makeCodeCaches(next, caches);
    } catch (e) {
      for (const c of Object.values(caches)) rmSync(c, { force: true });
      console.log(`build-node: note: no V8 code cache for the CLI (it runs without one): ${e.message}`);
    }
  }
  renameSync(next, join(ROOT, outfile));
  // The last build's files go; the ones just written stay (a CLI started meanwhile has read its own).
  const keep = new Set([light, full].flatMap((n) => [`${n}.cjs`, `${n}.cjs.map`, `${n}.v8cache`]));
  for (const name of readdirSync(folder)) {
    const old =
      /^cli-(light|full)-[0-9a-f]+\.(cjs|cjs\.map|v8cache)$/.test(name) ||
      name === 'esm' ||
      name === 'cableroom.cjs.map';
    if (old && !keep.has(name)) rmSync(join(folder, name), { recursive: true, force: true });
  }
}

async function main() {
  const esbuild = await loadEsbuild();
  if (!esbuild) {
    console.log('build-node: esbuild is not installed (production-only install?); skipping the Node bundles.');
    return 0;
  }

  const started = Date.now();
  const present = BUNDLES.filter((bundle) => {
    if (existsSync(join(ROOT, bundle.entry))) return true;
    console.log(`build-node: note: ${bundle.entry} does not exist yet; skipping the ${bundle.why} bundle.`);
    return false;
  });

  const results = await Promise.allSettled(
    present.map((bundle) =>
      (bundle.cached ? buildCached : esbuild.build)({
        absWorkingDir: ROOT,
        entryPoints: [bundle.entry],
        outfile: bundle.outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        sourcemap: 'linked',
        // Source paths in the maps relative to the repository, not to this machine.
        sourceRoot:
          relative(dirname(join(ROOT, bundle.outfile)), ROOT)
            .split('\\')
            .join('/') + '/',
        external: bundle.external,
        plugins: bundle.withoutElectron ? [NO_ELECTRON] : [],
        logLevel: 'warning',
        // Readable stack traces in the CLI and the main process log.
        keepNames: true,
      }),
    ),
  );

  let failed = 0;
  results.forEach((result, i) => {
    const bundle = /** @type {(typeof present)[number]} */ (present[i]);
    if (result.status === 'fulfilled') {
      console.log(`build-node: ${bundle.entry} → ${bundle.outfile}`);
    } else {
      failed += 1;
      // esbuild has already printed the located errors; this names the bundle that failed.
      console.error(
        `build-node: FAILED ${bundle.entry}: ${result.reason instanceof Error ? result.reason.message.split('\n')[0] : result.reason}`,
      );
    }
  });
  console.log(`build-node: ${present.length - failed}/${present.length} bundles in ${Date.now() - started} ms.`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
