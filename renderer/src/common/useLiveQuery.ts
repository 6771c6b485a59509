import { useEffect } from 'react';
import type { PushEvent } from '../../../electron/contract/push';
import type { CableroomClient } from './api';
import { useLoad } from './useLoad';
import { usePush } from './usePush';

export type LiveQueryOptions = Readonly<{
  /** Which pushes from main make the value stale (issue 14 item 1). */
  refreshOn: (event: PushEvent) => boolean;
  /** A fallback poll, for changes no push reports (another process writing the file). */
  pollMs?: number;
}>;

/**
 * A value read from main and kept fresh: asked for at mount (useLoad), on each push that
 * `refreshOn` accepts, when the window regains focus and, if given, every `pollMs`. An answer
 * that arrives after a newer request was sent is dropped, so a slow reply cannot bring back a
 * stale value; a failure other than NOT_SIGNED_IN (reported by useLoad) is transient: the last
 * value stays up and the next refresh asks again. `load` should be stable (useCallback).
 */
export function useLiveQuery<T>(
  client: CableroomClient,
  load: () => Promise<T>,
  initial: T,
  { refreshOn, pollMs }: LiveQueryOptions,
): Readonly<{ value: T; refresh(): void }> {
  const query = useLoad(() => load(), [load]);
  const { reload } = query;

  useEffect(() => {
    const timer = pollMs === undefined ? undefined : window.setInterval(reload, pollMs);
    window.addEventListener('focus', reload);
    return () => {
      if (timer !== undefined) window.clearInterval(timer);
      window.removeEventListener('focus', reload);
    };
  }, [reload, pollMs]);

  usePush(client, (event) => {
    if (refreshOn(event)) reload();
  });

  return { value: query.value ?? initial, refresh: reload };
}
