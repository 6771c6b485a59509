import { ariaKeyShortcuts, shortcutTitle } from './keyWords';
import { useShortcutSheet } from './ShortcutProvider';

/** The visible way to the shortcut sheet (issue 14 item 6), for those who do not know about "?". */
export function ShortcutSheetButton(props: { className?: string; compact?: boolean }) {
  const openSheet = useShortcutSheet();
  return (
    <button
      type="button"
      className={`button button--small shortcut-button ${props.className ?? ''}`}
      aria-haspopup="dialog"
      aria-keyshortcuts={ariaKeyShortcuts('help.shortcuts')}
      title={shortcutTitle('help.shortcuts')}
      onClick={openSheet}
      data-testid="shortcuts-button"
      {...(props.compact ? { 'aria-label': 'Keyboard shortcuts' } : {})}
    >
      {!props.compact && 'Keyboard shortcuts'}
      <kbd className="key-cap shortcut-button__key" aria-hidden="true">
        ?
      </kbd>
    </button>
  );
}
