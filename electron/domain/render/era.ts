import { assertNever } from '../assertNever';
import type { CableView, EraProfile } from '../cable';
import { classificationWords } from '../classification';
import { portionMarked } from '../draft';

/**
 * What a cable's era printed, and what Cableroom adds to it for training (issue 12 item 4). Pure:
 * the cable view, the print path and their tests read it.
 *
 * - FRUS_1960S: the 1961–63 form printed the classification alone ("SECRET"), no portion marks
 *   and no precedence on routine traffic (reference "State Department telegram form, 1961–63").
 * - ADS_1973_79: the printout's classification line, no portion marks under E.O. 11652 (portion
 *   marking came with E.O. 12065, December 1978), every precedence as an ACP-127 prosign.
 * - CABLEGATE_2000S, MODERN: portion marks, the banner syntax of today (DOMAIN.md §4).
 *
 * The coloured banner at top and bottom of the screen and of each printed page is Cableroom's
 * (rule 25) in every era; before the modern banner syntax it is a training marking, and so is the
 * SF 703/704/705 cover sheet, a standard form of the 1980s and later (32 CFR 2001.80), and the
 * portion marks Cableroom records for the access decision on a cable whose era had none.
 */
export type EraPresentation = Readonly<{
  /** The classification line as the era printed it: "SECRET", or "SECRET//NOFORN" today. */
  classificationLine: string;
  /** Portion marks are shown (the era printed them). */
  portionMarks: boolean;
  /** The precedence is shown: not on a 1960s routine telegram, where the form had no line for it. */
  precedenceShown: boolean;
  /** The SF 703/704/705 cover sheet belongs to the era; otherwise it prints labelled as a training addition. */
  coverSheetOfEra: boolean;
  /** What Cableroom shows on screen that the era's telegram did not carry, one sentence each. */
  trainingAdditions: ReadonlyArray<string>;
  /** The era's words for the print cover's label, e.g. "1962 telegram". */
  eraWords: string;
}>;

/**
 * The SF 703/704/705 cover sheets are standard forms of the 1980s and later (32 CFR 2001.80): of
 * the era on a 2000s or modern cable, a training addition on an older one.
 */
export function coverSheetOfEra(profile: EraProfile): boolean {
  return profile === 'CABLEGATE_2000S' || profile === 'MODERN';
}

/** "1961–63 telegram", "1973–79 ADS telegram"…: the era's words for a label. */
export function eraWords(profile: EraProfile): string {
  switch (profile) {
    case 'FRUS_1960S':
      return '1961–63 telegram';
    case 'ADS_1973_79':
      return '1973–79 ADS telegram';
    case 'CABLEGATE_2000S':
      return '2000s telegram';
    case 'MODERN':
      return 'SMART-era cable';
    default:
      return assertNever(profile, 'era profile');
  }
}

type EraCable = Pick<
  CableView,
  'profile' | 'legacyEo' | 'classification' | 'banner' | 'precedence' | 'niact' | 'paragraphs' | 'dissem'
>;

export function eraPresentation(c: EraCable): EraPresentation {
  const marksRecorded = c.paragraphs.length > 0;
  switch (c.profile) {
    case 'FRUS_1960S': {
      const additions = [
        `The ${c.banner} banner at the top and foot of the screen and of each printed page is added by Cableroom for training (rule 25); the 1961–63 form printed the classification alone, uncoloured.`,
      ];
      if (marksRecorded) {
        additions.push(
          'Cableroom records a portion mark for each paragraph for training; 1962 telegrams had none, so none is shown.',
        );
      }
      return {
        classificationLine: classificationWords(c.classification),
        portionMarks: false,
        precedenceShown: c.precedence !== 'ROUTINE' || c.niact,
        coverSheetOfEra: coverSheetOfEra(c.profile),
        trainingAdditions: additions,
        eraWords: eraWords(c.profile),
      };
    }
    case 'ADS_1973_79': {
      const marked = portionMarked(c);
      const additions = [
        `The ${c.banner} banner at the top and foot of the screen and of each printed page is added by Cableroom for training (rule 25); the ADS printout carries its classification as text.`,
      ];
      if (!marked && marksRecorded) {
        additions.push(
          'Cableroom records a portion mark for each paragraph for training; an E.O. 11652 telegram had none, so none is shown.',
        );
      }
      return {
        classificationLine: classificationWords(c.classification),
        portionMarks: marked,
        precedenceShown: true,
        coverSheetOfEra: coverSheetOfEra(c.profile),
        trainingAdditions: additions,
        eraWords: eraWords(c.profile),
      };
    }
    case 'CABLEGATE_2000S':
    case 'MODERN':
      return {
        classificationLine: c.banner,
        portionMarks: true,
        precedenceShown: true,
        coverSheetOfEra: coverSheetOfEra(c.profile),
        trainingAdditions: [],
        eraWords: eraWords(c.profile),
      };
    default:
      return assertNever(c.profile, 'era profile');
  }
}
