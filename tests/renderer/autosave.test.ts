import { describe, expect, test } from 'vitest';
import { isCableroomError } from '../../electron/core/errors';
import type { Draft, DraftView } from '../../electron/domain/draft';
import { ApiError } from '../../renderer/src/api';
import { DraftAutosave } from '../../renderer/src/drafting/autosave';
import { formatFieldPath, parseFieldPath } from '../../renderer/src/drafting/fieldPaths';
import { seededCoreFixture, type SeededCore } from '../support/tempCore';

const core = seededCoreFixture();

/** The composer's autosave against the real drafting service over a real SQLite file. */
function autosaveFor(c: SeededCore, login = 'duty-usro') {
  const actor = c.users.byLogin(login);
  const created = c.drafts.create(actor, {});
  const viaMain = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(isCableroomError(e) ? new ApiError(e.code, e.message) : e);
    }
  };
  const saves: number[] = [];
  const autosave = new DraftAutosave(created, {
    save: (id, revision, draft) => {
      saves.push(revision);
      return viaMain(() => c.drafts.save(actor, id, revision, draft));
    },
    reload: (id) => viaMain(() => c.drafts.get(actor, id)),
    onSessionEnded: () => undefined,
    delayMs: 5,
  });
  return { actor, created, autosave, saves };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

const withSubject = (d: Draft, subject: string): Draft => ({ ...d, subject });

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

  test('an edit made while a save is in flight goes out next, against the returned revision', async () => {
    const c = core();
    const { autosave, created, saves } = autosaveFor(c);
    autosave.edit(withSubject(created.draft, 'First'));
    await until(() => autosave.getSnapshot().save.kind === 'saving' || saves.length === 1);
    autosave.edit(withSubject(created.draft, 'Second'));
    await until(() => autosave.getSnapshot().save.kind === 'saved' && !autosave.getSnapshot().dirty);
    expect(saves).toEqual([1, 2]);
    expect(c.drafts.get(c.users.byLogin('duty-usro'), created.id).draft.subject).toBe('Second');
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
