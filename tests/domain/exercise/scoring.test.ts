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
        { weight: 3, earned: 0, possible: 0 }, // nothing possible, nothing broken: no effect
      ]),
    ).toBeCloseTo((100 * (2 * 1 + 1 * 0.5)) / 3, 10);
    // A penalty inside an objective with something possible: its share goes below zero.
    expect(weightedTotal([{ weight: 1, earned: -5, possible: 10 }])).toBe(-50);
    expect(weightedTotal([])).toBe(0);
  });

  test('a penalty in an objective with nothing possible comes off against all the points possible', () => {
    // Black Saturday's careless trainee: reading 5 of 10; eyes-only −40 with nothing possible.
    // 100 × 0.5 − 100 × 40/10 = 50 − 400 (it was 50 while the eyes-only penalties were left out).
    expect(
      weightedTotal([
        { weight: 1, earned: 5, possible: 10 },
        { weight: 3, earned: -40, possible: 0 },
      ]),
    ).toBe(-350);
    // The duty officer: night-action 12/20, routing 0/20 (30), eyes-only −10 against 40 possible.
    expect(
      weightedTotal([
        { weight: 2, earned: 12, possible: 20 },
        { weight: 2, earned: 0, possible: 20 },
        { weight: 3, earned: -10, possible: 0 },
      ]),
    ).toBeCloseTo(30 - 25, 10);
    // The weight of an objective with nothing possible does not matter: it is not weighed.
    expect(
      weightedTotal([
        { weight: 1, earned: 10, possible: 10 },
        { weight: 1000, earned: -5, possible: 0 },
      ]),
    ).toBe(50);
    // Nothing possible at all: 0 less a point per penalty point.
    expect(weightedTotal([{ weight: 2, earned: -15, possible: 0 }])).toBe(-15);
  });

  test('bad objective results are refused, not scored', () => {
    expect(() => weightedTotal([{ weight: 0, earned: 1, possible: 1 }])).toThrow(RangeError);
    expect(() => weightedTotal([{ weight: 1, earned: 1, possible: -1 }])).toThrow(RangeError);
    expect(() => weightedTotal([{ weight: 1, earned: Number.NaN, possible: 1 }])).toThrow(RangeError);
  });

  const objective = fc.record({
    weight: fc.integer({ min: 1, max: 10 }),
    possible: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
    gained: fc.integer({ min: 0, max: 200 }),
    penalty: fc.integer({ min: 0, max: 300 }),
  });
  /** Earned: what was gained (never more than possible), less the penalties. */
  const results = (os: ReadonlyArray<{ weight: number; possible: number; gained: number; penalty: number }>) =>
    os.map((o) => ({ weight: o.weight, possible: o.possible, earned: Math.min(o.gained, o.possible) - o.penalty }));

  test('property: one more penalty point anywhere never raises the total, and lowers it; at most 100', () => {
    fc.assert(
      fc.property(
        fc.array(objective, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        (os, pick, more) => {
          const i = pick % os.length;
          const before = weightedTotal(results(os));
          const after = weightedTotal(results(os.map((o, j) => (j === i ? { ...o, penalty: o.penalty + more } : o))));
          expect(Number.isFinite(before)).toBe(true);
          expect(before).toBeLessThanOrEqual(100);
          expect(after).toBeLessThan(before);
        },
      ),
      { numRuns: 500, seed: 20261203 },
    );
  });
});
