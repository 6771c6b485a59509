import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { frusFolders } from '../../electron/core/exercise/scenarioFile';

/**
 * The FRUS telegrams the shipped scenarios replay are in the repository (issue 10 item 7: "the real
 * telegrams … carried inside the repo"; issue 13 item 15: nothing read from outside it). A
 * reference `{ "frus": VOLUME, "doc": N }` in resources/scenarios/*.json must find its document in
 * a folder the app itself looks in (core/exercise/scenarioFile.ts `frusFolders`), and every copy in
 * resources/frus/ is listed, with its SHA-256, in the README that says where it came from.
 */
const REPO_ROOT = resolve(__dirname, '../..');
const SCENARIOS = join(REPO_ROOT, 'resources/scenarios');
const FRUS_DIR = join(REPO_ROOT, 'resources/frus');
const README = join(FRUS_DIR, 'README.md');

type Reference = Readonly<{ scenario: string; key: string; frus: string; doc: number }>;

function scenarioFiles(): string[] {
  return readdirSync(SCENARIOS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(SCENARIOS, f));
}

/** Every `{ frus, doc }` cable of every shipped scenario. */
function references(): Reference[] {
  return scenarioFiles().flatMap((file) => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { cables?: Record<string, Record<string, unknown>> };
    return Object.entries(doc.cables ?? {}).flatMap(([key, c]) =>
      typeof c.frus === 'string' && typeof c.doc === 'number'
        ? [{ scenario: relative(REPO_ROOT, file), key, frus: c.frus, doc: c.doc }]
        : [],
    );
  });
}

/** The XML files under a folder, recursively. */
function xmlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return xmlFiles(path);
    return name.endsWith('.xml') ? [path] : [];
  });
}

/** The README's table: `dN.xml` under a volume heading → its recorded SHA-256. */
function listed(): Map<string, string> {
  const out = new Map<string, string>();
  let volume: string | null = null;
  for (const line of readFileSync(README, 'utf8').split('\n')) {
    const heading = /^## `([^`/]+)\/`/.exec(line);
    if (heading) volume = heading[1]!;
    const row = /^\| `(d\d+\.xml)`\s*\|.*\| `([0-9a-f]{64})`\s*\|/.exec(line);
    if (row && volume) out.set(`${volume}/${row[1]}`, row[2]!);
  }
  return out;
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the FRUS documents of the shipped scenarios', () => {
  test('the shipped scenarios do reference FRUS documents (Black Saturday replays Topol 578)', () => {
    expect(references()).toContainEqual({
      scenario: 'resources/scenarios/black-saturday.json',
      key: 'topol-578',
      frus: 'frus1961-63v11',
      doc: 100,
    });
  });

  test('the app looks for them in resources/frus/, where they are kept', () => {
    for (const file of scenarioFiles()) expect(frusFolders(file)).toContain(FRUS_DIR);
  });

  test('every referenced document is in the repository, in a folder the app reads, and is that document', () => {
    const missing: string[] = [];
    for (const ref of references()) {
      const candidates = frusFolders(join(REPO_ROOT, ref.scenario)).map((f) => join(f, ref.frus, `d${ref.doc}.xml`));
      const found = candidates.find((f) => existsSync(f) && f.startsWith(REPO_ROOT));
      if (!found) {
        missing.push(`${ref.scenario} cables.${ref.key}: ${ref.frus} d${ref.doc}.xml`);
        continue;
      }
      // The file holds document N of that volume (the TEI div the importer reads).
      const xml = readFileSync(found, 'utf8');
      expect(xml, found).toMatch(new RegExp(`<div[^>]*\\bxml:id="d${ref.doc}"`));
      expect(xml, found).toMatch(new RegExp(`<div[^>]*\\bn="${ref.doc}"`));
    }
    expect(missing).toEqual([]);
  });

  test('every copy is listed in the README with its SHA-256, matches it, and is used by a shipped scenario', () => {
    const table = listed();
    const used = new Set(references().map((r) => `${r.frus}/d${r.doc}.xml`));
    const copies = xmlFiles(FRUS_DIR).map((f) => relative(FRUS_DIR, f).split('\\').join('/'));
    expect(copies.length).toBeGreaterThan(0);
    expect([...table.keys()].sort()).toEqual([...copies].sort());
    for (const copy of copies) {
      expect(sha256(join(FRUS_DIR, copy)), `${copy}: edited since it was copied?`).toBe(table.get(copy));
      expect(used.has(copy), `${copy} is not used by any shipped scenario`).toBe(true);
    }
  });

  test('the README says where they come from, and names no path outside the repository', () => {
    const text = readFileSync(README, 'utf8');
    expect(text).toMatch(/FRUS 1961–63 vol\. XI/);
    expect(text).toMatch(/history\.state\.gov/);
    expect(text).toMatch(/github\.com\/HistoryAtState\/frus/);
    expect(text).not.toMatch(/\.\.\/|\/work\/|shared\/corpus/);
  });
});
