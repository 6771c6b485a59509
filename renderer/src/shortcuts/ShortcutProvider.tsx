import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { flushSync } from 'react-dom';
import { CommandRegistry, type CommandHandler } from './commandRegistry';
import { KEYMAP, type CommandId } from './keymap';
import { classifyTarget, resolveKey, type PendingSequence } from './resolveKey';
import { ShortcutSheet } from './ShortcutSheet';

/**
 * The keyboard shortcuts for the whole window (issue 14 item 6). App mounts it once, above every
 * screen. It listens for keydown on the window in the bubbling phase, so a focused widget that
 * handles a key itself (the list's arrows, a dialog's Escape) has already done so and marked the
 * event; it then asks resolveKey what the key means and runs the handler the mounted screen
 * registered with `useShortcut`. "?" opens the shortcut sheet from anywhere.
 */
type ShortcutApi = Readonly<{ registry: CommandRegistry; openSheet(): void }>;

const ShortcutContext = createContext<ShortcutApi | null>(null);

function useShortcutApi(): ShortcutApi {
  const api = useContext(ShortcutContext);
  if (api === null) throw new Error('useShortcut: no ShortcutProvider above this component (App provides it).');
  return api;
}

/** A modal dialog (the repeat form, a passphrase prompt, this sheet) owns the keyboard while it is open. */
function modalIsOpen(): boolean {
  try {
    return document.querySelector('dialog:modal, [aria-modal="true"]') !== null;
  } catch {
    // An engine without :modal: any open <dialog> in this app is modal.
    return document.querySelector('dialog[open]') !== null;
  }
}

type SheetState = Readonly<{ available: ReadonlySet<CommandId>; returnFocus: HTMLElement | null }>;

export function ShortcutProvider(props: { children: ReactNode }) {
  const [registry] = useState(() => new CommandRegistry());
  const [sheet, setSheet] = useState<SheetState | null>(null);

  const openSheet = useCallback(() => {
    const active = document.activeElement;
    setSheet({ available: registry.available(), returnFocus: active instanceof HTMLElement ? active : null });
  }, [registry]);

  const closeSheet = () => {
    const back = sheet?.returnFocus ?? null;
    flushSync(() => setSheet(null));
    // The dialog is gone: the keyboard goes back to where it was (the list, the cable).
    if (back?.isConnected) back.focus({ preventScroll: true });
  };

  useEffect(() => registry.register('help.shortcuts', openSheet), [registry, openSheet]);

  useEffect(() => {
    let pending: PendingSequence | null = null;
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      const r = resolveKey(KEYMAP, (c) => registry.isAvailable(c), e, {
        target: classifyTarget(target),
        modalOpen: modalIsOpen(),
        pending,
        nowMs: performance.now(),
      });
      pending = r.pending;
      if (r.command !== null ? registry.run(r.command) : r.consumed) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry]);

  const api = useMemo<ShortcutApi>(() => ({ registry, openSheet }), [registry, openSheet]);
  return (
    <ShortcutContext.Provider value={api}>
      {props.children}
      {sheet && <ShortcutSheet available={sheet.available} onClose={closeSheet} />}
    </ShortcutContext.Provider>
  );
}

/**
 * Registers `handler` for `command` while the component is mounted and `enabled` is true (the
 * table, keymap.ts, says which keys run it). The newest registration of a command wins. The
 * handler may return false to decline ("nothing to acknowledge here"); the key then does nothing.
 */
export function useShortcut(command: CommandId, handler: CommandHandler, enabled = true): void {
  const { registry } = useShortcutApi();
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    return registry.register(command, () => latest.current());
  }, [registry, command, enabled]);
}

/** Opens the shortcut sheet (for a visible "Keyboard shortcuts" button or menu item). */
export function useShortcutSheet(): () => void {
  return useShortcutApi().openSheet;
}
