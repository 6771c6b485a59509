import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore } from '../../../electron/core/app';
import { appendAuditEntry, createAuditTrail } from '../../../electron/core/audit/auditTrail';
import { readSeed } from '../../../electron/core/seed/seed';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { cableIdByRef, cableIdForReader } from '../../../electron/core/store/cableReader';
import { referenceTargets } from '../../../electron/core/store/cableSearch';
import { migrate, schemaVersion, type Db } from '../../../electron/core/store/database';
import { AUDIT_ACTIONS } from '../../../electron/domain/audit';
import { SEED_DIR, seededCore, tempDir } from '../../support/tempCore';

/**
 * Migration 0012 (issue 10): the exercise tables, the exercise journal's audit actions, cables
 * rebuilt with `exercise_id` (reference / series / MRN unique per exercise) and the inbox ordered
 * by arrival. Run on a version-11 copy of the real seeded database: everything in it survives,
 * the full-text index, the search keys, every foreign key and the trail's chain still work.
 */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** Tables of a database, the FTS index and its shadow tables left out. */
function tables(db: Db): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'cable_search%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function columns(db: Db, table: string): string[] {
  return db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
}

function rows(db: Db, table: string, cols: ReadonlyArray<string>): unknown[] {
  const list = cols.map((c) => `"${c}"`).join(', ');
  return db.prepare(`SELECT ${list} FROM "${table}" ORDER BY ${list}`).all();
}

/**
 * A version-11 database holding what the real seed writes today (directory, accounts, keys, the
 * seed cables with deliveries, search keys and signatures, the trail), plus a read, a pass and a
 * VIEW: the seeded file's rows copied table by table into a file migrated to 11 only.
 */
function version11Copy(): { db: Db; path: string } {
  const seeded = seededCore();
  cleanups.push(() => seeded.dispose());
  const trainee = seeded.users.byLogin('finletter');
  const topol = seeded.cables.idByRef('TOPOL 578');
  seeded.cables.show(trainee, topol, 'app');
  seeded.db.close();

  const t = tempDir();
  const path = join(t.dir, 'v11.sqlite');
  const db = new Database(path);
  cleanups.push(() => {
    if (db.open) db.close();
    t.cleanup();
  });
  db.pragma('foreign_keys = ON');
  migrate(db, 11);
  expect(schemaVersion(db)).toBe(11);
  db.pragma('foreign_keys = OFF');
  db.exec(`ATTACH DATABASE '${seeded.dbPath.replace(/'/g, "''")}' AS seeded`);
  db.transaction(() => {
    for (const table of tables(db)) {
      const cols = columns(db, table)
        .map((c) => `"${c}"`)
        .join(', ');
      db.exec(`INSERT INTO main."${table}" (${cols}) SELECT ${cols} FROM seeded."${table}"`);
    }
    // The contentless full-text index is written from the rows, as the writer does.
    const cables = db.prepare('SELECT id, subject FROM cables').all() as { id: number; subject: string }[];
    const body = db.prepare('SELECT group_concat(text, char(10)) FROM paragraphs WHERE cable_id = ? ORDER BY ordinal');
    const fts = db.prepare('INSERT INTO cable_search (rowid, subject, body) VALUES (?, ?, ?)');
    for (const c of cables) fts.run(c.id, c.subject, body.pluck().get(c.id));
  })();
  db.exec('DETACH DATABASE seeded');
  db.pragma('foreign_keys = ON');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  return { db, path };
}

