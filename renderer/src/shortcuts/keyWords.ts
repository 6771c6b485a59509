import { bindingFor, sequenceKeys, type CommandId, type Keybinding } from './keymap';

/**
 * How the table's keys are shown: on key caps in the sheet, in a button's title ("Reply (r)") and
 * in `aria-keyshortcuts` (WAI-ARIA: space-separated alternatives, each "Modifier+Key" with the
 * UI Events key names, so a screen reader can announce them).
 */

export type KeyCap = Readonly<{
  /** What the cap shows: 'j', '↓', 'Esc'. */
  glyph: string;
  /** What a screen reader says where the glyph is a symbol: 'Down arrow'. */
  words: string;
}>;

const NAMED_CAPS: Readonly<Record<string, KeyCap>> = {
  ArrowDown: { glyph: '↓', words: 'Down arrow' },
  ArrowUp: { glyph: '↑', words: 'Up arrow' },
  ArrowLeft: { glyph: '←', words: 'Left arrow' },
  ArrowRight: { glyph: '→', words: 'Right arrow' },
  Escape: { glyph: 'Esc', words: 'Escape' },
  Enter: { glyph: 'Enter', words: 'Enter' },
  Space: { glyph: 'Space', words: 'Space' },
  Control: { glyph: 'Ctrl', words: 'Control' },
  '/': { glyph: '/', words: 'Slash' },
  '?': { glyph: '?', words: 'Question mark' },
};

/** The cap for one key of the table ('j', 'ArrowDown', 'Control'). */
export function keyCap(key: string): KeyCap {
  return NAMED_CAPS[key] ?? { glyph: key, words: key.length === 1 ? key.toUpperCase() : key };
}

/**
 * A binding's ways in, each a list of presses, each press a list of caps pressed together:
 * 'g i' → [[g], [i]]; 'Control+P' → [[Ctrl, P]].
 */
export function bindingStrokes(binding: Keybinding): ReadonlyArray<ReadonlyArray<ReadonlyArray<KeyCap>>> {
  return [...binding.keys, ...(binding.screenKeys ?? [])].map((sequence) =>
    sequenceKeys(sequence).map((press) => press.split('+').map(keyCap)),
  );
}

/** "e or y", "g i", "u or Esc", "Ctrl+P": the keys as a line of text. */
export function keysText(binding: Keybinding): string {
  return bindingStrokes(binding)
    .map((presses) => presses.map((caps) => caps.map((c) => c.glyph).join('+')).join(' '))
    .join(' or ');
}

/** "Reply (r)": a control's title with its keys, or the label alone when it has none. */
export function shortcutTitle(command: CommandId, label?: string): string {
  const binding = bindingFor(command);
  const keys = keysText(binding);
  const words = label ?? binding.label;
  return keys === '' ? words : `${words} (${keys})`;
}

/** One key in aria-keyshortcuts syntax: '?' is typed with Shift, letters go upper case. */
function ariaKey(press: string): string {
  if (press === '?') return 'Shift+?';
  if (press.length === 1) return press.toUpperCase();
  return press;
}

/**
 * The value for `aria-keyshortcuts`, or undefined when the command has no single-press key
 * (the attribute cannot express a sequence such as 'g i').
 */
export function ariaKeyShortcuts(command: CommandId): string | undefined {
  const binding = bindingFor(command);
  const presses = [...binding.keys, ...(binding.screenKeys ?? [])].filter((k) => sequenceKeys(k).length === 1);
  return presses.length === 0 ? undefined : presses.map(ariaKey).join(' ');
}
