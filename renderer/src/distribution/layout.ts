import type { Distribution, DistributionEntry } from '../../../electron/domain/cable';
import { displayText } from '../../../electron/domain/displayText';
import { formatDtg } from '../../../electron/domain/dtg';
import { isHighPrecedence, precedenceRank, precedenceWords } from '../../../electron/domain/precedence';
import { OUTSIDE_VIA, PENDING_PASS_VIA, routeOf, routeRank, type RouteKind } from './route';

/**
 * The distribution graph's layout (DOMAIN.md §1.8, rules 16, 17): a layered tree read left to
 * right. The originator is alone in layer 0; each delivery hangs from the station it came from
 * (`DistributionEntry.from`: the originator, the passing post or the repeating post), one layer
 * further right. Deliveries that share a parent and a route (`via`) form a group: one framed box
 * with one edge into it labelled by the route, its stations wrapped into columns, so fifty
 * recipients are a block of cards rather than fifty crossing lines. Pure: no DOM, no React.
 *
 * Nothing can overlap by construction: cards sit on a grid inside their group, groups are
 * stacked top to bottom inside their layer with a gap, layers are placed left to right with a
 * gap wide enough for the widest edge label entering the next layer, and every text is cut to
 * the width it is drawn in. Text is set in a monospace face, so a text's width is its length
 * times CHAR_EM times the font size, the same here as on screen.
 */

export const GEOMETRY = {
  marginPx: 24,
  nodeWidthPx: 200,
  nodeHeightPx: 116,
  nodePaddingPx: 10,
  nodeGapXPx: 12,
  nodeGapYPx: 10,
  groupPaddingPx: 10,
  groupHeaderPx: 24,
  groupGapPx: 26,
  layerGapMinPx: 72,
  /** Room for the vertical trunk lines of the edges entering one layer (one lane per edge). */
  trunkLanePx: 8,
  /** Edges leaving one card start this far apart on its right side. */
  portGapPx: 6,
  trunkLeadPx: 16,
  arrowPx: 12,
  labelHeightPx: 18,
  labelPaddingPx: 5,
  /**
   * A group wraps into another column after this many rows, up to maxColumns. Fewer columns are
   * used when that keeps the picture within preferredWidthPx (a 1280-px window at 90 %) and no
   * group taller than maxRowsWhenNarrowed rows.
   */
  rowsBeforeWrap: 6,
  maxColumns: 4,
  preferredWidthPx: 1360,
  maxRowsWhenNarrowed: 8,
} as const;

/** Font sizes the view draws with; the layout fits every text to them. */
export const FONT_PX = { title: 13, detail: 11, small: 10.5, header: 10.5, label: 11 } as const;

/** The advance of one character of the monospace face, in ems (DejaVu Sans Mono 0.602, Liberation Mono 0.600). */
export const CHAR_EM = 0.61;

export function textWidthPx(text: string, fontPx: number): number {
  return Array.from(text).length * fontPx * CHAR_EM;
}

/** Cuts `text` to what fits in `widthPx` at `fontPx`, ending with "…" when cut. */
export function fitText(text: string, widthPx: number, fontPx: number): string {
  const chars = Array.from(text);
  const room = Math.floor(widthPx / (fontPx * CHAR_EM));
  if (chars.length <= room) return text;
  return room <= 1 ? '…' : `${chars.slice(0, room - 1).join('')}…`;
}

export type NodeKind = 'originator' | 'delivery' | 'pending' | 'outside';

export type AckState = 'acknowledged' | 'awaiting' | 'not-needed' | 'none';

export type GraphNode = Readonly<{
  id: string;
  kind: NodeKind;
  /** PLAD of the station. */
  station: string;
  route: RouteKind | null;
  via: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Every text below is already shown-safe (displayText) and cut to fit. */
  title: string;
  plate: string;
  /** "ROUTINE", "NIACT IMMEDIATE", "FLASH"; null for the originator and context cards. */
  precedence: string | null;
  /** FLASH or NIACT (rule 8): drawn to stand out. */
  high: boolean;
  flash: boolean;
  role: 'ACTION' | 'INFO' | null;
  delivered: string;
  ack: string;
  ackState: AckState;
  opened: string;
  /** The whole card in words, for a tooltip and for assistive technology. */
  description: string;
}>;

