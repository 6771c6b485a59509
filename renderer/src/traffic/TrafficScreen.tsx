import { useId, type Ref } from 'react';
import type { Classification } from '../../../electron/domain/classification';
import { classificationWords } from '../../../electron/domain/classification';
import type { TrafficCable, TrafficEdge, TrafficLayout, TrafficVolume } from '../../../electron/domain/traffic';
import { NO_CAPTION } from '../../../electron/domain/traffic';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { SlowWorkStatus } from '../common/SlowWork';
import type { ViewMarking } from '../common/viewMarking';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { TrafficGraph } from './TrafficGraph';
import { dayWords, type TrafficChoice } from './trafficFilter';
import { edgeWords } from './trafficGeometry';
import './traffic.css';

/**
 * The traffic of a FRUS volume (pure view; issue 12 item 5): a volume to choose, the date range
 * (two sliders over the days telegrams were sent), classifications and captions to show, the
 * picture, the same edges as a list, and the telegrams of the chosen edge, each of which opens.
 * Main sent only telegrams the reader may read; the banners carry the overall marking of those
 * shown (DOMAIN.md rule 25), and so does an exported picture.
 */
export type TrafficData = Readonly<{
  volume: string;
  days: ReadonlyArray<string>;
  classifications: ReadonlyArray<Classification>;
  captions: ReadonlyArray<string>;
  layout: TrafficLayout;
  /** The edges the filter keeps. */
  edges: ReadonlyArray<TrafficEdge>;
  /** The telegrams the filter keeps. */
  shown: number;
  total: number;
  cablesById: ReadonlyMap<number, TrafficCable>;
}>;

export type TrafficScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  marking: ViewMarking;
  volumes: Readonly<
    | { status: 'loading'; slow: boolean }
    | { status: 'error'; message: string }
    | { status: 'ready'; list: ReadonlyArray<TrafficVolume> }
  >;
  volume: string | null;
  traffic: Readonly<
    | { status: 'idle' }
    | { status: 'loading'; slow: boolean }
    | { status: 'error'; message: string }
    | { status: 'ready'; data: TrafficData }
  >;
  choice: TrafficChoice;
  selectedEdge: string | null;
  exporting: 'svg' | 'png' | null;
  exportNotice: Readonly<{ tone: 'done' | 'error'; text: string }> | null;
  graphHolder: Ref<SVGSVGElement>;
  onVolume(volume: string): void;
  onChoice(choice: TrafficChoice): void;
  onToggleClassification(c: Classification): void;
  onToggleCaption(caption: string): void;
  onSelectEdge(edgeId: string): void;
  onOpenCable(cable: TrafficCable): void;
  onExport(kind: 'svg' | 'png'): void;
}>;

export function TrafficScreen(props: TrafficScreenProps) {
  const volumeId = useId();
  const { volumes, traffic } = props;
  return (
    <WorkspaceFrame chrome={props.chrome} marking={props.marking} testId="screen-traffic">
      <main className="admin-page traffic-page">
        <header className="admin-page__header">
          <h2 className="admin-page__title">Traffic of a volume</h2>
          <p className="admin-page__lede muted">
            Imported FRUS telegrams as traffic between posts: the wider the arrow, the more telegrams. Only telegrams
            you may read are counted.
          </p>
        </header>
        {volumes.status === 'loading' && (
          <SlowWorkStatus slow={volumes.slow} label="Loading the volumes…" testId="traffic-progress" />
        )}
        {volumes.status === 'error' && (
          <p className="admin-page__error" role="alert">
            {volumes.message}
          </p>
        )}
        {volumes.status === 'ready' && volumes.list.length === 0 && (
          <p data-testid="traffic-empty">No imported FRUS telegrams you may read yet. Import a volume first.</p>
        )}
        {volumes.status === 'ready' && volumes.list.length > 0 && (
          <div className="traffic-volume">
            <label className="field-label" htmlFor={volumeId}>
              Volume
            </label>
            <select
              id={volumeId}
              className="text-input"
              data-testid="traffic-volume"
              value={props.volume ?? ''}
              onChange={(e) => props.onVolume(e.target.value)}
            >
              {volumes.list.map((v) => (
                <option key={v.volume} value={v.volume}>
                  {`${v.volume} — ${v.telegrams} ${v.telegrams === 1 ? 'telegram' : 'telegrams'}`}
                </option>
              ))}
            </select>
          </div>
        )}
        {traffic.status === 'loading' && (
          <SlowWorkStatus slow={traffic.slow} label="Loading the traffic…" testId="traffic-progress" />
        )}
        {traffic.status === 'error' && (
          <p className="admin-page__error" role="alert" data-testid="traffic-error">
            {traffic.message}
          </p>
        )}
        {traffic.status === 'ready' && <TrafficBody {...props} data={traffic.data} />}
      </main>
    </WorkspaceFrame>
  );
}

