import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ClockRefusal,
  createClock,
  end,
  pause,
  resume,
  scenarioMs,
  setRate,
  shift,
  skip,
  start,
  tick,
  triggerNow,
  type ExerciseClock,
} from '../../../electron/domain/exercise/clock';

/**
 * The scenario clock's arithmetic (issue 10 "Tests that must exist": pause/resume/rate/shift,
 * property-based), EXERCISES.md §3: scenario time = start + (real time − paused time) × rate.
 * Each property runs over random sequences of instructor actions at increasing real times.
 */
const MIN = 60_000;
const END = 600 * MIN; // ten scenario hours
const RUNS = { numRuns: 300, seed: 20261202 };

const plan = {
  rate: 10,
  endMs: END,
  injects: ['a', 'b', 'c', 'd'].map((id, i) => ({ id, dueMs: (i + 1) * 30 * MIN })),
};

type Action =
  | { kind: 'pause' | 'resume' | 'tick' | 'end' }
  | { kind: 'rate'; rate: number }
  | { kind: 'shift'; deltaMs: number }
  | { kind: 'trigger' | 'skip'; id: string };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<Action>({ kind: 'pause' }, { kind: 'resume' }, { kind: 'tick' }, { kind: 'end' }),
  fc.record({ kind: fc.constant('rate' as const), rate: fc.double({ min: 0.25, max: 120, noNaN: true }) }),
  fc.record({ kind: fc.constant('shift' as const), deltaMs: fc.integer({ min: -60 * MIN, max: 60 * MIN }) }),
  fc.record({ kind: fc.constantFrom('trigger' as const, 'skip' as const), id: fc.constantFrom('a', 'b', 'c', 'd') }),
);

/** Steps of real time (ms) and an action at the end of each. */
const script = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * MIN }), action), { maxLength: 40 });

/** Applies an action; an action that does not apply in the clock's state leaves it as it was. */
function apply(c: ExerciseClock, real: number, a: Action): ExerciseClock {
  try {
    switch (a.kind) {
      case 'pause':
        return pause(c, real);
      case 'resume':
        return resume(c, real);
      case 'tick':
        return tick(c, real).clock;
      case 'end':
        return end(c, real);
      case 'rate':
        return setRate(c, real, a.rate);
      case 'shift':
        return shift(c, real, a.deltaMs);
      case 'trigger':
        return triggerNow(c, real, a.id);
      case 'skip':
        return skip(c, real, a.id);
    }
  } catch (e) {
    if (e instanceof ClockRefusal) return c;
    throw e;
  }
}

/** Runs a script from a start at real time 1000; calls `check(before, after, realBefore, realAfter, action)`. */
function play(
  steps: ReadonlyArray<readonly [number, Action]>,
  check: (before: ExerciseClock, after: ExerciseClock, t0: number, t1: number, a: Action) => void,
): ExerciseClock {
  let real = 1000;
  let c = start(createClock(plan), real);
  for (const [dt, a] of steps) {
    const next = apply(c, real + dt, a);
    check(c, next, real, real + dt, a);
    real += dt;
    c = next;
  }
  return c;
}

