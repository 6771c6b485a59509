import { describe, expect, test } from 'vitest';
import { importFrusFiles } from '../../../electron/core/import/frus';
import { migrate } from '../../../electron/core/store/database';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { CABLES_BY_KEY_SQL } from '../../../electron/core/store/cableSearch';
import { topolCable } from '../../e2e/cables';
import type { SearchHit, TextPart } from '../../../electron/domain/cable';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { CORPUS_DOCS, corpusFile } from '../import/frusFixtures';

/**
 * Finding a cable (issue 14 item 3) on a real seeded SQLite file: by reference as people type it,
 * by MRN (DOMAIN.md §1.10) and by DTG (rule 22) as well as by words, exact matches first; every
 * hit still passes decideAccess (rules 14, 15, 18, 20), so a cable the user may not see is never
 * returned, nor its reference in any field.
 */
const core = seededCoreFixture();

const refs = (hits: ReadonlyArray<SearchHit>): string[] => hits.map((h) => h.ref);
const marked = (parts: ReadonlyArray<TextPart>): string[] => parts.filter((p) => p.hit).map((p) => p.text);
const whole = (parts: ReadonlyArray<TextPart>): string => parts.map((p) => p.text).join('');

function search(c: SeededCore, login: string, query: string, limit = 20): SearchHit[] {
  return c.cables.search(c.users.byLogin(login), query, limit);
}

async function withFrus(c: SeededCore): Promise<void> {
  await importFrusFiles(c.db, CORPUS_DOCS.map(corpusFile));
}

describe('search by reference', () => {
  test('"POLTO 506" finds the practice reply first, its ref marked whole', () => {
    const c = core();
    const hits = search(c, 'finletter', 'POLTO 506');
    expect(hits[0]).toMatchObject({
      ref: 'POLTO 506',
      matchedBy: 'ref',
      from: 'USMISSION USNATO',
      dtg: '281015Z OCT 62',
    });
    expect(hits[0]!.marks.ref).toEqual([{ text: 'POLTO 506', hit: true }]);
  });

  test('"Topol 578", "topol578" and "TOPOL  0578" find TOPOL 578 first, then the cable that cites it', () => {
    const c = core();
    for (const q of ['Topol 578', 'topol578', 'TOPOL  0578', ' topol-578 ']) {
      const hits = search(c, 'finletter', q);
      expect(refs(hits).slice(0, 1), q).toEqual(['TOPOL 578']);
      expect(hits[0]!.matchedBy, q).toBe('ref');
    }
    // By words, POLTO 506 says "Topol 578" in its subject and text: it follows the exact match.
    const hits = search(c, 'finletter', 'Topol 578');
    expect(refs(hits)).toEqual(['TOPOL 578', 'POLTO 506']);
    const reply = hits[1]!;
    expect(reply.matchedBy).toBe('words');
    expect(marked(reply.marks.subject)).toEqual(['Topol', '578']);
    expect(marked(reply.marks.snippet)).toEqual(expect.arrayContaining(['Topol', '578']));
    expect(whole(reply.marks.subject)).toBe(reply.subject);
  });

  test('"STATE 1141" finds the imported STATE 1141 TO USUN, the number part marked', async () => {
    const c = core();
    await withFrus(c);
    const hits = search(c, 'rusk', 'STATE 1141');
    expect(hits[0]).toMatchObject({ ref: 'STATE 1141 TO USUN', matchedBy: 'ref', from: 'SECSTATE WASHDC' });
    expect(hits[0]!.marks.ref).toEqual([
      { text: 'STATE 1141', hit: true },
      { text: ' TO USUN', hit: false },
    ]);
  });
});

describe('migration 11: search keys', () => {
  test('a database made before it gets the keys of every cable it holds', () => {
    const c = core();
    c.db.exec('DROP TABLE cable_keys');
    c.db.pragma('user_version = 10');
    migrate(c.db, 11);
    expect(c.db.prepare('SELECT count(DISTINCT cable_id) FROM cable_keys').pluck().get()).toBe(6);
    expect(refs(search(c, 'finletter', 'polto 506')).slice(0, 1)).toEqual(['POLTO 506']);
  });
});

test('a key is looked up with one seek on the primary key of cable_keys', () => {
  const c = core();
  c.db.exec('ANALYZE');
  const plan = (
    c.db.prepare(`EXPLAIN QUERY PLAN ${CABLES_BY_KEY_SQL}`).all('TOPOL 578', 10) as { detail: string }[]
  ).map((p) => p.detail);
  expect(plan).toEqual(
    expect.arrayContaining([expect.stringMatching(/^SEARCH cable_keys USING PRIMARY KEY \(key=\?\)$/)]),
  );
});

