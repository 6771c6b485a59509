import './classroom.css';
import type { ClassroomView } from '../../../electron/contract/classroom';
import { indicatorTone, indicatorWords } from './classroomWords';

/**
 * The classroom connection in the app bar (issue 11 item 3), on every screen: online, offline
 * with the number of cables and events queued, or connecting. A button: it opens the Classroom
 * settings screen. Nothing until the status is known.
 */
export function ClassroomIndicator(props: { view: ClassroomView | null; onOpen(): void }) {
  const { view } = props;
  if (!view) return null;
  const tone = indicatorTone(view);
  const words = indicatorWords(view);
  return (
    <button
      type="button"
      className={`classroom-indicator classroom-indicator--${tone}`}
      data-testid="classroom-indicator"
      data-state={view.state}
      title={view.server ? `${words} — ${view.server}` : 'Join a classroom'}
      onClick={props.onOpen}
    >
      <span className="classroom-indicator__dot" aria-hidden="true" />
      {words}
    </button>
  );
}
