import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { verifyAllCables, type CableVerification } from '../../../electron/core/signing/bulkVerify';
import { seededCoreFixture } from '../../support/tempCore';
import { signedCopies } from './signedCopies';

/**
 * Cancelling `verifyAllCables` (issue 15 item 3: the Integrity screen's Cancel), on a real SQLite
 * file with real signed cables: POLTO 506 (VERIFIED) and 60 signed copies of it (TAMPERED), read
 * 10 at a time. The signal comes from `onProgress` after the first batch, so the run is still
 * going when it arrives; nothing here depends on timing.
 */
const core = seededCoreFixture();

/** Every signature worker the run starts (each is sent the keys as it is made). */
function watchWorkers(): Set<Worker> {
  const workers = new Set<Worker>();
  const post = Worker.prototype.postMessage;
  vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, ...args) {
    workers.add(this);
    return post.apply(this, args);
  });
  return workers;
}

/** Each worker's thread id: -1 once it has exited. */
const threads = (workers: Set<Worker>): number[] => [...workers].map((w) => w.threadId);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cancelling the verification of every signed cable', () => {
  test('cancelled after the first batch: only that batch reported, in id order; workers stopped', async () => {
    const c = core();
    const copies = signedCopies(c.db, 60);
    const workers = watchWorkers();
    const abort = new AbortController();
    const seen: CableVerification[] = [];
    const progress: [number, number][] = [];
    const summary = await verifyAllCables(c.db, {
      workers: 2,
      rangeSize: 10,
      signal: abort.signal,
      onCable: (r) => seen.push(r),
      onProgress: (done, total) => {
        progress.push([done, total]);
        abort.abort();
      },
    });
    expect(summary).toMatchObject({ cancelled: true, cables: 10, signatures: 30, failed: 9 });
    expect(progress).toEqual([[10, 61]]);
    const polto = c.cables.idByRef('POLTO 506');
    expect(seen.map((r) => r.cableId)).toEqual([polto, ...copies.slice(0, 9)]);
    expect(seen.map((r) => r.status)).toEqual(['VERIFIED', ...Array(9).fill('TAMPERED')]);
    // Both workers were made, and both have exited: nothing holds the process open.
    expect(threads(workers)).toEqual([-1, -1]);
  });

  test('uncancelled, every batch is reported whole and in id order across workers', async () => {
    const c = core();
    const copies = signedCopies(c.db, 60);
    const workers = watchWorkers();
    const seen: number[] = [];
    const progress: number[] = [];
    const summary = await verifyAllCables(c.db, {
      workers: 2,
      rangeSize: 7,
      signal: new AbortController().signal,
      onCable: (r) => seen.push(r.cableId),
      onProgress: (done) => progress.push(done),
    });
    expect(summary).toMatchObject({ cancelled: false, cables: 61, signatures: 183, failed: 60 });
    expect(seen).toEqual([c.cables.idByRef('POLTO 506'), ...copies]);
    expect(progress).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 61]);
    expect(threads(workers)).toEqual([-1, -1]);
  });

  test('cancelled before it starts: nothing is decided or reported', async () => {
    const c = core();
    signedCopies(c.db, 5);
    const workers = watchWorkers();
    const seen: number[] = [];
    const summary = await verifyAllCables(c.db, {
      workers: 1,
      signal: AbortSignal.abort(),
      onCable: (r) => seen.push(r.cableId),
    });
    expect(summary).toMatchObject({ cancelled: true, cables: 0, signatures: 0, failed: 0 });
    expect(seen).toEqual([]);
    expect(threads(workers)).toEqual([-1]);
  });

  test('a signal that comes once every cable was reported does not make the run cancelled', async () => {
    const c = core();
    signedCopies(c.db, 19);
    const abort = new AbortController();
    const summary = await verifyAllCables(c.db, {
      workers: 2,
      rangeSize: 10,
      signal: abort.signal,
      onProgress: (done, total) => {
        if (done === total) abort.abort();
      },
    });
    expect(summary).toMatchObject({ cancelled: false, cables: 20, failed: 19 });
  });
});
