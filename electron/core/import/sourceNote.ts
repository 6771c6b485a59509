import type { Caption, DissemControl } from '../../domain/captions';
import type { Classification } from '../../domain/classification';
import { precedenceRank, type Precedence } from '../../domain/precedence';
import { COLLECTIVES, DEPARTMENT_BUREAUS, personByFrusId } from './tables';
import { sentenceEnd, sentences, type Flat, type Span } from './text';

/**
 * The FRUS source note (`head/note[@type='source']`, DOMAIN.md §0): archival source, then the
 * markings "classification; precedence; handling", then "Drafted by … cleared by/with …
 * approved by …", "Repeated to …", "Also sent to …", "Received … at … and passed to …" in free
 * text. The editors phrased these many ways over the decades (docs/FRUS.md "Source notes"); this
 * module reads the text only, and names stay names: telegram.ts resolves them (resolve.ts).
 */

/** A person or office named in the drafting chain. */
export type Party = {
  name: string;
  /** A directory key, when the note's persName carries a FRUS id this importer knows. */
  person?: string;
  /** An office code ("EUR", "EUR/SES", "GTI"): the name itself is an office. */
  office?: string;
  /** "Siscoe (EUR/SES)": the office the person acted for. */
  officeOf?: string;
  /** "Bohlen (in substance)": a clearance in substance (SUBST). */
  substance?: boolean;
};

/** A station or collective named in "Repeated to" / "Also sent to" / "passed to", as printed. */
export type Destination = {
  name: string;
  /** The post's name ("Paris" in "Paris for USRO" when USRO is a person's office… see telegram.ts). */
  post?: string;
  plad?: string;
  collective?: string;
  /** "all other NATO capitals": members already addressed are exempt. */
  others?: boolean;
  /** "Paris for Bohlen", "White House exclusive for Bundy": the persons the copy is for (names). */
  for?: string[];
};

export type EyesOnlyFor = 'principals' | ReadonlyArray<string>;

export type SourceNote = {
  text: string;
  classification: Classification | null;
  precedence: Precedence;
  niact: boolean;
  captions: Caption[];
  dissem: DissemControl[];
  /** Handling words kept without a caption ("Verbatim Text", "Exclusive", "Elite"). */
  handling: string[];
  /** Names from an "Eyes Only for …" marking. */
  eyesOnlyFor: string[];
  draftedBy: Party[];
  clearedBy: Party[];
  approvedBy: Party[];
  repeated: {
    text: string;
    to: Destination[];
    eyesOnly: EyesOnlyFor | null;
    /** "Received at … and repeated to …": the receiving post repeated it, not the originator. */
    byReceiver: boolean;
  } | null;
  alsoSentTo: Destination[];
  /** "Received … and passed to …", "Passed to …": passes by the receiving post. */
  passedTo: Destination[];
  /** "The source text is the copy sent by the JCS to the Department of State exclusive for …". */
  copySent: { by: string; to: Destination } | null;
  received: {
    text: string;
    hour: number;
    minute: number;
    month: number | null;
    day: number | null;
    zulu: boolean;
  } | null;
  fileRef: string | null;
  /** What was read by inference (a typo, a phrase read as a caption). */
  inferred: string[];
  warnings: string[];
};

const CLASSIFICATION_WORDS: ReadonlyArray<[RegExp, Classification]> = [
  [/^top secret$/i, 'TOP_SECRET'],
  [/^secret$/i, 'SECRET'],
  [/^confidential$/i, 'CONFIDENTIAL'],
  // LOU was an administrative control, not a classification (DOMAIN.md §1.3, rule 2).
  [/^limited official use$/i, 'LOU'],
  [/^official use only$/i, 'LOU'],
  [/^unclassified$/i, 'UNCLASSIFIED'],
  [/^no classification marking$/i, 'UNCLASSIFIED'],
];

/** DOMAIN.md §1.2: NIACT is IMMEDIATE plus the night-action flag. */
const PRECEDENCE_WORDS: ReadonlyArray<[RegExp, Precedence, boolean]> = [
  [/^niact(?: immediate)?$/i, 'IMMEDIATE', true],
  [/^flash$/i, 'FLASH', false],
  [/^(?:operational )?immediate$/i, 'IMMEDIATE', false],
  [/^priority$/i, 'PRIORITY', false],
  [/^routine$/i, 'ROUTINE', false],
];

