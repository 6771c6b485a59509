import type { ExerciseClockView } from '../../../electron/contract/ipc';
import { formatDtg } from '../../../electron/domain/dtg';

/**
 * The scenario clock between two answers from main (issue 10: trainees see it in the app bar).
 * Main sends the clock as it stood when the answer was made (`now`, `rate`, `status`); the window
 * runs it on from the moment the answer arrived, by its own real clock, so a skew between the
 * server's clock and a browser's (`cableroom serve` on another machine) does not move it. A paused
 * or ended clock stands still; a running one never passes the scenario's end. Pure: tested under
 * Node (tests/renderer/exerciseClock.test.ts).
 */
export type ClockReading = Readonly<{
  /** Scenario ms since the scenario start. */
  ms: number;
  /** The scenario instant. */
  at: Date;
  /** "290903Z OCT 62" (rule 22: the scenario's own year). */
  dtg: string;
}>;

export function readClock(clock: ExerciseClockView, receivedAtMs: number, realNowMs: number): ClockReading {
  const start = Date.parse(clock.start);
  const then = Date.parse(clock.now) - start;
  const end = Date.parse(clock.end) - start;
  const ms =
    clock.status === 'RUNNING' ? Math.min(end, then + Math.max(0, realNowMs - receivedAtMs) * clock.rate) : then;
  const at = new Date(start + ms);
  return { ms, at, dtg: formatDtg(at) };
}

/** "+00:07:30": scenario time since the start (hours may pass 24). */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `+${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}

/** "×60" for the rate, "real time" at 1. */
export function rateWords(rate: number): string {
  return rate === 1 ? 'real time' : `×${Number.isInteger(rate) ? rate : rate.toFixed(2)}`;
}

/** How often the window redraws a running clock: each scenario second at most, and at least once a second. */
export function tickIntervalMs(rate: number): number {
  return Math.max(250, Math.min(1000, Math.round(1000 / Math.max(rate, 1))));
}

type Timers = Readonly<{
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}>;

const GLOBAL_TIMERS: Timers = {
  setInterval: (run, ms) => setInterval(run, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

/**
 * One answer's clock run on by the window (an external store for useSyncExternalStore): made when
 * the answer arrives, it reads the clock again on a timer while anyone listens and the clock runs.
 */
export class ClockTicker {
  private readonly receivedAtMs: number;
  private reading: ClockReading;
  private readonly listeners = new Set<() => void>();
  private timer: unknown = undefined;

  constructor(
    private readonly clock: ExerciseClockView,
    private readonly timers: Timers = GLOBAL_TIMERS,
  ) {
    this.receivedAtMs = timers.now();
    this.reading = readClock(clock, this.receivedAtMs, this.receivedAtMs);
  }

  readonly getSnapshot = (): ClockReading => this.reading;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.timer === undefined && this.clock.status === 'RUNNING') {
      this.timer = this.timers.setInterval(() => {
        const next = readClock(this.clock, this.receivedAtMs, this.timers.now());
        if (next.ms === this.reading.ms) return;
        this.reading = next;
        for (const l of [...this.listeners]) l();
      }, tickIntervalMs(this.clock.rate));
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== undefined) {
        this.timers.clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  };
}
