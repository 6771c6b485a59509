import { afterEach, describe, expect, test, vi } from 'vitest';
import { isCableroomError } from '../../../electron/core/errors';
import type { Draft, DraftView } from '../../../electron/domain/draft';
import { ApiError } from '../../../renderer/src/common/api';
import { DraftAutosave } from '../../../renderer/src/drafting/autosave';
import { formatFieldPath, parseFieldPath } from '../../../renderer/src/drafting/fieldPaths';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

const core = seededCoreFixture();

/** The pause the tests give the autosave (its timer), in ms. */
const DELAY_MS = 5;

/** What main answers to a call: its value, or the error as the renderer's bridge turns it into. */
type Answer<T> = { value: T } | { error: unknown };
function answerOf<T>(f: () => T): Answer<T> {
  try {
    return { value: f() };
  } catch (e) {
    return { error: isCableroomError(e) ? new ApiError(e.code, e.message) : e };
  }
}
const settle = <T>(a: Answer<T>): Promise<T> => ('error' in a ? Promise.reject(a.error) : Promise.resolve(a.value));

/**
 * The composer's autosave against the real drafting service over a real SQLite file. Main stores a
 * save when it arrives; with `held`, its answer reaches the renderer only when the test calls
 * `release()` (a save stays in flight, as over a slow IPC round trip), else at once.
 */
function autosaveFor(c: SeededCore, { login = 'duty-usro', held = false } = {}) {
  const actor = c.users.byLogin(login);
  const created = c.drafts.create(actor, {});
  const saves: number[] = [];
  const unanswered: (() => void)[] = [];
  const autosave = new DraftAutosave(created, {
    save: (id, revision, draft) => {
      saves.push(revision);
      const answer = answerOf(() => c.drafts.save(actor, id, revision, draft));
      if (!held) return settle(answer);
      return new Promise<DraftView>((resolve, reject) => {
        unanswered.push(() => settle(answer).then(resolve, reject));
      });
    },
    reload: (id) => settle(answerOf(() => c.drafts.get(actor, id))),
    onSessionEnded: () => undefined,
    delayMs: DELAY_MS,
  });
  /** Main's answer to the oldest save still in flight reaches the renderer. */
  const release = (): void => {
    const next = unanswered.shift();
    if (!next) throw new Error('no save in flight');
    next();
  };
  return { actor, created, autosave, saves, release, inFlight: () => unanswered.length };
}

/** Waits (bounded) until `check` holds: the autosave's timer and main's answers are asynchronous. */
async function until(check: () => boolean): Promise<void> {
  await vi.waitUntil(check, { timeout: 5_000, interval: DELAY_MS });
}

const withSubject = (d: Draft, subject: string): Draft => ({ ...d, subject });

afterEach(() => {
  vi.useRealTimers();
});

describe('the composer autosave against the drafting service', () => {
  test('edits made while typing are saved once, after the pause, with the revision they started from', async () => {
    const c = core();
    const { autosave, created, saves } = autosaveFor(c);
    autosave.edit(withSubject(created.draft, 'R'));
    autosave.edit(withSubject(created.draft, 'Re'));
    autosave.edit(withSubject(created.draft, 'Reply to Topol 578'));
    await until(() => autosave.getSnapshot().save.kind === 'saved');
    expect(saves).toEqual([1]);
    const stored: DraftView = c.drafts.get(c.users.byLogin('duty-usro'), created.id);
    expect(stored.draft.subject).toBe('Reply to Topol 578');
    expect(autosave.getSnapshot()).toMatchObject({ dirty: false, view: { revision: 2 } });
  });

  test('an edit made while a save is in flight waits for its answer, then goes out against the revision it returned', async () => {
    const c = core();
    const { autosave, created, saves, release, inFlight } = autosaveFor(c, { held: true });
    // The autosave's pause on a clock the test moves: "the pause passed" is a step, not a sleep.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    autosave.edit(withSubject(created.draft, 'First'));
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(saves).toEqual([1]);
    expect(autosave.getSnapshot().save.kind).toBe('saving');

    // Typing goes on while main has not answered; the pause passes, and then some.
    autosave.edit(withSubject(created.draft, 'Second'));
    await vi.advanceTimersByTimeAsync(DELAY_MS * 10);
    // One save in flight at a time: a second one now would carry revision 1 again and conflict.
    expect(saves).toEqual([1]);
    expect(inFlight()).toBe(1);

    release();
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    expect(saves).toEqual([1, 2]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.getSnapshot()).toMatchObject({ dirty: false, save: { kind: 'saved' }, view: { revision: 3 } });
    expect(c.drafts.get(c.users.byLogin('duty-usro'), created.id).draft.subject).toBe('Second');
  });

  test('closing the composer while a save is in flight sends the rest after its answer, not over it', async () => {
    const c = core();
    const { autosave, created, saves, release, inFlight } = autosaveFor(c, { held: true });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    autosave.edit(withSubject(created.draft, 'First'));
    await vi.advanceTimersByTimeAsync(DELAY_MS);
    autosave.edit(withSubject(created.draft, 'Last words'));
    autosave.dispose();
    await vi.advanceTimersByTimeAsync(DELAY_MS * 10);
    expect(saves).toEqual([1]);
    release();
    await vi.waitFor(() => expect(inFlight()).toBe(1));
    expect(saves).toEqual([1, 2]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.drafts.get(c.users.byLogin('duty-usro'), created.id).draft.subject).toBe('Last words');
  });

  test('a draft changed elsewhere is reloaded and the person is told (CONFLICT)', async () => {
    const c = core();
    const { autosave, created, actor } = autosaveFor(c);
    c.drafts.save(actor, created.id, created.revision, withSubject(created.draft, 'Saved in another window'));
    autosave.edit(withSubject(created.draft, 'Typed here'));
    await until(() => autosave.getSnapshot().save.kind === 'reloaded');
    expect(autosave.getSnapshot().draft.subject).toBe('Saved in another window');
    expect(autosave.getSnapshot().save).toMatchObject({ message: expect.stringMatching(/changed elsewhere/) });
  });

  test('closing the composer sends what is left without waiting for the pause', async () => {
    const c = core();
    const { autosave, created, actor } = autosaveFor(c);
    autosave.edit(withSubject(created.draft, 'Last words'));
    autosave.dispose();
    await until(() => c.drafts.get(actor, created.id).draft.subject === 'Last words');
  });
});

describe('field paths of rule findings', () => {
  test('the checker’s and zod’s spellings of a path parse alike and print canonically', () => {
    expect(parseFieldPath('paragraphs[1].portion')).toEqual(['paragraphs', 1, 'portion']);
    expect(parseFieldPath('paragraphs.1.portion')).toEqual(['paragraphs', 1, 'portion']);
    expect(formatFieldPath(parseFieldPath('classAuthority.reasons.2'))).toBe('classAuthority.reasons[2]');
  });
});
