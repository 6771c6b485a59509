import type { ExerciseDebriefAnswers, ExerciseFeed, ExerciseReportFile, ExerciseScoreView } from '../../contract/ipc';
import type { ExerciseRecord } from '../../domain/exercise/record';
import { scoreRecord } from '../../domain/exercise/score';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { emitChange } from '../events';
import type { Actor } from '../services/actor';
import { refusals } from '../services/refusal';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { feedOf } from './feed';
import { afterActionReport, buildReport } from './report';
import { renderReportPdf } from './reportPdf';
import { liveExerciseRecord } from './score';

/**
 * The exercise as its people read it (issue 10 items 5 and 6; EXERCISES.md §5–6), over the
 * live record of the audit trail (core/exercise/record.ts) — access decided here, never in the
 * renderer:
 *
 * - `exerciseScoreView`: instructors and admins the whole score, at any time; a trainee only
 *   their own part, and only once the exercise has ended — during play the expectations are the
 *   instructor's (EXERCISES.md §5: trainees see their inbox and a clock), and a running score would
 *   tell a trainee what is still expected of them. The trainee's part is the after-action report's
 *   own copy (report.ts `buildReport`), so a cable the trainee may not see is never named on screen
 *   either (rule 18).
 * - `exerciseFeed`: what the trainees did, newest first, and how far each post got with each
 *   inject (the dashboard's grid): instructors and admins only.
 * - `submitDebrief`: a trainee's answers to the scenario's debrief questions, once it has ended,
 *   written as EXERCISE_DEBRIEF (the journal's detail: core/exercise/journal.ts); the latest
 *   submission is the one the report attaches.
 * - `exerciseReportFile`: the after-action report as PDF (report.ts decides whose copy and audits
 *   it as EXPORT; reportPdf.ts renders it).
 * Every refusal is audited as DENY (services/refusal.ts); none names a cable, so a refusal here is
 * never scored as an access-denied mistake.
 */

/** Characters at most per debrief answer (the contract's bound as well). */
export const ANSWER_MAX_CHARS = 4000;

type ExerciseRow = { id: number; status: 'READY' | 'RUNNING' | 'PAUSED' | 'ENDED'; scenario_id: string };

const isInstructor = (a: Actor): boolean => a.role === 'instructor' || a.role === 'admin';

function exerciseRow(db: Db, exerciseId: number): ExerciseRow {
  const row = prepared(db, 'SELECT id, status, scenario_id FROM exercises WHERE id = ?').get(exerciseId) as
    ExerciseRow | undefined;
  if (!row) throw new CableroomError('NOT_FOUND', `No exercise ${exerciseId}.`);
  return row;
}

/** Each trainee's latest debrief (the one the report attaches), in the order they were given. */
function latestAnswers(record: ExerciseRecord): ExerciseDebriefAnswers[] {
  const byUser = new Map<number, ExerciseDebriefAnswers>();
  for (const d of record.debriefs) {
    byUser.delete(d.userId);
    byUser.set(d.userId, { login: d.login, seq: d.seq, answers: d.answers });
  }
  return [...byUser.values()];
}

function questionsOf(record: ExerciseRecord) {
  return record.scenario.debrief.map((q) => ({ id: q.id, question: q.question }));
}

export type ExerciseReadOptions = Readonly<{ realNowMs?: number }>;

/** Refuses (DENY) whoever did not play in the exercise; returns their assignment. */
function mustParticipate(db: Db, audit: AuditTrail, actor: Actor, record: ExerciseRecord, what: string) {
  const mine = record.assignments.find((a) => a.userId === actor.userId);
  if (!mine) {
    refusals(db, audit)(actor, {
      message: `You did not take part in exercise ${record.exerciseId}.`,
      detail: { what, exercise: record.exerciseId, reason: 'NOT_A_PARTICIPANT' },
    });
  }
  return mine;
}

