import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The suite and the app stand on their own (issue 13, item 15): no test, spec, benchmark, script or
 * runtime path reads anything outside the repository. A clean clone with nothing beside it runs every
 * test; the FRUS documents the tests use are copied into tests/fixtures/ (its README says from where).
 */

const REPO_ROOT = resolve(__dirname, '../..');

/** Where code lives (node_modules, dist, out and caches are generated, not ours). */
const CODE_ROOTS = ['tests', 'bench', 'scripts', 'electron', 'renderer', 'bin', '.ci'];
const ROOT_FILES = [
  'playwright.config.ts',
  'playwright.electron.config.ts',
  'vitest.config.mts',
  'vite.config.ts',
  'electron-builder.yml',
  'package.json',
];
const CODE_FILE = /\.(?:[cm]?[jt]sx?|json|ya?ml)$|^run$/;

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : codeFiles(path);
    return CODE_FILE.test(name) ? [path] : [];
  });
}

const FILES = [
  ...CODE_ROOTS.flatMap((d) => codeFiles(join(REPO_ROOT, d))),
  ...ROOT_FILES.map((f) => join(REPO_ROOT, f)),
];

/** The sibling folders of a working copy that a clean clone does not have. */
const OUTSIDE_NAMES = /(?:\.\.\/|\/work\/)shared\b|\bshared\/(?:corpus|holdout)\b/;

/**
 * `'../..'`-style path literals joined to `__dirname`, and the specifiers of import statements (at
 * the start of a line: code samples inside strings, as in boundaries.test.ts, are not imports).
 */
const RELATIVE_PATH =
  /(?:__dirname,\s*|^\s*(?:import|export)\b[^'"]*\bfrom\s+|^\s*\}\s*from\s+|\brequire\(\s*)'((?:\.\.\/)+)[^']*'/g;

/** Lines of `file` whose relative path, resolved from the file's folder, leaves the repository. */
function escapingLines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const depth = relative(REPO_ROOT, dirname(file)).split(sep).filter(Boolean).length;
  // The benchmark runs bundled from dist/bench/, one level deeper than its source: still inside.
  const slack = relative(REPO_ROOT, file).startsWith(`bench${sep}`) ? 1 : 0;
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const escapes = [...line.matchAll(RELATIVE_PATH)].some((m) => (m[1] ?? '').length / 3 > depth + slack);
    if (escapes || OUTSIDE_NAMES.test(line)) found.push(`${relative(REPO_ROOT, file)}:${i + 1}: ${line.trim()}`);
  });
  return found;
}

describe('the repository stands on its own', () => {
  test('the scan covers the tests, the specs, the benchmark, the scripts and the app', () => {
    const rel = FILES.map((f) => relative(REPO_ROOT, f));
    for (const expected of [
      'tests/core/import/frusFixtures.ts',
      'tests/e2e/import.spec.ts',
      'bench/bench.ts',
      'scripts/build-node.mjs',
      'electron/main/main.ts',
      'playwright.config.ts',
    ])
      expect(rel).toContain(expected);
  });

  test('no code path reaches outside the repository (the shared corpus, the holdout)', () => {
    expect(FILES.flatMap(escapingLines)).toEqual([]);
  });

  test('the FRUS fixtures the tests read are in the repository', () => {
    const dir = join(REPO_ROOT, 'tests/fixtures/frus/frus1961-63v11');
    expect(readdirSync(dir).filter((f) => f.endsWith('.xml')).length).toBe(12);
    expect(readFileSync(join(REPO_ROOT, 'tests/fixtures/README.md'), 'utf8')).toMatch(
      /history\.state\.gov\/historicaldocuments\/frus1961-63v11\/d100/,
    );
  });
});
