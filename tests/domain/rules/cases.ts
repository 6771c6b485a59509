import type { Draft, RuleContext, RuleSeverity } from '../../../electron/domain/draft';
import {
  ADS_1977,
  CABLEGATE_2000,
  CTX,
  FOREIGN_LONDON,
  MILITARY,
  MODERN_CABLE,
  POLTO_1962,
  addressee,
  collective,
  prose,
} from './fixtures';

/**
 * For every drafting rule: drafts that break it, each with a corrected draft that has no findings
 * at all, the field the finding must name and its severity.
 */
export type RuleCase = Readonly<{
  rule: number;
  what: string;
  bad: Draft;
  good: Draft;
  field: string;
  severity?: RuleSeverity;
  ctx?: RuleContext;
}>;

const P = POLTO_1962;
const M = MODERN_CABLE;
const paragraph = (text: string, n: number | null, portion: Draft['paragraphs'][number]['portion'] = 'S') => ({
  n,
  portion,
  fyi: false,
  text,
});
const longParagraphs = (count: number) =>
  Array.from({ length: count }, (_, i) => paragraph(prose(120), i + 1, i === 0 ? 'S' : 'C'));

export const CASES: ReadonlyArray<RuleCase> = [
  // Rule 0: completeness
  { rule: 0, what: 'no subject', bad: { ...P, subject: '  ' }, good: P, field: 'subject' },
  { rule: 0, what: 'no approver', bad: { ...P, approver: null }, good: P, field: 'approver' },
  { rule: 0, what: 'no drafter', bad: { ...P, drafters: [] }, good: P, field: 'drafters' },
  { rule: 0, what: 'no paragraphs', bad: { ...P, paragraphs: [] }, good: P, field: 'paragraphs' },
  {
    rule: 0,
    what: 'an empty paragraph',
    bad: { ...P, paragraphs: [P.paragraphs[0]!, { ...P.paragraphs[1]!, text: ' ' }, P.paragraphs[2]!] },
    good: P,
    field: 'paragraphs[1].text',
  },

  // Rule 1: overall = highest portion
  {
    rule: 1,
    what: 'an (S) paragraph under a CONFIDENTIAL header',
    bad: { ...M, classification: 'CONFIDENTIAL' },
    good: M,
    field: 'paragraphs[0].portion',
  },
  {
    rule: 1,
    what: 'TOP SECRET above every portion without a reason',
    bad: { ...P, classification: 'TOP_SECRET' },
    good: { ...P, classification: 'TOP_SECRET', classificationReason: 'The compilation reveals the allied plan.' },
    field: 'classification',
  },
  {
    rule: 1,
    what: 'a (C) paragraph in an SBU cable (administrative controls rank as unclassified)',
    bad: { ...CABLEGATE_2000, paragraphs: [CABLEGATE_2000.paragraphs[0]!, paragraph('Report the response.', 2, 'C')] },
    good: CABLEGATE_2000,
    field: 'paragraphs[1].portion',
  },

  // Rule 2: level words of the era
  {
    rule: 2,
    what: 'LIMITED OFFICIAL USE in a current cable',
    bad: { ...CABLEGATE_2000, profile: 'MODERN', classification: 'LOU', legacyEo: { order: '13526', code: 'N/A' } },
    good: { ...CABLEGATE_2000, profile: 'MODERN', legacyEo: { order: '13526', code: 'N/A' } },
    field: 'classification',
  },
  {
    rule: 2,
    what: 'SBU in 1977',
    bad: { ...ADS_1977, classification: 'SBU', legacyEo: { order: '11652', code: 'N/A' } },
    good: {
      ...ADS_1977,
      classification: 'LOU',
      legacyEo: { order: '11652', code: 'N/A' },
      paragraphs: [paragraph('Please consult allies.', null, 'U')],
    },
    field: 'classification',
  },
  {
    rule: 2,
    what: 'an (SBU) portion mark in 1962',
    bad: { ...P, paragraphs: [P.paragraphs[0]!, { ...P.paragraphs[1]!, portion: 'SBU' }, P.paragraphs[2]!] },
    good: P,
    field: 'paragraphs[1].portion',
  },
  {
    rule: 2,
    what: 'an SBU cable without the caption SENSITIVE',
    bad: { ...CABLEGATE_2000, captions: ['SIPDIS'] },
    good: CABLEGATE_2000,
    field: 'captions',
    severity: 'warning',
  },

  // Rule 4: paragraph numbering
  {
    rule: 4,
    what: 'a gap in the numbers',
    bad: { ...P, paragraphs: [P.paragraphs[0]!, P.paragraphs[1]!, { ...P.paragraphs[2]!, n: 4 }] },
    good: P,
    field: 'paragraphs[2].n',
  },
  {
    rule: 4,
    what: 'an unnumbered paragraph among several',
    bad: { ...P, paragraphs: [P.paragraphs[0]!, { ...P.paragraphs[1]!, n: null }, P.paragraphs[2]!] },
    good: P,
    field: 'paragraphs[1].n',
  },
  {
    rule: 4,
    what: 'a lone numbered paragraph',
    bad: { ...ADS_1977, paragraphs: [{ ...ADS_1977.paragraphs[0]!, n: 1 }] },
    good: ADS_1977,
    field: 'paragraphs[0].n',
  },

  // Rule 5: classification authority by era
  {
    rule: 5,
    what: 'a classified current cable without its authority block',
    bad: { ...M, classAuthority: null },
    good: M,
    field: 'classAuthority',
  },
  {
    rule: 5,
    what: 'an authority block without a classifier',
    bad: { ...M, classAuthority: { ...M.classAuthority!, classifiedBy: '' } },
    good: M,
    field: 'classAuthority.classifiedBy',
  },
  {
    rule: 5,
    what: 'an authority block without a position',
    bad: { ...M, classAuthority: { ...M.classAuthority!, position: ' ' } },
    good: M,
    field: 'classAuthority.position',
  },
  {
    rule: 5,
    what: 'a reason outside 1.4(a)–(h)',
    bad: { ...M, classAuthority: { ...M.classAuthority!, reasons: ['1.4(b)', '1.4(i)'] } },
    good: M,
    field: 'classAuthority.reasons',
  },
  {
    rule: 5,
    what: 'no reason',
    bad: { ...M, classAuthority: { ...M.classAuthority!, reasons: [] } },
    good: M,
    field: 'classAuthority.reasons',
  },
  {
    rule: 5,
    what: 'no declassification instruction',
    bad: { ...M, classAuthority: { ...M.classAuthority!, declassifyOn: '' } },
    good: M,
    field: 'classAuthority.declassifyOn',
  },
  {
    rule: 5,
    what: 'an authority block on an unclassified cable',
    bad: { ...CABLEGATE_2000, classAuthority: M.classAuthority },
    good: CABLEGATE_2000,
    field: 'classAuthority',
  },
  {
    rule: 5,
    what: 'an ADS cable without its E.O. line',
    bad: { ...ADS_1977, legacyEo: null },
    good: ADS_1977,
    field: 'legacyEo',
  },
  {
    rule: 5,
    what: 'a classified ADS cable marked N/A',
    bad: { ...ADS_1977, legacyEo: { order: '11652', code: 'N/A' } },
    good: ADS_1977,
    field: 'legacyEo.code',
  },
  {
    rule: 5,
    what: 'an unknown E.O. 11652 code',
    bad: { ...ADS_1977, legacyEo: { order: '11652', code: 'XGDS-7' } },
    good: ADS_1977,
    field: 'legacyEo.code',
  },
  {
    rule: 5,
    what: 'E.O. 12958 in 1977',
    bad: { ...ADS_1977, legacyEo: { order: '12958', code: 'GDS' } },
    good: ADS_1977,
    field: 'legacyEo.order',
  },
  {
    rule: 5,
    what: 'an authority block in an ADS cable',
    bad: { ...ADS_1977, classAuthority: M.classAuthority },
    good: ADS_1977,
    field: 'classAuthority',
  },
  {
    rule: 5,
    what: 'an E.O. line in 1962',
    bad: { ...P, legacyEo: { order: '11652', code: 'GDS' } },
    good: P,
    field: 'legacyEo',
  },
  {
    rule: 5,
    what: 'an authority block in 1962',
    bad: { ...P, classAuthority: M.classAuthority },
    good: P,
    field: 'classAuthority',
  },

  // Rule 6: precedence words by era
  {
    rule: 6,
    what: 'PRIORITY in a current cable',
    bad: { ...M, addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'PRIORITY'), ...M.addressees.slice(1)] },
    good: M,
    field: 'addressees[0].precedence',
  },
  {
    rule: 6,
    what: 'a PRIORITY pass in a current cable',
    bad: { ...M, passes: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC', precedence: 'PRIORITY' }] },
    good: { ...M, passes: [{ by: 'SECSTATE WASHDC', to: 'WHITE HOUSE WASHDC', precedence: 'IMMEDIATE' }] },
    field: 'passes[0].precedence',
  },

  // Rule 7: NIACT
  {
    rule: 7,
    what: 'NIACT without the justification confirmed (current handbook, 5 FAH-2 H-421.2(b))',
    bad: { ...M, addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE', true)] },
    good: { ...M, niactJustified: true, addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE', true)] },
    field: 'niactJustified',
  },
  {
    rule: 7,
    what: 'NIACT on an info addressee',
    bad: {
      ...P,
      niactJustified: true,
      addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'INFO', 'IMMEDIATE', true)],
    },
    good: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'INFO', 'IMMEDIATE')] },
    field: 'addressees[1].niact',
  },
  {
    rule: 7,
    what: 'NIACT ROUTINE',
    bad: { ...P, niactJustified: true, addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'ROUTINE', true)] },
    good: { ...P, niactJustified: true, addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE', true)] },
    field: 'addressees[0].precedence',
  },
  {
    rule: 7,
    what: 'NIACT FLASH in a current cable',
    bad: {
      ...M,
      niactJustified: true,
      addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'FLASH', true), ...M.addressees.slice(1)],
    },
    good: {
      ...M,
      niactJustified: true,
      addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE', true), ...M.addressees.slice(1)],
    },
    field: 'addressees[0].precedence',
  },

  // Rule 9: precedence of info and action addressees
  {
    rule: 9,
    what: 'an info addressee above the action addressee',
    bad: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'INFO', 'FLASH')] },
    good: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'INFO', 'IMMEDIATE')] },
    field: 'addressees[1].precedence',
  },
  {
    rule: 9,
    what: 'FLASH together with lower precedences (a separate transmission)',
    bad: {
      ...P,
      addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'FLASH'), addressee('AMEMBASSY PARIS', 'INFO', 'ROUTINE')],
    },
    good: {
      ...P,
      addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'FLASH'), addressee('AMEMBASSY PARIS', 'INFO', 'FLASH')],
    },
    field: 'addressees',
    severity: 'warning',
  },

  // Rule 10: an action addressee, listed first; a deliverable address block
  {
    rule: 10,
    what: 'no action addressee',
    bad: { ...P, addressees: [addressee('SECSTATE WASHDC', 'INFO', 'IMMEDIATE')] },
    good: P,
    field: 'addressees',
  },
  {
    rule: 10,
    what: 'an info addressee before the action addressee',
    bad: { ...P, addressees: [addressee('AMEMBASSY PARIS', 'INFO'), ...P.addressees] },
    good: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'INFO')] },
    field: 'addressees[0].role',
  },
  {
    rule: 10,
    what: 'a station listed twice',
    bad: { ...P, addressees: [...P.addressees, addressee('SECSTATE WASHDC', 'INFO')] },
    good: P,
    field: 'addressees[1]',
  },
  {
    rule: 10,
    what: 'a station not in the directory',
    bad: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY ATLANTIS', 'INFO')] },
    good: P,
    field: 'addressees[1]',
  },
  {
    rule: 10,
    what: 'a collective not in the directory',
    bad: { ...ADS_1977, addressees: [ADS_1977.addressees[0]!, collective('ALL WARSAW PACT CAPITALS')] },
    good: ADS_1977,
    field: 'addressees[1]',
  },

  // Rule 11: exemptions
  {
    rule: 11,
    what: 'an exemption without a collective',
    bad: { ...P, addressees: [...P.addressees, addressee('AMEMBASSY PARIS', 'EXEMPT')] },
    good: {
      ...P,
      addressees: [...P.addressees, collective('ALL NATO CAPITALS'), addressee('AMEMBASSY PARIS', 'EXEMPT')],
    },
    field: 'addressees[1].role',
  },
  {
    rule: 11,
    what: 'an exemption of a station outside the collective',
    bad: { ...M, addressees: [...M.addressees.slice(0, 2), addressee('AMEMBASSY MOSCOW', 'EXEMPT')] },
    good: M,
    field: 'addressees[2].plad',
  },
  {
    rule: 11,
    what: 'an exemption of a collective',
    bad: { ...M, addressees: [...M.addressees, collective('ALL NATO CAPITALS', 'EXEMPT')] },
    good: M,
    field: 'addressees[3]',
  },

  // Rule 12: captions
  {
    rule: 12,
    what: 'EXDIS before NODIS (and both)',
    bad: { ...P, captions: ['EXDIS', 'NODIS', 'EYES_ONLY'] },
    good: { ...P, captions: ['NODIS', 'EYES_ONLY'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'STADIS before LIMDIS',
    bad: { ...ADS_1977, captions: ['STADIS', 'LIMDIS'] },
    good: ADS_1977,
    field: 'captions',
  },
  {
    rule: 12,
    what: 'the special-handling caption after EYES ONLY',
    bad: { ...P, captions: ['EYES_ONLY', 'NODIS'] },
    good: { ...P, captions: ['NODIS', 'EYES_ONLY'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'STADIS without NODIS, EXDIS or LIMDIS',
    bad: { ...P, captions: ['STADIS', 'EYES_ONLY'] },
    good: { ...P, captions: ['EXDIS', 'STADIS', 'EYES_ONLY'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'LIMDIS + STADIS in a current cable',
    bad: { ...M, captions: ['LIMDIS', 'STADIS'] },
    good: { ...M, captions: ['EXDIS', 'STADIS'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'two channel captions',
    bad: { ...M, captions: ['ROGER', 'MED'] },
    good: { ...M, captions: ['ROGER'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'NODIS on an AGRÉMENT message',
    bad: { ...M, captions: ['NODIS', 'AGREMENT'] },
    good: { ...M, captions: ['AGREMENT'] },
    field: 'captions',
  },
  {
    rule: 12,
    what: 'a caption listed twice',
    bad: { ...P, captions: ['EYES_ONLY', 'EYES_ONLY'] },
    good: P,
    field: 'captions[1]',
  },
  {
    rule: 12,
    what: 'OFFICIAL-INFORMAL missing from the subject',
    bad: { ...M, captions: ['OFFICIAL_INFORMAL'] },
    good: { ...M, captions: ['OFFICIAL_INFORMAL'], subject: 'OFFICIAL-INFORMAL: Council meeting' },
    field: 'subject',
  },

  // Rule 13: AGRÉMENT classified or controlled
  {
    rule: 13,
    what: 'an UNCLASSIFIED AGRÉMENT message',
    bad: {
      ...CABLEGATE_2000,
      classification: 'UNCLASSIFIED',
      captions: ['AGREMENT'],
      references: [],
      paragraphs: [paragraph('Agrément is requested for the new Ambassador.', null, 'U')],
    },
    good: { ...M, captions: ['AGREMENT'] },
    field: 'classification',
  },
  {
    rule: 13,
    what: 'an UNCLAS EFTO AGRÉMENT message (encrypted, but not controlled)',
    bad: { ...CABLEGATE_2000, classification: 'UNCLAS_EFTO', captions: ['AGREMENT'], references: [] },
    good: { ...CABLEGATE_2000, captions: ['AGREMENT', 'SENSITIVE'], references: [] },
    field: 'classification',
  },

  // Rule 14: Eyes Only
  { rule: 14, what: 'EYES ONLY without names', bad: { ...P, eyesOnly: [] }, good: P, field: 'eyesOnly' },
  {
    rule: 14,
    what: 'names without EYES ONLY',
    bad: { ...M, eyesOnly: [{ person: 'rusk' }] },
    good: { ...M, captions: ['EYES_ONLY'], eyesOnly: [{ person: 'rusk' }] },
    field: 'captions',
  },
  {
    rule: 14,
    what: 'a reader named twice',
    bad: { ...P, eyesOnly: [{ person: 'rusk' }, { principals: true }, { person: 'rusk' }] },
    good: { ...P, eyesOnly: [{ person: 'rusk' }, { principals: true }] },
    field: 'eyesOnly',
  },

  // Rule 17: pass only via an addressee
  {
    rule: 17,
    what: 'a pass by a station that is not addressed',
    bad: { ...P, passes: [{ by: 'AMEMBASSY MOSCOW', to: 'AMEMBASSY PARIS' }] },
    good: P,
    field: 'passes[0].by',
  },
  {
    rule: 17,
    what: 'a pass by an exempted member of a collective',
    bad: { ...M, passes: [{ by: 'AMEMBASSY PARIS', to: 'WHITE HOUSE WASHDC' }] },
    good: { ...M, passes: [{ by: 'AMEMBASSY LONDON', to: 'WHITE HOUSE WASHDC' }] },
    field: 'passes[0].by',
  },
  {
    rule: 17,
    what: 'a pass to the passing station itself',
    bad: { ...P, passes: [{ by: 'SECSTATE WASHDC', to: 'SECSTATE WASHDC' }] },
    good: P,
    field: 'passes[0].to',
  },

  // Rule 19: no write-down
  {
    rule: 19,
    what: 'a CONFIDENTIAL reply to a SECRET cable',
    bad: {
      ...P,
      classification: 'CONFIDENTIAL',
      paragraphs: P.paragraphs.map((p) => ({ ...p, portion: 'C' as const })),
    },
    good: P,
    field: 'classification',
  },
  {
    rule: 19,
    what: "a reply that drops the source's EYES ONLY",
    bad: { ...P, captions: [], eyesOnly: [] },
    good: P,
    field: 'captions',
  },
  {
    rule: 19,
    what: 'an unknown or invisible reference',
    bad: { ...P, references: [{ label: 'A', text: 'Topol 999', cable: 'TOPOL 999' }] },
    good: { ...P, references: [{ label: 'A', text: 'Topol 999' }] },
    field: 'references[0]',
  },
  {
    rule: 19,
    what: 'a reply that drops the source’s REL TO',
    bad: { ...M, dissem: [], references: [{ label: 'A', text: 'STATE 041961', cable: 'STATE 041961' }] },
    good: {
      ...M,
      captions: ['EXDIS'],
      dissem: ['REL_TO'],
      relTo: ['GBR'],
      references: [{ label: 'A', text: 'STATE 041961', cable: 'STATE 041961' }],
    },
    field: 'relTo',
  },
  {
    rule: 19,
    what: 'a reply that drops the source’s EXDIS',
    bad: { ...M, references: [{ label: 'A', text: 'STATE 041961', cable: 'STATE 041961' }] },
    good: { ...M, captions: ['NODIS'], references: [{ label: 'A', text: 'STATE 041961', cable: 'STATE 041961' }] },
    field: 'captions',
  },
  {
    rule: 19,
    what: 'an UNCLASSIFIED reply to an SBU cable',
    bad: { ...CABLEGATE_2000, classification: 'UNCLASSIFIED', captions: ['SENSITIVE'] },
    good: CABLEGATE_2000,
    field: 'classification',
  },

  // Rule 20: NOFORN and REL TO
  {
    rule: 20,
    what: 'NOFORN with REL TO',
    bad: { ...M, dissem: ['NOFORN', 'REL_TO'], relTo: ['GBR'] },
    good: M,
    field: 'relTo',
  },
  { rule: 20, what: 'REL TO without countries', bad: { ...M, dissem: ['REL_TO'] }, good: M, field: 'relTo' },
  {
    rule: 20,
    what: 'countries without REL TO',
    bad: { ...M, dissem: [], relTo: ['GBR'] },
    good: { ...M, dissem: ['REL_TO'], relTo: ['GBR'] },
    field: 'dissem',
  },
  {
    rule: 20,
    what: 'a country code that is not a trigraph',
    bad: { ...M, dissem: ['REL_TO'], relTo: ['GBR', 'UK'] },
    good: { ...M, dissem: ['REL_TO'], relTo: ['GBR'] },
    field: 'relTo[1]',
  },
  {
    rule: 20,
    what: 'an (SBU-N) paragraph in a cable that is not NOFORN',
    bad: {
      ...CABLEGATE_2000,
      paragraphs: [{ ...CABLEGATE_2000.paragraphs[0]!, portion: 'SBU-N' }, CABLEGATE_2000.paragraphs[1]!],
    },
    good: {
      ...CABLEGATE_2000,
      dissem: ['NOFORN'],
      paragraphs: [{ ...CABLEGATE_2000.paragraphs[0]!, portion: 'SBU-N' }, CABLEGATE_2000.paragraphs[1]!],
    },
    field: 'dissem',
  },
  {
    rule: 20,
    what: 'NOFORN addressed to a foreign station',
    bad: { ...M, addressees: [...M.addressees, addressee(FOREIGN_LONDON, 'INFO')] },
    good: M,
    field: 'addressees[3]',
  },
  {
    rule: 20,
    what: 'NOFORN passed to a foreign station',
    bad: { ...M, passes: [{ by: 'AMEMBASSY LONDON', to: FOREIGN_LONDON }] },
    good: { ...M, passes: [{ by: 'AMEMBASSY LONDON', to: 'AMEMBASSY MOSCOW' }] },
    field: 'passes[0].to',
  },
  {
    rule: 20,
    what: 'REL TO GBR reaching a French foreign station through a collective',
    bad: {
      ...M,
      dissem: ['REL_TO'],
      relTo: ['GBR'],
      addressees: [M.addressees[0]!, collective('NATO FOREIGN MINISTRIES')],
    },
    good: {
      ...M,
      dissem: ['REL_TO'],
      relTo: ['GBR', 'FRA'],
      addressees: [M.addressees[0]!, collective('NATO FOREIGN MINISTRIES')],
    },
    field: 'addressees[1]',
  },

  // Rule 21: TAGS or file reference
  { rule: 21, what: 'TAGS in 1962', bad: { ...P, tags: ['PREL'] }, good: P, field: 'tags' },
  { rule: 21, what: 'a 1962 telegram without file reference', bad: { ...P, fileRef: null }, good: P, field: 'fileRef' },
  {
    rule: 21,
    what: 'a file reference of neither form',
    bad: { ...P, fileRef: 'TOPOL 578' },
    good: { ...P, fileRef: 'POL 15-5 CYP' },
    field: 'fileRef',
  },
  { rule: 21, what: 'no subject TAG', bad: { ...M, tags: ['NATO', 'FR'] }, good: M, field: 'tags' },
  { rule: 21, what: 'an unknown TAG', bad: { ...M, tags: ['PREL', 'XYZW'] }, good: M, field: 'tags[1]' },
  { rule: 21, what: 'a TAG listed twice', bad: { ...M, tags: ['PREL', 'FR', 'PREL'] }, good: M, field: 'tags[2]' },
  {
    rule: 21,
    what: 'a 1960s file reference on an ADS cable',
    bad: { ...ADS_1977, fileRef: '740.5/10-2862' },
    good: ADS_1977,
    field: 'fileRef',
    severity: 'warning',
  },

  // Rule 26: summary for long cables
  {
    rule: 26,
    what: 'four pages without a summary (current cable)',
    bad: { ...M, paragraphs: longParagraphs(30) },
    good: { ...M, paragraphs: longParagraphs(30), summary: 'The French want an early Council meeting.' },
    field: 'summary',
  },
  {
    rule: 26,
    what: 'four pages without a summary (1962)',
    bad: { ...P, paragraphs: longParagraphs(30) },
    good: { ...P, paragraphs: longParagraphs(30), summary: 'The Council was briefed.' },
    field: 'summary',
    severity: 'warning',
  },

  // Rule 27: SPECAT for military addresses
  {
    rule: 27,
    what: 'EXDIS to a military address',
    bad: { ...M, captions: ['EXDIS'], addressees: [addressee(MILITARY, 'ACTION', 'IMMEDIATE')] },
    good: { ...M, addressees: [addressee(MILITARY, 'ACTION', 'IMMEDIATE')] },
    field: 'captions',
    severity: 'warning',
  },
  {
    rule: 27,
    what: 'NODIS passed to a military address',
    bad: { ...M, captions: ['NODIS'], passes: [{ by: 'SECSTATE WASHDC', to: MILITARY }] },
    good: { ...M, captions: ['NODIS'] },
    field: 'captions',
    severity: 'warning',
  },
];

/** The context a case runs in. */
export const ctxOf = (c: RuleCase): RuleContext => c.ctx ?? CTX;
