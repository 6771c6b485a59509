import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DirectoryView } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import {
  DistributionPanel,
  type DistributionState,
  type ExportKind,
  type DistributionPanelProps,
} from './DistributionPanel';
import { DEFAULT_SORT, nextSort, type TableSort } from './distributionTable';
import { graphPicture, pictureFilename, pictureToPng } from './exportGraph';
import { layoutDistribution } from './layout';
import { saveBlobFile, saveTextFile } from '../common/download';
import { describeError } from '../common/errorText';
import type { ViewMarking } from '../common/viewMarking';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';

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
}) {
  const { client, cableId, reloadKey, directory } = props;
  const failure = useFailure();
  const loaded = useLoad(() => client.showDistribution(cableId), [client, cableId]);
  // A new reloadKey asks again; the picture shown stays until the answer comes.
  const { reload } = loaded;
  const seenReloadKey = useRef(reloadKey);
  useEffect(() => {
    if (seenReloadKey.current === reloadKey) return;
    seenReloadKey.current = reloadKey;
    reload();
  }, [reloadKey, reload]);
  const [sort, setSort] = useState<TableSort>(DEFAULT_SORT);
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportNotice, setExportNotice] = useState<DistributionPanelProps['exportNotice']>(null);
  const graphHolder = useRef<SVGSVGElement>(null);

  const shortNames = useMemo(
    () => new Map((directory?.stations ?? []).map((s) => [s.plad, s.shortName] as const)),
    [directory],
  );

  const loadFailure = failureOf(loaded);
  const distribution = loaded.state === 'error' ? null : loaded.value;
  const layout = useMemo(
    () => (distribution === null ? null : layoutDistribution(distribution, { shortNames })),
    [distribution, shortNames],
  );
  const state: DistributionState =
    loadFailure !== null
      ? { status: 'error', message: describeError(loadFailure), code: loadFailure.code }
      : distribution !== null && layout !== null
        ? { status: 'ready', distribution, layout }
        : { status: 'loading', slow: loaded.slow };

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
          const err = failure(e);
          if (err) setExportNotice({ tone: 'error', text: `Not exported: ${describeError(err)}` });
        })
        .finally(() => setExporting(null));
    },
    [client, cableId, exporting, failure, props.marking, props.cableRef],
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
      onRetry={loaded.reload}
    />
  );
}
