import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { cableInputSchema, type CableInput } from '../../../electron/core/cables/cableInput';
import {
  parseFrusTelegrams,
  type ImportedTelegram,
  type ParsedDocument,
  type Party,
} from '../../../electron/core/import/frus';
import { CORPUS_DIR, CORPUS_DOCS, corpusFile, documentsOf, wholeVolume } from './frusFixtures';

async function parseAll(xml: string | Readable, file: string): Promise<ParsedDocument[]> {
  const out: ParsedDocument[] = [];
  for await (const d of parseFrusTelegrams(xml, { file })) out.push(d);
  return out;
}

async function parseDoc(n: number): Promise<{ cable: CableInput; report: ImportedTelegram }> {
  const file = resolve(CORPUS_DIR, `d${n}.xml`);
  const [d, ...rest] = await parseAll(readFileSync(file, 'utf8'), file);
  expect(rest).toHaveLength(0);
  if (!d?.ok) throw new Error(`d${n}: ${d?.reason}`);
  expect(d.doc).toBe(n);
  expect(d.volume).toBe('frus1961-63v11');
  return d;
}

/** A drafting-chain party as one word: directory key, office code, or "?name" when unknown. */
const who = (p: Party): string => p.person ?? p.office ?? `?${p.name}`;
const where = (d: { plad?: string; collective?: string; name: string }): string =>
  d.plad ?? d.collective ?? `?${d.name}`;

type Expected = {
  ref: string;
  series: string | null;
  serial: number;
  dtg: string;
  from: string;
  to: string[];
  alsoSentTo?: string[];
  classification: string;
  precedence: string;
  niact?: boolean;
  captions: string[];
  eyesOnlyFor: string[];
  pass?: { by: string; to: string }[];
  repeatedTo?: string[];
  drafted?: string[];
  cleared?: string[];
  approved?: string[];
  signature: string;
  /** Paragraph numbers in order (null = unnumbered). */
  numbers: (number | null)[];
  /** Indexes (0-based) of paragraphs flagged FYI. */
  fyi?: number[];
  footnotes: number;
  portion: string;
  receivedAt?: string | null;
  mrn?: { station: string; year: number; serial: number } | null;
};

