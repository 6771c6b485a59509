import { describe, expect, test } from 'vitest';
import type { Draft } from '../../../electron/domain/draft';
import {
  LINES_PER_PAGE,
  LINE_WIDTH,
  SUMMARY_AFTER_PAGES,
  isFileRef,
  renderedLines,
  renderedPages,
  wrapText,
} from '../../../electron/domain/rules';
import {
  GEOGRAPHIC_TAG_LIST,
  GEO_TAG_LIST,
  ORGANIZATION_TAG_LIST,
  SUBJECT_TAG_LIST,
  isSubjectTag,
  tagKind,
} from '../../../electron/domain/tags';
import { ADS_1977, CABLEGATE_2000, CTX, MODERN_CABLE, POLTO_1962, fields, findings, prose } from './fixtures';

describe('the TAGS vocabulary (rule 21; 5 FAH-3, TAGS handbook 1974)', () => {
  test('codes have the handbook’s shapes and appear once', () => {
    const all = [...SUBJECT_TAG_LIST, ...GEO_TAG_LIST].map(([t]) => t);
    expect(new Set(all).size).toBe(all.length);
    for (const [t] of SUBJECT_TAG_LIST) expect(t).toMatch(/^[ABCEMOPST][A-Z]{3}$/);
    for (const [t] of GEOGRAPHIC_TAG_LIST) expect(t).toMatch(/^[A-Z]{2}$/);
    expect(GEO_TAG_LIST).toEqual([...GEOGRAPHIC_TAG_LIST, ...ORGANIZATION_TAG_LIST]);
  });

  test('covers the US, the USSR and the fifteen NATO members of 1962, and the TAGS DOMAIN.md cites', () => {
    const geo = GEOGRAPHIC_TAG_LIST.map(([t]) => t);
    for (const t of ['US', 'UR', 'BE', 'CA', 'DA', 'FR', 'GW', 'GR', 'IC', 'IT', 'LU', 'NL', 'NO', 'PO', 'TU', 'UK']) {
      expect(geo).toContain(t);
    }
    const subject = SUBJECT_TAG_LIST.map(([t]) => t);
    for (const t of ['PREL', 'PGOV', 'MARR', 'ECON', 'ASEC', 'AADP', 'ABLD', 'CASC', 'CVIS', 'EFIN', 'ENRG', 'OVIP']) {
      expect(subject).toContain(t);
    }
  });

  test.each([
    ['PREL', 'SUBJECT'],
    ['KDEM', 'PROGRAM'],
    ['UR', 'GEOGRAPHIC'],
    ['NATO', 'ORGANIZATION'],
    ['(KOSYGIN, ALEKSEY N)', 'PERSON'],
    ['OVIP (KISSINGER, HENRY A.)', 'SUBJECT_PERSON'],
    ['XYZW', null],
    ['prel', null],
    ['ZZ', null],
    ['PREL (rusk)', null],
  ])('%s is %s', (tag, kind) => expect(tagKind(tag)).toBe(kind));

  test('a subject TAG may carry a name, an organization is not a subject', () => {
    expect(isSubjectTag('OVIP (RUSK, DEAN)')).toBe(true);
    expect(isSubjectTag('NATO')).toBe(false);
    expect(findings({ ...MODERN_CABLE, tags: ['OVIP (RUSK, DEAN)', 'FR'] }, 21)).toEqual([]);
  });
});

describe('1960s file references (rule 21)', () => {
  test.each([
    '611.3722/10-2462',
    '740.5/10-2862',
    '711.5611/9-562',
    '737.00',
    'POL 15-5 CYP',
    'POL 15-5 Cyp',
    'DEF 12-5 FR',
  ])('%s is a file reference', (ref) => expect(isFileRef(ref)).toBe(true));
  test.each(['TOPOL 578', '611.3722/13-2462', '61.37/10-2462', 'POL', 'PREL, FR', ''])('%s is not', (ref) =>
    expect(isFileRef(ref)).toBe(false),
  );
});

