/**
 * Wall-clock times of FRUS datelines → UTC through the place's IANA zone (issue 12 item 1). The
 * zone data `Intl` carries include the historical offsets (Washington on EST/EDT by the rules of
 * the year, Saigon on UTC+8 in 1963, Turkey's 1964 summer time), so no rule is written here.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether `Intl` knows the zone. */
export function isZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in minutes (east positive). */
export function offsetMinutes(zone: string, at: Date): number {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/;

/**
 * A local time without offset ("1963-11-01T10:50:00") in `zone` → the instant. A time that does
 * not exist (skipped by a change to summer time) or exists twice is taken at the offset in force
 * before the change. Null when the text is not a local time.
 */
export function localToUtc(local: string, zone: string): { at: Date; offset: string } | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  // Two rounds settle every case (the offset before and after a change differ by at most hours).
  let guess = asUtc - offsetMinutes(zone, new Date(asUtc)) * 60_000;
  guess = asUtc - offsetMinutes(zone, new Date(guess)) * 60_000;
  const minutes = offsetMinutes(zone, new Date(guess));
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { at: new Date(guess), offset };
}
