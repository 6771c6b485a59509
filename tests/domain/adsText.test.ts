import { describe, expect, test } from 'vitest';
import {
  ADS_PAGE_LINES,
  draftingBlock,
  formatAdsCable,
  precedenceProsign,
  spacedClassification,
} from '../../electron/domain/adsText';
import type { AddresseeView, CableView } from '../../electron/domain/cable';
import { formatCableText } from '../../electron/domain/cableText';
import { printedName } from '../../electron/core/services/cableView';

/** Issue 16 item 5: the ADS header and text as the 1973–79 printouts show them (DOMAIN.md §1.9). */
const to = (
  plad: string,
  precedence: AddresseeView['precedence'],
  extra: Partial<AddresseeView> = {},
): AddresseeView => ({
  plad,
  name: plad,
  role: 'ACTION',
  precedence,
  niact: false,
  serial: null,
  collective: null,
  forPersons: [],
  ...extra,
});

const BASE: CableView = {
  id: 1,
  ref: 'STATE 017976',
  series: null,
  serial: null,
  mrn: 'STATE 017976',
  profile: 'ADS_1973_79',
  dtg: '262340Z JAN 77',
  sentAt: '1977-01-26T23:40:00.000Z',
  classification: 'UNCLASSIFIED',
  banner: 'UNCLASSIFIED',
  captions: [],
  dissem: [],
  relTo: [],
  precedence: 'PRIORITY',
  niact: false,
  from: { plad: 'SECSTATE WASHDC', name: 'Department of State' },
  action: [to('AMEMBASSY TEL AVIV', 'PRIORITY')],
  info: [],
  pass: [],
  repeats: [],
  eyesOnlyFor: [],
  draftedBy: ['Jacobson'],
  clearedBy: ['Sobien', 'Gamble'],
  approvedBy: ['Reddy'],
  drafting: [
    { role: 'DRAFTED', office: 'S/S-S', person: 'JJACOBSON', kind: null },
    { role: 'CLEARED', office: 'OC/T', person: 'WSOBIEN', kind: 'CLEAR' },
    { role: 'CLEARED', office: 'S/S-O', person: 'RGAMBLE', kind: 'CLEAR' },
    { role: 'APPROVED', office: 'S/S-S', person: 'LJREDDY', kind: null },
  ],
  signedBy: 'VANCE',
  subject: 'Secretary Vance visit',
  fileRef: null,
  tags: ['OVIP', '(VANCE, CYRUS)', 'IS', 'SY', 'SA', 'EG', 'LE', 'JO'],
  references: [],
  sourceNote: null,
  paragraphs: [{ n: null, portion: 'U', fyi: false, text: 'Text not reproduced.' }],
  classificationReason: null,
  classAuthority: null,
  legacyEo: { order: '11652', code: 'N/A' },
  summary: null,
  chain: null,
};