const unnumbered = (n: number): null[] => Array.from({ length: n }, () => null);
const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Written from reading each TEI file (head glosses, source note, first paragraph, body, closer). */
const EXPECTED: Record<number, Expected> = {
  48: {
    ref: 'MOSCOW 1042',
    series: null,
    serial: 1042,
    dtg: '231400Z OCT 62', // 1962-10-23T17:00+03:00
    from: 'AMEMBASSY MOSCOW',
    to: ['SECSTATE WASHDC'],
    classification: 'SECRET', // "Secret; Niact; Elite; Eyes Only."
    precedence: 'IMMEDIATE',
    niact: true,
    captions: ['EYES_ONLY'],
    eyesOnlyFor: ['principals'],
    signature: 'KOHLER',
    numbers: unnumbered(11), // the rest of the serial paragraph + 10 paragraphs
    footnotes: 3,
    portion: 'S',
    receivedAt: '1962-10-23T15:56:00.000Z', // 11:56 a.m. EDT
    mrn: { station: 'MOSCOW', year: 1962, serial: 1042 },
  },
  56: {
    ref: 'STATE 445 TO ANKARA',
    series: null,
    serial: 445,
    dtg: '241524Z OCT 62',
    from: 'SECSTATE WASHDC',
    to: ['AMEMBASSY ANKARA'],
    alsoSentTo: ['USMISSION USNATO'], // "Also sent to Paris for USRO."
    classification: 'SECRET',
    precedence: 'PRIORITY',
    captions: ['EYES_ONLY'],
    eyesOnlyFor: ['hare', 'finletter'], // "For Ambassadors Hare and Finletter from Secretary."
    drafted: ['ball'],
    cleared: ['tyler', 'NEA'],
    approved: ['rusk'],
    signature: 'RUSK',
    numbers: unnumbered(3),
    footnotes: 1,
    portion: 'S',
    mrn: null,
  },
  86: {
    ref: 'USUN 1484',
    series: null,
    serial: 1484,
    dtg: '262300Z OCT 62',
    from: 'USMISSION USUN NEW YORK', // head glosses split "Mission" / "United Nations"
    to: ['SECSTATE WASHDC'],
    classification: 'SECRET',
    precedence: 'PRIORITY',
    captions: ['LIMDIS'], // "Limited Distribution"
    eyesOnlyFor: [],
    signature: 'STEVENSON',
    numbers: [null, ...range(1, 23)],
    footnotes: 1,
    portion: 'S',
    receivedAt: '1962-10-27T00:19:00.000Z', // 8:19 p.m. EDT on the 26th
    mrn: { station: 'USUN', year: 1962, serial: 1484 },
  },
  100: {
    ref: 'TOPOL 578',
    series: 'TOPOL',
    serial: 578,
    dtg: '280412Z OCT 62',
    from: 'SECSTATE WASHDC',
    to: ['USMISSION USNATO'],
    classification: 'SECRET',
    precedence: 'ROUTINE',
    captions: ['EYES_ONLY'],
    eyesOnlyFor: ['principals'],
    pass: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS' }],
    repeatedTo: ['ALL NATO CAPITALS', 'USMISSION USUN NEW YORK'],
    drafted: ['bundy', 'ujohnson'],
    cleared: ['EUR', 'NEA'],
    approved: ['ujohnson'],
    signature: 'RUSK',
    numbers: range(1, 8),
    fyi: [7],
    footnotes: 0,
    portion: 'S',
    mrn: null,
  },
  112: {
    ref: 'USUN 1535',
    series: null,
    serial: 1535,
    dtg: '300200Z OCT 62', // 9 p.m. EST on the 29th
    from: 'USMISSION USUN NEW YORK',
    to: ['SECSTATE WASHDC'],
    classification: 'CONFIDENTIAL',
    precedence: 'PRIORITY',
    captions: ['LIMDIS'], // "Limit Distribution"
    eyesOnlyFor: [],
    signature: 'STEVENSON',
    numbers: unnumbered(10),
    footnotes: 2,
    portion: 'C',
    receivedAt: '1962-10-30T02:16:00.000Z',
  },
  113: {
    ref: 'STATE 1136 TO USUN',
    series: null,
    serial: 1136,
    dtg: '300350Z OCT 62',
    from: 'SECSTATE WASHDC',
    to: ['USMISSION USUN NEW YORK'],
    classification: 'CONFIDENTIAL',
    precedence: 'ROUTINE',
    captions: [],
    eyesOnlyFor: [],
    repeatedTo: ['AMEMBASSY MOSCOW'],
    drafted: ['cleveland'],
    cleared: ['SECDEF'], // the Department of Defense clears as its own station's office
    approved: ['ujohnson'],
    signature: 'RUSK',
    numbers: range(1, 6),
    fyi: [2], // item 3's second p: "FYI. … End FYI."
    footnotes: 0,
    portion: 'C',
    receivedAt: null,
  },
  115: {
    ref: 'MOSCOW 1139',
    series: null,
    serial: 1139,
    dtg: '301500Z OCT 62',
    from: 'AMEMBASSY MOSCOW',
    to: ['SECSTATE WASHDC'],
    classification: 'SECRET',
    precedence: 'IMMEDIATE',
    niact: true,
    captions: [],
    eyesOnlyFor: [],
    repeatedTo: ['USMISSION USUN NEW YORK'],
    signature: 'KOHLER',
    numbers: unnumbered(2),
    footnotes: 0,
    portion: 'S',
    receivedAt: '1962-10-30T17:15:00.000Z', // 12:15 p.m. EST
  },
  117: {
    ref: 'USUN 1547',
    series: null,
    serial: 1547,
    dtg: '302300Z OCT 62',
    from: 'USMISSION USUN NEW YORK',
    to: ['SECSTATE WASHDC'],
    classification: 'SECRET',
    precedence: 'PRIORITY',
    captions: [],
    eyesOnlyFor: [],
    signature: 'STEVENSON',
    numbers: unnumbered(7), // "Conversation with Kuznetsov." stays a paragraph
    footnotes: 0,
    portion: 'S',
    receivedAt: '1962-10-30T23:49:00.000Z',
  },
  119: {
    ref: 'STATE 1141 TO USUN',
    series: null,
    serial: 1141,
    dtg: '310250Z OCT 62',
    from: 'SECSTATE WASHDC',
    to: ['USMISSION USUN NEW YORK'],
    classification: 'SECRET',
    precedence: 'IMMEDIATE',
    niact: true,
    captions: ['LIMDIS'],
    eyesOnlyFor: [],
    drafted: ['sisco'], // a person at the Department, created by the import
    cleared: ['hilsman', 'ball'],
    approved: ['cleveland'],
    signature: 'RUSK',
    numbers: [null, 1, 2, 3],
    footnotes: 0,
    portion: 'S',
  },
  121: {
    ref: 'MOSCOW 1149',
    series: null,
    serial: 1149,
    dtg: '311100Z OCT 62',
    from: 'AMEMBASSY MOSCOW',
    to: ['SECSTATE WASHDC'],
    classification: 'SECRET',
    precedence: 'IMMEDIATE',
    niact: true,
    captions: ['LIMDIS'],
    eyesOnlyFor: [],
    signature: 'KOHLER',
    // "a copy of the telegram was passed to the White House on October 31"
    pass: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC' }],
    numbers: unnumbered(5),
    footnotes: 3,
    portion: 'S',
    receivedAt: '1962-10-31T12:20:00.000Z',
  },
  128: {
    ref: 'USUN 1579',
    series: null,
    serial: 1579,
    dtg: '010300Z NOV 62',
    from: 'USMISSION USUN NEW YORK',
    to: ['SECSTATE WASHDC'],
    classification: 'CONFIDENTIAL',
    precedence: 'ROUTINE',
    captions: ['EYES_ONLY'],
    eyesOnlyFor: ['rusk'], // "For Secretary from McCloy."
    pass: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC' }],
    signature: 'STEVENSON',
    numbers: [null, 1, 2, null],
    footnotes: 0,
    portion: 'C',
    receivedAt: '1962-11-01T03:59:00.000Z',
  },
  129: {
    ref: 'USUN 1581',
    series: null,
    serial: 1581,
    dtg: '010350Z NOV 62',
    from: 'USMISSION USUN NEW YORK',
    to: ['SECSTATE WASHDC'],
    classification: 'CONFIDENTIAL',
    precedence: 'ROUTINE',
    captions: [],
    eyesOnlyFor: [],
    pass: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC' }], // "Dept pass White House."
    drafted: ['akalovsky'],
    cleared: ['mccloy'], // "concurred in by McCloy"
    signature: 'STEVENSON',
    numbers: unnumbered(9),
    footnotes: 1,
    portion: 'C',
  },
};

