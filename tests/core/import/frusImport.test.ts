import { describe, expect, test } from 'vitest';
import { importFrus, importFrusFiles, type ImportProgress } from '../../../electron/core/import/frus';
import { emptyDb, seededCoreFixture } from '../../support/tempCore';
import { CORPUS_DOCS, corpusFile, documentXml, rowCounts, wholeVolume } from './frusFixtures';

const core = seededCoreFixture();
type Db = ReturnType<typeof core>['db'];

const ALL_FILES = CORPUS_DOCS.map(corpusFile);
const NEW_DOCS = CORPUS_DOCS.filter((n) => n !== 100);

function cable(db: Db, ref: string): Record<string, unknown> | undefined {
  return db
    .prepare(
      `SELECT c.ref, c.dtg, c.classification, c.captions, c.signature, c.series_indicator, c.series_number,
              c.mrn_station, c.mrn_serial, s.plad AS originator,
              (SELECT count(*) FROM paragraphs p WHERE p.cable_id = c.id) AS paragraphs
         FROM cables c JOIN stations s ON s.id = c.originator_station_id WHERE c.ref = ?`,
    )
    .get(ref) as Record<string, unknown> | undefined;
}

function deliveredTo(db: Db, ref: string): string[] {
  return (
    db
      .prepare(
        `SELECT s.plad || ':' || d.via FROM deliveries d JOIN stations s ON s.id = d.station_id
           JOIN cables c ON c.id = d.cable_id WHERE c.ref = ? ORDER BY s.plad, d.via`,
      )
      .pluck()
      .all(ref) as string[]
  ).sort();
}

