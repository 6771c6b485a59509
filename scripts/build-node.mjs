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
 * The CLI is split (issue 15 item 6): esbuild bundles it as ES modules with code splitting into
 * dist/cli/esm/ — the entry, and a chunk per part a command loads with `await import()` (the
 * whole core, the classroom, serve, the FRUS import…) — and dist/cli/cableroom.cjs is a small
 * CommonJS file whose `main` imports the entry, so `bin/cableroom.cjs` and anyone requiring the
 * bundle see the same `main`. `cableroom show` reads and compiles only what it runs. Each chunk
 * gets `require`, `__filename` and `__dirname` (a banner), which the bundled CommonJS packages and
 * resources.ts use; `__dirname` is dist/cli/esm, whose ancestors are searched as before.
 *   bench/bench.ts              → dist/bench/bench.cjs      (plain Node benchmark; better-sqlite3 external)
 *
 * better-sqlite3 stays external everywhere: it is a native addon, loaded from node_modules (the
 * Electron-ABI copy is chosen at run time with its `nativeBinding` option; ARCHITECTURE.md traps).
 *
 * It also runs as npm's `prepare` after every install, so it must be quick and must not fail on a
 * fresh clone: an entry whose source does not exist yet is skipped with a note, and a missing
 * esbuild (a production-only install) skips the whole build. Syntax errors do fail it.
 *
 * Usage: node scripts/build-node.mjs
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @type {ReadonlyArray<{ entry: string, outfile: string, external: string[], why: string, withoutElectron?: boolean, split?: boolean }>} */
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
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    why: 'CLI',
    withoutElectron: true,
    split: true,
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

const ESM_BANNER = [
  "import { createRequire as __cableroomRequire } from 'node:module';",
  "import { fileURLToPath as __cableroomPath } from 'node:url';",
  "import { dirname as __cableroomDir } from 'node:path';",
  'const require = __cableroomRequire(import.meta.url);',
  'const __filename = __cableroomPath(import.meta.url);',
  'const __dirname = __cableroomDir(__filename);',
].join(' ');

/** The CommonJS face of a split bundle: `main` from the ES module entry. */
const CJS_LAUNCHER = `'use strict';
// Built by scripts/build-node.mjs: the CLI itself is dist/cli/esm/ (ES modules, split per command).
exports.main = (argv, io) => import('./esm/cableroom.mjs').then((cli) => cli.main(argv, io));
`;

/**
 * One bundle as ES modules split into chunks under <outfile's folder>/esm, with a CommonJS
 * launcher at outfile (see the top of this file).
 * @param {import('esbuild').BuildOptions & { outfile: string }} options
 */
async function buildSplit({ outfile, entryPoints, sourceRoot, ...options }) {
  const esbuild = await loadEsbuild();
  const folder = join(ROOT, dirname(outfile), 'esm');
  // Chunks are named by their content and written beside the last build's, never removed first,
  // so a CLI started meanwhile still finds its files; the ones this build did not write go after.
  const result = await esbuild.build({
    ...options,
    entryPoints: { cableroom: /** @type {string[]} */ (entryPoints)[0] },
    outdir: folder,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: { js: ESM_BANNER },
    sourceRoot: `${sourceRoot}../`,
    metafile: true,
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((f) => join(ROOT, f)));
  const chunks = join(folder, 'chunks');
  for (const name of existsSync(chunks) ? readdirSync(chunks) : []) {
    if (!written.has(join(chunks, name))) rmSync(join(chunks, name), { force: true });
  }
  writeFileSync(join(ROOT, outfile), CJS_LAUNCHER);
  rmSync(join(ROOT, `${outfile}.map`), { force: true });
  return result;
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
      (bundle.split ? buildSplit : esbuild.build)({
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