export function exerciseScoreView(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  options: ExerciseReadOptions = {},
): ExerciseScoreView {
  const row = exerciseRow(db, exerciseId);
  const realNowMs = options.realNowMs ?? Date.now();
  const record = liveExerciseRecord(db, exerciseId);
  const questions = questionsOf(record);
  if (isInstructor(actor)) {
    return {
      view: 'instructor',
      score: scoreRecord(record, { realNowMs }),
      questions,
      answers: latestAnswers(record),
    };
  }
  mustParticipate(db, audit, actor, record, 'exercise score');
  if (row.status !== 'ENDED') {
    refusals(db, audit)(actor, {
      message: 'Your score is yours once the exercise has ended.',
      detail: { what: 'exercise score', exercise: exerciseId, reason: 'NOT_ENDED' },
    });
  }
  // The trainee's own copy of the report: their lines, with what they may not see withheld.
  const report = buildReport(db, exerciseId, { kind: 'trainee', login: actor.login }, { realNowMs });
  const own = report.posts.flatMap((p) => p.trainees).find((t) => t.login === actor.login);
  if (!own)
    throw new CableroomError('INTERNAL', `The report of exercise ${exerciseId} has no copy for ${actor.login}.`);
  return {
    view: 'trainee',
    exercise: exerciseId,
    title: report.exercise.title,
    status: report.exercise.status,
    classification: report.classification,
    banner: report.banner,
    login: own.login,
    name: own.name,
    role: own.role,
    post: own.post,
    score: own.score,
    points: own.points,
    possible: own.possible,
    counts: own.counts,
    timeline: own.timeline.map((r) => ({
      inject: r.inject,
      cable: r.cable.withheld ? null : { ref: r.cable.ref, subject: r.cable.subject, banner: r.cable.banner },
      delivered: r.delivered,
      opened: r.opened,
      acknowledged: r.acknowledged,
      passed: r.passed,
      replied: r.replied ? { dtg: r.replied.dtg, ms: r.replied.ms } : null,
    })),
    expectations: own.expectations.map((e) => ({
      expectation: e.expectation,
      kind: e.kind,
      objective: e.objective,
      verdict: e.verdict,
      points: e.points,
      possible: e.possible,
      at: e.at,
      note: e.note,
    })),
    mistakes: own.mistakes.map((m) => ({
      expectation: m.expectation,
      rule: m.rule,
      teaching: m.teaching,
      points: m.points,
      at: m.at,
      note: m.note,
    })),
    objectives: own.objectives,
    questions,
    answers: latestAnswers(record).find((a) => a.login === actor.login) ?? null,
  };
}

export type DebriefAnswerInput = Readonly<{ question: string; answer: string }>;

export function submitDebrief(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  answers: ReadonlyArray<DebriefAnswerInput>,
): ExerciseDebriefAnswers {
  const row = exerciseRow(db, exerciseId);
  const record = liveExerciseRecord(db, exerciseId);
  mustParticipate(db, audit, actor, record, 'exercise debrief');
  if (row.status !== 'ENDED') {
    throw new CableroomError('CONFLICT', 'The debrief opens once the exercise has ended.');
  }
  const questions = questionsOf(record);
  if (questions.length === 0) throw new CableroomError('CONFLICT', 'This scenario asks no debrief questions.');
  const given = new Map<string, string>();
  for (const a of answers) {
    if (!questions.some((q) => q.id === a.question)) {
      throw new CableroomError(
        'BAD_REQUEST',
        `The scenario asks no question "${a.question}" (its questions: ${questions.map((q) => q.id).join(', ')}).`,
      );
    }
    if (given.has(a.question)) throw new CableroomError('BAD_REQUEST', `Question "${a.question}" is answered twice.`);
    if (a.answer.length > ANSWER_MAX_CHARS) {
      throw new CableroomError('BAD_REQUEST', `An answer is at most ${ANSWER_MAX_CHARS} characters.`);
    }
    given.set(a.question, a.answer.trim());
  }
  // In the scenario's order; a question left blank is left out (the report lists what was answered).
  const stored = questions.flatMap((q) => {
    const answer = given.get(q.id);
    return answer ? [{ question: q.question, answer }] : [];
  });
  if (stored.length === 0) throw new CableroomError('BAD_REQUEST', 'Answer at least one question.');
  const entry = audit.append({
    actor: { userId: actor.userId, login: actor.login },
    action: 'EXERCISE_DEBRIEF',
    detail: { exercise: exerciseId, answers: stored },
  });
  // The instructor's dashboard lists the answers given.
  emitChange(db, { type: 'exercise', exerciseId });
  return { login: actor.login, seq: entry.seq, answers: stored };
}

/** The file name of a report copy: the scenario, the exercise and, for a trainee's copy, the login. */
export function reportFilename(scenarioId: string, exerciseId: number, login: string | null): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `after-action-${safe(scenarioId)}-${exerciseId}${login ? `-${safe(login)}` : ''}.pdf`;
}

export async function exerciseReportFile(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  trainee: string | undefined,
  options: ExerciseReadOptions = {},
): Promise<ExerciseReportFile> {
  const row = exerciseRow(db, exerciseId);
  const report = afterActionReport(db, audit, actor, exerciseId, { trainee, format: 'pdf' }, options);
  const pdf = await renderReportPdf(report);
  return {
    filename: reportFilename(row.scenario_id, exerciseId, report.copy.kind === 'trainee' ? report.copy.login : null),
    mediaType: 'application/pdf',
    banner: report.banner,
    // A plain Uint8Array (not Node's Buffer), as the contract's payloads are.
    bytes: Uint8Array.from(pdf),
  };
}

/** The dashboard's feed and grid cells (feed.ts): instructors and admins only. */
export function exerciseFeed(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  limit: number = 100,
): ExerciseFeed {
  if (!isInstructor(actor)) {
    refusals(db, audit)(actor, {
      message: 'Only an instructor watches the class.',
      detail: { what: 'exercise feed', exercise: exerciseId, reason: 'NOT_INSTRUCTOR' },
    });
  }
  exerciseRow(db, exerciseId);
  return feedOf(liveExerciseRecord(db, exerciseId), limit);
}
