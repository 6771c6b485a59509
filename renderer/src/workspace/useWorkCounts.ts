import { useCallback } from 'react';
import type { WorkCounts } from '../../../electron/contract/push';
import type { CableroomClient } from '../common/api';
import { useLiveQuery } from '../common/useLiveQuery';

export type WorkCountsState = Readonly<{ counts: WorkCounts | null; refresh(): void }>;

/**
 * Unread deliveries and drafts waiting for the user (issue 14 item 2): asked at sign-in, on
 * every push (an arrival, a read, a draft step) and when the window regains focus — no polling.
 */
export function useWorkCounts(client: CableroomClient): WorkCountsState {
  const load = useCallback((): Promise<WorkCounts | null> => client.workCounts(), [client]);
  const { value, refresh } = useLiveQuery(client, load, null, {
    refreshOn: (event) => event.kind === 'inbox' || event.kind === 'drafts' || event.kind === 'alerts',
  });
  return { counts: value, refresh };
}
