import { describe, expect, test } from 'vitest';
import { draftSchema } from '../../../electron/contract/draft';
import { releaseInstant } from '../../../electron/core/services/drafts/release';
import { portionMarked, type Draft } from '../../../electron/domain/draft';
import { formatDtg } from '../../../electron/domain/dtg';
import { ADS_1977, MODERN_CABLE, POLTO_1962, findings } from './fixtures';

/** Issue 16 item 4: the draft format says what 1970s cables said. */
const parse = (d: unknown) => draftSchema.safeParse(d);

describe('the draft format of an ADS cable (issue 16)', () => {
  test('a clearer is a person (printed with their office, "S/S-O:SGOLDSMITH") or an office; never nobody', () => {
    expect(parse({ ...ADS_1977, clearers: [{ person: 'tyler' }] }).success).toBe(true);
    expect(parse({ ...ADS_1977, clearers: [{ kind: 'CLEAR' }] }).success).toBe(false);
  });

  test('the E.O. code in full: "XGDS1, DECLAS 12-31-84" and "ADS, DECLAS END CURRENT TEST SERIES"', () => {
    for (const code of ['XGDS1, DECLAS 12-31-84', 'ADS, DECLAS END CURRENT TEST SERIES']) {
      const d = { ...ADS_1977, legacyEo: { order: '11652' as const, code } };
      expect(parse(d).success).toBe(true);
      expect(findings(d, 5)).toEqual([]);
    }
    expect(parse({ ...ADS_1977, legacyEo: { order: '11652', code: 'X'.repeat(81) } }).success).toBe(false);
  });

  test('a bare "XGDS", as MOSCOW 16276 printed it, is a warning that names the categories', () => {
    const f = findings({ ...ADS_1977, legacyEo: { order: '11652', code: 'XGDS' } }, 5);
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]?.message).toMatch(/XGDS1 to XGDS4/);
  });

  test('portion marks: none under E.O. 11652, required again under E.O. 12065 and in the other eras', () => {
    expect(portionMarked(ADS_1977)).toBe(false);
    expect(portionMarked({ ...ADS_1977, legacyEo: { order: '12065', code: 'GDS' } })).toBe(true);
    expect(portionMarked(POLTO_1962)).toBe(true);
    expect(portionMarked(MODERN_CABLE)).toBe(true);
    // A SECRET 1977 cable whose paragraphs carry the default (U): nothing for rule 1 to judge.
    const unmarked: Draft = {
      ...ADS_1977,
      classification: 'SECRET',
      paragraphs: [{ n: null, portion: 'U', fyi: false, text: 'Text as the printout gives it.' }],
    };
    expect(findings(unmarked, 1)).toEqual([]);
    expect(findings({ ...unmarked, legacyEo: { order: '12065', code: 'GDS' } }, 1).map((f) => f.field)).toEqual([
      'classification',
    ]);
  });

  test('a practice date gives a 1977 cable a 1977 DTG outside an exercise; the scenario clock rules inside', () => {
    const clock = new Date('2026-12-02T16:03:00Z');
    const d: Draft = { ...ADS_1977, practiceDate: '1977-11-09' };
    expect(parse(d).success).toBe(true);
    expect(formatDtg(releaseInstant(d, clock, false))).toBe('091603Z NOV 77');
    expect(releaseInstant(d, clock, true)).toBe(clock);
    expect(releaseInstant(ADS_1977, clock, false)).toBe(clock);
  });

  test('the practice date must be a real day of the era, and the E.O. must be the one of that day', () => {
    expect(findings({ ...ADS_1977, practiceDate: '1977-11-09' }, 0)).toEqual([]);
    expect(findings({ ...ADS_1977, practiceDate: '1977-02-30' }, 0)[0]?.message).toMatch(/is not a date/);
    expect(findings({ ...ADS_1977, practiceDate: '1985-01-01' }, 0)[0]?.message).toMatch(/outside the era/);
    expect(findings({ ...ADS_1977, practiceDate: '1979-03-01' }, 0)[0]?.message).toMatch(/E\.O\. 12065/);
    expect(parse({ ...ADS_1977, practiceDate: '9 Nov 77' }).success).toBe(false);
  });
});
