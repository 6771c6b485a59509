import type Database from 'better-sqlite3';

/**
 * Rebuilds the audit trail with a wider action list. SQLite cannot change a CHECK constraint in
 * place, so the table is recreated and every entry copied unchanged: each hash in the chain
 * still verifies. Used by the migrations that add audit actions (0006, 0007); each passes the
 * complete list as it stood in its version, so a migration never changes after it shipped.
 */
export function rebuildAuditLog(db: Database.Database, actions: ReadonlyArray<string>): void {
  const list = actions.map((a) => `'${a}'`).join(', ');
  db.exec(`
    CREATE TABLE audit_log_next (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor_user_id INTEGER REFERENCES users(id),
      actor_login TEXT,
      action TEXT NOT NULL CHECK (action IN (${list})),
      cable_id INTEGER REFERENCES cables(id),
      detail TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(detail)),
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL UNIQUE
    ) STRICT;
    INSERT INTO audit_log_next SELECT seq, at, actor_user_id, actor_login, action, cable_id, detail, prev_hash, hash FROM audit_log;
    DROP TABLE audit_log;
    ALTER TABLE audit_log_next RENAME TO audit_log;
    CREATE INDEX audit_by_actor ON audit_log(actor_user_id, seq);
    CREATE INDEX audit_by_cable ON audit_log(cable_id, seq) WHERE cable_id IS NOT NULL;
    CREATE INDEX audit_by_action ON audit_log(action, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
  `);
}
