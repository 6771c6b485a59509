import type { Migration } from './types';

/**
 * Widens the audit trail's action list (directory edits, EXDIS designations). SQLite cannot
 * change a CHECK constraint in place, so the table is rebuilt; entries are copied unchanged, so
 * every hash in the chain still verifies.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'audit actions',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log_v6 (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_user_id INTEGER REFERENCES users(id),
        actor_login TEXT,
        action TEXT NOT NULL CHECK (action IN ('SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT',
          'EXPORT', 'SEARCH', 'USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE',
          'DIRECTORY_UPDATE', 'DESIGNATE')),
        cable_id INTEGER REFERENCES cables(id),
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      INSERT INTO audit_log_v6 SELECT seq, at, actor_user_id, actor_login, action, cable_id, detail, prev_hash, hash FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v6 RENAME TO audit_log;
      CREATE INDEX audit_by_actor ON audit_log(actor_user_id, seq);
      CREATE INDEX audit_by_cable ON audit_log(cable_id, seq) WHERE cable_id IS NOT NULL;
      CREATE INDEX audit_by_action ON audit_log(action, seq);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `);
  },
};
