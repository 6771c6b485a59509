import { describe, expect, test } from 'vitest';
import { CommandRegistry } from '../../../renderer/src/shortcuts/commandRegistry';
import { KEYMAP, type CommandId } from '../../../renderer/src/shortcuts/keymap';
import {
  classifyTarget,
  resolveKey,
  SEQUENCE_TIMEOUT_MS,
  type KeyInput,
  type KeySituation,
  type TargetLike,
} from '../../../renderer/src/shortcuts/resolveKey';

/**
 * The scoping rules of the shortcut dispatcher (issue 14 item 6): what a key runs given which
 * screen has registered handlers, where the focus is, whether a modal dialog is open and any
 * sequence in progress.
 */

const press = (key: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: key === '?',
  ...mods,
});

const AT_REST: KeySituation = { target: 'control', modalOpen: false, pending: null, nowMs: 10_000 };

/** The commands a screen would have registered. */
const INBOX: ReadonlyArray<CommandId> = ['help.shortcuts', 'go.inbox', 'go.drafts', 'inbox.next', 'inbox.open'];
const CABLE: ReadonlyArray<CommandId> = ['help.shortcuts', 'go.inbox', 'cable.reply', 'cable.file', 'cable.back'];

const resolve = (screen: ReadonlyArray<CommandId>, input: KeyInput, situation: Partial<KeySituation> = {}) =>
  resolveKey(KEYMAP, (c) => screen.includes(c), input, { ...AT_REST, ...situation });

describe('which command a key runs', () => {
  test('the same letter runs the command of the screen that is mounted, and nothing where none is', () => {
    expect(resolve(INBOX, press('j')).command).toBe('inbox.next');
    expect(resolve(CABLE, press('r')).command).toBe('cable.reply');
    expect(resolve(INBOX, press('r'))).toEqual({ command: null, pending: null, consumed: false });
    expect(resolve(CABLE, press('e')).command).toBe('cable.file');
    expect(resolve(CABLE, press('y')).command).toBe('cable.file');
  });

  test('"?" opens the sheet on a screen with no other shortcut, typed with Shift as it must be', () => {
    expect(resolve(['help.shortcuts'], press('?'), { target: 'none' }).command).toBe('help.shortcuts');
  });

  test('typing in a field runs nothing: "j" in the search box is a letter', () => {
    expect(resolve(INBOX, press('j'), { target: 'text' }).command).toBeNull();
    expect(resolve(INBOX, press('?'), { target: 'text' }).command).toBeNull();
    expect(resolve(INBOX, press('/'), { target: 'text' }).consumed).toBe(false);
  });

  test('a modal dialog owns the keyboard: nothing runs, Escape is left to the dialog', () => {
    expect(resolve(CABLE, press('r'), { modalOpen: true }).command).toBeNull();
    expect(resolve(CABLE, press('?'), { modalOpen: true }).command).toBeNull();
    expect(resolve(CABLE, press('Escape'), { modalOpen: true }).consumed).toBe(false);
  });

  test('Ctrl, Alt and Meta chords are left to the browser and Electron (Ctrl+R reloads, Ctrl+P prints)', () => {
    expect(resolve(CABLE, press('r', { ctrlKey: true })).command).toBeNull();
    expect(resolve(CABLE, press('e', { altKey: true })).command).toBeNull();
    expect(resolve(INBOX, press('j', { metaKey: true })).command).toBeNull();
  });

  test('an event a widget already handled, or a key inside an IME composition, runs nothing', () => {
    expect(resolve(INBOX, press('j', { defaultPrevented: true })).command).toBeNull();
    expect(resolve(INBOX, press('j', { isComposing: true })).command).toBeNull();
  });

  test('Shift with a letter is another key: "J" does not move', () => {
    expect(resolve(INBOX, press('J', { shiftKey: true })).command).toBeNull();
  });
});

describe('named keys stay with the focused control', () => {
  // A table where Enter and ArrowDown are dispatched, to prove the rule whatever KEYMAP holds.
  const table = [
    { command: 'inbox.open' as const, label: 'Open', when: 'inbox' as const, keys: ['Enter'] },
    { command: 'inbox.next' as const, label: 'Next', when: 'inbox' as const, keys: ['ArrowDown'] },
    { command: 'cable.back' as const, label: 'Back', when: 'cable' as const, keys: ['Escape'] },
  ];
  const all = () => true;

  test('Enter on a focused button activates the button, not the shortcut; with nothing focused it runs', () => {
    expect(resolveKey(table, all, press('Enter'), { ...AT_REST, target: 'control' }).command).toBeNull();
    expect(resolveKey(table, all, press('Enter'), { ...AT_REST, target: 'none' }).command).toBe('inbox.open');
  });

  test('an arrow on a scrolling pane scrolls it; Shift+arrow is never ours', () => {
    expect(resolveKey(table, all, press('ArrowDown'), { ...AT_REST, target: 'control' }).command).toBeNull();
    expect(
      resolveKey(table, all, press('ArrowDown', { shiftKey: true }), { ...AT_REST, target: 'none' }).command,
    ).toBeNull();
  });

  test('Escape runs from a focused control, not from a field', () => {
    expect(resolveKey(table, all, press('Escape'), { ...AT_REST, target: 'control' }).command).toBe('cable.back');
    expect(resolveKey(table, all, press('Escape'), { ...AT_REST, target: 'text' }).command).toBeNull();
  });
});