describe('FRUS corpus: every document maps with the right fields', () => {
  test('the corpus holds the twelve documents the expectations cover', () => {
    expect(CORPUS_DOCS.map(Number).sort((a, b) => a - b)).toEqual(
      Object.keys(EXPECTED)
        .map(Number)
        .sort((a, b) => a - b),
    );
  });

  test.each(Object.entries(EXPECTED))('d%s', async (n, e) => {
    const { cable, report } = await parseDoc(Number(n));
    expect(report.ref).toBe(e.ref);
    expect(cable.ref).toBe(e.ref);
    expect(report.series).toBe(e.series);
    expect(report.serial).toBe(e.serial);
    expect(report.dtg).toBe(e.dtg);
    expect(cable.dtg).toBe(e.dtg);
    expect(report.from).toBe(e.from);
    expect(cable.originator.plad).toBe(e.from);
    expect(report.to).toEqual(e.to);
    expect(report.alsoSentTo.map(where)).toEqual(e.alsoSentTo ?? []);
    expect(cable.transmission.addressees.filter((a) => a.role === 'ACTION').map((a) => a.plad)).toEqual([
      ...e.to,
      ...(e.alsoSentTo ?? []),
    ]);
    expect(report.classification).toBe(e.classification);
    expect(cable.classification).toBe(e.classification);
    expect(report.precedence).toBe(e.precedence);
    expect(report.niact).toBe(e.niact ?? false);
    for (const a of cable.transmission.addressees) {
      expect(a.precedence).toBe(e.precedence);
      expect(a.niact).toBe(e.niact ?? false);
    }
    expect(report.captions).toEqual(e.captions);
    expect(cable.captions).toEqual(e.captions);
    expect(report.eyesOnlyFor).toEqual(e.eyesOnlyFor);
    expect(report.pass).toEqual(e.pass ?? []);
    expect(cable.transmission.passes).toEqual((e.pass ?? []).map((p) => ({ ...p, status: 'DONE' })));
    expect(report.repeatedTo.map(where)).toEqual(e.repeatedTo ?? []);
    expect(cable.repeats).toHaveLength(e.repeatedTo ? 1 : 0);
    expect(report.draftedBy.map(who)).toEqual(e.drafted ?? []);
    expect(report.clearedBy.map(who)).toEqual(e.cleared ?? []);
    expect(report.approvedBy.map(who)).toEqual(e.approved ?? []);
    // Only directory people and offices become drafting roles; the others stay in the report.
    const known = (ws: string[] | undefined): string[] => (ws ?? []).filter((w) => !w.startsWith('?'));
    const roles = cable.drafting.map((r) => `${r.role}:${r.person ?? r.office?.code}`);
    expect(roles).toEqual([
      ...known(e.drafted).map((w) => `DRAFTED:${w}`),
      ...known(e.cleared).map((w) => `CLEARED:${w}`),
      ...known(e.approved).map((w) => `APPROVED:${w}`),
    ]);
    expect(cable.signature).toBe(e.signature);
    expect(report.signedBy?.person).toBe(e.signature.toLowerCase());
    expect(report.paragraphs.map((p) => p.n)).toEqual(e.numbers);
    expect(cable.paragraphs.map((p) => p.n)).toEqual(e.numbers);
    const fyi = report.paragraphs.flatMap((p, i) => (p.fyi ? [i] : []));
    expect(fyi).toEqual(e.fyi ?? []);
    expect(cable.paragraphs.every((p) => p.portion === e.portion && p.text.length > 0)).toBe(true);
    expect(report.footnotes).toHaveLength(e.footnotes);
    if (e.receivedAt !== undefined) expect(report.receivedAt).toBe(e.receivedAt);
    if (e.mrn !== undefined) expect(cable.mrn).toEqual(e.mrn);
    expect(cable.profile).toBe('FRUS_1960S');
    expect(report.source).toEqual({ volume: 'frus1961-63v11', doc: Number(n), file: corpusFile(Number(n)) });
    // The sending time is the dateline's instant, in UTC.
    expect(new Date(report.sentAt).toISOString()).toBe(report.sentAt);
    expect(report.sentAt).toBe(new Date(report.localTime).toISOString());
  });

  test('text: footnotes and page breaks are kept out of paragraphs, whitespace is collapsed', async () => {
    const { report } = await parseDoc(48);
    expect(report.paragraphs[0]!.text).toBe(
      'Embassy translation follows of Khrushchev’s letter of October 23 to President. Kuznetsov informed me letter would not be published “for time being.”',
    );
    expect(report.references).toEqual(['Embtel 1041']);
    expect(report.slugs).toEqual(['Policy']);
    expect(report.footnotes[0]).toEqual({
      n: '1',
      paragraph: 1,
      text: 'Dated October 23. (Ibid., Central Files, 611.3722/10-2362)',
    });
    // <pb/> inside a paragraph leaves no trace.
    expect(report.paragraphs[4]!.text).toContain('domestic affairs of Cuban Republic');
    expect(report.inferred.some((w) => w.includes('Elite'))).toBe(true);
    for (const p of report.paragraphs) expect(p.text).not.toMatch(/\s{2,}|^\s|\s$/);
  });

  test('an item with several p is one paragraph joined by a blank line; a nested list keeps its rows', async () => {
    const d86 = await parseDoc(86);
    expect(d86.report.paragraphs[2]!.text).toBe(
      'Immediate problems were:\n\n(A) No further weapons or materiel should be introduced;\n(B) There should be no further work on the sites;\n(C) The missiles presently in Cuba should be inoperable; and\n(D) The suspension of the quarantine.',
    );
    const d113 = await parseDoc(113);
    expect(d113.report.paragraphs[2]!.text).toMatch(/same purpose\.\n\nFYI\. One of U\.S\. planes .* End FYI\.$/);
    expect(d113.report.slugs).toEqual(['Subject: Cuba']);
  });

  test('eyes-only persons become "for" on the addressee at their post', async () => {
    const { cable } = await parseDoc(56);
    expect(cable.transmission.addressees.map((a) => [a.plad, a.for])).toEqual([
      ['AMEMBASSY ANKARA', ['hare']],
      ['USMISSION USNATO', ['finletter']],
    ]);
    expect(cable.transmission.eyesOnly).toEqual([{ person: 'hare' }, { person: 'finletter' }]);
  });
});

