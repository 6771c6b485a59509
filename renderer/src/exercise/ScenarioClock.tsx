import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { ExerciseClockView } from '../../../electron/contract/ipc';
import { ClockTicker, type ClockReading } from './scenarioClock';
import './exercise.css';

/**
 * The scenario clock as the window runs it (scenarioClock.ts): a ticker per answer from main, made
 * when it arrives, read again on a timer while the clock runs. A new answer (a push, a control)
 * starts it afresh.
 */
export function useScenarioClock(clock: ExerciseClockView | null): ClockReading | null {
  const ticker = useMemo(() => (clock ? new ClockTicker(clock) : null), [clock]);
  const subscribe = useCallback((l: () => void) => (ticker ? ticker.subscribe(l) : () => undefined), [ticker]);
  const snapshot = useCallback(() => (ticker ? ticker.getSnapshot() : null), [ticker]);
  return useSyncExternalStore(subscribe, snapshot);
}

const STATUS_WORDS: Readonly<Record<ExerciseClockView['status'], string>> = {
  RUNNING: 'running',
  PAUSED: 'paused',
  ENDED: 'ended',
};

/**
 * The DTG in scenario time, for the app bar and the dashboard. A timer role (not announced as it
 * ticks: role "timer" is aria-live off), with the status in words beside it.
 */
export function ScenarioClock(props: {
  clock: ExerciseClockView;
  reading: ClockReading;
  testId?: string;
  className?: string;
}) {
  const { clock, reading } = props;
  // "290900Z" and " OCT 62": a crowded app bar shows the day and time only (the month is the exercise's).
  const gap = reading.dtg.indexOf(' ');
  const day = gap < 0 ? reading.dtg : reading.dtg.slice(0, gap);
  const month = gap < 0 ? '' : reading.dtg.slice(gap);
  return (
    <span
      className={`scenario-clock scenario-clock--${clock.status.toLowerCase()}${props.className ? ` ${props.className}` : ''}`}
      data-testid={props.testId ?? 'scenario-clock'}
      data-status={clock.status}
      data-ms={Math.floor(reading.ms)}
    >
      <span className="visually-hidden">Scenario time </span>
      <time role="timer" className="scenario-clock__dtg mono" dateTime={reading.at.toISOString()}>
        {day}
        {month && <span className="scenario-clock__month">{month}</span>}
      </time>
      <span className="scenario-clock__status">{STATUS_WORDS[clock.status]}</span>
    </span>
  );
}
