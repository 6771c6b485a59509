import type { Migration } from './types';

/**
 * The audit trail (DOMAIN.md §8a `audit[]`; ARCHITECTURE.md): append-only and hash-chained.
 * Each entry commits to the previous entry's hash, so a changed, removed or reordered entry
 * breaks the chain (`cableroom audit verify`). Triggers refuse UPDATE and DELETE through SQL.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_user_id INTEGER REFERENCES users(id),
        actor_login TEXT,
        action TEXT NOT NULL CHECK (action IN ('SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT',
          'EXPORT', 'SEARCH', 'USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE')),
        cable_id INTEGER REFERENCES cables(id),
        detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
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
