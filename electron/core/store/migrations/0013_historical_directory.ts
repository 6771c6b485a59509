import type { Migration } from './types';

/**
 * Historical directory entries (issue 12 item 1; docs/FRUS.md "Historical directory"):
 *
 * - `stations.kind` gains DELEGATION, MILITARY_COMMAND and AGENCY (a FRUS telegram may come from
 *   "Commander, Military Assistance Command, Vietnam", go to a delegation, or be passed to the
 *   CIA). SQLite cannot widen a CHECK in place, so `stations` is rebuilt by the 12-step procedure
 *   (foreign keys off, `foreign_key_check` before the commit: database.ts): same columns, same
 *   ids, so every table pointing at a station keeps pointing at the same row.
 * - `imported_from` on stations, offices, people and collectives: NULL for entries made by the
 *   seed or by an instructor; for an entry the FRUS importer created because a telegram named a
 *   post, office or person the directory did not hold, the document that first named it
 *   ("frus1961-63v04 d267"). Such entries are never merged with a different existing entry.
 * - `frus_sources`: for each cable the FRUS importer wrote, the volume and document it came from
 *   (the "published in FRUS <volume>, document <n>" of an archive reader, a volume's traffic).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'historical directory',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE stations_next (
        id INTEGER PRIMARY KEY,
        plad TEXT NOT NULL UNIQUE CHECK (plad = upper(plad) AND length(plad) BETWEEN 3 AND 80),
        name TEXT NOT NULL CHECK (length(name) > 0),
        short_name TEXT NOT NULL CHECK (length(short_name) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('DEPARTMENT', 'WHITE_HOUSE', 'EMBASSY', 'MISSION', 'CONSULATE',
                                           'DELEGATION', 'MILITARY_COMMAND', 'AGENCY')),
        country TEXT,
        city TEXT,
        imported_from TEXT CHECK (imported_from IS NULL OR length(imported_from) BETWEEN 1 AND 200)
      ) STRICT;
      INSERT INTO stations_next (id, plad, name, short_name, kind, country, city)
        SELECT id, plad, name, short_name, kind, country, city FROM stations;
      DROP TABLE stations;
      ALTER TABLE stations_next RENAME TO stations;

      ALTER TABLE offices ADD COLUMN imported_from TEXT
        CHECK (imported_from IS NULL OR length(imported_from) BETWEEN 1 AND 200);
      ALTER TABLE people ADD COLUMN imported_from TEXT
        CHECK (imported_from IS NULL OR length(imported_from) BETWEEN 1 AND 200);
      ALTER TABLE collectives ADD COLUMN imported_from TEXT
        CHECK (imported_from IS NULL OR length(imported_from) BETWEEN 1 AND 200);

      CREATE TABLE frus_sources (
        cable_id INTEGER PRIMARY KEY REFERENCES cables(id),
        volume TEXT NOT NULL CHECK (length(volume) BETWEEN 1 AND 80),
        doc INTEGER NOT NULL CHECK (doc >= 0),
        file TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX frus_sources_volume ON frus_sources(volume, doc);
    `);
  },
};
