import { rebuildAuditLog } from './auditTable';
import type { Migration } from './types';

/**
 * Widens the audit trail's action list (directory edits, EXDIS designations). The table is
 * rebuilt with every entry copied unchanged (auditTable.ts).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'audit actions',
  up(db) {
    rebuildAuditLog(db, [
      ...['SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT', 'EXPORT', 'SEARCH'],
      ...['USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE'],
      ...['DIRECTORY_UPDATE', 'DESIGNATE'],
    ]);
  },
};
