import { assertNever } from '../../../electron/domain/assertNever';

/**
 * How a delivery reached its post, read from the distribution's `via` words (DOMAIN.md §1.8):
 * "direct", "collective ALL NATO CAPITALS", "pass USMISSION USNATO" (rule 17) or
 * "repeat SECSTATE WASHDC 280412Z OCT 62" (rule 16). Pure.
 */
export const ROUTE_KINDS = ['direct', 'collective', 'pass', 'repeat', 'pending', 'outside', 'other'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export type Route = Readonly<{
  kind: RouteKind;
  /** The full words, as main wrote them. */
  via: string;
  /** The words for an edge, without the station the edge already starts from. */
  label: string;
}>;

/** A pass instruction not yet carried out (rule 17): drawn, but nothing was delivered. */
export const PENDING_PASS_VIA = 'pass (pending)';

/** The link from the originator to a post whose own delivery is outside the viewer's part. */
export const OUTSIDE_VIA = 'outside your part';

export function routeOf(via: string, from: string): Route {
  if (via === 'direct') return { kind: 'direct', via, label: 'direct' };
  if (via === PENDING_PASS_VIA) return { kind: 'pending', via, label: 'pass · pending' };
  if (via === OUTSIDE_VIA) return { kind: 'outside', via, label: 'not shown' };
  if (via.startsWith('collective ')) return { kind: 'collective', via, label: via };
  if (via.startsWith('pass ')) return { kind: 'pass', via, label: 'pass' };
  if (via.startsWith('repeat ')) {
    const rest = via.slice('repeat '.length);
    // "repeat SECSTATE WASHDC 280412Z OCT 62" from SECSTATE WASHDC: the edge says "repeat 280412Z OCT 62".
    const when = rest.startsWith(`${from} `) ? rest.slice(from.length + 1) : rest;
    return { kind: 'repeat', via, label: `repeat ${when}` };
  }
  return { kind: 'other', via, label: via };
}

/** Graph and table order: the original transmission first, then what the posts did with it. */
export function routeRank(kind: RouteKind): number {
  return ROUTE_KINDS.indexOf(kind);
}

/** The route's name as a word for headings and the table ("Pass", "Repeat"). */
export function routeWord(kind: RouteKind): string {
  switch (kind) {
    case 'direct':
      return 'Direct';
    case 'collective':
      return 'Collective';
    case 'pass':
      return 'Pass';
    case 'repeat':
      return 'Repeat';
    case 'pending':
      return 'Pending pass';
    case 'outside':
      return 'Outside your part';
    case 'other':
      return 'Other';
    default:
      return assertNever(kind, 'route kind');
  }
}
