import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/common/api';
import { failureOf, Loader, progressOf, SLOW_WORK_MS, type LoadSnapshot } from '../../../renderer/src/common/loader';
import { SlowWorkStatus } from '../../../renderer/src/common/SlowWork';

/**
 * The load-and-report-errors pattern behind useLoad (issue 14 items 10 and 11), under Node with
 * fake timers: the progress line's 200 ms threshold, NOT_SIGNED_IN reported the one way, stale
 * answers dropped.
 */

/** A promise the test settles when it chooses: the answer of a call to main. */
function answer<T>() {
  let resolve!: (value: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Every snapshot the loader published, in order. */
function watch<T>(loader: Loader<T>): LoadSnapshot<T>[] {
  const seen: LoadSnapshot<T>[] = [];
  loader.subscribe(() => seen.push(loader.getSnapshot()));
  return seen;
}

const neverEnds = () => {
  throw new Error('the session must not be reported as ended');
};

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Loader', () => {
  test('the threshold is about where a wait starts to be noticed', () => {
    expect(SLOW_WORK_MS).toBe(200);
  });

  test('a screen that loads at mount starts out loading, not idle (no frame without aria-busy)', () => {
    expect(new Loader<number>(true).getSnapshot()).toEqual({ state: 'loading', value: null, error: null, slow: false });
    expect(new Loader<number>(false).getSnapshot().state).toBe('idle');
  });

  test('a fast answer never shows the progress line', async () => {
    const loader = new Loader<string>(true);
    const seen = watch(loader);
    const call = answer<string>();
    loader.load(() => call.promise, neverEnds);
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS - 50);
    call.resolve('ROUTINE');
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot()).toEqual({ state: 'ready', value: 'ROUTINE', error: null, slow: false });
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS * 5);
    expect(seen.some((s) => s.slow)).toBe(false);
    expect(seen.map((s) => s.state)).toEqual(['loading', 'ready']);
  });

  test('a slow answer shows the progress line from 200 ms until it comes', async () => {
    const loader = new Loader<string>(true);
    const call = answer<string>();
    loader.load(() => call.promise, neverEnds);
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS - 1);
    expect(loader.getSnapshot()).toMatchObject({ state: 'loading', slow: false });
    await vi.advanceTimersByTimeAsync(1);
    expect(loader.getSnapshot()).toMatchObject({ state: 'loading', slow: true });
    call.resolve('FLASH');
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot()).toEqual({ state: 'ready', value: 'FLASH', error: null, slow: false });
  });

  test('NOT_SIGNED_IN is reported once, through the one callback; other failures are left to the screen', async () => {
    const ended: ApiError[] = [];
    const loader = new Loader<string>(true);
    loader.load(
      () => Promise.reject(new ApiError('NOT_SIGNED_IN', 'Sign in first.')),
      (e) => ended.push(e),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(ended.map((e) => e.code)).toEqual(['NOT_SIGNED_IN']);
    expect(loader.getSnapshot()).toMatchObject({ state: 'error', slow: false });
    // The screen has nothing to word: the session's end was reported.
    expect(failureOf(loader.getSnapshot())).toBeNull();

    loader.load(
      () => Promise.reject(new ApiError('ACCESS_DENIED', 'Instructors only.')),
      (e) => ended.push(e),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toHaveLength(1);
    expect(failureOf(loader.getSnapshot())).toMatchObject({ code: 'ACCESS_DENIED', message: 'Instructors only.' });
  });

  test('a non-ApiError failure and a fetch that throws become errors, not crashes', async () => {
    const loader = new Loader<string>(true);
    loader.load(() => {
      throw new TypeError('bridge gone');
    }, neverEnds);
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot().state).toBe('error');
    expect(failureOf(loader.getSnapshot())?.message).toContain('bridge gone');
  });

  test('the answer of an older request is dropped: a slow reply cannot bring back a stale value', async () => {
    const loader = new Loader<string>(true);
    const older = answer<string>();
    const newer = answer<string>();
    loader.load(() => older.promise, neverEnds);
    loader.load(() => newer.promise, neverEnds);
    newer.resolve('new');
    await vi.advanceTimersByTimeAsync(0);
    older.resolve('old');
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot().value).toBe('new');

    // An older request's failure is dropped the same way (no error, no report).
    const stale = answer<string>();
    const fresh = answer<string>();
    loader.load(() => stale.promise, neverEnds);
    loader.load(() => fresh.promise, neverEnds);
    stale.reject(new ApiError('NOT_SIGNED_IN', 'old session'));
    fresh.resolve('fresh');
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot()).toMatchObject({ state: 'ready', value: 'fresh' });
  });

  test('a reload keeps the value shown while it asks, and its own slow clock starts again', async () => {
    const loader = new Loader<ReadonlyArray<string>>(true);
    loader.load(() => Promise.resolve(['POLTO 506']), neverEnds);
    await vi.advanceTimersByTimeAsync(0);
    const next = answer<ReadonlyArray<string>>();
    loader.load(() => next.promise, neverEnds);
    expect(loader.getSnapshot()).toEqual({ state: 'loading', value: ['POLTO 506'], error: null, slow: false });
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS);
    expect(loader.getSnapshot()).toMatchObject({ slow: true, value: ['POLTO 506'] });
    next.resolve(['POLTO 506', 'TOPOL 578']);
    await vi.advanceTimersByTimeAsync(0);
    expect(loader.getSnapshot().value).toEqual(['POLTO 506', 'TOPOL 578']);
  });

  test('a superseded request does not turn the newer one slow early', async () => {
    const loader = new Loader<string>(true);
    loader.load(() => answer<string>().promise, neverEnds);
    await vi.advanceTimersByTimeAsync(150);
    loader.load(() => answer<string>().promise, neverEnds);
    await vi.advanceTimersByTimeAsync(150);
    expect(loader.getSnapshot().slow).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(loader.getSnapshot().slow).toBe(true);
  });

  test('nothing to ask for (fetch returns null) is idle, and asks nothing', async () => {
    const loader = new Loader<string>(true);
    const seen = watch(loader);
    loader.load(() => null, neverEnds);
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS * 2);
    expect(loader.getSnapshot()).toEqual({ state: 'idle', value: null, error: null, slow: false });
    expect(seen.map((s) => s.state)).toEqual(['idle']);
  });

  test('cancel (the screen went away) drops the answer and the progress line', async () => {
    const loader = new Loader<string>(true);
    const seen = watch(loader);
    const call = answer<string>();
    loader.load(() => call.promise, neverEnds);
    loader.cancel();
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS * 2);
    call.resolve('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((s) => s.state)).toEqual(['loading']);
    expect(seen.some((s) => s.slow)).toBe(false);
  });

  test('put (an edit answered with the whole new state) wins over a read still in flight', async () => {
    const loader = new Loader<string>(true);
    const read = answer<string>();
    loader.load(() => read.promise, neverEnds);
    loader.put('after the edit');
    read.resolve('before the edit');
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS);
    expect(loader.getSnapshot()).toEqual({ state: 'ready', value: 'after the edit', error: null, slow: false });
  });

  test('set changes the value held and keeps the state; with no value yet it does nothing', async () => {
    const loader = new Loader<ReadonlyArray<number>>(true);
    loader.set((v) => [...v, 1]);
    expect(loader.getSnapshot().value).toBeNull();
    loader.load(() => Promise.resolve([1, 2]), neverEnds);
    await vi.advanceTimersByTimeAsync(0);
    loader.set((v) => v.map((n) => n * 10));
    expect(loader.getSnapshot()).toEqual({ state: 'ready', value: [10, 20], error: null, slow: false });
  });

  test('progressOf: busy at once (aria-busy), slow only after the threshold', async () => {
    const loader = new Loader<string>(true);
    loader.load(() => answer<string>().promise, neverEnds);
    expect(progressOf(loader.getSnapshot())).toEqual({ busy: true, slow: false });
    await vi.advanceTimersByTimeAsync(SLOW_WORK_MS);
    expect(progressOf(loader.getSnapshot())).toEqual({ busy: true, slow: true });
  });
});

describe('SlowWorkStatus', () => {
  const render = (slow: boolean) =>
    renderToStaticMarkup(createElement(SlowWorkStatus, { slow, label: 'Loading accounts…', testId: 'p' }));

  test('is a live region that is there, empty, before the work is slow', () => {
    expect(render(false)).toBe('<p role="status" class="slow-work" data-testid="p"></p>');
  });

  test('says what is under way once it is slow, with the spinner hidden from screen readers', () => {
    expect(render(true)).toBe(
      '<p role="status" class="slow-work" data-testid="p"><span class="spinner" aria-hidden="true"></span>Loading accounts…</p>',
    );
  });
});
