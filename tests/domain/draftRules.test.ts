import { describe, expect, test } from 'vitest';
import type { Draft, RuleContext } from '../../electron/domain/draft';
import { DRAFT_RULES, checkDraft, hasErrors, renderedLines } from '../../electron/domain/rules';

/** A correct 1962 POLTO reply to TOPOL 578 (the seed's practice cable). */
const FRUS: Draft = {
  profile: 'FRUS_1960S',
  originator: { plad: 'USMISSION USNATO' },
  series: 'POLTO',
  classification: 'SECRET',
  classificationReason: null,
  captions: ['EYES_ONLY'],
  dissem: [],
  relTo: [],
  eyesOnly: [{ person: 'rusk' }],
  subject: 'Reply to Topol 578',
  fileRef: '740.5/10-2862',
  tags: [],
  classAuthority: null,
  legacyEo: null,
  summary: null,
  references: [{ label: 'A', text: 'Topol 578', cable: 'TOPOL 578' }],
  addressees: [{ plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'IMMEDIATE', niact: false, for: [] }],
  passes: [],
  paragraphs: [
    { n: 1, portion: 'S', fyi: false, text: 'Topol 578 received and passed to Embassy Paris.' },
    { n: 2, portion: 'C', fyi: false, text: 'Will report reactions by immediate telegram.' },
  ],
  niactJustified: false,
  drafters: ['duty-usro'],
  clearers: [{ person: 'finletter', kind: 'CLEAR' }],
  approver: 'finletter',
  signature: 'FINLETTER',
};

/** A correct modern cable (SMART era). */
const MODERN: Draft = {
  ...FRUS,
  profile: 'MODERN',
  series: null,
  captions: [],
  eyesOnly: [],
  fileRef: null,
  tags: ['PREL', 'NATO', 'FR'],
  references: [],
  classAuthority: {
    classifiedBy: 'Thomas Finletter',
    position: 'Ambassador',
    reasons: ['1.4(b)', '1.4(d)'],
    declassifyOn: '2051-10-28',
  },
};

const ADS: Draft = {
  ...MODERN,
  profile: 'ADS_1973_79',
  // The 1974 TAGS handbook has PFOR where the current list has PREL (issue 16).
  tags: ['PFOR', 'NATO', 'FR'],
  classAuthority: null,
  legacyEo: { order: '11652', code: 'GDS' },
};

const CTX: RuleContext = {
  stations: new Map([
    ['SECSTATE WASHDC', { kind: 'DEPARTMENT', country: 'USA' }],
    ['USMISSION USNATO', { kind: 'MISSION', country: 'FRA' }],
    ['AMEMBASSY PARIS', { kind: 'EMBASSY', country: 'FRA' }],
    ['AMEMBASSY MOSCOW', { kind: 'EMBASSY', country: 'SUN' }],
    ['CINCEUR', { kind: 'MILITARY', country: 'DEU' }],
  ]),
  collectives: new Map([['ALL NATO CAPITALS', ['AMEMBASSY PARIS', 'AMEMBASSY LONDON']]]),
  referencedLabels: new Map([
    ['TOPOL 578', { classification: 'SECRET', captions: ['EYES_ONLY'], dissem: [], relTo: [] }],
  ]),
  downgradeAuthorized: false,
};

const rulesOf = (d: Draft, ctx: RuleContext = CTX): number[] => checkDraft(d, ctx).map((f) => f.rule);
const para = (text: string, n: number | null = null) => ({ n, portion: 'S' as const, fyi: false, text });

