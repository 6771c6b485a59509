import { useCallback, useMemo, useRef, useState } from 'react';
import type { Classification } from '../../../electron/domain/classification';
import { trafficEdges, type TrafficCable } from '../../../electron/domain/traffic';
import type { CableroomClient } from '../common/api';
import { saveBlobFile, saveTextFile } from '../common/download';
import { describeError } from '../common/errorText';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';
import { overallMarking, UNCLASSIFIED_MARKING } from '../common/viewMarking';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { graphPicture, pictureToPng } from '../distribution/exportGraph';
import { TrafficScreen, type TrafficData, type TrafficScreenProps } from './TrafficScreen';
import {
  captionsOf,
  classificationsOf,
  filterOf,
  sendingDays,
  toggled,
  wholeRange,
  type TrafficChoice,
} from './trafficFilter';
import { trafficFilename } from './trafficGeometry';

export type TrafficCableTarget = Readonly<{
  cableId: number;
  ref: string;
  classification: Classification;
  banner: string;
}>;

/**
 * Wires the traffic view (issue 12 item 5): `trafficVolumes` for the choice of volume,
 * `volumeTraffic` for the chosen one (main sends only telegrams the reader may read, and audits
 * the archive rule's admissions), the filters applied here with the domain's own `trafficEdges`,
 * and the export: main checks and audits it (`recordTrafficExport`) before the file is saved,
 * marked with the overall marking of what the picture shows.
 */
export function TrafficContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  /** The volume to show first (from the import summary); else the first one. */
  volume: string | null;
  onVolume(volume: string): void;
  onOpenCable(target: TrafficCableTarget): void;
}) {
  const { client } = props;
  const failure = useFailure();
  const volumes = useLoad(() => client.trafficVolumes(), [client]);
  const list = volumes.state === 'ready' ? volumes.value : null;
  const volume = props.volume ?? list?.[0]?.volume ?? null;
  const traffic = useLoad(() => (volume === null ? null : client.volumeTraffic(volume)), [client, volume]);
  const loaded = traffic.state === 'ready' && traffic.value.volume === volume ? traffic.value : null;

  const [choiceFor, setChoiceFor] = useState<{ volume: string; choice: TrafficChoice } | null>(null);
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null);
  const [exporting, setExporting] = useState<'svg' | 'png' | null>(null);
  const [exportNotice, setExportNotice] = useState<TrafficScreenProps['exportNotice']>(null);
  const graphHolder = useRef<SVGSVGElement>(null);

  const basis = useMemo(() => {
    if (loaded === null) return null;
    const days = sendingDays(loaded.cables);
    return {
      days,
      classifications: classificationsOf(loaded.cables),
      captions: captionsOf(loaded.cables),
      cablesById: new Map(loaded.cables.map((c) => [c.cableId, c] as const)),
    };
  }, [loaded]);
  const choice = choiceFor !== null && choiceFor.volume === volume ? choiceFor.choice : wholeRange(basis?.days ?? []);
  const setChoice = (next: TrafficChoice) => {
    if (volume !== null) setChoiceFor({ volume, choice: next });
  };

  const data = useMemo<TrafficData | null>(() => {
    if (loaded === null || basis === null) return null;
    const filter = filterOf(choice, basis.days, basis.classifications, basis.captions);
    const edges = trafficEdges(loaded.cables, filter);
    const shown = new Set(edges.flatMap((e) => e.cableIds));
    return {
      volume: loaded.volume,
      days: basis.days,
      classifications: basis.classifications,
      captions: basis.captions,
      layout: loaded.layout,
      edges,
      shown: shown.size,
      total: loaded.cables.length,
      cablesById: basis.cablesById,
    };
  }, [loaded, basis, choice]);

  // The banners: the overall marking of the telegrams the picture shows (rule 25).
  const marking = useMemo(() => {
    if (data === null) return UNCLASSIFIED_MARKING;
    const shown: TrafficCable[] = [];
    for (const e of data.edges) for (const id of e.cableIds) shown.push(data.cablesById.get(id)!);
    return overallMarking(shown);
  }, [data]);

  const exportGraph = useCallback(
    (kind: 'svg' | 'png') => {
      const graph = graphHolder.current;
      if (!graph || exporting !== null || volume === null) return;
      const picture = graphPicture(graph, marking);
      const filename = trafficFilename(volume, kind);
      setExportNotice(null);
      setExporting(kind);
      client
        .recordTrafficExport(volume, kind)
        .then(async () => {
          if (kind === 'svg') saveTextFile(filename, 'image/svg+xml', picture.svg);
          else saveBlobFile(filename, await pictureToPng(picture));
          setExportNotice({ tone: 'done', text: `Saved ${filename}, marked ${marking.text} at top and bottom.` });
        })
        .catch((e: unknown) => {
          const err = failure(e);
          if (err) setExportNotice({ tone: 'error', text: `Not exported: ${describeError(err)}` });
        })
        .finally(() => setExporting(null));
    },
    [client, exporting, failure, marking, volume],
  );

  const volumesFailure = failureOf(volumes);
  const trafficFailure = failureOf(traffic);
  return (
    <TrafficScreen
      chrome={props.chrome}
      marking={marking}
      volumes={
        volumesFailure !== null
          ? { status: 'error', message: describeError(volumesFailure) }
          : list !== null
            ? { status: 'ready', list }
            : { status: 'loading', slow: volumes.slow }
      }
      volume={volume}
      traffic={
        volume === null
          ? { status: 'idle' }
          : trafficFailure !== null
            ? { status: 'error', message: describeError(trafficFailure) }
            : data !== null
              ? { status: 'ready', data }
              : { status: 'loading', slow: traffic.slow }
      }
      choice={choice}
      selectedEdge={selectedEdge}
      exporting={exporting}
      exportNotice={exportNotice}
      graphHolder={graphHolder}
      onVolume={(v) => {
        setSelectedEdge(null);
        setExportNotice(null);
        props.onVolume(v);
      }}
      onChoice={setChoice}
      onToggleClassification={(c) =>
        setChoice({ ...choice, hiddenClassifications: toggled(choice.hiddenClassifications, c) })
      }
      onToggleCaption={(c) => setChoice({ ...choice, hiddenCaptions: toggled(choice.hiddenCaptions, c) })}
      onSelectEdge={setSelectedEdge}
      onOpenCable={(c) =>
        props.onOpenCable({ cableId: c.cableId, ref: c.ref, classification: c.classification, banner: c.banner })
      }
      onExport={exportGraph}
    />
  );
}
