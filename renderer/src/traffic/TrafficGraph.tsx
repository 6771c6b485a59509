import { useId, type KeyboardEvent, type Ref } from 'react';
import type { TrafficEdge, TrafficLayout } from '../../../electron/domain/traffic';
import { displayText } from '../../../electron/domain/displayText';
import { drawEdges, edgeWords } from './trafficGeometry';

/**
 * The traffic of a volume as a picture (pure view): posts where main placed them, the telegrams
 * as curved arrows whose width grows with their number, each labelled with it. Drawn with SVG
 * presentation attributes only (no CSS classes), so "Export SVG" and "Export PNG" serialize it
 * as it looks (distribution/exportGraph.ts). Each edge is a button: a click, or Tab then Enter or
 * Space, selects it and lists its telegrams. Text is written as text nodes, through displayText.
 */
const FONT_FAMILY = "'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace";
const INK = '#1b1f24';
const EDGE = '#1f3a5f';
const PASS = '#5b3f8c';
const SELECTED = '#c8102e';

export function TrafficGraph(props: {
  volume: string;
  layout: TrafficLayout;
  edges: ReadonlyArray<TrafficEdge>;
  selected: string | null;
  ref?: Ref<SVGSVGElement>;
  onSelect(edgeId: string): void;
}) {
  const { layout, ref, volume } = props;
  const titleId = useId();
  const drawn = drawEdges(layout, props.edges);
  const activate = (e: KeyboardEvent, id: string) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onSelect(id);
    }
  };
  const width = Math.max(layout.width, 200);
  const height = Math.max(layout.height, 80);
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      className="traffic-graph"
      data-testid="traffic-graph"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-labelledby={titleId}
      fontFamily={FONT_FAMILY}
    >
      <title id={titleId}>{`Telegrams between posts, ${displayText(volume)}`}</title>
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      {layout.nodes.map((n) => (
        <g key={n.plad} data-testid="traffic-post" data-plad={n.plad}>
          <rect
            x={n.x - n.width / 2}
            y={n.y - n.height / 2}
            width={n.width}
            height={n.height}
            rx={6}
            fill="#f3f6fb"
            stroke="#8c96a3"
            strokeWidth={1}
          />
          <text x={n.x} y={n.y} textAnchor="middle" dominantBaseline="central" fontSize={12} fill={INK}>
            {displayText(n.plad)}
          </text>
        </g>
      ))}
      {drawn.map((d) => {
        const selected = d.edge.id === props.selected;
        const colour = selected ? SELECTED : d.edge.roles.length === 1 && d.edge.roles[0] === 'PASS' ? PASS : EDGE;
        return (
          <g
            key={d.edge.id}
            role="button"
            tabIndex={0}
            aria-pressed={selected}
            aria-label={displayText(edgeWords(d.edge))}
            data-testid="traffic-edge"
            data-edge={d.edge.id}
            data-weight={d.edge.weight}
            cursor="pointer"
            onClick={() => props.onSelect(d.edge.id)}
            onKeyDown={(e) => activate(e, d.edge.id)}
          >
            {/* A wide invisible stroke: a thin edge is still easy to hit. */}
            <path d={d.path} fill="none" stroke="transparent" strokeWidth={Math.max(14, d.strokePx + 8)} />
            <path d={d.path} fill="none" stroke={colour} strokeWidth={d.strokePx} strokeLinecap="round" />
            <polygon points={d.arrow} fill={colour} />
            <circle cx={d.label.x} cy={d.label.y} r={11} fill="#ffffff" stroke={colour} strokeWidth={1.5} />
            <text
              x={d.label.x}
              y={d.label.y}
              textAnchor="middle"
              dominantBaseline="central"
              fontSize={11}
              fontWeight={700}
              fill={colour}
            >
              {d.edge.weight}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
