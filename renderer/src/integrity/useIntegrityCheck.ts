import { useCallback, useEffect, useState } from 'react';
import type { IntegrityFailure, IntegrityRun } from '../../../electron/domain/integrity';
import type { CableroomClient, ClientErrorCode } from '../common/api';
import { useFailure } from '../common/session';
import { useMounted } from '../common/useMounted';

/**
 * Verifying every signed cable from the Integrity screen (issue 15 item 3): main runs the check
 * (`startIntegrityCheck`) and the window polls it (`integrityStatus`) as the import dialog polls
 * a FRUS import — one question in flight at most, each asking only for the failures after those
 * it already has, so the list grows as main finds them. Main lists only failures on cables this
 * person may read; the rest arrive as a count. Its starter may cancel it
 * (`cancelIntegrityCheck`): main answers once the run has stopped, with every failure so far.
 */

/** How often the run is asked for its progress (at most 4 a second). */
export const POLL_INTERVAL_MS = 250;

export type IntegrityProblem = Readonly<{ code: ClientErrorCode; message: string }>;

export type IntegrityState =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'starting' }>
  /** done: finished, or cancelled (`run.state`); `cancelling` while the Cancel is on its way. */
  | Readonly<{
      phase: 'running' | 'done';
      run: IntegrityRun;
      failures: ReadonlyArray<IntegrityFailure>;
      cancelling?: boolean;
    }>
  /**
   * Not started (run null: refused, e.g. ACCESS_DENIED or CONFLICT), its progress could not be
   * read, or (`during: 'cancel'`) it could not be cancelled.
   */
  | Readonly<{
      phase: 'failed';
      problem: IntegrityProblem;
      during?: 'cancel';
      run: IntegrityRun | null;
      failures: ReadonlyArray<IntegrityFailure>;
    }>;

export type IntegrityCheck = Readonly<{
  state: IntegrityState;
  start(): void;
  /** Polls again after a failed poll. */
  resume(): void;
  /** Cancels the running run (main stops it; the failures found so far stay). */
  cancel(): void;
}>;

const IDLE: IntegrityState = { phase: 'idle' };

/** The last run each user started in this window: back from a cable, its results are shown again. */
const lastRun = new Map<string, number>();

/** The run with the failures it brought appended to those already shown. */
function merged(run: IntegrityRun, before: ReadonlyArray<IntegrityFailure>, cancelling = false): IntegrityState {
  const failures = run.failures.length > 0 ? [...before, ...run.failures] : before;
  if (run.state === 'running') return { phase: 'running', run, failures, ...(cancelling ? { cancelling } : {}) };
  return { phase: 'done', run, failures };
}

/** The run this state shows, if any. */
const runOf = (s: IntegrityState): IntegrityRun | null =>
  s.phase === 'running' || s.phase === 'done' || s.phase === 'failed' ? s.run : null;

export function useIntegrityCheck(client: CableroomClient, login: string): IntegrityCheck {
  const failure = useFailure();
  const [state, setState] = useState<IntegrityState>(IDLE);
  const live = useMounted();

  // Back on the screen: the last run again, from its first failure; nothing if main forgot it.
  useEffect(() => {
    const runId = lastRun.get(login);
    if (runId === undefined) return;
    let current = true;
    client.integrityStatus(runId, 0).then(
      (run) => {
        if (current) setState((s) => (s.phase === 'idle' ? merged(run, []) : s));
      },
      () => lastRun.delete(login),
    );
    return () => {
      current = false;
    };
  }, [client, login]);

  const fail = useCallback(
    (e: unknown, run: IntegrityRun | null, failures: ReadonlyArray<IntegrityFailure>, during?: 'cancel') => {
      const err = failure(e);
      if (err) {
        const problem = { code: err.code, message: err.message };
        setState({ phase: 'failed', problem, run, failures, ...(during ? { during } : {}) });
      }
    },
    [failure],
  );

  // While the run goes on, each answer schedules the next question.
  const running = state.phase === 'running' ? state : null;
  useEffect(() => {
    if (running === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      client.integrityStatus(running.run.runId, running.failures.length).then(
        (run) => {
          if (current) setState(merged(run, running.failures, running.cancelling));
        },
        (e: unknown) => {
          if (current) fail(e, running.run, running.failures);
        },
      );
    }, POLL_INTERVAL_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, running, fail]);

  const start = useCallback(() => {
    setState({ phase: 'starting' });
    client.startIntegrityCheck().then(
      (run) => {
        lastRun.set(login, run.runId);
        if (live.current) setState(merged(run, []));
      },
      (e: unknown) => {
        if (live.current) fail(e, null, []);
      },
    );
  }, [client, fail, live, login]);

  const resume = useCallback(() => {
    setState((s) =>
      s.phase === 'failed' && s.run !== null ? { phase: 'running', run: s.run, failures: s.failures } : s,
    );
  }, []);

  const cancel = useCallback(() => {
    if (state.phase !== 'running' || state.cancelling) return;
    const { run, failures } = state;
    setState({ ...state, cancelling: true });
    client.cancelIntegrityCheck(run.runId).then(
      // Its answer carries every failure so far: it replaces the list, if the run is still shown.
      (ended) => {
        if (live.current) setState((s) => (runOf(s)?.runId === ended.runId ? merged(ended, []) : s));
      },
      (e: unknown) => {
        if (live.current) fail(e, run, failures, 'cancel');
      },
    );
  }, [client, fail, live, state]);

  return { state, start, resume, cancel };
}