export type GraphGroup = Readonly<{
  id: string;
  route: RouteKind;
  via: string;
  /** PLAD the group's deliveries came from. */
  from: string;
  /** The header cut to fit, and whole (for a tooltip). */
  header: string;
  title: string;
  x: number;
  y: number;
  width: number;
  height: number;
  columns: number;
  rows: number;
  nodeIds: ReadonlyArray<string>;
}>;

export type GraphEdge = Readonly<{
  id: string;
  fromNodeId: string;
  toGroupId: string;
  route: RouteKind;
  /** SVG path data: out of the parent's right side, along its trunk, into the group's header. */
  path: string;
  /** Arrow head at the group's left side. */
  tip: Readonly<{ x: number; y: number }>;
  label: string;
  labelBox: Readonly<{ x: number; y: number; width: number; height: number }>;
}>;

export type DistributionLayout = Readonly<{
  width: number;
  height: number;
  nodes: ReadonlyArray<GraphNode>;
  groups: ReadonlyArray<GraphGroup>;
  edges: ReadonlyArray<GraphEdge>;
}>;

export type LayoutOptions = Readonly<{
  /** Short names by PLAD (the directory's), for stations that are not themselves deliveries. */
  shortNames?: ReadonlyMap<string, string>;
}>;

type Member =
  | Readonly<{ kind: 'delivery'; entry: DistributionEntry }>
  | Readonly<{ kind: 'pending'; station: string }>
  | Readonly<{ kind: 'outside'; station: string }>;

type PendingGroup = {
  id: string;
  from: string;
  via: string;
  route: RouteKind;
  members: Member[];
};

const G = GEOMETRY;

/** The inner width of a card, where its text goes. */
const INNER_PX = G.nodeWidthPx - 2 * G.nodePaddingPx;

function groupSize(
  count: number,
  maxColumns: number,
): { columns: number; rows: number; width: number; height: number } {
  const columns = Math.min(maxColumns, Math.max(1, Math.ceil(count / G.rowsBeforeWrap)));
  const rows = Math.max(1, Math.ceil(count / columns));
  return {
    columns,
    rows,
    width: columns * G.nodeWidthPx + (columns - 1) * G.nodeGapXPx + 2 * G.groupPaddingPx,
    height: G.groupHeaderPx + rows * G.nodeHeightPx + (rows - 1) * G.nodeGapYPx + 2 * G.groupPaddingPx,
  };
}

function memberStation(m: Member): string {
  return m.kind === 'delivery' ? m.entry.station : m.station;
}

/** Inside a group: action before info, then by precedence, then by station. */
function compareMembers(a: Member, b: Member): number {
  if (a.kind === 'delivery' && b.kind === 'delivery') {
    if (a.entry.role !== b.entry.role) return a.entry.role === 'ACTION' ? -1 : 1;
    const byPrecedence = precedenceRank(b.entry.precedence) - precedenceRank(a.entry.precedence);
    if (byPrecedence !== 0) return byPrecedence;
  }
  return memberStation(a).localeCompare(memberStation(b));
}

function ackOf(e: DistributionEntry): { text: string; state: AckState } {
  if (e.ackAt !== null) return { text: `Ack ${formatDtg(new Date(e.ackAt))}`, state: 'acknowledged' };
  // Rule 8: FLASH and NIACT must be acknowledged by the action office.
  if (isHighPrecedence(e.precedence, e.niact)) return { text: 'Awaiting acknowledgement', state: 'awaiting' };
  return { text: 'No ack needed', state: 'not-needed' };
}

