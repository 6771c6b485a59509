import type { Migration } from './types';

/**
 * The classroom client's local state (issue 11 item 2; docs/CLASSROOM.md):
 *
 * - `classroom_config` (one row): the exchange's URL (without a password), the login this
 *   machine joined as, the local account whose passphrase seals the PostgreSQL password
 *   (scrypt → secretbox, as signing keys are sealed: never stored in plain text), and
 *   `outbox_mark`: cables with a higher id are looked at for the outbox.
 * - `net_cursor` (one row): the last grant sequence number applied; moved in the same
 *   transaction as the cable it applies, so a crash never skips or doubles one.
 * - `net_outbox`: released cables and events waiting for the exchange (the app works offline).
 * - `net_applied`: every grant received, by content hash, with what became of it: APPLIED (written
 *   through the cable writer), PRESENT (this database already held the same signed cable) or
 *   REFUSED (its signatures or label did not verify; audited and reported).
 */
const CLASSROOM_TABLES_SQL = `
  CREATE TABLE classroom_config (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    pg_url TEXT NOT NULL,
    login TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    sealed_password BLOB NOT NULL,
    seal_salt BLOB NOT NULL,
    seal_nonce BLOB NOT NULL,
    kdf TEXT NOT NULL,
    outbox_mark INTEGER NOT NULL DEFAULT 0,
    joined_at TEXT NOT NULL
  );
  CREATE TABLE net_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL CHECK (seq >= 0)
  );
  CREATE TABLE net_outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('CABLE', 'EVENT')),
    cable_id INTEGER REFERENCES cables(id),
    event TEXT CHECK (event IS NULL OR json_valid(event)),
    queued_at TEXT NOT NULL,
    CHECK ((kind = 'CABLE') = (cable_id IS NOT NULL)),
    CHECK ((kind = 'EVENT') = (event IS NOT NULL))
  );
  CREATE TABLE net_applied (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
    seq INTEGER NOT NULL,
    ref TEXT NOT NULL,
    cable_id INTEGER REFERENCES cables(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('APPLIED', 'PRESENT', 'REFUSED')),
    reason TEXT,
    applied_at TEXT NOT NULL,
    CHECK ((outcome = 'REFUSED') = (reason IS NOT NULL))
  );
  CREATE INDEX net_applied_by_cable ON net_applied(cable_id) WHERE cable_id IS NOT NULL;
`;

export const migration0015: Migration = {
  version: 15,
  name: 'classroom',
  up(db) {
    db.exec(CLASSROOM_TABLES_SQL);
  },
};