describe('sequences: g then i', () => {
  test('"g" waits and is consumed; "i" within the time goes to the inbox', () => {
    const first = resolve(CABLE, press('g'), { nowMs: 1000 });
    expect(first).toEqual({ command: null, pending: { sequence: 'g', sinceMs: 1000 }, consumed: true });
    expect(resolve(CABLE, press('i'), { pending: first.pending, nowMs: 1000 + 500 }).command).toBe('go.inbox');
  });

  test('Shift on the way keeps the sequence; a late second key starts afresh', () => {
    const pending = { sequence: 'g', sinceMs: 1000 };
    expect(resolve(CABLE, press('Shift', { shiftKey: true }), { pending, nowMs: 1100 }).pending).toEqual(pending);
    const late = resolve(CABLE, press('i'), { pending, nowMs: 1000 + SEQUENCE_TIMEOUT_MS + 1 });
    expect(late).toEqual({ command: null, pending: null, consumed: false });
  });

  test('a key that continues no sequence is read on its own', () => {
    const pending = { sequence: 'g', sinceMs: 1000 };
    expect(resolve(INBOX, press('j'), { pending, nowMs: 1200 }).command).toBe('inbox.next');
  });

  test('"g" is an ordinary key where no "g …" command is registered', () => {
    expect(resolve(['help.shortcuts'], press('g'))).toEqual({ command: null, pending: null, consumed: false });
  });
});

describe('where the focus is', () => {
  const el = (tagName: string, extra: Partial<TargetLike> & { role?: string } = {}): TargetLike => ({
    tagName,
    ...extra,
    getAttribute: (name) => (name === 'role' ? (extra.role ?? null) : null),
  });

  test('fields are for typing', () => {
    expect(classifyTarget(el('INPUT', { type: 'search' }))).toBe('text');
    expect(classifyTarget(el('INPUT', { type: 'password' }))).toBe('text');
    expect(classifyTarget(el('INPUT'))).toBe('text');
    expect(classifyTarget(el('TEXTAREA'))).toBe('text');
    expect(classifyTarget(el('SELECT'))).toBe('text');
    expect(classifyTarget(el('DIV', { isContentEditable: true }))).toBe('text');
    expect(classifyTarget(el('DIV', { role: 'combobox' }))).toBe('text');
  });

  test('buttons, radios, the list and scrolling panes are controls; the body is nothing in particular', () => {
    expect(classifyTarget(el('BUTTON'))).toBe('control');
    expect(classifyTarget(el('INPUT', { type: 'radio' }))).toBe('control');
    expect(classifyTarget(el('DIV', { role: 'listbox' }))).toBe('control');
    expect(classifyTarget(el('DIV'))).toBe('control');
    expect(classifyTarget(el('BODY'))).toBe('none');
    expect(classifyTarget(null)).toBe('none');
  });
});

describe('the command registry', () => {
  test('the newest registration wins, and removing it uncovers the one before', () => {
    const registry = new CommandRegistry();
    const ran: string[] = [];
    const offOuter = registry.register('go.inbox', () => void ran.push('outer'));
    const offInner = registry.register('go.inbox', () => void ran.push('inner'));
    expect(registry.run('go.inbox')).toBe(true);
    offInner();
    expect(registry.run('go.inbox')).toBe(true);
    expect(ran).toEqual(['inner', 'outer']);
    offOuter();
    expect(registry.isAvailable('go.inbox')).toBe(false);
    expect(registry.run('go.inbox')).toBe(false);
  });

  test('a handler that declines reports false, so the key is not swallowed', () => {
    const registry = new CommandRegistry();
    registry.register('cable.acknowledge', () => false);
    expect(registry.run('cable.acknowledge')).toBe(false);
  });

  test('removing a registration twice, or after others, removes only its own', () => {
    const registry = new CommandRegistry();
    const off = registry.register('cable.reply', () => undefined);
    registry.register('cable.reply', () => undefined);
    off();
    off();
    expect(registry.isAvailable('cable.reply')).toBe(true);
    expect(registry.available()).toEqual(new Set(['cable.reply']));
  });
});
