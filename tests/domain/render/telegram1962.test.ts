import { describe, expect, test } from 'vitest';
import type { AddresseeView, CableView } from '../../../electron/domain/cable';
import {
  coverSheetOfEra,
  eraPresentation,
  frusVolumeTitle,
  publishedLine,
  renderCable,
} from '../../../electron/domain/render';
import { postName, precedence1962, transmissionStamp } from '../../../electron/domain/render/telegram1962';

/**
 * Issue 12 item 4: the 1961–63 telegram form (the team's reference on the form, 17 telegrams of
 * 1961–63): no portion marks, the classification alone, no precedence invented on routine traffic.
 */
const to = (plad: string, extra: Partial<AddresseeView> = {}): AddresseeView => ({
  plad,
  name: plad,
  role: 'ACTION',
  precedence: 'ROUTINE',
  niact: false,
  serial: null,
  collective: null,
  forPersons: [],
  ...extra,
});

const CARACAS: CableView = {
  id: 7,
  ref: 'CARACAS 548',
  series: null,
  serial: null,
  mrn: 'CARACAS 000548',
  profile: 'FRUS_1960S',
  dtg: '040200Z NOV 62',
  sentAt: '1962-11-04T02:00:00.000Z',
  classification: 'CONFIDENTIAL',
  banner: 'CONFIDENTIAL//NOFORN',
  captions: ['LIMDIS'],
  dissem: ['NOFORN'],
  relTo: [],
  precedence: 'IMMEDIATE',
  niact: true,
  from: { plad: 'AMEMBASSY CARACAS', name: 'Embassy in Venezuela' },
  action: [to('SECSTATE WASHDC', { precedence: 'IMMEDIATE', niact: true, serial: 'CARACAS 548' })],
  info: [to('CINCLANT', { role: 'INFO', serial: 'CARACAS 12' })],
  pass: [],
  repeats: [],
  eyesOnlyFor: [],
  draftedBy: [],
  clearedBy: [],
  approvedBy: [],
  signedBy: 'STEWART',
  subject: 'Telegram From the Embassy in Venezuela to the Department of State',
  fileRef: null,
  tags: [],
  references: [{ label: 'A', text: 'Deptel 286', target: null }],
  sourceNote: null,
  paragraphs: [
    { n: 1, portion: 'C', fyi: false, text: 'Foreign Minister informs me he will arrive tomorrow.' },
    { n: 2, portion: 'C', fyi: false, text: 'Will report.' },
  ],
  classificationReason: null,
  classAuthority: null,
  legacyEo: null,
  summary: null,
  chain: null,
};

