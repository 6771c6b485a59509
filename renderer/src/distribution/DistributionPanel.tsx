import type { Ref } from 'react';
import type { Distribution, DistributionEntry } from '../../../electron/domain/cable';
import { formatDtg } from '../../../electron/domain/dtg';
import { isHighPrecedence } from '../../../electron/domain/precedence';
import { COLUMN_WORDS, SORTABLE_COLUMNS, sortDeliveries, type SortColumn, type TableSort } from './distributionTable';
import type { DistributionLayout } from './layout';
import { routeOf, routeRank, routeWord, type RouteKind } from './route';
import { DistributionGraph } from './DistributionGraph';
import { PrecedenceBadge } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { SlowWorkStatus, Working } from '../common/SlowWork';

/**
 * Who a cable went to and how (pure view; DOMAIN.md §1.8, rules 9–11, 16, 17): the graph, the
 * pending pass instructions and the same deliveries as a sortable table. Main decides how much the
 * viewer may see (`complete`); a refusal is shown as main worded it. The panel sits inside the
 * cable view, so the cable's banner is above and below it.
 */
export type DistributionState =
  | Readonly<{ status: 'loading'; slow: boolean }>
  | Readonly<{ status: 'error'; message: string; code: string }>
  | Readonly<{ status: 'ready'; distribution: Distribution; layout: DistributionLayout }>;

export type ExportKind = 'svg' | 'png';

export type DistributionPanelProps = Readonly<{
  state: DistributionState;
  /** The viewer's post, for the "only your part" note. */
  ownPost: string;
  /** Short names by PLAD, for the table. */
  shortNames: ReadonlyMap<string, string>;
  sort: TableSort;
  exporting: ExportKind | null;
  /** What the last export did, or why it failed. */
  exportNotice: Readonly<{ tone: 'done' | 'error'; text: string }> | null;
  graphHolder: Ref<SVGSVGElement>;
  onSort(column: SortColumn): void;
  onExport(kind: ExportKind): void;
  onRetry(): void;
}>;

