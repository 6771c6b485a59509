import { describe, expect, test } from 'vitest';
import { parseFrusTelegrams, type ParsedDocument } from '../../../electron/core/import/frus';
import { wholeVolume } from './frusFixtures';

/** Source-note and first-paragraph variants the twelve corpus documents do not show. */

type Doc = {
  n?: number;
  head?: string;
  note: string;
  when?: string;
  min?: string;
  body: string;
};

function tei({
  n = 7,
  head = 'Telegram From the <gloss type="from">Department of State</gloss> to the <gloss type="to">Embassy in Germany</gloss>',
  note,
  when = '1962-10-28T12:00:00-04:00',
  min = '1962-10-28T12:00:00-04:00',
  body,
}: Doc): string {
  return wholeVolume(
    `<div type="document" n="${n}" xml:id="d${n}" frus:doc-dateTime-min="${min}"><head>${n}. ${head}<note n="0" type="source">${note}</note></head><opener><dateline><placeName>Washington</placeName>, <date when="${when}">date</date></dateline></opener>${body}<closer><signed><persName corresp="#p_RD3">Rusk</persName></signed></closer></div>`,
  );
}

async function one(xml: string): Promise<ParsedDocument> {
  const out: ParsedDocument[] = [];
  for await (const d of parseFrusTelegrams(xml, { file: 'variants.xml' })) out.push(d);
  expect(out).toHaveLength(1);
  return out[0]!;
}

async function ok(xml: string): Promise<Extract<ParsedDocument, { ok: true }>> {
  const d = await one(xml);
  if (!d.ok) throw new Error(d.reason);
  return d;
}

describe('source note variants', () => {
  test('Top Secret; Flash; Nodis, "drafted and initialed by", offices, "the Secretary", also sent to two posts', async () => {
    const d = await ok(
      tei({
        note: 'Source: Department of State, Central Files, 762.00/10-2862. Top Secret; Flash; Nodis; Eyes Only. Drafted and initialed by Smith; cleared by EUR/RPM and S/S; approved by the Secretary. Also sent to London and Paris.',
        body: '<p>Secto 20. Eyes only for Ambassador Dowling from Rusk. Please see the Chancellor at once.</p>',
      }),
    );
    const { cable, report } = d;
    expect(report.ref).toBe('SECTO 20');
    expect(cable.series).toEqual({ indicator: 'SECTO', number: 20 });
    expect(report.classification).toBe('TOP_SECRET');
    expect(report.precedence).toBe('FLASH');
    expect(report.captions).toEqual(['NODIS', 'EYES_ONLY']); // most restrictive first (rule 12)
    expect(report.eyesOnlyFor).toEqual(['dowling']);
    expect(cable.paragraphs).toEqual([
      { n: null, portion: 'TS', fyi: false, text: 'Please see the Chancellor at once.' },
    ]);
    expect(report.draftedBy).toEqual([{ name: 'Smith', person: 'smith' }]); // a person at the Department
    expect(report.clearedBy).toEqual([
      { name: 'EUR/RPM', office: 'EUR/RPM' },
      { name: 'S/S', office: 'S/S' },
    ]);
    expect(report.approvedBy).toEqual([{ name: 'Secretary', person: 'rusk' }]);
    // An office the directory lacks is its own (historical) entry, not merged into its bureau.
    expect(cable.drafting).toContainEqual({
      role: 'CLEARED',
      office: { station: 'SECSTATE WASHDC', code: 'EUR/RPM' },
      kind: 'CLEAR',
    });
    expect(cable.transmission.addressees.map((a) => [a.plad, a.role, a.precedence, a.for])).toEqual([
      ['AMEMBASSY BONN', 'ACTION', 'FLASH', ['dowling']],
      ['AMEMBASSY LONDON', 'ACTION', 'FLASH', []],
      ['AMEMBASSY PARIS', 'ACTION', 'FLASH', []],
    ]);
    expect(cable.fileRef).toBe('762.00/10-2862');
  });

  test('Limited Official Use is LOU with (U) portions; Immediate; Exdis; no drafting', async () => {
    const { report } = await ok(
      tei({ note: 'Source: test. Limited Official Use; Immediate; Exdis.', body: '<p>12. Text.</p>' }),
    );
    expect(report.classification).toBe('LOU');
    expect(report.precedence).toBe('IMMEDIATE');
    expect(report.niact).toBe(false);
    expect(report.captions).toEqual(['EXDIS']);
    expect(report.paragraphs).toEqual([{ n: null, portion: 'U', fyi: false, text: 'Text.' }]);
    expect(report.ref).toBe('STATE 12 TO BONN');
  });

  test.each([
    ['Unclassified.', 'UNCLASSIFIED', 'ROUTINE', []],
    ['Confidential; Limdis.', 'CONFIDENTIAL', 'ROUTINE', ['LIMDIS']],
    ['Secret; Priority; Limit Distribution.', 'SECRET', 'PRIORITY', ['LIMDIS']],
    ['Secret; Niact; Exdis; Limited Distribution.', 'SECRET', 'IMMEDIATE', ['EXDIS', 'LIMDIS']],
  ])('"%s"', async (markings, classification, precedence, captions) => {
    const { report } = await ok(tei({ note: `Source: test, Vol. I. ${markings}`, body: '<p>1. Text.</p>' }));
    expect([report.classification, report.precedence, report.captions]).toEqual([classification, precedence, captions]);
  });

  test('"Eyes Only for the Secretary" in the markings names the person', async () => {
    const { cable, report } = await ok(
      tei({ note: 'Source: test. Secret; Eyes Only for the Secretary.', body: '<p>1. Text.</p>' }),
    );
    expect(report.captions).toEqual(['EYES_ONLY']);
    expect(report.eyesOnlyFor).toEqual(['rusk']);
    expect(cable.transmission.eyesOnly).toEqual([{ person: 'rusk' }]);
  });

  test('no classification: the document is reported, not imported as unclassified', async () => {
    const d = await one(tei({ note: 'Source: test. Niact.', body: '<p>1. Text.</p>' }));
    expect(d).toMatchObject({ ok: false, doc: 7, reason: 'the source note gives no classification' });
  });

  test('"Received … at …, October 29" with an explicit date', async () => {
    const { report } = await ok(
      tei({
        head: 'Telegram From the <gloss type="from">Embassy in the United Kingdom</gloss> to the <gloss type="to">Department of State</gloss>',
        when: '1962-10-28T23:00:00+00:00',
        note: 'Source: test. Secret. Received at 1:35 a.m., October 29.',
        body: '<p>1700. Text.</p>',
      }),
    );
    expect(report.ref).toBe('LONDON 1700');
    expect(report.receivedAt).toBe('1962-10-29T06:35:00.000Z'); // EST from October 28, 1962
  });
});

