import type { ExerciseStatusResult } from '../../../electron/contract/ipc';
import type { SignedInUser } from '../../../electron/domain/cable';
import { ScenarioClock, useScenarioClock } from '../exercise/ScenarioClock';
import { rateWords } from '../exercise/scenarioClock';
import { ShownText } from '../shared/ShownText';

/**
 * The exercise's line under the app bar (issue 10 item 5), on every screen:
 * - while an exercise runs or is paused, everyone sees its title and the scenario clock, ticking
 *   between pushes (every time written inside the exercise is scenario time);
 * - instructors and admins always have the way to the exercise dashboard here;
 * - a trainee who played gets the way to their debrief once it has ended.
 * Nothing at all for anyone else when no exercise concerns them.
 */
export function ExerciseBar(props: {
  user: SignedInUser;
  status: ExerciseStatusResult | null;
  /** Which exercise screen is open, if any. */
  current: 'dashboard' | 'debrief' | null;
  onOpenDashboard(): void;
  onOpenDebrief(exercise: number): void;
}) {
  const { user, status } = props;
  const exercise = status?.exercise ?? null;
  const reading = useScenarioClock(exercise?.clock ?? null);
  const instructor = user.role === 'instructor' || user.role === 'admin';
  const live = exercise !== null && exercise.clock.status !== 'ENDED';
  const debrief =
    exercise !== null && exercise.view === 'trainee' && exercise.role !== null && exercise.clock.status === 'ENDED';
  if (!instructor && !live && !debrief) return null;
  return (
    <section className="exercise-bar" aria-label="Exercise" data-testid="exercise-bar">
      {exercise && reading && (live || debrief) ? (
        <>
          <span className="exercise-bar__title" data-testid="exercise-bar-title">
            <ShownText text={exercise.clock.title} />
          </span>
          <ScenarioClock clock={exercise.clock} reading={reading} />
          {live && <span className="exercise-bar__rate muted">{rateWords(exercise.clock.rate)}</span>}
          {exercise.view === 'trainee' && exercise.role && (
            <span className="exercise-bar__role muted" data-testid="exercise-role">
              your role: {exercise.role.role}
            </span>
          )}
        </>
      ) : (
        <span className="exercise-bar__label muted">No exercise running</span>
      )}
      <span className="exercise-bar__spacer" />
      {instructor && (
        <button
          type="button"
          className="button button--small"
          aria-current={props.current === 'dashboard' ? 'page' : undefined}
          data-testid="nav-exercise"
          onClick={props.onOpenDashboard}
        >
          Exercise
        </button>
      )}
      {debrief && exercise && (
        <button
          type="button"
          className="button button--small button--primary"
          aria-current={props.current === 'debrief' ? 'page' : undefined}
          data-testid="open-debrief"
          onClick={() => props.onOpenDebrief(exercise.clock.exercise)}
        >
          Your debrief
        </button>
      )}
    </section>
  );
}
