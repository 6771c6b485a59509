import { userInfo } from 'node:os';
import type { AuditActor, AuditTrail } from '../../core/audit/auditTrail';
import { MAX_TAMPERED_ENTRIES, startVerifyRunAudit, type VerifyRunAudit } from '../../core/audit/verifyRun';
import type { Db } from '../../core/store/database';

/**
 * The audit of `cableroom verify` (issue 15): what the app's Integrity run writes
 * (core/audit/verifyRun.ts) — VERIFY at the start, a TAMPERED entry for each cable found
 * tampered (bounded), VERIFY with the summary or the error at the end — with channel 'cli' and
 * what was asked for (`refs`, or `all: true`).
 *
 * The actor: the CLI runs with the authority of whoever can open the database file, and no one
 * signs in. `--as LOGIN` names the account on whose behalf it verifies (as `import-bundle --as`);
 * without it the actor is the system's, { userId: null, login: null }. Either way the detail
 * carries the operating-system user (`osUser`), the one identity the CLI actually knows.
 */
export type VerifyScope = Readonly<{ refs: ReadonlyArray<string> } | { all: true }>;

/** The operating-system user running the CLI, or null when it cannot be read (no passwd entry). */
export function osUserName(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}

/** Writes the start entry and returns the writer of the rest. */
export function startVerifyAudit(
  db: Db,
  trail: AuditTrail,
  actor: AuditActor,
  scope: VerifyScope,
  maxTampered = MAX_TAMPERED_ENTRIES,
): VerifyRunAudit {
  const osUser = osUserName();
  return startVerifyRunAudit(
    db,
    trail,
    actor,
    { channel: 'cli', ...scope, ...(osUser !== null ? { osUser } : {}) },
    maxTampered,
  );
}