describe('the 1961–63 telegram form', () => {
  test('an incoming NIACT: FROM/TO/NO, NIACT on its own line, the routing line, no portion marks, no banner syntax', () => {
    const { pages } = renderCable(CARACAS);
    expect(pages).toHaveLength(1);
    const lines = pages[0]!;
    expect(lines[0]).toMatch(/^INCOMING TELEGRAM +Department of State$/);
    expect(lines[1]!.trim()).toBe('CONFIDENTIAL');
    expect(lines.slice(3, 11)).toEqual([
      'FROM: CARACAS',
      'TO:   Secretary of State',
      'NO:   548, NOVEMBER 4',
      'NIACT',
      'ACTION DEPARTMENT NIACT 548 INFORMATION CINCLANT 12',
      'LIMDIS',
      'NOFORN',
      'Reference: Deptel 286',
    ]);
    const text = lines.join('\n');
    expect(text).toContain('1. Foreign Minister informs me');
    expect(text).not.toMatch(/\((C|S|U|TS)\)/);
    expect(text).not.toContain('//');
    expect(text).not.toContain('SUBJECT');
    expect(lines.at(-2)).toMatch(/^ +CONFIDENTIAL +REPRODUCTION FROM THIS COPY IS$/);
    expect(lines.at(-1)).toMatch(/^ +PROHIBITED UNLESS "UNCLASSIFIED"$/);
  });

  test('routine traffic has no precedence line; an outgoing telegram writes it after the addressee', () => {
    const routine: CableView = {
      ...CARACAS,
      precedence: 'ROUTINE',
      niact: false,
      action: [to('SECSTATE WASHDC', { serial: 'CARACAS 548' })],
      info: [],
    };
    const text = renderCable(routine).pages.flat().join('\n');
    expect(text).not.toMatch(/ROUTINE|NIACT|IMMEDIATE|PRIORITY/);

    const outgoing: CableView = {
      ...CARACAS,
      ref: 'STATE 293',
      mrn: null,
      from: { plad: 'SECSTATE WASHDC', name: 'Department of State' },
      action: [to('AMCONGEN GEORGETOWN', { precedence: 'PRIORITY', serial: 'STATE 293' })],
      info: [to('AMEMBASSY ATHENS', { role: 'INFO', serial: 'STATE 236' })],
      signedBy: 'RUSK',
      draftedBy: ['RJTepper'],
      approvedBy: ['M. Gordon Knox'],
      clearedBy: ['Packman'],
      drafting: [
        { role: 'DRAFTED', office: 'EUR:BNA', person: 'RJTEPPER', kind: null },
        { role: 'APPROVED', office: 'EUR/BNA', person: 'MGKNOX', kind: null },
        { role: 'CLEARED', office: 'INR', person: 'PACKMAN', kind: 'CLEAR' },
      ],
    };
    const lines = renderCable(outgoing).pages[0]!;
    expect(lines[0]).toMatch(/^OUTGOING TELEGRAM +Department of State$/);
    expect(lines).toContain('ACTION: AMCONGEN GEORGETOWN STATE 293 PRIORITY');
    expect(lines).toContain('INFO:   AMEMBASSY ATHENS STATE 236');
    expect(lines).toContain('Drafted by: EUR:BNA:RJTepper');
    expect(lines).toContain('Clearances:');
    expect(lines).toContain('  INR - Packman');
    expect(lines.at(-1)).toMatch(/^FORM DS-322 +PROHIBITED UNLESS "UNCLASSIFIED"$/);
    expect(lines.some((l) => l.includes('FROM:'))).toBe(false); // no FROM/TO/NO on the outgoing form
  });

  test('long telegrams run onto continuation sheets with the classification at top and bottom', () => {
    const long: CableView = {
      ...CARACAS,
      paragraphs: Array.from({ length: 30 }, (_, i) => ({
        n: i + 1,
        portion: 'C' as const,
        fyi: false,
        text: 'Telegraphic text that runs to more than one typed line of the form, so that the sheet fills up.',
      })),
    };
    const { pages } = renderCable(long);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]![0]!.trim()).toBe('CONFIDENTIAL');
    expect(pages[1]![1]).toBe('-2- 548, NOVEMBER 4, FROM CARACAS');
    expect(pages[1]!.at(-1)!.trim()).toBe('CONFIDENTIAL');
  });

  test('the pieces: the stamp in Washington time, the post, the precedence words', () => {
    expect(transmissionStamp('1962-10-28T04:12:00.000Z')).toBe("OCT 28 12 12 AM '62"); // EDT until that morning;
    expect(transmissionStamp('1963-02-09T16:17:00.000Z')).toBe("FEB 9 11 17 AM '63"); // EST in February
    expect(postName('AMEMBASSY MOSCOW')).toBe('MOSCOW');
    expect(postName('USMISSION USNATO')).toBe('USNATO');
    expect(postName('CINCLANT')).toBe('CINCLANT');
    expect(precedence1962('ROUTINE', false)).toBe('');
    expect(precedence1962('IMMEDIATE', true)).toBe('NIACT');
    expect(precedence1962('PRIORITY', false)).toBe('PRIORITY');
  });
});

describe('what the era printed and what Cableroom adds (issue 12 item 4)', () => {
  test('a 1962 cable: classification alone, no portion marks, no routine precedence; the banner is a training addition', () => {
    const era = eraPresentation({ ...CARACAS, precedence: 'ROUTINE', niact: false });
    expect(era.classificationLine).toBe('CONFIDENTIAL');
    expect(era.portionMarks).toBe(false);
    expect(era.precedenceShown).toBe(false);
    expect(era.coverSheetOfEra).toBe(false);
    expect(era.trainingAdditions.join(' ')).toMatch(/CONFIDENTIAL\/\/NOFORN banner .* added by Cableroom for training/);
    expect(era.trainingAdditions.join(' ')).toMatch(/1962 telegrams had none/);
    expect(eraPresentation(CARACAS).precedenceShown).toBe(true);
  });

  test('a modern cable: the banner syntax, portion marks, the cover sheet of its era, nothing added', () => {
    const era = eraPresentation({ ...CARACAS, profile: 'MODERN' });
    expect(era.classificationLine).toBe('CONFIDENTIAL//NOFORN');
    expect(era.portionMarks).toBe(true);
    expect(era.trainingAdditions).toEqual([]);
    expect(coverSheetOfEra('MODERN')).toBe(true);
    expect(coverSheetOfEra('FRUS_1960S')).toBe(false);
    expect(coverSheetOfEra('ADS_1973_79')).toBe(false);
  });

  test('the Declassified line of a FRUS import heads every era form', () => {
    expect(frusVolumeTitle('frus1961-63v11')).toBe('1961–63, Volume XI');
    expect(frusVolumeTitle('frus1964-68v16p1')).toBe('1964–68, Volume XVI, Part 1');
    expect(frusVolumeTitle('odd-volume')).toBe('odd-volume');
    expect(publishedLine(null)).toBeNull();
    const line = 'Declassified — published in FRUS 1961–63, Volume XI, document 48';
    expect(publishedLine({ volume: 'frus1961-63v11', doc: 48 })).toBe(line);
    for (const profile of ['FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN'] as const) {
      const pages = renderCable({ ...CARACAS, profile, published: { volume: 'frus1961-63v11', doc: 48 } }).pages;
      expect(pages[0]![0]).toBe(line);
    }
  });
});