describe('the E.O. line and the authority block (rule 5)', () => {
  const eo = (order: '11652' | '12065' | '12958' | '13526', code: string): Draft => ({
    ...ADS_1977,
    legacyEo: { order, code },
  });

  test.each(['GDS', 'XGDS-1', 'XGDS3', 'XGDS-2, DECLAS 12-31-84', 'ADS, DECLAS 12-31-74'])(
    'E.O. 11652: %s is accepted on a classified telegram',
    (code) => expect(findings(eo('11652', code), 5)).toEqual([]),
  );

  test('ADS without DECLAS, an empty code and N/A on a classified telegram are refused', () => {
    for (const code of ['ADS', '', 'N/A']) expect(fields(eo('11652', code), 5)).toEqual(['legacyEo.code']);
  });

  test('E.O. 12065 from December 1978; unclassified and LOU telegrams take N/A', () => {
    expect(findings(eo('12065', 'GDS 12/31/84'), 5)).toEqual([]);
    const lou: Draft = { ...eo('11652', 'GDS'), classification: 'LOU' };
    const louParagraphs = lou.paragraphs.map((p) => ({ ...p, portion: 'U' as const }));
    expect(fields({ ...lou, paragraphs: louParagraphs }, 5)).toEqual(['legacyEo.code']);
    expect(findings({ ...lou, paragraphs: louParagraphs, legacyEo: { order: '11652', code: 'N/A' } }, 5)).toEqual([]);
  });

  test('the E.O. line is optional in MODERN and CABLEGATE but names the order of the era', () => {
    expect(findings({ ...MODERN_CABLE, legacyEo: { order: '13526', code: 'DECL: 2051-10-28' } }, 5)).toEqual([]);
    expect(fields({ ...MODERN_CABLE, legacyEo: { order: '12958', code: 'DECL' } }, 5)).toEqual(['legacyEo.order']);
    expect(fields({ ...CABLEGATE_2000, legacyEo: { order: '13526', code: 'N/A' } }, 5)).toEqual(['legacyEo.order']);
  });

  test('Cablegate accepts the pre-2003 reasons 1.5(a)–(g); MODERN does not', () => {
    const authority = { ...MODERN_CABLE.classAuthority!, reasons: ['1.5(b)', '1.5(d)'] };
    const cablegate: Draft = { ...MODERN_CABLE, profile: 'CABLEGATE_2000S', classAuthority: authority };
    expect(findings(cablegate, 5)).toEqual([]);
    expect(fields({ ...MODERN_CABLE, classAuthority: authority }, 5)).toEqual([
      'classAuthority.reasons',
      'classAuthority.reasons',
    ]);
  });

  test.each([
    ['2051-10-28', 0],
    ['25X1', 0],
    ['Completion of the negotiations', 0],
    ['2051-02-30', 1],
    ['10/28/2051', 1],
    ['25X', 1],
    ['25X0', 1],
  ])('declassify on %s: %i finding(s)', (declassifyOn, n) => {
    const d = { ...MODERN_CABLE, classAuthority: { ...MODERN_CABLE.classAuthority!, declassifyOn } };
    expect(fields(d, 5)).toEqual(Array(n).fill('classAuthority.declassifyOn'));
  });
});

describe('no write-down (rule 19)', () => {
  const citing = (cable: string, d: Draft = MODERN_CABLE): Draft => ({
    ...d,
    references: [{ label: 'A', text: cable, cable }],
  });

  test('a downgrade authorised by an instructor lifts the label checks, not the lookup of the reference', () => {
    const below: Draft = { ...POLTO_1962, classification: 'CONFIDENTIAL', captions: [], eyesOnly: [] };
    const lowered = { ...below, paragraphs: below.paragraphs.map((p) => ({ ...p, portion: 'C' as const })) };
    expect(fields(lowered, 19)).toEqual(['classification', 'captions']);
    expect(findings(lowered, 19, { ...CTX, downgradeAuthorized: true })).toEqual([]);
    const unknown = citing('TOPOL 999', lowered);
    expect(fields(unknown, 19, { ...CTX, downgradeAuthorized: true })).toEqual(['references[0]']);
  });

  test('a narrower REL TO, or NOFORN, keeps a REL TO source; a wider one does not', () => {
    const rel = (relTo: string[]): Draft => ({
      ...citing('STATE 041961'),
      captions: ['EXDIS'],
      dissem: ['REL_TO'],
      relTo,
    });
    expect(findings(rel(['GBR']), 19)).toEqual([]);
    expect(fields(rel(['GBR', 'FRA']), 19)).toEqual(['relTo']);
    expect(findings({ ...citing('STATE 041961'), captions: ['EXDIS'] }, 19)).toEqual([]);
  });

  test('SIPDIS of the source is not required: it widens distribution', () => {
    expect(findings({ ...CABLEGATE_2000, captions: ['SENSITIVE'] }, 19)).toEqual([]);
  });
});

describe('the length of a rendered cable (rule 26)', () => {
  test('wraps words at 55 characters and breaks longer words', () => {
    const lines = wrapText(`${prose(40)}\n\n${'x'.repeat(120)}`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(LINE_WIDTH);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(
      `${prose(40)} ${'x'.repeat(55)} ${'x'.repeat(55)} x${'x'.repeat(9)}`,
    );
    expect(wrapText('')).toEqual(['']);
  });

  test('counts the header, the paragraphs and the signature, not the summary', () => {
    const base = renderedLines(POLTO_1962);
    expect(base).toBeGreaterThan(15);
    expect(renderedLines({ ...POLTO_1962, summary: prose(500) })).toBe(base);
    expect(renderedLines({ ...POLTO_1962, signature: null })).toBe(base - 1);
    expect(renderedPages(POLTO_1962)).toBe(1);
  });

  test('the summary is needed from the first line beyond three pages', () => {
    const limit = SUMMARY_AFTER_PAGES * LINES_PER_PAGE;
    let d: Draft = { ...MODERN_CABLE, paragraphs: [{ n: null, portion: 'S', fyi: false, text: '' }] };
    while (renderedLines(d) < limit) {
      d = { ...d, paragraphs: [{ ...d.paragraphs[0]!, text: `${d.paragraphs[0]!.text}\nline` }] };
    }
    expect(renderedLines(d)).toBe(limit);
    expect(findings(d, 26)).toEqual([]);
    const over = { ...d, paragraphs: [{ ...d.paragraphs[0]!, text: `${d.paragraphs[0]!.text}\nline` }] };
    expect(fields(over, 26)).toEqual(['summary']);
  });
});
