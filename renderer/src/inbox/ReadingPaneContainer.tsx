import { useEffect, useState } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../shared/api';
import type { CableScreenState } from '../cable/CableScreen';
import { ReadingPane } from './ReadingPane';
import { describeError } from '../shared/errorText';

/** A selection held this long is read; arrowing past rows does not open (and audit) each one. */
const SETTLE_MS = 200;

/** Where the reading pane setting is remembered between sessions (issue 14 item 4). */
const READING_PANE_KEY = 'cableroom.readingPane';

export function loadReadingPane(): boolean {
  try {
    return window.localStorage.getItem(READING_PANE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function saveReadingPane(on: boolean): void {
  try {
    window.localStorage.setItem(READING_PANE_KEY, on ? 'on' : 'off');
  } catch {
    // Storage refused: the setting lasts for this window only.
  }
}

/** Loads the selected row's cable through `showCable` (main decides access and audits VIEW). */
export function ReadingPaneContainer(props: {
  client: CableroomClient;
  row: InboxRow | null;
  onOpen(row: InboxRow): void;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, row, onSessionEnded } = props;
  const cableId = row?.cableId ?? null;
  const [loaded, setLoaded] = useState<Readonly<{ cableId: number; state: CableScreenState }> | null>(null);

  useEffect(() => {
    if (cableId === null) return;
    let current = true;
    const timer = window.setTimeout(() => {
      client.showCable(cableId).then(
        (cable) => {
          if (current) setLoaded({ cableId, state: { status: 'ready', cable } });
        },
        (e: unknown) => {
          if (!current) return;
          const err = toApiError(e);
          if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
          else setLoaded({ cableId, state: { status: 'error', message: describeError(err) } });
        },
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [client, cableId, onSessionEnded]);

  const state = loaded !== null && loaded.cableId === cableId ? loaded.state : null;
  return <ReadingPane row={row} state={state} onOpen={() => row && props.onOpen(row)} />;
}