describe('the ADS printout (issue 16 item 5)', () => {
  test('prosigns: Z flash, O immediate (and NIACT), P priority, R routine', () => {
    expect(['FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE'].map((p) => precedenceProsign(p as never))).toEqual([
      'Z',
      'O',
      'P',
      'R',
    ]);
  });

  test('the classification on the MRN line is spaced out; unclassified is UNCLAS', () => {
    expect(spacedClassification('SECRET')).toBe('S E C R E T');
    expect(spacedClassification('CONFIDENTIAL')).toBe('C O N F I D E N T I A L');
    expect(spacedClassification('TOP_SECRET')).toBe('T O P S E C R E T');
    expect(spacedClassification('UNCLASSIFIED')).toBe('UNCLAS');
    expect(spacedClassification('LOU')).toBe('LIMITED OFFICIAL USE');
  });

  test('people as the drafting block prints them', () => {
    expect(printedName('Sidney Goldsmith', 'Goldsmith')).toBe('SGOLDSMITH');
    expect(printedName('L. J. Reddy', 'Reddy')).toBe('LJREDDY');
    expect(printedName('Dean Rusk', null)).toBe('DRUSK');
    expect(draftingBlock([{ role: 'CLEARED', office: 'S/S', person: null, kind: 'INFO' }])).toEqual(['S/S (INFO)']);
  });

  test('STATE 017976 (1977): the header of DOMAIN.md §1.9, line for line', () => {
    expect(formatAdsCable(BASE).split('\n')).toEqual([
      'UNCLASSIFIED',
      'PAGE 01 STATE 017976',
      // The Department's distribution: the drafting bureau, then the clearing ones, one copy each
      // (the originals' copy counts are not recorded: "ORIGIN SS-15 … INFO OCT-01 … /033").
      'ORIGIN SS-01',
      'INFO OCT-01 /002',
      'DRAFTED BY S/S-S:JJACOBSON',
      'APPROVED BY S/S-S:LJREDDY',
      'OC/T:WSOBIEN',
      'S/S-O:RGAMBLE',
      // The dash counter: filing time and Cableroom's serial of the cable.
      '------------------262340Z 000001',
      'P 262340Z JAN 77',
      'FM SECSTATE WASHDC',
      'TO AMEMBASSY TEL AVIV PRIORITY',
      'UNCLAS STATE 017976',
      'E.O. 11652: N/A',
      'TAGS: OVIP (VANCE, CYRUS), IS, SY, SA, EG, LE, JO',
      'SUBJECT: SECRETARY VANCE VISIT',
      'TEXT NOT REPRODUCED.',
      'VANCE',
      'UNCLASSIFIED',
    ]);
    expect(formatCableText(BASE)).toBe(formatAdsCable(BASE));
  });

  test("a post's NIACT: its serial on the TO line, the MRN unpadded on the spaced line, five digits on the page", () => {
    const moscow: CableView = {
      ...BASE,
      ref: 'MOSCOW 016276',
      mrn: 'MOSCOW 016276',
      dtg: '091603Z NOV 77',
      classification: 'SECRET',
      banner: 'SECRET',
      precedence: 'IMMEDIATE',
      niact: true,
      from: { plad: 'AMEMBASSY MOSCOW', name: 'Embassy Moscow' },
      action: [to('SECSTATE WASHDC', 'IMMEDIATE', { niact: true, serial: 'MOSCOW 4280' })],
      captions: ['NODIS'],
      legacyEo: { order: '11652', code: 'XGDS' },
      tags: ['PFOR', 'UR', 'US'],
      paragraphs: [
        { n: 1, portion: 'U', fyi: false, text: 'First.' },
        { n: 2, portion: 'U', fyi: true, text: 'Second.' },
      ],
      signedBy: 'TOON',
    };
    const lines = formatAdsCable(moscow).split('\n');
    expect(lines.slice(0, 12)).toEqual([
      'SECRET',
      'PAGE 01 MOSCOW 16276',
      'O 091603Z NOV 77',
      'FM AMEMBASSY MOSCOW',
      'TO SECSTATE WASHDC NIACT IMMEDIATE 4280',
      'S E C R E T MOSCOW 16276',
      'NODIS',
      'E.O. 11652: XGDS',
      'TAGS: PFOR, UR, US',
      'SUBJECT: SECRETARY VANCE VISIT',
      '1. FIRST.',
      '2. FYI. SECOND. END FYI.',
    ]);
    // No drafting block on a post's printout; no portion marks under E.O. 11652.
    expect(lines.some((l) => l.startsWith('DRAFTED BY'))).toBe(false);
    expect(lines.some((l) => l.includes('(U)'))).toBe(false);
  });

  test('text at the printout width, pages with their header and closing line, sections with SECTION n OF m', () => {
    const words = Array.from({ length: 3000 }, (_, i) => ['THE', 'COUNCIL', 'WILL', 'MEET'][i % 4]).join(' ');
    const long: CableView = {
      ...BASE,
      classification: 'CONFIDENTIAL',
      banner: 'CONFIDENTIAL',
      paragraphs: [{ n: null, portion: 'U', fyi: false, text: words }],
    };
    const lines = formatAdsCable(long).split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(60);
    const sectionLines = lines.filter((l) => /^C O N F I D E N T I A L SECTION \d OF \d STATE 017976$/.test(l));
    expect(sectionLines.length).toBeGreaterThan(1);
    expect(sectionLines[0]).toMatch(/SECTION 1 OF /);
    // Every page opens with the classification and its PAGE line and closes with the classification (rule 3).
    const pageHeads = lines.flatMap((l, i) => (l.startsWith('PAGE ') ? [i] : []));
    for (const i of pageHeads) expect(lines[i - 1]).toBe('CONFIDENTIAL');
    expect(lines[pageHeads[1]!]).toMatch(/^PAGE 02 STATE 017976 01 OF \d\d$/);
    expect(pageHeads[1]! - pageHeads[0]!).toBe(ADS_PAGE_LINES + 3);
    expect(lines.at(-1)).toBe('CONFIDENTIAL');
  });

  test('a series cable prints both numbers: STATE 311722 TOSEC 340058', () => {
    const tosec: CableView = {
      ...BASE,
      ref: 'TOSEC 340058',
      mrn: 'STATE 311722',
      series: 'TOSEC',
      serial: 340058,
      action: [to('USDEL SECRETARY', 'FLASH', { serial: 'TOSEC 340058' })],
    };
    const lines = formatAdsCable(tosec).split('\n');
    // The series number goes with the MRN, not on the TO line ("TO USDEL SECRETARY AIRCRAFT FLASH").
    expect(lines).toContain('TO USDEL SECRETARY FLASH');
    expect(lines[1]).toBe('PAGE 01 STATE 311722 TOSEC 340058');
    expect(lines).toContain('UNCLAS STATE 311722 TOSEC 340058');
  });

  test('other profiles keep their text, and now print their E.O. line', () => {
    const modern: CableView = { ...BASE, profile: 'CABLEGATE_2000S', legacyEo: { order: '12958', code: 'N/A' } };
    const text = formatCableText(modern);
    expect(text).toContain('E.O. 12958: N/A');
    expect(text).toContain('DRAFTED BY: Jacobson');
    expect(text).not.toContain('PAGE 01');
  });
});