describe('d100 = the seed TOPOL 578', () => {
  test('field by field, the parsed cable is the hand-modelled seed cable', async () => {
    const seed = cableInputSchema.parse(
      JSON.parse(readFileSync(resolve(__dirname, '../../../resources/seed/cables/topol-578.json'), 'utf8')),
    );
    const { cable } = await parseDoc(100);
    expect(cable.ref).toBe(seed.ref);
    expect(cable.profile).toBe(seed.profile);
    expect(cable.series).toEqual(seed.series);
    expect(cable.mrn).toEqual(seed.mrn);
    expect(cable.dtg).toBe(seed.dtg);
    expect(cable.localTime).toBe(seed.localTime);
    expect(cable.originator).toEqual(seed.originator);
    expect(cable.classification).toBe(seed.classification);
    expect(cable.captions).toEqual(seed.captions);
    expect(cable.subject).toBe(seed.subject);
    expect(cable.fileRef).toBe(seed.fileRef);
    expect(cable.sourceNote).toBe(seed.sourceNote);
    expect(cable.signature).toBe(seed.signature);
    expect(cable.drafting.filter((r) => r.role === 'DRAFTED')).toEqual(
      seed.drafting.filter((r) => r.role === 'DRAFTED'),
    );
    expect(cable.drafting.filter((r) => r.role === 'CLEARED')).toEqual(
      seed.drafting.filter((r) => r.role === 'CLEARED'),
    );
    expect(cable.drafting.filter((r) => r.role === 'APPROVED')).toEqual(
      seed.drafting.filter((r) => r.role === 'APPROVED'),
    );
    expect(cable.transmission.addressees).toEqual(seed.transmission.addressees);
    expect(cable.transmission.eyesOnly).toEqual(seed.transmission.eyesOnly);
    expect(cable.transmission.passes).toEqual(seed.transmission.passes);
    expect(cable.repeats).toEqual(seed.repeats);
    expect(cable.paragraphs.map((p) => p.text)).toEqual(seed.paragraphs.map((p) => p.text));
    expect(cable.paragraphs.map((p) => p.fyi)).toEqual(seed.paragraphs.map((p) => p.fyi));
    expect(cable.paragraphs).toEqual(seed.paragraphs);
    // Everything but the free-text comment.
    expect({ ...cable, $comment: undefined }).toEqual({ ...seed, $comment: undefined });
  });
});

