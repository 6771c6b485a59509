/**
 * Progress for slow work (issue 14 item 10), two ways:
 * - `SlowWorkStatus` for a load: a polite live region kept in the page, which gets its words only
 *   once the load has been `slow` (SLOW_WORK_MS, decided by useLoad), so a fast answer shows
 *   nothing and a slow one is seen and heard. The region is there before its words, as a screen
 *   reader needs a live region to exist before it changes.
 * - `Spinner` beside an action's own words ("Signing…", "Releasing…"): the words change at once,
 *   since the person just asked; the turning mark appears only after the same 200 ms (a CSS
 *   animation delay in styles.css), and holds still under prefers-reduced-motion.
 */
export function SlowWorkStatus(props: { slow: boolean; label: string; className?: string; testId?: string }) {
  return (
    <p
      role="status"
      className={`slow-work${props.className ? ` ${props.className}` : ''}`}
      data-testid={props.testId ?? 'slow-work'}
    >
      {props.slow && (
        <>
          <Spinner />
          {props.label}
        </>
      )}
    </p>
  );
}

export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}

/** An action's words while it runs: the spinner, then e.g. "Signing…". */
export function Working(props: { words: string }) {
  return (
    <>
      <Spinner />
      {props.words}
    </>
  );
}
