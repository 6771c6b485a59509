import { describe, expect, test } from 'vitest';
import { draftSchema } from '../../electron/contract/draft';
import type { Caption, DissemControl } from '../../electron/domain/captions';
import type { Classification } from '../../electron/domain/classification';
import { emptyDraft, type Draft } from '../../electron/domain/draft';
import {
  CHANNEL_SERIES_1962,
  citeSource,
  portionFor,
  replySubject,
  seriesBetween,
  startReply,
  type ReplySource,
} from '../../electron/domain/reply';
import { checkDraft } from '../../electron/domain/rules';
import polto506 from '../../resources/seed/signed/polto-practice.json';
import topol578 from '../../resources/seed/cables/topol-578.json';
import topol590 from '../../resources/seed/cables/exercise-1-flash.json';
import { SEED_CTX } from './rules/fixtures';

/**
 * How a reply starts (issue 14 item 5; electron/domain/reply.ts): the seed's real cables replied
 * to by the posts that would answer them — USRO answers the Department's TOPOL 578 on POLTO, the
 * Department answers USRO's POLTO 506 on TOPOL — and the REF line in each era's words.
 */

/** A seed cable file (resources/seed/cables) as the reply reads it. */
function fromSeed(c: typeof topol578 | typeof topol590): ReplySource {
  return {
    ref: c.ref,
    profile: 'FRUS_1960S',
    originator: c.originator.plad,
    series: c.series,
    mrn: null,
    classification: c.classification as Classification,
    captions: c.captions as Caption[],
    dissem: c.dissem as DissemControl[],
    relTo: c.relTo,
    subject: c.subject,
    fileRef: c.fileRef,
    tags: c.tags,
  };
}

const TOPOL_578 = fromSeed(topol578);

/** POLTO 506, the seed's signed practice reply, as released. */
const POLTO_506: ReplySource = {
  ...TOPOL_578,
  ref: polto506.release.ref,
  originator: polto506.draft.originator.plad,
  series: polto506.release.series,
  subject: polto506.draft.subject,
  fileRef: polto506.draft.fileRef,
};

const usro = (): Draft => emptyDraft('FRUS_1960S', { plad: 'USMISSION USNATO' }, 'duty-usro');
const department = (): Draft => emptyDraft('FRUS_1960S', { plad: 'SECSTATE WASHDC' }, 'ball');

describe('the channel series of a reply (DOMAIN.md §0, §1.8)', () => {
  test('USRO writes to the Department on POLTO, the Department to USRO on TOPOL', () => {
    expect(seriesBetween('USMISSION USNATO', 'SECSTATE WASHDC')).toBe('POLTO');
    expect(seriesBetween('SECSTATE WASHDC', 'USMISSION USNATO')).toBe('TOPOL');
  });

  test('posts the directory gives no series write ordinary telegrams', () => {
    expect(seriesBetween('AMEMBASSY PARIS', 'SECSTATE WASHDC')).toBeNull();
    expect(seriesBetween('USMISSION USNATO', 'AMEMBASSY PARIS')).toBeNull();
    // A series is a direction: TOPOL is the Department's to USRO, never USRO's to the Department.
    expect(CHANNEL_SERIES_1962.filter((s) => s.indicator === 'TOPOL')).toEqual([
      { from: 'SECSTATE WASHDC', to: 'USMISSION USNATO', indicator: 'TOPOL' },
    ]);
  });

  test('another table (a directory with its own series) is used when given', () => {
    const table = [{ from: 'SECSTATE WASHDC', to: 'AMEMBASSY PARIS', indicator: 'TOPAR' }];
    expect(seriesBetween('SECSTATE WASHDC', 'AMEMBASSY PARIS', table)).toBe('TOPAR');
    expect(seriesBetween('SECSTATE WASHDC', 'USMISSION USNATO', table)).toBeNull();
  });
});