/** DOMAIN.md §1.7: handling words of FRUS source notes → captions. */
const CAPTION_WORDS: ReadonlyArray<[RegExp, Caption]> = [
  [/^eyes only$/i, 'EYES_ONLY'],
  [/^(?:nodis|no distribution)$/i, 'NODIS'],
  [/^(?:exdis|exclusive distribution(?: only)?)$/i, 'EXDIS'],
  [/^(?:limdis|limit(?:ed)? distribution(?: only)?)$/i, 'LIMDIS'],
  [/^(?:stadis|state distribution only)$/i, 'STADIS'],
  [/^cherokee$/i, 'CHEROKEE'],
  [/^roger(?: channel)?$/i, 'ROGER'],
  [/^official[- ]informal$/i, 'OFFICIAL_INFORMAL'],
];

function classificationOf(word: string): Classification | null {
  for (const [re, c] of CLASSIFICATION_WORDS) if (re.test(word)) return c;
  return null;
}

const CLASS_RE =
  /(^|[\s.:;(])(Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified|No classification marking)([a-z]?)(?=\s*[;.]|\s+[A-Z][a-z]+[;.]|$)/g;

/**
 * The markings "Classification; precedence; handling." The archival source before them may hold
 * full stops ("Vol. I.") or none at all ("POL 26 S VIET Secret; Flash."), and the print has typos
 * ("Secreti Priority." for "Secret; Priority."): the first classification word followed by ";",
 * "." or a capitalised marking word starts them, and they run to the end of that sentence.
 */
function markings(note: SourceNote): void {
  const text = note.text;
  CLASS_RE.lastIndex = 0;
  const m = CLASS_RE.exec(text);
  if (!m) return;
  const start = m.index + m[1]!.length;
  const afterWord = start + m[2]!.length + m[3]!.length;
  let end = text.indexOf('.', afterWord);
  if (end < 0) end = text.length;
  const tail = text.slice(afterWord, end);
  note.classification = classificationOf(m[2]!);
  if (m[3]) {
    note.inferred.push(
      `markings "${text.slice(start, end).trim()}" read as "${m[2]}${tail.trim() ? `; ${tail.trim()}` : ''}" (a printed typo)`,
    );
  } else if (tail.trim() && !tail.trim().startsWith(';')) {
    note.inferred.push(`markings "${text.slice(start, end).trim()}": a marking without its semicolon`);
  }
  const words = tail
    .split(/\s*;\s*/)
    .map((w) => w.trim())
    .filter(Boolean);
  for (const w of words) {
    const p = PRECEDENCE_WORDS.find(([re]) => re.test(w));
    if (p) {
      if (precedenceRank(p[1]) > precedenceRank(note.precedence)) note.precedence = p[1];
      note.niact = note.niact || p[2];
      continue;
    }
    const eyesFor = /^eyes only for\s+(.+)$/i.exec(w);
    if (eyesFor) {
      if (!note.captions.includes('EYES_ONLY')) note.captions.push('EYES_ONLY');
      note.eyesOnlyFor.push(...segments(eyesFor[1]!, 0).map((x) => x.text));
      continue;
    }
    const c = CAPTION_WORDS.find(([re]) => re.test(w));
    if (c) {
      if (!note.captions.includes(c[1])) note.captions.push(c[1]);
      continue;
    }
    // "Nodis-TAG", "Exdis-TAG" (1964): the caption with a distribution tag of its own.
    const tagged = /^(nodis|exdis|limdis)-(\w+)$/i.exec(w);
    if (tagged) {
      const cap = tagged[1]!.toUpperCase() as Caption;
      if (!note.captions.includes(cap)) note.captions.push(cap);
      note.handling.push(w);
      note.inferred.push(`"${w}" read as the caption ${cap}; the tag "${tagged[2]}" is kept in the source note`);
      continue;
    }
    // "No Distribution Outside Department" restricts distribution to the Department: STADIS
    // ("State Distribution Only", DOMAIN.md §1.7).
    if (/^no distribution outside (?:the )?department$/i.test(w)) {
      if (!note.captions.includes('STADIS')) note.captions.push('STADIS');
      note.inferred.push(`"${w}" read as STADIS (State Distribution Only)`);
      continue;
    }
    if (/^noforn$/i.test(w)) {
      if (!note.dissem.includes('NOFORN')) note.dissem.push('NOFORN'); // DOMAIN.md rule 20
      continue;
    }
    if (/^(?:verbatim text|exclusive|elite|personal)$/i.test(w)) {
      note.handling.push(w);
      note.inferred.push(`"${w}": a handling instruction without a caption of its own, kept in the source note`);
      continue;
    }
    note.warnings.push(`marking "${w}" in the source note has no equivalent here and was left out`);
  }
  note.captions.sort((a, b) => CAPTION_ORDER.indexOf(a) - CAPTION_ORDER.indexOf(b));
}

const CAPTION_ORDER: ReadonlyArray<Caption> = ['NODIS', 'EXDIS', 'LIMDIS', 'STADIS', 'EYES_ONLY'];

const CLAUSE =
  /\b(drafted and approved by|drafted and initialed by|drafted by|initialed by|cleared (?:in draft )?(?:by|with)|concurred in by|approved (?:in draft )?by)\s+/gi;

/** Splits a list of names ("Bundy and U. Alexis Johnson, ") into trimmed segments with offsets. */
function segments(text: string, offset: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const sep = /\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/g;
  let last = 0;
  let depth = 0;
  const push = (a: number, b: number): void => {
    const raw = text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim().replace(/[.,;]+$/, '');
    if (t) out.push({ start: offset + a + lead, end: offset + a + lead + t.length, text: t });
  };
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    // Not inside parentheses: "(EUR/SES, EUR/SOV)".
    depth = (text.slice(0, m.index).match(/\(/g) ?? []).length - (text.slice(0, m.index).match(/\)/g) ?? []).length;
    if (depth > 0) continue;
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  return out;
}

const OFFICE_CODE = /^[A-Z]{1,5}(?:\/[A-Z]{1,5})*$/;

/** A name in the drafting chain: a person (maybe with an office in parentheses) or an office. */
function party(seg: { start: number; end: number; text: string }, spans: ReadonlyArray<Span>): Party {
  let name = seg.text.replace(/^the\s+/i, '');
  const out: Party = { name };
  const paren = /\s*\(([^)]*)\)$/.exec(name);
  if (paren) {
    name = name.slice(0, paren.index).trim();
    out.name = name;
    if (/^in substance$/i.test(paren[1]!.trim())) out.substance = true;
    else if (OFFICE_CODE.test(paren[1]!.trim())) out.officeOf = paren[1]!.trim();
  }
  // "Bundy for the White House": the person, acting for an office.
  const acting = /^(.+?)\s+for\s+(?:the\s+)?(.+)$/.exec(name);
  if (acting && /^[A-Z]/.test(acting[1]!)) {
    name = acting[1]!;
    out.name = name;
  }
  const inside = spans.filter((s) => s.start < seg.end && s.end > seg.start);
  const pers = inside.find((s) => s.el.name === 'persName');
  const byId = personByFrusId(pers?.el.attrs.corresp);
  if (byId) out.person = byId;
  else if (name.toUpperCase() === name && OFFICE_CODE.test(name)) out.office = name;
  return out;
}