describe('first paragraph and body variants', () => {
  test('without a telegram number the ref is the volume and document', async () => {
    const { report } = await ok(tei({ note: 'Source: test. Secret.', body: '<p>Following is text of letter.</p>' }));
    expect(report.ref).toBe('FRUS1961-63V11 D7');
    expect(report.serial).toBeNull();
    expect(report.warnings).toContain('the first paragraph carries no telegram number');
  });

  test('numbered plain paragraphs; FYI across paragraphs ("Begin FYI" … "End FYI")', async () => {
    const { report } = await ok(
      tei({
        note: 'Source: test. Secret.',
        body: '<p>500. Eyes only for Rusk from Bohlen. 1. First.</p><p>2. Begin FYI. Background.</p><p>3. More background.</p><p>4. End FYI. Back to instructions.</p><p>5. Last.</p>',
      }),
    );
    expect(report.captions).toEqual(['EYES_ONLY']);
    expect(report.eyesOnlyFor).toEqual(['rusk']);
    expect(report.paragraphs.map((p) => [p.n, p.fyi])).toEqual([
      [1, false],
      [2, true],
      [3, true],
      [4, true],
      [5, false],
    ]);
  });

  test('a dateline without a zone falls back on frus:doc-dateTime-min, with a warning', async () => {
    const { report } = await ok(
      tei({
        note: 'Source: test. Secret.',
        when: '1962-10-28',
        min: '1962-10-28T10:00:00-04:00',
        body: '<p>1. Text.</p>',
      }),
    );
    expect(report.dtg).toBe('281400Z OCT 62');
    expect(report.inferred.some((w) => /a date only .* normalised 1962-10-28T10:00:00-04:00/.test(w))).toBe(true);
  });

  test('an unknown originator or addressee is named in the reason', async () => {
    // Issue 12: the Secretary travelling is his delegation, with him as its person.
    const from = await one(
      tei({
        head: 'Telegram From Secretary of State Rusk to the Department of State',
        note: 'Source: test. Secret.',
        body: '<p>1. Text.</p>',
      }),
    );
    expect(from).toMatchObject({ ok: true, report: { from: 'USDEL SECRETARY', fromPerson: 'rusk' } });
    const station = await one(
      tei({
        head: 'Telegram From the Central Intelligence Agency Station in Saigon to the Agency',
        note: 'Source: test. Secret.',
        body: '<p>1. Text.</p>',
      }),
    );
    expect(station).toMatchObject({ ok: true, report: { from: 'CAS SAIGON', to: ['CIA WASHDC'] } });
    // A head names offices: an unknown office is not guessed at (a bare place is, in lists only).
    const office = await one(
      tei({
        head: 'Telegram From the Office of Strange Affairs to the Department of State',
        note: 'Source: test. Secret.',
        body: '<p>1. Text.</p>',
      }),
    );
    expect(office).toMatchObject({
      ok: false,
      reason: 'unknown originator "Office of Strange Affairs" (not a post this importer can name)',
    });
    const to = await one(
      tei({
        head: 'Telegram From the <gloss type="from">Department of State</gloss> to the <gloss type="to">Embassy in Cuba</gloss>',
        note: 'Source: test. Secret.',
        body: '<p>1. Text.</p>',
      }),
    );
    // Issue 12: an embassy the seed lacks is a historical entry in the capital.
    expect(to).toMatchObject({ ok: true, report: { to: ['AMEMBASSY HAVANA'] } });
  });

  test('a pass by a post that is not an addressee is left out with a warning (rule 17)', async () => {
    const { cable, report } = await ok(
      tei({ note: 'Source: test. Secret.', body: '<p>1. USUN pass White House. Text.</p>' }),
    );
    expect(cable.transmission.passes).toEqual([]);
    expect(report.warnings).toContain(
      '"USMISSION USUN NEW YORK pass WHITE HOUSE WASHDC": USMISSION USUN NEW YORK is not an addressee; the pass is left out (rule 17)',
    );
  });
});

