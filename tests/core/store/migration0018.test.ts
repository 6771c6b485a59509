import { describe, expect, test } from 'vitest';
import { appendAuditEntry, createAuditTrail } from '../../../electron/core/audit/auditTrail';
import { migrate } from '../../../electron/core/store/database';
import { MIGRATIONS } from '../../../electron/core/store/migrations';
import { rebuildAuditLog } from '../../../electron/core/store/migrations/auditTable';
import { AUDIT_ACTIONS } from '../../../electron/domain/audit';
import { emptyDb } from '../../support/tempCore';

/** Migration 0018 (issue 15 item 3): the audit trail accepts VERIFY; every older entry is kept. */
describe('migration 0018: the VERIFY audit action', () => {
  test('runs on a version-17 trail: entries kept byte for byte, the chain verifies, VERIFY accepted', () => {
    const { db, dispose } = emptyDb();
    try {
      // Back to the trail as 0017 left it: every action but VERIFY.
      db.pragma('foreign_keys = OFF');
      rebuildAuditLog(
        db,
        AUDIT_ACTIONS.filter((a) => a !== 'VERIFY'),
      );
      db.exec('CREATE INDEX audit_by_cable_action ON audit_log(cable_id, action) WHERE cable_id IS NOT NULL');
      db.pragma('foreign_keys = ON');
      db.pragma('user_version = 17');
      const system = { userId: null, login: null };
      appendAuditEntry(db, { actor: system, action: 'INSTALL', detail: { installation: 'demo' } });
      expect(() => appendAuditEntry(db, { actor: system, action: 'VERIFY', detail: {} })).toThrow(/CHECK/);
      const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();

      migrate(db, 18, MIGRATIONS);
      expect(db.pragma('user_version', { simple: true })).toBe(18);
      expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
      appendAuditEntry(db, { actor: system, action: 'VERIFY', detail: { phase: 'start' } });
      expect(createAuditTrail(db).verify()).toMatchObject({ ok: true });
      expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
      const indexes = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'audit_log' AND sql IS NOT NULL ORDER BY name",
        )
        .pluck()
        .all();
      expect(indexes).toEqual(['audit_by_action', 'audit_by_actor', 'audit_by_cable', 'audit_by_cable_action']);
      expect(MIGRATIONS.find((m) => m.version === 18)?.name).toBe('verify action');
    } finally {
      dispose();
    }
  });
});
