import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type DependencyList } from 'react';
import { Loader, type Fetch, type LoadSnapshot, type SessionEndedReport } from './loader';
import { useSessionEnded } from './session';

export type Load<T> = LoadSnapshot<T> &
  Readonly<{
    /** Asks again, keeping the value shown until the answer comes. */
    reload(): void;
    /** Changes the value held, e.g. to the row main answered an edit with. */
    set(update: (value: T) => T): void;
    /** Holds `value` as the answer (an edit main answered with the whole new state). */
    put(value: T): void;
  }>;

/**
 * Reads a value from main for a screen (issue 14 items 10 and 11): asked at mount and whenever
 * `deps` change (like useEffect's; eslint checks them, `additionalHooks` in eslint.config.mjs),
 * with `state` loading | ready | error (idle while `fetch` returns null), `slow` once it has
 * taken SLOW_WORK_MS, and NOT_SIGNED_IN reported the one way the app does (SessionEndedContext).
 * Show `slow` with `SlowWorkStatus`, so a fast answer never flashes a progress line.
 */
export function useLoad<T>(fetch: Fetch<T>, deps: DependencyList): Load<T> {
  return useLoadReporting(useSessionEnded(), fetch, deps);
}

/** `useLoad` for App itself, which is where the session ends and so reports to itself. */
export function useLoadReporting<T>(
  onSessionEnded: SessionEndedReport,
  fetch: Fetch<T>,
  deps: DependencyList,
): Load<T> {
  const [loader] = useState(() => new Loader<T>(true));
  const latest = useRef({ fetch, onSessionEnded });
  useEffect(() => {
    latest.current = { fetch, onSessionEnded };
  });

  useEffect(() => {
    loader.load(fetch, onSessionEnded);
    return () => loader.cancel();
    // The deps are the caller's: they are checked at the call site (exhaustive-deps additionalHooks).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const snapshot = useSyncExternalStore(loader.subscribe, loader.getSnapshot);
  const reload = useCallback(() => loader.load(latest.current.fetch, latest.current.onSessionEnded), [loader]);
  return { ...snapshot, reload, set: loader.set, put: loader.put };
}
