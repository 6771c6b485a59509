import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  frusSourceOf,
  importFrus,
  parseFrusTelegrams,
  type ImportedTelegram,
} from '../../../electron/core/import/frus';
import { emptyDb, seededCoreFixture } from '../../support/tempCore';
import { FIELDS, compare, corpusDocuments, expectedOf } from './frusExpected';

/**
 * Issue 12 item 1: every telegram of the FRUS corpus (47 documents, four volumes, copied into
 * tests/fixtures/frus) maps to the fields written down by hand in its expected-fields file, and
 * imports into an empty database (no seed: every post, person and collective it needs is created
 * as a historical entry) and into the seeded one. No document may be skipped.
 */

const DOCS = corpusDocuments();
const core = seededCoreFixture();

async function mapOne(file: string, name: string): Promise<ImportedTelegram> {
  const out: ImportedTelegram[] = [];
  for await (const d of parseFrusTelegrams(readFileSync(file, 'utf8'), { file: name })) {
    if (!d.ok) throw new Error(`${name}: ${d.reason}`);
    out.push(d.report);
  }
  expect(out).toHaveLength(1);
  return out[0]!;
}

describe('the FRUS corpus: every telegram maps to its expected fields', () => {
  test('the corpus holds the 47 telegrams of four volumes', () => {
    expect(DOCS).toHaveLength(47);
    expect(new Set(DOCS.map((d) => d.volume))).toEqual(
      new Set(['frus1961-63v04', 'frus1961-63v05', 'frus1961-63v11', 'frus1964-68v16']),
    );
  });

  test.each(DOCS.map((d) => [`${d.volume} d${d.doc}`, d] as const))('%s', async (_name, d) => {
    const report = await mapOne(d.file, `${d.volume}/d${d.doc}.xml`);
    const got = expectedOf(report);
    const deviations = d.expected.knownDeviations ?? {};
    for (const field of FIELDS) {
      if (field in deviations) {
        // A known deviation must still be one: when the importer gets it right, update the file.
        expect(got[field], `${field} now matches: remove it from knownDeviations`).not.toEqual(d.expected[field]);
      } else expect(got[field], field).toEqual(d.expected[field]);
    }
    expect(got.inferred).toEqual(d.expected.inferred);
    expect(report.warnings.filter((w) => /not a post|not read as/.test(w))).toEqual(
      d.doc === 50
        ? ['passed to "U.S. Intelligence Board agencies": not a post this importer can name; left out of the routing']
        : [],
    );
  });

  test('per-field accuracy over the corpus: every field but the known deviations', async () => {
    let misses = 0;
    const right = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<(typeof FIELDS)[number], number>;
    for (const d of DOCS) {
      const r = await mapOne(d.file, `${d.volume}/d${d.doc}.xml`);
      const ok = compare(d.expected, r);
      for (const f of FIELDS) if (ok[f]) right[f] += 1;
      misses += FIELDS.filter((f) => !ok[f]).length;
    }
    // The figures of docs/FRUS.md "Accuracy over the corpus".
    console.log(
      `FRUS corpus accuracy: ${FIELDS.length * DOCS.length - misses}/${FIELDS.length * DOCS.length} field values; ` +
        FIELDS.map((f) => `${f} ${right[f]}/${DOCS.length}`).join(', '),
    );
    const known = DOCS.reduce((n, d) => n + Object.keys(d.expected.knownDeviations ?? {}).length, 0);
    expect(misses).toBe(known);
  });
});

type Db = ReturnType<typeof emptyDb>['db'];

const deliveries = (db: Db, ref: string): string[] =>
  db
    .prepare(
      `SELECT s.plad || ':' || d.via FROM deliveries d JOIN stations s ON s.id = d.station_id
         JOIN cables c ON c.id = d.cable_id WHERE c.ref = ? AND c.exercise_id IS NULL ORDER BY 1`,
    )
    .pluck()
    .all(ref) as string[];

