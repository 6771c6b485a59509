import type { TrafficEdge, TrafficLayout, TrafficNodePlace } from '../../../electron/domain/traffic';

/**
 * The traffic graph's edges drawn between the posts main placed (pure; no DOM, no React): a
 * curve from the border of one post's box to the border of the other's, bent to one side so
 * that the two directions between a pair of posts (Washington→Moscow, Moscow→Washington) are
 * two curves, not one line; the stroke grows with the number of telegrams.
 */
export type DrawnEdge = Readonly<{
  edge: TrafficEdge;
  path: string;
  /** Arrow head: tip and the two back corners. */
  arrow: string;
  label: Readonly<{ x: number; y: number }>;
  strokePx: number;
}>;

const BEND = 0.18;
const ARROW_PX = 10;

/** 1.5 px for one telegram, thicker by the logarithm of the count, at most 9 px. */
export function strokeFor(weight: number): number {
  return Math.min(9, 1.5 + 2 * Math.log2(Math.max(1, weight)));
}

/** Where the ray from the box's centre towards (tx, ty) leaves the box. */
function border(n: TrafficNodePlace, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - n.x;
  const dy = ty - n.y;
  if (dx === 0 && dy === 0) return { x: n.x, y: n.y };
  const sx = dx === 0 ? Infinity : n.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : n.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: n.x + dx * s, y: n.y + dy * s };
}

const round = (v: number) => Math.round(v * 10) / 10;

export function drawEdges(layout: TrafficLayout, edges: ReadonlyArray<TrafficEdge>): DrawnEdge[] {
  const at = new Map(layout.nodes.map((n) => [n.plad, n] as const));
  const out: DrawnEdge[] = [];
  for (const edge of edges) {
    const a = at.get(edge.from);
    const b = at.get(edge.to);
    if (!a || !b) continue;
    // The control point sits to the left of the direction of travel: the reverse edge bends the other way.
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const cx = mx - dy * BEND;
    const cy = my + dx * BEND;
    const start = border(a, cx, cy);
    const end = border(b, cx, cy);
    // The arrow head ends on the border, pointing along the curve's last tangent.
    const tx = end.x - cx;
    const ty = end.y - cy;
    const length = Math.hypot(tx, ty) || 1;
    const ux = tx / length;
    const uy = ty / length;
    const strokePx = strokeFor(edge.weight);
    const head = ARROW_PX + strokePx;
    const baseX = end.x - ux * head;
    const baseY = end.y - uy * head;
    const half = head / 2;
    out.push({
      edge,
      path: `M ${round(start.x)} ${round(start.y)} Q ${round(cx)} ${round(cy)} ${round(baseX)} ${round(baseY)}`,
      arrow: [
        `${round(end.x)},${round(end.y)}`,
        `${round(baseX - uy * half)},${round(baseY + ux * half)}`,
        `${round(baseX + uy * half)},${round(baseY - ux * half)}`,
      ].join(' '),
      // The curve's midpoint (t = 0.5 of the quadratic).
      label: { x: round((start.x + 2 * cx + baseX) / 4), y: round((start.y + 2 * cy + baseY) / 4) },
      strokePx,
    });
  }
  return out;
}

/** "SECSTATE WASHDC → AMEMBASSY MOSCOW: 6 telegrams (action, info)". */
export function edgeWords(edge: TrafficEdge): string {
  const roles = edge.roles.map((r) => r.toLowerCase()).join(', ');
  return `${edge.from} → ${edge.to}: ${edge.weight} ${edge.weight === 1 ? 'telegram' : 'telegrams'} (${roles})`;
}

/** "frus1961-63v05" → "frus1961-63v05-traffic.svg". */
export function trafficFilename(volume: string, extension: 'svg' | 'png'): string {
  const stem = volume.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'volume';
  return `${stem}-traffic.${extension}`;
}
