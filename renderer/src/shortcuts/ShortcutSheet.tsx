import { Fragment, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { CONTEXT_ORDER, CONTEXT_WORDS, KEYMAP, type CommandId, type Keybinding } from './keymap';
import { bindingStrokes, type KeyCap } from './keyWords';

/**
 * The keyboard shortcut sheet (pure view; issue 14 item 6), opened with "?" or the "Keyboard
 * shortcuts" button: every row of the table, grouped by where it works, in a modal <dialog> as
 * the app's other dialogs are. Rows whose command has nothing to act on in the current screen
 * are shown dimmed and say so, so the sheet never promises a key that does nothing here.
 * Escape, "?" or the Close button close it, and the focus goes back where it was.
 */
export function ShortcutSheet(props: { available: ReadonlySet<CommandId>; onClose(): void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => dialog?.close();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' && e.key !== '?') return;
    // Handled here, so a screen's own Escape (the cable view's: back to the list) does not fire too.
    e.preventDefault();
    props.onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog shortcut-sheet"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-lede`}
      data-testid="shortcut-sheet"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div className="dialog__form">
        <header className="dialog__head shortcut-sheet__head">
          <div>
            <h2 id={`${id}-title`} className="dialog__title">
              Keyboard shortcuts
            </h2>
            <p id={`${id}-lede`} className="dialog__lede muted">
              Single keys work whenever you are not typing in a field; Tab and Shift+Tab reach every button. Dimmed keys
              do nothing on this screen.
            </p>
          </div>
          <button ref={closeRef} type="button" className="button" onClick={props.onClose} data-testid="shortcut-close">
            Close
          </button>
        </header>
        <div className="shortcut-sheet__groups">
          {CONTEXT_ORDER.map((context) => (
            <section key={context} className="shortcut-sheet__group" aria-labelledby={`${id}-${context}`}>
              <h3 id={`${id}-${context}`} className="shortcut-sheet__heading">
                {CONTEXT_WORDS[context]}
              </h3>
              <table className="shortcut-table">
                <thead className="visually-hidden">
                  <tr>
                    <th scope="col">Keys</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {KEYMAP.filter((b) => b.when === context).map((b) => (
                    <ShortcutRow key={b.command} binding={b} available={props.available.has(b.command)} />
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
      </div>
    </dialog>
  );
}

/**
 * A row is live when its command has a handler on this screen. A screen registers one for a
 * command whose keys it handles itself too (Escape clearing the search, Ctrl+P), so the row
 * shows whether the action is there.
 */
function ShortcutRow(props: { binding: Keybinding; available: boolean }) {
  const { binding } = props;
  return (
    <tr
      className={props.available ? 'shortcut-table__row' : 'shortcut-table__row shortcut-table__row--elsewhere'}
      data-testid="shortcut-row"
      data-command={binding.command}
      data-available={props.available ? 'true' : 'false'}
    >
      <td className="shortcut-table__keys">
        {bindingStrokes(binding).map((presses, i) => (
          <Fragment key={i}>
            {i > 0 && <span className="shortcut-table__or"> or </span>}
            {presses.map((caps, j) => (
              <Fragment key={j}>
                {j > 0 && <span className="shortcut-table__then"> then </span>}
                <Press caps={caps} />
              </Fragment>
            ))}
          </Fragment>
        ))}
      </td>
      <td className="shortcut-table__label">
        {binding.label}
        {!props.available && <span className="visually-hidden"> (not on this screen)</span>}
      </td>
    </tr>
  );
}

/** Keys pressed together: Ctrl + P. */
function Press(props: { caps: ReadonlyArray<KeyCap> }) {
  return (
    <>
      {props.caps.map((cap, i) => (
        <Fragment key={i}>
          {i > 0 && '+'}
          <kbd className="key-cap">
            {cap.glyph === cap.words || cap.glyph.toUpperCase() === cap.words ? (
              cap.glyph
            ) : (
              <>
                <span aria-hidden="true">{cap.glyph}</span>
                <span className="visually-hidden">{cap.words}</span>
              </>
            )}
          </kbd>
        </Fragment>
      ))}
    </>
  );
}