describe('a whole volume', () => {
  test('one <TEI> with all twelve documents (and a non-telegram) imports them all, as the single files do', async () => {
    const xml = wholeVolume();
    const all = await parseAll(xml, 'frus1961-63v11.xml');
    const telegrams = all.filter((d) => d.ok);
    expect(all.filter((d) => !d.ok).map((d) => [d.doc, !d.ok && d.notTelegram])).toEqual([[999, true]]);
    expect(telegrams.map((d) => d.doc)).toEqual(CORPUS_DOCS);
    for (const d of telegrams) {
      if (!d.ok) continue;
      const single = await parseDoc(d.doc);
      expect(d.volume).toBe('frus1961-63v11');
      expect({ ...d.cable, $comment: '' }).toEqual({ ...single.cable, $comment: '' });
    }
  });

  test('streams: a Readable in odd-sized byte chunks gives the same result, and documents come before the end', async () => {
    const xml = wholeVolume();
    const bytes = Buffer.from(xml, 'utf8');
    let pulled = 0;
    const chunks = Math.ceil(bytes.length / 777);
    // 777-byte chunks split multi-byte characters (’ “ —): the decoder must carry them over.
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < bytes.length; i += 777) {
          pulled += 1;
          yield bytes.subarray(i, i + 777);
        }
      })(),
    );
    const out: ParsedDocument[] = [];
    let pulledAtFirst = -1;
    for await (const d of parseFrusTelegrams(source, { file: 'frus1961-63v11.xml' })) {
      if (pulledAtFirst < 0) pulledAtFirst = pulled;
      out.push(d);
    }
    expect(pulledAtFirst).toBeGreaterThan(0);
    expect(pulledAtFirst).toBeLessThan(chunks / 2);
    expect(out).toEqual(await parseAll(xml, 'frus1961-63v11.xml'));
  });

  test('a 5 MB volume parses in bounded steps', async () => {
    const docs = documentsOf();
    const body = Array.from({ length: 70 }, () => docs.join('\n')).join('\n');
    const xml = wholeVolume(body);
    expect(xml.length).toBeGreaterThan(5_000_000);
    let count = 0;
    for await (const d of parseFrusTelegrams(xml, { file: 'frus1961-63v11.xml' })) if (d.ok) count += 1;
    expect(count).toBe(70 * 12);
  });
});
