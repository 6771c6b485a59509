import { z } from 'zod';
import type { AuditAction, AuditEntry } from '../../domain/audit';

/**
 * The exercise journal: what the audit trail records of an exercise (issue 10), so that the clock,
 * the injects and every score can be rebuilt from the trail alone (`exercise score --recompute`).
 *
 * Audit entries keep real time in `at`; the clock's transitions carry the real ms at which they
 * happened, so replaying them through the pure domain clock (domain/exercise/clock.ts) gives the
 * scenario time of any entry — a trainee's ACK, VIEW, PASS, RELEASE or DENY included.
 */

const exercise = z.number().int().positive();
const realMs = z.number().int().nonnegative();
const injectId = z.string().min(1);

export const exerciseJournalDetails = {
  EXERCISE_START: z.object({
    exercise,
    scenarioId: z.string().min(1),
    /** SHA-256 of the canonical JSON of the scenario document as started. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    realMs,
    /** The scenario start, ISO 8601 (UTC). */
    start: z.string().min(1),
    rate: z.number().positive(),
    endMs: z.number().nonnegative(),
    assignments: z.array(z.object({ role: z.string().min(1), login: z.string().min(1), userId: z.number().int() })),
  }),
  EXERCISE_PAUSE: z.object({ exercise, realMs }),
  EXERCISE_RESUME: z.object({ exercise, realMs }),
  EXERCISE_END: z.object({ exercise, realMs }),
  EXERCISE_RATE: z.object({ exercise, realMs, rate: z.number().positive() }),
  EXERCISE_SHIFT: z.object({ exercise, realMs, byMs: z.number() }),
  EXERCISE_TRIGGER: z.object({ exercise, realMs, inject: injectId }),
  /** Skipped by the instructor, or by its `unless` contingency (reason 'unless'). */
  EXERCISE_SKIP: z.object({ exercise, realMs, inject: injectId, reason: z.literal('unless').optional() }),
  /** An inject delivered through the cable writer; the entry's cable_id is the inject's cable. */
  EXERCISE_INJECT: z.object({
    exercise,
    inject: injectId,
    scenarioMs: z.number().nonnegative(),
    how: z.enum(['SCHEDULE', 'TRIGGER']),
    stations: z.array(z.number().int()),
  }),
  /** A trainee's answers to the debrief questions (actor = the trainee). */
  EXERCISE_DEBRIEF: z.object({
    exercise,
    answers: z.array(z.object({ question: z.string().min(1), answer: z.string() })),
  }),
} as const satisfies Partial<Record<AuditAction, z.ZodType>>;

export type ExerciseJournalAction = keyof typeof exerciseJournalDetails;
export type ExerciseJournalDetail<A extends ExerciseJournalAction> = z.output<(typeof exerciseJournalDetails)[A]>;

export const EXERCISE_JOURNAL_ACTIONS = Object.keys(exerciseJournalDetails) as ReadonlyArray<ExerciseJournalAction>;

export function isJournalAction(action: AuditAction): action is ExerciseJournalAction {
  return Object.hasOwn(exerciseJournalDetails, action);
}

/** The detail of a journal entry, checked: a malformed entry is an error, never a silent zero. */
export function journalDetail<A extends ExerciseJournalAction>(
  entry: AuditEntry & { action: A },
): ExerciseJournalDetail<A> {
  const parsed = exerciseJournalDetails[entry.action].safeParse(entry.detail);
  if (!parsed.success) {
    throw new Error(
      `audit entry ${entry.seq} (${entry.action}) has a malformed exercise detail: ${parsed.error.message}`,
    );
  }
  return parsed.data as ExerciseJournalDetail<A>;
}
