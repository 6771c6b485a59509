import type { DenyReason } from '../access';

/**
 * The teaching texts of the mistakes an exercise scores outside the drafting rule checker (whose
 * findings carry their own message: domain/rules). Each names its DOMAIN.md §8(b) rule and the
 * source, as the checker's messages do, so that the after-action report can quote it beside the
 * audit entry that cost the points.
 */
export type Teaching = Readonly<{ rule: number; teaching: string }>;

export const ACK_BEFORE_FILING: Teaching = {
  rule: 8,
  teaching:
    'FLASH and NIACT traffic alerts the action office, which must acknowledge it on receipt, at any hour; ' +
    'a high-precedence cable is filed as read only after its acknowledgement is recorded (5 FAH-2 H-421.1, H-422).',
};

export const REPEAT_NEEDS_APPROVAL: Teaching = {
  rule: 16,
  teaching:
    'A repeat or pass keeps the MRN, the classification and every caption; a NODIS, EXDIS or EYES ONLY ' +
    'cable is repeated only with the approval of its originator (S/S in training) and never sent ' +
    'laterally on the recipient’s own authority (STATE 237171; CIA EXDIS memo 1974).',
};

export const PASS_TO_THE_RIGHT_POST: Teaching = {
  rule: 17,
  teaching:
    'In "X PASS Y" the addressee X hands the text on to Y, and to Y only: the pass instruction names the ' +
    'office that is to receive it, and a post without such an instruction passes nothing (STATE 195297).',
};

export const NOFORN_NOT_FOREIGN: Teaching = {
  rule: 20,
  teaching:
    'NOFORN cables are never routed to foreign nationals or foreign addressees, by address, pass or ' +
    'repeat; REL TO limits foreign recipients to the listed countries (ISM dni-ism NF, REL).',
};

export const REPLY_LABEL: Teaching = {
  rule: 19,
  teaching:
    'A reply that draws on a cable is derivatively classified: its classification and captions must ' +
    'dominate those of the cable it answers (no write-down; Bell–LaPadula *-property; 5 FAH-1 H-131(b)).',
};

export const REPLY_REFERENCE: Teaching = {
  rule: 19,
  teaching:
    'A reply cites the cable it answers on its REF line, so that the addressee can find it and the ' +
    'reply’s label is checked against that cable’s (rule 19; STATE 018029).',
};

export const CLEARANCE_CHAIN: Teaching = {
  rule: 23,
  teaching:
    'A cable is released only when the drafter, every required clearance and the approver have signed; ' +
    'an edit after a signature voids every signature (FRUS source-note practice; ACP 121).',
};

export const SIGNATURES_VERIFY: Teaching = {
  rule: 24,
  teaching:
    'The approver’s signature covers the header, the text, the captions and the label together: a ' +
    'changed label or text fails verification on receipt (RFC 2634 ESS security label).',
};

/** Opening a cable one may not: the rule behind each reason of the access decision. */
export function accessTeaching(reason: DenyReason | 'NOT_VISIBLE'): Teaching {
  switch (reason) {
    case 'EYES_ONLY':
      return {
        rule: 14,
        teaching:
          'EYES ONLY ("for addressee(s) only") is read by the named persons alone; nobody else opens it, ' +
          'whatever their clearance (AAD "ONLY"; 5 FAH-2 H-442(d)).',
      };
    case 'CAPTION':
      return {
        rule: 15,
        teaching:
          'NODIS, EXDIS, LIMDIS and channel captions narrow who reads a cable inside the post: the ' +
          'principal and the persons indicated, never office-wide distribution (plusd about-hr; 5 FAH-2 H-442).',
      };
    case 'NOFORN':
    case 'REL_TO':
      return NOFORN_NOT_FOREIGN;
    case 'CLEARANCE':
    case 'CATEGORY':
    case 'NEED_TO_KNOW':
    case 'NOT_VISIBLE':
      return {
        rule: 18,
        teaching:
          'A cable is opened only by someone whose clearance reaches its classification, who holds every ' +
          'restrictive category, and to whose post it was delivered; each attempt beyond that is refused ' +
          'and logged (Bell–LaPadula no read-up; need-to-know).',
      };
  }
}

/** The DENY reasons that are the access decision's (plus a delivery the person may not handle). */
export const ACCESS_DENY_REASONS: ReadonlySet<string> = new Set<DenyReason | 'NOT_VISIBLE'>([
  'CLEARANCE',
  'CATEGORY',
  'NOFORN',
  'REL_TO',
  'NEED_TO_KNOW',
  'EYES_ONLY',
  'CAPTION',
  'NOT_VISIBLE',
]);