/** "Opened by finletter, hare" or "Not opened", as main's audit trail says. */
export function openedWords(openedBy: ReadonlyArray<string>): string {
  return openedBy.length === 0 ? 'Not opened' : `Opened by ${openedBy.join(', ')}`;
}

function shortName(station: string, options: LayoutOptions, fromEntries: ReadonlyMap<string, string>): string {
  return fromEntries.get(station) ?? options.shortNames?.get(station) ?? station;
}

function card(
  id: string,
  m: Member | null,
  originatorLines: Partial<Pick<GraphNode, 'ack' | 'opened'>>,
  station: string,
  name: string,
  group: PendingGroup | null,
  x: number,
  y: number,
): GraphNode {
  const shownStation = displayText(station);
  const shownName = displayText(name);
  const base = {
    id,
    station,
    route: group?.route ?? null,
    via: group?.via ?? null,
    x,
    y,
    width: G.nodeWidthPx,
    height: G.nodeHeightPx,
    title: fitText(shownName, INNER_PX, FONT_PX.title),
  };
  if (m === null) {
    return {
      ...base,
      kind: 'originator',
      plate: fitText(shownStation, INNER_PX, FONT_PX.small),
      precedence: null,
      high: false,
      flash: false,
      role: null,
      delivered: 'Originator',
      ack: '',
      ackState: 'none',
      opened: '',
      ...originatorLines,
      description: `${shownName} (${shownStation}), originator`,
    };
  }
  if (m.kind !== 'delivery') {
    const pending = m.kind === 'pending';
    return {
      ...base,
      kind: m.kind,
      plate: fitText(shownStation, INNER_PX, FONT_PX.small),
      precedence: null,
      high: false,
      flash: false,
      role: null,
      delivered: pending ? 'Pass not yet done' : 'Outside your part',
      ack: fitText(
        pending ? `By ${displayText(group?.from ?? '')}` : 'How it got here: not shown',
        INNER_PX,
        FONT_PX.detail,
      ),
      ackState: 'none',
      opened: '',
      description: pending
        ? `${shownName} (${shownStation}): pass by ${displayText(group?.from ?? '')} pending`
        : `${shownName} (${shownStation}): its own delivery is outside your part of the distribution`,
    };
  }
  const e = m.entry;
  const serial = e.serial === null ? '' : ` · ${displayText(e.serial)}`;
  const plateFull = `${shownStation}${serial}`;
  const plate =
    textWidthPx(plateFull, FONT_PX.small) <= INNER_PX ? plateFull : fitText(shownStation, INNER_PX, FONT_PX.small);
  const ack = ackOf(e);
  const precedence = precedenceWords(e.precedence, e.niact);
  const delivered = `Delivered ${formatDtg(new Date(e.deliveredAt))}`;
  const opened = openedWords(e.openedBy);
  return {
    ...base,
    kind: 'delivery',
    plate,
    precedence,
    high: isHighPrecedence(e.precedence, e.niact),
    flash: e.precedence === 'FLASH',
    role: e.role,
    delivered: fitText(delivered, INNER_PX, FONT_PX.detail),
    ack: fitText(ack.text, INNER_PX, FONT_PX.detail),
    ackState: ack.state,
    opened: fitText(displayText(opened), INNER_PX, FONT_PX.detail),
    description: [
      `${shownName} (${shownStation}${serial})`,
      `${e.role} ${precedence}`,
      `via ${displayText(e.via)} from ${displayText(e.from)}`,
      delivered,
      ack.text,
      displayText(opened),
    ].join('; '),
  };
}

/**
 * Lays out a distribution. Deterministic: the same distribution always gives the same picture.
 * Wide groups give up columns (within maxRowsWhenNarrowed) while the picture is wider than
 * preferredWidthPx; past that the view scrolls.
 */
