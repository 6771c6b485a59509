import { describe, expect, test } from 'vitest';
import {
  ClockRefusal,
  createClock,
  end,
  pause,
  resume,
  scenarioMs,
  schedule,
  setRate,
  shift,
  skip,
  start,
  tick,
  triggerNow,
} from '../../../electron/domain/exercise/clock';
import {
  formatOffset,
  minutesFromStart,
  parseOffset,
  scenarioDtg,
  scenarioInstant,
} from '../../../electron/domain/exercise/time';
import { parseDtg } from '../../../electron/domain/dtg';

const MIN = 60_000;
const plan = {
  rate: 10,
  endMs: 60 * MIN,
  injects: [
    { id: 'welcome', dueMs: 0 },
    { id: 'flash', dueMs: 2 * MIN },
    { id: 'pass', dueMs: null },
    { id: 'late', dueMs: 30 * MIN },
  ],
};

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ClockRefusal) return e.code;
    throw e;
  }
  return 'none';
}

describe('scenario clock transitions', () => {
  test('at rate 10 one real minute is ten scenario minutes', () => {
    const c = start(createClock(plan), 5_000);
    expect(scenarioMs(c, 5_000)).toBe(0);
    expect(scenarioMs(c, 5_000 + MIN)).toBe(10 * MIN);
  });

  test('"trigger now" fires at once during a pause, at the paused scenario time', () => {
    let c = start(createClock(plan), 0);
    c = pause(c, 30_000); // 5 scenario minutes
    c = triggerNow(c, 10 * MIN, 'late');
    expect(c.injects.find((i) => i.id === 'late')).toMatchObject({ state: 'FIRED', doneMs: 5 * MIN, how: 'TRIGGER' });
    expect(refusal(() => triggerNow(c, 10 * MIN, 'late'))).toBe('NOT_PENDING');
  });

  test('a late tick catches up: every due inject fires once, at its own scheduled time, in time order', () => {
    const c = start(createClock(plan), 0);
    const first = tick(c, 6_000); // 1 scenario minute
    expect(first.fired.map((i) => i.id)).toEqual(['welcome']);
    const later = tick(first.clock, 4 * MIN); // 40 scenario minutes: flash and late are due
    expect(later.fired.map((i) => [i.id, i.doneMs])).toEqual([
      ['flash', 2 * MIN],
      ['late', 30 * MIN],
    ]);
    expect(tick(later.clock, 4 * MIN).fired).toEqual([]);
  });

  test('an inject after another waits without a time until it is scheduled', () => {
    let c = start(createClock(plan), 0);
    c = tick(c, 5 * MIN).clock; // 50 scenario minutes
    expect(c.injects.find((i) => i.id === 'pass')!.state).toBe('PENDING');
    expect(refusal(() => schedule(c, 'flash', 0))).toBe('NOT_PENDING');
    // The flash fired at +2; "pass" comes one scenario minute after it.
    c = schedule(c, 'pass', 3 * MIN);
    expect(refusal(() => schedule(c, 'pass', 4 * MIN))).toBe('NOT_PENDING');
    const r = tick(c, 5 * MIN);
    expect(r.fired.map((i) => [i.id, i.doneMs])).toEqual([['pass', 3 * MIN]]);
  });

  test('the clock stops at the end, and an ended exercise refuses every control', () => {
    let c = start(createClock(plan), 0);
    const r = tick(c, 7 * MIN); // 70 scenario minutes > the end at 60
    c = r.clock;
    expect(c.status).toBe('ENDED');
    expect(scenarioMs(c, 100 * MIN)).toBe(60 * MIN);
    for (const f of [
      () => pause(c, 0),
      () => resume(c, 0),
      () => setRate(c, 0, 2),
      () => shift(c, 0, MIN),
      () => triggerNow(c, 0, 'pass'),
      () => skip(c, 0, 'pass'),
      () => end(c, 0),
    ]) {
      expect(refusal(f)).toBe('ENDED');
    }
  });

  test('skip takes an inject out of the queue; a skipped inject never fires', () => {
    let c = start(createClock(plan), 0);
    c = skip(c, 0, 'late');
    const r = tick(c, 5 * MIN);
    expect(r.fired.map((i) => i.id)).toEqual(['welcome', 'flash']);
    expect(r.clock.injects.find((i) => i.id === 'late')).toMatchObject({ state: 'SKIPPED', how: 'SKIP' });
  });

  test('refusals name what does not apply', () => {
    const ready = createClock(plan);
    expect(refusal(() => pause(ready, 0))).toBe('NOT_RUNNING');
    expect(refusal(() => triggerNow(ready, 0, 'flash'))).toBe('NOT_STARTED');
    const running = start(ready, 0);
    expect(refusal(() => start(running, 0))).toBe('NOT_STARTED');
    expect(refusal(() => resume(running, 0))).toBe('NOT_PAUSED');
    expect(refusal(() => setRate(running, 0, 0))).toBe('BAD_RATE');
    expect(refusal(() => setRate(running, 0, Number.NaN))).toBe('BAD_RATE');
    expect(refusal(() => triggerNow(running, 0, 'nope'))).toBe('UNKNOWN_INJECT');
    expect(refusal(() => shift(running, 3 * MIN, -40 * MIN))).toBe('BAD_SHIFT'); // end at 20 < now at 30
    expect(refusal(() => createClock({ ...plan, injects: [...plan.injects, { id: 'flash', dueMs: 0 }] }))).toBe(
      'UNKNOWN_INJECT',
    );
  });

  test('the state is plain JSON: stored and read back, it goes on exactly as before', () => {
    let c = start(createClock(plan), 0);
    c = setRate(pause(c, MIN), 2 * MIN, 3);
    const stored = JSON.parse(JSON.stringify(c)) as typeof c;
    expect(stored).toEqual(c);
    expect(tick(resume(stored, 3 * MIN), 4 * MIN)).toEqual(tick(resume(c, 3 * MIN), 4 * MIN));
  });

  test('a real clock set back does not run the scenario backwards', () => {
    const c = start(createClock(plan), 10 * MIN);
    expect(scenarioMs(c, 9 * MIN)).toBe(0);
  });
});

