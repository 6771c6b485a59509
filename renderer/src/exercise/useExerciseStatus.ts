import { useCallback } from 'react';
import type { ExerciseStatusResult } from '../../../electron/contract/ipc';
import type { CableroomClient } from '../common/api';
import { useLiveQuery } from '../common/useLiveQuery';

export type ExerciseStatusState = Readonly<{ status: ExerciseStatusResult | null; refresh(): void }>;

/**
 * The exercise as this user may see it (exerciseStatus), kept fresh: asked at sign-in, on every
 * exercise push (a start, a clock control, an inject, the end; for instructors also a trainee's
 * act) and when the window regains focus. A slow poll catches what no push reports — another
 * process (the CLI) changing the same database.
 */
export function useExerciseStatus(client: CableroomClient): ExerciseStatusState {
  const load = useCallback((): Promise<ExerciseStatusResult | null> => client.exerciseStatus(), [client]);
  const { value, refresh } = useLiveQuery(client, load, null, {
    refreshOn: (event) => event.kind === 'exercise',
    pollMs: 30_000,
  });
  return { status: value, refresh };
}
