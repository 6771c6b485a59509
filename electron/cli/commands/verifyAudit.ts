import { userInfo } from 'node:os';
import { MAX_LISTED_FAILURES } from '../../domain/integrity';
import type { AuditActor, AuditTrail } from '../../core/audit/auditTrail';
import type { CableVerification, VerifyAllSummary } from '../../core/signing/bulkVerify';
import type { Db } from '../../core/store/database';

/**
 * The audit of `cableroom verify` (issue 15): the entries the app's Integrity run writes
 * (services/integrity.ts) — VERIFY at the start, and VERIFY with the summary, or the error, at
 * the end — with channel 'cli' and what was asked for (`refs`, or `all: true`). A cable found
 * TAMPERED is also recorded on its own (TAMPERED, with its problems and the signatures that fail,
 * as opening it in the app records it: services/cables.ts auditTampered), so that the cable's own
 * history shows it; at most MAX_TAMPERED_ENTRIES of them per run, so a damaged archive of a
 * million cables cannot flood the trail: the end entry counts the rest (`tamperedUnrecorded`).
 *
 * The actor: the CLI runs with the authority of whoever can open the database file, and no one
 * signs in. `--as LOGIN` names the account on whose behalf it verifies (as `import-bundle --as`);
 * without it the actor is the system's, { userId: null, login: null }. Either way the detail
 * carries the operating-system user (`osUser`), the one identity the CLI actually knows.
 */
export const MAX_TAMPERED_ENTRIES = MAX_LISTED_FAILURES;

export type VerifyScope = Readonly<{ refs: ReadonlyArray<string> } | { all: true }>;

export type VerifyAudit = Readonly<{
  /** A cable as it is decided: TAMPERED is recorded (up to the bound). */
  decided(result: CableVerification): void;
  /** The run finished: the summary. */
  finished(summary: VerifyAllSummary): void;
  /** The run stopped on an error or a signal: what stopped it. Nothing if the database is closed. */
  stopped(error: string): void;
  /** Cables decided so far. */
  readonly count: number;
}>;

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
): VerifyAudit {
  const osUser = osUserName();
  const base = { channel: 'cli', ...scope, ...(osUser !== null ? { osUser } : {}) };
  const cableExists = db.prepare('SELECT 1 FROM cables WHERE id = ?').pluck();
  let decided = 0;
  let recorded = 0;
  let unrecorded = 0;
  let ended = false;
  trail.append({ actor, action: 'VERIFY', detail: { ...base, phase: 'start' } });
  return {
    get count() {
      return decided;
    },
    decided(r) {
      decided++;
      if (r.status !== 'TAMPERED') return;
      if (recorded >= maxTampered) {
        unrecorded++;
        return;
      }
      recorded++;
      // A cable released signed and since removed has no row for the entry to point to.
      const present = cableExists.get(r.cableId) !== undefined;
      trail.append({
        actor,
        action: 'TAMPERED',
        ...(present ? { cableId: r.cableId } : {}),
        detail: {
          channel: 'cli',
          ...(present ? {} : { removedCableId: r.cableId }),
          problems: r.problems,
          failed: r.signatures
            .filter((s) => !s.verified)
            .map((s) => ({ role: s.role, signer: s.signer, problem: s.problem })),
        },
      });
    },
    finished(s) {
      ended = true;
      trail.append({
        actor,
        action: 'VERIFY',
        detail: {
          ...base,
          phase: 'end',
          cables: s.cables,
          signatures: s.signatures,
          failed: s.failed,
          seconds: Math.round(s.seconds * 1000) / 1000,
          ...(unrecorded > 0 ? { tamperedUnrecorded: unrecorded } : {}),
        },
      });
    },
    stopped(error) {
      if (ended || !db.open) return;
      ended = true;
      trail.append({
        actor,
        action: 'VERIFY',
        detail: {
          ...base,
          phase: 'end',
          error,
          decided,
          ...(unrecorded > 0 ? { tamperedUnrecorded: unrecorded } : {}),
        },
      });
    },
  };
}
