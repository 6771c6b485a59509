import { describe, expect, test } from 'vitest';
import { CONTRACT, type ExerciseStatusResult, type ExerciseStatusView } from '../../electron/contract/ipc';
import { exerciseRouterFixture } from '../support/exerciseRouter';

/**
 * The exercise endpoints and push (issue 10 item 5): `exerciseStatus` tells each user what they
 * may see of the exercise (instructors everything, trainees the clock), `exerciseControl` is the
 * instructor's (a trainee is refused), every change is pushed to every signed-in window as an id,
 * and while a shell listens for pushes the router's timer fires injects on time.
 */
const setup = exerciseRouterFixture(25);

describe('exercise endpoints', () => {
  test('the instructor starts the Tutorial; the timer delivers the FLASH on time; everyone is told, by id', async () => {
    const t = setup();
    for (const login of ['instructor', 'trainee', 'bohlen']) await t.signIn(login);
    const control = CONTRACT.exerciseControl.channel;
    const status = CONTRACT.exerciseStatus.channel;

    // A trainee may not run it: refused, audited.
    expect(await t.call('trainee', control, { action: 'start', scenario: { shipped: 'tutorial' } })).toEqual({
      ok: false,
      error: { code: 'ACCESS_DENIED', message: 'Only an instructor runs exercises.' },
    });
    const before = (await t.call('instructor', status, {})) as { ok: true; value: ExerciseStatusResult };
    expect(before.value.exercise).toBeNull();
    expect(before.value.scenarios.map((s) => s.id)).toContain('tutorial');

    // Rate 120: two scenario minutes a real second; the FLASH (+00:02) comes a second after the start.
    const started = (await t.call('instructor', control, {
      action: 'start',
      scenario: { shipped: 'tutorial' },
      rate: 120,
      assignments: { trainee: 'trainee' },
    })) as { ok: true; value: ExerciseStatusView };
    expect(started.ok).toBe(true);
    const id = started.value.clock.exercise;
    await t.until(() => t.to('trainee').some((e) => e.kind === 'alerts'));
    expect(t.to('trainee')).toEqual(
      expect.arrayContaining([
        { kind: 'exercise', exerciseId: id },
        { kind: 'inbox', arrived: 1 },
        { kind: 'alerts', flash: 1, niact: 0 },
      ]),
    );
    // Paris is told the clock changed (everyone's time), never of USRO's traffic.
    expect(t.to('bohlen')).toContainEqual({ kind: 'exercise', exerciseId: id });
    expect(t.to('bohlen').filter((e) => e.kind !== 'exercise')).toEqual([]);
    // Pushes carry ids and counts only.
    expect(JSON.stringify(t.pushed)).not.toMatch(/TOPOL|FLASH|EXERCISE:/);

    const mine = (await t.call('trainee', status, {})) as { ok: true; value: ExerciseStatusResult };
    expect(mine.value).toEqual({
      exercise: {
        view: 'trainee',
        clock: expect.objectContaining({ exercise: id, status: 'RUNNING', rate: 120 }),
        role: { role: 'trainee', post: 'USMISSION USNATO', function: 'desk officer' },
      },
      scenarios: [],
    });
    const all = (await t.call('instructor', status, {})) as { ok: true; value: ExerciseStatusResult };
    const view = all.value.exercise!;
    expect(view.view === 'instructor' && view.injects.find((i) => i.id === 'flash')?.state).toBe('FIRED');

    // The controls, and their refusals.
    const paused = (await t.call('instructor', control, { action: 'pause' })) as {
      ok: true;
      value: ExerciseStatusView;
    };
    expect(paused.value.clock.status).toBe('PAUSED');
    expect(await t.call('instructor', control, { action: 'pause' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await t.call('instructor', control, { action: 'shift', minutes: 0 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await t.call('instructor', control, { action: 'rate', rate: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await t.call('instructor', control, { action: 'trigger', inject: 'reminder' })).toMatchObject({
      ok: true,
      value: { injects: expect.arrayContaining([expect.objectContaining({ id: 'reminder', how: 'TRIGGER' })]) },
    });
    expect(await t.call('instructor', control, { action: 'end' })).toMatchObject({
      ok: true,
      value: { clock: { status: 'ENDED' } },
    });
    expect(t.logged).toEqual([]);
  });

  test('an uploaded scenario that is not valid is refused with its problems; nothing starts', async () => {
    const t = setup();
    await t.signIn('instructor');
    const result = await t.call('instructor', CONTRACT.exerciseControl.channel, {
      action: 'start',
      scenario: { document: '{"format": "CABLEROOM-SCENARIO-1"}' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^The scenario is not valid/) },
    });
    expect(t.core.db.prepare('SELECT count(*) FROM exercises').pluck().get()).toBe(0);
  });
});