describe('heads of other volumes (issue 12: any volume of the telegram era)', () => {
  // Heads as printed on history.state.gov (frus1981-88v10 d289; the SALT delegation's telegrams).
  test.each([
    [
      'Telegram From the Mission in West Berlin to the Department of State and the Embassy in the Federal Republic of Germany',
      'USMISSION WEST BERLIN',
      ['SECSTATE WASHDC', 'AMEMBASSY BONN'],
    ],
    [
      'Telegram From the Delegation to the Strategic Arms Limitation Talks to the Department of State',
      'USDEL SALT',
      ['SECSTATE WASHDC'],
    ],
    [
      'Telegram From the Consulate General in Hong Kong to the Department of State',
      'AMCONGEN HONG KONG',
      ['SECSTATE WASHDC'],
    ],
    ['Telegram From the Legation in Hungary to the Department of State', 'AMLEGATION BUDAPEST', ['SECSTATE WASHDC']],
    ['Telegram From the Department of State to the Embassy in Ruritania', 'SECSTATE WASHDC', ['AMEMBASSY RURITANIA']],
  ])('%s', async (head, from, to) => {
    const { report } = await ok(tei({ head, note: 'Source: test. Confidential.', body: '<p>12. Text.</p>' }));
    expect(report.from).toBe(from);
    expect(report.to).toEqual(to);
  });

  test('an Airgram is not a telegram: ignored, not skipped', async () => {
    const d = await one(
      tei({
        head: 'Airgram From the Embassy in Greece to the Department of State',
        note: 'Source: test. Secret.',
        body: '<p>A-12. Text.</p>',
      }),
    );
    expect(d).toMatchObject({ ok: false, notTelegram: true });
  });
});

describe('slugs addressed to a person (issue 12)', () => {
  test('"For the Secretary from Ball": the Secretary in office that day, at his post', async () => {
    const { report } = await ok(
      tei({
        head: 'Telegram From the <gloss type="from">Embassy in Greece</gloss> to the <gloss type="to">Department of State</gloss>',
        note: 'Source: test. Secret; Eyes Only.',
        when: '1964-06-01T10:00:00+03:00',
        min: '1964-06-01T10:00:00+03:00',
        body: '<p>1234. For the Secretary from Ball. Text.</p>',
      }),
    );
    expect(report.for).toEqual({ 'SECSTATE WASHDC': ['rusk'] });
    expect(report.eyesOnlyFor).toEqual(['rusk']);
    expect(report.slugs).toEqual(['For the Secretary from Ball']);
  });
});
