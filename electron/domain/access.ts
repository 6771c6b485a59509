import { CHANNEL_CAPTIONS, captionWords, type Caption, type DissemControl, type EyesOnlyEntry } from './captions';
import { classificationRank, type Classification, type ClearanceLevel } from './classification';

/**
 * The access decision (DOMAIN.md rules 14, 15, 18, 20; §1.7; §4.1 Bell–LaPadula and
 * need-to-know). One pure function, used by every query in core that feeds the renderer or the
 * CLI: the renderer never decides access.
 */
export type AccessSubject = Readonly<{
  personId: number;
  stationId: number;
  officeId: number | null;
  clearance: ClearanceLevel;
  /** Restrictive categories held (compartments, caveats). */
  categories: ReadonlyArray<string>;
  /** Caption roles held, e.g. a channel caption assigned to this person (5 FAH-2 H-442). */
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  /** ISO 3166 alpha-3 nationality for REL TO; null for a U.S. person. */
  nationality: string | null;
  /** The chief of mission (principal) of the user's post. */
  isPrincipal: boolean;
  /** Designated by the principal to read EXDIS traffic at the post. */
  exdisDesignee: boolean;
  /**
   * Reads the published archive (historians and instructors: see `decideAccess`, the archive
   * rule). Absent or false for everyone else.
   */
  archiveReader?: boolean;
}>;

/** One route by which the cable reached a station, with the handling of that transmission. */
export type AccessDelivery = Readonly<{
  stationId: number;
  role: 'ACTION' | 'INFO';
  /** The office that acts on it inside the post (LIMDIS), when one is assigned. */
  actionOfficeId: number | null;
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
  /** Restrictive categories: the reader must hold every one. */
  categories: ReadonlyArray<string>;
  deliveries: ReadonlyArray<AccessDelivery>;
  /** The originating post keeps its own cable; inside it, the drafting chain is named. */
  origin: Readonly<{ stationId: number; personIds: ReadonlyArray<number>; officeIds: ReadonlyArray<number> }>;
  /**
   * Where the cable was published, when core read it from stored import provenance (the FRUS
   * importer's `frus_sources` row, written in the cable's own transaction; never from anything in
   * the cable's text or markings, which a drafted or bundled cable could imitate). Absent for
   * training traffic — and absent wherever core does not ask for the archive rule (drafting,
   * passes, repeats), so the rule opens reading and nothing else.
   */
  archive?: ArchiveSource | null;
}>;

/** The published source of an imported historical cable: FRUS volume and document number. */
export type ArchiveSource = Readonly<{ volume: string; doc: number }>;

export type DenyReason = 'CLEARANCE' | 'CATEGORY' | 'NOFORN' | 'REL_TO' | 'NEED_TO_KNOW' | 'EYES_ONLY' | 'CAPTION';

/**
 * Admitted by the archive rule: the training rules alone would have refused (`overrides` names the
 * rule that would have), the published source admitted it. Core audits it as such.
 */
export type ArchiveAdmission = Readonly<{ source: ArchiveSource; overrides: DenyReason }>;

export type AccessDecision =
  | Readonly<{ allowed: true; archive?: ArchiveAdmission }>
  | Readonly<{ allowed: false; reason: DenyReason; explanation: string }>;

const ALLOW: AccessDecision = Object.freeze({ allowed: true });

function deny(reason: DenyReason, explanation: string): AccessDecision {
  return { allowed: false, reason, explanation };
}

/** The roles that read the published archive (issue 12 item 3). */
export const ARCHIVE_READER_ROLES: ReadonlySet<string> = new Set(['historian', 'instructor']);

/**
 * The access decision. Training rules first (rules 14, 15, 18, 20); then the archive rule.
 *
 * The archive rule (issue 12 item 3; docs/FRUS.md "The archive reader"): a cable imported from
 * FRUS has been through systematic declassification review and published (DOMAIN.md §2: the
 * AAD's "Declassified/Released US Department of State EO Systematic Review"; §4: information
 * stays classified only until its "Declassify On" date or event). Rule 18's no-read-up and
 * need-to-know, rules 14/15's caption audiences and rule 20's NOFORN protect classified
 * information; a published document is no longer that, so a historian or an instructor
 * (`archiveReader`) may read it — label, captions and distribution as they were — whatever their
 * clearance. Only the stored provenance (`object.archive`, from `frus_sources`) makes a cable
 * historical, and only readers: training cables keep every rule for historians too (a historian
 * is not cleared for training traffic beyond their clearance), and trainees keep every rule on the
 * archive, which they read in the role of its recipients.
 */
