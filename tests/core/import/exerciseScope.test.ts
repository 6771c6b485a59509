import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { importFrus } from '../../../electron/core/import/frus';
import type { Db } from '../../../electron/core/store/database';
import { SEED_DIR, seededCoreFixture, tempDir } from '../../support/tempCore';
import { corpusFile } from './frusFixtures';

/**
 * An exercise's cables are the exercise's, not the archive's (docs/EXERCISES.md; the exercise
 * design: ref / series uniqueness scoped by exercise). A scenario may replay a FRUS telegram —
 * Black Saturday replays Deptel 445 and Topol 578 — and the replayed cable carries the telegram's
 * own ref, series number and, played at its real time, its own DTG. A later `import-frus` of the
 * same document must still write the archive's copy: the importer's "already imported" and
 * ref/series checks look at the archive only (electron/core/import/frus.ts `conflict`).
 */
const core = seededCoreFixture();

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

/** The cables with this ref: [exercise id or null, DTG], the archive's first. */
function copies(db: Db, ref: string): Array<[number | null, string]> {
  return db
    .prepare('SELECT exercise_id, dtg FROM cables WHERE ref = ? ORDER BY exercise_id IS NOT NULL, id')
    .raw()
    .all(ref) as Array<[number | null, string]>;
}

describe('a FRUS telegram replayed in an exercise does not count as imported', () => {
  test('Black Saturday replays Deptel 445; importing FRUS doc. 56 still writes the archive’s copy', async () => {
    const c = core();
    // The seed does not hold Deptel 445 (FRUS 1961–63 vol. XI doc. 56).
    expect(copies(c.db, 'STATE 445 TO ANKARA')).toEqual([]);
    // Its +00:00 inject fires inside the start.
    await c.exercises.start(c.users.byLogin('instructor'), { shipped: 'black-saturday' }, {});
    const exerciseId = c.db.prepare("SELECT id FROM exercises WHERE scenario_id = 'black-saturday'").pluck().get();
    expect(copies(c.db, 'STATE 445 TO ANKARA')).toEqual([[exerciseId, '280330Z OCT 62']]);

    const result = await importFrus(c.db, { path: corpusFile(56) });
    expect(result.skipped).toEqual([]);
    expect(result.imported.map((t) => [t.source.doc, t.ref])).toEqual([[56, 'STATE 445 TO ANKARA']]);
    // The archive's copy at the telegram's own DTG, beside the exercise's, which is untouched.
    expect(copies(c.db, 'STATE 445 TO ANKARA')).toEqual([
      [null, result.imported[0]!.dtg],
      [exerciseId, '280330Z OCT 62'],
    ]);
    // Imported once: the second time it is the archive's own copy that is found.
    const again = await importFrus(c.db, { path: corpusFile(56) });
    expect(again.imported).toEqual([]);
    expect(again.skipped).toMatchObject([{ doc: 56, ref: 'STATE 445 TO ANKARA', reason: /^already imported/ }]);
  });

  test('Topol 578 replayed at its own DTG on an archive without it: importing FRUS doc. 100 writes it', async () => {
    // The seed without its copy of Topol 578 (and without the practice reply that cites it).
    const { dir, cleanup } = tempDir('cableroom-scope-');
    cleanups.push(cleanup);
    const seedDir = join(dir, 'seed');
    cpSync(SEED_DIR, seedDir, { recursive: true });
    rmSync(join(seedDir, 'cables', 'topol-578.json'));
    rmSync(join(seedDir, 'signed', 'polto-practice.json'));
    const c = openCore({ dbPath: join(dir, 'cableroom.sqlite'), seed: 'demo', seedDir });
    cleanups.push(() => c.close());
    expect(copies(c.db, 'TOPOL 578')).toEqual([]);

    // A drill that replays Topol 578 at +00:00 of a clock starting at its real DTG.
    const scenario = {
      format: 'CABLEROOM-SCENARIO-1',
      id: 'topol-578-drill',
      title: 'Topol 578 at its own time',
      profile: 'FRUS_1960S',
      clock: { start: '280412Z OCT 62', rate: 1, end: '+00:30' },
      roles: [
        {
          id: 'finletter',
          post: 'USMISSION USNATO',
          function: 'principal',
          minClearance: 'SECRET',
          persona: 'finletter',
        },
      ],
      objectives: [{ id: 'eyes-only', text: 'Eyes Only traffic reaches its reader', weight: 1 }],
      cables: { 'topol-578': { frus: 'frus1961-63v11', doc: 100 } },
      injects: [{ id: 'topol-578', at: '+00:00', cable: 'topol-578' }],
      expectations: [
        {
          id: 'open-578',
          inject: 'topol-578',
          kind: 'open',
          who: 'finletter',
          within: 20,
          points: 10,
          objective: 'eyes-only',
        },
      ],
    };
    await c.exercises.start(c.users.byLogin('instructor'), { document: JSON.stringify(scenario) }, {});
    const exerciseId = c.db.prepare("SELECT id FROM exercises WHERE scenario_id = 'topol-578-drill'").pluck().get();
    // The exercise's copy has the ref and the DTG the importer maps doc. 100 to: what an
    // unscoped check would have taken for "already imported (TOPOL 578, 280412Z OCT 62)".
    expect(copies(c.db, 'TOPOL 578')).toEqual([[exerciseId, '280412Z OCT 62']]);

    const result = await importFrus(c.db, { path: corpusFile(100) });
    expect(result.skipped).toEqual([]);
    expect(result.imported.map((t) => [t.source.doc, t.ref, t.dtg])).toEqual([[100, 'TOPOL 578', '280412Z OCT 62']]);
    expect(copies(c.db, 'TOPOL 578')).toEqual([
      [null, '280412Z OCT 62'],
      [exerciseId, '280412Z OCT 62'],
    ]);
    // The archive's copy is an ordinary released cable: no exercise, delivered as the archive's.
    const archive = c.db
      .prepare('SELECT id FROM cables WHERE ref = ? AND exercise_id IS NULL')
      .pluck()
      .get('TOPOL 578');
    expect(c.db.prepare('SELECT count(*) FROM deliveries WHERE cable_id = ?').pluck().get(archive)).toBeGreaterThan(0);
    // And a second import finds it.
    const again = await importFrus(c.db, { path: corpusFile(100) });
    expect(again.skipped).toMatchObject([
      { doc: 100, ref: 'TOPOL 578', reason: 'already imported (TOPOL 578, 280412Z OCT 62)' },
    ]);
  });
});
