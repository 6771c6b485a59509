import { describe, expect, test } from 'vitest';
import { formatDtg, parseDtg } from '../../electron/domain/dtg';

describe('DTG (DOMAIN.md rule 22)', () => {
  test('parses the seed DTG to 04:12 UTC on 28 October 1962', () => {
    expect(parseDtg('280412Z OCT 62')?.toISOString()).toBe('1962-10-28T04:12:00.000Z');
  });

  test('formats two-digit years before 2006 and four-digit years after', () => {
    expect(formatDtg(new Date(Date.UTC(1962, 9, 28, 4, 12)))).toBe('280412Z OCT 62');
    expect(formatDtg(new Date(Date.UTC(2026, 10, 28, 13, 5)))).toBe('281305Z NOV 2026');
  });

  test.each([
    '320412Z OCT 62',
    '282412Z OCT 62',
    '280460Z OCT 62',
    '280412Z XYZ 62',
    '280412 OCT 62',
    '300000Z FEB 63',
    '',
  ])('rejects %j', (dtg) => expect(parseDtg(dtg)).toBeNull());

  test('round-trips', () => {
    for (const iso of ['1962-10-27T23:59:00Z', '1977-01-26T23:40:00Z', '2010-02-28T00:01:00Z']) {
      const at = new Date(iso);
      expect(parseDtg(formatDtg(at))?.getTime()).toBe(at.getTime());
    }
  });
});
