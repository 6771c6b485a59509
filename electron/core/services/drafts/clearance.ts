import { clearanceName, encodeContent, signedMessage } from '../../../domain/canonical';
import type { Draft, DraftState, DraftView } from '../../../domain/draft';
import { insertDraftSignature, setDraftState, voidDraftSignatures } from '../../store/draftsRepository';
import type { Actor } from '../actor';
import type { DraftsService } from '../drafts';
import { drafterProblems, labelProblem } from './authority';
import { bad, mustHaveNoErrors, requiredCleared, type Desk } from './desk';
import { signAs, signatureHeader } from './signing';
import { draftView, findingsOf } from './view';

/**
 * The clearance chain up to approval (DOMAIN.md rule 23; issue 13): the drafter signs and sends
 * the draft to its clearers, each clearer clears (signs) or refuses with a comment. Every act is
 * checked against release authority first and refused, audited, when it may not happen.
 */
export function clearanceSteps(desk: Desk): Pick<DraftsService, 'submit' | 'clear' | 'refuse'> {
  const { db, audit, who, row, body } = desk;

  /** The actor clears (or refuses) line `i`: its clearer, who may hold the draft; audited DENY otherwise. */
  const mayClear = (actor: Actor, id: number, d: Draft, i: number, what: string): void => {
    if (!desk.isClearer(actor, d, i)) {
      desk.refuse(actor, {
        message: 'You are not the clearer of this line.',
        detail: { draft: id, what, clearance: i, reason: 'NOT_CLEARER' },
      });
    }
    const label = labelProblem(actor, d, `clearers[${i}]`, true);
    if (label) desk.refuseWith(actor, id, what, label);
  };

  /**
   * The drafter's or a clearer's signature (rule 23): unseal the key, then in one transaction
   * check the revision, sign the canonical bytes with the role, record it, move the draft on and
   * audit it (SIGN for the drafter, CLEAR for a clearer).
   */
  const signStep = (
    actor: Actor,
    passphrase: string,
    step: { id: number; revision: number; draft: Draft; clearanceIndex: number | null },
    advance: (now: string) => void,
  ): Promise<DraftView> => {
    const { id, revision, draft: d, clearanceIndex } = step;
    const role = clearanceIndex === null ? 'DRAFTER' : 'CLEARER';
    const c = clearanceIndex === null ? null : d.clearers[clearanceIndex]!;
    const clearance = c ? { for: clearanceName(c), kind: c.kind } : null;
    return signAs(desk, actor, passphrase, { draft: id, role, clearance: clearanceIndex }, (sign, fingerprint, keyId) =>
      db.transaction(() => {
        desk.current(row(id), revision);
        const header = signatureHeader(desk, actor, role, fingerprint, clearance, null);
        const signature = sign(signedMessage(header, encodeContent(d)));
        const now = desk.clock.now().toISOString();
        insertDraftSignature(db, {
          draftId: id,
          revision,
          role,
          clearanceIndex,
          decision: 'SIGNED',
          comment: null,
          signerUserId: actor.userId,
          keyId,
          signature,
          at: now,
        });
        advance(now);
        audit.append({
          actor: who(actor),
          action: role === 'DRAFTER' ? 'SIGN' : 'CLEAR',
          detail: {
            draft: id,
            revision,
            role,
            ...(clearance ? { clearance: clearance.for, kind: clearance.kind } : {}),
            key: fingerprint,
          },
        });
        return draftView(desk, actor, row(id));
      })(),
    );
  };

  return {
    async submit(actor, id, revision, passphrase) {
      const r = row(id);
      if (r.owner_user_id !== actor.userId) {
        desk.refuse(actor, {
          message: 'Only the drafter signs the draft.',
          detail: { draft: id, what: 'submit', reason: 'NOT_DRAFTER' },
        });
      }
      if (r.state !== 'DRAFTING') throw bad('The draft is already signed and in clearance.');
      desk.current(r, revision);
      const d = body(r);
      // Release authority (issue 13): originator, clearances, the approver's authority, the signature line.
      const [problem] = drafterProblems(db, actor, d, true);
      if (problem) desk.refuseWith(actor, id, 'submit', problem);
      mustHaveNoErrors(findingsOf(db, r, d));
      if (d.drafters[0] !== desk.personKey(actor.personId)) {
        desk.refuse(actor, {
          code: 'BAD_REQUEST',
          message: 'The first drafter named is the one who signs; that is not you.',
          detail: { draft: id, what: 'submit', reason: 'NOT_FIRST_DRAFTER' },
        });
      }
      const next: DraftState = d.clearers.some((c) => c.kind !== 'INFO') ? 'IN_CLEARANCE' : 'AWAITING_APPROVAL';
      return signStep(actor, passphrase, { id, revision, draft: d, clearanceIndex: null }, (now) => {
        // A new submission asks the clearers again: earlier refusals no longer stand (they stay in the audit trail).
        voidDraftSignatures(db, id, now, 'REFUSED');
        setDraftState(db, id, next, null, now);
      });
    },

    async clear(actor, id, revision, i, passphrase) {
      const r = desk.readable(actor, id, 'clear');
      const d = body(r);
      if (r.state !== 'IN_CLEARANCE') throw bad('The draft is not in clearance.');
      desk.current(r, revision);
      mayClear(actor, id, d, i, 'clear');
      return signStep(actor, passphrase, { id, revision, draft: d, clearanceIndex: i }, (now) => {
        if (requiredCleared(d, desk.signatures(id, revision))) setDraftState(db, id, 'AWAITING_APPROVAL', null, now);
      });
    },

    refuse(actor, id, revision, i, comment) {
      const r = desk.readable(actor, id, 'refuse');
      const d = body(r);
      if (r.state !== 'IN_CLEARANCE') throw bad('The draft is not in clearance.');
      desk.current(r, revision);
      mayClear(actor, id, d, i, 'refuse');
      if (comment.trim().length === 0)
        throw bad('Say why you refuse clearance: the drafter needs to know what to fix.');
      return db.transaction(() => {
        const now = desk.clock.now().toISOString();
        insertDraftSignature(db, {
          draftId: id,
          revision,
          role: 'CLEARER',
          clearanceIndex: i,
          decision: 'REFUSED',
          comment: comment.trim(),
          signerUserId: actor.userId,
          keyId: null,
          signature: null,
          at: now,
        });
        setDraftState(db, id, 'DRAFTING', `Clearance refused by ${actor.displayName}: ${comment.trim()}`, now);
        // The refusal returns the draft: the drafter's signature no longer stands.
        voidDraftSignatures(db, id, now, 'SIGNED');
        audit.append({
          actor: who(actor),
          action: 'REFUSE',
          detail: { draft: id, revision, clearance: clearanceName(d.clearers[i]!), comment: comment.trim() },
        });
        return draftView(desk, actor, row(id));
      })();
    },
  };
}
