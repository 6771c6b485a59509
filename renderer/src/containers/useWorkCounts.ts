import { useCallback, useEffect, useRef, useState } from 'react';
import type { WorkCounts } from '../../../electron/contract/push';
import { toApiError, type ApiError, type CableroomClient } from '../api';
import { usePush } from './usePush';

export type WorkCountsState = Readonly<{ counts: WorkCounts | null; refresh(): void }>;

/**
 * Unread deliveries and drafts waiting for the user (issue 14 item 2): asked at sign-in, on
 * every push (an arrival, a read, a draft step) and when the window regains focus — no polling.
 * An answer older than the newest request is dropped.
 */
export function useWorkCounts(client: CableroomClient, onSessionEnded: (e: ApiError) => void): WorkCountsState {
  const [counts, setCounts] = useState<WorkCounts | null>(null);
  const latestRequest = useRef(0);
  const live = useRef(true);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    client.workCounts().then(
      (c) => {
        if (live.current && request === latestRequest.current) setCounts(c);
      },
      (e: unknown) => {
        if (!live.current) return;
        const err = toApiError(e);
        // Anything else is transient: the next push asks again, and the last counts stay up.
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
      },
    );
  }, [client, onSessionEnded]);

  useEffect(() => {
    live.current = true;
    refresh();
    window.addEventListener('focus', refresh);
    return () => {
      live.current = false;
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  usePush(client, (event) => {
    if (event.kind === 'inbox' || event.kind === 'drafts' || event.kind === 'alerts') refresh();
  });

  return { counts, refresh };
}
