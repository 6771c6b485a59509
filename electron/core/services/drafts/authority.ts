import { decideAccess } from '../../../domain/access';
import { classificationWords } from '../../../domain/classification';
import type { Draft, RuleFinding } from '../../../domain/draft';
import type { ErrorCode } from '../../../contract/errors';
import type { Db } from '../../store/database';
import { prepared } from '../../store/statements';
import { officeId, personByKey, stationByPlad, userByLogin } from '../../store/directoryRepository';
import { approvalAuthorityOf, loginOfPerson, loginOfUser } from '../../store/draftsRepository';
import { accessSubject, actorFromRow, type Actor } from '../actor';

/**
 * Release authority (issue 13; DOMAIN.md rules 18, 20, 23, 24; docs/RULES.md "Release authority"):
 * who may put a post's name on a cable, draft it, clear it, approve it and sign it. These are
 * checks on people, so they live in core beside the directory, not in the pure rule checker; the
 * drafting service refuses (audited) with the first problem, and the composer shows them all
 * beside their fields as findings.
 */
export type AuthorityReason = 'ORIGINATOR' | 'CLEARANCE' | 'APPROVAL_AUTHORITY' | 'SIGNATURE';

export type AuthorityProblem = Readonly<{
  reason: AuthorityReason;
  code: ErrorCode;
  /** DOMAIN.md §8(b) rule number shown with the finding. */
  rule: number;
  /** The draft field the composer shows the problem beside. */
  field: string;
  message: string;
}>;

const problem = (
  reason: AuthorityReason,
  rule: number,
  field: string,
  message: string,
  code: ErrorCode = 'ACCESS_DENIED',
): AuthorityProblem => ({ reason, code, rule, field, message });

export function actorByLogin(db: Db, login: string | undefined): Actor | undefined {
  const row = login === undefined ? undefined : userByLogin(db, login);
  return row ? actorFromRow(row) : undefined;
}

/** The signed-in form of a directory person, if the person has an account. */
export const actorOfPerson = (db: Db, personKey: string): Actor | undefined =>
  actorByLogin(db, loginOfPerson(db, personKey));

export const actorOfUser = (db: Db, userId: number): Actor | undefined => actorByLogin(db, loginOfUser(db, userId));

/**
 * Whether a person may hold the draft: the person's clearance dominates its classification and
 * its dissemination controls (rule 18 no read up; rule 20 NOFORN and REL TO). The one access
 * decision (domain/access.ts) is asked with the draft's label alone.
 */
export function labelDecision(a: Actor, d: Draft) {
  return decideAccess(accessSubject(a), {
    classification: d.classification,
    captions: [],
    dissem: d.dissem,
    relTo: d.relTo,
    categories: [],
    deliveries: [],
    origin: { stationId: a.stationId, personIds: [], officeIds: [] },
  });
}

/** `null` when `a` may hold the draft; otherwise the problem, told to `a` (`self`) or about `a`. */
export function labelProblem(a: Actor, d: Draft, field: string, self: boolean): AuthorityProblem | null {
  const decision = labelDecision(a, d);
  if (decision.allowed) return null;
  if (decision.reason === 'CLEARANCE') {
    return problem(
      'CLEARANCE',
      18,
      field,
      `${self ? 'Your' : `${a.displayName}’s`} clearance (${a.clearance.replace('_', ' ')}) does not reach this draft's ${classificationWords(d.classification)}: drafter, clearers and approver must all be cleared for it (rule 18).`,
    );
  }
  return problem(
    'CLEARANCE',
    20,
    field === 'classification' ? 'dissem' : field,
    `${self ? 'You' : a.displayName} may not hold this draft: ${decision.explanation} Drafter, clearers and approver must all be eligible (rule 20).`,
  );
}

/** The originator is the drafter's own post, or an office of it. */
export function originatorProblem(db: Db, drafter: Actor, d: Draft, self: boolean): AuthorityProblem | null {
  const post = drafter.post.plad;
  if (d.originator.plad !== post) {
    return problem(
      'ORIGINATOR',
      23,
      'originator',
      `${self ? 'You draft' : `${drafter.displayName} drafts`} for ${post} (or an office of it); a cable "FM ${d.originator.plad}" must be drafted there.`,
    );
  }
  const office = d.originator.office;
  if (office !== undefined && office !== '' && officeId(db, drafter.stationId, office) === undefined) {
    return problem('ORIGINATOR', 23, 'originator', `${office} is not an office of ${post}.`);
  }
  return null;
}

/**
 * The approver holds approval authority at the originating post — its principal, a deputy, or an
 * officer the principal designated; trainees never approve — and may hold the draft.
 */