/** For each rule: drafts that break it (with the field the finding must name). */
const BROKEN: ReadonlyArray<readonly [number, string, Draft, string, RuleContext?]> = [
  [0, 'no subject', { ...FRUS, subject: ' ' }, 'subject'],
  [0, 'no approver', { ...FRUS, approver: null }, 'approver'],
  [
    0,
    'an empty paragraph',
    { ...FRUS, paragraphs: [FRUS.paragraphs[0]!, { ...FRUS.paragraphs[1]!, text: '' }] },
    'paragraphs[1].text',
  ],
  [
    1,
    'an (S) paragraph under CONFIDENTIAL',
    { ...FRUS, classification: 'CONFIDENTIAL', references: [], captions: [], eyesOnly: [] },
    'paragraphs[0].portion',
  ],
  [1, 'overmarking without a reason', { ...FRUS, classification: 'TOP_SECRET' }, 'classification'],
  [
    2,
    'LOU in a modern cable',
    { ...MODERN, classification: 'LOU', paragraphs: [para('x')].map((p) => ({ ...p, portion: 'U' as const })) },
    'classification',
  ],
  [2, 'SBU in 1962', { ...FRUS, classification: 'SBU' }, 'classification'],
  [
    4,
    'a gap in the numbers',
    { ...FRUS, paragraphs: [FRUS.paragraphs[0]!, { ...FRUS.paragraphs[1]!, n: 3 }] },
    'paragraphs[1].n',
  ],
  [4, 'a lone numbered paragraph', { ...FRUS, paragraphs: [para('Only this.', 1)] }, 'paragraphs[0].n'],
  [5, 'a modern classified cable without authority', { ...MODERN, classAuthority: null }, 'classAuthority'],
  [
    5,
    'a bad reason',
    { ...MODERN, classAuthority: { ...MODERN.classAuthority!, reasons: ['1.5(b)'] } },
    'classAuthority.reasons',
  ],
  [5, 'an ADS cable without its E.O. line', { ...ADS, legacyEo: null }, 'legacyEo'],
  [5, 'an E.O. line in 1962', { ...FRUS, legacyEo: { order: '11652', code: 'GDS' } }, 'legacyEo'],
  [
    6,
    'PRIORITY in a modern cable',
    { ...MODERN, addressees: [{ ...MODERN.addressees[0]!, precedence: 'PRIORITY' }] },
    'addressees[0].precedence',
  ],
  [
    7,
    'NIACT without justification (a current-handbook rule, 5 FAH-2 H-421.2(b))',
    { ...MODERN, addressees: [{ ...MODERN.addressees[0]!, niact: true }] },
    'niactJustified',
  ],
  [
    7,
    'NIACT on an info addressee',
    {
      ...FRUS,
      niactJustified: true,
      addressees: [
        FRUS.addressees[0]!,
        { plad: 'AMEMBASSY PARIS', role: 'INFO', precedence: 'ROUTINE', niact: true, for: [] },
      ],
    },
    'addressees[1].niact',
  ],
  [
    9,
    'an info addressee above the action',
    {
      ...FRUS,
      addressees: [
        FRUS.addressees[0]!,
        { plad: 'AMEMBASSY PARIS', role: 'INFO', precedence: 'FLASH', niact: false, for: [] },
      ],
    },
    'addressees[1].precedence',
  ],
  [10, 'no action addressee', { ...FRUS, addressees: [{ ...FRUS.addressees[0]!, role: 'INFO' }] }, 'addressees'],
  [
    10,
    'info before action',
    {
      ...FRUS,
      addressees: [
        { plad: 'AMEMBASSY PARIS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
        FRUS.addressees[0]!,
      ],
    },
    'addressees[0].role',
  ],
  [
    11,
    'an exemption without a collective',
    {
      ...FRUS,
      addressees: [
        FRUS.addressees[0]!,
        { plad: 'AMEMBASSY PARIS', role: 'EXEMPT', precedence: 'ROUTINE', niact: false, for: [] },
      ],
    },
    'addressees[1].role',
  ],
  [
    11,
    'an exemption of a non-member',
    {
      ...FRUS,
      addressees: [
        FRUS.addressees[0]!,
        { collective: 'ALL NATO CAPITALS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
        { plad: 'AMEMBASSY MOSCOW', role: 'EXEMPT', precedence: 'ROUTINE', niact: false, for: [] },
      ],
    },
    'addressees[2].plad',
  ],
  [12, 'EXDIS before NODIS', { ...FRUS, captions: ['EXDIS', 'NODIS', 'EYES_ONLY'] }, 'captions'],
  [12, 'STADIS alone', { ...FRUS, captions: ['STADIS', 'EYES_ONLY'] }, 'captions'],
  [12, 'two channel captions', { ...FRUS, captions: ['EYES_ONLY', 'ROGER', 'MED'] }, 'captions'],
  [
    13,
    'an unclassified AGRÉMENT message',
    {
      ...MODERN,
      classification: 'UNCLASSIFIED',
      classAuthority: null,
      captions: ['AGREMENT'],
      paragraphs: [{ n: null, portion: 'U', fyi: false, text: 'Agrément requested.' }],
    },
    'classification',
  ],
  [14, 'EYES ONLY without names', { ...FRUS, eyesOnly: [] }, 'eyesOnly'],
  [14, 'names without EYES ONLY', { ...MODERN, eyesOnly: [{ person: 'rusk' }] }, 'captions'],
  [
    17,
    'a pass by a non-addressee',
    { ...FRUS, passes: [{ by: 'AMEMBASSY MOSCOW', to: 'AMEMBASSY PARIS' }] },
    'passes[0].by',
  ],
  [
    19,
    'a CONFIDENTIAL reply to a SECRET cable',
    {
      ...FRUS,
      classification: 'CONFIDENTIAL',
      paragraphs: FRUS.paragraphs.map((p) => ({ ...p, portion: 'C' as const })),
    },
    'classification',
  ],
  [19, "a reply that drops the source's caption", { ...FRUS, captions: [], eyesOnly: [] }, 'captions'],
  [
    19,
    'an unknown reference',
    { ...FRUS, references: [{ label: 'A', text: 'Topol 999', cable: 'TOPOL 999' }] },
    'references[0]',
  ],
  [20, 'NOFORN with REL TO', { ...FRUS, dissem: ['NOFORN', 'REL_TO'], relTo: ['GBR'] }, 'relTo'],
  [20, 'REL TO without countries', { ...FRUS, dissem: ['REL_TO'] }, 'relTo'],
  [21, 'TAGS in 1962', { ...FRUS, tags: ['PREL'] }, 'tags'],
  [21, 'a 1962 cable without file reference', { ...FRUS, fileRef: null }, 'fileRef'],
  [21, 'a modern cable without a subject TAG', { ...MODERN, tags: ['FR'] }, 'tags'],
  [21, 'an unknown TAG', { ...MODERN, tags: ['PREL', 'XYZW'] }, 'tags[1]'],
  [
    26,
    'four pages without a summary',
    { ...FRUS, paragraphs: Array.from({ length: 40 }, (_, i) => para('x'.repeat(200), i + 1)) },
    'summary',
  ],
  [
    27,
    'EXDIS to a military address',
    {
      ...MODERN,
      captions: ['EXDIS'],
      addressees: [{ plad: 'CINCEUR', role: 'ACTION', precedence: 'ROUTINE', niact: false, for: [] }],
    },
    'captions',
  ],
];

describe('the drafting rule checker (DOMAIN.md §8b)', () => {
  test('the correct drafts of each era have no findings', () => {
    expect(checkDraft(FRUS, CTX)).toEqual([]);
    expect(checkDraft(MODERN, CTX)).toEqual([]);
    expect(checkDraft(ADS, CTX)).toEqual([]);
  });

  for (const [rule, what, draft, field, ctx] of BROKEN) {
    test(`rule ${rule} fails on ${what}, naming the field`, () => {
      const findings = checkDraft(draft, ctx ?? CTX).filter((f) => f.rule === rule);
      expect(findings.map((f) => f.field)).toContain(field);
      for (const f of findings) expect(f.message.length).toBeGreaterThan(30);
    });
  }

  test('every rule has a failing case above and passes on a correct draft', () => {
    const numbers = DRAFT_RULES.map((r) => r.rule);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(
        BROKEN.some(([rule]) => rule === n),
        `rule ${n} has a failing case`,
      ).toBe(true);
      expect(rulesOf(FRUS).concat(rulesOf(MODERN), rulesOf(ADS))).not.toContain(n);
    }
    // Rule numbers are §8(b)'s (1–27), and rule 0 for completeness.
    for (const n of numbers) expect(n >= 0 && n <= 27).toBe(true);
  });

  test('the passing side of conditional rules: a reason allows overmarking, a downgrade lifts rule 19, FLASH with lower precedence only warns', () => {
    expect(
      rulesOf({ ...FRUS, classification: 'TOP_SECRET', classificationReason: 'Compilation of sensitive sources' }),
    ).toEqual([]);
    const down = {
      ...FRUS,
      classification: 'CONFIDENTIAL' as const,
      captions: [],
      eyesOnly: [],
      paragraphs: FRUS.paragraphs.map((p) => ({ ...p, portion: 'C' as const })),
    };
    expect(rulesOf(down)).toContain(19);
    expect(rulesOf(down, { ...CTX, downgradeAuthorized: true })).not.toContain(19);
    const flash = {
      ...FRUS,
      addressees: [
        { ...FRUS.addressees[0]!, precedence: 'FLASH' as const },
        { plad: 'AMEMBASSY PARIS', role: 'INFO' as const, precedence: 'ROUTINE' as const, niact: false, for: [] },
      ],
    };
    const findings = checkDraft(flash, CTX);
    expect(findings).toEqual([expect.objectContaining({ rule: 9, severity: 'warning' })]);
    expect(hasErrors(findings)).toBe(false);
    const justified = { ...FRUS, niactJustified: true, addressees: [{ ...FRUS.addressees[0]!, niact: true }] };
    expect(rulesOf(justified)).toEqual([]);
    const exempt = {
      ...FRUS,
      addressees: [
        FRUS.addressees[0]!,
        {
          collective: 'ALL NATO CAPITALS',
          role: 'INFO' as const,
          precedence: 'ROUTINE' as const,
          niact: false,
          for: [],
        },
        { plad: 'AMEMBASSY PARIS', role: 'EXEMPT' as const, precedence: 'ROUTINE' as const, niact: false, for: [] },
      ],
    };
    expect(rulesOf(exempt)).toEqual([]);
    const pass = { ...FRUS, passes: [{ by: 'SECSTATE WASHDC', to: 'AMEMBASSY PARIS' }] };
    expect(rulesOf(pass)).toEqual([]);
    const long = {
      ...FRUS,
      summary: 'The mission reports at length.',
      paragraphs: Array.from({ length: 40 }, (_, i) => ({ ...para('x'.repeat(200), i + 1) })),
    };
    expect(renderedLines(long)).toBeGreaterThan(180);
    expect(rulesOf(long)).toEqual([]);
    expect(rulesOf({ ...MODERN, tags: ['OVIP (RUSK, DEAN)', 'PREL'] })).toEqual([]);
  });

  test('errors come before warnings, in rule order', () => {
    const d = {
      ...MODERN,
      captions: ['EXDIS' as const],
      fileRef: '740.5',
      addressees: [
        { plad: 'CINCEUR', role: 'ACTION' as const, precedence: 'PRIORITY' as const, niact: false, for: [] },
      ],
    };
    const findings = checkDraft(d, CTX);
    const severities = findings.map((f) => f.severity);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([6]);
  });
});
