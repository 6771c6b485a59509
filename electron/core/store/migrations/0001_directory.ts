import type { Migration } from './types';

/**
 * The directory (DOMAIN.md §1.8, §8a): stations with their PLADs, offices, people (principals
 * flagged), collectives and their members, and the users who sign in as people.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'directory',
  up(db) {
    db.pragma('application_id = 0x4342524d');
    db.exec(`
      CREATE TABLE stations (
        id INTEGER PRIMARY KEY,
        plad TEXT NOT NULL UNIQUE CHECK (plad = upper(plad) AND length(plad) BETWEEN 3 AND 80),
        name TEXT NOT NULL CHECK (length(name) > 0),
        short_name TEXT NOT NULL CHECK (length(short_name) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('DEPARTMENT', 'WHITE_HOUSE', 'EMBASSY', 'MISSION', 'CONSULATE')),
        country TEXT,
        city TEXT
      ) STRICT;

      CREATE TABLE offices (
        id INTEGER PRIMARY KEY,
        station_id INTEGER NOT NULL REFERENCES stations(id),
        code TEXT NOT NULL CHECK (length(code) > 0),
        name TEXT NOT NULL,
        UNIQUE (station_id, code)
      ) STRICT;

      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        surname TEXT NOT NULL,
        full_name TEXT NOT NULL,
        -- How FRUS source notes name the person ("U. Alexis Johnson").
        cited_as TEXT NOT NULL,
        title TEXT,
        station_id INTEGER NOT NULL REFERENCES stations(id),
        office_id INTEGER REFERENCES offices(id),
        is_principal INTEGER NOT NULL DEFAULT 0 CHECK (is_principal IN (0, 1)),
        is_persona INTEGER NOT NULL DEFAULT 0 CHECK (is_persona IN (0, 1))
      ) STRICT;
      -- A post has one principal (chief of mission); captions such as NODIS and "Ambassadors"
      -- resolve to that person (DOMAIN.md rules 14-15).
      CREATE UNIQUE INDEX people_one_principal ON people(station_id) WHERE is_principal = 1;
      CREATE INDEX people_station ON people(station_id);

      CREATE TABLE collectives (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (name = upper(name)),
        description TEXT
      ) STRICT;

      CREATE TABLE collective_members (
        collective_id INTEGER NOT NULL REFERENCES collectives(id) ON DELETE CASCADE,
        station_id INTEGER NOT NULL REFERENCES stations(id),
        PRIMARY KEY (collective_id, station_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL UNIQUE CHECK (login = lower(login) AND length(login) BETWEEN 1 AND 64),
        person_id INTEGER NOT NULL UNIQUE REFERENCES people(id),
        role TEXT NOT NULL CHECK (role IN ('trainee', 'officer', 'instructor', 'admin')),
        clearance TEXT NOT NULL CHECK (clearance IN ('UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET')),
        -- Foreign nationals are never eligible for NOFORN (DOMAIN.md rule 20).
        foreign_national INTEGER NOT NULL DEFAULT 0 CHECK (foreign_national IN (0, 1)),
        -- scrypt(passphrase, salt); the passphrase itself is never stored.
        passphrase_hash BLOB NOT NULL,
        passphrase_salt BLOB NOT NULL,
        kdf TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
