import { decideAccess } from '../../domain/access';
import {
  MAX_LISTED_FAILURES,
  type IntegrityFailure,
  type IntegrityRun,
  type IntegritySummary,
} from '../../domain/integrity';
import { bannerLine } from '../../domain/markings';
import type { AuditTrail } from '../audit/auditTrail';
import { startVerifyRunAudit, type VerifyRunAudit } from '../audit/verifyRun';
import { CableroomError } from '../errors';
import { verifyAllCables, type CableVerification } from '../signing/bulkVerify';
import { loadCableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { accessSubject, type Actor } from './actor';
import { readerObject } from './archive';
import { refusals } from './refusal';

/**
 * Verifying every signed cable from the app (issue 15 item 3; DOMAIN.md rules 23–24): the
 * instructor's or admin's run of what `cableroom verify --all` does, on all cores through
 * `verifyAllCables`, in the background; the window polls the run for its progress and the
 * failures found since it last asked (as the FRUS import is polled: import/importJobs.ts).
 *
 * Access stays in main (rule 18): a failure is listed — its ref, marking, the signatures that do
 * not verify and the chain's problems — only if `decideAccess` lets the person read the cable (the
 * reader's object, as opening it would: services/archive.ts); other failures are only counted.
 * Results are not kept: a verified cable is forgotten at once, and at most MAX_LISTED_FAILURES
 * failures are kept for the window, the rest counted. A run is audited as `cableroom verify` is
 * (audit/verifyRun.ts): VERIFY at its start and with its summary at its end, and each failure
 * TAMPERED on its cable's record (at most 1,000 a run); anyone else is refused (audited DENY). One
 * run at a time.
 *
 * The person who started a run may cancel it: the workers stop, what was decided until then is
 * its summary (state `cancelled`, audited at its end with `cancelled: true`), and a new run may
 * start at once. Cancelling another person's run is refused (DENY).
 */
export type IntegrityListener = Readonly<{
  /** A failure on a cable the person may read, as it is decided. */
  onFailure?(failure: IntegrityFailure): void;
  /** Cables decided so far: at most one call per PROGRESS_INTERVAL_MS, and always the last. */
  onProgress?(done: number, total: number): void;
}>;

export type IntegrityService = Readonly<{
  /** Starts a run (ACCESS_DENIED for all but instructors and admins; CONFLICT while one runs). */
  start(actor: Actor, channel: string, listener?: IntegrityListener): IntegrityRun;
  /** The run as it stands, with the listed failures from index `after` on (the starter's runs only). */
  status(actor: Actor, runId: number, after?: number): IntegrityRun;
  /** Resolves with the run once it has ended (the CLI, tests). */
  finished(actor: Actor, runId: number): Promise<IntegrityRun>;
  /**
   * Cancels the starter's own run and resolves with it once it has stopped: `cancelled`, or its
   * final state if it had already ended. All its failures so far are in the answer.
   */
  cancel(actor: Actor, runId: number): Promise<IntegrityRun>;
}>;

export type IntegrityOptions = Readonly<{
  /** Worker threads for the signatures; defaults to every core (verifyAllCables). */
  workers?: number;
  /** Cables read per batch (verifyAllCables' `rangeSize`): tests make runs of several batches. */
  rangeSize?: number;
  /**
   * TESTS ONLY: the verifier, instead of `verifyAllCables` (the e2e harness holds a run open
   * until it is cancelled). Nothing in the app passes it.
   */
  verifyAll?: typeof verifyAllCables;
}>;

/** Progress reported to a listener at most this often (≤ 10 a second). */
export const PROGRESS_INTERVAL_MS = 100;

/** Finished runs kept for polling; the oldest are forgotten first. */
const KEEP = 8;

type Run = {
  runId: number;
  ownerUserId: number;
  state: IntegrityRun['state'];
  done: number;
  total: number;
  failures: IntegrityFailure[];
  withheld: number;
  unlisted: number;
  summary: IntegritySummary | null;
  error: string | null;
  ended: Promise<void>;
  /** The owner's Cancel. */
  stop: AbortController;
};

const MAY_VERIFY = new Set<Actor['role']>(['instructor', 'admin']);

export function createIntegrityService(db: Db, trail: AuditTrail, options: IntegrityOptions = {}): IntegrityService {
  const refuse = refusals(db, trail);
  const runs = new Map<number, Run>();
  let nextId = 1;
  let running: Run | null = null;

  const mayVerify = (actor: Actor, what: string): void => {
    if (!MAY_VERIFY.has(actor.role)) {
      refuse(actor, {
        message: 'Only instructors and admins verify every signed cable.',
        detail: { what },
      });
    }
  };

  const snapshot = (run: Run, after = 0): IntegrityRun => ({
    runId: run.runId,
    state: run.state,
    done: run.done,
    total: run.total,
    failures: run.failures.slice(Math.max(0, after)),
    failuresListed: run.failures.length,
    withheld: run.withheld,
    unlisted: run.unlisted,
    summary: run.summary,
    error: run.error,
  });

  const ownRun = (actor: Actor, runId: number): Run => {
    const run = runs.get(runId);
    if (!run || run.ownerUserId !== actor.userId)
      throw new CableroomError('NOT_FOUND', `No verification run ${runId}.`);
    return run;
  };

  /** The failure as the person may be told of it, or null when they may not read the cable. */
  const readableFailure = (actor: Actor, r: CableVerification): IntegrityFailure | null => {
    const record = loadCableRecord(db, r.cableId);
    // Removed from the database (released signed, then deleted): nothing to decide access on.
    if (!record) return null;
    if (!decideAccess(accessSubject(actor), readerObject(db, record)).allowed) return null;
    const { cable } = record;
    return {
      cableId: r.cableId,
      ref: r.ref,
      classification: cable.classification,
      banner: bannerLine(cable.classification, cable.dissem, cable.rel_to),
      status: 'TAMPERED',
      signatures: r.signatures
        .filter((s) => !s.verified)
        .map((s) => ({
          role: s.role,
          signer: s.signer,
          signerName: s.signerName,
          problem: s.problem ?? 'does not verify',
        })),
      problems: [...r.problems],
    };
  };

  async function execute(run: Run, actor: Actor, audited: VerifyRunAudit, listener: IntegrityListener): Promise<void> {
    let lastProgress = -Infinity;
    const verify = options.verifyAll ?? verifyAllCables;
    try {
      const summary = await verify(db, {
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        ...(options.rangeSize !== undefined ? { rangeSize: options.rangeSize } : {}),
        signal: run.stop.signal,
        onCable: (r) => {
          audited.decided(r);
          if (r.status === 'VERIFIED') return;
          const failure = readableFailure(actor, r);
          if (!failure) run.withheld += 1;
          else if (run.failures.length >= MAX_LISTED_FAILURES) run.unlisted += 1;
          else {
            run.failures.push(failure);
            listener.onFailure?.(failure);
          }
        },
        onProgress: (done, total) => {
          run.done = done;
          run.total = total;
          const now = performance.now();
          if (done === total || now - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = now;
            listener.onProgress?.(done, total);
          }
        },
      });
      run.summary = {
        cables: summary.cables,
        signatures: summary.signatures,
        failed: summary.failed,
        seconds: Math.round(summary.seconds * 1000) / 1000,
      };
      run.done = summary.cables;
      if (summary.cancelled) {
        // Cancelled: what was decided, of the cables there were.
        run.total = Math.max(run.total, summary.cables);
        run.state = 'cancelled';
        audited.finished(summary, { total: run.total });
      } else {
        run.total = summary.cables;
        run.state = 'finished';
        audited.finished(summary);
      }
    } catch (e) {
      run.state = 'failed';
      run.error =
        e instanceof CableroomError ? e.message : `Verification stopped: ${(e as Error).message ?? String(e)}`;
      // A database closed under the run has no trail to write to (`stopped` writes nothing then).
      audited.stopped(run.error);
    } finally {
      if (running === run) running = null;
    }
  }

  return {
    start(actor, channel, listener = {}) {
      mayVerify(actor, 'verify every signed cable');
      if (running) {
        throw new CableroomError(
          'CONFLICT',
          'A verification of every signed cable is already running; wait for it to finish, or cancel it.',
        );
      }
      const audited = startVerifyRunAudit(db, trail, { userId: actor.userId, login: actor.login }, { channel });
      const run: Run = {
        runId: nextId++,
        ownerUserId: actor.userId,
        state: 'running',
        done: 0,
        total: 0,
        failures: [],
        withheld: 0,
        unlisted: 0,
        summary: null,
        error: null,
        ended: Promise.resolve(),
        stop: new AbortController(),
      };
      running = run;
      runs.set(run.runId, run);
      for (const [id, r] of runs) {
        if (runs.size <= KEEP) break;
        if (r.state !== 'running') runs.delete(id);
      }
      // On a later turn: the start's answer goes out before the first batch is read.
      run.ended = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        execute(run, actor, audited, listener),
      );
      return snapshot(run);
    },
    status(actor, runId, after = 0) {
      // The router reads the user again on every call: a role taken away applies at once.
      mayVerify(actor, 'verification progress');
      return snapshot(ownRun(actor, runId), after);
    },
    async finished(actor, runId) {
      const run = ownRun(actor, runId);
      await run.ended;
      return snapshot(run);
    },
    async cancel(actor, runId) {
      mayVerify(actor, 'cancel a verification');
      const run = runs.get(runId);
      if (!run) throw new CableroomError('NOT_FOUND', `No verification run ${runId}.`);
      if (run.ownerUserId !== actor.userId) {
        refuse(actor, {
          message: 'Only the person who started a verification may cancel it.',
          detail: { what: 'cancel a verification', runId },
        });
      }
      // A run that has ended keeps its state: the signal then changes nothing.
      run.stop.abort();
      await run.ended;
      return snapshot(run);
    },
  };
}
