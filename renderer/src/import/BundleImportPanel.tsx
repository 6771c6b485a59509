import { useEffect, useId, useRef } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import type { BundleSummary } from '../../../electron/domain/exchange';
import { formatBytes, type ChosenFile } from './chosenFiles';
import { REFUSAL_PREFIX, type BundleImportState } from './useBundleImport';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { Working } from '../common/SlowWork';

/**
 * Importing a signed bundle (pure view; issue 6): one file, checked in main against the public keys
 * this database knows, imported all together or not at all. The answer is shown prominently:
 * what was imported and what was already here, or why the bundle was refused.
 */
export type BundleImportPanelProps = Readonly<{
  chosen: ChosenFile | null;
  /** Changes after each import, so the input is empty again. */
  inputKey: number;
  state: BundleImportState;
  onChoose(file: File | null): void;
  onImport(): void;
}>;

export function BundleImportPanel(props: BundleImportPanelProps) {
  const { state, chosen } = props;
  const id = useId();
  const ids = { title: `${id}-title`, file: `${id}-file` };
  const resultRef = useRef<HTMLDivElement>(null);
  const importing = state.phase === 'importing';

  useEffect(() => {
    // The answer takes the keyboard, so it is read at once.
    if (state.phase === 'imported' || state.phase === 'refused') resultRef.current?.focus();
  }, [state.phase]);

  return (
    <section className="panel import-panel" aria-labelledby={ids.title} data-testid="bundle-import">
      <h3 id={ids.title} className="panel__title">
        Signed bundle
      </h3>
      <p className="import-panel__lede muted">
        A bundle of released cables exported from another Cableroom. Every signature in it is checked against the public
        keys this database knows; its cables are imported all together, or not at all.
      </p>
      <div className="import-choosers" key={props.inputKey}>
        <div className="field">
          <label className="field-label" htmlFor={ids.file}>
            Bundle file
          </label>
          <input
            id={ids.file}
            className="file-input"
            type="file"
            accept=".cablebundle"
            disabled={importing}
            onChange={(e) => props.onChoose(e.target.files?.[0] ?? null)}
            data-testid="bundle-file"
          />
        </div>
      </div>
      {chosen && (
        <p className="import-chosen__count">
          <span className="mono">
            <ShownText text={chosen.name} />
          </span>{' '}
          <span className="muted">{formatBytes(chosen.sizeBytes)}</span>
        </p>
      )}
      <div className="panel__buttons">
        <button
          type="button"
          className="button button--primary"
          disabled={importing || chosen === null}
          onClick={props.onImport}
          data-testid="import-bundle"
        >
          {importing ? <Working words="Verifying…" /> : 'Import bundle'}
        </button>
      </div>
      {(state.phase === 'imported' || state.phase === 'refused') && (
        <div ref={resultRef} tabIndex={-1} className="bundle-result-slot">
          <Result state={state} />
        </div>
      )}
    </section>
  );
}

function Result(props: { state: Extract<BundleImportState, { phase: 'imported' | 'refused' }> }) {
  const { state } = props;
  switch (state.phase) {
    case 'imported':
      return <Imported fileName={state.fileName} summary={state.summary} />;
    case 'refused': {
      // Main's integrity refusals start "Bundle refused: "; the heading says it once.
      const integrity = state.code === 'INTEGRITY' && state.message.startsWith(REFUSAL_PREFIX);
      const reason = integrity ? state.message.slice(REFUSAL_PREFIX.length) : state.message;
      return (
        <div
          className="bundle-result bundle-result--refused"
          role="alert"
          data-testid="bundle-refusal"
          data-code={state.code}
        >
          <h4 className="bundle-result__title">
            {state.code === 'INTEGRITY' ? 'Bundle refused' : 'Bundle not imported'}
          </h4>
          <p className="bundle-result__file mono">
            <ShownText text={state.fileName} />
          </p>
          <p className="bundle-result__reason" data-testid="bundle-refusal-reason">
            <ShownText text={capitalised(reason)} />
          </p>
          <p className="bundle-result__note">Nothing of it was imported.</p>
        </div>
      );
    }
    default:
      return assertNever(state, 'bundle import phase');
  }
}

function Imported(props: { fileName: string; summary: BundleSummary }) {
  const { summary } = props;
  const present = new Set(summary.alreadyPresent);
  const added = summary.refs.filter((r) => !present.has(r));
  return (
    <div className="bundle-result bundle-result--done" role="status" data-testid="bundle-summary">
      <h4 className="bundle-result__title">Bundle verified</h4>
      <p className="bundle-result__file">
        <span className="mono">
          <ShownText text={props.fileName} />
        </span>
        : exported by <ShownText text={summary.exportedBy} />,{' '}
        <ClassificationChip classification={summary.classification} />, {summary.refs.length}{' '}
        {summary.refs.length === 1 ? 'cable' : 'cables'}. Every signature checked.
      </p>
      <dl className="bundle-result__refs">
        <div>
          <dt>Imported</dt>
          <dd data-testid="bundle-imported">
            {added.length === 0 ? <span className="muted">none</span> : <ShownText text={added.join(', ')} />}
          </dd>
        </div>
        <div>
          <dt>Already present</dt>
          <dd data-testid="bundle-already-present">
            {summary.alreadyPresent.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <>
                <ShownText text={summary.alreadyPresent.join(', ')} />
                <span className="muted"> (the same signed cable: nothing written)</span>
              </>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
