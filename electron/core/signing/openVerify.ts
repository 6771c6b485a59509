import type { ChainView } from '../../domain/chain';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { RECORDED_AS_SIGNED } from './chainRecord';

/**
 * Opening a signed cable in the app (issue 15 item 2): the cable is answered at once with its
 * chain "verifying signatures…" (status VERIFYING), and the verdict follows once the answer is on
 * its way (services/cables.ts `open` and `verdict`): the chain is read in one query in which
 * SQLite writes the signed bytes (`readOneChain`) and checked on the main thread by
 * `verifyOneCable`, signatures already found valid remembered (`memoVerifier`).
 *
 * Why not worker threads: a chain has four signatures, 0.3 ms of Ed25519 on one core here, and
 * sending them to two warm workers and back took 0.5–0.6 ms on this 2-core machine (the bench
 * prints both beside the open). Handing off costs more than it spreads.
 */

/** Whether the cable is a signed one: it carries signatures, or the trail recorded it as signed. */
export function isSignedCable(db: Db, cableId: number): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM cables c WHERE c.id = ?
         AND (EXISTS (SELECT 1 FROM cable_signatures g WHERE g.cable_id = c.id) OR ${RECORDED_AS_SIGNED})`,
    ).get(cableId) !== undefined
  );
}

/** The chain shown while its verdict is pending: never VERIFIED, never silent about being unchecked. */
export const VERIFYING_CHAIN: ChainView = { status: 'VERIFYING', signatures: [], problems: [] };
