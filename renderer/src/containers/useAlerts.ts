import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../api';
import { usePush } from './usePush';

/**
 * FLASH and NIACT deliveries waiting for acknowledgement (DOMAIN.md rule 8; 5 FAH-2 H-421.1:
 * the duty officer is told on receipt, at any hour). Asked for at sign-in, whenever main pushes
 * an arrival or an acknowledgement (issue 14 item 1), when the window regains focus, and every
 * ALERT_POLL_MS as a fallback. An answer that arrives after a newer
 * request was sent is dropped, so a slow reply cannot bring back an acknowledged alert.
 */
export const ALERT_POLL_MS = 15_000;

export type Alerts = Readonly<{ rows: ReadonlyArray<InboxRow>; refresh(): void }>;

export function useAlerts(client: CableroomClient, onSessionEnded: (e: ApiError) => void): Alerts {
  const [rows, setRows] = useState<ReadonlyArray<InboxRow>>([]);
  const latestRequest = useRef(0);
  const live = useRef(true);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    client.listAlerts().then(
      (alerts) => {
        if (live.current && request === latestRequest.current) setRows(alerts);
      },
      (e: unknown) => {
        if (!live.current) return;
        const err = toApiError(e);
        // Anything else is transient: the next poll asks again, and the last list stays up.
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
      },
    );
  }, [client, onSessionEnded]);

  useEffect(() => {
    live.current = true;
    refresh();
    const timer = window.setInterval(refresh, ALERT_POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      live.current = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  usePush(client, (event) => {
    if (event.kind === 'alerts') refresh();
  });

  return { rows, refresh };
}
