import { formatDtg, parseDtg } from '../dtg';

/**
 * Scenario times (EXERCISES.md §2): an offset from the scenario start, `"+HH:MM"` (hours may run
 * past 24: `"+26:30"`), or an absolute DTG in the scenario's era (`"271830Z OCT 62"`, rule 22).
 * Inside an exercise every time is kept as scenario milliseconds since the scenario start.
 */
export const OFFSET_PATTERN = /^\+(\d{1,3}):([0-5]\d)$/;

export const MINUTE_MS = 60_000;

/** "+01:30" → 90 (minutes); null when it is not an offset. */
export function parseOffset(text: string): number | null {
  const m = OFFSET_PATTERN.exec(text);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** 90 → "+01:30"; negative and fractional minutes are not offsets. */
export function formatOffset(minutes: number): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`not an offset: ${minutes} minutes`);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `+${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Minutes from the scenario start to `time` (an offset, or a DTG read against `start`); negative
 * when a DTG lies before the start; null when `time` is neither.
 */
export function minutesFromStart(time: string, start: Date): number | null {
  const offset = parseOffset(time);
  if (offset !== null) return offset;
  const at = parseDtg(time);
  if (!at) return null;
  return (at.getTime() - start.getTime()) / MINUTE_MS;
}

/**
 * The instant a scenario time stands for: what an exercise writes as a timestamp (deliveries,
 * acknowledgements, releases) and whose year is an MRN's year.
 */
export function scenarioInstant(start: Date, scenarioMs: number): Date {
  return new Date(start.getTime() + scenarioMs);
}

/** The DTG of a scenario instant: the scenario's own year, two digits before 2006 (rule 22). */
export function scenarioDtg(start: Date, scenarioMs: number): string {
  return formatDtg(scenarioInstant(start, scenarioMs));
}
