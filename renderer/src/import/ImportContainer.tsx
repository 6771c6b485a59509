import { useState } from 'react';
import type { CableroomClient } from '../common/api';
import { ImportScreen } from './ImportScreen';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { chooseTeiFiles, chosenFiles, fileLabel, NO_TEI_CHOICE, type TeiChoice } from './chosenFiles';
import { useBundleImport } from './useBundleImport';
import { useFrusImport } from './useFrusImport';
import type { ImportedEntry } from './ImportSummary';

/**
 * Wires the Import screen (issue 6): FRUS TEI files → `startFrusImport`, polled with
 * `frusImportStatus`; a bundle file → `importBundle`. Who may do what is main's decision
 * (ACCESS_DENIED is shown as it comes); `canImportFrus` only hides the FRUS part from officers and trainees.
 */
export function ImportContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  canImportFrus: boolean;
  /** Opens an imported telegram from the summary (main decides on opening whether it may be read). */
  onOpenCable(entry: ImportedEntry): void;
  /** Opens the traffic view of an imported volume. */
  onOpenTraffic(volume: string | null): void;
}) {
  const { client } = props;
  const frus = useFrusImport(client, props.chrome.user.login);
  const bundle = useBundleImport(client);
  const [tei, setTei] = useState<TeiChoice>(NO_TEI_CHOICE);
  const [teiInputKey, setTeiInputKey] = useState(0);
  const [bundleFile, setBundleFile] = useState<File | null>(null);
  const [bundleInputKey, setBundleInputKey] = useState(0);

  const startFrus = () => {
    if (tei.files.length === 0 || tei.problem !== null) return;
    frus.start(tei.files);
    setTei(NO_TEI_CHOICE);
    setTeiInputKey((k) => k + 1);
  };

  const importBundle = () => {
    if (!bundleFile) return;
    bundle.importFile(bundleFile);
    setBundleFile(null);
    setBundleInputKey((k) => k + 1);
  };

  return (
    <ImportScreen
      chrome={props.chrome}
      frus={
        props.canImportFrus
          ? {
              chosen: chosenFiles(tei.files),
              leftOut: tei.leftOut,
              problem: tei.problem,
              inputKey: teiInputKey,
              state: frus.state,
              onChoose: (files) => setTei(chooseTeiFiles(files)),
              onStart: startFrus,
              onClear: () => {
                setTei(NO_TEI_CHOICE);
                setTeiInputKey((k) => k + 1);
              },
              onResume: frus.resume,
              onOpenCable: props.onOpenCable,
              onOpenTraffic: props.onOpenTraffic,
            }
          : null
      }
      bundle={{
        chosen: bundleFile ? { name: fileLabel(bundleFile), sizeBytes: bundleFile.size } : null,
        inputKey: bundleInputKey,
        state: bundle.state,
        onChoose: setBundleFile,
        onImport: importBundle,
      }}
    />
  );
}
