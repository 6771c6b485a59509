import type { EraProfile } from './cable';
import type { Caption, DissemControl } from './captions';
import type { Classification, PortionMark } from './classification';
import type { Precedence } from './precedence';

/**
 * A practice cable being drafted (DOMAIN.md §1.2–§1.11, §8a). This is the document the composer
 * edits, the rule checker reads (§8b) and the clearance chain signs. It is also the JSON format
 * of `cableroom draft check FILE.json` (docs/DRAFTING.md). People are named by directory key,
 * stations by PLAD, collectives by name. Everything assigned on release (DTG, MRN, channel
 * serials) is absent here.
 */
export type DraftAddressee = Readonly<{
  /** A station by PLAD, or … */
  plad?: string | undefined;
  /** … a collective by name (e.g. "ALL NATO CAPITALS"), expanded on release. */
  collective?: string | undefined;
  role: 'ACTION' | 'INFO' | 'EXEMPT';
  precedence: Precedence;
  niact: boolean;
  /** "For" persons of this addressee (directory keys). */
  for: ReadonlyArray<string>;
}>;

export type DraftEyesOnly = Readonly<{ person: string }> | Readonly<{ principals: true }>;

export type DraftPass = Readonly<{ by: string; to: string; precedence?: Precedence | undefined }>;

export type DraftParagraph = Readonly<{
  /** Paragraph number; null for a lone paragraph (rule 4). */
  n: number | null;
  portion: PortionMark;
  fyi: boolean;
  text: string;
}>;

/** "REF: …": a reference to an earlier cable; `cable` is its ref when it is in the archive. */
export type DraftReference = Readonly<{ label: string; text: string; cable?: string | undefined }>;

/** Classification authority block of classified MODERN/CABLEGATE cables (rule 5; 32 CFR 2001.21). */
export type ClassAuthority = Readonly<{
  classifiedBy: string;
  position: string;
  /** E.O. 13526 §1.4 reasons, written "1.4(b)". */
  reasons: ReadonlyArray<string>;
  /** A date (YYYY-MM-DD), an event, or a 25X exemption. */
  declassifyOn: string;
}>;

/** The "E.O. 11652: GDS" line of ADS-era cables (rule 5; STATE 017976). */
export type LegacyEo = Readonly<{ order: '11652' | '12065' | '12958' | '13526'; code: string }>;

/**
 * A clearance: a person, or an office. A person clears in their own office, and the 1970s drafting
 * block prints both from the directory, "S/S-O:SGOLDSMITH" (issue 16).
 */
export type DraftClearer = Readonly<{
  person?: string | undefined;
  office?: Readonly<{ station: string; code: string }> | undefined;
  kind: 'CLEAR' | 'INFO' | 'SUBST';
}>;

export type Draft = Readonly<{
  profile: EraProfile;
  originator: Readonly<{ plad: string; office?: string | undefined }>;
  /** Channel series for the cable, e.g. "POLTO"; its number is assigned on release. */
  series: string | null;
  classification: Classification;
  /** Why the overall marking is above the highest portion mark (rule 1 allows ≥ only with a reason). */
  classificationReason: string | null;
  captions: ReadonlyArray<Caption>;
  dissem: ReadonlyArray<DissemControl>;
  relTo: ReadonlyArray<string>;
  eyesOnly: ReadonlyArray<DraftEyesOnly>;
  subject: string;
  /** 1960s decimal or subject-numeric file reference (FRUS_1960S; rule 21). */
  fileRef: string | null;
  /** TAGS (ADS and later; rule 21). */
  tags: ReadonlyArray<string>;
  classAuthority: ClassAuthority | null;
  legacyEo: LegacyEo | null;
  /** Unnumbered summary, required when the cable runs over three pages (rule 26). */
  summary: string | null;
  references: ReadonlyArray<DraftReference>;
  addressees: ReadonlyArray<DraftAddressee>;
  passes: ReadonlyArray<DraftPass>;
  paragraphs: ReadonlyArray<DraftParagraph>;
  /** The drafter confirms that paragraph 1 justifies NIACT (rule 7). */
  niactJustified: boolean;
  /** Drafters (directory keys); the first is the drafter who signs. */
  drafters: ReadonlyArray<string>;
  clearers: ReadonlyArray<DraftClearer>;
  /** The approving official (directory key). */
  approver: string | null;
  /** Surname of the signing official on the cable, e.g. "RUSK". */
  signature: string | null;
  /**
   * The day a practice cable is dated, YYYY-MM-DD (issue 16): outside an exercise its release
   * takes this date at the time of day it is released, so a 1977 cable gets a 1977 DTG and MRN
   * year. Inside an exercise the scenario clock rules and this is ignored. A working field like
   * `niactJustified`: the DTG it gives is what the approver signs.
   */
  practiceDate?: string | null | undefined;
  /**
   * The FOR/FROM/ONLY line under the captions, e.g. "FOR THE SECRETARY FROM AMBASSADOR" (MOSCOW
   * 16276, 1977; DOMAIN.md §1.8). Signed content, like the text.
   */
  forLine?: string | null | undefined;
  /** DESIRED DISTRIBUTION of the drafting block, e.g. "S/S, INR, EUR, OC ONLY" (STATE 041961). */
  desiredDistribution?: string | null | undefined;
}>;

