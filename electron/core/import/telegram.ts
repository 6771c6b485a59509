import { CAPTIONS, type Caption, type DissemControl } from '../../domain/captions';
import type { EraProfile } from '../../domain/cable';
import type { Classification, PortionMark } from '../../domain/classification';
import { formatDtg } from '../../domain/dtg';
import type { Precedence } from '../../domain/precedence';
import { cableInputSchema, type CableInput, type CableInputAddressee, type EyesOnlyInput } from '../cables/cableInput';
import { isTelegramHead, readHead } from './head';
import { localToUtc, offsetMinutes } from './localTime';
import { commandByName, zoneOfCity } from './places';
import { Resolver, type DirectoryNeeds } from './resolve';
import { parseSourceNote, type Destination, type Party, type SourceNote } from './sourceNote';
import { COLLECTIVES, DEPARTMENT_OFFICES, SERIES, personByFrusId, stationByPlad, type StationEntry } from './tables';
import { childElements, findAll, type RawDocument, type TeiElement } from './teiReader';
import { blockText, flattenInline, sentenceEnd, type Flat } from './text';

/**
 * Maps one FRUS TEI telegram to the structured released-cable format (`CableInput`), the
 * directory entries it needs (`DirectoryNeeds`: posts, people, offices and collectives the
 * database may lack) and the report the CLI prints (`ImportedTelegram`). Pure: no database. See
 * importFrus for writing, docs/FRUS.md for the rules.
 *
 * Reference rule (cables.ref is unique):
 * - a series telegram: "<SERIES> <n>" ("TOPOL 578"), as the seed;
 * - a numbered telegram from a post to the Department: "<POST> <n>" ("MOSCOW 1042", "USUN 1484"),
 *   and the same number is its MRN (station, year, serial; DOMAIN.md §1.10);
 * - a Critic (flash intelligence report): "<POST> CRITIC <n>" ("ANKARA CRITIC 2");
 * - a circular: "STATE CIRCULAR <n>";
 * - a military message: its own number ("MAC J00 8512");
 * - any other numbered telegram: "<ORIGIN> <n> TO <ADDRESSEE>" ("STATE 445 TO ANKARA"): in the
 *   1960s the Department numbered its telegrams per receiving post ("Telegram 865 to Rome"), so
 *   the number alone is not unique;
 * - a telegram without a number: "<VOLUME> D<doc>" ("FRUS1961-63V11 D7").
 * Numbers restart each year, so two years of one volume can collide: importFrus reports that.
 */

export type ImportedParagraph = { n: number | null; portion: PortionMark; fyi: boolean; text: string };
export type Footnote = { n: string | null; paragraph: number | null; text: string };

/** A destination of the report, with the PLAD or collective it was resolved to. */
export type RoutedTo = { name: string; plad?: string; collective?: string; for?: string[] };

/** A drafting-chain party of the report: the name as printed and the directory key or office. */
export type ChainParty = { name: string; person?: string; office?: string; substance?: boolean };

/** The JSON the CLI prints for an imported telegram (`--json`). */
export type ImportedTelegram = {
  source: { volume: string; doc: number; file: string };
  ref: string;
  series: string | null;
  serial: number | null;
  dtg: string;
  /** The sending time, ISO UTC. */
  sentAt: string;
  /** The dateline's local time as FRUS gives it. */
  localTime: string;
  /** How the sending time was found: the dateline's own offset, or the zone of a place. */
  timeBasis: string;
  received: string | null;
  /** When "Received … at …" gives a time: ISO UTC. */
  receivedAt: string | null;
  subject: string;
  classification: Classification;
  precedence: Precedence;
  niact: boolean;
  captions: Caption[];
  dissem: DissemControl[];
  /** Handling words kept without a caption ("Verbatim Text"). */
  handling: string[];
  /** Directory keys of the Eyes Only persons, or ["principals"]; empty when not Eyes Only. */
  eyesOnlyFor: string[];
  from: string;
  /** The person named at the originating end of the head, as a directory key. */
  fromPerson: string | null;
  /** Action addressees: PLADs and collectives ("collective:NAME"). */
  to: string[];
  /** Persons a copy is for, per action addressee PLAD. */
  for: Record<string, string[]>;
  alsoSentTo: RoutedTo[];
  pass: { by: string; to: string }[];
  repeatedTo: RoutedTo[];
  /** Each repeat transmission: who repeated it and to whom. */
  repeats: { by: string; to: string[] }[];
  draftedBy: ChainParty[];
  clearedBy: ChainParty[];
  approvedBy: ChainParty[];
  signedBy: { name: string; person?: string } | null;
  slugs: string[];
  references: string[];
  fileRef: string | null;
  paragraphs: ImportedParagraph[];
  footnotes: Footnote[];
  /** What was inferred rather than read (a derived PLAD, a time zone, a typo read through). */
  inferred: string[];
  /** What could not be mapped (a name left out of the routing…). */
  warnings: string[];
  /** Directory entries this import created (filled by importFrus). */
  created: string[];
};

export type ParsedDocument =
  | { ok: true; doc: number; volume: string; cable: CableInput; report: ImportedTelegram; needs: DirectoryNeeds }
  | { ok: false; doc: number; volume: string; reason: string; notTelegram?: true };

class MappingError extends Error {}

const fail = (reason: string): never => {
  throw new MappingError(reason);
};

const PORTION: Record<Classification, PortionMark> = {
  UNCLASSIFIED: 'U',
  UNCLAS_EFTO: 'U',
  SBU: 'U',
  LOU: 'U',
  CONFIDENTIAL: 'C',
  SECRET: 'S',
  TOP_SECRET: 'TS',
};