/** "McGeorge and William Bundy": a lone given name before "and <Given> <Surname>" takes the surname. */
function shareSurnames(segs: { start: number; end: number; text: string }[]): void {
  for (let i = 0; i + 1 < segs.length; i += 1) {
    const a = segs[i]!;
    const b = segs[i + 1]!.text.split(/\s+/);
    if (/^(?:McGeorge|William|Robert|John|Edward|Walt|Eugene|Henry)$/.test(a.text) && b.length >= 2) {
      a.text = `${a.text} ${b[b.length - 1]}`;
    }
  }
}

function drafting(note: SourceNote, flat: Flat): void {
  const text = note.text;
  const hits: { index: number; end: number; keyword: string }[] = [];
  CLAUSE.lastIndex = 0;
  for (let m = CLAUSE.exec(text); m !== null; m = CLAUSE.exec(text)) {
    hits.push({ index: m.index, end: m.index + m[0].length, keyword: m[1]!.toLowerCase() });
  }
  hits.forEach((h, i) => {
    const sentenceStop = sentenceEnd(text, h.end);
    const next = hits[i + 1]?.index ?? text.length;
    const stop = Math.min(sentenceStop, next);
    let clause = text.slice(h.end, stop);
    clause = clause.replace(/[\s,;]*(?:\band)?[\s,;]*\.?\s*$/i, '');
    // "Drafted by Kohler on January 23": the date is not a name.
    clause = clause.replace(/\s+on\s+(?:[A-Z][a-z]+\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]+)\b/g, (d) =>
      ' '.repeat(d.length),
    );
    const segs = segments(clause, h.end);
    shareSurnames(segs);
    const parties = segs.map((seg) => party(seg, flat.spans));
    if (h.keyword === 'drafted and approved by') {
      note.draftedBy.push(...parties);
      note.approvedBy.push(...parties.map((p) => ({ ...p })));
    } else if (h.keyword.startsWith('drafted') || h.keyword === 'initialed by') note.draftedBy.push(...parties);
    else if (h.keyword.startsWith('approved')) note.approvedBy.push(...parties);
    else note.clearedBy.push(...parties);
  });
}

