import type { Caption, DissemControl } from '../../../electron/domain/captions';
import type { Classification } from '../../../electron/domain/classification';
import type { Draft, DraftAddressee, RuleContext, RuleFinding } from '../../../electron/domain/draft';
import { checkDraft } from '../../../electron/domain/rules';
import directory from '../../../resources/seed/directory.json';
import topol578 from '../../../resources/seed/cables/topol-578.json';

/**
 * Drafts and rule contexts for the rule checker tests (DOMAIN.md §8b). The context is the seed
 * directory (stations, collectives) and TOPOL 578's label, as the drafts service builds it.
 */
type Label = RuleContext['referencedLabels'] extends ReadonlyMap<string, infer L> ? L : never;

const TOPOL_578: Label = {
  classification: topol578.classification as Classification,
  captions: topol578.captions as Caption[],
  dissem: topol578.dissem as DissemControl[],
  relTo: topol578.relTo,
};

export const SEED_CTX: RuleContext = {
  stations: new Map(directory.stations.map((s) => [s.plad, { kind: s.kind, country: s.country }])),
  collectives: new Map(directory.collectives.map((c) => [c.name, c.members])),
  referencedLabels: new Map([[topol578.ref, TOPOL_578]]),
  downgradeAuthorized: false,
};

/** A military address (rule 27) and foreign ones (rule 20), which the seed does not have. */
export const MILITARY = 'USCINCEUR VAIHINGEN GE';
export const FOREIGN_LONDON = 'FOREIGN OFFICE LONDON';
export const FOREIGN_PARIS = 'QUAI D ORSAY PARIS';

export const CTX: RuleContext = {
  ...SEED_CTX,
  stations: new Map([
    ...SEED_CTX.stations,
    [MILITARY, { kind: 'MILITARY', country: 'DEU' }],
    [FOREIGN_LONDON, { kind: 'FOREIGN', country: 'GBR' }],
    [FOREIGN_PARIS, { kind: 'FOREIGN', country: 'FRA' }],
  ]),
  collectives: new Map([...SEED_CTX.collectives, ['NATO FOREIGN MINISTRIES', [FOREIGN_LONDON, FOREIGN_PARIS]]]),
  referencedLabels: new Map([
    ...SEED_CTX.referencedLabels,
    ['STATE 041961', { classification: 'CONFIDENTIAL', captions: ['EXDIS'], dissem: ['REL_TO'], relTo: ['GBR'] }],
    ['95 STATE 232445', { classification: 'SBU', captions: ['SENSITIVE', 'SIPDIS'], dissem: [], relTo: [] }],
  ]),
};

export const addressee = (
  plad: string,
  role: DraftAddressee['role'] = 'ACTION',
  precedence: DraftAddressee['precedence'] = 'ROUTINE',
  niact = false,
): DraftAddressee => ({ plad, role, precedence, niact, for: [] });

export const collective = (name: string, role: DraftAddressee['role'] = 'INFO'): DraftAddressee => ({
  collective: name,
  role,
  precedence: 'ROUTINE',
  niact: false,
  for: [],
});

/**
 * A well-formed 1962 reply to TOPOL 578 (the seed, FRUS 1961–63 vol. XI doc. 100): Finletter's
 * Mission to NATO (USRO) answers the Department, SECRET and Eyes Only for the Secretary, numbered
 * in the POLTO series and filed by decimal file, with the Department passing it to the White House.
 */
export const POLTO_1962: Draft = {
  profile: 'FRUS_1960S',
  originator: { plad: 'USMISSION USNATO', office: 'FRONT' },
  series: 'POLTO',
  classification: 'SECRET',
  classificationReason: null,
  captions: ['EYES_ONLY'],
  dissem: [],
  relTo: [],
  eyesOnly: [{ person: 'rusk' }],
  subject: 'Reply to Topol 578: NATO briefing on the Cuban situation',
  fileRef: '740.5/10-2862',
  tags: [],
  classAuthority: null,
  legacyEo: null,
  summary: null,
  references: [{ label: 'A', text: 'Topol 578', cable: 'TOPOL 578' }],
  addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE')],
  passes: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC' }],
  paragraphs: [
    {
      n: 1,
      portion: 'S',
      fyi: false,
      text: 'Topol 578 received and passed to Embassy Paris as instructed. I briefed the Council this morning along the lines of reftel.',
    },
    {
      n: 2,
      portion: 'S',
      fyi: false,
      text: 'The Secretary General will circulate no paper. Permanent representatives asked only about the timing of the quarantine.',
    },
    {
      n: 3,
      portion: 'S',
      fyi: true,
      text: 'Several representatives expect a request for consultation under Article 4.',
    },
  ],
  niactJustified: false,
  drafters: ['duty-usro'],
  clearers: [{ person: 'finletter', kind: 'CLEAR' }],
  approver: 'finletter',
  signature: 'FINLETTER',
};

