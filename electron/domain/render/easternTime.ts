/**
 * Washington's wall clock (tz database America/New_York) by arithmetic, for the years its rules
 * are written out here (1946–2099): the 1961–63 transmission stamp needs it on every `cableroom
 * show`, and the first Intl.DateTimeFormat of a process costs 20–30 ms (ICU's locale data, issue
 * 15 item 6). Outside those years the caller asks Intl. Checked against Intl in
 * tests/domain/render/easternTime.test.ts, every 6 hours and around every change of clock.
 */

const HOUR = 3_600_000;
export const EASTERN_FIRST_YEAR = 1946;
export const EASTERN_LAST_YEAR = 2099;

/** Day of the month of the nth Sunday (n ≥ 1) of a month, or its last Sunday (n = 0). */
function sunday(year: number, month: number, n: number): number {
  if (n === 0) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return last.getUTCDate() - last.getUTCDay();
  }
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}

/**
 * Daylight saving time of a year as [month, day] of its start and end (both at 2:00 local):
 * New York's own rules to 1966, the Uniform Time Act's after (tzdata rules NYC and US).
 */
function dstDays(year: number): readonly [number, number, number, number] {
  const lastSunOct = sunday(year, 9, 0);
  if (year <= 1954) return [3, sunday(year, 3, 0), 8, sunday(year, 8, 0)];
  if (year === 1974) return [0, 6, 9, lastSunOct];
  if (year === 1975) return [1, sunday(year, 1, 0), 9, lastSunOct];
  if (year <= 1986) return [3, sunday(year, 3, 0), 9, lastSunOct];
  if (year <= 2006) return [3, sunday(year, 3, 1), 9, lastSunOct];
  return [2, sunday(year, 2, 2), 10, sunday(year, 10, 1)];
}

/** Washington's local time of an instant as UTC fields of a Date, or null outside 1946–2099. */
export function easternWallClock(at: Date): Date | null {
  const year = at.getUTCFullYear();
  if (year < EASTERN_FIRST_YEAR || year > EASTERN_LAST_YEAR) return null;
  const [startMonth, startDay, endMonth, endDay] = dstDays(year);
  // 2:00 EST is 07:00 UTC; 2:00 EDT is 06:00 UTC.
  const start = Date.UTC(year, startMonth, startDay, 7);
  const end = Date.UTC(year, endMonth, endDay, 6);
  const t = at.getTime();
  return new Date(t + (t >= start && t < end ? -4 : -5) * HOUR);
}
