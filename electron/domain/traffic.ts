import type { Classification } from './classification';

/**
 * The traffic of a FRUS volume (issue 12 item 5): posts as nodes, telegrams as weighted edges
 * from the originator to each action and info addressee (and from a post that passed a
 * telegram on to the post it passed it to), over time. Main builds `VolumeTraffic` only from the
 * cables the actor may read (core/services/traffic.ts); the renderer narrows it by date range,
 * classification and caption with `trafficEdges`, the same function main uses for the whole.
 */

export type TrafficRole = 'ACTION' | 'INFO' | 'PASS';

/** One route of one telegram: the post it went to, and how. */
export type TrafficRoute = Readonly<{ from: string; to: string; role: TrafficRole }>;

export type TrafficCable = Readonly<{
  cableId: number;
  ref: string;
  dtg: string;
  /** ISO time it was sent (the date-range slider's axis). */
  sentAt: string;
  /** The FRUS document number. */
  doc: number;
  from: string;
  classification: Classification;
  banner: string;
  /** Caption words as shown ("EYES ONLY", "NODIS"); empty when it has none. */
  captions: ReadonlyArray<string>;
  subject: string;
  routes: ReadonlyArray<TrafficRoute>;
}>;

export type TrafficPost = Readonly<{ plad: string; name: string; collective: boolean }>;

export type TrafficEdge = Readonly<{
  /** "FROM→TO": stable across filters, for keys and selection. */
  id: string;
  from: string;
  to: string;
  /** How many telegrams went this way (the edge's weight). */
  weight: number;
  /** The roles seen on this edge, in ACTION, INFO, PASS order. */
  roles: ReadonlyArray<TrafficRole>;
  /** The telegrams, oldest first. */
  cableIds: ReadonlyArray<number>;
}>;

/** Where a post is drawn: its box, centred on (x, y). */
export type TrafficNodePlace = Readonly<{ plad: string; x: number; y: number; width: number; height: number }>;

/**
 * The picture's layout: every post of the volume placed once (a layered graph of the whole
 * volume's edges), so posts stay where they are while the filters change which edges are drawn.
 */
export type TrafficLayout = Readonly<{ width: number; height: number; nodes: ReadonlyArray<TrafficNodePlace> }>;

export type VolumeTraffic = Readonly<{
  volume: string;
  posts: ReadonlyArray<TrafficPost>;
  /** Oldest first. */
  cables: ReadonlyArray<TrafficCable>;
  edges: ReadonlyArray<TrafficEdge>;
  layout: TrafficLayout;
}>;

/** Node box size for a post's label (monospace estimate, as the distribution graph measures). */
export const TRAFFIC_NODE = { heightPx: 44, minWidthPx: 120, charPx: 7.4, paddingPx: 24 } as const;

export function trafficNodeWidth(plad: string): number {
  return Math.max(
    TRAFFIC_NODE.minWidthPx,
    Math.ceil(Array.from(plad).length * TRAFFIC_NODE.charPx) + TRAFFIC_NODE.paddingPx,
  );
}

/** A volume the actor may read telegrams of, with how many. */
export type TrafficVolume = Readonly<{ volume: string; telegrams: number; first: string; last: string }>;

export type TrafficFilter = Readonly<{
  /** Inclusive ISO bounds of `sentAt`; null for open. */
  from: string | null;
  to: string | null;
  /** Classifications kept; null keeps every one. */
  classifications: ReadonlySet<Classification> | null;
  /** Caption words kept ("none" for telegrams without a caption); null keeps every one. */
  captions: ReadonlySet<string> | null;
}>;

export const NO_CAPTION = 'none';

export const EVERYTHING: TrafficFilter = { from: null, to: null, classifications: null, captions: null };

export function keeps(filter: TrafficFilter, c: TrafficCable): boolean {
  if (filter.from !== null && c.sentAt < filter.from) return false;
  if (filter.to !== null && c.sentAt > filter.to) return false;
  if (filter.classifications !== null && !filter.classifications.has(c.classification)) return false;
  if (filter.captions !== null) {
    const words = c.captions.length === 0 ? [NO_CAPTION] : c.captions;
    if (!words.some((w) => filter.captions!.has(w))) return false;
  }
  return true;
}

const ROLE_ORDER: ReadonlyArray<TrafficRole> = ['ACTION', 'INFO', 'PASS'];

/**
 * The weighted edges of the telegrams the filter keeps: one edge per (from, to) pair, weighed by
 * the number of distinct telegrams on it; heaviest first, then by name.
 */
export function trafficEdges(cables: ReadonlyArray<TrafficCable>, filter: TrafficFilter = EVERYTHING): TrafficEdge[] {
  const byPair = new Map<string, { from: string; to: string; roles: Set<TrafficRole>; cableIds: number[] }>();
  const ordered = [...cables].sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.cableId - b.cableId);
  for (const c of ordered) {
    if (!keeps(filter, c)) continue;
    for (const r of c.routes) {
      if (r.from === r.to) continue;
      const id = `${r.from}→${r.to}`;
      let e = byPair.get(id);
      if (!e) {
        e = { from: r.from, to: r.to, roles: new Set(), cableIds: [] };
        byPair.set(id, e);
      }
      e.roles.add(r.role);
      if (e.cableIds.at(-1) !== c.cableId) e.cableIds.push(c.cableId);
    }
  }
  return [...byPair.entries()]
    .map(([id, e]) => ({
      id,
      from: e.from,
      to: e.to,
      weight: e.cableIds.length,
      roles: ROLE_ORDER.filter((r) => e.roles.has(r)),
      cableIds: e.cableIds,
    }))
    .sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id));
}

/** The posts the edges touch, in the order of the volume's post list. */
export function postsOf(posts: ReadonlyArray<TrafficPost>, edges: ReadonlyArray<TrafficEdge>): TrafficPost[] {
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  return posts.filter((p) => used.has(p.plad));
}
