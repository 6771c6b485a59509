import type { Migration } from './types';

/**
 * Installation settings (issue 13 item 8): whether this database runs with the published demo
 * passphrase for every seed account ('demo') or gave the seed's instructors and admins their own
 * ('production'). One row, written with the seed. A database seeded before this migration had
 * the published passphrase for everyone, so it is recorded as a demo installation.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'installation',
  up(db) {
    db.exec(`
      CREATE TABLE installation (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        mode TEXT NOT NULL CHECK (mode IN ('demo', 'production')),
        created_at TEXT NOT NULL
      ) STRICT;

      INSERT INTO installation (id, mode, created_at)
        SELECT 1, 'demo', strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE EXISTS (SELECT 1 FROM stations);
    `);
  },
};