describe('the REF line in the source’s era', () => {
  const mrn = (station: string, serial: number, year = 1962) => ({ station, year, serial });

  test('1960s: a series telegram by its series, others as Deptel, Urtel or the post’s number', () => {
    expect(citeSource(TOPOL_578, 'USMISSION USNATO')).toBe('Topol 578');
    expect(citeSource(POLTO_506, 'SECSTATE WASHDC')).toBe('Polto 506');
    const deptel = { ...TOPOL_578, ref: 'STATE 001296', series: null, mrn: mrn('STATE', 1296) };
    expect(citeSource(deptel, 'AMEMBASSY ANKARA')).toBe('Deptel 1296');
    const ankara = { ...deptel, ref: 'ANKARA 000500', originator: 'AMEMBASSY ANKARA', mrn: mrn('ANKARA', 500) };
    expect(citeSource(ankara, 'SECSTATE WASHDC')).toBe('Urtel 500');
    expect(citeSource(ankara, 'AMEMBASSY ATHENS')).toBe("Ankara's 500");
    const hague = { ...ankara, originator: 'AMEMBASSY THE HAGUE', mrn: mrn('THE HAGUE', 12) };
    expect(citeSource(hague, 'AMEMBASSY ATHENS')).toBe("The Hague's 12");
  });

  test('1973–79 by MRN, 2000s with the year in front; a cable with neither by its reference', () => {
    const state = { ...TOPOL_578, series: null, mrn: mrn('STATE', 216511, 1973), ref: 'STATE 216511' };
    expect(citeSource({ ...state, profile: 'ADS_1973_79' }, 'AMEMBASSY PARIS')).toBe('STATE 216511');
    expect(citeSource({ ...state, profile: 'CABLEGATE_2000S', mrn: mrn('STATE', 232445, 1995) }, 'X')).toBe(
      '95 STATE 232445',
    );
    expect(citeSource({ ...state, profile: 'MODERN', mrn: mrn('PARIS', 1042, 2005) }, 'X')).toBe('05 PARIS 001042');
    expect(citeSource({ ...state, profile: 'MODERN', mrn: null, ref: 'IMPORTED 7' }, 'X')).toBe('IMPORTED 7');
    expect(citeSource({ ...state, profile: 'ADS_1973_79', series: { indicator: 'SECTO', number: 12 } }, 'X')).toBe(
      'SECTO 12',
    );
  });
});

describe('the subject of a reply', () => {
  test('an editor’s heading is no subject: the reply is about the cited telegram', () => {
    expect(TOPOL_578.subject).toMatch(/^Telegram From the Department of State/);
    expect(replySubject(TOPOL_578, 'Topol 578')).toBe('Reply to Topol 578');
    expect(replySubject({ ...TOPOL_578, subject: '   ' }, 'Deptel 12')).toBe('Reply to Deptel 12');
    expect(replySubject({ ...TOPOL_578, subject: 'Airgram from Embassy Bonn to the Department' }, 'A-9')).toBe(
      'Reply to A-9',
    );
  });

  test('a real subject is kept, without an earlier reply’s "Reply to …:" or "RE:"', () => {
    expect(replySubject(fromSeed(topol590), 'Topol 590')).toBe(
      'EXERCISE: NAC emergency session; acknowledge on receipt',
    );
    expect(replySubject(POLTO_506, 'Polto 506')).toBe('Consultation with the Secretary General (training exercise)');
    expect(replySubject({ ...POLTO_506, subject: 'RE: Re: Berlin  access' }, 'X')).toBe('Berlin access');
    expect(replySubject({ ...POLTO_506, subject: 'Reply to Topol 578:' }, 'Polto 506')).toBe('Reply to Polto 506');
  });

  test('OFFICIAL-INFORMAL carried over leads the subject line (5 FAH-2 H-252.1-2)', () => {
    const informal = { ...POLTO_506, captions: ['OFFICIAL_INFORMAL'] as Caption[], subject: 'Staffing at USRO' };
    expect(replySubject(informal, 'Polto 506')).toBe('OFFICIAL-INFORMAL Staffing at USRO');
    expect(replySubject({ ...informal, subject: 'OFFICIAL-INFORMAL Staffing' }, 'Polto 506')).toBe(
      'OFFICIAL-INFORMAL Staffing',
    );
  });
});

