import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { neverPenalty, weightedTotal, windowScore } from '../../../electron/domain/exercise/scoring';

/** Scoring windows (EXERCISES.md §4; issue 10 "Tests that must exist"). */
describe('scoring windows', () => {
  test('full points inside the window, its edge included', () => {
    expect(windowScore(20, 15, 0)).toEqual({ verdict: 'MET', points: 20 });
    expect(windowScore(20, 15, 15)).toEqual({ verdict: 'MET', points: 20 });
  });

  test('late: linear to zero at twice the window', () => {
    expect(windowScore(20, 15, 22.5)).toEqual({ verdict: 'LATE', points: 10 });
    expect(windowScore(20, 15, 18)).toEqual({ verdict: 'LATE', points: 16 });
    expect(windowScore(20, 15, 30)).toEqual({ verdict: 'LATE', points: 0 });
    expect(windowScore(20, 15, 300)).toEqual({ verdict: 'LATE', points: 0 });
  });

  test('never met: zero', () => {
    expect(windowScore(20, 15, null)).toEqual({ verdict: 'MISSED', points: 0 });
  });

  test('bad windows and points are refused, not scored', () => {
    expect(() => windowScore(20, 0, 1)).toThrow(RangeError);
    expect(() => windowScore(-1, 5, 1)).toThrow(RangeError);
  });

  test('never: each breach costs the points', () => {
    expect(neverPenalty(5, 0)).toBe(0);
    expect(neverPenalty(5, 1)).toBe(-5);
    expect(neverPenalty(5, 3)).toBe(-15);
    expect(() => neverPenalty(5, 1.5)).toThrow(RangeError);
  });

  test('property: points never rise with lateness, stay within [0, points], and are continuous at the edges', () => {
    const arb = fc.tuple(
      fc.integer({ min: 0, max: 1000 }),
      fc.integer({ min: 1, max: 600 }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
      fc.double({ min: 0, max: 2000, noNaN: true }),
    );
    fc.assert(
      fc.property(arb, ([points, within, a, b]) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const e = windowScore(points, within, early).points;
        const l = windowScore(points, within, late).points;
        expect(l).toBeLessThanOrEqual(e);
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(points);
        expect(windowScore(points, within, within + 1e-9).points).toBeCloseTo(points, 5);
        expect(windowScore(points, within, 2 * within - 1e-9).points).toBeCloseTo(0, 5);
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  test('the exercise total is the weighted sum of objectives, scaled to 100', () => {
    expect(
      weightedTotal([
        { weight: 2, earned: 20, possible: 20 },
        { weight: 1, earned: 5, possible: 10 },
        { weight: 3, earned: 0, possible: 0 }, // nothing possible: left out
      ]),
    ).toBeCloseTo((100 * (2 * 1 + 1 * 0.5)) / 3, 10);
    expect(weightedTotal([{ weight: 1, earned: -5, possible: 10 }])).toBe(-50);
    expect(weightedTotal([])).toBe(0);
  });
});
