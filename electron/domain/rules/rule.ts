import { ERA_PROFILES, type EraProfile } from '../cable';
import { assertNever } from '../assertNever';
import { classificationRank, type Classification } from '../classification';
import type { Draft, RuleContext, RuleFinding } from '../draft';

/**
 * One drafting rule of DOMAIN.md §8(b): its number, the era profiles it applies to, the source it
 * teaches, and a pure check. A finding's `field` is a path into the draft ("paragraphs[2].portion")
 * so that the composer can show the message beside the control; its message says what is wrong,
 * why, and where the rule comes from.
 */
export type DraftRule = Readonly<{
  rule: number;
  title: string;
  eras: ReadonlyArray<EraProfile>;
  /** The main source of the rule, e.g. "5 FAH-2 H-421.2". */
  source: string;
  check(d: Draft, ctx: RuleContext): RuleFinding[];
}>;

export const ALL_ERAS: ReadonlyArray<EraProfile> = ERA_PROFILES;

/** Profiles of the automated systems, from ADS (1973) on: TAGS, E.O. or authority lines. */
export const TAGS_ERAS: ReadonlyArray<EraProfile> = ['ADS_1973_79', 'CABLEGATE_2000S', 'MODERN'];

/**
 * CABLEGATE_2000S and MODERN: after LOU ended (1 Oct 1995), with SBU, the classification
 * authority block and the 2004 correspondence handbook (5 FAH-1).
 */
export const MODERN_ERAS: ReadonlyArray<EraProfile> = ['CABLEGATE_2000S', 'MODERN'];

/** `err(field, message)` and `warn(field, message)` for one rule number. */
export function reporter(rule: number) {
  return {
    err: (field: string, message: string): RuleFinding => ({ rule, severity: 'error', field, message }),
    warn: (field: string, message: string): RuleFinding => ({ rule, severity: 'warning', field, message }),
  };
}

/** CONFIDENTIAL and above: SBU, LOU and UNCLAS EFTO never count as classified (rule 2). */
export const isClassified = (c: Classification): boolean => classificationRank(c) > 0;

/** SBU and LOU: unclassified but administratively controlled (DOMAIN.md §1.3). */
export const isControlled = (c: Classification): boolean => c === 'SBU' || c === 'LOU';

/** "Paragraph 2": how messages name the paragraph at index i, as the composer numbers it. */
export const paragraphName = (i: number): string => `Paragraph ${i + 1}`;

/** "A, B and C". */
export function listWords(items: ReadonlyArray<string>): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A station the cable reaches, and the addressee entry (index) it comes from. */
export type Reached = Readonly<{ plad: string; index: number; viaCollective: string | null }>;

/**
 * Every station the cable is addressed to (ACTION and INFO), with collectives expanded from the
 * context and exempted members removed (rules 11, 17, 20, 27).
 */
export function reachedStations(d: Draft, ctx: RuleContext): Reached[] {
  const exempt = new Set(d.addressees.flatMap((a) => (a.role === 'EXEMPT' && a.plad ? [a.plad] : [])));
  return d.addressees.flatMap((a, index): Reached[] => {
    if (a.role === 'EXEMPT') return [];
    if (a.plad) return [{ plad: a.plad, index, viaCollective: null }];
    const members = ctx.collectives.get(a.collective ?? '') ?? [];
    return members.filter((p) => !exempt.has(p)).map((plad) => ({ plad, index, viaCollective: a.collective! }));
  });
}

/** "a 1962 telegram", "an ADS cable (1973–79)": how messages name the era of the draft. */
export function eraWords(p: EraProfile): string {
  switch (p) {
    case 'FRUS_1960S':
      return 'a 1960s telegram';
    case 'ADS_1973_79':
      return 'an ADS cable (1973–79)';
    case 'CABLEGATE_2000S':
      return 'a 2000s cable';
    case 'MODERN':
      return 'a current (SMART) cable';
    default:
      return assertNever(p, 'era profile');
  }
}

/** "ADS 1973–79": the short name of an era profile, as findings and docs/RULES.md show it. */
export function eraShortWords(p: EraProfile): string {
  switch (p) {
    case 'FRUS_1960S':
      return '1960s';
    case 'ADS_1973_79':
      return 'ADS 1973–79';
    case 'CABLEGATE_2000S':
      return '2000s';
    case 'MODERN':
      return 'current';
    default:
      return assertNever(p, 'era profile');
  }
}

/** "all eras", or the eras a rule holds in: "2000s, current". */
export function eraScopeWords(eras: ReadonlyArray<EraProfile>): string {
  return eras.length === ERA_PROFILES.length ? 'all eras' : eras.map(eraShortWords).join(', ');
}
