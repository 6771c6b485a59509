import { writeCableKeys } from '../cableSearch';
import type { Migration } from './types';

/**
 * Finding a cable by its reference, MRN or DTG as people type them (issue 14 item 3): one row per
 * search key of a cable (domain/cableRef.ts: "TOPOL 578", "1962 MOSCOW 1042", "280412 Z OCT 62"),
 * written with the cable (store/cableWriter.ts) and here for the cables already stored. The key
 * is the primary key's first column, so a look-up is one index seek.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'search_keys',
  up(db) {
    db.exec(`
      CREATE TABLE cable_keys (
        key TEXT NOT NULL,
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('ref', 'mrn', 'dtg')),
        PRIMARY KEY (key, cable_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX cable_keys_cable ON cable_keys(cable_id);
    `);
    for (const id of db.prepare('SELECT id FROM cables ORDER BY id').pluck().all() as number[]) {
      writeCableKeys(db, id);
    }
  },
};
