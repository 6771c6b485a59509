import { classificationRank, classificationWords, portionRank } from '../classification';
import { portionMarked, type Draft, type RuleFinding } from '../draft';
import { ALL_ERAS, MODERN_ERAS, eraWords, paragraphName, reporter, type DraftRule } from './rule';

/** The level words a rank stands for (administrative controls rank with UNCLASSIFIED, rule 2). */
const LEVEL_WORDS = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;

/**
 * Rule 1: the classification line equals the highest portion mark; above it only with a recorded
 * reason (e.g. a compilation more sensitive than its parts). SBU, SBU-N, LOU and UNCLAS EFTO rank
 * as unclassified. Applies in every era: 1962 telegrams had no portion marks, but the trainer
 * marks each paragraph (the seed marks TOPOL 578's paragraphs (S)) and the same logic holds.
 * Not on an ADS cable under E.O. 11652: portion marking began with E.O. 12065 in December 1978,
 * and 1973–78 printouts carry none (issue 16).
 */
function portionsAboveOverall(d: Draft): RuleFinding[] {
  const { err } = reporter(1);
  const overall = classificationRank(d.classification);
  return d.paragraphs.flatMap((p, i) =>
    portionRank(p.portion) > overall
      ? [
          err(
            `paragraphs[${i}].portion`,
            `${paragraphName(i)} is marked (${p.portion}) but the cable is ${classificationWords(d.classification)}: ` +
              'the classification line must be at least the highest portion mark, or the paragraph is overmarked. ' +
              `Raise the classification to ${LEVEL_WORDS[portionRank(p.portion)]} or re-mark the paragraph ` +
              '(32 CFR 2001.21; 5 FAH-1 H-132).',
          ),
        ]
      : [],
  );
}

function overallAbovePortions(d: Draft): RuleFinding[] {
  const { err } = reporter(1);
  if (d.paragraphs.length === 0 || d.classificationReason?.trim()) return [];
  const highest = Math.max(...d.paragraphs.map((p) => portionRank(p.portion)));
  if (classificationRank(d.classification) <= highest) return [];
  return [
    err(
      'classification',
      `The cable is ${classificationWords(d.classification)} but no paragraph is above ${LEVEL_WORDS[highest]}: ` +
        'overmarking hides what really needs protection. Lower the classification to the highest portion mark, or ' +
        'record why the whole is more sensitive than its parts in the classification reason (32 CFR 2001.21).',
    ),
  ];
}

export const overallDominatesPortions: DraftRule = {
  rule: 1,
  title: 'Overall classification = highest portion mark',
  eras: ALL_ERAS,
  source: '32 CFR 2001.21; 5 FAH-1 H-132',
  // An ADS cable under E.O. 11652 has no portion marks to compare (issue 16; portionMarked).
  check: (d) => (portionMarked(d) ? [...portionsAboveOverall(d), ...overallAbovePortions(d)] : []),
};

/**
 * Rule 2: valid level words for the era. The schema admits only the vocabulary (no "SECRET
 * SENSITIVE"); what remains is time. LIMITED OFFICIAL USE ended on 1 October 1995 and SENSITIVE BUT
 * UNCLASSIFIED replaced it (DOMAIN.md §1.3, STATE 018029): no LOU in CABLEGATE/MODERN, no SBU
 * (line or portion mark) in FRUS_1960S/ADS. An SBU cable goes as UNCLASSIFIED with the caption
 * SENSITIVE (warning when the caption is missing). UNCLAS EFTO is in 5 FAH-2 H-222 and DOMAIN.md
 * gives no start date for it, so it is accepted in every era.
 */
function levelWordsOfEra(d: Draft): RuleFinding[] {
  const { err, warn } = reporter(2);
  const modern = MODERN_ERAS.includes(d.profile);
  if (d.classification === 'LOU' && modern) {
    return [
      err(
        'classification',
        `LIMITED OFFICIAL USE ended on 1 October 1995, before ${eraWords(d.profile)}: mark it SBU (sent as ` +
          'UNCLASSIFIED with the caption SENSITIVE) or classify it (DOMAIN.md §1.3; STATE 018029).',
      ),
    ];
  }
  if (d.classification === 'SBU' && !modern) {
    return [
      err(
        'classification',
        `SENSITIVE BUT UNCLASSIFIED replaced LIMITED OFFICIAL USE only in 1995: ${eraWords(d.profile)} uses ` +
          'LIMITED OFFICIAL USE for unclassified information that needs protection (DOMAIN.md §1.3; STATE 018029).',
      ),
    ];
  }
  if (d.classification === 'SBU' && !d.captions.includes('SENSITIVE')) {
    return [
      warn(
        'captions',
        'An SBU cable is transmitted as UNCLASSIFIED with the caption SENSITIVE: add the caption so that receiving ' +
          'posts handle it as SBU (STATE 018029, 2000; DOMAIN.md §1.3).',
      ),
    ];
  }
  return [];
}

function portionWordsOfEra(d: Draft): RuleFinding[] {
  const { err } = reporter(2);
  if (MODERN_ERAS.includes(d.profile)) return [];
  return d.paragraphs.flatMap((p, i) =>
    p.portion === 'SBU' || p.portion === 'SBU-N'
      ? [
          err(
            `paragraphs[${i}].portion`,
            `${paragraphName(i)} is marked (${p.portion}), the SBU mark that came with SBU in 1995: in ` +
              `${eraWords(d.profile)} mark an unclassified paragraph (U) (5 FAH-1 H-246.2; DOMAIN.md §1.3).`,
          ),
        ]
      : [],
  );
}

export const validLevelWords: DraftRule = {
  rule: 2,
  title: 'Valid classification words for the era',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-222; 32 CFR 2001.23(a); STATE 018029',
  check: (d) => [...levelWordsOfEra(d), ...portionWordsOfEra(d)],
};
