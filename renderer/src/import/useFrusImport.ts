import { useCallback, useEffect, useState } from 'react';
import type { FrusImportStatus } from '../../../electron/domain/exchange';
import type { CableroomClient, ClientErrorCode } from '../common/api';
import { useFailure } from '../common/session';
import { readFiles, type FilePayload } from './chosenFiles';
import { useMounted } from '../common/useMounted';

/**
 * A FRUS import started from the Import screen (issue 6): the chosen files are read as bytes,
 * handed to main with `startFrusImport`, and the job is polled with `frusImportStatus` until main
 * says it is done. Main imports file after file in the background; the screen shows its progress
 * and, at the end, its summary.
 */

/** How often the job is asked for its progress. */
export const POLL_INTERVAL_MS = 250;

export type ImportFailure = Readonly<{ code: ClientErrorCode | 'UNREADABLE_FILE'; message: string }>;

export type FrusImportState =
  | Readonly<{ phase: 'idle' }>
  /** The files are being read in the renderer. */
  | Readonly<{ phase: 'reading'; fileCount: number }>
  | Readonly<{ phase: 'running'; status: FrusImportStatus }>
  | Readonly<{ phase: 'done'; status: FrusImportStatus }>
  /**
   * The import did not start (status null: refused, e.g. ACCESS_DENIED) or its progress could not
   * be read (status: what was last known; "Check again" resumes polling).
   */
  | Readonly<{ phase: 'failed'; failure: ImportFailure; status: FrusImportStatus | null }>;

export type FrusImport = Readonly<{
  state: FrusImportState;
  start(files: ReadonlyArray<File>): void;
  /** Polls again after a failed poll. */
  resume(): void;
}>;

const IDLE: FrusImportState = { phase: 'idle' };

/**
 * The last import each user started in this window, so that coming back from a cable opened from
 * the summary shows the summary again (main still answers only to whoever started the job).
 */
const lastJob = new Map<string, number>();

function stateOf(status: FrusImportStatus): FrusImportState {
  return status.done ? { phase: 'done', status } : { phase: 'running', status };
}

export function useFrusImport(client: CableroomClient, login: string): FrusImport {
  const failure = useFailure();
  const [state, setState] = useState<FrusImportState>(IDLE);
  const live = useMounted();

  // Back on the screen: the last job's summary (or progress) again; nothing if main forgot it.
  useEffect(() => {
    const jobId = lastJob.get(login);
    if (jobId === undefined) return;
    let current = true;
    client.frusImportStatus(jobId).then(
      (status) => {
        if (current) setState((s) => (s.phase === 'idle' ? stateOf(status) : s));
      },
      () => lastJob.delete(login),
    );
    return () => {
      current = false;
    };
  }, [client, login]);

  const fail = useCallback(
    (e: unknown, status: FrusImportStatus | null) => {
      const err = failure(e);
      if (err) setState({ phase: 'failed', failure: { code: err.code, message: err.message }, status });
    },
    [failure],
  );

  // While the job runs, each answer schedules the next question: one request in flight at most.
  const runningStatus = state.phase === 'running' ? state.status : null;
  useEffect(() => {
    if (runningStatus === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      client.frusImportStatus(runningStatus.jobId).then(
        (status) => {
          if (current) setState(stateOf(status));
        },
        (e: unknown) => {
          if (current) fail(e, runningStatus);
        },
      );
    }, POLL_INTERVAL_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, runningStatus, fail]);

  const start = useCallback(
    (files: ReadonlyArray<File>) => {
      setState({ phase: 'reading', fileCount: files.length });
      void (async () => {
        let payload: ReadonlyArray<FilePayload>;
        try {
          payload = await readFiles(files);
        } catch (e) {
          // Not main's refusal: a chosen file vanished or could not be read; nothing was sent.
          const message = e instanceof Error ? e.message : String(e);
          if (live.current) setState({ phase: 'failed', failure: { code: 'UNREADABLE_FILE', message }, status: null });
          return;
        }
        try {
          const status = await client.startFrusImport(payload);
          lastJob.set(login, status.jobId);
          if (live.current) setState(stateOf(status));
        } catch (e) {
          if (live.current) fail(e, null);
        }
      })();
    },
    [client, fail, live, login],
  );

  const resume = useCallback(() => {
    setState((s) => (s.phase === 'failed' && s.status !== null ? { phase: 'running', status: s.status } : s));
  }, []);

  return { state, start, resume };
}
