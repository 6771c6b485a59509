import type { CoreServices } from '../app';

/**
 * The shells' exercise timer (issue 10; docs/EXERCISES.md "Running an exercise"): every
 * `intervalMs` (1 s) it asks whether an exercise runs — one indexed read — and if so ticks it, so
 * injects arrive on time while the app or `cableroom serve` is open. Nothing is lost while neither
 * runs: the next tick (or `cableroom exercise tick`) catches up, each inject at its own time.
 *
 * A failing tick is reported once per distinct message, not every second. The timer does not keep
 * the process alive, and stops by itself once the database is closed.
 */
export function startExerciseTicker(
  core: Pick<CoreServices, 'db' | 'exercises'>,
  options: Readonly<{ intervalMs?: number; onError?: (error: unknown) => void }> = {},
): () => void {
  const onError = options.onError ?? ((e: unknown) => console.error('cableroom: exercise tick failed:', e));
  let lastProblem: string | null = null;
  const timer = setInterval(() => {
    if (!core.db.open) return stop();
    try {
      if (core.exercises.liveId() === null) return;
      core.exercises.tick();
      lastProblem = null;
    } catch (e) {
      if (!core.db.open) return stop();
      const message = e instanceof Error ? e.message : String(e);
      if (message !== lastProblem) onError(e);
      lastProblem = message;
    }
  }, options.intervalMs ?? 1000);
  timer.unref();
  const stop = (): void => clearInterval(timer);
  return stop;
}