/**
 * Whether the cable's paragraphs carry portion marks (issue 16). Portion marking came with
 * E.O. 12065 (1 December 1978; §1-504): an ADS cable under E.O. 11652, as the 1973–78 printouts
 * show, has none, so its paragraphs are neither marked nor judged by rule 1. Every other profile
 * marks them as before (the 1962 seed marks TOPOL 578's paragraphs).
 */
export function portionMarked(d: Pick<Draft, 'profile' | 'legacyEo'>): boolean {
  return !(d.profile === 'ADS_1973_79' && d.legacyEo?.order !== '12065');
}

/** An empty draft for a user at a post: what "New cable" starts from. */
export function emptyDraft(profile: EraProfile, originator: Draft['originator'], drafter: string): Draft {
  return {
    profile,
    originator,
    series: null,
    classification: 'UNCLASSIFIED',
    classificationReason: null,
    captions: [],
    dissem: [],
    relTo: [],
    eyesOnly: [],
    subject: '',
    fileRef: null,
    tags: [],
    classAuthority: null,
    legacyEo: null,
    summary: null,
    references: [],
    addressees: [],
    passes: [],
    paragraphs: [{ n: null, portion: 'U', fyi: false, text: '' }],
    niactJustified: false,
    drafters: [drafter],
    clearers: [],
    approver: null,
    signature: null,
  };
}

/** One finding of the rule checker (DOMAIN.md §8b). */
export type RuleSeverity = 'error' | 'warning';

export type RuleFinding = Readonly<{
  /** The rule's number in DOMAIN.md §8(b). */
  rule: number;
  severity: RuleSeverity;
  /** The offending field as a path into the draft, e.g. "paragraphs[2].portion" or "classification". */
  field: string;
  /**
   * What is wrong, why, and the source; it ends with the era the draft was checked as, e.g.
   * "[ADS 1973–79]" (issue 16: a finding says its era; docs/RULES.md gives each rule's eras).
   */
  message: string;
}>;

/**
 * What the rule checker needs to know beyond the draft: looked up in the directory and the
 * archive by core, passed in so the rules stay pure.
 */
export type RuleContext = Readonly<{
  /** Stations by PLAD (kind says whether it is a military address, rule 27). */
  stations: ReadonlyMap<string, Readonly<{ kind: string; country: string | null }>>;
  /** Collectives by name with their member PLADs (rule 11). */
  collectives: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Referenced cables the drafter may see, by ref: their labels (rule 19). */
  referencedLabels: ReadonlyMap<
    string,
    Readonly<{
      classification: Classification;
      captions: ReadonlyArray<Caption>;
      dissem: ReadonlyArray<DissemControl>;
      relTo: ReadonlyArray<string>;
    }>
  >;
  /** An instructor recorded a downgrade below a referenced cable's label (rule 19). */
  downgradeAuthorized: boolean;
  /**
   * Office codes by station PLAD, and the people's directory keys: when given, the checker finds
   * every name release would refuse before anyone signs (issue 16). Absent: not checked.
   */
  offices?: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  people?: ReadonlySet<string> | undefined;
}>;

/** Where a draft is in its clearance chain (rule 23). */
export const DRAFT_STATES = ['DRAFTING', 'IN_CLEARANCE', 'AWAITING_APPROVAL', 'RELEASED', 'DISCARDED'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

/** One step of a draft's chain: the drafter, each clearer, the approver. */
export type ChainStep = Readonly<{
  role: 'DRAFTER' | 'CLEARER' | 'APPROVER';
  /** For a clearer: its index in `clearers`. */
  clearanceIndex: number | null;
  /** "Drafted by Burgess", "Cleared by SECSTATE WASHDC EUR (CLEAR)". */
  label: string;
  status: 'PENDING' | 'SIGNED' | 'REFUSED';
  by: string | null;
  at: string | null;
  comment: string | null;
  /** The signed-in user may act on this step now. */
  mine: boolean;
}>;

export type DraftSummary = Readonly<{
  id: number;
  state: DraftState;
  revision: number;
  subject: string;
  classification: Draft['classification'];
  owner: string;
  updatedAt: string;
  /** Waiting for the signed-in user: to edit, clear or approve. */
  waitingForMe: boolean;
  releasedRef: string | null;
}>;

export type DraftView = Readonly<{
  id: number;
  state: DraftState;
  revision: number;
  draft: Draft;
  owner: string;
  ownerName: string;
  updatedAt: string;
  /** The rule checker's findings on the draft as it stands (DOMAIN.md §8b). */
  findings: ReadonlyArray<RuleFinding>;
  chain: ReadonlyArray<ChainStep>;
  /** Signatures voided by an edit, and refusals: why the draft came back. */
  returnedNote: string | null;
  canEdit: boolean;
  downgrade: Readonly<{ by: string; reason: string }> | null;
  releasedRef: string | null;
  releasedCableId: number | null;
}>;

/** What the composer's pickers offer: posts with offices, collectives, people (directory keys). */
export type ComposerDirectory = Readonly<{
  posts: ReadonlyArray<
    Readonly<{
      plad: string;
      name: string;
      kind: string;
      offices: ReadonlyArray<Readonly<{ code: string; name: string }>>;
    }>
  >;
  collectives: ReadonlyArray<Readonly<{ name: string; members: ReadonlyArray<string> }>>;
  people: ReadonlyArray<
    Readonly<{ key: string; name: string; plad: string; office: string | null; principal: boolean; hasKey: boolean }>
  >;
  /** The signed-in user's own directory key: the drafter of a new draft. */
  me: string;
}>;
