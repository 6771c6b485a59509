/**
 * The one table of keyboard shortcuts (issue 14 item 6), in the manner of VS Code's keybinding
 * registry: each row names a command, the keys that run it, the words for it and the screen
 * ("when") it belongs to. Handlers are not here: a screen registers its own with `useShortcut`
 * while it is mounted, so a key does something only where its command can be carried out.
 *
 * The keys follow the mail clients people already know: Gmail's single letters (j/k to move,
 * o to open, r to reply, e/y to file, / to search, g i to go to the inbox, ? for this sheet;
 * Outlook and Thunderbird offer the same on Ctrl+ chords). None has a modifier, so none can
 * collide with Chromium's or Electron's default accelerators (Ctrl+R reload, Ctrl+W close,
 * Ctrl+Shift+I, Ctrl+P print, Alt for the menu bar…): the dispatcher leaves every Ctrl, Alt
 * and Meta combination alone (resolveKey.ts).
 *
 * `keys` are dispatched by the ShortcutProvider. `screenKeys` are handled by the focused widget or
 * the screen itself (the list's arrows and Enter, the cable view's Escape and Ctrl+P); the table
 * lists them so the sheet and `aria-keyshortcuts` tell the whole story, but never dispatches them.
 *
 * Key syntax: a KeyboardEvent `key` value ('j', '/', '?', 'Enter', 'ArrowDown', 'Escape'; 'Space'
 * for the space bar); a sequence of keys pressed one after the other is written with a space
 * between them ('g i'); a chord handled by the screen is written 'Control+P'.
 */

export type ShortcutContext = 'global' | 'inbox' | 'cable';

export type CommandId =
  | 'help.shortcuts'
  | 'go.inbox'
  | 'go.drafts'
  | 'inbox.next'
  | 'inbox.previous'
  | 'inbox.open'
  | 'inbox.search'
  | 'inbox.clearSearch'
  | 'cable.next'
  | 'cable.previous'
  | 'cable.reply'
  | 'cable.acknowledge'
  | 'cable.file'
  | 'cable.distribution'
  | 'cable.back'
  | 'cable.print';

export type Keybinding = Readonly<{
  command: CommandId;
  /** What the command does, in the sheet and in the buttons' titles. */
  label: string;
  when: ShortcutContext;
  /** Keys (or sequences, 'g i') the provider dispatches to the registered handler. */
  keys: ReadonlyArray<string>;
  /** Keys the focused widget or the screen handles itself: shown, never dispatched. */
  screenKeys?: ReadonlyArray<string>;
}>;

/** The headings of the sheet, in its order. */
export const CONTEXT_WORDS: Readonly<Record<ShortcutContext, string>> = {
  global: 'Anywhere',
  inbox: 'Inbox and search results',
  cable: 'Reading a cable',
};

export const CONTEXT_ORDER: ReadonlyArray<ShortcutContext> = ['global', 'inbox', 'cable'];

export const KEYMAP: ReadonlyArray<Keybinding> = [
  { command: 'help.shortcuts', label: 'Show keyboard shortcuts', when: 'global', keys: ['?'] },
  { command: 'go.inbox', label: 'Go to the inbox', when: 'global', keys: ['g i'] },
  { command: 'go.drafts', label: 'Go to drafts', when: 'global', keys: ['g d'] },

  { command: 'inbox.next', label: 'Next (older) cable', when: 'inbox', keys: ['j'], screenKeys: ['ArrowDown'] },
  { command: 'inbox.previous', label: 'Previous (newer) cable', when: 'inbox', keys: ['k'], screenKeys: ['ArrowUp'] },
  { command: 'inbox.open', label: 'Open the selected cable', when: 'inbox', keys: ['o'], screenKeys: ['Enter'] },
  { command: 'inbox.search', label: 'Search', when: 'inbox', keys: ['/'] },
  { command: 'inbox.clearSearch', label: 'Clear the search', when: 'inbox', keys: [], screenKeys: ['Escape'] },

  { command: 'cable.next', label: 'Next (older) cable', when: 'cable', keys: ['j'] },
  { command: 'cable.previous', label: 'Previous (newer) cable', when: 'cable', keys: ['k'] },
  { command: 'cable.reply', label: 'Reply', when: 'cable', keys: ['r'] },
  // DOMAIN.md rule 8: FLASH and NIACT are acknowledged by the action office before filing.
  { command: 'cable.acknowledge', label: 'Acknowledge (FLASH, NIACT)', when: 'cable', keys: ['a'] },
  { command: 'cable.file', label: 'File as read', when: 'cable', keys: ['e', 'y'] },
  { command: 'cable.distribution', label: 'Distribution (again: the cable)', when: 'cable', keys: ['d'] },
  { command: 'cable.back', label: 'Back to where you were', when: 'cable', keys: ['u'], screenKeys: ['Escape'] },
  // PRINT is recorded in the audit trail before the print dialog opens: the cable view owns the chord.
  { command: 'cable.print', label: 'Print (recorded)', when: 'cable', keys: [], screenKeys: ['Control+P'] },
];

/** The row for a command (every CommandId has exactly one; tests/renderer/shortcuts checks it). */
export function bindingFor(command: CommandId, table: ReadonlyArray<Keybinding> = KEYMAP): Keybinding {
  const binding = table.find((b) => b.command === command);
  if (!binding) throw new Error(`No keybinding row for ${command}`);
  return binding;
}

/** The keys of a sequence: 'g i' → ['g', 'i']. */
export function sequenceKeys(sequence: string): ReadonlyArray<string> {
  return sequence.split(' ');
}

/** Two contexts can be live at once: the same screen, or anywhere and any screen. */
export function contextsOverlap(a: ShortcutContext, b: ShortcutContext): boolean {
  return a === b || a === 'global' || b === 'global';
}

/**
 * Rows that would fight over a key: the same sequence, or one a prefix of the other ('g' and
 * 'g i'), in contexts that can be live together. Empty for KEYMAP (a unit test says so).
 */
export function findConflicts(table: ReadonlyArray<Keybinding>): ReadonlyArray<string> {
  const conflicts: string[] = [];
  const keyed = table.flatMap((b) => b.keys.map((key) => ({ b, key })));
  for (let i = 0; i < keyed.length; i++) {
    for (let j = i + 1; j < keyed.length; j++) {
      const x = keyed[i]!;
      const y = keyed[j]!;
      if (!contextsOverlap(x.b.when, y.b.when)) continue;
      const [shorter, longer] = x.key.length <= y.key.length ? [x, y] : [y, x];
      if (longer.key === shorter.key || longer.key.startsWith(`${shorter.key} `)) {
        conflicts.push(`"${x.key}" (${x.b.command}) and "${y.key}" (${y.b.command})`);
      }
    }
  }
  return conflicts;
}
