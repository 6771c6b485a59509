import type { InboxRow } from '../../../electron/domain/cable';
import { CableDocument } from '../cable/CableDocument';
import { Envelope } from '../cable/Envelope';
import type { CableScreenState } from '../cable/CableScreen';
import { ClassificationChip } from '../common/markings';
import { ShownText, shownText } from '../common/ShownText';
import { SlowWorkStatus } from '../common/SlowWork';
import { ariaKeyShortcuts, shortcutTitle } from '../shortcuts/keyWords';

/**
 * The inbox's optional reading pane (issue 14 item 4; pure view): the selected cable beside the
 * list, as the cable view renders it, under its own classification chip. The page's banners stay
 * the list's overall marking, which already covers this cable (DOMAIN.md rule 25). Handling
 * (acknowledge, file, pass) is in the full view, one Enter or "Open" away.
 */
export function ReadingPane(props: {
  row: InboxRow | null;
  state: CableScreenState | null;
  /** The user's post, for a sealed envelope's pass line. */
  ownPost: string;
  onOpen(): void;
}) {
  const { row, state } = props;
  if (!row) {
    return (
      <section className="reading-pane reading-pane--empty" aria-label="Reading pane" data-testid="reading-pane">
        <p className="muted">Select a cable to read it here.</p>
      </section>
    );
  }
  return (
    <section
      className="reading-pane"
      aria-label={`Reading pane: ${shownText(row.ref)}`}
      data-testid="reading-pane"
      data-ref={row.ref}
    >
      <div className="reading-pane__bar">
        <span className="reading-pane__ref">
          <ShownText text={row.ref} />
        </span>
        <ClassificationChip classification={row.classification} text={row.banner} />
        <span className="cable-toolbar__spacer" />
        <span className="muted reading-pane__hint">o or Enter opens</span>
        <button
          type="button"
          className="button button--small"
          onClick={props.onOpen}
          title={shortcutTitle('inbox.open', 'Open')}
          aria-keyshortcuts={ariaKeyShortcuts('inbox.open')}
          data-testid="reading-pane-open"
        >
          Open
        </button>
      </div>
      {/* Focusable so the keyboard can scroll it (axe scrollable-region-focusable). */}
      <div className="reading-pane__scroll" tabIndex={0} aria-busy={state === null || state.status === 'loading'}>
        {(state === null || state.status === 'loading') && (
          <SlowWorkStatus
            slow={state?.status === 'loading' && state.slow}
            label={`Opening ${shownText(row.ref)}…`}
            className="cable-page__status"
            testId="reading-pane-progress"
          />
        )}
        {state?.status === 'error' && (
          <p className="cable-page__status form-error" role="alert">
            {state.message}
          </p>
        )}
        {state?.status === 'ready' && <CableDocument cable={state.cable} />}
        {state?.status === 'sealed' && <Envelope row={row} ownPost={props.ownPost} />}
      </div>
    </section>
  );
}
