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
 * The exercise total as a weighted sum of objectives, each objective as the share of its possible
 * points earned (penalties can take an objective below zero; none gives it more than its share),
 * scaled to 100. Objectives with nothing possible are left out.
 */
export function weightedTotal(objectives: ReadonlyArray<ObjectiveResult>): number {
  const counted = objectives.filter((o) => o.possible > 0 && o.weight > 0);
  const weights = counted.reduce((sum, o) => sum + o.weight, 0);
  if (weights === 0) return 0;
  const sum = counted.reduce((acc, o) => acc + o.weight * Math.min(1, o.earned / o.possible), 0);
  return (100 * sum) / weights;
}
