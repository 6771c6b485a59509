import './classroom.css';
import type { ClassroomView } from '../../../electron/contract/classroom';
import { indicatorTone, indicatorWords } from './classroomWords';

/**
 * The classroom connection in the app bar (issue 11 item 3), on every screen: online, offline
 * with the number of cables and events queued, or connecting. A button: it opens the Classroom
 * settings screen. A machine that has joined no classroom shows only a small icon (the app bar
 * of an instructor already holds seven sections); its name is for screen readers and the tooltip.
 * Nothing until the status is known.
 */
export function ClassroomIndicator(props: { view: ClassroomView | null; onOpen(): void }) {
  const { view } = props;
  if (!view) return null;
  const tone = indicatorTone(view);
  const words = indicatorWords(view);
  if (view.state === 'not-joined') {
    return (
      <button
        type="button"
        className="classroom-indicator classroom-indicator--icon"
        data-testid="classroom-indicator"
        data-state={view.state}
        title="Classroom: join a classroom"
        onClick={props.onOpen}
      >
        <span aria-hidden="true">⇄</span>
        <span className="visually-hidden">Classroom: not joined</span>
      </button>
    );
  }
  return (
    <button
      type="button"
      className={`classroom-indicator classroom-indicator--${tone}`}
      data-testid="classroom-indicator"
      data-state={view.state}
      title={view.server ? `${words} — ${view.server}` : words}
      onClick={props.onOpen}
    >
      <span className="classroom-indicator__dot" aria-hidden="true" />
      {words}
    </button>
  );
}
