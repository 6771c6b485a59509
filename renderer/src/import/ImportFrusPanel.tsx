import { useEffect, useId, useRef, type ChangeEvent } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import { formatBytes, type ChosenFile } from './chosenFiles';
import type { FrusImportState, ImportFailure } from './useFrusImport';
import { ImportProgress } from './ImportProgress';
import { ImportSummary, summaryLine, type ImportedEntry } from './ImportSummary';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * Importing FRUS telegrams from Office of the Historian TEI (pure view; issue 6): per-document
 * files or a whole folder, then progress and the summary. The file inputs are the browser's own,
 * so they work from the keyboard; when the import starts, ends or fails, the keyboard moves to
 * its outcome, which a screen reader then reads.
 */
export type ImportFrusPanelProps = Readonly<{
  chosen: ReadonlyArray<ChosenFile>;
  /** Files of a chosen folder that are not TEI (.xml), left out. */
  leftOut: number;
  /** Why the choice cannot be imported (a file over the limit, no TEI file at all). */
  problem: string | null;
  /** Changes after each start, so the inputs are empty again (and the same files can be chosen again). */
  inputKey: number;
  state: FrusImportState;
  onChoose(files: ReadonlyArray<File>): void;
  onStart(): void;
  onClear(): void;
  onResume(): void;
  /** Opens an imported telegram's cable (the summary's ref links: issue 12 item 3). */
  onOpenCable(entry: ImportedEntry): void;
  /** Opens the traffic view of an imported volume, or of the first one (issue 12 item 5). */
  onOpenTraffic(volume: string | null): void;
}>;

export function ImportFrusPanel(props: ImportFrusPanelProps) {
  const { state, chosen } = props;
  const id = useId();
  const ids = { title: `${id}-title`, files: `${id}-files`, folder: `${id}-folder`, outcome: `${id}-outcome` };
  const outcomeRef = useRef<HTMLDivElement>(null);
  const busy = state.phase === 'reading' || state.phase === 'running';
  const totalBytes = chosen.reduce((n, f) => n + f.sizeBytes, 0);

  useEffect(() => {
    if (state.phase === 'reading' || state.phase === 'done' || state.phase === 'failed') outcomeRef.current?.focus();
  }, [state.phase]);

  const choose = (e: ChangeEvent<HTMLInputElement>) => props.onChoose(Array.from(e.target.files ?? []));

  return (
    <section className="panel import-panel" aria-labelledby={ids.title} data-testid="frus-import">
      <h3 id={ids.title} className="panel__title">
        FRUS telegrams
      </h3>
      <p className="import-panel__lede muted">
        TEI files from the Office of the Historian: one file per document, or a whole volume. Telegrams are imported
        into the directory’s posts; other documents are passed over. A malformed or truncated file, or one with a
        DOCTYPE, is refused whole. A telegram already here (the same ref and DTG) is skipped.{' '}
        <button
          type="button"
          className="button button--link"
          data-testid="open-traffic"
          onClick={() => props.onOpenTraffic(null)}
        >
          The traffic of the imported volumes
        </button>
      </p>

      <div className="import-choosers" key={props.inputKey}>
        <div className="field">
          <label className="field-label" htmlFor={ids.files}>
            TEI files
          </label>
          <input
            id={ids.files}
            className="file-input"
            type="file"
            multiple
            accept=".xml,application/xml,text/xml"
            disabled={busy}
            onChange={choose}
            data-testid="tei-files"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.folder}>
            Or a folder of TEI files
          </label>
          <input
            id={ids.folder}
            ref={(el) => {
              // Not in React's attribute types: set on the element (Chromium's directory picker).
              if (el) el.webkitdirectory = true;
            }}
            className="file-input"
            type="file"
            disabled={busy}
            onChange={choose}
            data-testid="tei-folder"
          />
        </div>
      </div>

      {chosen.length > 0 && (
        <div className="import-chosen" data-testid="tei-chosen">
          <p className="import-chosen__count">
            {chosen.length} {chosen.length === 1 ? 'file' : 'files'} chosen ({formatBytes(totalBytes)})
            {props.leftOut > 0 &&
              `; ${props.leftOut} ${props.leftOut === 1 ? 'file that is' : 'files that are'} not .xml left out`}
          </p>
          <ul className="import-chosen__list">
            {chosen.slice(0, CHOSEN_SHOWN).map((f, i) => (
              <li key={`${i}-${f.name}`} className="mono">
                <ShownText text={f.name} /> <span className="muted">{formatBytes(f.sizeBytes)}</span>
              </li>
            ))}
            {chosen.length > CHOSEN_SHOWN && <li className="muted">and {chosen.length - CHOSEN_SHOWN} more</li>}
          </ul>
        </div>
      )}
      {props.problem !== null && (
        <p className="form-error import-panel__problem" role="alert" data-testid="tei-problem">
          {props.problem}
        </p>
      )}

      <div className="panel__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={busy || chosen.length === 0 || props.problem !== null}
          onClick={props.onStart}
          data-testid="start-frus-import"
        >
          {busy ? (
            <Working words="Importing…" />
          ) : chosen.length === 0 ? (
            'Import'
          ) : (
            `Import ${chosen.length === 1 ? '1 file' : `${chosen.length} files`}`
          )}
        </button>
        {chosen.length > 0 && !busy && (
          <button type="button" className="button" onClick={props.onClear}>
            Clear
          </button>
        )}
      </div>

      {/* Said once, when the import ends; the progress bar itself is not read out at every tick. */}
      <p className="visually-hidden" aria-live="polite">
        {state.phase === 'done' ? `Import finished. ${summaryLine(state.status)}` : ''}
      </p>

      {state.phase !== 'idle' && (
        <div
          ref={outcomeRef}
          className="import-outcome"
          tabIndex={-1}
          aria-label="Import progress and summary"
          data-testid="frus-outcome"
        >
          <Outcome
            state={state}
            onResume={props.onResume}
            onOpenCable={props.onOpenCable}
            onOpenTraffic={props.onOpenTraffic}
          />
        </div>
      )}
    </section>
  );
}

