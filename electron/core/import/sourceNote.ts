import type { Caption } from '../../domain/captions';
import type { Classification } from '../../domain/classification';
import { precedenceRank, type Precedence } from '../../domain/precedence';
import {
  COLLECTIVES,
  DEPARTMENT_BUREAUS,
  DEPARTMENT_OFFICES,
  personByFrusId,
  personByName,
  stationByAlias,
} from './tables';
import { sentenceEnd, sentences, type Flat, type Span } from './text';

/**
 * The FRUS source note (`head/note[@type='source']`, DOMAIN.md §0): archival source, then the
 * markings "classification; precedence; handling", then "Drafted by … cleared by/with …
 * approved by …", "Repeated to …", "Also sent to …", "Received … at …" in free text.
 */

/** A person or office named in the drafting chain; `person`/`office` when the directory knows it. */
export type Party = { name: string; person?: string; office?: string };

/** A station or collective named in "Repeated to" / "Also sent to". */
export type Destination = {
  name: string;
  plad?: string;
  collective?: string;
  /** "all other NATO capitals": members already addressed are exempt. */
  others?: boolean;
  /** "Paris for Bohlen": the person the copy is for. */
  for?: string[];
};

export type EyesOnlyFor = 'principals' | ReadonlyArray<string>;

export type SourceNote = {
  text: string;
  classification: Classification | null;
  precedence: Precedence;
  niact: boolean;
  captions: Caption[];
  /** Names from an "Eyes Only for …" marking. */
  eyesOnlyFor: string[];
  draftedBy: Party[];
  clearedBy: Party[];
  approvedBy: Party[];
  repeated: { text: string; to: Destination[]; eyesOnly: EyesOnlyFor | null } | null;
  alsoSentTo: Destination[];
  received: { text: string; hour: number; minute: number; month: number | null; day: number | null } | null;
  fileRef: string | null;
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

/**
 * The markings: "Classification; precedence; handling." right after a full stop or colon (the
 * archival source before it may hold full stops of its own: "Vol. I.").
 */
const MARKINGS =
  /(?:^|[.:]\s*)((?:Top Secret|Secret|Confidential|Limited Official Use|Official Use Only|Unclassified|No classification marking)(?:\s*;\s*[^.;]+)*)\.(?=\s|$)/i;

function markings(note: SourceNote): void {
  const m = MARKINGS.exec(note.text);
  if (!m) return;
  const words = m[1]!
    .split(/\s*;\s*/)
    .map((w) => w.trim())
    .filter(Boolean);
  note.classification = classificationOf(words[0]!);
  for (const w of words.slice(1)) {
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
    note.warnings.push(`marking "${w}" in the source note has no equivalent here and was left out`);
  }
}

const CLAUSE =
  /\b(drafted and initialed by|drafted by|initialed by|cleared (?:in draft )?(?:by|with)|concurred in by|approved (?:in draft )?by)\s+/gi;

/** Splits a list of names ("Bundy and U. Alexis Johnson, ") into trimmed segments with offsets. */
function segments(text: string, offset: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const sep = /\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*/g;
  let last = 0;
  const push = (a: number, b: number): void => {
    const raw = text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim().replace(/[.,;]+$/, '');
    if (t) out.push({ start: offset + a + lead, end: offset + a + lead + t.length, text: t });
  };
  for (let m = sep.exec(text); m !== null; m = sep.exec(text)) {
    push(last, m.index);
    last = m.index + m[0].length;
  }
  push(last, text.length);
  return out;
}

const OFFICE_CODE = /^[A-Z]{1,5}(?:\/[A-Z]{1,5})*$/;

/** A name in the drafting chain → a directory person or office, or just the name. */
function party(seg: { start: number; end: number; text: string }, spans: ReadonlyArray<Span>, note: SourceNote): Party {
  const name = seg.text.replace(/^the\s+/i, '');
  const inside = spans.filter((s) => s.start < seg.end && s.end > seg.start);
  const pers = inside.find((s) => s.el.name === 'persName');
  if (pers) {
    const corresp = pers.el.attrs.corresp;
    const byId = personByFrusId(corresp);
    if (byId) return { name, person: byId };
    // An id this importer does not know may be someone else of the same surname: full names only.
    const byName = corresp ? fullNameOnly(name) : personByName(name);
    if (byName) return { name, person: byName };
    note.warnings.push(`"${name}" is not in the directory: kept by name only`);
    return { name };
  }
  const code = name.toUpperCase() === name ? name : '';
  if (code && OFFICE_CODE.test(code)) {
    if (DEPARTMENT_OFFICES.includes(code)) return { name, office: code };
    const bureau = code.split('/')[0]!;
    if (code.includes('/') && DEPARTMENT_BUREAUS.includes(bureau)) {
      note.warnings.push(`office ${code} is not in the directory: recorded as its bureau ${bureau}`);
      return { name, office: bureau };
    }
    note.warnings.push(`office "${code}" is not in the directory: kept by name only`);
    return { name };
  }
  const person = personByName(name);
  if (person) return { name, person };
  note.warnings.push(`"${name}" is not in the directory: kept by name only`);
  return { name };
}

function fullNameOnly(name: string): string | undefined {
  const key = personByName(name);
  return key && name.trim().includes(' ') ? key : undefined;
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
    const parties = segments(clause, h.end).map((seg) => party(seg, flat.spans, note));
    if (h.keyword.startsWith('drafted') || h.keyword === 'initialed by') note.draftedBy.push(...parties);
    else if (h.keyword.startsWith('approved')) note.approvedBy.push(...parties);
    else note.clearedBy.push(...parties);
  });
}

