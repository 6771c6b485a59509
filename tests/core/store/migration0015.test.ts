import { describe, expect, test } from 'vitest';
import { migrate } from '../../../electron/core/store/database';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { emptyDb } from '../../support/tempCore';

/** Migration 0015 (issue 11): the classroom client's configuration, cursor, outbox and receipts. */
describe('migration 0015: classroom', () => {
  test('makes the four tables, and their checks hold', () => {
    const { db, dispose } = emptyDb();
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?, ?) ORDER BY name")
        .pluck()
        .all('classroom_config', 'net_applied', 'net_cursor', 'net_outbox');
      expect(tables).toEqual(['classroom_config', 'net_applied', 'net_cursor', 'net_outbox']);
      expect(MIGRATIONS.find((m) => m.version === 15)?.name).toBe('classroom');
      // An outbox row is a cable or an event, never neither; a refusal says why.
      const outbox = db.prepare('INSERT INTO net_outbox (kind, cable_id, event, queued_at) VALUES (?, ?, ?, ?)');
      expect(() => outbox.run('CABLE', null, null, 'now')).toThrow(/CHECK/);
      expect(() => outbox.run('EVENT', null, '{"kind":"ACK"}', 'now')).not.toThrow();
      const applied = db.prepare(
        'INSERT INTO net_applied (hash, seq, ref, cable_id, outcome, reason, applied_at) VALUES (?, 1, ?, NULL, ?, ?, ?)',
      );
      expect(() => applied.run('a'.repeat(64), 'TOPOL 1', 'REFUSED', null, 'now')).toThrow(/CHECK/);
      expect(() => applied.run('b'.repeat(64), 'TOPOL 2', 'REFUSED', 'bad signature', 'now')).not.toThrow();
      expect(() => db.prepare('INSERT INTO net_cursor (id, seq) VALUES (2, 0)').run()).toThrow(/CHECK/);
    } finally {
      dispose();
    }
  });

  test('runs on a version-14 database, once', () => {
    const { db, dispose } = emptyDb();
    try {
      db.exec('DROP TABLE net_applied; DROP TABLE net_outbox; DROP TABLE net_cursor; DROP TABLE classroom_config');
      db.pragma('user_version = 14');
      migrate(db, 15, MIGRATIONS);
      expect(db.pragma('user_version', { simple: true })).toBe(15);
      expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'net_outbox'").pluck().get()).toBe(1);
    } finally {
      dispose();
    }
  });
});
