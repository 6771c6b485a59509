import { useId } from 'react';
import type { FrusImportStatus } from '../../../electron/domain/exchange';
import { formatBytes } from './chosenFiles';
import { ShownText } from '../common/ShownText';

/**
 * How far a FRUS import has come (pure view): a real `<progress>` over the bytes of the chosen
 * files (main counts a file's bytes once it has finished with it), the file being read and how
 * many documents have been read so far. Without a status (the files are still being read in the
 * window) the bar is indeterminate.
 */
export function ImportProgress(props: { status: FrusImportStatus | null; readingFiles: number }) {
  const { status } = props;
  const id = useId();
  if (status === null) {
    return (
      <div className="import-progress" data-testid="import-progress">
        <label className="import-progress__label" htmlFor={id}>
          Reading {props.readingFiles} {props.readingFiles === 1 ? 'file' : 'files'}…
        </label>
        <progress id={id} className="import-progress__bar" data-testid="import-progress-bar" />
      </div>
    );
  }
  const { done, filesDone, filesTotal, bytesDone, bytesTotal, documentsSeen, currentFile } = status;
  // A bar needs a positive maximum; a job of empty files is complete when main says so.
  const max = Math.max(bytesTotal, 1);
  const value = done ? max : Math.min(bytesDone, max);
  const label = done
    ? `Finished: ${filesTotal} ${filesTotal === 1 ? 'file' : 'files'} read`
    : `Importing file ${Math.min(filesDone + 1, filesTotal)} of ${filesTotal}`;
  return (
    <div className="import-progress" data-testid="import-progress" data-done={done ? 'true' : 'false'}>
      <label className="import-progress__label" htmlFor={id}>
        {label}
      </label>
      <progress
        id={id}
        className="import-progress__bar"
        max={max}
        value={value}
        aria-valuetext={`${formatBytes(bytesDone)} of ${formatBytes(bytesTotal)}`}
        data-testid="import-progress-bar"
      />
      <p className="import-progress__detail muted" data-testid="import-progress-detail">
        <span>
          {formatBytes(bytesDone)} of {formatBytes(bytesTotal)}
        </span>
        <span>{documentsSeen === 0 ? 'no document read yet' : `document ${documentsSeen}`}</span>
        {currentFile !== null && (
          <span className="import-progress__file">
            reading <ShownText text={currentFile} />
          </span>
        )}
      </p>
    </div>
  );
}
