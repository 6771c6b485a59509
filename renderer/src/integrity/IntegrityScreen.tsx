import { useEffect, useId, useRef } from 'react';
import { Label, ProgressBar } from 'react-aria-components';
import type { IntegrityFailure, IntegrityRun } from '../../../electron/domain/integrity';
import { ClassificationChip } from '../common/markings';
import { ShownText } from '../common/ShownText';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import type { IntegrityState } from './useIntegrityCheck';
import './integrity.css';

/**
 * The Integrity screen (pure view; issue 15 item 3): verify the signature chain of every signed
 * cable against the cable as stored (DOMAIN.md rules 23–24), with a progress bar, the failures as
 * main finds them and a summary at the end. It shows refs, markings, signers and what failed —
 * never cable text — so like the audit trail it is UNCLASSIFIED; each failure's marking is its chip.
 * Main lists only failures on cables this person may read; of the others it gives a count.
 * A running run can be cancelled (Cancel): the screen then says how far it got, keeps the
 * failures found so far, and offers to run again.
 */
export type IntegrityScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  state: IntegrityState;
  onStart(): void;
  onResume(): void;
  /** Cancels the running run. */
  onCancel(): void;
  /** Opens a failed cable (main decides again, on opening, whether it may be read). */
  onOpenCable(failure: IntegrityFailure): void;
}>;

const count = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string): string => `${count(n)} ${n === 1 ? one : many}`;