describe('scenario times and DTGs', () => {
  test('offsets', () => {
    expect(parseOffset('+00:45')).toBe(45);
    expect(parseOffset('+26:30')).toBe(26 * 60 + 30);
    expect(parseOffset('00:45')).toBeNull();
    expect(parseOffset('+00:60')).toBeNull();
    expect(formatOffset(90)).toBe('+01:30');
  });

  test('an absolute DTG is read against the start; 1962 DTGs keep two-digit years (rule 22)', () => {
    const start = parseDtg('271800Z OCT 62')!;
    expect(minutesFromStart('271830Z OCT 62', start)).toBe(30);
    expect(minutesFromStart('281200Z OCT 62', start)).toBe(18 * 60);
    expect(minutesFromStart('271700Z OCT 62', start)).toBe(-60);
    expect(minutesFromStart('nonsense', start)).toBeNull();
    expect(scenarioDtg(start, 0)).toBe('271800Z OCT 62');
    // Across midnight and a month end, still in 1962.
    expect(scenarioDtg(start, (4 * 24 * 60 + 6 * 60 + 15) * MIN)).toBe('010015Z NOV 62');
    expect(scenarioInstant(start, 90 * MIN).toISOString()).toBe('1962-10-27T19:30:00.000Z');
  });

  test('a paused 1962 exercise writes the DTG of the moment it was paused', () => {
    const start0 = parseDtg('271800Z OCT 62')!;
    let c = start(createClock({ ...plan, endMs: 24 * 60 * MIN }), 0);
    c = pause(c, 3 * MIN); // 30 scenario minutes
    expect(scenarioDtg(start0, scenarioMs(c, 50 * MIN))).toBe('271830Z OCT 62');
  });
});
