import type { Migration } from './types';

/**
 * Handling (DOMAIN.md rules 8, 14, 15, 18, 20): what the access decision and the inbox need
 * beyond the directory. Users get a nationality (REL TO), restrictive categories and caption
 * roles; sign-in failures are counted for throttling; a principal's EXDIS designees; who filed a
 * delivery as read; the office that acts on a delivery (LIMDIS).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'handling',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN nationality TEXT CHECK (nationality IS NULL OR length(nationality) = 3);
      ALTER TABLE users ADD COLUMN categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array');
      ALTER TABLE users ADD COLUMN caption_roles TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(caption_roles) AND json_type(caption_roles) = 'array');
      ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0);
      ALTER TABLE users ADD COLUMN last_failed_at TEXT;
      ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));

      -- Restrictive categories a cable carries beyond its dissemination controls (rule 18).
      ALTER TABLE cables ADD COLUMN categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array');

      -- LIMDIS: the office that acts on a delivery inside the post.
      ALTER TABLE deliveries ADD COLUMN action_office_id INTEGER REFERENCES offices(id);

      -- EXDIS: those the principal designates (DOMAIN.md §1.7).
      CREATE TABLE exdis_designees (
        station_id INTEGER NOT NULL REFERENCES stations(id),
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        designated_by_user_id INTEGER NOT NULL REFERENCES users(id),
        designated_at TEXT NOT NULL,
        PRIMARY KEY (station_id, user_id)
      ) STRICT, WITHOUT ROWID;

      -- Filed as read, per user (rule 8: not before a FLASH/NIACT delivery is acknowledged).
      CREATE TABLE delivery_reads (
        delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        read_at TEXT NOT NULL,
        PRIMARY KEY (delivery_id, user_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
