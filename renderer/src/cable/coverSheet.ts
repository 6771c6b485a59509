import { assertNever } from '../../../electron/domain/assertNever';
import type { Classification } from '../../../electron/domain/classification';

/**
 * The cover sheet a printed classified cable carries (DOMAIN.md §4 and rule 25; 32 CFR 2001.80;
 * 5 FAH-1 H-132): SF 703 Top Secret (orange), SF 704 Secret (red), SF 705 Confidential (blue).
 * Unclassified traffic and the administrative controls (LOU, SBU, EFTO) get none. The colours
 * are the banner colours (`bannerColours`), which use the same Pantone values.
 */
export type CoverSheet = Readonly<{
  form: 'SF 703' | 'SF 704' | 'SF 705';
  /** "Standard Form 704" as printed at the foot of the form. */
  formName: string;
  level: 'TOP SECRET' | 'SECRET' | 'CONFIDENTIAL';
  /** Top Secret also needs the DS-1902 access control sheet (5 FAH-1 H-132). */
  accessControlSheet: boolean;
}>;

export function coverSheetFor(c: Classification): CoverSheet | null {
  switch (c) {
    case 'TOP_SECRET':
      return { form: 'SF 703', formName: 'Standard Form 703', level: 'TOP SECRET', accessControlSheet: true };
    case 'SECRET':
      return { form: 'SF 704', formName: 'Standard Form 704', level: 'SECRET', accessControlSheet: false };
    case 'CONFIDENTIAL':
      return { form: 'SF 705', formName: 'Standard Form 705', level: 'CONFIDENTIAL', accessControlSheet: false };
    case 'UNCLASSIFIED':
    case 'UNCLAS_EFTO':
    case 'SBU':
    case 'LOU':
      return null;
    default:
      return assertNever(c, 'classification');
  }
}
