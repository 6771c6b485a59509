import type { Migration } from './types';

/**
 * The `historian` role (issue 12 item 3; docs/FRUS.md "The archive reader"): `users.role` gains
 * 'historian'. SQLite cannot widen a CHECK in place, so `users` is rebuilt by the 12-step
 * procedure (foreign keys off, `foreign_key_check` before the commit: database.ts): the same
 * columns in the same order, the same ids, so every table pointing at a user — the audit trail,
 * drafts, signatures, deliveries — keeps pointing at the same row.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'historian role',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE users_next (
        id INTEGER PRIMARY KEY,
        login TEXT NOT NULL UNIQUE CHECK (login = lower(login) AND length(login) BETWEEN 1 AND 64),
        person_id INTEGER NOT NULL UNIQUE REFERENCES people(id),
        role TEXT NOT NULL CHECK (role IN ('trainee', 'officer', 'instructor', 'admin', 'historian')),
        clearance TEXT NOT NULL CHECK (clearance IN ('UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET')),
        -- Foreign nationals are never eligible for NOFORN (DOMAIN.md rule 20).
        foreign_national INTEGER NOT NULL DEFAULT 0 CHECK (foreign_national IN (0, 1)),
        -- scrypt(passphrase, salt); the passphrase itself is never stored.
        passphrase_hash BLOB NOT NULL,
        passphrase_salt BLOB NOT NULL,
        kdf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        nationality TEXT CHECK (nationality IS NULL OR length(nationality) = 3),
        categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        caption_roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(caption_roles) AND json_type(caption_roles) = 'array'),
        failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
        last_failed_at TEXT,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
      ) STRICT;
      INSERT INTO users_next (id, login, person_id, role, clearance, foreign_national, passphrase_hash,
                              passphrase_salt, kdf, created_at, nationality, categories, caption_roles,
                              failed_sign_ins, last_failed_at, disabled)
        SELECT id, login, person_id, role, clearance, foreign_national, passphrase_hash,
               passphrase_salt, kdf, created_at, nationality, categories, caption_roles,
               failed_sign_ins, last_failed_at, disabled FROM users;
      DROP TABLE users;
      ALTER TABLE users_next RENAME TO users;
    `);
  },
};
