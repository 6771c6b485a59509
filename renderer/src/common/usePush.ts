import { useEffect, useRef } from 'react';
import type { PushEvent } from '../../../electron/contract/push';
import type { CableroomClient } from './api';

/**
 * Calls `onEvent` with each event main pushes to this window (issue 14 item 1): hints that
 * something the user may see changed, to fetch again through the ordinary endpoints. The latest
 * `onEvent` is used without subscribing again.
 */
export function usePush(client: CableroomClient, onEvent: (event: PushEvent) => void): void {
  const latest = useRef(onEvent);
  useEffect(() => {
    latest.current = onEvent;
  });
  useEffect(() => client.onPush((event) => latest.current(event)), [client]);
}