export function IntegrityScreen(props: IntegrityScreenProps) {
  const { state } = props;
  const ids = { title: useId(), failures: useId() };
  const busy = state.phase === 'starting' || state.phase === 'running';
  const run = state.phase === 'running' || state.phase === 'done' || state.phase === 'failed' ? state.run : null;
  const failures =
    state.phase === 'running' || state.phase === 'done' || state.phase === 'failed' ? state.failures : [];
  const summaryRef = useRef<HTMLDivElement>(null);
  // At the end the keyboard moves to the summary, which a screen reader then reads.
  useEffect(() => {
    if (state.phase === 'done' || state.phase === 'failed') summaryRef.current?.focus();
  }, [state.phase]);

  return (
    <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-integrity">
      <main className="admin-page integrity-page">
        <header className="admin-page__header">
          <h2 className="admin-page__title">Integrity</h2>
          <p className="admin-page__lede muted">
            Checks every signed cable’s signatures against the cable as stored now, on every core. A cable changed in
            the database since it was signed fails. Each run is recorded in the audit trail.
          </p>
        </header>
        <section className="panel integrity-panel" aria-labelledby={ids.title} data-testid="integrity-check">
          <h3 id={ids.title} className="panel__title">
            Verify signatures
          </h3>
          <div className="panel__buttons">
            <button
              type="button"
              className="button button--primary"
              data-testid="integrity-start"
              disabled={busy}
              onClick={props.onStart}
            >
              {busy ? 'Verifying…' : run ? 'Verify again' : 'Verify every signed cable'}
            </button>
            {/* A native button, as the screen's others: react-aria's press handling injects a <style>
                the CSP (style-src 'self') refuses. */}
            {state.phase === 'running' && (
              <button
                type="button"
                className="button"
                data-testid="integrity-cancel"
                disabled={state.cancelling === true}
                onClick={props.onCancel}
              >
                {state.cancelling ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
          </div>
          {(busy || run) && <IntegrityProgress run={run} />}
          {state.phase === 'failed' && (
            <div
              className="import-failure"
              role="alert"
              data-testid="integrity-error"
              data-code={state.problem.code}
              ref={summaryRef}
              tabIndex={-1}
            >
              <h4 className="import-failure__title">
                {state.during === 'cancel'
                  ? 'The verification could not be cancelled'
                  : run
                    ? 'The verification’s progress could not be read'
                    : state.problem.code === 'ACCESS_DENIED'
                      ? 'Not allowed: nothing was verified'
                      : 'The verification did not start'}
              </h4>
              <p className="import-failure__message">{state.problem.message}</p>
              {run && (
                <button type="button" className="button" onClick={props.onResume}>
                  Check again
                </button>
              )}
            </div>
          )}
          {state.phase === 'done' && (
            <div
              className="integrity-summary"
              data-testid="integrity-summary"
              data-state={state.run.state}
              ref={summaryRef}
              tabIndex={-1}
            >
              {state.run.state === 'cancelled' ? <CancelledSummary run={state.run} /> : <RunSummary run={state.run} />}
            </div>
          )}
          {run && (
            <section className="integrity-failures" aria-labelledby={ids.failures}>
              <h4 id={ids.failures} className="import-summary__title">
                {failures.length === 0 ? 'No failures listed' : `Failures (${count(failures.length)})`}
              </h4>
              {run.withheld > 0 && (
                <p className="muted" data-testid="integrity-withheld" data-count={run.withheld}>
                  {plural(run.withheld, 'failure', 'failures')} on cables you may not read{' '}
                  {run.withheld === 1 ? 'is' : 'are'} counted, not listed.
                </p>
              )}
              {run.unlisted > 0 && (
                <p className="muted" data-testid="integrity-unlisted">
                  {plural(run.unlisted, 'more failure', 'more failures')} past the first {count(failures.length)}{' '}
                  {run.unlisted === 1 ? 'is' : 'are'} not listed; <code>cableroom verify --all</code> lists every one.
                </p>
              )}
              {failures.length > 0 && (
                <ul className="integrity-failures__list" data-testid="integrity-failures">
                  {failures.map((f) => (
                    <FailureItem key={f.cableId} failure={f} onOpen={() => props.onOpenCable(f)} />
                  ))}
                </ul>
              )}
            </section>
          )}
        </section>
      </main>
    </WorkspaceFrame>
  );
}

/** The react-aria progress bar: "12,345 of 100,000 cables", indeterminate until main knows the total. */
function IntegrityProgress(props: { run: IntegrityRun | null }) {
  const { run } = props;
  const known = run !== null && run.total > 0;
  const finished = run !== null && run.state !== 'running';
  const done = run?.done ?? 0;
  const total = run?.total ?? 0;
  const label = run?.state === 'cancelled' ? 'Cancelled' : finished ? 'Verified' : 'Verifying signed cables';
  const valueLabel =
    known || finished ? `${count(done)} of ${plural(total, 'cable', 'cables')}` : 'Counting signed cables…';
  return (
    <ProgressBar
      className="integrity-progress"
      data-testid="integrity-progress"
      data-done={finished ? 'true' : 'false'}
      value={done}
      minValue={0}
      maxValue={Math.max(total, 1)}
      isIndeterminate={!known && !finished}
      valueLabel={valueLabel}
    >
      {({ percentage, isIndeterminate }) => (
        <>
          <div className="integrity-progress__head">
            <Label className="import-progress__label">{label}</Label>
            <span className="integrity-progress__value" data-testid="integrity-progress-value">
              {valueLabel}
            </span>
          </div>
          <div className={`integrity-progress__track${isIndeterminate ? ' integrity-progress__track--busy' : ''}`}>
            <div
              className="integrity-progress__fill"
              style={{ width: `${isIndeterminate ? 100 : (percentage ?? 0)}%` }}
            />
          </div>
        </>
      )}
    </ProgressBar>
  );
}

function RunSummary(props: { run: IntegrityRun }) {
  const { summary } = props.run;
  if (!summary) return null;
  const ok = summary.failed === 0;
  return (
    <p
      className={`integrity-summary__line${ok ? '' : ' integrity-summary__line--failed'}`}
      data-failed={summary.failed}
    >
      {plural(summary.cables, 'signed cable', 'signed cables')} and{' '}
      {plural(summary.signatures, 'signature', 'signatures')} checked in {summary.seconds.toFixed(2)} s:{' '}
      {ok ? 'every chain verifies.' : `${plural(summary.failed, 'cable fails', 'cables fail')} verification.`}
    </p>
  );
}

/** "Cancelled after 12,345 of 100,000 cables; 2 failures found so far." */
function CancelledSummary(props: { run: IntegrityRun }) {
  const { run } = props;
  const failed = run.summary?.failed ?? 0;
  const found = failed === 0 ? 'no failures found so far' : `${plural(failed, 'failure', 'failures')} found so far`;
  return (
    <p className="integrity-summary__line" data-failed={failed}>
      {run.done === 0
        ? 'Cancelled before any cable was checked.'
        : `Cancelled after ${count(run.done)} of ${plural(run.total, 'cable', 'cables')}; ${found}.`}{' '}
      Verify again to check every signed cable.
    </p>
  );
}

function FailureItem(props: { failure: IntegrityFailure; onOpen(): void }) {
  const { failure } = props;
  return (
    <li className="integrity-failure" data-testid="integrity-failure" data-ref={failure.ref}>
      <div className="integrity-failure__head">
        <button type="button" className="button button--link mono" data-testid="integrity-open" onClick={props.onOpen}>
          <ShownText text={failure.ref} />
        </button>
        <ClassificationChip classification={failure.classification} text={failure.banner} />
        <span className="status-tag status-tag--off">{failure.status}</span>
      </div>
      <ul className="integrity-failure__problems">
        {failure.signatures.map((s, i) => (
          <li key={`s${i}`}>
            {s.role.toLowerCase()} <ShownText text={s.signerName} /> (<ShownText text={s.signer} />
            ): <ShownText text={s.problem} />
          </li>
        ))}
        {failure.problems.map((p, i) => (
          <li key={`p${i}`}>
            <ShownText text={p} />
          </li>
        ))}
      </ul>
    </li>
  );
}