describe('scenario clock (property-based)', () => {
  test('scenario time never runs backwards, whatever the instructor does', () => {
    fc.assert(
      fc.property(script, (steps) => {
        play(steps, (before, after, t0, t1) => {
          expect(scenarioMs(after, t1)).toBeGreaterThanOrEqual(scenarioMs(before, t0));
        });
      }),
      RUNS,
    );
  });

  test('while running it advances by exactly the real time elapsed × rate (up to the end)', () => {
    fc.assert(
      fc.property(script, fc.integer({ min: 0, max: 10 * MIN }), (steps, dt) => {
        const c = play(steps, () => undefined);
        const t = 1000 + steps.reduce((sum, [d]) => sum + d, 0);
        const expected = c.status === 'RUNNING' ? Math.min(c.endMs, scenarioMs(c, t) + dt * c.rate) : scenarioMs(c, t);
        expect(scenarioMs(c, t + dt)).toBeCloseTo(expected, 6);
      }),
      RUNS,
    );
  });

  test('while paused (or ended) the scenario time is frozen', () => {
    fc.assert(
      fc.property(script, fc.integer({ min: 1, max: 24 * 60 * MIN }), (steps, dt) => {
        play(steps, (_before, after, _t0, t1) => {
          if (after.status === 'PAUSED' || after.status === 'ENDED') {
            expect(scenarioMs(after, t1 + dt)).toBe(scenarioMs(after, t1));
          }
        });
      }),
      RUNS,
    );
  });

  test('a rate change does not make the clock jump; only the slope changes', () => {
    fc.assert(
      fc.property(
        script,
        fc.double({ min: 0.25, max: 120, noNaN: true }),
        fc.integer({ min: 0, max: 10 * MIN }),
        (steps, rate, dt) => {
          const c = play(steps, () => undefined);
          if (c.status === 'ENDED') return;
          const t = 1000 + steps.reduce((sum, [d]) => sum + d, 0);
          const changed = setRate(c, t, rate);
          expect(scenarioMs(changed, t)).toBeCloseTo(scenarioMs(c, t), 6);
          if (changed.status === 'RUNNING') {
            expect(scenarioMs(changed, t + dt)).toBeCloseTo(Math.min(changed.endMs, scenarioMs(c, t) + dt * rate), 6);
          }
        },
      ),
      RUNS,
    );
  });

  test('the scenario time is the sum of the running intervals, each × its rate (EXERCISES.md §3)', () => {
    const segment = fc.tuple(
      fc.integer({ min: 0, max: 20 * MIN }),
      fc.integer({ min: 0, max: 20 * MIN }),
      fc.integer({ min: 1, max: 30 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), (segments) => {
        // Each segment: run for `run` ms at `rate`, then pause for `paused` ms.
        let real = 0;
        let c = setRate(createClock({ ...plan, endMs: Number.MAX_SAFE_INTEGER / 4 }), 0, 1);
        c = start(c, real);
        let expected = 0;
        for (const [run, paused, rate] of segments) {
          c = setRate(c, real, rate);
          real += run;
          expected += run * rate;
          c = pause(c, real);
          real += paused;
          c = resume(c, real);
        }
        expect(scenarioMs(c, real)).toBe(expected);
      }),
      RUNS,
    );
  });

  test('a shift moves every pending inject and the end by exactly the amount, and nothing else', () => {
    fc.assert(
      fc.property(script, fc.integer({ min: -60 * MIN, max: 120 * MIN }), (steps, delta) => {
        const c = play(steps, () => undefined);
        const t = 1000 + steps.reduce((sum, [d]) => sum + d, 0);
        let moved: ExerciseClock;
        try {
          moved = shift(c, t, delta);
        } catch (e) {
          expect(e).toBeInstanceOf(ClockRefusal);
          expect(c.status === 'ENDED' || c.endMs + delta < scenarioMs(c, t)).toBe(true);
          return;
        }
        expect(scenarioMs(moved, t)).toBe(scenarioMs(c, t));
        expect(moved.endMs).toBe(c.endMs + delta);
        moved.injects.forEach((i, k) => {
          const was = c.injects[k]!;
          if (was.state === 'PENDING' && was.dueMs !== null) expect(i.dueMs).toBe(was.dueMs + delta);
          else expect(i).toEqual(was);
        });
      }),
      RUNS,
    );
  });

  test('each inject fires at most once, and never both fires and is skipped', () => {
    fc.assert(
      fc.property(script, (steps) => {
        const fired: string[] = [];
        let real = 1000;
        let c = start(createClock(plan), real);
        for (const [dt, a] of steps) {
          real += dt;
          if (a.kind === 'tick') {
            const r = tick(c, real);
            fired.push(...r.fired.map((i) => i.id));
            c = r.clock;
          } else {
            const next = apply(c, real, a);
            if (a.kind === 'trigger' && next !== c) fired.push(a.id);
            c = next;
          }
        }
        expect(new Set(fired).size).toBe(fired.length);
        for (const i of c.injects) {
          expect(i.state === 'FIRED').toBe(fired.includes(i.id));
          expect(i.state === 'PENDING').toBe(i.doneMs === null);
        }
      }),
      RUNS,
    );
  });
});
