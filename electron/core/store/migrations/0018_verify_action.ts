import { rebuildAuditLog } from './auditTable';
import type { Migration } from './types';

/**
 * The VERIFY audit action (issue 15 item 3): verifying every signed cable from the app is a
 * privileged action, audited when it starts and with its summary when it ends
 * (services/integrity.ts). The trail is rebuilt as in 0012, every entry copied unchanged, and
 * 0009's `audit_by_cable_action` index made again (rebuildAuditLog makes only 0004's).
 */
export const migration0018: Migration = {
  version: 18,
  name: 'verify action',
  up(db) {
    rebuildAuditLog(db, [
      ...['SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT', 'EXPORT', 'SEARCH'],
      ...['USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE'],
      ...['DIRECTORY_UPDATE', 'DESIGNATE', 'SIGN', 'REFUSE', 'SIGN_FAILED', 'DOWNGRADE', 'TAMPERED'],
      ...['KEY_CREATE', 'KEY_ROTATE', 'IMPORT'],
      ...['AUDIT_ANCHOR', 'SIGNATURE_CHAIN', 'APPROVAL_DESIGNATE', 'INSTALL'],
      ...['EXERCISE_START', 'EXERCISE_PAUSE', 'EXERCISE_RESUME', 'EXERCISE_RATE', 'EXERCISE_SHIFT'],
      ...['EXERCISE_TRIGGER', 'EXERCISE_SKIP', 'EXERCISE_END', 'EXERCISE_INJECT', 'EXERCISE_DEBRIEF'],
      'VERIFY',
    ]);
    db.exec('CREATE INDEX audit_by_cable_action ON audit_log(cable_id, action) WHERE cable_id IS NOT NULL');
  },
};
