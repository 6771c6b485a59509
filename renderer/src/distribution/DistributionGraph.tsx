import { useId, type Ref } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import {
  FONT_PX,
  GEOMETRY,
  textWidthPx,
  type DistributionLayout,
  type GraphEdge,
  type GraphGroup,
  type GraphNode,
} from './layout';
import type { RouteKind } from './route';

/**
 * The distribution graph (pure view), drawn from a finished layout (distribution/layout.ts).
 * Everything is set with SVG presentation attributes, never CSS classes, so the element
 * serializes to a standalone picture for "Export SVG" and "Export PNG". Every text was passed
 * through displayText and cut to fit by the layout; React writes it as text nodes only.
 * FLASH and NIACT cards stand out (DOMAIN.md rule 8): a heavy frame, a stripe and a dark or amber
 * precedence badge. The table under the graph carries the same data for keyboard and screen readers.
 */

const FONT_FAMILY = "'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace";
const INK = '#1b1f24';
const MUTED = '#5b6470';
const LINE = '#c3cad3';

type RouteStyle = Readonly<{ colour: string; tint: string; dash: string | undefined }>;

function routeStyle(route: RouteKind): RouteStyle {
  switch (route) {
    case 'direct':
      return { colour: '#1f3a5f', tint: '#f3f6fb', dash: undefined };
    case 'collective':
      return { colour: '#1d6175', tint: '#f1f8fa', dash: undefined };
    case 'pass':
      return { colour: '#5b3f8c', tint: '#f6f3fb', dash: undefined };
    case 'repeat':
      return { colour: '#8a5300', tint: '#fdf8ef', dash: '7 4' };
    case 'pending':
      return { colour: '#6b7280', tint: '#fafafa', dash: '3 3' };
    case 'outside':
      return { colour: '#8c96a3', tint: '#f6f7f9', dash: '2 3' };
    case 'other':
      return { colour: '#39414b', tint: '#f7f8fa', dash: undefined };
    default:
      return assertNever(route, 'route kind');
  }
}

const BADGE_PX = 17;
const PAD = GEOMETRY.nodePaddingPx;

function precedenceColours(n: GraphNode): { fill: string; text: string } {
  if (n.flash) return { fill: '#1b1b1b', text: '#ffd34e' };
  if (n.high) return { fill: '#f2a900', text: '#1b1b1b' };
  return { fill: '#eceff2', text: n.precedence === 'IMMEDIATE' ? INK : MUTED };
}

function ackColour(n: GraphNode): string {
  switch (n.ackState) {
    case 'acknowledged':
      return '#1d5b33';
    case 'awaiting':
      return '#a4161a';
    case 'not-needed':
    case 'none':
      return MUTED;
    default:
      return assertNever(n.ackState, 'ack state');
  }
}

function Badge(props: { x: number; y: number; text: string; fill: string; colour: string; bold?: boolean }) {
  const width = textWidthPx(props.text, FONT_PX.small) + 10;
  return (
    <g>
      <rect x={props.x} y={props.y} width={width} height={BADGE_PX} rx={3} fill={props.fill} />
      <text
        x={props.x + 5}
        y={props.y + BADGE_PX / 2}
        dominantBaseline="central"
        fontSize={FONT_PX.small}
        fontWeight={props.bold ? 700 : 600}
        fill={props.colour}
      >
        {props.text}
      </text>
    </g>
  );
}

