import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * The archive reader on a real SQLite file with the real seed (issue 12 item 3; docs/FRUS.md "The
 * archive reader"): a historian imports Moscow 1797 (TOP SECRET, Eyes Only for Secretary Rusk,
 * frus1961-63v05 d19) and reads it and its whole distribution; a trainee cannot; the historian is
 * refused a training cable above their clearance. Every archive read is audited as such.
 */
const core = seededCoreFixture();

const D19 = resolve(__dirname, '../../fixtures/frus/frus1961-63v05/d19.xml');

const HISTORIAN = {
  login: 'historian',
  displayName: 'Ernest May',
  post: 'USMISSION USNATO',
  role: 'historian' as const,
  clearance: 'CONFIDENTIAL' as const,
  categories: [],
  captionRoles: [],
  foreignNational: false,
  passphrase: 'a long enough passphrase',
};

async function withHistorianImport(c: SeededCore): Promise<number> {
  await c.accounts.create(c.users.byLogin('instructor'), HISTORIAN);
  const historian = c.users.byLogin('historian');
  const job = c.imports.start(historian, [
    { name: 'frus1961-63v05-d19.xml', bytes: new Uint8Array(readFileSync(D19)) },
  ]);
  const done = await vi.waitUntil(() => {
    const s = c.imports.status(historian, job.jobId);
    return s.done ? s : false;
  });
  expect(done.failedFiles).toEqual([]);
  const cableId = c.cables.idByRef('MOSCOW 1797');
  // The summary carries the cable's id (the import summary links each ref to its cable).
  expect(done.imported).toEqual([
    {
      file: 'frus1961-63v05-d19.xml',
      doc: 19,
      ref: 'MOSCOW 1797',
      cableId,
      volume: 'frus1961-63v05',
      classification: 'TOP_SECRET',
      banner: 'TOP SECRET',
    },
  ]);
  return cableId;
}

const lastEntry = (c: SeededCore, action: string) => c.audit.list({ limit: 1, action: action as never })[0]!;

describe('the archive reader', () => {
  test('a historian imports and reads a Top Secret Eyes Only FRUS telegram and its whole distribution', async () => {
    const c = core();
    const cableId = await withHistorianImport(c);
    const historian = c.users.byLogin('historian');

    const view = c.cables.show(historian, cableId, 'test');
    expect(view).toMatchObject({ ref: 'MOSCOW 1797', classification: 'TOP_SECRET', captions: ['EYES ONLY'] });
    expect(lastEntry(c, 'VIEW')).toMatchObject({
      actorLogin: 'historian',
      cableId,
      detail: {
        channel: 'test',
        access: 'archive',
        frus: { volume: 'frus1961-63v05', doc: 19 },
        overrides: 'CLEARANCE',
      },
    });

    const distribution = c.routing.distribution(historian, cableId);
    expect(distribution.complete).toBe(true);
    expect(distribution.deliveries.map((d) => d.station)).toEqual(['SECSTATE WASHDC']);
    expect(lastEntry(c, 'VIEW')).toMatchObject({
      actorLogin: 'historian',
      cableId,
      detail: { what: 'distribution', access: 'archive', frus: { volume: 'frus1961-63v05', doc: 19 } },
    });

    // Found by search too, and the archive hit is audited.
    expect(c.cables.search(historian, 'Moscow 1797', 10).map((h) => h.cableId)).toEqual([cableId]);
    expect(lastEntry(c, 'SEARCH')).toMatchObject({
      actorLogin: 'historian',
      detail: { access: 'archive', cables: [cableId] },
    });
  });

  test('an instructor reads it by the same rule', async () => {
    const c = core();
    const cableId = await withHistorianImport(c);
    // The instructor (TOP SECRET, at the Department's training desk) is not Rusk: rule 14 alone refuses.
    c.cables.show(c.users.byLogin('instructor'), cableId, 'test');
    expect(lastEntry(c, 'VIEW')).toMatchObject({ actorLogin: 'instructor', detail: { access: 'archive' } });
  });

  test('a trainee cannot read it or its distribution; both refusals are audited', async () => {
    const c = core();
    const cableId = await withHistorianImport(c);
    const trainee = c.users.byLogin('trainee');
    expect(() => c.cables.show(trainee, cableId, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(() => c.routing.distribution(trainee, cableId)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(c.cables.search(trainee, 'Moscow 1797', 10)).toEqual([]);
    expect(c.audit.list({ limit: 2, action: 'DENY' }).map((e) => e.actorLogin)).toEqual(['trainee', 'trainee']);
  });

  test('a historian is refused a training cable above their clearance, and its distribution', async () => {
    const c = core();
    await withHistorianImport(c);
    const historian = c.users.byLogin('historian');
    // The seed's TOPOL 578 (SECRET) is training traffic: no FRUS provenance, however historical its text.
    const topol = c.cables.idByRef('TOPOL 578');
    expect(() => c.cables.show(historian, topol, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(lastEntry(c, 'DENY')).toMatchObject({
      actorLogin: 'historian',
      cableId: topol,
      detail: { reason: 'CLEARANCE' },
    });
    expect(() => c.routing.distribution(historian, topol)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    expect(c.cables.search(historian, 'TOPOL 578', 10)).toEqual([]);
  });

  test('provenance is stored data only: a FRUS source row of an exercise cable does not open it', async () => {
    const c = core();
    const cableId = await withHistorianImport(c);
    const historian = c.users.byLogin('historian');
    // What a later re-import could never write: the cable belongs to an exercise. The archive rule
    // asks for an archive cable, not for any row that names one.
    c.db.pragma('foreign_keys = OFF');
    c.db.prepare('UPDATE cables SET exercise_id = 999 WHERE id = ?').run(cableId);
    c.db.pragma('foreign_keys = ON');
    expect(() => c.cables.show(historian, cableId, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
  });

  test('instructors create historians; trainees do not', async () => {
    const c = core();
    await expect(c.accounts.create(c.users.byLogin('trainee'), HISTORIAN)).rejects.toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    const created = await c.accounts.create(c.users.byLogin('instructor'), HISTORIAN);
    expect(created).toMatchObject({ login: 'historian', role: 'historian' });
    expect(c.db.prepare("SELECT role FROM users WHERE login = 'historian'").pluck().get()).toBe('historian');
  });
});