/** "Paris for USRO", "New York", "all other NATO capitals", "the White House exclusive for Bundy". */
export function destination(raw: string): Destination {
  const name = raw
    .trim()
    .replace(/^(?:and\s+)?(?:to\s+)?(?:the\s+)?/i, '')
    .replace(/\s+(?:for\s+)?info(?:rmation)?$/i, '')
    .replace(/[.,;]+$/, '');
  for (const c of COLLECTIVES) {
    const m = c.pattern.exec(name);
    if (m) return { name, collective: c.name, others: m[1] !== undefined };
  }
  const form = /^(.+?)\s+(?:exclusive\s+|eyes only\s+)?for\s+(.+)$/i.exec(name);
  if (form) return { name, post: form[1]!, for: [form[2]!.replace(/^the\s+/i, '')] };
  return { name, post: name };
}

function destinations(text: string): Destination[] {
  const out: Destination[] = [];
  for (const s of segments(text, 0)) {
    // "Paris, also for USRO": a second addressee.
    const also = /^also\s+(?:for|to)\s+(.+)$/i.exec(s.text);
    if (also) {
      out.push(destination(also[1]!));
      continue;
    }
    out.push(destination(s.text));
  }
  // "Paris for Under Secretary Ball and USRO": the "and" split the for-list; a name that is an
  // office or a mission goes back to being its own addressee.
  return out;
}

/** "eyes only info Ambassadors" / "eyes only for Bohlen" inside a repeat line. */
function eyesOnlyPhrase(text: string): { rest: string; eyesOnly: EyesOnlyFor | null } {
  // Case-sensitive on purpose: names after "for" start with a capital.
  const m =
    /\s*\b[Ee]yes [Oo]nly\b(?:\s+(?:info|for))?(?:\s+((?:Ambassadors?|principals|Chiefs? of Mission)\b|[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*)*))?/.exec(
      text,
    );
  if (!m) return { rest: text, eyesOnly: null };
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
  const who = m[1];
  if (!who || /^(?:Ambassadors?|principals|Chiefs? of Mission)$/i.test(who)) return { rest, eyesOnly: 'principals' };
  return { rest, eyesOnly: segments(who, 0).map((s) => s.text) };
}

/** The sentence (from `index` to its full stop) as text without the final stop. */
function clauseAt(text: string, index: number): string {
  return text.slice(index, sentenceEnd(text, index)).trim();
}