describe('search by MRN and DTG', () => {
  test('an MRN in every form people write it (DOMAIN.md §1.10)', async () => {
    const c = core();
    await withFrus(c);
    for (const q of ['MOSCOW 001042', 'moscow 1042', '1962MOSCOW001042', '62 MOSCOW 1042', '1962 MOSCOW 01042']) {
      const hits = search(c, 'rusk', q);
      expect(hits[0]?.ref, q).toBe('MOSCOW 1042');
      expect(hits[0]?.mrn, q).toBe('MOSCOW 001042');
    }
    expect(search(c, 'rusk', '1962MOSCOW001042')[0]!.matchedBy).toBe('mrn');
    expect(marked(search(c, 'rusk', '62 MOSCOW 1042')[0]!.marks.mrn!)).toEqual(['MOSCOW 001042']);
  });

  test('a DTG, with a two- or four-digit year, finds the cable sent then', () => {
    const c = core();
    for (const q of ['281015Z OCT 62', '281015z oct 1962']) {
      const hits = search(c, 'finletter', q);
      expect(refs(hits), q).toEqual(['POLTO 506']);
      expect(hits[0]!.matchedBy).toBe('dtg');
      expect(hits[0]!.marks.dtg).toEqual([{ text: '281015Z OCT 62', hit: true }]);
    }
    expect(refs(search(c, 'finletter', '280412Z OCT 62'))).toEqual(['TOPOL 578']);
  });

  test("a repeat made later is found by its own DTG, the cable's DTG not marked", () => {
    const c = core();
    const welcome = c.cables.idByRef('TOPOL 592');
    c.routing.repeat(
      c.users.byLogin('duty-usro'),
      welcome,
      { to: ['AMEMBASSY PARIS'] },
      new Date('1962-10-30T15:00:00Z'),
    );
    const [hit] = search(c, 'duty-usro', '301500Z OCT 62');
    expect(hit).toMatchObject({ ref: 'TOPOL 592', matchedBy: 'dtg', dtg: '291400Z OCT 62' });
    expect(hit!.marks.dtg).toEqual([{ text: '291400Z OCT 62', hit: false }]);
  });
});

describe('search by words', () => {
  test('a word hit carries a snippet of the text around the first match, the words marked', () => {
    const c = core();
    const [hit] = search(c, 'finletter', 'Jupiters');
    expect(hit).toMatchObject({ ref: 'TOPOL 578', matchedBy: 'words', from: 'SECSTATE WASHDC' });
    expect(marked(hit!.marks.snippet).map((w) => w.toLowerCase())).toContain('jupiters');
    expect(whole(hit!.marks.snippet).length).toBeLessThanOrEqual(240);
  });
});

describe('search never shows what the user may not see (rules 14, 18, 20)', () => {
  test('the trainee never gets a SECRET hit, nor its ref in any field, by ref, DTG or words', async () => {
    const c = core();
    await withFrus(c);
    for (const q of [
      'POLTO 506',
      'Topol 578',
      'topol578',
      '280412Z OCT 62',
      '281015Z OCT 62',
      'STATE 1141',
      'MOSCOW 1042',
    ]) {
      const hits = search(c, 'trainee', q, 100);
      expect(
        hits.every((h) => h.classification !== 'SECRET'),
        q,
      ).toBe(true);
      const text = JSON.stringify(hits);
      for (const secret of ['POLTO 506', 'TOPOL 578', 'STATE 1141', 'MOSCOW 1042', '280412Z', '281015Z']) {
        expect(text, `${q}: ${secret}`).not.toContain(secret);
      }
    }
  });

  test('the duty officer finds POLTO 506 (drafted there) but never TOPOL 578 (EYES ONLY)', () => {
    const c = core();
    expect(refs(search(c, 'duty-usro', 'Topol 578'))).toEqual(['POLTO 506']);
    expect(refs(search(c, 'duty-usro', 'TOPOL 578')).includes('TOPOL 578')).toBe(false);
  });
});

describe('references inside a cable are openable only when the reader may open the target', () => {
  test("POLTO 506's REF A. Topol 578 is a link for Finletter and plain text for the duty officer", () => {
    const c = core();
    const polto = c.cables.idByRef('POLTO 506');
    const topol = c.cables.idByRef('TOPOL 578');
    const forFinletter = c.cables.show(c.users.byLogin('finletter'), polto, 'test');
    expect(forFinletter.references).toEqual([
      {
        label: 'A',
        text: 'Topol 578',
        target: { cableId: topol, ref: 'TOPOL 578', classification: 'SECRET', banner: 'SECRET' },
      },
    ]);
    const forDuty = c.cables.show(c.users.byLogin('duty-usro'), polto, 'test');
    expect(forDuty.references).toEqual([{ label: 'A', text: 'Topol 578', target: null }]);
    expect(JSON.stringify(forDuty)).not.toContain(`"cableId":${topol}`);
  });

  test('a reference written as text only ("REF: B. POLTO 506") is resolved by its key, still per reader', () => {
    const c = core();
    const cable = topolCable({ number: 1001, classification: 'CONFIDENTIAL' });
    const id = insertCable(c.db, {
      ...cable,
      references: [
        { label: 'A', text: 'Polto 506' },
        { label: 'B', text: 'Topol 592' },
        { label: 'C', text: 'Deptel 1136' },
      ],
    });
    const polto = c.cables.idByRef('POLTO 506');
    const welcome = c.cables.idByRef('TOPOL 592');
    const targets = (login: string) =>
      c.cables.show(c.users.byLogin(login), id, 'test').references.map((r) => r.target?.cableId ?? null);
    expect(targets('finletter')).toEqual([polto, welcome, null]);
    // The trainee reads TOPOL 1001 and TOPOL 592, never POLTO 506 (SECRET, rule 18).
    expect(targets('trainee')).toEqual([null, welcome, null]);
  });
});