describe('migration 12: exercises', () => {
  test('a version-11 database with cables, deliveries, search and a trail migrates intact', () => {
    const { db, path } = version11Copy();
    const before = new Map(tables(db).map((t) => [t, { cols: columns(db, t), rows: rows(db, t, columns(db, t)) }]));
    expect(before.get('cables')!.rows.length).toBeGreaterThan(4);
    expect(before.get('deliveries')!.rows.length).toBeGreaterThan(4);
    expect(before.get('cable_keys')!.rows.length).toBeGreaterThan(4);
    const searchBefore = db
      .prepare("SELECT rowid FROM cable_search WHERE cable_search MATCH 'turkey' ORDER BY rowid")
      .pluck()
      .all();
    expect(searchBefore.length).toBeGreaterThan(0);

    migrate(db, 12);
    expect(schemaVersion(db)).toBe(12);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

    // Every row of every table, byte for byte, in the columns it had.
    for (const [table, { cols, rows: r }] of before) expect(rows(db, table, cols), table).toEqual(r);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['exercises', 'exercise_assignments', 'exercise_injects', 'cables']),
    );
    expect(db.prepare('SELECT count(*) FROM cables WHERE exercise_id IS NOT NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM deliveries WHERE arrived_at <> delivered_at').pluck().get()).toBe(0);
    // The full-text index still finds the same cables (its rowids are the cable ids, unchanged).
    expect(
      db.prepare("SELECT rowid FROM cable_search WHERE cable_search MATCH 'turkey' ORDER BY rowid").pluck().all(),
    ).toEqual(searchBefore);

    // Every index of the rebuilt tables, the audit trail's made after 0004 included.
    const indexes = db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('audit_log', 'cables', 'deliveries') ORDER BY name",
      )
      .pluck()
      .all();
    expect(indexes).toEqual([
      'audit_by_action',
      'audit_by_actor',
      'audit_by_cable',
      'audit_by_cable_action',
      'cables_exercise',
      'cables_mrn',
      'cables_ref',
      'cables_sent_at',
      'cables_series',
      'deliveries_cable',
      'deliveries_inbox',
    ]);
    const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name").pluck().all();
    expect(triggers).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
    // Child tables still point at `cables` (not at the table it was rebuilt from).
    for (const child of ['paragraphs', 'transmissions', 'deliveries', 'cable_keys', 'cable_signatures', 'audit_log']) {
      const parents = db.prepare(`SELECT DISTINCT "table" FROM pragma_foreign_key_list('${child}')`).pluck().all();
      expect(parents, child).toContain('cables');
    }
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE sql LIKE '%cables_next%'").all()).toEqual([]);

    // The trail: the old chain verifies, the journal's actions are accepted, it stays append-only.
    expect(createAuditTrail(db).verify()).toMatchObject({ ok: true });
    appendAuditEntry(db, { actor: { userId: null, login: null }, action: 'EXERCISE_PAUSE', detail: { exercise: 1 } });
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() =>
      appendAuditEntry(db, { actor: { userId: null, login: null }, action: 'EXERCISE_NAP' as never }),
    ).toThrow(/CHECK/);
    // A cascade still reaches the children of the rebuilt table.
    const ref = db.prepare("SELECT id FROM cables WHERE ref = 'TOPOL 578'").pluck().get() as number;
    expect(db.prepare('SELECT count(*) FROM paragraphs WHERE cable_id = ?').pluck().get(ref)).toBeGreaterThan(0);
    db.close();

    // The app opens the migrated file as it opens any other.
    const core = openCore({ dbPath: path });
    try {
      const finletter = core.users.byLogin('finletter');
      expect(core.inbox.list(finletter, { limit: 50 }).rows.map((r) => r.ref)).toContain('TOPOL 578');
      expect(core.cables.search(finletter, 'TOPOL 578', 5)[0]).toMatchObject({ ref: 'TOPOL 578' });
    } finally {
      core.close();
    }
  });

  test('the audit CHECK lists exactly the domain actions', () => {
    const core = seededCore();
    cleanups.push(() => core.dispose());
    const sql = core.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'audit_log'").pluck().get() as string;
    const listed = /action IN \(([^)]*)\)/
      .exec(sql)![1]!
      .split(',')
      .map((a) => a.trim().replace(/'/g, ''));
    expect(listed).toEqual([...AUDIT_ACTIONS]);
  });

  test('a second "TOPOL 578" can be written inside an exercise, not outside; lookups keep their scope', () => {
    const core = seededCore();
    cleanups.push(() => core.dispose());
    const { db } = core;
    const topol = readSeed(SEED_DIR).cables.find((c) => c.ref === 'TOPOL 578')!;
    const archived = cableIdByRef(db, 'TOPOL 578')!;
    expect(() => insertCable(db, topol)).toThrow(/already exists/);
    const instructor = db.prepare("SELECT id FROM users WHERE login = 'instructor'").pluck().get() as number;
    const exercise = Number(
      db
        .prepare(
          `INSERT INTO exercises (scenario_id, title, scenario, cables, sha256, scenario_start, state, status, started_by, started_at)
           VALUES ('t', 'T', '{}', '{}', ?, '1962-10-27T18:00:00.000Z', '{}', 'RUNNING', ?, 'now')`,
        )
        .run('a'.repeat(64), instructor).lastInsertRowid,
    );
    const replay = insertCable(
      db,
      { ...topol, references: [{ label: 'A', text: 'TOPOL 578', cable: 'TOPOL 578' }] },
      new Date(),
      {
        exerciseId: exercise,
      },
    );
    expect(replay).not.toBe(archived);
    // Twice in the same exercise is refused, by the writer and by the index under it.
    expect(() => insertCable(db, topol, new Date(), { exerciseId: exercise })).toThrow(
      /already exists in this exercise/,
    );
    expect(() => db.prepare('UPDATE cables SET exercise_id = NULL WHERE id = ?').run(replay)).toThrow(/UNIQUE/);
    // The series and the MRN are scoped the same way.
    expect(() => insertCable(db, { ...topol, ref: 'TOPOL 578 BIS' }, new Date(), { exerciseId: exercise })).toThrow(
      /UNIQUE/,
    );
    expect(() => insertCable(db, { ...topol, ref: 'TOPOL 578 BIS' })).toThrow(/UNIQUE/);

    // Imports and bundles compare with the archive; a reader of the running exercise gets its cable;
    // a cable's references name the exercise's own cable first.
    expect(cableIdByRef(db, 'topol  578')).toBe(archived);
    expect(cableIdForReader(db, 'TOPOL 578')).toBe(replay);
    expect(core.cables.idByRef('TOPOL 578')).toBe(replay);
    expect(referenceTargets(db, replay)).toEqual([replay]);
    db.prepare("UPDATE exercises SET status = 'ENDED', ended_at = 'later' WHERE id = ?").run(exercise);
    expect(cableIdForReader(db, 'TOPOL 578')).toBe(archived);
    // Both are found by search.
    const finletter = core.users.byLogin('finletter');
    expect(core.cables.search(finletter, 'TOPOL 578', 5).map((h) => h.cableId)).toEqual(
      expect.arrayContaining([archived, replay]),
    );
    // Only one exercise is live at a time.
    const live = db.prepare(
      `INSERT INTO exercises (scenario_id, title, scenario, cables, sha256, scenario_start, state, status, started_by, started_at)
       VALUES ('t', 'T', '{}', '{}', ?, 'x', '{}', 'RUNNING', ?, 'now')`,
    );
    live.run('b'.repeat(64), instructor);
    expect(() => live.run('c'.repeat(64), instructor)).toThrow(/UNIQUE/);
  });
});