function routing(note: SourceNote): void {
  const text = note.text;
  const repeated = /\brepeated to\s+/i.exec(text);
  if (repeated) {
    const sentence = clauseAt(text, repeated.index);
    const from = sentenceStart(text, repeated.index);
    const whole = text.slice(from, sentenceEnd(text, repeated.index)).trim();
    const list = sentence
      .slice(repeated[0].length)
      .replace(/\.$/, '')
      .replace(/\.?\s+(?:Received|Passed)\b.*$/, '');
    const { rest, eyesOnly } = eyesOnlyPhrase(list);
    note.repeated = {
      text: whole,
      to: destinations(rest),
      eyesOnly,
      byReceiver: /^received\b/i.test(whole),
    };
  }
  const also = /\balso sent to\s+/i.exec(text);
  if (also) {
    const list = clauseAt(text, also.index)
      .slice(also[0].length)
      .replace(/\.$/, '')
      .replace(/,?\s+and repeated to\b.*$/i, '');
    note.alsoSentTo = destinations(list);
  }
  for (const m of text.matchAll(/\bpassed to\s+/gi)) {
    const list = clauseAt(text, m.index)
      .slice(m[0].length)
      .replace(/\.$/, '')
      .replace(/\s+at\s+\d{1,2}(?::\d{2})?\s*[ap]\.\s?m\.?.*$/i, '')
      .replace(/\s+at\s+\d{4}Z.*$/i, '')
      .replace(/\s+on\s+[A-Z][a-z]+\s+\d{1,2}(?:,\s*\d{4})?.*$/, '');
    note.passedTo.push(...destinations(list));
  }
  const copy = /\bcopy sent by (?:the\s+)?(.+?) to (?:the\s+)?(.+?)(?:\.\s|\.$|$)/i.exec(text);
  if (copy) note.copySent = { by: copy[1]!, to: destination(copy[2]!) };
}

function sentenceStart(text: string, index: number): number {
  let start = 0;
  for (const s of sentences(text)) {
    if (s.start > index) break;
    start = s.start;
  }
  return start;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "Received at 2:14 p.m.", "Received in the Department of State at 3:44 p.m.", "Received at 1602Z". */
function received(note: SourceNote): void {
  const m = /\breceived (?:at|in)\b/i.exec(note.text);
  if (!m) return;
  const clause = clauseAt(note.text, m.index);
  const zulu = /\bat\s+(\d{2})(\d{2})Z\b/.exec(clause);
  const time = /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.\s?m\.?/i.exec(clause);
  const noon = /\bnoon\b/i.test(clause);
  const midnight = /\bmidnight\b/i.test(clause);
  if (!zulu && !time && !noon && !midnight) return;
  let hour = 12;
  let minute = 0;
  if (zulu) {
    hour = Number(zulu[1]);
    minute = Number(zulu[2]);
  } else if (time) {
    hour = Number(time[1]) % 12;
    if (time[3]!.toLowerCase() === 'p') hour += 12;
    minute = time[2] ? Number(time[2]) : 0;
  } else if (midnight) hour = 0;
  const date = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2})\\b`, 'i').exec(clause);
  note.received = {
    text: clause,
    hour,
    minute,
    month: date ? MONTHS.indexOf(date[1]!.toLowerCase()) : null,
    day: date ? Number(date[2]) : null,
    zulu: zulu !== null,
  };
}

function fileRef(note: SourceNote): void {
  const decimal = /\bCentral Files,\s*(\d{3}\.[0-9A-Za-z-]+\/\d{1,2}-\d{3,4})/.exec(note.text);
  // Subject-numeric files ("POL 23–8 CYP", "POL 26 S VIET", "POL CAMB-S VIET"): up to the full
  // stop or, when the print lost it, up to the classification word.
  const subject =
    /\bCentral Files,\s*([A-Z]{2,5}\b[^.;]*?)\s*(?:[.;]\s|[.;]?$|\s(?=(?:Top Secret|Secret|Confidential|Unclassified|Limited Official Use)\b))/.exec(
      note.text,
    );
  note.fileRef = (decimal?.[1] ?? subject?.[1])?.replace(/,$/, '').trim() ?? null;
}

/** Parses a source note, given as flattened text with the spans of its persName/gloss elements. */
export function parseSourceNote(flat: Flat): SourceNote {
  const note: SourceNote = {
    text: flat.text,
    classification: null,
    precedence: 'ROUTINE',
    niact: false,
    captions: [],
    dissem: [],
    handling: [],
    eyesOnlyFor: [],
    draftedBy: [],
    clearedBy: [],
    approvedBy: [],
    repeated: null,
    alsoSentTo: [],
    passedTo: [],
    copySent: null,
    received: null,
    fileRef: null,
    inferred: [],
    warnings: [],
  };
  markings(note);
  drafting(note, flat);
  routing(note);
  received(note);
  fileRef(note);
  return note;
}

/** Bureaus whose sub-offices ("EUR/RPM") clear as the bureau in the seed directory. */
export const BUREAUS = DEPARTMENT_BUREAUS;
