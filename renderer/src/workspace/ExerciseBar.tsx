import type { ExerciseStatusResult } from '../../../electron/contract/ipc';
import { displayText } from '../../../electron/domain/displayText';
import { ScenarioClock, useScenarioClock } from '../exercise/ScenarioClock';
import { rateWords } from '../exercise/scenarioClock';
import { ShownText } from '../common/ShownText';

/**
 * The exercise's part of the app bar (issue 10 item 5; WorkspaceChrome `clock`), on every screen:
 * - while an exercise runs or is paused, everyone sees its title and the scenario clock, ticking
 *   between pushes (every time written inside the exercise is scenario time);
 * - a trainee who played gets the way to their debrief once it has ended.
 * Nothing otherwise: the instructors' way to the dashboard is the app bar's Exercise section.
 * The rate is in the tooltip only (and on the dashboard); on a narrow window the role, then the
 * title give way to the clock (the tooltip keeps them, and the title stays for screen readers).
 */
export function ExerciseBar(props: {
  status: ExerciseStatusResult | null;
  /** The trainee's debrief is the screen open. */
  debriefOpen: boolean;
  onOpenDebrief(exercise: number): void;
}) {
  const exercise = props.status?.exercise ?? null;
  const reading = useScenarioClock(exercise?.clock ?? null);
  if (exercise === null || reading === null) return null;
  const live = exercise.clock.status !== 'ENDED';
  const role = exercise.view === 'trainee' ? exercise.role : null;
  const debrief = role !== null && !live;
  if (!live && !debrief) return null;
  const about = [
    displayText(exercise.clock.title),
    ...(live ? [rateWords(exercise.clock.rate)] : []),
    ...(role ? [`your role: ${role.role}`] : []),
  ].join(' · ');
  return (
    <div className="app-bar__exercise" role="group" aria-label="Exercise" title={about} data-testid="exercise-bar">
      {/* The instructor's bar has seven sections: the title is on the dashboard and in the tooltip. */}
      <span
        className={`app-bar__exercise-title${exercise.view === 'instructor' ? ' visually-hidden' : ''}`}
        data-testid="exercise-bar-title"
      >
        <ShownText text={exercise.clock.title} />
      </span>
      <ScenarioClock clock={exercise.clock} reading={reading} />
      {role && (
        <span className="app-bar__exercise-extra muted" data-testid="exercise-role">
          your role: {role.role}
        </span>
      )}
      {debrief && (
        <button
          type="button"
          className="button button--small button--primary"
          aria-current={props.debriefOpen ? 'page' : undefined}
          data-testid="open-debrief"
          onClick={() => props.onOpenDebrief(exercise.clock.exercise)}
        >
          Your debrief
        </button>
      )}
    </div>
  );
}
