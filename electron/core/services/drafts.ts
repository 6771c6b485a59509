import type { EraProfile } from '../../domain/cable';
import type { ComposerDirectory, DraftSummary, DraftView, RuleFinding } from '../../domain/draft';
import type { AuditTrail } from '../audit/auditTrail';
import { createCoreClock, type Clock } from '../clock';
import type { Db } from '../store/database';
import type { ApprovalKind } from '../store/draftsRepository';
import type { Actor } from './actor';
import { clearanceSteps } from './drafts/clearance';
import { composeSteps } from './drafts/compose';
import { createDesk } from './drafts/desk';
import { releaseSteps } from './drafts/release';

/**
 * The drafting desk (issue 5; DOMAIN.md §1.11, rules 19, 23, 24): drafts that autosave, the rule
 * checker on every read, and the clearance chain — the drafter signs, each clearer clears or
 * refuses, the approver signs and releases. Every signature is Ed25519 over the canonical bytes
 * of the draft at its current revision (electron/domain/canonical.ts); any change of content
 * bumps the revision and voids every signature made so far (rule 23).
 */
export type DraftsService = Readonly<{
  list(actor: Actor): DraftSummary[];
  create(actor: Actor, options: { profile?: EraProfile | undefined; replyTo?: number | undefined }): DraftView;
  get(actor: Actor, id: number): DraftView;
  /** Autosave. `revision` is the one the editor started from; a stale one gets CONFLICT. */
  save(actor: Actor, id: number, revision: number, draft: unknown): DraftView;
  /**
   * The drafter signs and sends the draft to its clearers (or straight to the approver). Signing
   * checks the passphrase off the main thread, under the sign-in throttle (issue 13 item 7).
   */
  submit(actor: Actor, id: number, revision: number, passphrase: string): Promise<DraftView>;
  clear(actor: Actor, id: number, revision: number, clearanceIndex: number, passphrase: string): Promise<DraftView>;
  refuse(actor: Actor, id: number, revision: number, clearanceIndex: number, comment: string): DraftView;
  /** The approver signs; the cable is released (transmitted) in the same transaction. */
  approve(actor: Actor, id: number, revision: number, passphrase: string): Promise<DraftView>;
  discard(actor: Actor, id: number): void;
  /** An instructor's explicit, audited permission to go below a referenced cable's label (rule 19). */
  authorizeDowngrade(actor: Actor, id: number, reason: string): DraftView;
  /** Posts, collectives and people for the composer's pickers. */
  composerDirectory(actor: Actor): ComposerDirectory;
  /** The rule checker over any draft document (CLI `draft check`). */
  check(draft: unknown): RuleFinding[];
  /**
   * Records (or, with null, revokes) a user's approval authority at the user's post: a deputy or
   * an officer the principal designated (docs/RULES.md). The post's principal, or an instructor
   * or admin, decides; trainees never hold it. Audited DESIGNATE.
   */
  setApprovalAuthority(actor: Actor, login: string, authority: ApprovalKind | null, now?: Date): void;
}>;

export { mrnStation } from './drafts/release';

/**
 * The drafting desk, one module per step (issue 13 item 13): `drafts/compose.ts` (list, create,
 * read, autosave, discard, downgrade, pickers, check), `drafts/clearance.ts` (the drafter's
 * signature, clear, refuse), `drafts/release.ts` (approve and release, approval authority). They
 * share `drafts/desk.ts` (the stored draft, who stands where in its chain, who may read it) and
 * check release authority with `drafts/authority.ts`; all SQL is in `store/draftsRepository.ts`.
 */
export function createDraftsService(db: Db, audit: AuditTrail, clock: Clock = createCoreClock(db)): DraftsService {
  const desk = createDesk(db, audit, clock);
  return { ...composeSteps(desk), ...clearanceSteps(desk), ...releaseSteps(desk) };
}
