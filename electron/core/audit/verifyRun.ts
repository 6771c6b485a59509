import type { ChainView } from '../../domain/chain';
import { MAX_LISTED_FAILURES } from '../../domain/integrity';
import type { CableVerification, VerifyAllSummary } from '../signing/bulkVerify';
import type { Db } from '../store/database';
import type { AuditActor, AuditTrail } from './auditTrail';

/**
 * What a verification of signature chains writes to the audit trail (rules 23–24, issue 15), the
 * same from the app (opening a cable: services/cables.ts; the Integrity screen:
 * services/integrity.ts) and from the CLI (`cableroom verify`):
 *
 * - a chain that does not verify: TAMPERED on its cable, with the chain's problems and the
 *   signatures that fail (`tamperedDetail`);
 * - a run over many cables: VERIFY at its start, the TAMPERED entries of the cables it finds, at
 *   most MAX_TAMPERED_ENTRIES (a damaged archive of a million cables must not flood the trail; the
 *   end entry counts the rest, `tamperedUnrecorded`), and VERIFY at its end with the summary
 *   (`cancelled` when it was), or with what stopped it.
 */
export const MAX_TAMPERED_ENTRIES = MAX_LISTED_FAILURES;

/** The detail of a TAMPERED entry: where it was found, the chain's problems, what fails. */
export function tamperedDetail(channel: string, chain: ChainView): Record<string, unknown> {
  return {
    channel,
    problems: chain.problems,
    failed: chain.signatures
      .filter((s) => !s.verified)
      .map((s) => ({ role: s.role, signer: s.signer, problem: s.problem })),
  };
}

export type VerifyRunAudit = Readonly<{
  /** A cable as it is decided: TAMPERED is recorded (up to the bound). */
  decided(result: CableVerification): void;
  /** The run finished or was cancelled: its summary, and anything the caller adds. */
  finished(summary: VerifyAllSummary, extra?: Record<string, unknown>): void;
  /** The run stopped on an error or a signal: what stopped it. Nothing if the database is closed. */
  stopped(error: string): void;
  /** Cables decided so far. */
  readonly count: number;
}>;

/**
 * Writes a run's start entry and returns the writer of the rest. `base` is in every VERIFY entry
 * of the run (its channel, what was asked for, who ran it); TAMPERED entries carry its channel.
 */
export function startVerifyRunAudit(
  db: Db,
  trail: AuditTrail,
  actor: AuditActor,
  base: Readonly<{ channel: string } & Record<string, unknown>>,
  maxTampered = MAX_TAMPERED_ENTRIES,
): VerifyRunAudit {
  const cableExists = db.prepare('SELECT 1 FROM cables WHERE id = ?').pluck();
  let decided = 0;
  let recorded = 0;
  let unrecorded = 0;
  let ended = false;
  const unrecordedCount = () => (unrecorded > 0 ? { tamperedUnrecorded: unrecorded } : {});
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
        detail: { ...tamperedDetail(base.channel, r), ...(present ? {} : { removedCableId: r.cableId }) },
      });
    },
    finished(s, extra = {}) {
      ended = true;
      trail.append({
        actor,
        action: 'VERIFY',
        detail: {
          ...base,
          phase: 'end',
          ...(s.cancelled ? { cancelled: true } : {}),
          cables: s.cables,
          signatures: s.signatures,
          failed: s.failed,
          seconds: Math.round(s.seconds * 1000) / 1000,
          ...extra,
          ...unrecordedCount(),
        },
      });
    },
    stopped(error) {
      if (ended || !db.open) return;
      ended = true;
      trail.append({
        actor,
        action: 'VERIFY',
        detail: { ...base, phase: 'end', error, decided, ...unrecordedCount() },
      });
    },
  };
}