/** "Paris for USRO", "New York", "all other NATO capitals" → a destination. */
export function destination(raw: string, warnings: string[]): Destination {
  const name = raw
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/\s+(?:for\s+)?info(?:rmation)?$/i, '')
    .replace(/[.,;]+$/, '');
  for (const c of COLLECTIVES) {
    const m = c.pattern.exec(name);
    if (m) return { name, collective: c.name, others: m[1] !== undefined };
  }
  const direct = stationByAlias(name);
  if (direct) return { name, plad: direct.plad };
  const form = /^(.+?)\s+for\s+(.+)$/i.exec(name);
  if (form) {
    const target = stationByAlias(form[2]!);
    if (target) return { name, plad: target.plad };
    const station = stationByAlias(form[1]!);
    const person = personByName(form[2]!);
    if (station) return { name, plad: station.plad, ...(person ? { for: [person] } : {}) };
  }
  warnings.push(`"${name}" is not a station of the directory: left out of the routing`);
  return { name };
}

function destinations(text: string, warnings: string[]): Destination[] {
  return segments(text, 0).map((s) => destination(s.text, warnings));
}

/** "eyes only info Ambassadors" / "eyes only for Bohlen" inside a repeat line. */
function eyesOnlyPhrase(text: string, warnings: string[]): { rest: string; eyesOnly: EyesOnlyFor | null } {
  // Case-sensitive on purpose: names after "for" start with a capital.
  const m =
    /\s*\b[Ee]yes [Oo]nly\b(?:\s+(?:info|for))?(?:\s+((?:Ambassadors?|principals|Chiefs? of Mission)\b|[A-Z][\w.’'-]*(?:\s+(?:and\s+)?[A-Z][\w.’'-]*)*))?/.exec(
      text,
    );
  if (!m) return { rest: text, eyesOnly: null };
  const rest = (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim();
  const who = m[1];
  if (!who || /^(?:Ambassadors?|principals|Chiefs? of Mission)$/i.test(who)) return { rest, eyesOnly: 'principals' };
  const keys = segments(who, 0)
    .map((s) => personByName(s.text))
    .filter((k): k is string => k !== undefined);
  if (keys.length === 0) {
    warnings.push(`repeat "eyes only" for "${who}": not in the directory, taken as the principals`);
    return { rest, eyesOnly: 'principals' };
  }
  return { rest, eyesOnly: keys };
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
    const whole = text.slice(sentenceStart(text, repeated.index), sentenceEnd(text, repeated.index)).trim();
    const list = sentence.slice(repeated[0].length).replace(/\.$/, '');
    const { rest, eyesOnly } = eyesOnlyPhrase(list, note.warnings);
    note.repeated = { text: whole, to: destinations(rest, note.warnings), eyesOnly };
  }
  const also = /\balso sent to\s+/i.exec(text);
  if (also) {
    const list = clauseAt(text, also.index)
      .slice(also[0].length)
      .replace(/\.$/, '')
      .replace(/,?\s+and repeated to\b.*$/i, '');
    note.alsoSentTo = destinations(list, note.warnings);
  }
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

function received(note: SourceNote): void {
  const m = /\breceived\b/i.exec(note.text);
  if (!m) return;
  const clause = clauseAt(note.text, m.index);
  const time = /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.\s?m\./i.exec(clause);
  const noon = /\bnoon\b/i.test(clause);
  const midnight = /\bmidnight\b/i.test(clause);
  if (!time && !noon && !midnight) return;
  let hour = 12;
  let minute = 0;
  if (time) {
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
  };
}

function fileRef(note: SourceNote): void {
  const decimal = /\bCentral Files,\s*(\d{3}\.[0-9A-Za-z]+\/\d{1,2}-\d{3,4})/.exec(note.text);
  const subject = /\bCentral Files,\s*([A-Z]{2,5}(?: \d+(?:-\d+)*)?(?: [A-Z][A-Za-z-]{1,10})?)(?=[.;,)]|$)/.exec(
    note.text,
  );
  note.fileRef = decimal?.[1] ?? subject?.[1] ?? null;
}

/** Parses a source note, given as flattened text with the spans of its persName/gloss elements. */
export function parseSourceNote(flat: Flat): SourceNote {
  const note: SourceNote = {
    text: flat.text,
    classification: null,
    precedence: 'ROUTINE',
    niact: false,
    captions: [],
    eyesOnlyFor: [],
    draftedBy: [],
    clearedBy: [],
    approvedBy: [],
    repeated: null,
    alsoSentTo: [],
    received: null,
    fileRef: null,
    warnings: [],
  };
  markings(note);
  drafting(note, flat);
  routing(note);
  received(note);
  fileRef(note);
  return note;
}
