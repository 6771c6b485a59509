import { sequenceKeys, type CommandId, type Keybinding } from './keymap';

/**
 * What a key press means (pure: no DOM, so the rules are unit-tested under Node). The provider
 * turns a KeyboardEvent into a KeyInput and the focused element into a TargetKind, asks here,
 * and runs the command. The rules, in order:
 * - an event a widget has already handled (defaultPrevented), an IME composition, or any Ctrl,
 *   Alt or Meta chord is left alone: those belong to the focused widget, the browser and
 *   Electron's menu accelerators;
 * - nothing runs while a modal dialog is open: the dialog owns the keyboard, Escape included
 *   (it closes the dialog itself);
 * - nothing runs while the person is typing in a field (input, textarea, select, contenteditable,
 *   a textbox/searchbox/combobox role): "j" typed in the search box is a letter;
 * - a named key (Enter, Space, arrows, Home, End, PageUp, PageDown) runs only when no control has
 *   the focus: on a button it activates the button, on a scrolling pane it scrolls; Escape runs
 *   unless the person is typing;
 * - a sequence ('g i') waits for its next key for SEQUENCE_TIMEOUT_MS; a key that continues no
 *   sequence is read afresh, so "g j" still moves to the next cable.
 */

/** How long the first key of a sequence ('g' of 'g i') waits for the second, as in Gmail. */
export const SEQUENCE_TIMEOUT_MS = 1500;

export type KeyInput = Readonly<{
  key: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** An IME is composing: the key is part of a character, not a command. */
  isComposing?: boolean;
  /** A widget has already acted on this key. */
  defaultPrevented?: boolean;
}>;

/** Where the key goes: a text field, another focused control, or nothing in particular (body). */
export type TargetKind = 'text' | 'control' | 'none';

export type PendingSequence = Readonly<{ sequence: string; sinceMs: number }>;

export type KeySituation = Readonly<{
  target: TargetKind;
  modalOpen: boolean;
  pending: PendingSequence | null;
  nowMs: number;
}>;

export type KeyResolution = Readonly<{
  /** The command to run, or null. */
  command: CommandId | null;
  /** The sequence started and awaiting its next key, or null. */
  pending: PendingSequence | null;
  /** True when the key was taken (a command ran or a sequence began): the event's default is prevented. */
  consumed: boolean;
}>;

const MODIFIER_KEYS: ReadonlySet<string> = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'Fn',
  'Dead',
  'Process',
  'Unidentified',
]);

/** The table's name for a key: the KeyboardEvent key, with the space bar as 'Space'. */
export function keyToken(key: string): string {
  return key === ' ' ? 'Space' : key;
}

/** A named key ('Enter', 'ArrowDown', 'Space'), as against a character ('j', '/', '?'). */
export function isNamedKey(token: string): boolean {
  return [...token].length > 1;
}

const NOTHING: KeyResolution = { command: null, pending: null, consumed: false };

/**
 * The command a key press runs, given the table, which commands have a handler now, where the
 * focus is and any sequence in progress.
 */
export function resolveKey(
  table: ReadonlyArray<Keybinding>,
  isAvailable: (command: CommandId) => boolean,
  input: KeyInput,
  situation: KeySituation,
): KeyResolution {
  const pending =
    situation.pending && situation.nowMs - situation.pending.sinceMs <= SEQUENCE_TIMEOUT_MS ? situation.pending : null;
  // Shift pressed on the way to '?' must not end a 'g …' sequence.
  if (MODIFIER_KEYS.has(input.key)) return { command: null, pending, consumed: false };
  if (input.defaultPrevented || input.isComposing || input.ctrlKey || input.altKey || input.metaKey) return NOTHING;
  if (situation.modalOpen || situation.target === 'text') return NOTHING;

  const token = keyToken(input.key);
  if (isNamedKey(token)) {
    // Shift+Arrow extends a selection, Shift+Tab goes back: never ours.
    if (input.shiftKey) return NOTHING;
    if (token !== 'Escape' && situation.target !== 'none') return NOTHING;
  }

  const live = table.filter((b) => b.keys.length > 0 && isAvailable(b.command));
  const lookUp = (sequence: string): KeyResolution | null => {
    const exact = live.find((b) => b.keys.includes(sequence));
    if (exact) return { command: exact.command, pending: null, consumed: true };
    const starts = live.some((b) => b.keys.some((k) => k.startsWith(`${sequence} `)));
    if (starts) return { command: null, pending: { sequence, sinceMs: situation.nowMs }, consumed: true };
    return null;
  };

  if (pending) {
    const continued = lookUp(`${pending.sequence} ${token}`);
    if (continued) return continued;
  }
  return lookUp(token) ?? NOTHING;
}

/** The parts of an element the target rules read (an HTMLElement has them all). */
export type TargetLike = Readonly<{
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute(name: string): string | null;
}>;

/** Input types that take no typing: a letter on them is free for a shortcut. */
const NON_TEXT_INPUTS: ReadonlySet<string> = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

const TEXT_ROLES: ReadonlySet<string> = new Set(['textbox', 'searchbox', 'combobox', 'spinbutton']);

/** What kind of element has the focus (null or the body: nothing in particular). */
export function classifyTarget(target: TargetLike | null): TargetKind {
  if (target === null) return 'none';
  const tag = target.tagName.toUpperCase();
  if (tag === 'BODY' || tag === 'HTML') return 'none';
  if (target.isContentEditable) return 'text';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text';
  if (tag === 'INPUT') return NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase()) ? 'control' : 'text';
  const role = target.getAttribute('role');
  if (role !== null && TEXT_ROLES.has(role)) return 'text';
  return 'control';
}

/** Every key of every dispatched sequence in the table ('g i' gives 'g' and 'i'). */
export function dispatchedKeys(table: ReadonlyArray<Keybinding>): ReadonlySet<string> {
  return new Set(table.flatMap((b) => b.keys.flatMap((k) => sequenceKeys(k))));
}
