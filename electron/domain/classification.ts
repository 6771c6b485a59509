import { assertNever } from './assertNever';

/**
 * Classification line values (DOMAIN.md §1.3; rule 2). LOU, SBU and UNCLAS EFTO are
 * administrative controls, never classification levels: they rank with UNCLASSIFIED for
 * read-up purposes (rule 2: "SBU/LOU never count as classified").
 */
export const CLASSIFICATIONS = [
  'UNCLASSIFIED',
  'UNCLAS_EFTO',
  'SBU',
  'LOU',
  'CONFIDENTIAL',
  'SECRET',
  'TOP_SECRET',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Levels a person can be cleared to (32 CFR 2001.23(a): only three classified levels exist). */
export const CLEARANCE_LEVELS = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'] as const;
export type ClearanceLevel = (typeof CLEARANCE_LEVELS)[number];

/** Numeric rank used for dominance (DOMAIN.md §4.1, Bell–LaPadula "no read up", rule 18). */
export function classificationRank(c: Classification | ClearanceLevel): 0 | 1 | 2 | 3 {
  switch (c) {
    case 'UNCLASSIFIED':
    case 'UNCLAS_EFTO':
    case 'SBU':
    case 'LOU':
      return 0;
    case 'CONFIDENTIAL':
      return 1;
    case 'SECRET':
      return 2;
    case 'TOP_SECRET':
      return 3;
    default:
      return assertNever(c, 'classification');
  }
}

/** True for the administrative controls that are not classification levels (rule 2). */
export function isAdministrativeControl(c: Classification): boolean {
  return c === 'UNCLAS_EFTO' || c === 'SBU' || c === 'LOU';
}

/** The words of the classification line as printed on a cable (5 FAH-2 H-222; §1.3). */
export function classificationWords(c: Classification): string {
  switch (c) {
    case 'UNCLASSIFIED':
      return 'UNCLASSIFIED';
    case 'UNCLAS_EFTO':
      return 'UNCLAS E F T O';
    case 'SBU':
      return 'SENSITIVE BUT UNCLASSIFIED';
    case 'LOU':
      return 'LIMITED OFFICIAL USE';
    case 'CONFIDENTIAL':
      return 'CONFIDENTIAL';
    case 'SECRET':
      return 'SECRET';
    case 'TOP_SECRET':
      return 'TOP SECRET';
    default:
      return assertNever(c, 'classification');
  }
}

/**
 * Banner colours (DOMAIN.md §4, rule 25: GPO label contract Pantone values). The
 * administrative controls get a neutral, clearly different treatment so that they are never
 * mistaken for a classification level (rule 2).
 */
export type BannerColours = Readonly<{ background: string; foreground: string }>;

export function bannerColours(c: Classification): BannerColours {
  switch (c) {
    case 'UNCLASSIFIED':
      return { background: '#007A33', foreground: '#FFFFFF' };
    case 'UNCLAS_EFTO':
    case 'SBU':
    case 'LOU':
      // Administrative control: white band with a green frame and dark text.
      return { background: '#FFFFFF', foreground: '#1B1B1B' };
    case 'CONFIDENTIAL':
      return { background: '#0033A0', foreground: '#FFFFFF' };
    case 'SECRET':
      return { background: '#C8102E', foreground: '#FFFFFF' };
    case 'TOP_SECRET':
      return { background: '#FF671F', foreground: '#000000' };
    default:
      return assertNever(c, 'classification');
  }
}

/** Portion marks (5 FAH-1 H-246.2; DOMAIN.md §1.4, §4). */
export const PORTION_MARKS = ['U', 'SBU', 'SBU-N', 'C', 'S', 'TS'] as const;
export type PortionMark = (typeof PORTION_MARKS)[number];

export function portionRank(p: PortionMark): 0 | 1 | 2 | 3 {
  switch (p) {
    case 'U':
    case 'SBU':
    case 'SBU-N':
      return 0;
    case 'C':
      return 1;
    case 'S':
      return 2;
    case 'TS':
      return 3;
    default:
      return assertNever(p, 'portion mark');
  }
}
