import { useEffect, useState } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../api';
import { CableScreen, type CableScreenState } from '../components/CableScreen';
import { describeError } from '../errorText';

/** Loads one cable with `showCable` (the access decision and audit entry happen in core). */
export function CableContainer(props: {
  client: CableroomClient;
  row: InboxRow;
  onBack(): void;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, row, onBack, onSessionEnded } = props;
  const [state, setState] = useState<CableScreenState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    client.showCable(row.cableId).then(
      (cable) => {
        if (live) setState({ status: 'ready', cable });
      },
      (e: unknown) => {
        if (!live) return;
        const err = toApiError(e);
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
        else setState({ status: 'error', message: describeError(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, row.cableId, onSessionEnded]);

  return (
    <CableScreen state={state} placeholder={{ ref: row.ref, classification: row.classification }} onBack={onBack} />
  );
}
