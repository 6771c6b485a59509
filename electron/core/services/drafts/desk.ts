import type { Draft, RuleFinding } from '../../../domain/draft';
import { hasErrors } from '../../../domain/rules';
import { draftSchema } from '../../../contract/draft';
import type { AuditActor, AuditTrail } from '../../audit/auditTrail';
import type { Clock } from '../../clock';
import { CableroomError } from '../../errors';
import type { Db } from '../../store/database';
import {
  draftRow,
  draftSignatures,
  officeCodeOf,
  personKeyOf,
  type DraftRow,
  type DraftSignatureRow,
} from '../../store/draftsRepository';
import type { Actor } from '../actor';
import { refusals, type Refuse } from '../refusal';
import { labelDecision, labelProblem, type AuthorityProblem } from './authority';

/**
 * What every step of the drafting desk shares (compose, clearance, release): the draft as stored,
 * who stands where in its chain, who may read it, and the one way to refuse (audited DENY).
 */
export type Desk = Readonly<{
  db: Db;
  audit: AuditTrail;
  /** The times a draft records — edits, signatures, the release's DTG and MRN year (issue 10). */
  clock: Clock;
  refuse: Refuse;
  /** Refuses an act on a draft with a release-authority problem (audited DENY). */
  refuseWith(actor: Actor, id: number, what: string, p: AuthorityProblem): never;
  who(a: Actor): AuditActor;
  /** The draft, unless it does not exist or was discarded (NOT_FOUND). */
  row(id: number): DraftRow;
  body(r: DraftRow): Draft;
  /** The standing signatures and refusals of a revision. */
  signatures(draftId: number, revision: number): DraftSignatureRow[];
  personKey(personId: number): string;
  /** May this actor act as clearer number `i` of the draft? A named person, or anyone of the named office. */
  isClearer(actor: Actor, d: Draft, i: number): boolean;
  isApprover(actor: Actor, d: Draft): boolean;
  /** Instructors and admins oversee every draft (within their clearance). */
  overseer(actor: Actor): boolean;
  /** Why the actor may not read the draft (a DENY reason), or null. */
  readRefusal(actor: Actor, r: DraftRow, d: Draft): string | null;
  /** The draft, if the actor may read it; an audited ACCESS_DENIED naming `what` was refused otherwise. */
  readable(actor: Actor, id: number, what: string): DraftRow;
  /** CONFLICT unless the draft is still at the revision the person acted on. */
  current(r: DraftRow, revision: number): void;
}>;

export const bad = (message: string): CableroomError => new CableroomError('BAD_REQUEST', message);

/** RULE_VIOLATION while any rule error stands (submit and approve). */
export function mustHaveNoErrors(findings: ReadonlyArray<RuleFinding>): void {
  if (hasErrors(findings)) {
    const errors = findings.filter((f) => f.severity === 'error');
    const first = errors[0]!;
    throw new CableroomError(
      'RULE_VIOLATION',
      `${errors.length} rule error(s) stand; the first: rule ${first.rule} (${first.field}): ${first.message}`,
    );
  }
}

/** Every CLEAR and SUBST clearer has signed (INFO clearers are informed, not asked; rule 23). */
export function requiredCleared(d: Draft, sigs: ReadonlyArray<DraftSignatureRow>): boolean {
  return d.clearers.every(
    (c, i) =>
      c.kind === 'INFO' || sigs.some((s) => s.role === 'CLEARER' && s.clearance_index === i && s.decision === 'SIGNED'),
  );
}

export function createDesk(db: Db, audit: AuditTrail, clock: Clock): Desk {
  const refuse = refusals(db, audit);
  const personKey = (personId: number): string => personKeyOf(db, personId) ?? '';
  const body = (r: DraftRow): Draft => draftSchema.parse(JSON.parse(r.body));
  const row = (id: number): DraftRow => {
    const r = draftRow(db, id);
    if (!r) throw new CableroomError('NOT_FOUND', `No draft ${id}.`);
    return r;
  };
  const isClearer = (actor: Actor, d: Draft, i: number): boolean => {
    const c = d.clearers[i];
    if (!c) return false;
    if (c.person) return c.person === personKey(actor.personId);
    if (!c.office || actor.post.plad !== c.office.station || actor.officeId === null) return false;
    return officeCodeOf(db, actor.officeId) === c.office.code;
  };
  const isApprover = (actor: Actor, d: Draft): boolean =>
    d.approver !== null && d.approver === personKey(actor.personId);
  const overseer = (actor: Actor): boolean => actor.role === 'instructor' || actor.role === 'admin';
  /**
   * The drafter reads their own draft; clearers, the approver and the overseers only within their
   * clearance — the draft's classification and dissemination controls (issue 13 item 2; rules 18,
   * 20), whatever the role.
   */
  const readRefusal = (actor: Actor, r: DraftRow, d: Draft): string | null => {
    if (r.owner_user_id === actor.userId) return null;
    if (!overseer(actor) && !isApprover(actor, d) && !d.clearers.some((_, i) => isClearer(actor, d, i)))
      return 'NOT_IN_CHAIN';
    const label = labelDecision(actor, d);
    return label.allowed ? null : label.reason;
  };

  return {
    clock,
    db,
    audit,
    refuse,
    refuseWith: (actor, id, what, p) =>
      refuse(actor, {
        code: p.code,
        message: p.message,
        detail: { draft: id, what, reason: p.reason, field: p.field },
      }),
    who: (a) => ({ userId: a.userId, login: a.login }),
    row,
    body,
    signatures: (draftId, revision) => draftSignatures(db, draftId, revision),
    personKey,
    isClearer,
    isApprover,
    overseer,
    readRefusal,
    readable(actor, id, what) {
      const r = row(id);
      const d = body(r);
      const why = readRefusal(actor, r, d);
      if (why !== null) {
        refuse(actor, {
          message:
            why === 'NOT_IN_CHAIN'
              ? 'This draft is not yours, and you are not among its clearers or its approver.'
              : (labelProblem(actor, d, 'classification', true)?.message ?? 'This draft is above what you may read.'),
          detail: { draft: id, what, reason: why },
        });
      }
      return r;
    },
    current(r, revision) {
      if (r.revision !== revision) {
        throw new CableroomError(
          'CONFLICT',
          `The draft changed since you opened it (revision ${revision}, now ${r.revision}). Reload it before you act.`,
        );
      }
    },
  };
}
