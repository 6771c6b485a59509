import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { APPLICATION_ID, migrate, openDatabase, schemaVersion, type Db } from '../../../electron/core/store/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../electron/core/store/migrations';
import { tempDir } from '../../support/tempCore';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** A raw SQLite file (no migrations yet) in a temp dir. */
function rawDb(): { db: Db; path: string } {
  const t = tempDir();
  const path = join(t.dir, 'db.sqlite');
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  cleanups.push(() => {
    if (db.open) db.close();
    t.cleanup();
  });
  return { db, path };
}

function tables(db: Db): string[] {
  return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
}

describe('migration list', () => {
  test('versions run 1..n without gaps and LATEST is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  test('openDatabase migrates to the latest version with WAL, foreign keys and a busy timeout', () => {
    const { path } = rawDb();
    const db = openDatabase(path);
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  });
});

describe('migration 1: directory', () => {
  test('creates the directory tables and enforces lowercase logins and one principal per post', () => {
    const { db } = rawDb();
    migrate(db, 1);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['collective_members', 'collectives', 'offices', 'people', 'stations', 'users']);
    db.prepare(
      "INSERT INTO stations (plad, name, short_name, kind) VALUES ('AMEMBASSY ROME', 'Embassy Rome', 'Rome', 'EMBASSY')",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO stations (plad, name, short_name, kind) VALUES ('amembassy oslo', 'Oslo', 'Oslo', 'EMBASSY')",
        )
        .run(),
    ).toThrow(/CHECK/);
    const person = db.prepare(
      'INSERT INTO people (key, surname, full_name, cited_as, station_id, is_principal) VALUES (?, ?, ?, ?, 1, 1)',
    );
    person.run('reinhardt', 'Reinhardt', 'G. Frederick Reinhardt', 'Reinhardt');
    expect(() => person.run('other', 'Other', 'Other', 'Other')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (login, person_id, role, clearance, passphrase_hash, passphrase_salt, kdf, created_at) VALUES ('Rusk', 1, 'officer', 'SECRET', x'00', x'00', 'scrypt', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('migration 2: cables', () => {
  test('adds the cable model and keeps the directory written under version 1', () => {
    const { db } = rawDb();
    migrate(db, 1);
    db.prepare(
      "INSERT INTO stations (plad, name, short_name, kind) VALUES ('SECSTATE WASHDC', 'Department of State', 'Department', 'DEPARTMENT')",
    ).run();
    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'cables',
        'paragraphs',
        'drafting_roles',
        'transmissions',
        'addressees',
        'addressee_for',
        'eyes_only',
        'pass_instructions',
        'deliveries',
        'cable_references',
      ]),
    );
    expect(db.prepare('SELECT plad FROM stations').pluck().get()).toBe('SECSTATE WASHDC');
    const cable = db.prepare(
      `INSERT INTO cables (ref, profile, series_indicator, series_number, dtg, sent_at, originator_station_id, classification,
         class_rank, subject, created_at) VALUES (?, 'FRUS_1960S', ?, ?, '280412Z OCT 62', '1962-10-28T04:12:00Z', 1, 'SECRET', 2, 'S', 'now')`,
    );
    // A series indicator without its number is refused.
    expect(() => cable.run('TOPOL 1', 'TOPOL', null)).toThrow(/CHECK/);
    cable.run('TOPOL 578', 'TOPOL', 578);
    // Series numbers are unique within a series.
    expect(() => cable.run('TOPOL 578 BIS', 'TOPOL', 578)).toThrow(/UNIQUE/);
    // Foreign keys are enforced: a paragraph of a cable that does not exist is refused.
    expect(() =>
      db.prepare("INSERT INTO paragraphs (cable_id, ordinal, portion, text) VALUES (99, 0, 'S', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  test('the inbox index exists on deliveries (station, delivered_at DESC, id DESC)', () => {
    const { db } = rawDb();
    migrate(db, 2);
    const cols = db.prepare("SELECT name, desc FROM pragma_index_xinfo('deliveries_inbox') WHERE key = 1").all();
    expect(cols).toEqual([
      { name: 'station_id', desc: 0 },
      { name: 'delivered_at', desc: 1 },
      { name: 'id', desc: 1 },
    ]);
  });
});

describe('migration 3: search', () => {
  test('creates a contentless FTS5 index over subject and body that supports delete', () => {
    const { db } = rawDb();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    db.prepare('INSERT INTO cable_search (rowid, subject, body) VALUES (?, ?, ?)').run(
      7,
      'NAC briefing',
      'Jupiters in Turkey',
    );
    expect(db.prepare("SELECT rowid FROM cable_search WHERE cable_search MATCH 'jupiters'").pluck().all()).toEqual([7]);
    db.prepare('DELETE FROM cable_search WHERE rowid = 7').run();
    expect(db.prepare("SELECT rowid FROM cable_search WHERE cable_search MATCH 'jupiters'").pluck().all()).toEqual([]);
  });
});

describe('migration 4: audit', () => {
  test('creates the append-only audit_log', () => {
    const { db } = rawDb();
    migrate(db, 4);
    db.prepare("INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (1, 'now', 'VIEW', 'p', 'h')").run();
    expect(() => db.exec("UPDATE audit_log SET action = 'DENY'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (2, 'now', 'HACK', 'h', 'i')").run(),
    ).toThrow(/CHECK/);
  });
});

describe('migration 5: handling', () => {
  test('adds user handling attributes, EXDIS designees and reads with their defaults', () => {
    const { db } = rawDb();
    migrate(db, 5);
    const userColumns = db.prepare("SELECT name FROM pragma_table_info('users')").pluck().all();
    expect(userColumns).toEqual(
      expect.arrayContaining(['nationality', 'categories', 'caption_roles', 'failed_sign_ins', 'disabled']),
    );
    expect(
      db.prepare("SELECT name FROM pragma_table_info('deliveries') WHERE name = 'action_office_id'").pluck().get(),
    ).toBe('action_office_id');
    expect(tables(db)).toEqual(expect.arrayContaining(['exdis_designees', 'delivery_reads']));
  });
});

describe('migration 6: audit actions', () => {
  test('keeps every entry of a version-5 trail byte for byte, stays append-only and accepts the new actions', () => {
    const { db } = rawDb();
    migrate(db, 5);
    db.prepare(
      "INSERT INTO audit_log (seq, at, action, detail, prev_hash, hash) VALUES (1, 't1', 'VIEW', '{\"a\":1}', 'p', 'h1')",
    ).run();
    db.prepare("INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (2, 't2', 'DENY', 'h1', 'h2')").run();
    const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    migrate(db, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
    db.prepare(
      "INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (3, 't3', 'DIRECTORY_UPDATE', 'h2', 'h3')",
    ).run();
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });
});

describe('migration 7: drafting', () => {
  test('adds keys, drafts, signatures and the drafted-cable columns, and keeps a version-6 trail byte for byte', () => {
    const { db } = rawDb();
    migrate(db, 6);
    db.prepare(
      "INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (1, 't1', 'DESIGNATE', 'p', 'h1')",
    ).run();
    const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    migrate(db, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['person_keys', 'drafts', 'draft_signatures', 'cable_signatures']),
    );
    const columns = db.prepare("SELECT name FROM pragma_table_info('cables')").pluck().all();
    expect(columns).toEqual(
      expect.arrayContaining(['classification_reason', 'class_authority', 'legacy_eo', 'summary']),
    );
    db.prepare(
      "INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (2, 't2', 'TAMPERED', 'h1', 'h2')",
    ).run();
    expect(() =>
      db
        .prepare("INSERT INTO audit_log (seq, at, action, prev_hash, hash) VALUES (3, 't3', 'NONSENSE', 'h2', 'h3')")
        .run(),
    ).toThrow(/CHECK/);
    expect(() => db.exec('UPDATE audit_log SET at = 0')).toThrow(/append-only/);
  });
});

describe('migration 10: installation', () => {
  test('records a database seeded before it as a demo installation, and an empty one as neither', () => {
    const seeded = rawDb().db;
    migrate(seeded, 9);
    seeded
      .prepare(
        "INSERT INTO stations (plad, name, short_name, kind) VALUES ('SECSTATE WASHDC', 'Department', 'State', 'DEPARTMENT')",
      )
      .run();
    migrate(seeded, 10);
    expect(seeded.prepare('SELECT mode FROM installation').pluck().all()).toEqual(['demo']);
    const empty = rawDb().db;
    migrate(empty, 10);
    expect(empty.prepare('SELECT count(*) FROM installation').pluck().get()).toBe(0);
    expect(() =>
      empty.prepare("INSERT INTO installation (id, mode, created_at) VALUES (1, 'sandbox', 't')").run(),
    ).toThrow(/CHECK/);
    expect(() =>
      seeded.prepare("INSERT INTO installation (id, mode, created_at) VALUES (2, 'demo', 't')").run(),
    ).toThrow(/CHECK/);
  });
});

describe('refusals', () => {
  test('a database from a newer Cableroom is refused with a clear INTEGRITY error', () => {
    const { db, path } = rawDb();
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'INTEGRITY', message: expect.stringMatching(/newer Cableroom/) }),
    );
  });

  test('a file that is not SQLite is refused with INTEGRITY, and left untouched', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const path = join(t.dir, 'notes.sqlite');
    writeFileSync(path, 'these are not the cables you are looking for\n'.repeat(100));
    expect(() => openDatabase(path)).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
  });

  test("another application's SQLite database is refused", () => {
    const { db, path } = rawDb();
    db.exec('CREATE TABLE t (x)');
    db.pragma('user_version = 1');
    db.close();
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'INTEGRITY', message: expect.stringMatching(/not a Cableroom/) }),
    );
  });

  test('a failing migration rolls back entirely and leaves user_version where it was', () => {
    const { db } = rawDb();
    migrate(db, 1);
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('disk on fire');
      },
    };
    expect(() => migrate(db, 2, [...MIGRATIONS.slice(0, 1), broken])).toThrow('disk on fire');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half_done');
  });
});
