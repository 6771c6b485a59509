import type { SignerRole } from './canonical';
import type { Classification } from './classification';

/**
 * Verifying every signed cable from the app (issue 15 item 3; DOMAIN.md rules 23–24): what the
 * window is told of a run. Only failures on cables the person may read are listed, with what
 * failed; failures on other cables are a count (rule 18: nothing of them leaves main).
 */
export type IntegrityFailure = Readonly<{
  cableId: number;
  ref: string;
  classification: Classification;
  banner: string;
  status: 'TAMPERED';
  /** The signatures that do not verify, and why. */
  signatures: ReadonlyArray<Readonly<{ role: SignerRole; signer: string; signerName: string; problem: string }>>;
  /** Chain problems: a missing drafter, clearer or approver signature, a cable released signed and removed. */
  problems: ReadonlyArray<string>;
}>;

export type IntegritySummary = Readonly<{ cables: number; signatures: number; failed: number; seconds: number }>;

export type IntegrityRun = Readonly<{
  runId: number;
  /**
   * running; finished (summary set); cancelled by its owner (summary set: what was decided until
   * then, `done` of `total`); failed (error set: the run stopped, e.g. the database closed).
   */
  state: 'running' | 'finished' | 'cancelled' | 'failed';
  /** Signed cables decided so far, and how many there are. */
  done: number;
  total: number;
  /** Listed failures from the index asked for (`after`) on; `failuresListed` is how many there are in all. */
  failures: ReadonlyArray<IntegrityFailure>;
  failuresListed: number;
  /** Failures on cables the person may not read (or no longer in the database): a count only. */
  withheld: number;
  /** Failures past the list's cap, listed nowhere: a count only. */
  unlisted: number;
  summary: IntegritySummary | null;
  error: string | null;
}>;

/** Most failures a run lists; past that they are counted. */
export const MAX_LISTED_FAILURES = 1000;
