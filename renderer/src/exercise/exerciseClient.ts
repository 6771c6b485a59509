import type { CableroomApi } from '../../../electron/contract/api';
import type { Result } from '../../../electron/contract/errors';
import type {
  ExerciseDebriefAnswers,
  ExerciseFeed,
  ExerciseReportFile,
  ExerciseScoreView,
  ExerciseStatusResult,
  ExerciseStatusView,
  InputOf,
} from '../../../electron/contract/ipc';
import { ApiError, toApiError } from '../shared/api';

/**
 * The exercise's calls (issue 10 items 5 and 6), unwrapped as the renderer's client unwraps every
 * call: the value, or an ApiError with the contract's code.
 *
 * They are read from `window.cableroom` — the same object the app's client wraps, installed by the
 * preload, the e2e harness or `cableroom serve`'s page — because the shared client
 * (shared/api.ts `createClient`) does not carry the exercise endpoints yet. Once it does, with
 * the same names, `CableroomClient` satisfies `ExerciseClient` as it stands and this adapter can go.
 */
export type ExerciseControl = InputOf<'exerciseControl'>;

export type ExerciseClient = Readonly<{
  exerciseStatus(): Promise<ExerciseStatusResult>;
  exerciseControl(control: ExerciseControl): Promise<ExerciseStatusView>;
  exerciseScore(exercise: number): Promise<ExerciseScoreView>;
  exerciseFeed(exercise: number, limit: number): Promise<ExerciseFeed>;
  exerciseDebrief(
    exercise: number,
    answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>,
  ): Promise<ExerciseDebriefAnswers>;
  exerciseReport(exercise: number, trainee?: string): Promise<ExerciseReportFile>;
}>;

async function call<T>(request: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request();
  } catch (e) {
    throw toApiError(e);
  }
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message);
}

/** The exercise calls over a `window.cableroom` (tests pass one built with `buildCableroomApi`). */
export function exerciseClientOver(api: CableroomApi | undefined): ExerciseClient {
  const missing = () =>
    Promise.reject(
      new ApiError('BRIDGE_MISSING', 'Cableroom is not connected: open it from the Cableroom application.'),
    );
  if (!api) {
    return {
      exerciseStatus: missing,
      exerciseControl: missing,
      exerciseScore: missing,
      exerciseFeed: missing,
      exerciseDebrief: missing,
      exerciseReport: missing,
    };
  }
  return Object.freeze({
    exerciseStatus: () => call(() => api.exerciseStatus()),
    exerciseControl: (control: ExerciseControl) => call(() => api.exerciseControl(control)),
    exerciseScore: (exercise: number) => call(() => api.exerciseScore({ exercise })),
    exerciseFeed: (exercise: number, limit: number) => call(() => api.exerciseFeed({ exercise, limit })),
    exerciseDebrief: (exercise: number, answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>) =>
      call(() => api.exerciseDebrief({ exercise, answers: answers.map((a) => ({ ...a })) })),
    exerciseReport: (exercise: number, trainee?: string) =>
      call(() => api.exerciseReport(trainee === undefined ? { exercise } : { exercise, trainee })),
  });
}

/** The exercise calls of this window. */
export function exerciseClientFromWindow(): ExerciseClient {
  return exerciseClientOver(window.cableroom);
}
