import type { Scenario } from '../../contract/scenario';
import { parseDtg } from '../../domain/dtg';
import type { ClockPlan } from '../../domain/exercise/clock';
import { MINUTE_MS, minutesFromStart } from '../../domain/exercise/time';

/**
 * The clock plan of a validated scenario (what `createClock` takes when an exercise starts): the
 * rate, the end and each inject's time in scenario ms. An inject `after` another, or `manual`,
 * has no time yet (null) — it is given one with `schedule`, or fired with `triggerNow`.
 */
export function clockPlan(s: Scenario): ClockPlan & Readonly<{ start: Date }> {
  const start = parseDtg(s.clock.start);
  const end = start ? minutesFromStart(s.clock.end, start) : null;
  if (!start || end === null) throw new RangeError('clockPlan needs a validated scenario (its clock is not)');
  return {
    start,
    rate: s.clock.rate,
    endMs: end * MINUTE_MS,
    injects: s.injects.map((i) => {
      const at = i.at !== undefined ? minutesFromStart(i.at, start) : null;
      return { id: i.id, dueMs: at === null ? null : at * MINUTE_MS };
    }),
  };
}