function TrafficBody(props: TrafficScreenProps & { data: TrafficData }) {
  const { data, choice, graphHolder, selectedEdge, onSelectEdge } = props;
  const ids = { from: useId(), to: useId(), classes: useId(), captions: useId(), edges: useId(), cables: useId() };
  const last = Math.max(0, data.days.length - 1);
  const selected = data.edges.find((e) => e.id === props.selectedEdge) ?? null;
  return (
    <>
      <section className="traffic-filters" aria-label="Filters" data-testid="traffic-filters">
        <div className="traffic-range">
          <label htmlFor={ids.from} className="field-label">
            From <span className="mono">{dayWords(data.days[choice.fromDay])}</span>
          </label>
          <input
            id={ids.from}
            type="range"
            min={0}
            max={last}
            step={1}
            value={choice.fromDay}
            data-testid="traffic-from"
            aria-valuetext={dayWords(data.days[choice.fromDay])}
            onChange={(e) => props.onChoice({ ...choice, fromDay: Math.min(Number(e.target.value), choice.toDay) })}
          />
          <label htmlFor={ids.to} className="field-label">
            To <span className="mono">{dayWords(data.days[choice.toDay])}</span>
          </label>
          <input
            id={ids.to}
            type="range"
            min={0}
            max={last}
            step={1}
            value={choice.toDay}
            data-testid="traffic-to"
            aria-valuetext={dayWords(data.days[choice.toDay])}
            onChange={(e) => props.onChoice({ ...choice, toDay: Math.max(Number(e.target.value), choice.fromDay) })}
          />
        </div>
        <fieldset className="traffic-checks" aria-labelledby={ids.classes}>
          <legend id={ids.classes} className="field-label">
            Classification
          </legend>
          {data.classifications.map((c) => (
            <label key={c} className="traffic-check">
              <input
                type="checkbox"
                checked={!choice.hiddenClassifications.has(c)}
                data-testid="traffic-classification"
                data-classification={c}
                onChange={() => props.onToggleClassification(c)}
              />
              {classificationWords(c)}
            </label>
          ))}
        </fieldset>
        <fieldset className="traffic-checks" aria-labelledby={ids.captions}>
          <legend id={ids.captions} className="field-label">
            Caption
          </legend>
          {data.captions.map((c) => (
            <label key={c} className="traffic-check">
              <input
                type="checkbox"
                checked={!choice.hiddenCaptions.has(c)}
                data-testid="traffic-caption"
                data-caption={c}
                onChange={() => props.onToggleCaption(c)}
              />
              {c === NO_CAPTION ? 'No caption' : <ShownText text={c} />}
            </label>
          ))}
        </fieldset>
      </section>

      <p className="traffic-summary" data-testid="traffic-summary" aria-live="polite">
        {`${data.shown} of ${data.total} ${data.total === 1 ? 'telegram' : 'telegrams'} shown, ${data.edges.length} ${
          data.edges.length === 1 ? 'route' : 'routes'
        }.`}
      </p>

      <div className="traffic-actions">
        <button
          type="button"
          className="button"
          data-testid="traffic-export-svg"
          disabled={props.exporting !== null}
          onClick={() => props.onExport('svg')}
        >
          {props.exporting === 'svg' ? 'Exporting…' : 'Export SVG'}
        </button>
        <button
          type="button"
          className="button"
          data-testid="traffic-export-png"
          disabled={props.exporting !== null}
          onClick={() => props.onExport('png')}
        >
          {props.exporting === 'png' ? 'Exporting…' : 'Export PNG'}
        </button>
        {props.exportNotice && (
          <span
            className={props.exportNotice.tone === 'error' ? 'traffic-notice traffic-notice--error' : 'traffic-notice'}
            role={props.exportNotice.tone === 'error' ? 'alert' : 'status'}
            data-testid="traffic-export-notice"
          >
            {props.exportNotice.text}
          </span>
        )}
      </div>

      <div className="traffic-graph-wrap">
        <TrafficGraph
          volume={data.volume}
          layout={data.layout}
          edges={data.edges}
          selected={selectedEdge}
          ref={graphHolder}
          onSelect={onSelectEdge}
        />
      </div>

      <div className="traffic-lists">
        <section aria-labelledby={ids.edges} className="traffic-edges">
          <h3 id={ids.edges} className="import-summary__title">
            Routes
          </h3>
          <ul className="traffic-edge-list">
            {data.edges.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="button button--link"
                  aria-pressed={e.id === props.selectedEdge}
                  data-testid="traffic-edge-item"
                  data-edge={e.id}
                  onClick={() => props.onSelectEdge(e.id)}
                >
                  <ShownText text={edgeWords(e)} />
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby={ids.cables} className="traffic-cables" data-testid="traffic-cables">
          <h3 id={ids.cables} className="import-summary__title">
            {selected ? <ShownText text={`Telegrams ${selected.from} → ${selected.to}`} /> : 'Telegrams'}
          </h3>
          {selected === null ? (
            <p className="muted">Choose a route in the picture or the list to see its telegrams.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Ref</th>
                    <th scope="col">DTG</th>
                    <th scope="col">Classification</th>
                    <th scope="col">Subject</th>
                    <th scope="col" className="num">
                      Document
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {selected.cableIds.map((id) => {
                    const c = data.cablesById.get(id);
                    if (!c) return null;
                    return (
                      <tr key={id} data-testid="traffic-cable" data-ref={c.ref}>
                        <td className="mono">
                          <button
                            type="button"
                            className="button button--link"
                            data-testid="traffic-open-cable"
                            onClick={() => props.onOpenCable(c)}
                          >
                            <ShownText text={c.ref} />
                          </button>
                        </td>
                        <td className="mono">
                          <ShownText text={c.dtg} />
                        </td>
                        <td>
                          <ClassificationChip classification={c.classification} text={c.banner} />
                          {c.captions.map((w) => (
                            <span key={w} className="traffic-caption mono">
                              {' '}
                              <ShownText text={w} />
                            </span>
                          ))}
                        </td>
                        <td>
                          <ShownText text={c.subject} />
                        </td>
                        <td className="num">{c.doc}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
