import type { Caption } from './captions';

/**
 * In-post distribution (issue: routing; DOMAIN.md §1.7, §1.9 "internal distribution"): who inside
 * a receiving post gets a copy — the routing slip. The access decision (access.ts) still decides
 * who may open it; this decides who it is delivered to.
 */
export type PostDistributionInput = Readonly<{
  captions: ReadonlyArray<Caption>;
  role: 'ACTION' | 'INFO';
  /** Persons named for this post: Eyes Only / FOR lines, resolved to names. */
  named: ReadonlyArray<string>;
  /** The principal's name, when the post has one. */
  principal: string | null;
  /** Those the principal designated for EXDIS. */
  exdisDesignees: ReadonlyArray<string>;
  /** The post's office codes, e.g. FRONT, POL, COMMS. */
  offices: ReadonlyArray<string>;
  /** The office that acts on the cable, when one is assigned. */
  actionOffice: string | null;
  /** The post's front office (principal's office), e.g. FRONT. */
  frontOffice: string | null;
}>;

export type RoutingSlip = Readonly<{ offices: ReadonlyArray<string>; persons: ReadonlyArray<string>; rule: string }>;

const unique = (xs: ReadonlyArray<string | null>): string[] => [...new Set(xs.filter((x): x is string => x !== null))];

export function inPostDistribution(p: PostDistributionInput): RoutingSlip {
  if (p.captions.includes('EYES_ONLY')) {
    return { offices: [], persons: unique(p.named), rule: 'EYES ONLY: the named persons (rule 14)' };
  }
  if (p.captions.includes('NODIS')) {
    return {
      offices: [],
      persons: unique([p.principal, ...p.named]),
      rule: 'NODIS: the principal and persons indicated (rule 15)',
    };
  }
  if (p.captions.includes('EXDIS')) {
    return {
      offices: [],
      persons: unique([p.principal, ...p.exdisDesignees, ...p.named]),
      rule: 'EXDIS: the principal and designees (§1.7)',
    };
  }
  if (p.captions.includes('LIMDIS')) {
    return {
      offices: unique([p.actionOffice ?? p.frontOffice]),
      persons: unique([p.principal, ...p.named]),
      rule: 'LIMDIS: the action office and the principal (§1.7)',
    };
  }
  if (p.role === 'ACTION') {
    return {
      offices: unique([p.actionOffice ?? p.frontOffice, p.frontOffice]),
      persons: unique(p.named),
      rule: 'Action: the action office, copy to the front office',
    };
  }
  return { offices: [...p.offices], persons: unique(p.named), rule: 'Information: every office of the post' };
}
