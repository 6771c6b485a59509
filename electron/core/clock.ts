import { scenarioMs, type ClockStatus, type ExerciseClock } from '../domain/exercise/clock';
import type { Db } from './store/database';
import { prepared } from './store/statements';

/**
 * The time the app writes (issue 10 item 2; EXERCISES.md §3). While an exercise runs or is paused,
 * every time a service writes — deliveries, acknowledgements, files as read, passes, repeats,
 * drafts, signatures, a release's DTG and MRN year — is scenario time; otherwise real time.
 * Audit entries keep real time in `at` (the trail's chain and anchor are about real time); the
 * scenario time of any entry is rebuilt from the EXERCISE_* entries (core/exercise/journal.ts).
 */
export type Clock = Readonly<{ now(): Date }>;

/** Real time, always: what a service uses when it is given no clock (and what tests may pass). */
export const REAL_CLOCK: Clock = { now: () => new Date() };

/** The columns of a live exercise's persisted clock that scenario time needs (not its inject queue). */
const LIVE_CLOCK_SQL = `
  SELECT scenario_start AS start, status,
         json_extract(state, '$.rate') AS rate,
         json_extract(state, '$.anchorRealMs') AS anchorRealMs,
         json_extract(state, '$.anchorScenarioMs') AS anchorScenarioMs,
         json_extract(state, '$.endMs') AS endMs
    FROM exercises WHERE status IN ('RUNNING', 'PAUSED')`;

type LiveClockRow = {
  start: string;
  status: ClockStatus;
  rate: number;
  anchorRealMs: number | null;
  anchorScenarioMs: number;
  endMs: number;
};

/**
 * Scenario time of the live exercise at real time `realMs`, or null when none runs or is paused.
 * One prepared statement against the persisted state, no cache: another process (the CLI's
 * `exercise pause`, a second shell) may change the clock at any moment.
 */
export function liveScenarioTime(db: Db, realMs: number): Date | null {
  const row = prepared(db, LIVE_CLOCK_SQL).get() as LiveClockRow | undefined;
  if (!row) return null;
  const clock: ExerciseClock = {
    status: row.status,
    rate: row.rate,
    anchorRealMs: row.anchorRealMs,
    anchorScenarioMs: row.anchorScenarioMs,
    endMs: row.endMs,
    injects: [],
  };
  return new Date(Date.parse(row.start) + scenarioMs(clock, realMs));
}

/**
 * The core clock: the live exercise's scenario time, else real time. `realMs` is the real clock it
 * reads (tests pass a fake one).
 */
export function createCoreClock(db: Db, realMs: () => number = Date.now): Clock {
  return {
    now() {
      const real = realMs();
      return liveScenarioTime(db, real) ?? new Date(real);
    },
  };
}
