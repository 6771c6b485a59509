import { assertNever } from './assertNever';

/**
 * Precedences (DOMAIN.md §1.2). PRIORITY is legacy/ACP only (rule 6); NIACT is a per-addressee
 * flag on top of IMMEDIATE (5 FAH-2 H-421.2), not a precedence of its own.
 */
export const PRECEDENCES = ['FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE'] as const;
export type Precedence = (typeof PRECEDENCES)[number];

export function precedenceRank(p: Precedence): 0 | 1 | 2 | 3 {
  switch (p) {
    case 'ROUTINE':
      return 0;
    case 'PRIORITY':
      return 1;
    case 'IMMEDIATE':
      return 2;
    case 'FLASH':
      return 3;
    default:
      return assertNever(p, 'precedence');
  }
}

/** "NIACT IMMEDIATE", "FLASH", … as written after a post name (5 FAH-2 H-421.2(a)). */
export function precedenceWords(p: Precedence, niact: boolean): string {
  return niact ? `NIACT ${p}` : p;
}

/** Rule 9: transmission precedence is the highest addressee precedence. */
export function highestPrecedence(ps: ReadonlyArray<Precedence>): Precedence {
  let best: Precedence = 'ROUTINE';
  for (const p of ps) if (precedenceRank(p) > precedenceRank(best)) best = p;
  return best;
}

/** FLASH and NIACT demand an alert and an acknowledgement (rule 8). */
export function isHighPrecedence(p: Precedence, niact: boolean): boolean {
  return p === 'FLASH' || niact;
}
