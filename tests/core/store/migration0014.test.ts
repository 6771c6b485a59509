import { describe, expect, test } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { migrate } from '../../../electron/core/store/database';
import { emptyDb } from '../../support/tempCore';

/** Migration 0014 (issue 16): `cables.lines` holds the FOR/FROM line and DESIRED DISTRIBUTION. */
describe('migration 0014: cable lines', () => {
  test('adds a nullable JSON-object column to cables', () => {
    const { db, dispose } = emptyDb();
    try {
      const columns = db.prepare('SELECT name, "notnull" FROM pragma_table_info(\'cables\')').all() as {
        name: string;
        notnull: number;
      }[];
      expect(columns.find((c) => c.name === 'lines')).toEqual({ name: 'lines', notnull: 0 });
      const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'cables'").pluck().get() as string;
      expect(sql).toMatch(/json_type\(lines\) = 'object'/);
      expect(MIGRATIONS.find((m) => m.version === 14)?.name).toBe('cable_lines');
    } finally {
      dispose();
    }
  });

  test('runs on a version-13 database, once', () => {
    const { db, dispose } = emptyDb();
    try {
      db.exec('ALTER TABLE cables DROP COLUMN lines');
      db.pragma('user_version = 13');
      migrate(db, 14, MIGRATIONS);
      expect(db.pragma('user_version', { simple: true })).toBe(14);
      expect(
        db.prepare("SELECT count(*) FROM pragma_table_info('cables') WHERE name = 'lines'").pluck().get() as number,
      ).toBe(1);
    } finally {
      dispose();
    }
  });
});
