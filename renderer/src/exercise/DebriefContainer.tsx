import { useState } from 'react';
import type { CableroomClient } from '../common/api';
import { saveBlobFile } from '../common/download';
import { serviceMessage } from '../common/errorText';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { DebriefScreen, type TraineeScore } from './DebriefScreen';

/**
 * Wires a trainee's debrief: their own score (main refuses it before the end and to anyone who
 * did not play), their answers to the debrief questions (audited as EXERCISE_DEBRIEF), and their
 * after-action report as PDF.
 */
export function DebriefContainer(props: { client: CableroomClient; chrome: WorkspaceChrome; exercise: number }) {
  const { client, exercise } = props;
  const failure = useFailure();
  const score = useLoad(
    () =>
      client.exerciseScore(exercise).then((v): TraineeScore => {
        if (v.view !== 'trainee') throw new Error('This is the instructor’s view: open the exercise dashboard.');
        return v;
      }),
    [client, exercise],
  );
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  const submit = (answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>) => {
    setSaving(true);
    setSaveError(null);
    setSaved(false);
    client
      .exerciseDebrief(exercise, answers)
      .then(
        (given) => {
          score.set((s) => ({ ...s, answers: given }));
          setSaved(true);
        },
        (e: unknown) => {
          const err = failure(e);
          if (err) setSaveError(serviceMessage(err));
        },
      )
      .finally(() => setSaving(false));
  };

  const download = () => {
    setDownloading(true);
    setDownloadError(null);
    client
      .exerciseReport(exercise)
      .then(
        (file) => saveBlobFile(file.filename, new Blob([new Uint8Array(file.bytes)], { type: file.mediaType })),
        (e: unknown) => {
          const err = failure(e);
          if (err) setDownloadError(serviceMessage(err));
        },
      )
      .finally(() => setDownloading(false));
  };

  const loadFailure = failureOf(score);
  return (
    <DebriefScreen
      chrome={props.chrome}
      debrief={score.value}
      loading={score.state === 'loading'}
      slow={score.slow}
      error={loadFailure ? serviceMessage(loadFailure) : null}
      saving={saving}
      saveError={saveError}
      saved={saved}
      downloading={downloading}
      downloadError={downloadError}
      onSubmit={submit}
      onDownload={download}
    />
  );
}
