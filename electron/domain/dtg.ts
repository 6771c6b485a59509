/**
 * Date-time groups (DOMAIN.md rule 22; ACP 127 §113): `DDHHMMZ MON YY` (2-digit years allowed
 * before 2006) or `DDHHMMZ MON YYYY`.
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;

export const DTG_PATTERN = /^(\d{2})(\d{2})(\d{2})Z ([A-Z]{3}) (\d{2}|\d{4})$/;

/** Formats a UTC instant as a DTG; years before 2006 use two digits (rule 22). */
export function formatDtg(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const year = at.getUTCFullYear();
  const yy = year < 2006 ? pad(year % 100) : String(year);
  return `${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}Z ${MONTHS[at.getUTCMonth()]} ${yy}`;
}

/**
 * Parses a DTG into a UTC instant. Two-digit years are read as 19YY (every two-digit DTG in
 * this trainer is pre-2006). Returns null for anything that is not a valid DTG.
 */
export function parseDtg(dtg: string): Date | null {
  const m = DTG_PATTERN.exec(dtg);
  if (!m) return null;
  const [, dd, hh, mi, mon, yy] = m as unknown as [string, string, string, string, string, string];
  const month = MONTHS.indexOf(mon as (typeof MONTHS)[number]);
  if (month < 0) return null;
  const year = yy.length === 2 ? 1900 + Number(yy) : Number(yy);
  const day = Number(dd);
  const hour = Number(hh);
  const minute = Number(mi);
  if (hour > 23 || minute > 59 || day < 1) return null;
  const at = new Date(Date.UTC(year, month, day, hour, minute));
  if (at.getUTCDate() !== day || at.getUTCMonth() !== month) return null;
  return at;
}