export function approverProblems(db: Db, approver: Actor | undefined, d: Draft, self: boolean): AuthorityProblem[] {
  const plad = d.originator.plad;
  if (!approver) {
    const name = d.approver ? (personByKey(db, d.approver)?.full_name ?? d.approver) : '(nobody)';
    return [
      problem(
        'APPROVAL_AUTHORITY',
        23,
        'approver',
        `${name} has no account here, so holds no approval authority at ${plad} and cannot sign the approval.`,
      ),
    ];
  }
  const who = self ? 'You have' : `${approver.displayName} has`;
  if (approver.role === 'trainee') {
    return [
      problem(
        'APPROVAL_AUTHORITY',
        23,
        'approver',
        `${who} no approval authority at ${plad}. Trainees never approve (docs/RULES.md).`,
      ),
    ];
  }
  const station = stationByPlad(db, plad);
  const holds =
    station !== undefined &&
    approver.stationId === station.id &&
    (approver.isPrincipal || approvalAuthorityOf(db, approver.personId, station.id) !== undefined);
  if (!holds) {
    return [
      problem(
        'APPROVAL_AUTHORITY',
        23,
        'approver',
        `${who} no approval authority at ${plad}: its principal, a deputy or an officer the principal designated approves (docs/RULES.md).`,
      ),
    ];
  }
  const label = labelProblem(approver, d, 'approver', self);
  return label ? [label] : [];
}

/**
 * The signature line, when there is one, names the approving official or the chief of the
 * originating post, over whose name its telegrams go: STATE 017976 (1977) was approved by
 * S/S-S:LJREDDY and signed VANCE (issue 16). Nobody signs "RUSK" but Rusk, or a Department cable
 * approved in the Department.
 */
export function signatureProblem(db: Db, d: Draft): AuthorityProblem | null {
  const line = d.signature?.trim() ?? '';
  if (line === '' || d.approver === null) return null;
  const approver = personByKey(db, d.approver);
  if (!approver || line.toUpperCase() === approver.surname.toUpperCase()) return null;
  // Only an approver of the originating post sends over its chief's name.
  const chief = prepared(
    db,
    `SELECT p.surname FROM people p JOIN stations s ON s.id = p.station_id
      WHERE s.plad = ? AND p.is_principal = 1 AND p.station_id = ?`,
  )
    .pluck()
    .all(d.originator.plad, approver.station_id) as string[];
  if (chief.some((surname) => surname.toUpperCase() === line.toUpperCase())) return null;
  return problem(
    'SIGNATURE',
    23,
    'signature',
    `The signature line reads "${line}" but the approver is ${approver.full_name}: the signature line names the official who approves (${approver.surname.toUpperCase()}) or the chief of the originating post (docs/RULES.md).`,
    'RULE_VIOLATION',
  );
}

/**
 * What the drafter's signature asks (submit): the originator is the drafter's post; the drafter,
 * every clearer named in person and the approver may hold the draft; the approver holds authority
 * at the originating post; the signature line names the approver.
 */
export function drafterProblems(db: Db, drafter: Actor, d: Draft, self: boolean): AuthorityProblem[] {
  const out: AuthorityProblem[] = [];
  const push = (p: AuthorityProblem | null) => {
    if (p) out.push(p);
  };
  push(originatorProblem(db, drafter, d, self));
  push(labelProblem(drafter, d, 'classification', self));
  d.clearers.forEach((c, i) => {
    const clearer = c.person ? actorOfPerson(db, c.person) : undefined;
    if (clearer) push(labelProblem(clearer, d, `clearers[${i}]`, false));
  });
  if (d.approver !== null) {
    const approver = actorOfPerson(db, d.approver);
    out.push(...approverProblems(db, approver, d, approver?.userId === drafter.userId && self));
  }
  push(signatureProblem(db, d));
  return out;
}

/**
 * What the release asks, checked again when the approver signs (people's clearances and
 * designations may have changed since the drafter signed): the approver's authority and
 * clearance, the signature line, the originator, and the drafter's and each clearer's clearance.
 */
export function releaseProblems(
  db: Db,
  approver: Actor,
  drafter: Actor | undefined,
  clearers: ReadonlyArray<Actor>,
  d: Draft,
): AuthorityProblem[] {
  const out: AuthorityProblem[] = [...approverProblems(db, approver, d, true)];
  const push = (p: AuthorityProblem | null) => {
    if (p) out.push(p);
  };
  push(signatureProblem(db, d));
  if (drafter) {
    push(originatorProblem(db, drafter, d, false));
    push(labelProblem(drafter, d, 'drafters', false));
  }
  for (const c of clearers) push(labelProblem(c, d, 'clearers', false));
  return out;
}

export const asFinding = (p: AuthorityProblem): RuleFinding => ({
  rule: p.rule,
  severity: 'error',
  field: p.field,
  message: p.message,
});