export function layoutDistribution(d: Distribution, options: LayoutOptions = {}): DistributionLayout {
  let best = layoutWithColumns(d, options, G.maxColumns);
  for (let columns = G.maxColumns - 1; columns >= 1 && best.width > G.preferredWidthPx; columns--) {
    const narrower = layoutWithColumns(d, options, columns);
    if (Math.max(0, ...narrower.groups.map((g) => g.rows)) > G.maxRowsWhenNarrowed) break;
    best = narrower;
  }
  return best;
}

function layoutWithColumns(d: Distribution, options: LayoutOptions, maxColumns: number): DistributionLayout {
  const names = new Map<string, string>();
  for (const e of d.deliveries) if (!names.has(e.station)) names.set(e.station, e.name);

  // ---- Groups: one per (from, via), plus the pending passes (rule 17). ----
  const byKey = new Map<string, PendingGroup>();
  const groupFor = (from: string, via: string): PendingGroup => {
    const key = `${from}\u0000${via}`;
    let g = byKey.get(key);
    if (!g) {
      g = { id: `g${byKey.size}`, from, via, route: routeOf(via, from).kind, members: [] };
      byKey.set(key, g);
    }
    return g;
  };
  for (const entry of d.deliveries) groupFor(entry.from, entry.via).members.push({ kind: 'delivery', entry });
  for (const p of d.pendingPasses) groupFor(p.by, PENDING_PASS_VIA).members.push({ kind: 'pending', station: p.to });
  // A card with an edge of its own goes last, into its group's last column: its edge then leaves
  // the group's right side without running under another card.
  const parents = new Set([...byKey.values()].map((g) => g.from));
  const parentsLast = (a: Member, b: Member) =>
    Number(parents.has(memberStation(a))) - Number(parents.has(memberStation(b))) || compareMembers(a, b);
  for (const g of byKey.values()) g.members.sort(parentsLast);

  // ---- Layers: breadth first from the originator along `from`. ----
  const layerOf = new Map<PendingGroup, number>();
  /** Station → the layer of its first card (0 for the originator). */
  const stationLayer = new Map<string, number>([[d.originator, 0]]);
  const settle = (g: PendingGroup, layer: number) => {
    layerOf.set(g, layer);
    for (const m of g.members) {
      const s = memberStation(m);
      if (m.kind !== 'pending' && !stationLayer.has(s)) stationLayer.set(s, layer);
    }
  };
  const unplaced = () => [...byKey.values()].filter((g) => !layerOf.has(g));
  for (;;) {
    let progressed = false;
    for (const g of unplaced()) {
      const parentLayer = stationLayer.get(g.from);
      if (parentLayer === undefined) continue;
      settle(g, parentLayer + 1);
      progressed = true;
    }
    if (progressed) continue;
    const orphan = unplaced()[0];
    if (!orphan) break;
    // A viewer with only their own post's part (complete: false) sees deliveries from a post
    // whose own delivery is not shown: that post gets a card of its own under the originator.
    const outside = groupFor(d.originator, OUTSIDE_VIA);
    outside.members.push({ kind: 'outside', station: orphan.from });
    if (!layerOf.has(outside)) settle(outside, 1);
    else stationLayer.set(orphan.from, 1);
  }

  const layerCount = Math.max(0, ...layerOf.values()) + 1;
  const layers: PendingGroup[][] = Array.from({ length: layerCount }, () => []);
  for (const [g, l] of layerOf) layers[l]!.push(g);

  // ---- Horizontal: layer x positions, each gap wide enough for its edge labels. ----
  const sizes = new Map([...byKey.values()].map((g) => [g, groupSize(g.members.length, maxColumns)] as const));
  const edgeLabel = (g: PendingGroup) => displayText(routeOf(g.via, g.from).label);
  const labelWidth = (g: PendingGroup) => textWidthPx(edgeLabel(g), FONT_PX.label) + 2 * G.labelPaddingPx;
  const layerX: number[] = [G.marginPx];
  const gapStart: number[] = [];
  const lanesIn: number[] = [];
  for (let l = 1; l < layerCount; l++) {
    const previousWidth =
      l === 1 ? G.nodeWidthPx : Math.max(...layers[l - 1]!.map((g) => sizes.get(g)!.width), G.nodeWidthPx);
    const start = layerX[l - 1]! + previousWidth;
    const lanes = layers[l]!.length;
    const widest = Math.max(0, ...layers[l]!.map(labelWidth));
    const gap = Math.max(G.layerGapMinPx, G.trunkLeadPx + (lanes - 1) * G.trunkLanePx + 8 + widest + G.arrowPx + 4);
    gapStart[l] = start;
    lanesIn[l] = lanes;
    layerX[l] = start + gap;
  }

  // ---- Vertical: layer by layer, each group level with its parent card when there is room. ----
  const nodes: GraphNode[] = [];
  const nodeOfStation = new Map<string, GraphNode>();
  const placed: Array<{ source: PendingGroup; layer: number; group: GraphGroup }> = [];
  const top = G.marginPx;

  for (let l = 1; l < layerCount; l++) {
    const parentY = (g: PendingGroup) => {
      const p = l === 1 ? null : nodeOfStation.get(g.from);
      return p ? p.y + p.height / 2 : 0;
    };
    const ordered = [...layers[l]!].sort(
      (a, b) => parentY(a) - parentY(b) || routeRank(a.route) - routeRank(b.route) || a.via.localeCompare(b.via),
    );
    let cursor = top;
    for (const g of ordered) {
      const size = sizes.get(g)!;
      const wanted = l === 1 ? top : parentY(g) - G.groupHeaderPx / 2;
      const y = Math.max(cursor, wanted);
      const x = layerX[l]!;
      const ids: string[] = [];
      g.members.forEach((m, i) => {
        const column = Math.floor(i / size.rows);
        const row = i % size.rows;
        const station = memberStation(m);
        const node = card(
          `${g.id}-n${i}`,
          m,
          {},
          station,
          shortName(station, options, names),
          g,
          x + G.groupPaddingPx + column * (G.nodeWidthPx + G.nodeGapXPx),
          y + G.groupHeaderPx + G.groupPaddingPx + row * (G.nodeHeightPx + G.nodeGapYPx),
        );
        nodes.push(node);
        ids.push(node.id);
        if (m.kind !== 'pending' && !nodeOfStation.has(station)) nodeOfStation.set(station, node);
      });
      const count = g.members.length;
      const header = `${displayText(g.via)} · ${count} ${count === 1 ? 'post' : 'posts'}`;
      placed.push({
        source: g,
        layer: l,
        group: {
          id: g.id,
          route: g.route,
          via: g.via,
          from: g.from,
          header: fitText(header, size.width - 2 * G.groupPaddingPx, FONT_PX.header),
          title: header,
          x,
          y,
          width: size.width,
          height: size.height,
          columns: size.columns,
          rows: size.rows,
          nodeIds: ids,
        },
      });
      cursor = y + size.height + G.groupGapPx;
    }
  }

  // The originator, level with the middle of the first layer's group headers, but never so far
  // down that a long first layer pushes it out of the first screenful. When that would lift it
  // above the top margin, everything else moves down instead.
  const first = placed.filter((p) => p.layer === 1).map((p) => p.group);
  const headerMid =
    first.length === 0
      ? top + G.nodeHeightPx / 2
      : Math.min(
          (first[0]!.y + first[first.length - 1]!.y + G.groupHeaderPx) / 2,
          first[0]!.y + G.groupHeaderPx / 2 + 2 * G.nodeHeightPx,
        );
  const lift = Math.max(0, top - (headerMid - G.nodeHeightPx / 2));
  if (lift > 0) {
    nodes.forEach((n, i) => (nodes[i] = { ...n, y: n.y + lift }));
    for (const p of placed) p.group = { ...p.group, y: p.group.y + lift };
    for (const [station, n] of nodeOfStation) nodeOfStation.set(station, { ...n, y: n.y + lift });
  }
  const sent = d.deliveries.length;
  const originator = card(
    'originator',
    null,
    {
      ack: fitText(`${sent} ${sent === 1 ? 'delivery' : 'deliveries'} shown`, INNER_PX, FONT_PX.detail),
      opened: d.complete ? 'Whole distribution' : 'Your post’s part only',
    },
    d.originator,
    shortName(d.originator, options, new Map()),
    null,
    G.marginPx,
    headerMid + lift - G.nodeHeightPx / 2,
  );
  nodes.unshift(originator);
  nodeOfStation.set(d.originator, originator);

  // ---- Edges: a port on the parent's right side → a lane of its own → the group's header. ----
  // Ports follow the targets top to bottom. Lanes go parent by parent; within a parent, an edge
  // going down to a higher target takes a farther lane and an edge going up to a higher target a
  // nearer one, so the edges of one parent never cross each other.
  const edges: GraphEdge[] = [];
  for (let l = 1; l < layerCount; l++) {
    const inLayer = placed.filter((p) => p.layer === l);
    const headerY = (p: (typeof inLayer)[number]) => p.group.y + G.groupHeaderPx / 2;
    const parentOf = (from: string) => nodeOfStation.get(from) ?? originator;
    const froms = [...new Set(inLayer.map((p) => p.source.from))].sort(
      (a, b) => parentOf(a).y - parentOf(b).y || a.localeCompare(b),
    );
    const lastLane = gapStart[l]! + G.trunkLeadPx + (lanesIn[l]! - 1) * G.trunkLanePx;
    let lane = 0;
    for (const from of froms) {
      const parent = parentOf(from);
      const mine = inLayer.filter((p) => p.source.from === from).sort((a, b) => headerY(a) - headerY(b));
      const middle = parent.y + parent.height / 2;
      // The originator sits between its groups, so its ports straddle its middle; deeper, every
      // group is level with or below its parent, so the first port is the middle (a straight edge).
      const first = l === 1 ? (mine.length - 1) / 2 : 0;
      const step = Math.min(G.portGapPx, (parent.height - 16) / Math.max(1, mine.length - 1));
      const port = (i: number) => middle + (i - first) * step;
      const up = mine.filter((p, i) => headerY(p) < port(i));
      const down = mine.filter((p, i) => headerY(p) >= port(i)).reverse();
      for (const p of [...up, ...down]) {
        const g = p.group;
        const sx = parent.x + parent.width;
        const sy = port(mine.indexOf(p));
        const ty = headerY(p);
        const trunkX = gapStart[l]! + G.trunkLeadPx + lane * G.trunkLanePx;
        lane++;
        const width = labelWidth(p.source);
        edges.push({
          id: `e-${g.id}`,
          fromNodeId: parent.id,
          toGroupId: g.id,
          route: g.route,
          path:
            sy === ty ? `M ${sx} ${sy} H ${g.x - G.arrowPx}` : `M ${sx} ${sy} H ${trunkX} V ${ty} H ${g.x - G.arrowPx}`,
          tip: { x: g.x, y: ty },
          label: edgeLabel(p.source),
          // Right-aligned against the arrow; the gap was made wide enough, so it clears every lane.
          labelBox: {
            x: Math.max(lastLane + 8, g.x - G.arrowPx - 4 - width),
            y: ty - G.labelHeightPx / 2,
            width,
            height: G.labelHeightPx,
          },
        });
      }
    }
  }
  edges.sort((a, b) => a.tip.x - b.tip.x || a.tip.y - b.tip.y);

  const groups = placed.map((p) => p.group);
  const width = Math.max(...nodes.map((n) => n.x + n.width), ...groups.map((g) => g.x + g.width)) + G.marginPx;
  const height = Math.max(...nodes.map((n) => n.y + n.height), ...groups.map((g) => g.y + g.height)) + G.marginPx;
  return { width, height, nodes, groups, edges };
}