describe('importFrus into a seeded database', () => {
  test('the twelve files: eleven are written, d100 is TOPOL 578 of the seed ("already imported")', async () => {
    const { db } = core();
    const before = rowCounts(db);
    const outcomes = await importFrusFiles(db, ALL_FILES);
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const imported = outcomes.flatMap((o) => (o.ok ? o.imported : []));
    const skipped = outcomes.flatMap((o) => (o.ok ? o.skipped : []));
    expect(imported.map((t) => t.source.doc)).toEqual(NEW_DOCS);
    expect(skipped).toEqual([
      {
        file: corpusFile(100),
        volume: 'frus1961-63v11',
        doc: 100,
        ref: 'TOPOL 578',
        reason: 'already imported (TOPOL 578, 280412Z OCT 62)',
      },
    ]);
    expect(rowCounts(db).cables).toBe(before.cables + 11);

    expect(cable(db, 'MOSCOW 1042')).toEqual({
      ref: 'MOSCOW 1042',
      dtg: '231400Z OCT 62',
      classification: 'SECRET',
      captions: '["EYES_ONLY"]',
      signature: 'KOHLER',
      series_indicator: null,
      series_number: null,
      mrn_station: 'MOSCOW',
      mrn_serial: 1042,
      originator: 'AMEMBASSY MOSCOW',
      paragraphs: 11,
    });
    // Also sent to Paris for USRO: both action posts receive it directly.
    expect(deliveredTo(db, 'STATE 445 TO ANKARA')).toEqual(['AMEMBASSY ANKARA:DIRECT', 'USMISSION USNATO:DIRECT']);
    // "Department pass White House": a DONE pass delivers to the White House.
    expect(deliveredTo(db, 'USUN 1579')).toEqual(['SECSTATE WASHDC:DIRECT', 'WHITE HOUSE WASHDC:PASS']);
    // "Repeated to Moscow": a repeat transmission.
    expect(deliveredTo(db, 'STATE 1136 TO USUN')).toEqual([
      'AMEMBASSY MOSCOW:REPEAT',
      'USMISSION USUN NEW YORK:DIRECT',
    ]);
    // Drafting roles: directory people and offices only (Sisco and Hilsman stay in the report).
    const roles = db
      .prepare(
        `SELECT r.role || ':' || coalesce(p.key, o.code) FROM drafting_roles r JOIN cables c ON c.id = r.cable_id
           LEFT JOIN people p ON p.id = r.person_id LEFT JOIN offices o ON o.id = r.office_id
          WHERE c.ref = ? ORDER BY r.ordinal`,
      )
      .pluck()
      .all('STATE 1141 TO USUN');
    // Sisco and Hilsman are not in the seed: historical persons at the Department, created by the import.
    expect(roles).toEqual(['DRAFTED:sisco', 'CLEARED:hilsman', 'CLEARED:ball', 'APPROVED:cleveland']);
    const d119 = imported.find((t) => t.source.doc === 119)!;
    expect(d119.draftedBy).toEqual([{ name: 'Sisco', person: 'sisco' }]);
    expect(d119.created).toContain('person sisco at SECSTATE WASHDC');
    expect(db.prepare("SELECT imported_from FROM people WHERE key = 'sisco'").pluck().get()).toBe(
      'frus1961-63v11 d119',
    );
  });

  test('re-importing changes nothing: every telegram is "already imported", row counts are equal', async () => {
    const { db } = core();
    await importFrusFiles(db, ALL_FILES);
    const once = rowCounts(db);
    const again = await importFrusFiles(db, ALL_FILES);
    expect(rowCounts(db)).toEqual(once);
    const all = again.flatMap((o) => (o.ok ? o.skipped : []));
    expect(all).toHaveLength(12);
    expect(all.every((s) => s.reason.startsWith('already imported'))).toBe(true);
    expect(again.flatMap((o) => (o.ok ? o.imported : []))).toEqual([]);
  });

  test('a whole volume: telegrams written, the editorial note ignored, progress reported per document', async () => {
    const { db } = core();
    const events: ImportProgress[] = [];
    const r = await importFrus(
      db,
      { xml: wholeVolume(), file: 'frus1961-63v11.xml' },
      { onProgress: (p) => events.push(p) },
    );
    expect(r.volume).toBe('frus1961-63v11');
    expect(r.imported.map((t) => t.ref)).toEqual([
      'MOSCOW 1042',
      'STATE 445 TO ANKARA',
      'USUN 1484',
      'USUN 1535',
      'STATE 1136 TO USUN',
      'MOSCOW 1139',
      'USUN 1547',
      'STATE 1141 TO USUN',
      'MOSCOW 1149',
      'USUN 1579',
      'USUN 1581',
    ]);
    expect(r.skipped.map((s) => s.doc)).toEqual([100]);
    expect(r.ignored).toBe(1);
    expect(events.map((e) => `${e.doc}:${e.outcome}`)).toEqual([
      '48:imported',
      '56:imported',
      '86:imported',
      '100:skipped',
      '999:ignored',
      '112:imported',
      '113:imported',
      '115:imported',
      '117:imported',
      '119:imported',
      '121:imported',
      '128:imported',
      '129:imported',
    ]);
    // The report is plain JSON for the CLI's --json.
    expect(JSON.parse(JSON.stringify(r.imported[0]))).toEqual(r.imported[0]);
  });

  test('a volume with one document broken in mapping imports the rest and reports that one by number', async () => {
    const { db } = core();
    const docs = CORPUS_DOCS.map((n) =>
      n === 115
        ? documentXml(n).replace(
            '<gloss type="from">Embassy in the Soviet Union</gloss>',
            '<gloss type="from">Office of Strange Affairs</gloss>',
          )
        : n === 121
          ? documentXml(n).replace('Secret; Niact; Limit Distribution.', 'Niact.')
          : documentXml(n),
    );
    const before = rowCounts(db);
    const r = await importFrus(db, { xml: wholeVolume(docs.join('\n')), file: 'broken.xml' });
    expect(r.skipped.map((s) => [s.doc, s.reason])).toEqual([
      [100, 'already imported (TOPOL 578, 280412Z OCT 62)'],
      [115, 'unknown originator "Office of Strange Affairs" (not a post this importer can name)'],
      [121, 'the source note gives no classification'],
    ]);
    expect(r.imported).toHaveLength(9);
    expect(rowCounts(db).cables).toBe(before.cables + 9);
  });

  test('a reference that belongs to a different cable is reported, not overwritten', async () => {
    const { db } = core();
    await importFrus(db, { path: corpusFile(86) });
    const before = rowCounts(db);
    const changed = documentXml(86).replace('when="1962-10-26T19:00:00-04:00"', 'when="1963-10-26T19:00:00-04:00"');
    const r = await importFrus(db, { xml: wholeVolume(changed), file: 'other-year.xml' });
    expect(r.imported).toEqual([]);
    expect(r.skipped).toEqual([
      {
        file: 'other-year.xml',
        volume: 'frus1961-63v11',
        doc: 86,
        ref: 'USUN 1484',
        reason: 'the reference USUN 1484 is already used by a different cable (DTG 262300Z OCT 62)',
      },
    ]);
    expect(rowCounts(db)).toEqual(before);
  });

  test("the seed's TOPOL 578 under another DTG is a collision, not already imported", async () => {
    const { db } = core();
    // TOPOL 578 of the seed, under another DTG: same ref, different cable.
    const xml = wholeVolume(
      documentXml(100).replace('when="1962-10-28T00:12:00-04:00"', 'when="1962-10-29T00:12:00-04:00"'),
    );
    const r = await importFrus(db, { xml, file: 'topol.xml' });
    expect(r.skipped[0]!.reason).toBe(
      'the reference TOPOL 578 is already used by a different cable (DTG 280412Z OCT 62)',
    );
  });

  test('into an empty database (plain init): every telegram imports, its directory entries created and marked', async () => {
    const e = emptyDb();
    try {
      const r = await importFrus(e.db, { xml: wholeVolume(), file: 'v.xml' });
      expect(r.skipped).toEqual([]);
      expect(r.imported).toHaveLength(12);
      expect(e.db.prepare('SELECT count(*) FROM stations WHERE imported_from IS NULL').pluck().get()).toBe(0);
      expect(e.db.prepare("SELECT imported_from FROM stations WHERE plad = 'SECSTATE WASHDC'").pluck().get()).toBe(
        'frus1961-63v11 d48',
      );
    } finally {
      e.dispose();
    }
  });

  test('a cable that cannot be written leaves no directory entry behind (one transaction)', async () => {
    const e = emptyDb();
    try {
      e.db.exec(
        "CREATE TEMP TRIGGER no_paragraphs BEFORE INSERT ON paragraphs BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
      );
      const before = rowCounts(e.db);
      const r = await importFrus(e.db, { path: corpusFile(48) });
      expect(r.imported).toEqual([]);
      expect(r.skipped.map((s) => s.reason)).toEqual(['refused by the test']);
      expect(rowCounts(e.db)).toEqual(before);
      expect(e.db.prepare('SELECT count(*) FROM stations').pluck().get()).toBe(0);
      expect(e.db.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
    } finally {
      e.dispose();
    }
  });

  test('importFrusFiles reports a bad file and goes on with the next', async () => {
    const { db } = core();
    const out = await importFrusFiles(db, ['/nonexistent/d1.xml', corpusFile(48)]);
    expect(out[0]).toMatchObject({ ok: false, file: '/nonexistent/d1.xml' });
    expect(!out[0]!.ok && out[0]!.error).toMatch(/ENOENT/);
    expect(out[1]!.ok && out[1]!.imported.map((t) => t.ref)).toEqual(['MOSCOW 1042']);
  });
});
