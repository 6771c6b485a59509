import { expect, test } from 'vitest';
import { EASTERN_FIRST_YEAR, EASTERN_LAST_YEAR, easternWallClock } from '../../../electron/domain/render/easternTime';

/** Intl's (ICU's tz database) wall clock in Washington, as y-m-d h:m. */
const intl = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function viaIntl(t: number): string {
  const p = Object.fromEntries(intl.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return `${p.year}-${Number(p.month)}-${Number(p.day)} ${Number(p.hour)}:${Number(p.minute)}`;
}

function viaArithmetic(t: number): string {
  const d = easternWallClock(new Date(t))!;
  return `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()} ${d.getUTCHours()}:${d.getUTCMinutes()}`;
}

test('Washington wall clock by arithmetic equals the tz database every 6 hours, 1946–2099', () => {
  const from = Date.UTC(EASTERN_FIRST_YEAR, 0, 1);
  const to = Date.UTC(EASTERN_LAST_YEAR + 1, 0, 1);
  const wrong: string[] = [];
  for (let t = from; t < to; t += 6 * 3_600_000) {
    if (viaArithmetic(t) !== viaIntl(t)) wrong.push(new Date(t).toISOString());
  }
  expect(wrong.slice(0, 5)).toEqual([]);
});

test('… and minute by minute around every change of clock (where Intl says the offset moves)', () => {
  const wrong: string[] = [];
  for (let year = EASTERN_FIRST_YEAR; year <= EASTERN_LAST_YEAR; year++) {
    // Find each day whose offset differs from the day before, then check that day minute by minute.
    let before = offsetByIntl(Date.UTC(year, 0, 1, 12));
    for (let day = 1; day <= 366; day++) {
      const noon = Date.UTC(year, 0, day, 12);
      const now = offsetByIntl(noon);
      if (now === before) continue;
      before = now;
      for (let t = noon - 24 * 3_600_000; t <= noon; t += 60_000) {
        if (viaArithmetic(t) !== viaIntl(t)) wrong.push(new Date(t).toISOString());
      }
    }
  }
  expect(wrong.slice(0, 5)).toEqual([]);
});

test('outside 1946–2099 it answers null: the caller asks Intl', () => {
  expect(easternWallClock(new Date('1945-12-31T12:00:00Z'))).toBeNull();
  expect(easternWallClock(new Date('2100-01-01T12:00:00Z'))).toBeNull();
});

function offsetByIntl(t: number): number {
  const [date, time] = viaIntl(t).split(' ') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return Math.round((Date.UTC(y, m - 1, d, h, min) - t) / 3_600_000);
}

test('the transmission stamp reads the same by arithmetic as by Intl, every 7 hours 1946–2099', async () => {
  const { transmissionStamp } = await import('../../../electron/domain/render/telegram1962');
  const stamp = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/New_York',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    year: '2-digit',
    hour12: true,
  });
  const wrong: string[] = [];
  for (
    let t = Date.UTC(EASTERN_FIRST_YEAR, 0, 1);
    t < Date.UTC(EASTERN_LAST_YEAR + 1, 0, 1);
    t += 7 * 3_600_000 + 60_000
  ) {
    const p = Object.fromEntries(stamp.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    const expected = `${p.month!.toUpperCase()} ${p.day} ${p.hour} ${p.minute} ${p.dayPeriod!.toUpperCase()} '${p.year}`;
    const iso = new Date(t).toISOString();
    if (transmissionStamp(iso) !== expected) wrong.push(`${iso}: ${transmissionStamp(iso)} ≠ ${expected}`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
});
