import type { ExerciseInjectView, ExerciseProgress } from '../../../electron/contract/ipc';
import type { ScoreLine } from '../../../electron/domain/exercise/score';

/**
 * The instructor's grid, posts × injects (EXERCISES.md §5), as pure data: what each post has
 * made of each inject, from the exercise status (the injects' states), the score lines (each
 * expectation of a trainee at the post) and the feed's progress (the first open, acknowledgement,
 * pass and reply at the post). `nowMs` is the scenario clock as the window runs it, so a cell turns
 * overdue the moment its window closes, without waiting for main. Tested under Node
 * (tests/renderer/exerciseGrid.test.ts).
 */
export const CELL_STATES = [
  'pending',
  'delivered',
  'opened',
  'acknowledged',
  'done',
  'overdue',
  'missed',
  'skipped',
] as const;
export type CellState = (typeof CELL_STATES)[number];

export const CELL_WORDS: Readonly<Record<CellState, string>> = {
  pending: 'Pending',
  delivered: 'Delivered',
  opened: 'Opened',
  acknowledged: 'Acknowledged',
  done: 'Done',
  overdue: 'Overdue',
  missed: 'Missed',
  skipped: 'Skipped',
};

export type GridCell = Readonly<{
  post: string;
  inject: string;
  state: CellState;
  /** The post's expectations of this inject (not `never`, not mistakes). */
  lines: ReadonlyArray<ScoreLine>;
  /** The earliest window still open or overdue (scenario ms), if any. */
  dueMs: number | null;
  points: number;
  possible: number;
}>;

export type Grid = Readonly<{
  posts: ReadonlyArray<string>;
  injects: ReadonlyArray<ExerciseInjectView>;
  /** By `cellKey(post, inject)`; absent: the inject is nothing to that post. */
  cells: ReadonlyMap<string, GridCell>;
}>;

export const cellKey = (post: string, inject: string): string => `${post}\u0000${inject}`;

type CellInput = Readonly<{
  inject: Pick<ExerciseInjectView, 'state'>;
  lines: ReadonlyArray<Pick<ScoreLine, 'verdict' | 'dueMs'>>;
  progress: Pick<ExerciseProgress, 'opened' | 'acknowledged'> | null;
  nowMs: number;
}>;

/**
 * One cell: an inject not sent is pending (or skipped); once sent, an expectation missed makes the
 * cell missed, all of them met (on time or late) done, one whose window has closed overdue;
 * otherwise the furthest the post got — acknowledged, opened, or just delivered.
 */
export function cellState({ inject, lines, progress, nowMs }: CellInput): CellState {
  if (inject.state === 'SKIPPED') return 'skipped';
  if (inject.state === 'PENDING') return 'pending';
  if (lines.some((l) => l.verdict === 'MISSED')) return 'missed';
  if (lines.length > 0 && lines.every((l) => l.verdict === 'MET' || l.verdict === 'LATE')) return 'done';
  if (lines.some((l) => l.verdict === 'PENDING' && l.dueMs !== null && nowMs > l.dueMs)) return 'overdue';
  if (progress?.acknowledged != null) return 'acknowledged';
  if (progress?.opened != null) return 'opened';
  return 'delivered';
}

/** The posts of the assignments (in their order) × every inject of the scenario. */
export function buildGrid(
  injects: ReadonlyArray<ExerciseInjectView>,
  posts: ReadonlyArray<string>,
  lines: ReadonlyArray<ScoreLine>,
  progress: ReadonlyArray<ExerciseProgress>,
  nowMs: number,
): Grid {
  const postList = [...new Set(posts)];
  const timed = lines.filter((l) => l.kind !== 'never' && l.rule === null && l.inject !== null);
  const cells = new Map<string, GridCell>();
  for (const inject of injects) {
    for (const post of postList) {
      const own = timed.filter((l) => l.post === post && l.inject === inject.id);
      const done = progress.find((p) => p.post === post && p.inject === inject.id) ?? null;
      // An inject is the post's when it is addressed there, or expected of it, or the post acted on it.
      if (!inject.to.includes(post) && own.length === 0 && done === null) continue;
      const open = own.filter((l) => l.verdict === 'PENDING' && l.dueMs !== null).map((l) => l.dueMs as number);
      cells.set(cellKey(post, inject.id), {
        post,
        inject: inject.id,
        state: cellState({ inject, lines: own, progress: done, nowMs }),
        lines: own,
        dueMs: open.length > 0 ? Math.min(...open) : null,
        points: own.reduce((s, l) => s + l.points, 0),
        possible: own.reduce((s, l) => s + l.possible, 0),
      });
    }
  }
  return { posts: postList, injects, cells };
}

/** How many cells are in each state (the grid's summary line). */
export function countStates(grid: Grid): Readonly<Record<CellState, number>> {
  const counts = Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
  for (const c of grid.cells.values()) counts[c.state]++;
  return counts;
}
