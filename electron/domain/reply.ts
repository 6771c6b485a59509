import { assertNever } from './assertNever';
import type { EraProfile } from './cable';
import type { Caption, DissemControl } from './captions';
import type { Classification, PortionMark } from './classification';
import type { Draft, DraftReference } from './draft';

/**
 * How a reply starts (issue 14 item 5): from the cable replied to, a draft that already reads like
 * a reply of its era — its own subject, the channel series from the replying post to the
 * originator, "REF: A." citing the source the way the era wrote it, the source's label (no write
 * down, DOMAIN.md rule 19) and its file or TAGS (rule 21), addressed for action to the originator.
 * Pure: core reads the source and the replying post, and the drafter takes it from there.
 *
 * What the era looked like (the FRUS corpus and the telegram forms of 1961–63; DOMAIN.md §0,
 * §1.8–§1.10):
 * - USRO answered the Department on its own series, Polto; the Department wrote to USRO as Topol
 *   ("Topol 578. USRO pass Embassy."; the seed's practice reply is POLTO 506).
 * - A 1960s telegram cited the one it answered by series ("Topol 578"), as a Department telegram
 *   ("Deptel 1296", "875. Your Deptel 683."), as the addressee's own ("UrTel 245") or by post
 *   ("336. Ref: Ankara's 500."); from 1973 by MRN ("REF: STATE 216511"), from the late 1990s
 *   with the year in front ("REF: 95 STATE 232445").
 * - The subject is the matter in hand, not a heading: FRUS titles such as "Telegram From the
 *   Department of State to the Mission…" are the editors' descriptions of a document, and a
 *   reply under an earlier "Reply to …:" keeps the matter, not the prefix.
 */

/** What a reply needs to know of the cable it answers (read by core from the archive). */
export type ReplySource = Readonly<{
  /** The cable's reference as stored, e.g. "TOPOL 578" or "MOSCOW 001042". */
  ref: string;
  profile: EraProfile;
  /** The originator's PLAD, e.g. "SECSTATE WASHDC". */
  originator: string;
  series: Readonly<{ indicator: string; number: number }> | null;
  mrn: Readonly<{ station: string; year: number; serial: number }> | null;
  classification: Classification;
  captions: ReadonlyArray<Caption>;
  dissem: ReadonlyArray<DissemControl>;
  relTo: ReadonlyArray<string>;
  subject: string;
  fileRef: string | null;
  tags: ReadonlyArray<string>;
}>;

/** A channel series: the indicator of the telegrams one post sends another (DOMAIN.md §0, §1.8). */
export type ChannelSeries = Readonly<{ from: string; to: string; indicator: string }>;

/**
 * The channel series between the posts of the 1962 directory: Topol, telegrams to the U.S. Mission
 * to NATO and European Regional Organizations, and Polto, telegrams from it (FRUS 1961–63 v16,
 * list of abbreviations). Secto/Tosec belong to the Secretary's travelling party, which is no
 * station of the directory.
 */
export const CHANNEL_SERIES_1962: ReadonlyArray<ChannelSeries> = [
  { from: 'SECSTATE WASHDC', to: 'USMISSION USNATO', indicator: 'TOPOL' },
  { from: 'USMISSION USNATO', to: 'SECSTATE WASHDC', indicator: 'POLTO' },
];

const DEPARTMENT = 'SECSTATE WASHDC';

/** The series a post writes to another on, or null when the directory names none (an ordinary telegram). */
export function seriesBetween(
  from: string,
  to: string,
  series: ReadonlyArray<ChannelSeries> = CHANNEL_SERIES_1962,
): string | null {
  return series.find((s) => s.from === from && s.to === to)?.indicator ?? null;
}

/** "TOPOL" → "Topol"; "ANKARA" → "Ankara"; "THE HAGUE" → "The Hague". */
function titleCase(words: string): string {
  return words.toLowerCase().replace(/(^|[\s-])([a-z])/g, (_, gap: string, c: string) => gap + c.toUpperCase());
}

/**
 * How the reply cites its source on the REF line, in the source's era, as the replying post
 * writes it (see the head of this file). Without an MRN or series the reference is cited as stored.
 */