describe('a reply as it starts', () => {
  test('USRO answers TOPOL 578: POLTO, REF A. Topol 578, SECRET EYES ONLY for the principals, to the Department', () => {
    const d = startReply(usro(), TOPOL_578);
    expect(d).toMatchObject({
      profile: 'FRUS_1960S',
      originator: { plad: 'USMISSION USNATO' },
      series: 'POLTO',
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
      eyesOnly: [{ principals: true }],
      subject: 'Reply to Topol 578',
      references: [{ label: 'A', text: 'Topol 578', cable: 'TOPOL 578' }],
      addressees: [{ plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'ROUTINE', niact: false, for: [] }],
      paragraphs: [{ n: null, portion: 'S', fyi: false, text: '' }],
      drafters: ['duty-usro'],
      tags: [],
    });
    // The draft is well formed, and what the checker still asks for is the drafter's to write.
    expect(draftSchema.safeParse(d).success).toBe(true);
    const errors = checkDraft(d, SEED_CTX).filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.field).sort()).toEqual(['approver', 'fileRef', 'paragraphs[0].text']);
    // Rule 19 (no write-down) and rule 14 (Eyes Only names someone) are met from the start.
    expect(errors.filter((f) => f.rule === 19 || f.rule === 14)).toEqual([]);
  });

  test('the Department answers POLTO 506 on TOPOL, filed where POLTO 506 was', () => {
    const d = startReply(department(), POLTO_506);
    expect(d.series).toBe('TOPOL');
    expect(d.subject).toBe('Consultation with the Secretary General (training exercise)');
    expect(d.references).toEqual([{ label: 'A', text: 'Polto 506', cable: 'POLTO 506' }]);
    expect(d.fileRef).toBe('740.5/10-2862');
    expect(d.addressees.map((a) => a.plad)).toEqual(['USMISSION USNATO']);
  });

  test('a post with no series to the originator writes an ordinary telegram; TAGS follow after 1973', () => {
    const paris = emptyDraft('MODERN', { plad: 'AMEMBASSY PARIS' }, 'bohlen');
    const source: ReplySource = {
      ...TOPOL_578,
      ref: 'STATE 001042',
      profile: 'MODERN',
      series: null,
      mrn: { station: 'STATE', year: 2009, serial: 1042 },
      classification: 'CONFIDENTIAL',
      captions: [],
      dissem: ['NOFORN'],
      subject: 'Demarche on missile deployments',
      fileRef: 'ignored after 1973',
      tags: ['PREL', 'MARR'],
    };
    const d = startReply(paris, source);
    expect(d).toMatchObject({
      profile: 'MODERN',
      series: null,
      classification: 'CONFIDENTIAL',
      dissem: ['NOFORN'],
      eyesOnly: [],
      subject: 'Demarche on missile deployments',
      fileRef: null,
      tags: ['PREL', 'MARR'],
      references: [{ label: 'A', text: '09 STATE 001042', cable: 'STATE 001042' }],
      paragraphs: [{ n: null, portion: 'C', fyi: false, text: '' }],
    });
  });

  test('the source’s lists are copied, not shared', () => {
    const captions: Caption[] = ['EXDIS'];
    const d = startReply(usro(), { ...TOPOL_578, captions });
    captions.push('STADIS');
    expect(d.captions).toEqual(['EXDIS']);
  });

  test('the first portion mark is the source’s level, for every classification', () => {
    expect(portionFor('UNCLASSIFIED')).toBe('U');
    expect(portionFor('UNCLAS_EFTO')).toBe('U');
    expect(portionFor('LOU')).toBe('U');
    expect(portionFor('SBU')).toBe('SBU');
    expect(portionFor('CONFIDENTIAL')).toBe('C');
    expect(portionFor('SECRET')).toBe('S');
    expect(portionFor('TOP_SECRET')).toBe('TS');
  });
});