/** Chosen files listed by name; beyond this the list says how many more. */
const CHOSEN_SHOWN = 12;

function Outcome(props: {
  state: Exclude<FrusImportState, { phase: 'idle' }>;
  onResume(): void;
  onOpenCable(entry: ImportedEntry): void;
  onOpenTraffic(volume: string): void;
}) {
  const { state } = props;
  switch (state.phase) {
    case 'reading':
      return <ImportProgress status={null} readingFiles={state.fileCount} />;
    case 'running':
      return <ImportProgress status={state.status} readingFiles={0} />;
    case 'done':
      return (
        <>
          <ImportProgress status={state.status} readingFiles={0} />
          <ImportSummary status={state.status} onOpenCable={props.onOpenCable} onOpenTraffic={props.onOpenTraffic} />
        </>
      );
    case 'failed':
      return (
        <>
          {state.status !== null && <ImportProgress status={state.status} readingFiles={0} />}
          <FailureNotice failure={state.failure} started={state.status !== null} onResume={props.onResume} />
        </>
      );
    default:
      return assertNever(state, 'import phase');
  }
}

function FailureNotice(props: { failure: ImportFailure; started: boolean; onResume(): void }) {
  const { failure } = props;
  const title = props.started
    ? 'The import’s progress could not be read'
    : failure.code === 'ACCESS_DENIED'
      ? 'Not allowed: nothing was imported'
      : 'The import did not start';
  return (
    <div className="import-failure" role="alert" data-testid="frus-import-error" data-code={failure.code}>
      <h4 className="import-failure__title">{title}</h4>
      <p className="import-failure__message">{failure.message}</p>
      {props.started && (
        <button type="button" className="button" onClick={props.onResume}>
          Check again
        </button>
      )}
    </div>
  );
}