export function decideAccess(subject: AccessSubject, object: AccessObject): AccessDecision {
  const decision = decideTrainingAccess(subject, object);
  const source = archiveAdmits(subject, object);
  if (decision.allowed || source === null) return decision;
  return { allowed: true, archive: { source, overrides: decision.reason } };
}

/**
 * The archive rule alone: the published source when it admits this reader to the cable — and to
 * its whole distribution (every delivery, pass and repeat, as `routing.distribution` shows an
 * instructor) — or null.
 */
export function archiveAdmits(subject: AccessSubject, object: AccessObject): ArchiveSource | null {
  return readsWholeArchive(subject) && object.archive ? object.archive : null;
}

/**
 * Whether the archive rule admits this reader to every historical cable, whatever the cable: then
 * core may count the archive without deciding cable by cable (the traffic view's volume list).
 */
export function readsWholeArchive(subject: AccessSubject): boolean {
  return subject.archiveReader === true;
}

/** The rules as enforced on training traffic (and on everyone's reading of it). */
function decideTrainingAccess(subject: AccessSubject, object: AccessObject): AccessDecision {
  // Rule 18 / §4.1 simple security property: clearance must dominate the classification (no read up).
  if (classificationRank(subject.clearance) < classificationRank(object.classification)) {
    return deny('CLEARANCE', `Your clearance (${subject.clearance}) does not reach this cable's classification.`);
  }
  // Rule 18 / §4.1: every RESTRICTIVE category of the label must be held.
  if (!object.categories.every((c) => subject.categories.includes(c))) {
    return deny('CATEGORY', 'You do not hold every category this cable is restricted to.');
  }
  // Rule 20: NOFORN is never released to foreign nationals.
  if (object.dissem.includes('NOFORN') && subject.foreignNational) {
    return deny('NOFORN', 'NOFORN: not releasable to foreign nationals.');
  }
  // Rule 18 / §4.1 PERMISSIVE category (REL TO): a foreign national needs one of the listed countries;
  // U.S. persons are always within "REL TO USA, …".
  if (object.dissem.includes('REL_TO') && subject.foreignNational) {
    if (subject.nationality === null || !object.relTo.includes(subject.nationality)) {
      return deny('REL_TO', 'Your nationality is not on the REL TO list.');
    }
  }
  // Rule 18 need-to-know: the cable was delivered to the user's post (action, info, pass or
  // repeat), or the post sent it.
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
 * At the originating post a restricted cable (Eyes Only, NODIS, EXDIS, LIMDIS or a channel) is
 * seen by the principal and by its drafting chain (drafters, clearers, approver); an
 * unrestricted one by the post.
 */
function admitsAtOrigin(subject: AccessSubject, object: AccessObject): AccessDecision {
  if (!isRestrictedInsidePost(object.captions) || subject.isPrincipal) return ALLOW;
  const { personIds, officeIds } = object.origin;
  if (personIds.includes(subject.personId)) return ALLOW;
  if (subject.officeId !== null && officeIds.includes(subject.officeId)) return ALLOW;
  return deny(
    'CAPTION',
    'Restricted handling: at the originating post only the principal and the drafting chain may read this cable.',
  );
}

function isRestrictedInsidePost(captions: ReadonlyArray<Caption>): boolean {
  return captions.some(
    (c) => c === 'EYES_ONLY' || c === 'NODIS' || c === 'EXDIS' || c === 'LIMDIS' || CHANNEL_CAPTIONS.has(c),
  );
}

function isNamed(subject: AccessSubject, delivery: AccessDelivery): boolean {
  return (
    delivery.forPersonIds.includes(subject.personId) ||
    delivery.eyesOnly.some((e) => e.kind === 'PERSON' && e.personId === subject.personId)
  );
}

function admitsInsidePost(
  subject: AccessSubject,
  captions: ReadonlyArray<Caption>,
  delivery: AccessDelivery,
): AccessDecision {
  // Rule 14: EYES ONLY / "FOR x ONLY": only the named persons; a role such as "Ambassadors"
  // means each receiving post's principal.
  if (delivery.eyesOnly.length > 0 || captions.includes('EYES_ONLY')) {
    const admitted =
      delivery.forPersonIds.includes(subject.personId) ||
      delivery.eyesOnly.some((e) => (e.kind === 'PERSON' ? e.personId === subject.personId : subject.isPrincipal));
    if (!admitted) return deny('EYES_ONLY', 'EYES ONLY: only the named persons may read this cable.');
  }
  // Rule 15: NODIS: the principal and the persons indicated; never office-wide distribution.
  if (captions.includes('NODIS') && !subject.isPrincipal && !isNamed(subject, delivery)) {
    return deny('CAPTION', 'NODIS: only the principal and the persons indicated may read this cable.');
  }
  // §1.7 EXDIS (exclusive distribution): the principal and those the principal designates.
  if (captions.includes('EXDIS') && !subject.isPrincipal && !subject.exdisDesignee && !isNamed(subject, delivery)) {
    return deny('CAPTION', 'EXDIS: only the principal and those the principal designates may read this cable.');
  }
  // §1.7 LIMDIS (limited distribution): the action office and the principal.
  if (captions.includes('LIMDIS') && !subject.isPrincipal && !isNamed(subject, delivery)) {
    const inActionOffice =
      delivery.role === 'ACTION' && delivery.actionOfficeId !== null && delivery.actionOfficeId === subject.officeId;
    if (!inActionOffice)
      return deny('CAPTION', 'LIMDIS: only the action office and the principal may read this cable.');
  }
  // 5 FAH-2 H-442: channel captions go strictly to the persons assigned the caption role (and the principal).
  for (const channel of captions.filter((c) => CHANNEL_CAPTIONS.has(c))) {
    if (!subject.isPrincipal && !subject.captionRoles.includes(channel)) {
      return deny('CAPTION', `${captionWords(channel)}: only holders of that caption role may read this cable.`);
    }
  }
  return ALLOW;
}

/** The office code of a post's communications centre (the seed's COMMS; the code room of 1962). */
export const COMMUNICATIONS_OFFICE = 'COMMS';

/** Read access refused by the captions alone (rules 14, 15; §1.7), not by label or need-to-know. */
const CAPTION_ONLY: ReadonlySet<DenyReason> = new Set(['EYES_ONLY', 'CAPTION']);

export type HandlingDecision =
  Readonly<{ allowed: true; sealed: boolean }> | Readonly<{ allowed: false; reason: DenyReason; explanation: string }>;

/**
 * Whether a person may carry out a pass instruction on a cable (rule 17), and whether they do it
 * sealed — without reading it.
 *
 * Rule 14 limits Eyes Only delivery and viewing to the named persons "and to holders of that
 * caption role"; rule 17 makes "X PASS Y" the duty of post X, not of a reader; 5 FAH-2 H-252
 * routes distribution on captions and pass lines — the envelope, not the text. In 1962 the code
 * room carried out and noted the pass (Caracas 548: "NOTE: PASSED TO CINCARIB, CINCLANT"), and
 * the EXDIS records of the time were of readers (DOMAIN.md §1.7). So a member of the post's
 * communications office may pass a cable whose captions keep it from them, unread; whoever may
 * read it passes it as before. Everything but the captions still binds: the label (clearance,
 * categories, NOFORN, REL TO, rule 18, 20) and need-to-know (the cable reached the post).
 */
export function decideHandling(subject: AccessSubject, object: AccessObject, communicator: boolean): HandlingDecision {
  const read = decideAccess(subject, object);
  if (read.allowed) return { allowed: true, sealed: false };
  if (communicator && CAPTION_ONLY.has(read.reason)) return { allowed: true, sealed: true };
  return read;
}
