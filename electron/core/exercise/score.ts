import type { ExerciseRecord } from '../../domain/exercise/record';
import {
  expectationMetAt as metAtInRecord,
  scoreRecord,
  type ExerciseScore,
  type ScoreOptions,
} from '../../domain/exercise/score';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Actor } from '../services/actor';
import { refusals } from '../services/refusal';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { createRecordFold, readExerciseRecord, type RecordFold } from './record';

/**
 * Exercise scores over a database (issue 10 item 4; EXERCISES.md §4).
 *
 * - `scoreExercise` is the live score: a fold of the exercise's audit entries kept per connection,
 *   which reads only the entries appended since it last looked (the dashboard asks every tick).
 * - `recomputeScore` rebuilds the record from the audit trail alone, from the EXERCISE_START on
 *   (`exercise score --recompute`); tests hold it equal to the live score.
 * - `isExpectationMet` / `expectationMetAt` are what the engine asks for `unless` and
 *   `after: { expectation }`.
 * Both read the trail through core/exercise/record.ts, which checks the hash chain of every entry
 * it folds; the score itself is domain/exercise/score.ts.
 */
export type { ExerciseScore, ScoreLine, ScoreOptions } from '../../domain/exercise/score';

type LiveFold = { fold: RecordFold; headHash: string | null };

const folds = new WeakMap<Db, Map<number, LiveFold>>();

/** The hash of entry `seq` as stored now (null when there is none). */
function hashAt(db: Db, seq: number): string | null {
  return (prepared(db, 'SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq) as string | undefined) ?? null;
}

/**
 * The live record of an exercise: the connection's fold, caught up with the trail. A fold whose
 * last entry is no longer what it read (a rolled-back transaction, a file replaced) starts again.
 */
export function liveExerciseRecord(db: Db, exerciseId: number): ExerciseRecord {
  let byExercise = folds.get(db);
  if (!byExercise) {
    byExercise = new Map();
    folds.set(db, byExercise);
  }
  let live = byExercise.get(exerciseId);
  if (live && hashAt(db, live.fold.headSeq()) !== live.headHash) live = undefined;
  if (!live) {
    live = { fold: createRecordFold(db, exerciseId), headHash: null };
    // One fold per connection: the live exercise's (a report of an older one folds it afresh).
    byExercise.clear();
    byExercise.set(exerciseId, live);
  }
  try {
    live.fold.catchUp();
  } catch (e) {
    byExercise.delete(exerciseId);
    throw e;
  }
  live.headHash = hashAt(db, live.fold.headSeq());
  return live.fold.record();
}

/** The live score (the connection's fold of the trail). */
export function scoreExercise(db: Db, exerciseId: number, options: ScoreOptions = {}): ExerciseScore {
  return scoreRecord(liveExerciseRecord(db, exerciseId), withNow(options));
}

/** The score rebuilt from the audit trail alone (`exercise score --recompute`). */
export function recomputeScore(db: Db, exerciseId: number, options: ScoreOptions = {}): ExerciseScore {
  return scoreRecord(readExerciseRecord(db, exerciseId), withNow(options));
}

/** Whether the people an expectation names have met it (the engine's `unless`). */
export function isExpectationMet(db: Db, exerciseId: number, expectationId: string, realNowMs?: number): boolean {
  return expectationMetAt(db, exerciseId, expectationId, realNowMs) !== null;
}

/** The scenario ms at which an expectation was met, or null (the engine's `after: { expectation }`). */
export function expectationMetAt(db: Db, exerciseId: number, expectationId: string, realNowMs?: number): number | null {
  const record = liveExerciseRecord(db, exerciseId);
  if (!record.scenario.expectations.some((e) => e.id === expectationId)) {
    throw new CableroomError('NOT_FOUND', `The scenario has no expectation "${expectationId}".`);
  }
  return metAtInRecord(record, expectationId, withNow({ ...(realNowMs !== undefined ? { realNowMs } : {}) }));
}

/** The exercise an unqualified command means: the one running (or paused), else the latest. */
export function currentExerciseId(db: Db): number {
  const id = prepared(db, "SELECT id FROM exercises ORDER BY status <> 'ENDED' DESC, id DESC LIMIT 1").pluck().get() as
    number | undefined;
  if (id === undefined) throw new CableroomError('NOT_FOUND', 'No exercise has been started in this database.');
  return id;
}

function withNow(options: ScoreOptions): ScoreOptions {
  return { realNowMs: options.realNowMs ?? Date.now() };
}

/**
 * The score for a person (the CLI's `exercise score`, the dashboard): instructors and admins
 * only — the scenario and every trainee's lines are the instructor's. A refusal is audited DENY.
 */
export function exerciseScoreFor(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  options: ScoreOptions & Readonly<{ recompute?: boolean }> = {},
): ExerciseScore {
  if (actor.role !== 'instructor' && actor.role !== 'admin') {
    refusals(db, audit)(actor, {
      message: "Only an instructor sees an exercise's scores; a trainee gets their own after-action report.",
      detail: { what: 'exercise score', exercise: exerciseId, reason: 'NOT_INSTRUCTOR' },
    });
  }
  return options.recompute ? recomputeScore(db, exerciseId, options) : scoreExercise(db, exerciseId, options);
}
