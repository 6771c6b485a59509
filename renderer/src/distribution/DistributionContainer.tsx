import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DirectoryView, Distribution } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../shared/api';
import {
  DistributionPanel,
  type DistributionState,
  type ExportKind,
  type DistributionPanelProps,
} from './DistributionPanel';
import { DEFAULT_SORT, nextSort, type TableSort } from './distributionTable';
import { graphPicture, pictureFilename, pictureToPng } from './exportGraph';
import { layoutDistribution } from './layout';
import { saveBlobFile, saveTextFile } from '../shared/download';
import { describeError } from '../shared/errorText';
import type { ViewMarking } from '../shared/viewMarking';

type Loaded =
  | Readonly<{ status: 'loading' }>
  | Readonly<{ status: 'error'; message: string; code: string }>
  | Readonly<{ status: 'ready'; distribution: Distribution }>;

/**
 * Loads `showDistribution` for one cable (main decides how much of it the viewer may see and
 * audits a refusal) and exports the graph as SVG or PNG, each carrying the cable's marking.
 * `reloadKey` changes after a pass or a repeat, so the picture follows what was just done.
 */
export function DistributionContainer(props: {
  client: CableroomClient;
  cableId: number;
  cableRef: string;
  marking: ViewMarking;
  ownPost: string;
  directory: DirectoryView | null;
  reloadKey: number;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, cableId, reloadKey, onSessionEnded, directory } = props;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [sort, setSort] = useState<TableSort>(DEFAULT_SORT);
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportNotice, setExportNotice] = useState<DistributionPanelProps['exportNotice']>(null);
  const graphHolder = useRef<SVGSVGElement>(null);

  useEffect(() => {
    let current = true;
    client.showDistribution(cableId).then(
      (distribution) => {
        if (current) setLoaded({ status: 'ready', distribution });
      },
      (e: unknown) => {
        if (!current) return;
        const err = toApiError(e);
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
        else setLoaded({ status: 'error', message: describeError(err), code: err.code });
      },
    );
    return () => {
      current = false;
    };
  }, [client, cableId, reloadKey, attempt, onSessionEnded]);

  const shortNames = useMemo(
    () => new Map((directory?.stations ?? []).map((s) => [s.plad, s.shortName] as const)),
    [directory],
  );

  const state: DistributionState = useMemo(() => {
    if (loaded.status !== 'ready') return loaded;
    return {
      status: 'ready',
      distribution: loaded.distribution,
      layout: layoutDistribution(loaded.distribution, { shortNames }),
    };
  }, [loaded, shortNames]);

  const exportGraph = useCallback(
    (kind: ExportKind) => {
      const graph = graphHolder.current;
      if (!graph || exporting !== null) return;
      const picture = graphPicture(graph, props.marking);
      const filename = pictureFilename(props.cableRef, kind);
      const saved = `Saved ${filename}, marked ${props.marking.text} at top and bottom.`;
      setExportNotice(null);
      setExporting(kind);
      // Main checks and audits the export first; nothing is saved if it refuses.
      client
        .recordDistributionExport(cableId, kind)
        .then(async () => {
          if (kind === 'svg') saveTextFile(filename, 'image/svg+xml', picture.svg);
          else saveBlobFile(filename, await pictureToPng(picture));
          setExportNotice({ tone: 'done', text: saved });
        })
        .catch((e: unknown) => {
          const err = toApiError(e);
          if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
          else setExportNotice({ tone: 'error', text: `Not exported: ${describeError(err)}` });
        })
        .finally(() => setExporting(null));
    },
    [client, cableId, exporting, onSessionEnded, props.marking, props.cableRef],
  );

  return (
    <DistributionPanel
      state={state}
      ownPost={props.ownPost}
      shortNames={shortNames}
      sort={sort}
      exporting={exporting}
      exportNotice={exportNotice}
      graphHolder={graphHolder}
      onSort={(column) => setSort((s) => nextSort(s, column))}
      onExport={exportGraph}
      onRetry={() => {
        setLoaded({ status: 'loading' });
        setAttempt((n) => n + 1);
      }}
    />
  );
}