export function citeSource(source: ReplySource, replyingPost: string): string {
  const { series, mrn } = source;
  switch (source.profile) {
    case 'FRUS_1960S':
      if (series) return `${titleCase(series.indicator)} ${series.number}`;
      if (!mrn) return source.ref;
      if (source.originator === DEPARTMENT) return `Deptel ${mrn.serial}`;
      if (replyingPost === DEPARTMENT) return `Urtel ${mrn.serial}`;
      return `${titleCase(mrn.station)}'s ${mrn.serial}`;
    case 'ADS_1973_79':
      if (series) return `${series.indicator} ${series.number}`;
      return mrn ? `${mrn.station} ${String(mrn.serial).padStart(6, '0')}` : source.ref;
    case 'CABLEGATE_2000S':
    case 'MODERN':
      if (series) return `${series.indicator} ${series.number}`;
      return mrn
        ? `${String(mrn.year % 100).padStart(2, '0')} ${mrn.station} ${String(mrn.serial).padStart(6, '0')}`
        : source.ref;
    default:
      return assertNever(source.profile, 'era profile');
  }
}

/** An editor's description of a document ("Telegram From the Department of State to …"), not a subject. */
const DOCUMENT_HEADING = /^(?:circular\s+)?(?:telegram|airgram|cable|message|letter|memorandum)\s+from\s.+\sto\s/i;

/** "Reply to Topol 578: ", "RE: ", "Re: " in front of an earlier reply's subject. */
const REPLY_PREFIX = /^(?:(?:reply|response|answer)\s+to\s+[^:]{1,40}:\s*|re:\s*)+/i;

/**
 * The reply's subject: the source's matter (without an earlier reply's "Reply to …:" or "RE:"),
 * or "Reply to Topol 578" when the source has none of its own — an empty subject or an editor's
 * heading. OFFICIAL-INFORMAL, carried over with the captions, leads the subject line too
 * (5 FAH-2 H-252.1-2).
 */
export function replySubject(source: ReplySource, cited: string): string {
  const words = source.subject.replace(/\s+/g, ' ').trim();
  const stripped = words.replace(REPLY_PREFIX, '').trim();
  // "Reply to Topol 578: consultation with …" keeps "Consultation with …", a subject of its own.
  const matter = stripped === words ? words : stripped.charAt(0).toUpperCase() + stripped.slice(1);
  const subject = matter === '' || DOCUMENT_HEADING.test(matter) ? `Reply to ${cited}` : matter;
  if (source.captions.includes('OFFICIAL_INFORMAL') && !/OFFICIAL[- ]INFORMAL/i.test(subject)) {
    return `OFFICIAL-INFORMAL ${subject}`;
  }
  return subject;
}

/** The portion mark of the reply's first paragraph: the source's level (rule 19; 5 FAH-1 H-246.2). */
export function portionFor(c: Classification): PortionMark {
  switch (c) {
    case 'UNCLASSIFIED':
    case 'UNCLAS_EFTO':
    case 'LOU':
      return 'U';
    case 'SBU':
      return 'SBU';
    case 'CONFIDENTIAL':
      return 'C';
    case 'SECRET':
      return 'S';
    case 'TOP_SECRET':
      return 'TS';
    default:
      return assertNever(c, 'classification');
  }
}

/**
 * The draft a reply starts as: `base` is the replying user's new draft (their post as originator,
 * them as drafter); the rest comes from the source. EYES ONLY carried over is for the principals
 * (rule 14 needs named persons; a reply to an Eyes Only telegram went eyes only to the Secretary
 * or the Ambassador, as the seed's POLTO 506 goes to Rusk), which the drafter may narrow.
 */
export function startReply(
  base: Draft,
  source: ReplySource,
  series: ReadonlyArray<ChannelSeries> = CHANNEL_SERIES_1962,
): Draft {
  const post = base.originator.plad;
  const cited = citeSource(source, post);
  const reference: DraftReference = { label: 'A', text: cited, cable: source.ref };
  const eyesOnly = source.captions.includes('EYES_ONLY') ? [{ principals: true as const }] : [];
  return {
    ...base,
    profile: source.profile,
    series: seriesBetween(post, source.originator, series),
    classification: source.classification,
    captions: [...source.captions],
    dissem: [...source.dissem],
    relTo: [...source.relTo],
    eyesOnly,
    subject: replySubject(source, cited),
    // The same matter is filed where the source was (rule 21): its decimal file, or its TAGS.
    fileRef: source.profile === 'FRUS_1960S' ? source.fileRef : null,
    tags: source.profile === 'FRUS_1960S' ? [] : [...source.tags],
    references: [reference],
    addressees: [{ plad: source.originator, role: 'ACTION', precedence: 'ROUTINE', niact: false, for: [] }],
    paragraphs: [{ n: null, portion: portionFor(source.classification), fyi: false, text: '' }],
  };
}
