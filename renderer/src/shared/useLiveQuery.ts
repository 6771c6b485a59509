import { useCallback, useEffect, useRef, useState } from 'react';
import type { PushEvent } from '../../../electron/contract/push';
import { toApiError, type ApiError, type CableroomClient } from './api';
import { usePush } from './usePush';

export type LiveQueryOptions = Readonly<{
  /** Which pushes from main make the value stale (issue 14 item 1). */
  refreshOn: (event: PushEvent) => boolean;
  /** A fallback poll, for changes no push reports (another process writing the file). */
  pollMs?: number;
}>;

/**
 * A value read from main and kept fresh: asked for at mount, on each push that `refreshOn`
 * accepts, when the window regains focus and, if given, every `pollMs`. An answer that arrives
 * after a newer request was sent is dropped, so a slow reply cannot bring back a stale value;
 * a failure other than NOT_SIGNED_IN is transient (the last value stays up, the next refresh
 * asks again). `load` should be stable (useCallback).
 */
export function useLiveQuery<T>(
  client: CableroomClient,
  load: () => Promise<T>,
  initial: T,
  onSessionEnded: (e: ApiError) => void,
  { refreshOn, pollMs }: LiveQueryOptions,
): Readonly<{ value: T; refresh(): void }> {
  const [value, setValue] = useState<T>(initial);
  const latestRequest = useRef(0);
  const live = useRef(true);

  const refresh = useCallback(() => {
    const request = ++latestRequest.current;
    load().then(
      (v) => {
        if (live.current && request === latestRequest.current) setValue(v);
      },
      (e: unknown) => {
        if (!live.current) return;
        const err = toApiError(e);
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
      },
    );
  }, [load, onSessionEnded]);

  useEffect(() => {
    live.current = true;
    refresh();
    const timer = pollMs === undefined ? undefined : window.setInterval(refresh, pollMs);
    window.addEventListener('focus', refresh);
    return () => {
      live.current = false;
      if (timer !== undefined) window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh, pollMs]);

  usePush(client, (event) => {
    if (refreshOn(event)) refresh();
  });

  return { value, refresh };
}