/** "16 deliveries: 1 direct, 1 pass, 14 repeat." */
export function distributionSummary(d: Distribution): string {
  const counts = new Map<RouteKind, number>();
  for (const e of d.deliveries) {
    const kind = routeOf(e.via, e.from).kind;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const parts = [...counts]
    .sort(([a], [b]) => routeRank(a) - routeRank(b))
    .map(([kind, n]) => `${n} ${routeWord(kind).toLowerCase()}`);
  const pending = d.pendingPasses.length;
  return (
    `${d.ref} from ${d.originator}: ${d.deliveries.length} ${d.deliveries.length === 1 ? 'delivery' : 'deliveries'}` +
    (parts.length > 0 ? ` (${parts.join(', ')})` : '') +
    (pending > 0 ? `; ${pending} pass ${pending === 1 ? 'instruction' : 'instructions'} pending` : '') +
    '.'
  );
}

export function DistributionPanel(props: DistributionPanelProps) {
  const { state, graphHolder, exporting, exportNotice, onExport, onRetry, onSort, sort, shortNames, ownPost } = props;
  if (state.status === 'loading') {
    return (
      <div className="distribution" data-testid="distribution" aria-busy="true">
        <SlowWorkStatus
          slow={state.slow}
          label="Loading the distribution…"
          className="distribution__status"
          testId="distribution-progress"
        />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="distribution" data-testid="distribution">
        <div className="distribution__refusal" role="alert" data-testid="distribution-error" data-code={state.code}>
          <p className="distribution__refusal-title">The distribution cannot be shown.</p>
          <p>{state.message}</p>
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  const d = state.distribution;
  const summary = distributionSummary(d);
  return (
    <div className="distribution" data-testid="distribution" data-complete={d.complete ? 'true' : 'false'}>
      <header className="distribution__head">
        <div>
          <h2 className="distribution__title">Distribution</h2>
          <p className="distribution__summary" data-testid="distribution-summary">
            <ShownText text={summary} />
          </p>
        </div>
        <div className="distribution__exports">
          <button
            type="button"
            className="button"
            disabled={exporting !== null}
            onClick={() => onExport('svg')}
            data-testid="export-svg"
          >
            {exporting === 'svg' ? <Working words="Exporting…" /> : 'Export SVG'}
          </button>
          <button
            type="button"
            className="button"
            disabled={exporting !== null}
            onClick={() => onExport('png')}
            data-testid="export-png"
          >
            {exporting === 'png' ? <Working words="Exporting…" /> : 'Export PNG'}
          </button>
        </div>
      </header>
      {exportNotice && (
        <p
          className={`distribution__notice distribution__notice--${exportNotice.tone}`}
          role={exportNotice.tone === 'error' ? 'alert' : 'status'}
          data-testid="distribution-export-notice"
        >
          {exportNotice.text}
        </p>
      )}
      {!d.complete && (
        <p className="distribution__partial" data-testid="distribution-partial">
          Only your post’s part of the distribution is shown (<ShownText text={ownPost} />
          ). The originator’s principal and approver, S/S and instructors see all of it.
        </p>
      )}

      <div className="distribution__graph" data-testid="distribution-graph-pane">
        <DistributionGraph ref={graphHolder} layout={state.layout} summary={summary} />
      </div>
      <GraphKey />

      {d.pendingPasses.length > 0 && (
        <section className="distribution__pending" aria-labelledby="pending-passes" data-testid="pending-passes">
          <h3 id="pending-passes" className="distribution__subtitle">
            Pass instructions not yet carried out (rule 17)
          </h3>
          <ul>
            {d.pendingPasses.map((p, i) => (
              <li key={i} data-testid="pending-pass" data-by={p.by} data-to={p.to}>
                <ShownText text={`${p.by} PASS ${p.to}`} /> <span className="muted">· pending</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <DeliveriesTable deliveries={d.deliveries} sort={sort} shortNames={shortNames} onSort={onSort} />
    </div>
  );
}

function GraphKey() {
  const kinds: ReadonlyArray<[RouteKind, string]> = [
    ['direct', 'addressed directly'],
    ['collective', 'through a collective'],
    ['pass', 'passed by an addressee'],
    ['repeat', 'repeated later'],
    ['pending', 'pass not yet done'],
  ];
  return (
    <ul className="graph-key" aria-label="Key to the graph">
      {kinds.map(([kind, words]) => (
        <li key={kind}>
          <span className={`graph-key__line graph-key__line--${kind}`} aria-hidden="true" />
          {routeWord(kind)}: {words}
        </li>
      ))}
      <li>
        <span className="precedence precedence--high precedence--flash">FLASH</span>{' '}
        <span className="precedence precedence--high precedence--niact">NIACT</span> must be acknowledged (rule 8)
      </li>
    </ul>
  );
}

/** "Repeat" over its DTG, "Collective" over its name, "Pass", "Direct": the From column names the station. */
function RouteCell({ entry: e }: { entry: DistributionEntry }) {
  const route = routeOf(e.via, e.from);
  const detail =
    route.kind === 'repeat'
      ? route.label.slice('repeat '.length)
      : route.kind === 'collective'
        ? route.via.slice('collective '.length)
        : route.kind === 'other'
          ? route.via
          : '';
  return (
    <>
      <div className="distribution__route nowrap">{routeWord(route.kind)}</div>
      {detail !== '' && (
        <div className="muted mono distribution__route-detail nowrap">
          <ShownText text={detail} />
        </div>
      )}
    </>
  );
}

function ackWords(e: DistributionEntry): string {
  if (e.ackAt !== null) return formatDtg(new Date(e.ackAt));
  return isHighPrecedence(e.precedence, e.niact) ? 'Awaiting' : '—';
}

function slipWords(e: DistributionEntry): string {
  const who = [...e.routingSlip.persons, ...e.routingSlip.offices];
  return who.length === 0 ? '—' : who.join(', ');
}

function DeliveriesTable(props: {
  deliveries: ReadonlyArray<DistributionEntry>;
  sort: TableSort;
  shortNames: ReadonlyMap<string, string>;
  onSort(column: SortColumn): void;
}) {
  const { sort } = props;
  const rows = sortDeliveries(props.deliveries, sort);
  return (
    <div className="table-wrap distribution__table">
      <table className="data-table" data-testid="distribution-table">
        <caption className="visually-hidden">
          Deliveries; the column headers sort the table (press Enter or Space on a header).
        </caption>
        <thead>
          <tr>
            {SORTABLE_COLUMNS.map((column) => {
              const active = sort.column === column;
              return (
                <th
                  key={column}
                  scope="col"
                  aria-sort={active ? sort.direction : 'none'}
                  data-testid={`sort-${column}`}
                >
                  <button type="button" className="sort-button" onClick={() => props.onSort(column)}>
                    {COLUMN_WORDS[column]}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col">In-post copy</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e, i) => (
            <tr key={`${e.station}-${e.via}-${i}`} data-testid="distribution-row" data-station={e.station}>
              <td>
                <div className="distribution__station nowrap">
                  <ShownText text={props.shortNames.get(e.station) ?? e.name} />
                </div>
                <div className="mono muted distribution__plad nowrap">
                  <ShownText text={e.station} />
                </div>
              </td>
              <td>
                <span className={`role-tag${e.role === 'ACTION' ? ' role-tag--action' : ''}`}>{e.role}</span>
              </td>
              <td>
                <PrecedenceBadge precedence={e.precedence} niact={e.niact} />
              </td>
              <td className="mono nowrap">{e.serial === null ? '—' : <ShownText text={e.serial} />}</td>
              <td data-testid="distribution-route" title={e.via}>
                <RouteCell entry={e} />
              </td>
              <td className="mono nowrap">
                <ShownText text={e.from} />
              </td>
              <td className="mono nowrap">{formatDtg(new Date(e.deliveredAt))}</td>
              <td className="mono nowrap">{ackWords(e)}</td>
              <td className="mono">{e.openedBy.length === 0 ? '—' : e.openedBy.join(', ')}</td>
              <td title={e.routingSlip.rule}>
                <ShownText text={slipWords(e)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="table-empty muted">No deliveries.</p>}
    </div>
  );
}
