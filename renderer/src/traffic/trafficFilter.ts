import type { Classification } from '../../../electron/domain/classification';
import { CLASSIFICATIONS } from '../../../electron/domain/classification';
import { NO_CAPTION, type TrafficCable, type TrafficFilter } from '../../../electron/domain/traffic';

/**
 * The traffic view's filter as the screen holds it (pure): a date range as two positions on the
 * volume's sorted sending days, and the classifications and captions switched off.
 */
export type TrafficChoice = Readonly<{
  fromDay: number;
  toDay: number;
  hiddenClassifications: ReadonlySet<Classification>;
  hiddenCaptions: ReadonlySet<string>;
}>;

/** The days telegrams were sent on ("1961-01-23"), oldest first. */
export function sendingDays(cables: ReadonlyArray<TrafficCable>): string[] {
  return [...new Set(cables.map((c) => c.sentAt.slice(0, 10)))].sort();
}

export function wholeRange(days: ReadonlyArray<string>): TrafficChoice {
  return {
    fromDay: 0,
    toDay: Math.max(0, days.length - 1),
    hiddenClassifications: new Set(),
    hiddenCaptions: new Set(),
  };
}

/** The classifications present, highest first. */
export function classificationsOf(cables: ReadonlyArray<TrafficCable>): Classification[] {
  const present = new Set(cables.map((c) => c.classification));
  return [...CLASSIFICATIONS].filter((c) => present.has(c)).reverse();
}

/** The caption words present, in alphabetical order, then "none" if some telegram has none. */
export function captionsOf(cables: ReadonlyArray<TrafficCable>): string[] {
  const words = [...new Set(cables.flatMap((c) => c.captions))].sort();
  return cables.some((c) => c.captions.length === 0) ? [...words, NO_CAPTION] : words;
}

export function filterOf(
  choice: TrafficChoice,
  days: ReadonlyArray<string>,
  classifications: ReadonlyArray<Classification>,
  captions: ReadonlyArray<string>,
): TrafficFilter {
  const from = days[Math.min(choice.fromDay, choice.toDay)];
  const to = days[Math.max(choice.fromDay, choice.toDay)];
  return {
    from: from === undefined ? null : `${from}T00:00:00.000Z`,
    to: to === undefined ? null : `${to}T23:59:59.999Z`,
    classifications:
      choice.hiddenClassifications.size === 0
        ? null
        : new Set(classifications.filter((c) => !choice.hiddenClassifications.has(c))),
    captions: choice.hiddenCaptions.size === 0 ? null : new Set(captions.filter((c) => !choice.hiddenCaptions.has(c))),
  };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "1961-01-23" → "23 JAN 1961". */
export function dayWords(day: string | undefined): string {
  if (day === undefined) return '—';
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export function toggled<T>(set: ReadonlySet<T>, value: T): ReadonlySet<T> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
