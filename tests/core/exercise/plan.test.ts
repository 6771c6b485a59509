import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { scenarioSchema } from '../../../electron/contract/scenario';
import { clockPlan } from '../../../electron/core/exercise/plan';
import { createClock, start, tick } from '../../../electron/domain/exercise/clock';
import { scenarioDtg } from '../../../electron/domain/exercise/time';

const MIN = 60_000;
const tutorial = scenarioSchema.parse(
  JSON.parse(readFileSync(resolve(__dirname, '../../../resources/scenarios/tutorial.json'), 'utf8')),
);

test("the Tutorial's clock plan: injects at their offsets, the after inject waiting", () => {
  const plan = clockPlan(tutorial);
  expect(plan).toEqual({
    start: new Date(Date.UTC(1962, 9, 29, 9, 0)),
    rate: 1,
    endMs: 10 * MIN,
    injects: [
      { id: 'welcome', dueMs: 0 },
      { id: 'flash', dueMs: 2 * MIN },
      { id: 'pass', dueMs: null },
      { id: 'reminder', dueMs: 6 * MIN },
    ],
  });
  // Played at real speed, the FLASH fires at +00:02 with its 1962 DTG.
  const r = tick(tick(start(createClock(plan), 0), 0).clock, 2 * MIN + 1);
  expect(r.fired.map((i) => [i.id, scenarioDtg(plan.start, i.doneMs!)])).toEqual([['flash', '290902Z OCT 62']]);
});

test('absolute DTGs become offsets from the start', () => {
  const s = { ...tutorial, clock: { ...tutorial.clock, end: '291000Z OCT 62' } };
  s.injects = [{ ...tutorial.injects[0]!, at: '290930Z OCT 62' }];
  expect(clockPlan(s)).toMatchObject({ endMs: 60 * MIN, injects: [{ id: 'welcome', dueMs: 30 * MIN }] });
});
