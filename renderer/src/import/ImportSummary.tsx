import { useId } from 'react';
import type { FrusImportStatus } from '../../../electron/domain/exchange';
import { ShownText } from '../common/ShownText';

/**
 * The end of a FRUS import (pure view): the telegrams imported with their refs, the documents
 * skipped with file, document number and main's reason (e.g. "already imported"), and the files
 * refused whole (malformed, truncated, a DOCTYPE) with the reason, of which nothing was imported.
 * Every file name, ref and reason is shown as text only.
 */
export type ImportedEntry = FrusImportStatus['imported'][number];

/** The volumes of the imported telegrams, in the order first imported. */
export function importedVolumes(status: FrusImportStatus): string[] {
  return [...new Set(status.imported.map((r) => r.volume))];
}

export function ImportSummary(props: {
  status: FrusImportStatus;
  /** Each imported ref is a link to its cable (issue 12 item 3); main decides, on opening, who may read it. */
  onOpenCable(entry: ImportedEntry): void;
  /** The traffic view of each imported volume (issue 12 item 5). */
  onOpenTraffic(volume: string): void;
}) {
  const { imported, skipped, failedFiles, ignored } = props.status;
  const ids = { imported: useId(), skipped: useId(), refused: useId() };
  const volumes = importedVolumes(props.status);
  return (
    <div className="import-summary" data-testid="import-summary">
      <p className="import-summary__totals" data-testid="import-totals">
        {summaryLine(props.status)}
        {ignored > 0 &&
          ` ${ignored} other ${ignored === 1 ? 'document was' : 'documents were'} not a telegram and passed over.`}
      </p>

      {failedFiles.length > 0 && (
        <section className="import-summary__part import-summary__part--refused" aria-labelledby={ids.refused}>
          <h4 id={ids.refused} className="import-summary__title">
            Refused whole: nothing of {failedFiles.length === 1 ? 'this file' : 'these files'} was imported
          </h4>
          <ul className="import-summary__refused">
            {failedFiles.map((f, i) => (
              <li key={`${i}-${f.file}`} data-testid="refused-file" data-file={f.file}>
                <span className="mono">
                  <ShownText text={f.file} />
                </span>
                : <ShownText text={f.error} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {imported.length > 0 && (
        <section className="import-summary__part" aria-labelledby={ids.imported}>
          <h4 id={ids.imported} className="import-summary__title">
            Imported
          </h4>
          <p className="import-summary__traffic">
            {volumes.map((v) => (
              <button
                key={v}
                type="button"
                className="button"
                data-testid="imported-traffic"
                data-volume={v}
                onClick={() => props.onOpenTraffic(v)}
              >
                Traffic of <ShownText text={v} />
              </button>
            ))}
          </p>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Ref</th>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Document
                  </th>
                </tr>
              </thead>
              <tbody>
                {imported.map((r, i) => (
                  <tr key={`${i}-${r.file}-${r.doc}`} data-testid="imported-row" data-ref={r.ref}>
                    <td className="mono">
                      <button
                        type="button"
                        className="button button--link"
                        data-testid="imported-open"
                        onClick={() => props.onOpenCable(r)}
                      >
                        <ShownText text={r.ref} />
                      </button>
                    </td>
                    <td className="mono">
                      <ShownText text={r.file} />
                    </td>
                    <td className="num">{r.doc}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {skipped.length > 0 && (
        <section className="import-summary__part" aria-labelledby={ids.skipped}>
          <h4 id={ids.skipped} className="import-summary__title">
            Skipped
          </h4>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Document
                  </th>
                  <th scope="col">Ref</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {skipped.map((r, i) => (
                  <tr key={`${i}-${r.file}-${r.doc}`} data-testid="skipped-row" data-ref={r.ref ?? undefined}>
                    <td className="mono">
                      <ShownText text={r.file} />
                    </td>
                    <td className="num">{r.doc}</td>
                    <td className="mono">
                      {r.ref === null ? <span className="muted">—</span> : <ShownText text={r.ref} />}
                    </td>
                    <td>
                      <ShownText text={r.reason} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "2 telegrams imported, 1 skipped, 1 file refused." */
export function summaryLine(status: FrusImportStatus): string {
  const parts = [
    `${count(status.imported.length, 'telegram', 'telegrams')} imported`,
    `${status.skipped.length} skipped`,
  ];
  if (status.failedFiles.length > 0) parts.push(`${count(status.failedFiles.length, 'file', 'files')} refused`);
  return `${parts.join(', ')}.`;
}
