import { describe, expect, test } from 'vitest';
import type { ExerciseClockView } from '../../electron/contract/ipc';
import { ClockTicker, formatElapsed, rateWords, readClock } from '../../renderer/src/exercise/scenarioClock';

/**
 * The scenario clock in the window (issue 10: trainees see it in the app bar): run on from the
 * moment main's answer arrived, at the exercise's rate, standing still when paused or ended, never
 * past the end; DTGs in the scenario's own year (rule 22).
 */
const clock = (over: Partial<ExerciseClockView> = {}): ExerciseClockView => ({
  exercise: 1,
  title: 'Tutorial',
  status: 'RUNNING',
  rate: 60,
  start: '1962-10-29T09:00:00.000Z',
  now: '1962-10-29T09:02:00.000Z',
  dtg: '290902Z OCT 62',
  realAt: '2026-01-01T00:00:00.000Z',
  end: '1962-10-29T09:10:00.000Z',
  ...over,
});

describe('reading the scenario clock', () => {
  test('running: scenario time moves at the rate from the moment the answer arrived', () => {
    const received = 1_000_000;
    expect(readClock(clock(), received, received)).toMatchObject({ ms: 120_000, dtg: '290902Z OCT 62' });
    // One real second at ×60 is a scenario minute; main's own realAt (another machine's clock) plays no part.
    expect(readClock(clock(), received, received + 1000)).toMatchObject({ ms: 180_000, dtg: '290903Z OCT 62' });
    // A window clock that went back does not turn scenario time back.
    expect(readClock(clock(), received, received - 5000).ms).toBe(120_000);
  });

  test('it never passes the end; paused and ended clocks stand still', () => {
    const received = 0;
    expect(readClock(clock(), received, 3_600_000)).toMatchObject({ ms: 600_000, dtg: '290910Z OCT 62' });
    expect(readClock(clock({ status: 'PAUSED' }), received, 60_000).ms).toBe(120_000);
    expect(readClock(clock({ status: 'ENDED' }), received, 60_000).ms).toBe(120_000);
  });

  test('words: elapsed scenario time and the rate', () => {
    expect(formatElapsed(0)).toBe('+00:00:00');
    expect(formatElapsed(26 * 3_600_000 + 30 * 60_000 + 5_000)).toBe('+26:30:05');
    expect(rateWords(1)).toBe('real time');
    expect(rateWords(60)).toBe('×60');
    expect(rateWords(2.5)).toBe('×2.50');
  });
});

describe('the ticker (the window’s store of one answer)', () => {
  function fakeTimers() {
    let now = 5_000;
    const runs = new Map<number, () => void>();
    let next = 1;
    return {
      timers: {
        now: () => now,
        setInterval: (run: () => void) => {
          runs.set(next, run);
          return next++;
        },
        clearInterval: (h: unknown) => runs.delete(h as number),
      },
      advance(ms: number) {
        now += ms;
        for (const run of [...runs.values()]) run();
      },
      running: () => runs.size,
    };
  }

  test('ticks while listened to and running; tells listeners only when the reading changes', () => {
    const t = fakeTimers();
    const ticker = new ClockTicker(clock({ rate: 1 }), t.timers);
    expect(ticker.getSnapshot().ms).toBe(120_000);
    let told = 0;
    const stop = ticker.subscribe(() => told++);
    expect(t.running()).toBe(1);
    t.advance(1000);
    expect(ticker.getSnapshot().ms).toBe(121_000);
    expect(told).toBe(1);
    const first = ticker.getSnapshot();
    t.advance(0);
    expect(told).toBe(1);
    expect(ticker.getSnapshot()).toBe(first); // the same object: React sees no change
    stop();
    expect(t.running()).toBe(0);
  });

  test('a paused clock needs no timer', () => {
    const t = fakeTimers();
    const ticker = new ClockTicker(clock({ status: 'PAUSED' }), t.timers);
    ticker.subscribe(() => undefined);
    expect(t.running()).toBe(0);
  });
});