function Card({ node: n }: { node: GraphNode }) {
  const ghost = n.kind === 'pending' || n.kind === 'outside';
  const style = n.route ? routeStyle(n.route) : null;
  const frame = n.flash ? '#1b1b1b' : n.high ? '#f2a900' : ghost ? (style?.colour ?? LINE) : LINE;
  const fill = n.kind === 'originator' ? '#eef3fa' : ghost ? '#fbfbfc' : '#ffffff';
  const left = n.x + PAD + (n.high ? 4 : 0);
  const badgeY = n.y + 45;
  const precedence = n.precedence === null ? null : precedenceColours(n);
  const precedenceWidth = n.precedence === null ? 0 : textWidthPx(n.precedence, FONT_PX.small) + 10;
  return (
    <g
      data-testid="graph-node"
      data-kind={n.kind}
      data-station={n.station}
      data-via={n.via ?? undefined}
      data-route={n.route ?? undefined}
      data-high={n.high ? 'true' : undefined}
    >
      <title>{n.description}</title>
      <rect
        data-testid="graph-node-box"
        x={n.x}
        y={n.y}
        width={n.width}
        height={n.height}
        rx={6}
        fill={fill}
        stroke={frame}
        strokeWidth={n.high ? 2 : 1}
        strokeDasharray={ghost ? style?.dash : undefined}
      />
      {n.high && <rect x={n.x} y={n.y} width={5} height={n.height} rx={2} fill={n.flash ? '#1b1b1b' : '#f2a900'} />}
      <text x={left} y={n.y + 21} fontSize={FONT_PX.title} fontWeight={700} fill={ghost ? MUTED : INK}>
        {n.title}
      </text>
      <text x={left} y={n.y + 37} fontSize={FONT_PX.small} fill={MUTED}>
        {n.plate}
      </text>
      {precedence && n.precedence !== null && (
        <Badge x={left} y={badgeY} text={n.precedence} fill={precedence.fill} colour={precedence.text} bold={n.high} />
      )}
      {n.role && (
        <Badge
          x={left + precedenceWidth + 6}
          y={badgeY}
          text={n.role}
          fill={n.role === 'ACTION' ? '#e3ebf5' : '#f3f4f6'}
          colour={n.role === 'ACTION' ? '#1f3a5f' : MUTED}
        />
      )}
      <text x={left} y={n.y + (precedence ? 79 : 62)} fontSize={FONT_PX.detail} fill={ghost ? MUTED : INK}>
        {n.delivered}
      </text>
      <text
        x={left}
        y={n.y + (precedence ? 94 : 78)}
        fontSize={FONT_PX.detail}
        fontWeight={n.ackState === 'awaiting' ? 700 : 400}
        fill={ackColour(n)}
      >
        {n.ack}
      </text>
      <text
        x={left}
        y={n.y + (precedence ? 109 : 94)}
        fontSize={FONT_PX.detail}
        fill={n.opened.startsWith('Opened') ? INK : MUTED}
      >
        {n.opened}
      </text>
    </g>
  );
}

function Group({ group: g }: { group: GraphGroup }) {
  const style = routeStyle(g.route);
  return (
    <g data-testid="graph-group" data-route={g.route} data-via={g.via} data-from={g.from}>
      <title>{g.title}</title>
      <rect
        x={g.x}
        y={g.y}
        width={g.width}
        height={g.height}
        rx={8}
        fill={style.tint}
        stroke={style.colour}
        strokeOpacity={0.55}
        strokeDasharray={style.dash}
      />
      <text
        x={g.x + GEOMETRY.groupPaddingPx}
        y={g.y + GEOMETRY.groupHeaderPx / 2 + 2}
        dominantBaseline="central"
        fontSize={FONT_PX.header}
        fontWeight={700}
        fill={style.colour}
      >
        {g.header}
      </text>
    </g>
  );
}

function Edge({ edge: e }: { edge: GraphEdge }) {
  const style = routeStyle(e.route);
  const arrow = GEOMETRY.arrowPx;
  const b = e.labelBox;
  return (
    <g data-testid="graph-edge" data-route={e.route} data-from={e.fromNodeId} data-to={e.toGroupId}>
      <path d={e.path} fill="none" stroke={style.colour} strokeWidth={1.6} strokeDasharray={style.dash} />
      <polygon
        points={`${e.tip.x - arrow},${e.tip.y - 5} ${e.tip.x},${e.tip.y} ${e.tip.x - arrow},${e.tip.y + 5}`}
        fill={style.colour}
      />
      <g data-testid="graph-edge-label">
        <rect
          x={b.x}
          y={b.y}
          width={b.width}
          height={b.height}
          rx={b.height / 2}
          fill="#ffffff"
          stroke={style.colour}
        />
        <text
          x={b.x + b.width / 2}
          y={b.y + b.height / 2}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={FONT_PX.label}
          fill={style.colour}
        >
          {e.label}
        </text>
      </g>
    </g>
  );
}

/** Never drawn smaller than this share of its size: below it the graph scrolls instead. */
const MIN_SCALE = 0.9;

export function DistributionGraph(props: {
  layout: DistributionLayout;
  /** What the picture shows, in words (its accessible name and the exported file's title). */
  summary: string;
  ref?: Ref<SVGSVGElement>;
}) {
  const { layout, summary, ref } = props;
  const titleId = useId();
  return (
    <svg
      ref={ref}
      className="distribution-graph"
      data-testid="distribution-graph"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="img"
      aria-labelledby={titleId}
      fontFamily={FONT_FAMILY}
      direction="ltr"
      // Shrinks to the pane down to MIN_SCALE, then keeps its size and the pane scrolls (CSSOM, CSP-safe).
      style={{ minWidth: `${Math.round(layout.width * MIN_SCALE)}px`, maxWidth: `${layout.width}px` }}
    >
      <title id={titleId}>{summary}</title>
      <rect x={0} y={0} width={layout.width} height={layout.height} fill="#ffffff" />
      {layout.groups.map((g) => (
        <Group key={g.id} group={g} />
      ))}
      {layout.edges.map((e) => (
        <Edge key={e.id} edge={e} />
      ))}
      {layout.nodes.map((n) => (
        <Card key={n.id} node={n} />
      ))}
    </svg>
  );
}
