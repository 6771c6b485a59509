import { createContext, useCallback, useContext } from 'react';
import { toApiError, type ApiError } from './api';
import type { SessionEndedReport } from './loader';

/**
 * How a screen reports that main said NOT_SIGNED_IN: App provides it (back to sign-in, saying
 * why), so no container has to be handed it or to test for the code itself.
 */
export const SessionEndedContext = createContext<SessionEndedReport | null>(null);

export function useSessionEnded(): SessionEndedReport {
  const report = useContext(SessionEndedContext);
  if (report === null)
    throw new Error('useSessionEnded: no SessionEndedContext above this component (App provides it).');
  return report;
}

/**
 * For actions (sign, release, save…): turns a failure into the ApiError the screen words, or
 * null when it was NOT_SIGNED_IN, which has then been reported and needs no words of its own.
 */
export function useFailure(): (e: unknown) => ApiError | null {
  const report = useSessionEnded();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      if (err.code !== 'NOT_SIGNED_IN') return err;
      report(err);
      return null;
    },
    [report],
  );
}
