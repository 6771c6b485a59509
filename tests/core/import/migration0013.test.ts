import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/store/database';
import { tempDir } from '../../support/tempCore';

/**
 * Migration 0013 (issue 12): stations rebuilt with the wider kinds — same ids, every table that
 * points at a station still does —; imported_from on the directory tables; frus_sources.
 */
describe('migration 13: historical directory', () => {
  test('a version-12 directory with a cable migrates intact, and takes the new kinds', () => {
    const t = tempDir();
    const db = new Database(join(t.dir, 'v12.sqlite'));
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, 12);
      db.exec(`
        INSERT INTO stations (id, plad, name, short_name, kind) VALUES
          (7, 'SECSTATE WASHDC', 'Department of State', 'Department', 'DEPARTMENT'),
          (9, 'AMEMBASSY MOSCOW', 'Embassy Moscow', 'Moscow', 'EMBASSY');
        INSERT INTO offices (id, station_id, code, name) VALUES (3, 7, 'EUR', 'Bureau of European Affairs');
        INSERT INTO people (id, key, surname, full_name, cited_as, station_id, office_id, is_principal)
          VALUES (5, 'kohler', 'Kohler', 'Foy D. Kohler', 'Kohler', 9, NULL, 1);
      `);
      expect(() =>
        db.exec(
          `INSERT INTO stations (plad, name, short_name, kind) VALUES ('JCS WASHDC', 'JCS', 'JCS', 'MILITARY_COMMAND')`,
        ),
      ).toThrow(/CHECK constraint/);
      migrate(db);
      expect(schemaVersion(db)).toBeGreaterThanOrEqual(13);
      expect(db.prepare('SELECT id, plad, kind, imported_from FROM stations ORDER BY id').all()).toEqual([
        { id: 7, plad: 'SECSTATE WASHDC', kind: 'DEPARTMENT', imported_from: null },
        { id: 9, plad: 'AMEMBASSY MOSCOW', kind: 'EMBASSY', imported_from: null },
      ]);
      // The people and offices still point at their stations; the foreign keys hold.
      expect(db.prepare("SELECT station_id, imported_from FROM people WHERE key = 'kohler'").get()).toEqual({
        station_id: 9,
        imported_from: null,
      });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      for (const kind of ['DELEGATION', 'MILITARY_COMMAND', 'AGENCY']) {
        db.prepare('INSERT INTO stations (plad, name, short_name, kind, imported_from) VALUES (?, ?, ?, ?, ?)').run(
          `TEST ${kind}`,
          kind,
          kind,
          kind,
          'frus1961-63v04 d267',
        );
      }
      expect(() =>
        db.exec(`INSERT INTO stations (plad, name, short_name, kind) VALUES ('X Y', 'X', 'X', 'SUBMARINE')`),
      ).toThrow(/CHECK constraint/);
      // A station still cannot go while a person is at it.
      expect(() => db.exec('DELETE FROM stations WHERE id = 9')).toThrow(/FOREIGN KEY/);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'frus_sources'").pluck().get()).toBe(1);
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
