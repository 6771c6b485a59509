import { useEffect, useState } from 'react';
import { SLOW_WORK_MS } from './loader';

/**
 * True once `active` work has lasted SLOW_WORK_MS (issue 14 item 10), for work that is not a
 * `useLoad` (the inbox's pages, which InboxFeed fetches): the same threshold, so no screen
 * flashes a progress line for a fast answer.
 */
export function useSlow(active: boolean): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = window.setTimeout(() => setSlow(true), SLOW_WORK_MS);
    return () => {
      window.clearTimeout(timer);
      setSlow(false);
    };
  }, [active]);
  return active && slow;
}
