/**
 * Scoring windows (EXERCISES.md §4): an expectation met inside its window earns its points;
 * late, the points fall linearly to zero at twice the window; never met, zero. A `never`
 * expectation costs its points each time it is broken. Pure arithmetic: core finds the audit
 * entries that meet or break an expectation and names them on each score line.
 */

export type WindowVerdict = 'MET' | 'LATE' | 'MISSED';

export type WindowScore = Readonly<{ verdict: WindowVerdict; points: number }>;

/**
 * The points earned by meeting an expectation `tookMinutes` scenario minutes after its inject was
 * delivered (null: never met), with a window of `withinMinutes` and `points` at stake.
 * Met at the window's edge is on time; at twice the window, or later, it earns nothing.
 */
export function windowScore(points: number, withinMinutes: number, tookMinutes: number | null): WindowScore {
  if (!(withinMinutes > 0)) throw new RangeError(`a window is a positive number of minutes, not ${withinMinutes}`);
  if (!(points >= 0)) throw new RangeError(`points are zero or more, not ${points}`);
  if (tookMinutes === null) return { verdict: 'MISSED', points: 0 };
  const took = Math.max(0, tookMinutes); // an action before the delivery counts as at once
  if (took <= withinMinutes) return { verdict: 'MET', points };
  if (took >= 2 * withinMinutes) return { verdict: 'LATE', points: 0 };
  return { verdict: 'LATE', points: (points * (2 * withinMinutes - took)) / withinMinutes };
}

/** A `never` expectation: minus its points for each breach (each DENY, each NOFORN slip…). */
export function neverPenalty(points: number, breaches: number): number {
  if (!(points >= 0)) throw new RangeError(`points are zero or more, not ${points}`);
  if (!Number.isInteger(breaches) || breaches < 0) throw new RangeError(`breaches are counted, not ${breaches}`);
  return breaches === 0 ? 0 : -points * breaches;
}

export type ObjectiveResult = Readonly<{ weight: number; earned: number; possible: number }>;

/**
 * A score out of 100 from objective results (EXERCISES.md §4 "the total is a weighted sum of
 * objectives"; docs/EXERCISES.md "Scoring"), for a trainee, a post or the whole exercise:
 *
 *   score = 100 × Σ w·min(1, earned/possible) / Σ w   over the objectives with something possible
 *         + 100 × Σ earned / Σ possible                over the objectives with nothing possible
 *
 * - An objective with something possible counts with its weight as the share of its possible
 *   points earned, its penalties included (a `never` breach, a wrong pass, a reply's findings):
 *   penalties can take the share below zero; nothing takes it above one.
 * - An objective with nothing possible for this person, post or exercise (in Black Saturday the
 *   trainee's `eyes-only`: only `never` expectations) holds only penalties. They are not dropped:
 *   they come off after weighting, measured against all the points possible at this level — a
 *   trainee who could earn 10 points and breaks a 20-point `never` loses 200. Where one objective
 *   is counted, the score is therefore 100 × points / possible.
 * - With nothing possible at all, the score is 0 less one point per penalty point.
 *
 * What is possible never depends on breaches (a mistake line has nothing possible), so which
 * objectives are weighed is fixed and every breach lowers the score: more breaches never raise
 * it. Scores are at most 100, finite, and not floored (a penalty always shows). A pure function of
 * the lines: the live score and `exercise score --recompute` are the same.
 */
export function weightedTotal(objectives: ReadonlyArray<ObjectiveResult>): number {
  for (const o of objectives) {
    if (!(o.weight > 0)) throw new RangeError(`an objective's weight is positive, not ${o.weight}`);
    if (!(o.possible >= 0)) throw new RangeError(`possible points are zero or more, not ${o.possible}`);
    if (!Number.isFinite(o.earned)) throw new RangeError(`earned points are a number, not ${o.earned}`);
  }
  const counted = objectives.filter((o) => o.possible > 0);
  // Nothing possible: only penalties can be there (never anything earned).
  const penalties = objectives.filter((o) => o.possible === 0).reduce((sum, o) => sum + Math.min(0, o.earned), 0);
  const possible = counted.reduce((sum, o) => sum + o.possible, 0);
  if (possible === 0) return penalties;
  const weights = counted.reduce((sum, o) => sum + o.weight, 0);
  const shares = counted.reduce((acc, o) => acc + o.weight * Math.min(1, o.earned / o.possible), 0);
  return (100 * shares) / weights + (100 * penalties) / possible;
}
