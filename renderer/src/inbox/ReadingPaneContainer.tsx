import { useEffect, useState } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import type { CableScreenState } from '../cable/CableScreen';
import { ReadingPane } from './ReadingPane';
import { describeError } from '../common/errorText';
import { failureOf } from '../common/loader';
import { useLoad } from '../common/useLoad';

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

/** `value` once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Loads the selected row's cable through `showCable` (main decides access and audits VIEW). */
export function ReadingPaneContainer(props: {
  client: CableroomClient;
  row: InboxRow | null;
  ownPost: string;
  onOpen(row: InboxRow): void;
}) {
  const { client, row } = props;
  // A sealed envelope is never loaded: its text is not the user's to read (Envelope.tsx).
  const cableId = row && !row.sealed ? row.cableId : null;
  const settledId = useSettled(cableId, SETTLE_MS);
  const load = useLoad(() => (settledId === null ? null : client.showCable(settledId)), [client, settledId]);

  // Until the selection has settled and its answer come, the pane shows no other cable's text.
  const current = settledId === cableId;
  const loadFailure = failureOf(load);
  let state: CableScreenState | null = null;
  if (row?.sealed) state = { status: 'sealed' };
  else if (current && loadFailure !== null) state = { status: 'error', message: describeError(loadFailure) };
  else if (current && load.state === 'ready') state = { status: 'ready', cable: load.value };
  else if (current && load.state === 'loading') state = { status: 'loading', slow: load.slow };
  return <ReadingPane row={row} state={state} ownPost={props.ownPost} onOpen={() => row && props.onOpen(row)} />;
}