/** A well-formed ADS-era cable (1977): PRIORITY, LIMDIS + STADIS, an E.O. 11652 line and TAGS. */
export const ADS_1977: Draft = {
  ...POLTO_1962,
  profile: 'ADS_1973_79',
  originator: { plad: 'SECSTATE WASHDC', office: 'EUR' },
  series: null,
  classification: 'CONFIDENTIAL',
  captions: ['LIMDIS', 'STADIS'],
  eyesOnly: [],
  subject: 'Allied consultations on force reductions',
  fileRef: null,
  tags: ['PFOR', 'MBFR', 'UR', 'OVIP (VANCE, CYRUS)'],
  legacyEo: { order: '11652', code: 'XGDS-3' },
  references: [],
  addressees: [addressee('USMISSION USNATO', 'ACTION', 'PRIORITY'), collective('ALL NATO CAPITALS')],
  passes: [],
  paragraphs: [{ n: null, portion: 'C', fyi: false, text: 'Please consult allies before the next round.' }],
  approver: 'tyler',
  signature: 'VANCE',
};

/** A well-formed 2000s cable: SBU (UNCLASSIFIED + SENSITIVE), "E.O. 12958: N/A", citing an SBU cable. */
export const CABLEGATE_2000: Draft = {
  ...ADS_1977,
  profile: 'CABLEGATE_2000S',
  classification: 'SBU',
  captions: ['SENSITIVE', 'SIPDIS'],
  tags: ['PREL', 'PGOV', 'FR'],
  legacyEo: { order: '12958', code: 'N/A' },
  references: [{ label: 'A', text: '95 STATE 232445', cable: '95 STATE 232445' }],
  addressees: [addressee('AMEMBASSY PARIS', 'ACTION'), addressee('AMEMBASSY LONDON', 'INFO')],
  paragraphs: [
    { n: 1, portion: 'SBU', fyi: false, text: 'Please deliver the demarche in reftel.' },
    { n: 2, portion: 'U', fyi: false, text: 'Report the response.' },
  ],
  signature: 'ALBRIGHT',
};

/** A well-formed current (SMART) cable: classified, with its authority block, NOFORN, TAGS. */
export const MODERN_CABLE: Draft = {
  ...ADS_1977,
  profile: 'MODERN',
  originator: { plad: 'AMEMBASSY PARIS', office: 'POL' },
  classification: 'SECRET',
  captions: [],
  dissem: ['NOFORN'],
  tags: ['PREL', 'MARR', 'NATO', 'FR'],
  legacyEo: null,
  classAuthority: {
    classifiedBy: 'Charles E. Bohlen',
    position: 'Ambassador',
    reasons: ['1.4(b)', '1.4(d)'],
    declassifyOn: '2051-10-28',
  },
  addressees: [
    addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE'),
    collective('ALL NATO CAPITALS'),
    addressee('AMEMBASSY PARIS', 'EXEMPT'),
  ],
  paragraphs: [
    { n: 1, portion: 'S', fyi: false, text: 'The Foreign Minister asked for an early meeting of the Council.' },
    { n: 2, portion: 'C', fyi: false, text: 'Embassy recommends agreement.' },
  ],
  approver: 'bohlen',
  signature: 'BOHLEN',
};

export const GOOD: ReadonlyArray<Draft> = [POLTO_1962, ADS_1977, CABLEGATE_2000, MODERN_CABLE];

/** The findings of one rule. */
export const findings = (d: Draft, rule: number, ctx: RuleContext = CTX): RuleFinding[] =>
  checkDraft(d, ctx).filter((f) => f.rule === rule);

/** The fields the findings of one rule name. */
export const fields = (d: Draft, rule: number, ctx: RuleContext = CTX): string[] =>
  findings(d, rule, ctx).map((f) => f.field);

/** Many characters of plain prose, for long cables (rule 26). */
export const prose = (words: number): string =>
  Array.from({ length: words }, (_, i) => ['the', 'council', 'will', 'meet', 'at', 'noon'][i % 6]).join(' ');