describe('the FRUS corpus imports into an empty database (plain init, no seed)', () => {
  test.each(DOCS.map((d) => [`${d.volume} d${d.doc}`, d] as const))('%s alone', async (_name, d) => {
    const { db, dispose } = emptyDb();
    try {
      expect(db.prepare('SELECT count(*) FROM stations').pluck().get()).toBe(0);
      const result = await importFrus(db, { path: d.file });
      expect(result.skipped).toEqual([]);
      expect(result.imported.map((t) => t.ref)).toEqual([d.expected.ref]);
      const t = result.imported[0]!;
      // Everything in the directory now was created by this import, and says so.
      const unmarked = db
        .prepare(
          `SELECT plad FROM stations WHERE imported_from IS NULL UNION ALL
           SELECT key FROM people WHERE imported_from IS NULL UNION ALL
           SELECT name FROM collectives WHERE imported_from IS NULL`,
        )
        .pluck()
        .all();
      expect(unmarked).toEqual([]);
      expect(t.created.length).toBeGreaterThan(0);
      expect(db.prepare('SELECT DISTINCT imported_from FROM stations').pluck().all()).toEqual([
        `${d.volume} d${d.doc}`,
      ]);
      // Every action addressee station and every pass and repeat target received it.
      const got = deliveries(db, d.expected.ref).map((x) => x.split(':')[0]);
      for (const plad of d.expected.to.filter((p) => !p.startsWith('collective:'))) expect(got).toContain(plad);
      for (const p of d.expected.pass) expect(got).toContain(p.split(' pass ')[1]);
      const cable = db.prepare('SELECT dtg, classification FROM cables WHERE ref = ?').get(d.expected.ref) as {
        dtg: string;
        classification: string;
      };
      expect(cable).toEqual({ dtg: d.expected.dtg, classification: d.expected.classification });
      // Where it was published, for the archive reader.
      const id = db.prepare('SELECT id FROM cables WHERE ref = ?').pluck().get(d.expected.ref) as number;
      expect(frusSourceOf(db, id)).toEqual({ volume: d.volume, doc: d.doc, file: d.file });
    } finally {
      dispose();
    }
  });

  test('all 47 in one empty database: nothing skipped, shared posts and people created once', async () => {
    const { db, dispose } = emptyDb();
    try {
      const created: string[] = [];
      for (const d of DOCS) {
        const r = await importFrus(db, { path: d.file });
        expect(r.skipped, `${d.volume} d${d.doc}`).toEqual([]);
        created.push(...r.imported.flatMap((t) => t.created));
      }
      expect(db.prepare('SELECT count(*) FROM cables').pluck().get()).toBe(47);
      expect(created.filter((c) => c === 'station AMEMBASSY SAIGON (embassy)')).toHaveLength(1);
      const kinds = db.prepare('SELECT DISTINCT kind FROM stations ORDER BY kind').pluck().all();
      expect(kinds).toEqual(['AGENCY', 'DEPARTMENT', 'EMBASSY', 'MILITARY_COMMAND', 'MISSION', 'WHITE_HOUSE']);
      // The circular went to a collective of the posts known when it was read.
      expect(deliveries(db, 'STATE CIRCULAR 1115').length).toBeGreaterThan(0);
      // Tubby approved a 1961 Department telegram and signed a 1964 Geneva one: two entries, not merged.
      const tubby = db
        .prepare(
          `SELECT p.key || '@' || s.plad FROM people p JOIN stations s ON s.id = p.station_id WHERE p.surname = 'Tubby' ORDER BY 1`,
        )
        .pluck()
        .all();
      expect(tubby).toEqual(['tubby-geneva@USMISSION GENEVA', 'tubby@SECSTATE WASHDC']);
      // Re-importing writes nothing.
      const again = await importFrus(db, { path: DOCS[0]!.file });
      expect(again.imported).toEqual([]);
      expect(again.skipped[0]!.reason).toMatch(/^already imported/);
    } finally {
      dispose();
    }
  });
});

describe('the FRUS corpus imports into the seeded database', () => {
  test("46 are written, d100 is the seed's TOPOL 578; seed entries are reused, not duplicated", async () => {
    const { db } = core();
    const stationsBefore = db.prepare('SELECT count(*) FROM stations').pluck().get() as number;
    const imported: string[] = [];
    const skipped: string[] = [];
    for (const d of DOCS) {
      const r = await importFrus(db, { path: d.file });
      imported.push(...r.imported.map((t) => t.ref));
      skipped.push(...r.skipped.map((s) => `${s.doc}: ${s.reason}`));
    }
    expect(skipped).toEqual(['100: already imported (TOPOL 578, 280412Z OCT 62)']);
    expect(imported).toHaveLength(46);
    // The seed's own stations and people stay unmarked; Rusk is the seed's Rusk.
    expect(db.prepare("SELECT imported_from FROM people WHERE key = 'rusk'").pluck().get()).toBeNull();
    expect(db.prepare("SELECT imported_from FROM stations WHERE plad = 'AMEMBASSY MOSCOW'").pluck().get()).toBeNull();
    expect(db.prepare("SELECT imported_from FROM stations WHERE plad = 'AMEMBASSY SAIGON'").pluck().get()).toBe(
      'frus1961-63v04 d264',
    );
    const after = db.prepare('SELECT count(*) FROM stations').pluck().get() as number;
    expect(after).toBeGreaterThan(stationsBefore);
    expect(deliveries(db, 'MOSCOW 2710')).toEqual(['SECSTATE WASHDC:DIRECT']);
    expect(deliveries(db, 'ATHENS 336 TO ANKARA')).toEqual([
      'AMEMBASSY ANKARA:DIRECT',
      'AMEMBASSY LONDON:REPEAT',
      'AMEMBASSY NICOSIA:REPEAT',
      'SECSTATE WASHDC:REPEAT',
      'USMISSION USNATO:REPEAT',
      'WHITE HOUSE WASHDC:REPEAT',
    ]);
  });
});
