import type { Caption, DissemControl } from './captions';
import type { ChainView } from './chain';
import type { ClassAuthority, LegacyEo } from './draft';
import type { Classification, ClearanceLevel, PortionMark } from './classification';
import type { RoutingSlip } from './inPost';
import type { Precedence } from './precedence';
import type { TextPart } from './highlight';

export type { TextPart } from './highlight';

/**
 * The cable as the renderer and the CLI see it (DOMAIN.md §8a). These are read models built in
 * core after the access decision; nothing here is ever produced for a cable the user may not see.
 */
export const ERA_PROFILES = ['FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN'] as const;
export type EraProfile = (typeof ERA_PROFILES)[number];

export const ADDRESSEE_ROLES = ['ACTION', 'INFO', 'EXEMPT'] as const;
export type AddresseeRole = (typeof ADDRESSEE_ROLES)[number];

/**
 * A historian (issue 12 item 3, migration 0017) reads the imported FRUS archive whatever their
 * clearance (domain/access.ts, the archive rule) and is held to every rule on training traffic.
 */
export const USER_ROLES = ['trainee', 'officer', 'instructor', 'admin', 'historian'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export type StationRef = Readonly<{ plad: string; name: string }>;

export type AddresseeView = Readonly<{
  plad: string;
  name: string;
  role: AddresseeRole;
  precedence: Precedence;
  niact: boolean;
  /** Channel serial as written for this addressee, e.g. "TOPOL 578" (DOMAIN.md §1.8). */
  serial: string | null;
  /** The collective this addressee came from, e.g. "ALL NATO CAPITALS". */
  collective: string | null;
  /** "For" persons (5 FAH-2 H-442: FOR xxx ONLY roles). */
  forPersons: ReadonlyArray<string>;
}>;

export type PassView = Readonly<{ by: string; to: string; byName: string; toName: string; status: 'PENDING' | 'DONE' }>;

export type RepeatView = Readonly<{
  dtg: string;
  by: string;
  addressees: ReadonlyArray<AddresseeView>;
  eyesOnlyFor: ReadonlyArray<string>;
  note: string | null;
}>;

export type ParagraphView = Readonly<{
  /** Paragraph number; null for a lone or unnumbered paragraph (rule 4). */
  n: number | null;
  portion: PortionMark;
  fyi: boolean;
  text: string;
}>;

export type ReferenceView = Readonly<{
  label: string;
  text: string;
  /**
   * The cited cable when this reader may open it (its id and marking, to open it under the right
   * banner); null otherwise, so nothing tells whether a cable the reader may not see exists.
   */
  target: Readonly<{ cableId: number; ref: string; classification: Classification; banner: string }> | null;
}>;

export type DraftingLine = Readonly<{
  role: 'DRAFTED' | 'CLEARED' | 'APPROVED';
  office: string | null;
  person: string | null;
  kind: string | null;
}>;

export type CableView = Readonly<{
  id: number;
  ref: string;
  series: string | null;
  serial: number | null;
  mrn: string | null;
  profile: EraProfile;
  dtg: string;
  sentAt: string;
  classification: Classification;
  /** The marking line shown at top and bottom of every view (rule 25). */
  banner: string;
  /** Caption lines in their stored order, one per line (rule 12). */
  captions: ReadonlyArray<string>;
  dissem: ReadonlyArray<DissemControl>;
  relTo: ReadonlyArray<string>;
  /** Transmission precedence: the highest addressee precedence (rule 9). */
  precedence: Precedence;
  niact: boolean;
  from: StationRef;
  action: ReadonlyArray<AddresseeView>;
  info: ReadonlyArray<AddresseeView>;
  pass: ReadonlyArray<PassView>;
  repeats: ReadonlyArray<RepeatView>;
  eyesOnlyFor: ReadonlyArray<string>;
  draftedBy: ReadonlyArray<string>;
  clearedBy: ReadonlyArray<string>;
  approvedBy: ReadonlyArray<string>;
  /**
   * The drafting block as a 1970s printout writes it (issue 16): office and person, e.g.
   * { role: 'DRAFTED', office: 'S/S-S', person: 'JJACOBSON' }; person is null for an office
   * clearance. Absent on views built before it existed.
   */
  drafting?: ReadonlyArray<DraftingLine> | undefined;
  signedBy: string | null;
  subject: string;
  fileRef: string | null;
  tags: ReadonlyArray<string>;
  references: ReadonlyArray<ReferenceView>;
  sourceNote: string | null;
  paragraphs: ReadonlyArray<ParagraphView>;
  /** Why the overall marking is above the highest portion (rule 1). */
  classificationReason: string | null;
  /** Classification authority block (rule 5; MODERN and CABLEGATE profiles). */
  classAuthority: ClassAuthority | null;
  /** "E.O. 11652: GDS" line (rule 5; ADS profile). */
  legacyEo: LegacyEo | null;
  /** Unnumbered summary of a long cable (rule 26). */
  summary: string | null;
  /** The signature chain as verified on open; null for an unsigned (historical or imported) cable. */
  chain: ChainView | null;
}>;

export type InboxRow = Readonly<{
  deliveryId: number;
  cableId: number;
  ref: string;
  dtg: string;
  deliveredAt: string;
  classification: Classification;
  /** The marking line of the cable (rule 25), e.g. "SECRET//NOFORN". */
  banner: string;
  captions: ReadonlyArray<string>;
  precedence: Precedence;
  niact: boolean;
  role: 'ACTION' | 'INFO' | 'PASS' | 'REPEAT';
  from: string;
  /** Empty for a sealed envelope. */
  subject: string;
  /**
   * A sealed envelope: the user may not read the cable (its captions) but their post's
   * communications office must pass it on (rules 14, 17); no subject, no opening, only the pass.
   */
  sealed: boolean;
  /** FLASH or NIACT: must be acknowledged by the action office before it is filed as read (rule 8). */
  needsAck: boolean;
  acknowledgedAt: string | null;
  /**
   * Read by this user: opened (issue 14 item 2) or filed as read. A FLASH/NIACT delivery still
   * waiting for acknowledgement stays unread however often it is opened (DOMAIN.md rule 8).
   */
  read: boolean;
  /** Filed as read by this user ("File as read"). */
  filed: boolean;
  /** Posts this user's post still has to pass the cable to ("USRO pass Embassy", rule 17). */
  pendingPassTo: ReadonlyArray<string>;
}>;

export type InboxCursor = Readonly<{ deliveredAt: string; deliveryId: number }>;

export type InboxPage = Readonly<{ rows: ReadonlyArray<InboxRow>; nextCursor: InboxCursor | null }>;

export type UserSummary = Readonly<{
  login: string;
  displayName: string;
  post: StationRef;
  role: UserRole;
  clearance: ClearanceLevel;
}>;

export type SignedInUser = UserSummary &
  Readonly<{
    foreignNational: boolean;
    isPrincipal: boolean;
  }>;

export type CaptionCode = Caption;

/** How a search hit was found: its reference, MRN or DTG exactly, or by the words of its text. */
export type SearchMatch = 'ref' | 'mrn' | 'dtg' | 'words';

export type SearchHit = Readonly<{
  cableId: number;
  ref: string;
  dtg: string;
  /** The DTG as an instant, to sort by. */
  sentAt: string;
  /** The originator's PLAD. */
  from: string;
  mrn: string | null;
  classification: Classification;
  banner: string;
  captions: ReadonlyArray<string>;
  subject: string;
  matchedBy: SearchMatch;
  /** The fields as runs of text with what matched marked (shown as <mark>, text nodes only). */
  marks: Readonly<{
    ref: ReadonlyArray<TextPart>;
    subject: ReadonlyArray<TextPart>;
    dtg: ReadonlyArray<TextPart>;
    mrn: ReadonlyArray<TextPart> | null;
    /** Some of the text around the first matching word. */
    snippet: ReadonlyArray<TextPart>;
  }>;
}>;

/** A cable exported for the user as a JSON document (audited as EXPORT). */
export type CableExport = Readonly<{ filename: string; mediaType: 'application/json'; text: string }>;

/** An account as instructors and admins manage it (never any secret). */
export type AccountView = Readonly<{
  login: string;
  displayName: string;
  post: StationRef;
  office: string | null;
  role: UserRole;
  clearance: ClearanceLevel;
  categories: ReadonlyArray<string>;
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  nationality: string | null;
  isPrincipal: boolean;
  disabled: boolean;
  failedSignIns: number;
}>;

/** A post with its offices, for pickers. */
export type PostView = Readonly<{
  plad: string;
  name: string;
  offices: ReadonlyArray<Readonly<{ code: string; name: string }>>;
}>;

/** One delivery of a cable as the distribution view shows it (DOMAIN.md §1.8, rules 9–11, 16, 17). */
export type DistributionEntry = Readonly<{
  station: string;
  name: string;
  role: 'ACTION' | 'INFO';
  precedence: Precedence;
  niact: boolean;
  /** The channel serial of this addressee, e.g. "TOPOL 578". */
  serial: string | null;
  /** How it got there: "direct", "collective ALL NATO CAPITALS", "pass USMISSION USNATO", "repeat SECSTATE WASHDC 280412Z OCT 62". */
  via: string;
  /** The station it came from: the originator, the passing post, or the repeating post. */
  from: string;
  deliveredAt: string;
  ackAt: string | null;
  openedBy: ReadonlyArray<string>;
  /** Who inside the post gets a copy (in-post distribution). */
  routingSlip: RoutingSlip;
}>;

export type Distribution = Readonly<{
  ref: string;
  originator: string;
  /** True when the viewer sees the whole distribution, false when only their own post's part. */
  complete: boolean;
  deliveries: ReadonlyArray<DistributionEntry>;
  pendingPasses: ReadonlyArray<Readonly<{ by: string; to: string }>>;
}>;

/** Station kinds; the last three came with FRUS import (migration 0013): delegations, commands, agencies. */
export const STATION_KINDS = [
  'DEPARTMENT',
  'WHITE_HOUSE',
  'EMBASSY',
  'MISSION',
  'CONSULATE',
  'DELEGATION',
  'MILITARY_COMMAND',
  'AGENCY',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** The directory as instructors edit it. */
export type DirectoryView = Readonly<{
  stations: ReadonlyArray<
    Readonly<{
      plad: string;
      name: string;
      shortName: string;
      kind: StationKind;
      country: string | null;
      city: string | null;
      principal: string | null;
      offices: ReadonlyArray<Readonly<{ code: string; name: string }>>;
    }>
  >;
  collectives: ReadonlyArray<Readonly<{ name: string; description: string | null; members: ReadonlyArray<string> }>>;
  /** Signing keys of people (issue 5): public halves only, current and retired. */
  publicKeys: ReadonlyArray<
    Readonly<{
      person: string;
      name: string;
      fingerprint: string;
      publicKey: string;
      createdAt: string;
      retiredAt: string | null;
    }>
  >;
}>;
