import type { Caption, DissemControl, EyesOnlyEntry } from './captions';
import { classificationRank, type Classification, type ClearanceLevel } from './classification';

/**
 * The access decision (DOMAIN.md rules 14, 15, 18, 20; §4.1 Bell–LaPadula and need-to-know).
 * One pure function, used by every query in core that feeds the renderer or the CLI: the
 * renderer never decides access.
 */
export type AccessSubject = Readonly<{
  personId: number;
  stationId: number;
  clearance: ClearanceLevel;
  foreignNational: boolean;
  /** ISO 3166 alpha-3 nationality for REL TO checks; null for a U.S. person. */
  nationality: string | null;
  officeId: number | null;
  /** The chief of mission (principal) of the user's post. */
  isPrincipal: boolean;
}>;

/** One route by which the cable reached a station, with the handling of that transmission. */
export type AccessDelivery = Readonly<{
  stationId: number;
  /** Eyes Only of the transmission (rule 14); empty when the transmission has none. */
  eyesOnly: ReadonlyArray<EyesOnlyEntry>;
  /** "For" persons named on this station's addressee line. */
  forPersonIds: ReadonlyArray<number>;
}>;

export type AccessObject = Readonly<{
  classification: Classification;
  captions: ReadonlyArray<Caption>;
  dissem: ReadonlyArray<DissemControl>;
  relTo: ReadonlyArray<string>;
  deliveries: ReadonlyArray<AccessDelivery>;
  /** The originating post keeps its own cable; inside it, the drafting chain is named. */
  origin: Readonly<{ stationId: number; personIds: ReadonlyArray<number>; officeIds: ReadonlyArray<number> }>;
}>;

export type DenyReason = 'CLEARANCE' | 'NOFORN' | 'REL_TO' | 'NEED_TO_KNOW' | 'EYES_ONLY' | 'CAPTION';

export type AccessDecision =
  | Readonly<{ allowed: true }>
  | Readonly<{ allowed: false; reason: DenyReason; explanation: string }>;

const ALLOW: AccessDecision = Object.freeze({ allowed: true });

function deny(reason: DenyReason, explanation: string): AccessDecision {
  return { allowed: false, reason, explanation };
}

export function decideAccess(subject: AccessSubject, object: AccessObject): AccessDecision {
  // Rule 18 / §4.1 simple security property: clearance must dominate the classification (no read up).
  if (classificationRank(subject.clearance) < classificationRank(object.classification)) {
    return deny('CLEARANCE', `Your clearance (${subject.clearance}) does not reach this cable's classification.`);
  }
  // Rule 20: NOFORN is never released to foreign nationals.
  if (object.dissem.includes('NOFORN') && subject.foreignNational) {
    return deny('NOFORN', 'NOFORN: not releasable to foreign nationals.');
  }
  // Rule 18 / §4.1 permissive category: a foreign national needs one of the REL TO countries.
  if (object.dissem.includes('REL_TO') && subject.foreignNational) {
    if (subject.nationality === null || !object.relTo.includes(subject.nationality)) {
      return deny('REL_TO', 'Your nationality is not on the REL TO list.');
    }
  }
  // Rule 18 need-to-know: the cable was delivered to the user's post, or the post sent it.
  const atPost = object.deliveries.filter((d) => d.stationId === subject.stationId);
  if (object.origin.stationId === subject.stationId) {
    const origin = admitsAtOrigin(subject, object);
    if (origin.allowed || atPost.length === 0) return origin;
  }
  if (atPost.length === 0) {
    return deny('NEED_TO_KNOW', 'This cable was not delivered to your post.');
  }
  // Captions narrow the audience inside the post; one admitting route suffices.
  let last: AccessDecision = ALLOW;
  for (const delivery of atPost) {
    last = admitsInsidePost(subject, object.captions, delivery);
    if (last.allowed) return last;
  }
  return last;
}

/**
 * At the originating post a restricted cable (Eyes Only, NODIS, EXDIS; rules 14-15) is seen by
 * the principal and by those in its drafting chain (drafters, clearers, approver); an
 * unrestricted one by the post.
 */
function admitsAtOrigin(subject: AccessSubject, object: AccessObject): AccessDecision {
  const restricted = object.captions.some((c) => c === 'EYES_ONLY' || c === 'NODIS' || c === 'EXDIS');
  if (!restricted || subject.isPrincipal) return ALLOW;
  const { personIds, officeIds } = object.origin;
  if (personIds.includes(subject.personId)) return ALLOW;
  if (subject.officeId !== null && officeIds.includes(subject.officeId)) return ALLOW;
  return deny('CAPTION', 'Restricted handling: at the originating post only the principal and the drafting chain may read this cable.');
}

function isNamed(subject: AccessSubject, delivery: AccessDelivery): boolean {
  return (
    delivery.forPersonIds.includes(subject.personId) ||
    delivery.eyesOnly.some((e) => e.kind === 'PERSON' && e.personId === subject.personId)
  );
}

function admitsInsidePost(subject: AccessSubject, captions: ReadonlyArray<Caption>, delivery: AccessDelivery): AccessDecision {
  // Rule 14: EYES ONLY / "FOR x ONLY": only the named persons; "Ambassadors" = each post's principal.
  if (delivery.eyesOnly.length > 0) {
    const admitted = delivery.eyesOnly.some((e) =>
      e.kind === 'PERSON' ? e.personId === subject.personId : subject.isPrincipal,
    );
    if (!admitted) return deny('EYES_ONLY', 'EYES ONLY: only the named persons may read this cable.');
  }
  // Rule 15: NODIS: the principal and persons explicitly indicated, never office-wide distribution.
  // §1.7: EXDIS: exclusive distribution: the principal and those named (designation comes with issue 3).
  if (captions.includes('NODIS') || captions.includes('EXDIS')) {
    if (!subject.isPrincipal && !isNamed(subject, delivery)) {
      const caption = captions.includes('NODIS') ? 'NODIS' : 'EXDIS';
      return deny('CAPTION', `${caption}: only the principal and the persons indicated may read this cable.`);
    }
  }
  return ALLOW;
}
