import { describe, expect, test } from 'vitest';
import {
  bindingFor,
  CONTEXT_ORDER,
  findConflicts,
  KEYMAP,
  type CommandId,
  type Keybinding,
} from '../../../renderer/src/shortcuts/keymap';
import { dispatchedKeys, isNamedKey } from '../../../renderer/src/shortcuts/resolveKey';
import { ariaKeyShortcuts, keysText, shortcutTitle } from '../../../renderer/src/shortcuts/keyWords';

/** The one keybinding table (issue 14 item 6) and what is derived from it for people and screen readers. */

describe('the keybinding table', () => {
  test('every command has exactly one row, and every row a context the sheet shows', () => {
    const commands = KEYMAP.map((b) => b.command);
    expect(new Set(commands).size).toBe(commands.length);
    for (const b of KEYMAP) expect(CONTEXT_ORDER).toContain(b.when);
  });

  test('no two rows fight over a key in contexts that are live together', () => {
    expect(findConflicts(KEYMAP)).toEqual([]);
  });

  test('a conflict is found: the same key, and a key that starts a sequence, in overlapping contexts', () => {
    const row = (command: CommandId, when: Keybinding['when'], keys: string[]): Keybinding => ({
      command,
      label: command,
      when,
      keys,
    });
    expect(findConflicts([row('cable.reply', 'cable', ['r']), row('cable.file', 'cable', ['r'])])).toHaveLength(1);
    expect(findConflicts([row('go.inbox', 'global', ['g i']), row('cable.reply', 'cable', ['g'])])).toHaveLength(1);
    // The inbox and the cable view are never on screen together: the same letter may serve both.
    expect(findConflicts([row('inbox.next', 'inbox', ['j']), row('cable.next', 'cable', ['j'])])).toEqual([]);
  });

  test('the dispatched keys have no modifier, so no Chromium or Electron accelerator is taken', () => {
    for (const key of dispatchedKeys(KEYMAP)) {
      expect(key, key).not.toMatch(/\+/);
      // Printable characters only: named keys (Enter, arrows, Escape) stay with the focused widget.
      expect(isNamedKey(key), key).toBe(false);
    }
  });

  test('the suggested keys are where a Gmail or Thunderbird user looks for them', () => {
    const keysOf = (c: CommandId) => [...bindingFor(c).keys, ...(bindingFor(c).screenKeys ?? [])];
    expect(keysOf('inbox.next')).toEqual(['j', 'ArrowDown']);
    expect(keysOf('inbox.previous')).toEqual(['k', 'ArrowUp']);
    expect(keysOf('inbox.open')).toEqual(['o', 'Enter']);
    expect(keysOf('inbox.search')).toEqual(['/']);
    expect(keysOf('cable.reply')).toEqual(['r']);
    expect(keysOf('cable.file')).toEqual(['e', 'y']);
    expect(keysOf('cable.acknowledge')).toEqual(['a']);
    expect(keysOf('cable.distribution')).toEqual(['d']);
    expect(keysOf('go.inbox')).toEqual(['g i']);
    expect(keysOf('help.shortcuts')).toEqual(['?']);
  });
});

describe('keys in words', () => {
  test('titles carry the keys; alternatives are joined with "or", sequences by a space', () => {
    expect(shortcutTitle('cable.reply')).toBe('Reply (r)');
    expect(shortcutTitle('cable.file', 'File as read')).toBe('File as read (e or y)');
    expect(shortcutTitle('cable.back', 'Inbox')).toBe('Inbox (u or Esc)');
    expect(keysText(bindingFor('go.inbox'))).toBe('g i');
    expect(keysText(bindingFor('inbox.next'))).toBe('j or ↓');
    expect(keysText(bindingFor('cable.print'))).toBe('Ctrl+P');
  });

  test('aria-keyshortcuts lists single presses in ARIA syntax and leaves out sequences', () => {
    expect(ariaKeyShortcuts('inbox.next')).toBe('J ArrowDown');
    expect(ariaKeyShortcuts('help.shortcuts')).toBe('Shift+?');
    expect(ariaKeyShortcuts('inbox.search')).toBe('/');
    expect(ariaKeyShortcuts('cable.print')).toBe('Control+P');
    expect(ariaKeyShortcuts('go.inbox')).toBeUndefined();
  });
});
