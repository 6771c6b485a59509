import { toApiError, type ApiError } from './api';

/**
 * How long work may take before the screen says it is under way (issue 14 item 10). Below this a
 * wait is hardly noticed, and a progress line that came and went within it would only flicker.
 */
export const SLOW_WORK_MS = 200;

/**
 * One value read from main, as a screen shows it:
 * - `idle`: nothing asked for (yet);
 * - `loading`: asked; `slow` once the answer has taken SLOW_WORK_MS;
 * - `ready`: the answer;
 * - `error`: main's refusal or a failed call, as an ApiError for the screen to word.
 * `value` is the last value read, kept while a newer one is asked for (a reload, or new deps) so
 * a screen does not blank out and flash back; it belongs to the request before when `state` is
 * not `ready`.
 */
export type LoadSnapshot<T> =
  | Readonly<{ state: 'idle'; value: T | null; error: null; slow: false }>
  | Readonly<{ state: 'loading'; value: T | null; error: null; slow: boolean }>
  | Readonly<{ state: 'ready'; value: T; error: null; slow: false }>
  | Readonly<{ state: 'error'; value: T | null; error: ApiError; slow: false }>;

/** What a load reports when main says the session has ended (App shows sign-in and why). */
export type SessionEndedReport = (e: ApiError) => void;

/** Nothing to ask for now (e.g. the directory before the Distribution tab is opened). */
export type Fetch<T> = () => Promise<T> | null;

type Timers = Readonly<{
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}>;

const GLOBAL_TIMERS: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * The load-and-report-errors pattern the containers repeated by hand, free of React so it is
 * tested under Node (tests/renderer/common/loader.test.ts); `useLoad` is its React face.
 *
 * Each `load` supersedes the one before: an answer to an older request is dropped, so a slow
 * reply cannot bring back a stale value. NOT_SIGNED_IN is reported through `onSessionEnded`, the
 * one way the app handles an ended session (App returns to sign-in and says why); every other
 * failure becomes the `error` state, and the screen decides the words.
 */
export class Loader<T> {
  private snapshot: LoadSnapshot<T>;
  private request = 0;
  private slowTimer: unknown = undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    /** True when the first render already waits for a load (no `idle` frame before it starts). */
    startsLoading: boolean,
    private readonly timers: Timers = GLOBAL_TIMERS,
    private readonly slowAfterMs: number = SLOW_WORK_MS,
  ) {
    this.snapshot = startsLoading
      ? { state: 'loading', value: null, error: null, slow: false }
      : { state: 'idle', value: null, error: null, slow: false };
  }

  readonly getSnapshot = (): LoadSnapshot<T> => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Asks `fetch`; a null from it means there is nothing to ask for now (the state goes idle). */
  load(fetch: Fetch<T>, onSessionEnded: SessionEndedReport): void {
    const request = this.supersede();
    let promise: Promise<T> | null;
    try {
      promise = fetch();
    } catch (e) {
      promise = Promise.reject(e);
    }
    const { value } = this.snapshot;
    if (promise === null) {
      if (this.snapshot.state === 'loading') this.publish({ state: 'idle', value, error: null, slow: false });
      return;
    }
    this.publish({ state: 'loading', value, error: null, slow: false });
    this.slowTimer = this.timers.setTimeout(() => {
      this.slowTimer = undefined;
      if (request === this.request && this.snapshot.state === 'loading') this.publish({ ...this.snapshot, slow: true });
    }, this.slowAfterMs);
    promise.then(
      (answer) => {
        if (request !== this.request) return;
        this.stopSlowTimer();
        this.publish({ state: 'ready', value: answer, error: null, slow: false });
      },
      (e: unknown) => {
        if (request !== this.request) return;
        this.stopSlowTimer();
        const error = toApiError(e);
        this.publish({ state: 'error', value: this.snapshot.value, error, slow: false });
        if (error.code === 'NOT_SIGNED_IN') onSessionEnded(error);
      },
    );
  }

  /** Changes the value held (after an edit main answered with the new row); the state stays. */
  readonly set = (update: (value: T) => T): void => {
    if (this.snapshot.value === null) return;
    this.publish({ ...this.snapshot, value: update(this.snapshot.value) } as LoadSnapshot<T>);
  };

  /**
   * Holds `value` as the answer (main answered an edit with the whole new state): it supersedes any
   * request in flight, whose answer would be older.
   */
  readonly put = (value: T): void => {
    this.supersede();
    this.publish({ state: 'ready', value, error: null, slow: false });
  };

  /** Drops the answer of any request in flight (the screen went away, or is about to ask anew). */
  cancel(): void {
    this.supersede();
  }

  private supersede(): number {
    this.stopSlowTimer();
    return ++this.request;
  }

  private stopSlowTimer(): void {
    if (this.slowTimer !== undefined) this.timers.clearTimeout(this.slowTimer);
    this.slowTimer = undefined;
  }

  private publish(next: LoadSnapshot<T>): void {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}

/** What a view needs to show a load under way: busy (aria-busy) at once, the progress line once slow. */
export type LoadProgress = Readonly<{ busy: boolean; slow: boolean }>;

export function progressOf(load: LoadSnapshot<unknown>): LoadProgress {
  return { busy: load.state === 'loading', slow: load.slow };
}

/** A load's failure, or null; NOT_SIGNED_IN is null too, as it has been reported and needs no words. */
export function failureOf(load: LoadSnapshot<unknown>): ApiError | null {
  return load.state === 'error' && load.error.code !== 'NOT_SIGNED_IN' ? load.error : null;
}
