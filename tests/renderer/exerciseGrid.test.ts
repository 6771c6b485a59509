import { describe, expect, test } from 'vitest';
import type { ExerciseInjectView, ExerciseProgress } from '../../electron/contract/ipc';
import type { ScoreLine } from '../../electron/domain/exercise/score';
import { buildGrid, cellKey, cellState, countStates } from '../../renderer/src/exercise/grid';

/**
 * The dashboard's grid (issue 10 item 5): each cell says how far a post got with an inject —
 * pending, delivered, opened, acknowledged, done, overdue, missed (or skipped) — from the inject's
 * state, the post's score lines and the feed's progress, against the scenario clock as the window
 * runs it, so a window that closes turns its cell overdue without a word from main.
 */
const MIN = 60_000;
const USRO = 'USMISSION USNATO';
const PARIS = 'AMEMBASSY PARIS';

function inject(id: string, state: ExerciseInjectView['state'], to: string[] = [USRO]): ExerciseInjectView {
  return {
    id,
    ref: `TOPOL ${id}`,
    classification: 'CONFIDENTIAL',
    to,
    state,
    waiting: state === 'PENDING' ? 'TIME' : null,
    dueMs: 2 * MIN,
    due: null,
    doneMs: state === 'FIRED' ? 2 * MIN : null,
    done: null,
    how: state === 'FIRED' ? 'SCHEDULE' : null,
    cableId: state === 'FIRED' ? 7 : null,
    after: null,
    unless: null,
    manual: false,
    objectives: [],
    controllerNote: null,
    problem: null,
  };
}

function line(over: Partial<ScoreLine>): ScoreLine {
  return {
    trainee: 'trainee',
    userId: 1,
    role: 'trainee',
    post: USRO,
    expectation: 'ack-flash',
    kind: 'acknowledge',
    inject: 'flash',
    objective: null,
    verdict: 'PENDING',
    points: 0,
    possible: 20,
    auditSeqs: [],
    deliveredMs: 2 * MIN,
    atMs: null,
    dueMs: 4 * MIN,
    rule: null,
    teaching: null,
    note: '',
    ...over,
  };
}

const progress = (over: Partial<ExerciseProgress>): ExerciseProgress => ({
  post: USRO,
  inject: 'flash',
  opened: null,
  acknowledged: null,
  passed: null,
  replied: null,
  ...over,
});

describe('a cell of the grid', () => {
  const fired = { state: 'FIRED' as const };
  test('an inject not sent is pending, or skipped', () => {
    expect(cellState({ inject: { state: 'PENDING' }, lines: [], progress: null, nowMs: 0 })).toBe('pending');
    expect(cellState({ inject: { state: 'SKIPPED' }, lines: [], progress: null, nowMs: 0 })).toBe('skipped');
  });

  test('sent: delivered, then opened, then acknowledged, by the furthest act at the post', () => {
    const open = [line({})];
    expect(cellState({ inject: fired, lines: open, progress: null, nowMs: 3 * MIN })).toBe('delivered');
    expect(cellState({ inject: fired, lines: open, progress: progress({ opened: 2.5 * MIN }), nowMs: 3 * MIN })).toBe(
      'opened',
    );
    expect(
      cellState({
        inject: fired,
        lines: open,
        progress: progress({ opened: 2.5 * MIN, acknowledged: 2.6 * MIN }),
        nowMs: 3 * MIN,
      }),
    ).toBe('acknowledged');
    // An inject nobody expects anything of, opened, stays "opened": done needs expectations.
    expect(cellState({ inject: fired, lines: [], progress: progress({ opened: MIN }), nowMs: 3 * MIN })).toBe('opened');
  });

  test('overdue the moment the window closes, by the window’s clock; missed; done', () => {
    const open = [line({ dueMs: 4 * MIN })];
    expect(cellState({ inject: fired, lines: open, progress: null, nowMs: 4 * MIN })).toBe('delivered');
    expect(cellState({ inject: fired, lines: open, progress: null, nowMs: 4 * MIN + 1 })).toBe('overdue');
    // Overdue outranks what was done so far: opened is not enough.
    expect(cellState({ inject: fired, lines: open, progress: progress({ opened: MIN }), nowMs: 5 * MIN })).toBe(
      'overdue',
    );
    expect(cellState({ inject: fired, lines: [line({ verdict: 'MISSED' })], progress: null, nowMs: 0 })).toBe('missed');
    expect(
      cellState({
        inject: fired,
        lines: [line({ verdict: 'MET' }), line({ expectation: 'reply', verdict: 'LATE' })],
        progress: null,
        nowMs: 9 * MIN,
      }),
    ).toBe('done');
    // One met, one missed: missed. One met, one still open: not done yet.
    expect(
      cellState({
        inject: fired,
        lines: [line({ verdict: 'MET' }), line({ verdict: 'MISSED' })],
        progress: null,
        nowMs: 0,
      }),
    ).toBe('missed');
    expect(
      cellState({
        inject: fired,
        lines: [line({ verdict: 'MET' }), line({ verdict: 'PENDING', dueMs: 8 * MIN })],
        progress: progress({ acknowledged: MIN }),
        nowMs: 5 * MIN,
      }),
    ).toBe('acknowledged');
  });
});

describe('the grid', () => {
  test('posts × injects: a cell where the inject is addressed, expected or acted on; mistakes and nevers left out', () => {
    const injects = [inject('welcome', 'FIRED'), inject('flash', 'FIRED'), inject('pass', 'PENDING')];
    const lines = [
      line({ inject: 'welcome', expectation: 'open-welcome', kind: 'open', verdict: 'MET', points: 10, possible: 10 }),
      line({ inject: 'flash', dueMs: 4 * MIN }),
      // A mistake and a never: not the cell's business.
      line({ inject: 'flash', verdict: 'BROKEN', rule: 8, teaching: 't', possible: 0, points: -10 }),
      line({ inject: null, kind: 'never', expectation: 'no-denials', verdict: 'PENDING', possible: 0 }),
      // Paris is expected to open the flash although it is not addressed there.
      line({ post: PARIS, trainee: 'bohlen', userId: 2, inject: 'flash', kind: 'open', dueMs: 9 * MIN }),
    ];
    const grid = buildGrid(injects, [USRO, PARIS, USRO], lines, [progress({ acknowledged: 3 * MIN })], 5 * MIN);
    expect(grid.posts).toEqual([USRO, PARIS]);
    const state = (post: string, id: string) => grid.cells.get(cellKey(post, id))?.state ?? null;
    expect(state(USRO, 'welcome')).toBe('done');
    expect(state(USRO, 'flash')).toBe('overdue');
    expect(state(USRO, 'pass')).toBe('pending');
    expect(state(PARIS, 'welcome')).toBeNull();
    expect(state(PARIS, 'flash')).toBe('delivered');
    expect(state(PARIS, 'pass')).toBeNull();
    expect(grid.cells.get(cellKey(USRO, 'flash'))).toMatchObject({ points: 0, possible: 20, dueMs: 4 * MIN });
    expect(grid.cells.get(cellKey(USRO, 'welcome'))).toMatchObject({ points: 10, possible: 10, dueMs: null });
    expect(countStates(grid)).toMatchObject({ done: 1, overdue: 1, pending: 1, delivered: 1, missed: 0 });
  });
});
