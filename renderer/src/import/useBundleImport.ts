import { useCallback, useState } from 'react';
import type { BundleSummary } from '../../../electron/domain/exchange';
import type { CableroomClient, ClientErrorCode } from '../common/api';
import { useFailure } from '../common/session';
import { fileLabel, formatBytes, MAX_FILE_BYTES } from './chosenFiles';
import { useMounted } from '../common/useMounted';

/**
 * Importing one signed bundle (issue 6): main verifies every signature against the public keys it
 * knows and writes all of the bundle's cables, or none. The answer is either the summary (what
 * was imported, what was already here) or main's refusal, shown word for word.
 */
export type BundleImportState =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'importing'; fileName: string }>
  | Readonly<{ phase: 'imported'; fileName: string; summary: BundleSummary }>
  | Readonly<{ phase: 'refused'; fileName: string; code: ClientErrorCode | 'UNREADABLE_FILE'; message: string }>;

export type BundleImport = Readonly<{ state: BundleImportState; importFile(file: File): void }>;

const IDLE: BundleImportState = { phase: 'idle' };

/** Main's integrity refusals start with these words; the screen says them once, as a heading. */
export const REFUSAL_PREFIX = 'Bundle refused: ';

export function useBundleImport(client: CableroomClient): BundleImport {
  const failure = useFailure();
  const [state, setState] = useState<BundleImportState>(IDLE);
  const live = useMounted();

  const importFile = useCallback(
    (file: File) => {
      const fileName = fileLabel(file);
      if (file.size > MAX_FILE_BYTES) {
        setState({
          phase: 'refused',
          fileName,
          code: 'BAD_REQUEST',
          message: `The file is larger than ${formatBytes(MAX_FILE_BYTES)}: it cannot be a bundle this app wrote.`,
        });
        return;
      }
      setState({ phase: 'importing', fileName });
      void (async () => {
        let bytes: Uint8Array<ArrayBuffer>;
        try {
          bytes = new Uint8Array(await file.arrayBuffer());
        } catch (e) {
          const message = `${fileName} could not be read (${e instanceof Error ? e.message : String(e)}).`;
          if (live.current) setState({ phase: 'refused', fileName, code: 'UNREADABLE_FILE', message });
          return;
        }
        try {
          const summary = await client.importBundle(bytes);
          if (live.current) setState({ phase: 'imported', fileName, summary });
        } catch (e) {
          if (!live.current) return;
          const err = failure(e);
          if (err) setState({ phase: 'refused', fileName, code: err.code, message: err.message });
        }
      })();
    },
    [client, failure, live],
  );

  return { state, importFile };
}