function docNumber(div: TeiElement): number {
  const n = Number.parseInt(div.attrs.n ?? '', 10);
  if (Number.isFinite(n)) return n;
  const id = /(\d+)/.exec(div.attrs['xml:id'] ?? '');
  return id ? Number(id[1]) : 0;
}

const isNote = (e: TeiElement): boolean => e.name === 'note';

const COMPLETE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The dateline (anywhere in the document: older volumes have no `opener`). */
function dateline(div: TeiElement): { when: string | undefined; place: string | null; text?: string } {
  const lines = findAll(div, (e) => e.name === 'dateline');
  for (const d of lines) {
    const date = findAll(d, (e) => e.name === 'date').find((x) => x.attrs.when !== undefined);
    const placeEl = findAll(d, (e) => e.name === 'placeName')[0];
    const place = placeEl
      ? flattenInline(placeEl).text
      : (/^([A-Z][A-Za-z .’'-]+?),/.exec(flattenInline(d, { skip: isNote }).text)?.[1] ?? null);
    if (date) {
      return {
        when: date.attrs.when ?? date.attrs.from ?? date.attrs.notBefore,
        place,
        text: flattenInline(date, { skip: isNote }).text,
      };
    }
    if (place) return { when: undefined, place };
  }
  return { when: undefined, place: null };
}

/**
 * The sending time (issue 12 item 1): the dateline's date/@when with its offset; a local time
 * without one in the zone of the dateline's place, else of the originator's city (places.ts,
 * through Intl); else FRUS's normalised frus:doc-dateTime-min; else the time read as Washington's.
 * Each fallback is said in `inferred`.
 */
function sendingTime(
  div: TeiElement,
  from: StationEntry,
  inferred: string[],
): { at: Date; local: string; basis: string } {
  const line = dateline(div);
  const { place } = line;
  const when = checkedAgainstText(line.when, line.text, inferred);
  if (when && COMPLETE.test(when) && !Number.isNaN(Date.parse(when))) {
    return { at: new Date(when), local: when, basis: 'the dateline gives its offset' };
  }
  const min = div.attrs['frus:doc-dateTime-min'];
  if (when && DATE_ONLY.test(when) && min && COMPLETE.test(min)) {
    inferred.push(`time: the dateline gives a date only ("${when}"); FRUS's normalised ${min} is used`);
    return { at: new Date(min), local: min, basis: 'frus:doc-dateTime-min' };
  }
  const local = when && (LOCAL.test(when) ? when : DATE_ONLY.test(when) ? `${when}T12:00:00` : null);
  if (local) {
    const placeZone = zoneOfCity(place);
    const zone = placeZone ?? zoneOfCity(from.city) ?? null;
    if (zone) {
      const t = localToUtc(local, zone)!;
      const where = placeZone ? `the dateline's place, ${place}` : `the originator's city, ${from.city}`;
      const basis = `local time in ${zone} (${where}), UTC${t.offset} on that date`;
      if (!placeZone)
        inferred.push(`time: the dateline's place ${place ? `"${place}" ` : ''}is not known here; ${basis}`);
      else inferred.push(`time: ${basis}`);
      if (local !== when) inferred.push('time: the dateline gives a date only; noon local time assumed');
      return { at: t.at, local: `${local}${t.offset}`, basis };
    }
    if (min && COMPLETE.test(min)) {
      inferred.push(`time: no known time zone for "${place ?? '?'}"; FRUS's normalised ${min} is used`);
      return { at: new Date(min), local: min, basis: 'frus:doc-dateTime-min' };
    }
    const t = localToUtc(local, 'America/New_York')!;
    inferred.push(
      `time: no known time zone for "${place ?? from.plad}"; the local time is read as Washington's (America/New_York, UTC${t.offset}) — an assumption`,
    );
    return { at: t.at, local: `${local}${t.offset}`, basis: 'assumed America/New_York' };
  }
  if (min && COMPLETE.test(min)) {
    inferred.push(`time: no dateline time; FRUS's normalised ${min} is used`);
    return { at: new Date(min), local: min, basis: 'frus:doc-dateTime-min' };
  }
  return fail('no sending date and time (no dateline date/@when, no frus:doc-dateTime-min)');
}

/**
 * The dateline's printed time ("6:25 p.m.", "noon", "1452Z") wins over a @when that contradicts
 * it (frus1961-63v04 d267 encodes "6:25 p.m." as T06:25): the editors' text is the source.
 */
function checkedAgainstText(
  when: string | undefined,
  text: string | undefined,
  inferred: string[],
): string | undefined {
  if (!when || !text) return when;
  const m = /^(\d{4}-\d{2}-\d{2}T)(\d{2}):(\d{2})(.*)$/.exec(when);
  if (!m) return when;
  let hour: number | null = null;
  let minute = 0;
  const t = /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.\s?m\b/i.exec(text);
  if (t) {
    hour = (Number(t[1]) % 12) + (t[3]!.toLowerCase() === 'p' ? 12 : 0);
    minute = t[2] ? Number(t[2]) : 0;
  } else if (/\bnoon\b/i.test(text)) hour = 12;
  else if (/\bmidnight\b/i.test(text)) hour = 0;
  if (hour === null || (hour === Number(m[2]) && minute === Number(m[3]))) return when;
  const fixed = `${m[1]}${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}${m[4]!.replace(/^:\d{2}/, ':00')}`;
  inferred.push(
    `time: the dateline's @when (${when}) disagrees with its text ("${text}"); the text is used (${fixed})`,
  );
  return fixed;
}

/** "Received … at …": Washington local time (America/New_York via Intl), or a Zulu time. */
function receivedAt(note: SourceNote, sent: Date): string | null {
  const r = note.received;
  if (!r) return null;
  const local = new Date(sent.getTime() + (r.zulu ? 0 : offsetMinutes('America/New_York', sent) * 60_000));
  const month = r.month ?? local.getUTCMonth();
  const day = r.day ?? local.getUTCDate();
  const build = (m: number, d: number): Date => {
    const iso = `${local.getUTCFullYear()}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(r.hour).padStart(2, '0')}:${String(r.minute).padStart(2, '0')}:00`;
    return r.zulu ? new Date(`${iso}Z`) : localToUtc(iso, 'America/New_York')!.at;
  };
  let at = build(month, day);
  // Received before it was sent: the next day (the note gives no date).
  if (r.day === null && at < sent) at = new Date(at.getTime() + 86_400_000);
  return at.toISOString();
}

type Slugs = {
  series: string | null;
  serial: number | null;
  /** A military message number ("MAC J00 8512") or a Critic ("CRITIC 2"): the reference itself. */
  ownRef: string | null;
  critic: boolean;
  slugs: string[];
  references: string[];
  forNames: string[];
  /** "Eyes only for Ambassador": the principal of the receiving post. */
  forPrincipal: boolean;
  eyesOnly: boolean;
  passes: { by: string; to: string; for?: string }[];
  rest: string;
};

const REFERENCE_WORD =
  /^(?:(?:Your|My|Our|Re|Ref:?|Reference:?)\s+)?(?:Embtels?|Deptels?|Reftels?|Mytels?|Urtels?|Contels?|Circtels?|Depcirtels?|Septels?|Re|Ref:?|Reference:?|CAS|Critic|[A-Z][a-z]+(?:'s|’s)|[A-Z][a-z]+ tel|Your)\b[\w\s,./()'’[\]-]{0,80}$/;

/** "Eyes only", "Personal", "Exclusive" in front of "for …" (a slug), case as printed. */
const RESTRICT = /^((?:[Ee]yes [Oo]nly|EYES ONLY|[Pp]ersonal|[Ee]xclusive)\s+)?/;

/**
 * The first paragraph: the telegram's number, then slugs ("Topol 578. USRO pass Embassy.",
 * "1180. Eyes only for Ambassador.", "673. For Lodge from Secretary.", "Critic 2.",
 * "MAC J00 8512. Personal for General Taylor and Admiral Felt from General Harkins. Subject: Coup.",
 * "2431. Vanto 29. For Secretary Rusk and Secretary McNamara.").
 */
function serialLine(text: string, military: boolean, warnings: string[]): Slugs {
  const out: Slugs = {
    series: null,
    serial: null,
    ownRef: null,
    critic: false,
    slugs: [],
    references: [],
    forNames: [],
    forPrincipal: false,
    eyesOnly: false,
    passes: [],
    rest: text,
  };
  let m = /^(?:([A-Za-z]{4,6})\s+)?(\d{1,6})\.(?=\s|$)\s*/.exec(text);
  let mil: RegExpExecArray | null = null;
  if (m && m[1] !== undefined && /^critic$/i.test(m[1])) {
    out.critic = true;
    out.serial = Number(m[2]);
    out.ownRef = `CRITIC ${m[2]}`;
  } else if (m && (m[1] === undefined || SERIES.has(m[1].toUpperCase()))) {
    out.series = m[1]?.toUpperCase() ?? null;
    out.serial = Number(m[2]);
  } else if (military && (mil = /^([A-Z]{2,5}(?:\s+[A-Z0-9]{2,5})?)\s+(\d{2,6})\.(?=\s|$)\s*/.exec(text))) {
    m = mil;
    out.ownRef = `${mil[1]} ${mil[2]}`;
    out.serial = Number(mil[2]);
  } else {
    warnings.push('the first paragraph carries no telegram number');
    return out;
  }
  let rest = text.slice(m[0].length);
  for (let guard = 0; guard < 12 && rest.length > 0; guard += 1) {
    const end = sentenceEnd(rest, 0);
    const sentence = rest.slice(0, end).trim();
    const s = sentence.replace(/[.:]$/, '').trim();
    const next = rest.slice(end).trimStart();
    if (s.length === 0 || s.length > 160) break;
    const restrict = RESTRICT.exec(s)![1] ?? '';
    const body = s.slice(restrict.length);
    const subject = /^Subject:\s*(.+)$/i.exec(s);
    // "For Secretary from McCloy": names start with a capital ("For your information from …" is text).
    // "For the Secretary from …": "the" before a title is not part of the name.
    const forFrom = /^(?:[Ff]or|FOR|[Tt]o)\s+(?:the\s+)?([A-Z].*?)(?:\s+(?:from|FROM)\s+(?:the\s+)?([A-Z].*))?$/.exec(
      body,
    );
    const fromFor = /^(?:[Ff]rom|FROM)\s+([A-Z][\w.’' -]*?)\s+(?:for|to|FOR|TO)\s+([A-Z].*)$/.exec(body);
    const eyes = /^eyes only(?:\s+(?:for|to))?(?:\s+(.+))?$/i.exec(s);
    const pass = /^(?:(.+?)\s+)?(?:also\s+)?(?:please\s+)?pass\s+(.+?)(?:\s+for\s+(.+))?$/i.exec(s);
    const seriesSlug = /^([A-Za-z]{4,6})\s+(\d{1,5})$/.exec(s);
    if (subject) out.slugs.push(s);
    else if (eyes && !forFrom && !(eyes[1] && /\bfrom\b/.test(eyes[1]))) {
      out.slugs.push(s);
      out.eyesOnly = true;
      if (eyes[1]) addFor(out, eyes[1]);
      else out.forPrincipal = true;
    } else if (forFrom && (restrict || /^(?:[Ff]or|FOR)\b/.test(body) || forFrom[2])) {
      out.slugs.push(s);
      addFor(out, forFrom[1]!);
      if (/^(?:eyes only|exclusive)/i.test(restrict)) out.eyesOnly = true;
    } else if (fromFor) {
      out.slugs.push(s);
      if (!/^Ambassadors$/i.test(fromFor[2]!)) addFor(out, fromFor[2]!);
    } else if (
      pass &&
      /^[A-Z]/.test(pass[2]!) &&
      pass[2]!.split(' ').length <= 6 &&
      (pass[1] === undefined || (/^[A-Z]/.test(pass[1]) && pass[1].split(' ').length <= 4))
    ) {
      out.slugs.push(s);
      out.passes.push({
        by: pass[1] ?? '',
        to: pass[2]!.replace(/\s+(?:niact\s+immediate|immediate|priority|flash|routine)$/i, ''),
        ...(pass[3] ? { for: pass[3] } : {}),
      });
    } else if (seriesSlug && SERIES.has(seriesSlug[1]!.toUpperCase())) out.slugs.push(s);
    else if (
      (REFERENCE_WORD.test(s) || /^Ref(?:erence)?:?\s/.test(s)) &&
      /\d|CAS|not declassified|\b(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)\b/.test(s)
    )
      out.references.push(s);
    // A subject word or two ("Policy.", "NATUS."), only when text follows: "Agree." alone is the text.
    else if (/^[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$/.test(s) && s.length <= 30 && next.length > 0) out.slugs.push(s);
    // An all-capitals slug ("NATUS.") even when nothing follows in the paragraph.
    else if (/^[A-Z]{3,10}$/.test(s)) out.slugs.push(s);
    else break;
    rest = next;
  }
  out.rest = rest.trim();
  return out;
}

function addFor(out: Slugs, names: string): void {
  for (const n of splitNames(names)) {
    if (/^(?:the\s+)?(?:Ambassadors?|Amb\.?|Chiefs? of Mission|principals?)$/i.test(n)) out.forPrincipal = true;
    else out.forNames.push(n);
  }
}

function splitNames(s: string): string[] {
  return s
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((n) => n.trim())
    .filter(Boolean)
    .flatMap((n, i, all) => {
      // "Ambassadors Hare and Finletter": the title belongs to every name.
      if (i === 0 && /^Ambassadors\s+/i.test(n) && all.length > 1) return [n.replace(/^Ambassadors\s+/i, '')];
      return [n];
    });
}

/** FYI … End FYI (DOMAIN.md §0): a paragraph with, or inside, an FYI passage is flagged. */
function flagFyi(paragraphs: ImportedParagraph[]): void {
  let inside = false;
  for (const p of paragraphs) {
    let flagged = inside;
    const marks = p.text.matchAll(/\b(End\s+FYI|(?:Begin\s+)?FYI)\b/gi);
    for (const m of marks) {
      flagged = true;
      inside = !/^end/i.test(m[1]!);
    }
    p.fyi = flagged;
  }
}

/** Paragraphs, footnotes and signature from the document body. */
function body(
  div: TeiElement,
  portion: PortionMark,
  footnotes: Footnote[],
): { first: Flat | null; paragraphs: ImportedParagraph[]; signed: TeiElement | null } {
  const paragraphs: ImportedParagraph[] = [];
  let first: Flat | null = null;
  let signed: TeiElement | null = null;
  let seenFirst = false;
  const collect = (forParagraph: () => number | null) => ({
    skip: isNote,
    onSkip: (n: TeiElement) => {
      const text = flattenInline(n).text;
      if (text) footnotes.push({ n: n.attrs.n ?? null, paragraph: forParagraph(), text });
    },
  });
  const nextIndex = (): number => paragraphs.length + 1;
  const push = (n: number | null, text: string): void => {
    if (text) paragraphs.push({ n, portion, fyi: false, text });
  };
  const plain = (text: string): void => {
    const numbered = /^(\d{1,3})\.\s+(?=\S)/.exec(text);
    if (numbered) push(Number(numbered[1]), text.slice(numbered[0].length));
    else push(null, text);
  };
  const walk = (parent: TeiElement): void => {
    for (const c of parent.children) {
      if (typeof c === 'string') {
        const t = c.replace(/\s+/g, ' ').trim();
        if (t) plain(t);
        continue;
      }
      switch (c.name) {
        case 'head':
        case 'opener':
        case 'dateline':
        case 'pb':
        case 'milestone':
          break;
        case 'note': {
          const text = flattenInline(c).text;
          if (text && c.attrs.type !== 'source')
            footnotes.push({ n: c.attrs.n ?? null, paragraph: paragraphs.length || null, text });
          break;
        }
        case 'closer':
          signed = findAll(c, (e) => e.name === 'signed')[0] ?? signed;
          for (const n of findAll(c, isNote)) collect(() => null).onSkip(n);
          break;
        case 'signed':
          signed = c;
          break;
        case 'p':
          if (!seenFirst) {
            seenFirst = true;
            first = flattenInline(
              c,
              collect(() => 0),
            ); // 0: fixed once the serial line is read
          } else {
            const at = nextIndex();
            plain(
              blockText(
                c,
                collect(() => at),
              ),
            );
          }
          break;
        case 'list': {
          seenFirst = true;
          let label: string | null = null;
          for (const li of c.children) {
            if (typeof li === 'string') continue;
            if (li.name === 'label')
              label = flattenInline(
                li,
                collect(() => null),
              ).text;
            else if (li.name === 'item') {
              const at = nextIndex();
              const text = blockText(
                li,
                collect(() => at),
              );
              const num = label ? /^(\d{1,3})\.?$/.exec(label) : null;
              if (num) push(Number(num[1]), text);
              else push(null, [label, text].filter(Boolean).join(' '));
              label = null;
            } else if (li.name === 'note') collect(() => paragraphs.length || null).onSkip(li);
            else if (li.name === 'head')
              push(
                null,
                flattenInline(
                  li,
                  collect(() => null),
                ).text,
              );
          }
          break;
        }
        case 'div':
        case 'postscript':
        case 'attachment':
          walk(c);
          break;
        default: {
          seenFirst = true;
          const at = nextIndex();
          plain(
            blockText(
              { name: '#wrap', attrs: {}, children: [c] },
              collect(() => at),
            ),
          );
        }
      }
    }
  };
  walk(div);
  return { first, paragraphs, signed };
}

function captionsInOrder(captions: Caption[]): Caption[] {
  return [...new Set(captions)].sort((a, b) => CAPTIONS.indexOf(a) - CAPTIONS.indexOf(b));
}

function profileFor(year: number, warnings: string[]): EraProfile {
  if (year < 1973) return 'FRUS_1960S';
  warnings.push('a telegram of 1973 or later: imported in the ADS 1973–79 profile without TAGS');
  return 'ADS_1973_79';
}

/** Maps one document read by the TEI reader. Never throws: a bad document is `{ok:false}`. */
export function mapDocument(raw: RawDocument, file: string, fallbackVolume: string): ParsedDocument {
  const div = raw.element;
  const doc = docNumber(div);
  const volume = raw.volume ?? fallbackVolume;
  if (raw.broken) return { ok: false, doc, volume, reason: raw.broken };
  const head = childElements(div, 'head')[0] ?? findAll(div, (e) => e.name === 'head')[0];
  const headText = head
    ? flattenInline(head, { skip: isNote })
        .text.replace(/^\s*\d+[A-Za-z]?\.\s*/, '')
        .trim()
    : '';
  if (!isTelegramHead(headText)) {
    return { ok: false, doc, volume, reason: `not a telegram: "${headText.slice(0, 120)}"`, notTelegram: true };
  }
  try {
    return { ok: true, doc, volume, ...mapTelegram(div, headText, head!, { doc, volume, file }) };
  } catch (e) {
    if (e instanceof MappingError) return { ok: false, doc, volume, reason: e.message };
    return { ok: false, doc, volume, reason: `could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The source note: in the head (FRUS's rule) or, in some volumes, the first note of the document. */
function sourceNoteOf(div: TeiElement, head: TeiElement, inferred: string[]): TeiElement | undefined {
  const inHead = findAll(head, (e) => e.name === 'note' && e.attrs.type === 'source')[0];
  if (inHead) return inHead;
  const anywhere = findAll(div, (e) => e.name === 'note' && e.attrs.type === 'source')[0];
  if (anywhere) return anywhere;
  const first = findAll(head, (e) => e.name === 'note')[0];
  if (first && /\bSource:/.test(flattenInline(first).text)) {
    inferred.push('the source note has no type="source": the head\'s first note, which begins "Source:", was read');
    return first;
  }
  return undefined;
}

function mapTelegram(
  div: TeiElement,
  subject: string,
  head: TeiElement,
  source: { doc: number; volume: string; file: string },
): { cable: CableInput; report: ImportedTelegram; needs: DirectoryNeeds } {
  const warnings: string[] = [];
  const inferred: string[] = [];
  const noteEl = sourceNoteOf(div, head, inferred);
  if (!noteEl) return fail('the head has no source note (note[@type="source"])');
  const note = parseSourceNote(flattenInline(noteEl));
  warnings.push(...note.warnings);
  inferred.push(...note.inferred);
  if (!note.classification) return fail('the source note gives no classification');
  const classification = note.classification;
  const portion = PORTION[classification];

  // The date decides who held an office ("the Secretary", "the President"): the dateline's date.
  const when = dateline(div).when ?? div.attrs['frus:doc-dateTime-min'];
  const r = new Resolver(when && /^\d{4}-\d{2}-\d{2}/.test(when) ? when.slice(0, 10) : undefined);
  const ends = readHead(subject, head, r, (fn) => Boolean(fn(new Resolver(r.date))));
  if (typeof ends === 'string') return fail(ends);
  inferred.push(...ends.inferred);
  const from = ends.from.station!;
  const military = from.kind === 'MILITARY_COMMAND';

  const { at: sent, local, basis } = sendingTime(div, from, inferred);
  const footnotes: Footnote[] = [];
  const parts = body(div, portion, footnotes);
  const line = serialLine(parts.first?.text ?? '', military, warnings);
  const paragraphs = parts.paragraphs;
  if (line.rest) {
    const numbered = /^(\d{1,3})\.\s+(?=\S)/.exec(line.rest);
    paragraphs.unshift(
      numbered
        ? { n: Number(numbered[1]), portion, fyi: false, text: line.rest.slice(numbered[0].length) }
        : { n: null, portion, fyi: false, text: line.rest },
    );
  }
  for (const f of footnotes) {
    if (f.paragraph === 0) f.paragraph = line.rest ? 1 : null;
    else if (f.paragraph !== null && line.rest) f.paragraph += 1;
  }
  if (paragraphs.length === 0) return fail('the telegram has no text');
  flagFyi(paragraphs);

  const captions = captionsInOrder([...note.captions, ...(line.eyesOnly ? (['EYES_ONLY'] as const) : [])]);
  const precedence = note.precedence;
  const niact = note.niact;

  // Action addressees: the head's, then "Also sent to" (DOMAIN.md rule 10: action before info).
  const addressees: CableInputAddressee[] = [];
  const action = (plad: string): CableInputAddressee => ({ plad, role: 'ACTION', precedence, niact, for: [] });
  const addFor = (a: CableInputAddressee, key: string): void => {
    if (!a.for.includes(key)) a.for.push(key);
  };
  const headTo: string[] = [];
  for (const e of ends.to) {
    if (e.collective) {
      addressees.push({ collective: e.collective, role: 'ACTION', precedence, niact, for: [] });
      headTo.push(`collective:${e.collective}`);
      continue;
    }
    const a = action(e.station!.plad);
    addressees.push(a);
    headTo.push(e.station!.plad);
    if (e.person) {
      const key = r.person(e.person, e.station!.plad, 'addressee');
      if (key) {
        addFor(a, key);
        inferred.push(
          `addressee "${e.name}": ${e.station!.plad}, for ${key} (a telegram to a person goes to the person's post)`,
        );
      }
    }
  }
  if (addressees[0] && line.series && line.serial !== null) {
    addressees[0].serial = { series: line.series, number: line.serial };
  }
  const originatorPlad = from.plad;
  const routed = (d: Destination, context: string): RoutedTo => {
    if (d.collective) return { name: d.name, collective: r.collective(d.collective) };
    const whole = r.station(d.name, context);
    if (whole && !d.for) return { name: d.name, plad: whole.plad };
    const post = d.post ? r.station(d.post, context) : undefined;
    if (!post) {
      warnings.push(`${context} "${d.name}": not a post this importer can name; left out of the routing`);
      return { name: d.name };
    }
    // "Paris for USRO": the copy goes to the mission, not the embassy.
    const forStation = d.for?.length === 1 ? stationOrUndefined(r, d.for[0]!) : undefined;
    if (forStation) return { name: d.name, plad: forStation.plad };
    const keys = (d.for ?? []).flatMap((n) => {
      const k = r.person(n, post.plad, context);
      return k ? [k] : [];
    });
    return { name: d.name, plad: post.plad, ...(keys.length ? { for: keys } : {}) };
  };
  const alsoSent = note.alsoSentTo.map((d) => routed(d, 'also sent to'));
  for (const d of alsoSent) {
    if (d.plad && d.plad !== originatorPlad) {
      const had = addressees.find((a) => a.plad === d.plad);
      const a = had ?? action(d.plad);
      if (!had) addressees.push(a);
      for (const k of d.for ?? []) addFor(a, k);
    } else if (d.collective) addressees.push({ collective: d.collective, role: 'ACTION', precedence, niact, for: [] });
  }
  if (addressees.length === 0) return fail('no addressee');
  const firstStation = addressees.find((a) => a.plad)?.plad ?? originatorPlad;

  // "For X from Y" slugs and "Eyes Only for X": persons at the addressee's post (rules 14, 15).
  const forKeys: string[] = [];
  for (const name of [...line.forNames, ...note.eyesOnlyFor]) {
    const key = r.person(name, firstStation, 'for');
    if (key) {
      if (!forKeys.includes(key)) forKeys.push(key);
    } else warnings.push(`"For ${name}": not read as a person, kept in the slug only`);
  }
  for (const key of forKeys) {
    const home = r.needs.people.get(key)?.station;
    const target = addressees.find((a) => a.plad === home) ?? addressees.find((a) => a.plad) ?? addressees[0]!;
    addFor(target, key);
  }
  const headFor = addressees.flatMap((a) => a.for);

  // Eyes Only needs named persons or the principals (rule 14).
  let eyesOnly: EyesOnlyInput[] = [];
  if (captions.includes('EYES_ONLY')) {
    const named = [...new Set([...forKeys, ...headFor])];
    eyesOnly = named.length > 0 && !line.forPrincipal ? named.map((person) => ({ person })) : [{ principals: true }];
    if (line.forPrincipal && named.length > 0)
      eyesOnly = [{ principals: true }, ...named.map((person) => ({ person }))];
  }

  // The originator's person: "(Harkins)" in the head.
  const fromPerson = ends.from.person ? (r.person(ends.from.person, originatorPlad, 'originator') ?? null) : null;

  // Pass instructions (rule 17): the passing post must be an addressee. From the first paragraph
  // ("Department pass White House") and from the source note ("Received … and passed to …").
  const passes: CableInput['transmission']['passes'] = [];
  const addPass = (by: string, to: string, what: string): boolean => {
    if (by === to || passes.some((p) => p.by === by && p.to === to)) return true;
    if (!addressees.some((a) => a.plad === by)) return false;
    if (addressees.some((a) => a.plad === to)) {
      warnings.push(`${what}: ${to} is already an addressee`);
      return true;
    }
    passes.push({ by, to, status: 'DONE' });
    return true;
  };
  for (const p of line.passes) {
    const by = p.by ? r.station(p.by, 'pass by') : r.station(firstStation, 'pass by');
    let to: StationEntry | undefined;
    if (/^(?:the\s+)?embassy$/i.test(p.to) && by?.city) to = r.station(`Embassy in ${by.city}`, 'pass to');
    else to = r.station(p.to, 'pass to');
    if (!by || !to) {
      warnings.push(`pass instruction "${p.by} pass ${p.to}": not a post this importer can name; left out`);
      continue;
    }
    if (!addPass(by.plad, to.plad, `"${p.by} pass ${p.to}"`)) {
      warnings.push(`"${by.plad} pass ${to.plad}": ${by.plad} is not an addressee; the pass is left out (rule 17)`);
    }
  }

  // Repeats (rule 16): "Repeated to …" by the originator, or by the receiving post when the note
  // says "Received … and repeated to …"; at the original's DTG (FRUS does not record the
  // repeat's time), INFO ROUTINE, with the repeat's own Eyes Only when the note gives one.
  const dtg = formatDtg(sent);
  const repeats: CableInput['repeats'] = [];
  const repeatedTo: RoutedTo[] = [];
  const reached = new Set<string>([originatorPlad, ...addressees.flatMap((a) => (a.plad ? [a.plad] : []))]);
  for (const p of passes) reached.add(p.to);
  const info = { role: 'INFO' as const, precedence: 'ROUTINE' as const, niact: false };
  const receiver = addressees.find((a) => a.plad)?.plad ?? originatorPlad;
  if (note.repeated) {
    const by = note.repeated.byReceiver ? receiver : originatorPlad;
    if (note.repeated.byReceiver)
      inferred.push(`"Received … and repeated to": the repeat is by ${by}, the receiving post`);
    const list: CableInputAddressee[] = [];
    for (const d of note.repeated.to) {
      const t = routed(d, 'repeated to');
      repeatedTo.push(t);
      if (t.collective) {
        list.push({ collective: t.collective, ...info, for: [] });
        if (d.others) {
          const members = COLLECTIVES.find((c) => c.name === t.collective)?.members ?? [];
          for (const m of members) if (reached.has(m)) list.push({ plad: m, ...info, role: 'EXEMPT', for: [] });
        }
      } else if (t.plad) {
        if (reached.has(t.plad)) warnings.push(`"Repeated to ${d.name}": ${t.plad} already had the telegram`);
        else if (!list.some((a) => a.plad === t.plad)) list.push({ plad: t.plad, ...info, for: t.for ?? [] });
      }
    }
    const own = note.repeated.eyesOnly;
    let eyes: EyesOnlyInput[] = eyesOnly;
    if (own === 'principals') eyes = [{ principals: true }];
    else if (own !== null) {
      const keys = own.flatMap((n) => {
        const k = r.person(n, list.find((a) => a.plad)?.plad ?? by, 'repeat eyes only');
        return k ? [k] : [];
      });
      eyes = keys.length ? keys.map((person) => ({ person })) : [{ principals: true }];
    }
    if (list.some((a) => a.role !== 'EXEMPT')) {
      repeats.push({ dtg, by, note: note.repeated.text, addressees: list, eyesOnly: eyes });
      for (const a of list) if (a.plad && a.role !== 'EXEMPT') reached.add(a.plad);
    }
  }
  // "Passed to …" in the source note: passes by the receiving post; when that post received the
  // telegram only as a repeat, the pass is written as its repeat (a pass needs an addressee).
  const passTargets: string[] = [];
  for (const d of note.passedTo) {
    const t = routed(d, 'passed to');
    if (t.plad) passTargets.push(t.plad);
  }
  if (passTargets.length > 0) {
    const dept = 'SECSTATE WASHDC';
    const by = reached.has(dept) ? dept : receiver;
    const asRepeat: CableInputAddressee[] = [];
    for (const to of passTargets) {
      if (addPass(by, to, `passed to ${to}`)) continue;
      if (!reached.has(to)) asRepeat.push({ plad: to, ...info, for: [] });
    }
    if (asRepeat.length > 0) {
      inferred.push(`"passed to": ${by} had the telegram as a repeat, so its pass is written as a repeat by ${by}`);
      repeats.push({ dtg, by, note: 'Passed on receipt (FRUS source note).', addressees: asRepeat, eyesOnly });
    }
  }
  // "The source text is the copy sent by the JCS to the Department of State": a pass by the
  // action addressee.
  if (note.copySent) {
    const by = r.station(note.copySent.by, 'copy sent by');
    const to = note.copySent.to.post ? r.station(note.copySent.to.post, 'copy sent to') : undefined;
    if (by && to && addPass(by.plad, to.plad, 'copy sent')) {
      inferred.push(
        `"the copy sent by ${note.copySent.by} to ${note.copySent.to.post}": a pass by ${by.plad} to ${to.plad}`,
      );
    }
  }

  // Drafting chain: persons at the originator's post unless the tables know them elsewhere;
  // office codes as offices of the originator's post (agencies as their own station).
  const drafting: CableInput['drafting'] = [];
  const chain = (list: Party[], role: 'DRAFTED' | 'CLEARED' | 'APPROVED'): ChainParty[] =>
    list.map((p) => {
      const kind = role === 'CLEARED' ? { kind: p.substance ? ('SUBST' as const) : ('CLEAR' as const) } : {};
      const out: ChainParty = { name: p.name, ...(p.substance ? { substance: true } : {}) };
      if (p.office) {
        const agency = commandByName(p.office);
        const office = agency
          ? r.office(agency.short, r.station(p.office, 'office')!.plad, agency.name)
          : r.office(p.office, originatorPlad, officeName(p.office));
        drafting.push({ role, office, ...kind });
        out.office = p.office;
        return out;
      }
      const station = /^White House$/i.test(p.name) ? r.station('White House', 'drafting') : undefined;
      if (station) {
        drafting.push({ role, office: r.office('WHITE HOUSE', station.plad, 'The White House'), ...kind });
        out.office = 'WHITE HOUSE';
        return out;
      }
      // "cleared with the Department of Defense": an agency clears as its own station's office.
      const agency = commandByName(p.name);
      if (agency) {
        const at = r.station(p.name, 'drafting')!;
        drafting.push({ role, office: r.office(agency.short, at.plad, agency.name), ...kind });
        out.office = agency.short;
        return out;
      }
      const key = p.person ?? r.person(p.name, originatorPlad, 'drafting');
      if (p.person) r.person(p.name, originatorPlad, 'drafting');
      if (key) {
        drafting.push({ role, person: key, ...kind });
        out.person = key;
      } else warnings.push(`drafting: "${p.name}" was not read as a person or an office`);
      return out;
    });
  const draftedBy = chain(note.draftedBy, 'DRAFTED');
  const clearedBy = chain(note.clearedBy, 'CLEARED');
  const approvedBy = chain(note.approvedBy, 'APPROVED');

  // Signature (closer/signed): the signing official of the originating post.
  let signedBy: ImportedTelegram['signedBy'] = null;
  if (parts.signed) {
    const name = flattenInline(parts.signed, { skip: isNote }).text.replace(/^\/s\/\s*/i, '');
    const pers = findAll(parts.signed, (e) => e.name === 'persName')[0];
    const byId = personByFrusId(pers?.attrs.corresp);
    const person = byId ?? (name ? r.person(name, originatorPlad, 'signature') : undefined);
    if (byId) r.person(name, originatorPlad, 'signature');
    if (name) signedBy = { name, ...(person ? { person } : {}) };
  }

  // Reference and MRN (see the rule at the top of this file).
  const year = sent.getUTCFullYear();
  const actionStation = addressees[0]!.plad
    ? (stationByPlad(addressees[0]!.plad) ?? r.needs.stations.get(addressees[0]!.plad))
    : undefined;
  let ref: string;
  let mrn: CableInput['mrn'] = null;
  if (line.critic && line.ownRef) ref = `${from.short} ${line.ownRef}`;
  else if (line.ownRef) ref = line.ownRef;
  else if (line.series && line.serial !== null) ref = `${line.series} ${line.serial}`;
  else if (line.serial !== null && ends.circular) ref = `${from.short} CIRCULAR ${line.serial}`;
  else if (line.serial !== null) {
    if (actionStation?.plad === 'SECSTATE WASHDC' && from.plad !== 'SECSTATE WASHDC') {
      ref = `${from.short} ${line.serial}`;
      mrn = { station: from.short, year, serial: line.serial };
    } else ref = `${from.short} ${line.serial} TO ${actionStation?.short ?? addressees[0]!.collective ?? '?'}`;
  } else ref = `${source.volume} D${source.doc}`.toUpperCase();

  const cableRaw = {
    $comment: `Imported from FRUS ${source.volume} doc. ${source.doc} (${source.file}).`,
    ref,
    profile: profileFor(year, warnings),
    series: line.series && line.serial !== null ? { indicator: line.series, number: line.serial } : null,
    mrn,
    dtg,
    localTime: local,
    originator: { plad: from.plad },
    classification,
    captions,
    dissem: note.dissem,
    relTo: [],
    subject: subject.slice(0, 500),
    fileRef: note.fileRef,
    tags: [],
    references: line.references.map((text, i) => ({ label: String.fromCharCode(65 + (i % 26)), text })),
    sourceNote: note.text,
    signature: signedBy ? signedBy.name.toUpperCase() : null,
    drafting,
    transmission: { addressees, eyesOnly, passes },
    repeats,
    paragraphs,
  };
  const parsed = cableInputSchema.safeParse(cableRaw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(`does not fit the cable format: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  inferred.push(...r.inferred);

  const report: ImportedTelegram = {
    source: { volume: source.volume, doc: source.doc, file: source.file },
    ref,
    series: line.series,
    serial: line.serial,
    dtg,
    sentAt: sent.toISOString(),
    localTime: local,
    timeBasis: basis,
    received: note.received?.text ?? null,
    receivedAt: receivedAt(note, sent),
    subject,
    classification,
    precedence,
    niact,
    captions,
    dissem: note.dissem,
    handling: note.handling,
    eyesOnlyFor: eyesOnly.map((e) => ('person' in e ? e.person : 'principals')),
    from: from.plad,
    fromPerson,
    to: headTo,
    for: Object.fromEntries(addressees.filter((a) => a.plad && a.for.length).map((a) => [a.plad!, [...a.for]])),
    alsoSentTo: alsoSent,
    pass: passes.map((p) => ({ by: p.by, to: p.to })),
    repeatedTo,
    repeats: repeats.map((x) => ({
      by: x.by,
      to: x.addressees.filter((a) => a.role !== 'EXEMPT').map((a) => a.plad ?? `collective:${a.collective}`),
    })),
    draftedBy,
    clearedBy,
    approvedBy,
    signedBy,
    slugs: line.slugs,
    references: line.references,
    fileRef: note.fileRef,
    paragraphs: parsed.data.paragraphs.map((p) => ({ ...p })),
    footnotes,
    inferred: [...new Set(inferred)],
    warnings,
    created: [],
  };
  return { cable: parsed.data, report, needs: r.needs };
}

function stationOrUndefined(r: Resolver, name: string): StationEntry | undefined {
  // Only missions and commands count here: "Paris for Bohlen" is a person, "Paris for USRO" a post.
  const probe = new Resolver(r.date);
  const s = probe.station(name, 'for');
  if (!s || s.kind === 'EMBASSY') return undefined;
  return r.station(name, 'for');
}

function officeName(code: string): string {
  if (DEPARTMENT_OFFICES.includes(code)) return code;
  return `Office ${code} (named in a FRUS source note)`;
}
