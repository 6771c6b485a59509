import { useCallback, useEffect, useState } from 'react';
import type { ExerciseStatusResult } from '../../../electron/contract/ipc';
import type { CableroomClient, ExerciseControl } from '../common/api';
import { saveBlobFile } from '../common/download';
import { serviceMessage } from '../common/errorText';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';
import { usePush } from '../common/usePush';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { ExerciseDashboard, type DashboardDetail, type InstructorView } from './ExerciseDashboard';
import { useScenarioClock } from './ScenarioClock';
import type { StartRequest } from './StartPanel';

/** Entries of the feed shown. */
const FEED_LIMIT = 200;
/**
 * While an exercise runs, the score and feed are asked again this often as well as on every push:
 * a refused request (DENY) changes the score but is nobody's news (no push).
 */
const RUNNING_POLL_MS = 5_000;

/**
 * Wires the dashboard (instructors and admins; main refuses anyone else): the status comes from
 * the workspace's live query (the app bar's clock reads the same), the score and feed are read
 * here — again on every exercise push, which main also sends instructors when a trainee acts —
 * and the controls go to main, whose answer is shown at once.
 */
export function ExerciseDashboardContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  status: ExerciseStatusResult | null;
  onStatusChanged(): void;
}) {
  const { client, status, onStatusChanged } = props;
  const failure = useFailure();
  const shown = status?.exercise?.view === 'instructor' ? (status.exercise as InstructorView) : null;
  const exerciseId = shown?.clock.exercise ?? null;
  const running = shown?.clock.status === 'RUNNING';
  const reading = useScenarioClock(shown?.clock ?? null);

  const detail = useLoad(
    () =>
      exerciseId === null
        ? null
        : Promise.all([client.exerciseScore(exerciseId), client.exerciseFeed(exerciseId, FEED_LIMIT)]).then(
            ([score, feed]): DashboardDetail => {
              if (score.view !== 'instructor') throw new Error('The score came back as a trainee’s view.');
              return { score: score.score, answers: score.answers, feed };
            },
          ),
    [client, exerciseId],
  );
  const { reload } = detail;
  usePush(client, (event) => {
    if (event.kind === 'exercise') reload();
  });
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(reload, RUNNING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, reload]);

  const accounts = useLoad(() => client.listAccounts(), [client]);

  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const control = useCallback(
    (c: ExerciseControl) => {
      const key = c.action === 'trigger' || c.action === 'skip' ? `${c.action}:${c.inject}` : c.action;
      setPending(key);
      setError(null);
      if (c.action === 'start') setStartError(null);
      client
        .exerciseControl(c)
        .then(
          () => onStatusChanged(),
          (e: unknown) => {
            const err = failure(e);
            if (!err) return;
            if (c.action === 'start') setStartError(serviceMessage(err));
            else setError(serviceMessage(err));
          },
        )
        .finally(() => setPending(null));
    },
    [client, failure, onStatusChanged],
  );

  const start = (r: StartRequest) =>
    control({
      action: 'start',
      scenario: { shipped: r.scenario },
      ...(r.rate !== undefined ? { rate: r.rate } : {}),
      assignments: { ...r.assignments },
    });

  const download = (trainee: string | null) => {
    if (exerciseId === null) return;
    setDownloading(trainee ?? 'class');
    setDownloadError(null);
    client
      .exerciseReport(exerciseId, trainee ?? undefined)
      .then(
        (file) => saveBlobFile(file.filename, new Blob([new Uint8Array(file.bytes)], { type: file.mediaType })),
        (e: unknown) => {
          const err = failure(e);
          if (err) setDownloadError(serviceMessage(err));
        },
      )
      .finally(() => setDownloading(null));
  };

  const detailFailure = failureOf(detail);
  return (
    <ExerciseDashboard
      chrome={props.chrome}
      exercise={shown}
      reading={reading}
      scenarios={status?.scenarios ?? []}
      accounts={accounts.value ?? []}
      detail={detail.value && detail.value.feed.exercise === exerciseId ? detail.value : null}
      detailSlow={detail.slow}
      detailError={detailFailure ? serviceMessage(detailFailure) : null}
      pending={pending}
      error={error}
      startError={startError}
      downloading={downloading}
      downloadError={downloadError}
      onControl={control}
      onStart={start}
      onDownload={download}
    />
  );
}
