import { CAPTIONS, type Caption } from '../../domain/captions';
import type { EraProfile } from '../../domain/cable';
import type { Classification, PortionMark } from '../../domain/classification';
import { formatDtg } from '../../domain/dtg';
import type { Precedence } from '../../domain/precedence';
import { cableInputSchema, type CableInput, type CableInputAddressee, type EyesOnlyInput } from '../cables/cableInput';
import { parseSourceNote, type Destination, type EyesOnlyFor, type Party, type SourceNote } from './sourceNote';
import {
  COLLECTIVES,
  HEAD_NAMES,
  SERIES,
  personByFrusId,
  personByKey,
  personByName,
  stationByAlias,
  stationByHeadName,
  stationByPlad,
  type StationEntry,
} from './tables';
import { childElements, findAll, type RawDocument, type TeiElement } from './teiReader';
import { blockText, flattenInline, sentenceEnd, type Flat } from './text';

/**
 * Maps one FRUS TEI telegram to the structured released-cable format (`CableInput`) and to the
 * report the CLI prints (`ImportedTelegram`). Pure: no database. See importFrus for writing.
 *
 * Reference rule (cables.ref is unique):
 * - a series telegram: "<SERIES> <n>" ("TOPOL 578"), as the seed;
 * - a numbered telegram from a post to the Department: "<POST> <n>" ("MOSCOW 1042", "USUN 1484"),
 *   and the same number is its MRN (station, year, serial; DOMAIN.md §1.10);
 * - any other numbered telegram: "<ORIGIN> <n> TO <ADDRESSEE>" ("STATE 445 TO ANKARA"): in 1962
 *   the Department numbered its telegrams per receiving post ("Telegram 865 to Rome"), so the
 *   number alone is not unique;
 * - a telegram without a number: "<VOLUME> D<doc>" ("FRUS1961-63V11 D7").
 * Numbers restart each year, so two years of one volume can collide: importFrus reports that.
 */

export type ImportedParagraph = { n: number | null; portion: PortionMark; fyi: boolean; text: string };
export type Footnote = { n: string | null; paragraph: number | null; text: string };

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
  received: string | null;
  /** When "Received … at …" gives a Washington time: ISO UTC. */
  receivedAt: string | null;
  subject: string;
  classification: Classification;
  precedence: Precedence;
  niact: boolean;
  captions: Caption[];
  /** Directory keys of the Eyes Only persons, or ["principals"]; empty when not Eyes Only. */
  eyesOnlyFor: string[];
  from: string;
  to: string[];
  alsoSentTo: Destination[];
  pass: { by: string; to: string }[];
  repeatedTo: Destination[];
  draftedBy: Party[];
  clearedBy: Party[];
  approvedBy: Party[];
  signedBy: Party | null;
  slugs: string[];
  references: string[];
  fileRef: string | null;
  paragraphs: ImportedParagraph[];
  footnotes: Footnote[];
  /** What could not be mapped (unknown people, markings without an equivalent…). */
  warnings: string[];
};

export type ParsedDocument =
  | { ok: true; doc: number; volume: string; cable: CableInput; report: ImportedTelegram }
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

/** "Telegram From the X to the Y [and the Z]" → stations, by the longest known names. */
function endpoints(subject: string, head: TeiElement): { from: StationEntry; to: StationEntry[] } {
  const m = /\btelegram from\s+(?:the\s+)?(.+)$/i.exec(subject);
  if (!m) return fail(`the head "${subject}" does not read "Telegram From … to …"`);
  const rest = m[1]!;
  const starts = (text: string): { station: StationEntry; length: number } | undefined => {
    const lower = text.toLowerCase();
    for (const h of HEAD_NAMES) {
      const name = h.name.toLowerCase();
      if (lower.startsWith(name) && !/^[\w-]/.test(text.slice(name.length))) {
        return { station: h.station, length: name.length };
      }
    }
    return undefined;
  };
  const from = starts(rest);
  if (from) {
    let tail = rest.slice(from.length);
    const to: StationEntry[] = [];
    const sep = /^\s*(?:,\s*)?(?:to|and)\s+(?:the\s+)?/i;
    for (let guard = 0; guard < 20; guard += 1) {
      const s = sep.exec(tail);
      if (!s) break;
      const next = starts(tail.slice(s[0].length));
      if (!next) break;
      to.push(next.station);
      tail = tail.slice(s[0].length + next.length);
    }
    if (to.length > 0 && tail.trim() === '') return { from: from.station, to };
  }
  // The glosses name the ends when the head's wording is unknown: report the names.
  const gloss = (type: string): string =>
    findAll(head, (e) => e.name === 'gloss' && e.attrs.type === type)
      .map((g) => flattenInline(g).text)
      .join(' to the ');
  const fromName = gloss('from') || rest.split(/\s+to\s+/i)[0]!;
  const fromStation = from?.station ?? stationByHeadName(fromName);
  if (!fromStation) return fail(`unknown originator "${fromName}" (not a station of the directory)`);
  const toName = gloss('to') || rest;
  return fail(`unknown addressee "${toName}" (not a station of the directory)`);
}

/** The sending time from the dateline's date/@when (or the document's frus:doc-dateTime-min). */
function sendingTime(div: TeiElement, warnings: string[]): { at: Date; local: string } {
  const complete = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
  const date = findAll(div, (e) => e.name === 'dateline')
    .flatMap((d) => findAll(d, (e) => e.name === 'date'))
    .find((d) => d.attrs.when !== undefined);
  const valid = (v: string | undefined): v is string => !!v && complete.test(v) && !Number.isNaN(Date.parse(v));
  const when = date?.attrs.when;
  if (valid(when)) return { at: new Date(when), local: when };
  const min = div.attrs['frus:doc-dateTime-min'];
  if (valid(min)) {
    warnings.push(
      when
        ? `the dateline gives no time zone or time ("${when}"): the sending time is FRUS's ${min}`
        : `no dateline date: the sending time is FRUS's ${min}`,
    );
    return { at: new Date(min), local: min };
  }
  return fail('no sending date and time (dateline date/@when)');
}

/**
 * The UTC offset of Washington at an instant, for "Received … at …": daylight time from the last
 * Sunday of April to the last Sunday of October until 1986 (the 1974–75 winter exceptions are not
 * modelled), from the first Sunday of April from 1987, and the 2007 rules after.
 */
function washingtonOffsetHours(utc: Date): number {
  const y = utc.getUTCFullYear();
  const sunday = (month: number, which: 'first' | 'second' | 'last'): number => {
    if (which === 'last') {
      const d = new Date(Date.UTC(y, month + 1, 0));
      return d.getUTCDate() - d.getUTCDay();
    }
    const d = new Date(Date.UTC(y, month, 1));
    const first = 1 + ((7 - d.getUTCDay()) % 7);
    return which === 'first' ? first : first + 7;
  };
  let start: Date;
  let end: Date;
  if (y >= 2007) {
    start = new Date(Date.UTC(y, 2, sunday(2, 'second'), 7));
    end = new Date(Date.UTC(y, 10, sunday(10, 'first'), 6));
  } else if (y >= 1987) {
    start = new Date(Date.UTC(y, 3, sunday(3, 'first'), 7));
    end = new Date(Date.UTC(y, 9, sunday(9, 'last'), 6));
  } else {
    start = new Date(Date.UTC(y, 3, sunday(3, 'last'), 7));
    end = new Date(Date.UTC(y, 9, sunday(9, 'last'), 6));
  }
  return utc >= start && utc < end ? -4 : -5;
}

function receivedAt(note: SourceNote, sent: Date, from: string): string | null {
  const r = note.received;
  if (!r || from === 'SECSTATE WASHDC' || from === 'WHITE HOUSE WASHDC') return null;
  if (!/\b(?:Department|Washington)\b/i.test(r.text) && !/^received at\b/i.test(r.text)) return null;
  const offset = washingtonOffsetHours(sent);
  const local = new Date(sent.getTime() + offset * 3_600_000);
  const month = r.month ?? local.getUTCMonth();
  const day = r.day ?? local.getUTCDate();
  const build = (m: number, d: number): Date => {
    const guess = new Date(Date.UTC(local.getUTCFullYear(), m, d, r.hour, r.minute));
    return new Date(guess.getTime() - washingtonOffsetHours(guess) * 3_600_000);
  };
  let at = build(month, day);
  if (r.day === null && at < sent) at = new Date(at.getTime() + 86_400_000);
  return at.toISOString();
}

type Slugs = {
  series: string | null;
  serial: number | null;
  slugs: string[];
  references: string[];
  forNames: string[];
  eyesOnly: boolean;
  passes: { by: StationEntry; to: StationEntry }[];
  rest: string;
};

const REFERENCE_WORD =
  /^(?:Embtels?|Deptels?|Reftels?|Mytels?|Urtels?|Contels?|Circtels?|Depcirtels?|Septels?|Re|Ref|Reference)\b[\w\s,./()-]{0,60}$/i;

/** The first paragraph: "Topol 578. USRO pass Embassy." / "445. For Ambassadors … from Secretary. …" */
function serialLine(text: string, warnings: string[]): Slugs {
  const out: Slugs = {
    series: null,
    serial: null,
    slugs: [],
    references: [],
    forNames: [],
    eyesOnly: false,
    passes: [],
    rest: text,
  };
  const m = /^(?:([A-Za-z]{4,6})\s+)?(\d{1,6})\.(?=\s|$)\s*/.exec(text);
  if (!m || (m[1] !== undefined && !SERIES.has(m[1].toUpperCase()))) {
    warnings.push('the first paragraph carries no telegram number');
    return out;
  }
  out.series = m[1]?.toUpperCase() ?? null;
  out.serial = Number(m[2]);
  let rest = text.slice(m[0].length);
  for (let guard = 0; guard < 12 && rest.length > 0; guard += 1) {
    const end = sentenceEnd(rest, 0);
    const sentence = rest.slice(0, end).trim();
    const s = sentence.replace(/\.$/, '').trim();
    const next = rest.slice(end).trimStart();
    if (s.length === 0 || s.length > 160) break;
    const subject = /^Subject:\s*(.+)$/i.exec(s);
    // "For Secretary from McCloy": names start with a capital ("For your information from …" is text).
    const forFrom = /^((?:[Ee]yes [Oo]nly|EYES ONLY)\s+)?(?:[Ff]or|FOR)\s+([A-Z].*?)\s+(?:from|FROM)\s+([A-Z].*)$/.exec(
      s,
    );
    const eyes = /^eyes only(?:\s+for\s+(.+))?$/i.exec(s);
    const pass = /^(.+?)\s+pass\s+(.+)$/i.exec(s);
    if (subject) out.slugs.push(s);
    else if (forFrom) {
      out.slugs.push(s);
      out.forNames.push(...splitNames(forFrom[2]!));
      if (forFrom[1]) out.eyesOnly = true;
    } else if (eyes) {
      out.slugs.push(s);
      out.eyesOnly = true;
      if (eyes[1]) out.forNames.push(...splitNames(eyes[1]));
    } else if (pass && stationByAlias(pass[1]!)) {
      const by = stationByAlias(pass[1]!)!;
      const toName = pass[2]!.replace(/\s+(?:niact\s+immediate|immediate|priority|flash|routine)$/i, '');
      const to =
        /^(?:the\s+)?embassy$/i.test(toName) && by.city
          ? stationByPlad(`AMEMBASSY ${by.city.toUpperCase()}`)
          : stationByAlias(toName);
      out.slugs.push(s);
      if (to) out.passes.push({ by, to });
      else warnings.push(`pass instruction "${s}": "${toName}" is not a station of the directory`);
    } else if (REFERENCE_WORD.test(s) && /\d/.test(s)) out.references.push(s);
    // A subject word or two ("Policy.", "Cuba."), only when text follows: "Agree." alone is the text.
    else if (/^[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?$/.test(s) && s.length <= 30 && next.length > 0) out.slugs.push(s);
    else break;
    rest = next;
  }
  out.rest = rest.trim();
  return out;
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
  const head = childElements(div, 'head')[0];
  const headText = head
    ? flattenInline(head, { skip: isNote })
        .text.replace(/^\s*\d+[A-Za-z]?\.\s*/, '')
        .trim()
    : '';
  if (!/\btelegram\b/i.test(headText)) {
    return { ok: false, doc, volume, reason: `not a telegram: "${headText.slice(0, 120)}"`, notTelegram: true };
  }
  try {
    return { ok: true, doc, volume, ...mapTelegram(div, headText, head!, { doc, volume, file }) };
  } catch (e) {
    if (e instanceof MappingError) return { ok: false, doc, volume, reason: e.message };
    return { ok: false, doc, volume, reason: `could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function mapTelegram(
  div: TeiElement,
  subject: string,
  head: TeiElement,
  source: { doc: number; volume: string; file: string },
): { cable: CableInput; report: ImportedTelegram } {
  const warnings: string[] = [];
  const noteEl = findAll(head, (e) => e.name === 'note' && e.attrs.type === 'source')[0];
  if (!noteEl) return fail('the head has no source note (note[@type="source"])');
  const note = parseSourceNote(flattenInline(noteEl));
  warnings.push(...note.warnings);
  if (!note.classification) return fail('the source note gives no classification');
  const classification = note.classification;
  const portion = PORTION[classification];

  const { from, to } = endpoints(subject, head);
  const { at: sent, local } = sendingTime(div, warnings);
  const footnotes: Footnote[] = [];
  const parts = body(div, portion, footnotes);
  const line = serialLine(parts.first?.text ?? '', warnings);
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

  // Captions: the source note's handling words, and "Eyes only" in a slug.
  const captions = captionsInOrder([...note.captions, ...(line.eyesOnly ? (['EYES_ONLY'] as const) : [])]);
  const precedence = note.precedence;
  const niact = note.niact;

  // "For X from Y": the persons the telegram is for (DOMAIN.md §1.8 slugs).
  const forKeys: string[] = [];
  for (const name of [...line.forNames, ...note.eyesOnlyFor]) {
    const key = personByName(name);
    if (key) {
      if (!forKeys.includes(key)) forKeys.push(key);
    } else warnings.push(`"For ${name}": not in the directory, kept in the slug only`);
  }

  const action = (s: StationEntry): CableInputAddressee => ({
    plad: s.plad,
    role: 'ACTION',
    precedence,
    niact,
    for: [],
  });
  const addressees: CableInputAddressee[] = to.map(action);
  if (line.series && line.serial !== null) addressees[0]!.serial = { series: line.series, number: line.serial };
  const alsoSent = note.alsoSentTo;
  for (const d of alsoSent) {
    if (d.plad && !addressees.some((a) => a.plad === d.plad) && d.plad !== from.plad) {
      addressees.push({ ...action(stationByPlad(d.plad)!), for: d.for ?? [] });
    } else if (d.collective) {
      addressees.push({ collective: d.collective, role: 'ACTION', precedence, niact, for: [] });
    }
  }
  for (const key of forKeys) {
    const home = personByKey(key)?.station;
    const target = addressees.find((a) => a.plad === home) ?? addressees[0]!;
    if (!target.for.includes(key)) target.for.push(key);
  }

  // Eyes Only needs named persons or the principals (rule 14).
  let eyesOnly: EyesOnlyInput[] = [];
  if (captions.includes('EYES_ONLY')) {
    eyesOnly = forKeys.length > 0 ? forKeys.map((person) => ({ person })) : [{ principals: true }];
  }

  // Pass instructions (rule 17): the passing post must be an addressee.
  const passes: CableInput['transmission']['passes'] = [];
  for (const p of line.passes) {
    if (!addressees.some((a) => a.plad === p.by.plad)) {
      warnings.push(`"${p.by.plad} pass ${p.to.plad}": ${p.by.plad} is not an addressee; the pass is left out`);
      continue;
    }
    passes.push({ by: p.by.plad, to: p.to.plad, status: 'DONE' });
  }

  // "Repeated to …": a repeat transmission by the originator, at the original's DTG (FRUS does
  // not record the repeat's time), INFO ROUTINE, with its own Eyes Only when the note gives one.
  const dtg = formatDtg(sent);
  const repeats: CableInput['repeats'] = [];
  if (note.repeated) {
    const reached = new Set<string>([
      ...addressees.flatMap((a) => (a.plad ? [a.plad] : [])),
      ...passes.map((p) => p.to),
    ]);
    const list: CableInputAddressee[] = [];
    const info = { role: 'INFO' as const, precedence: 'ROUTINE' as const, niact: false, for: [] as string[] };
    for (const d of note.repeated.to) {
      if (d.collective) {
        list.push({ collective: d.collective, ...info });
        if (d.others) {
          const members = COLLECTIVES.find((c) => c.name === d.collective)?.members ?? [];
          for (const m of members) if (reached.has(m)) list.push({ plad: m, ...info, role: 'EXEMPT' });
        }
      } else if (d.plad) {
        if (reached.has(d.plad) || d.plad === from.plad) {
          warnings.push(`"Repeated to ${d.name}": ${d.plad} already had the telegram`);
        } else list.push({ plad: d.plad, ...info, for: d.for ?? [] });
      }
    }
    // The repeat's own "eyes only …" words, else the original's Eyes Only (rule 16: captions carry over).
    const own: EyesOnlyFor | null = note.repeated.eyesOnly;
    const eyes: EyesOnlyInput[] =
      own === null ? eyesOnly : own === 'principals' ? [{ principals: true }] : own.map((person) => ({ person }));
    if (list.some((a) => a.role !== 'EXEMPT')) {
      repeats.push({ dtg, by: from.plad, note: note.repeated.text, addressees: list, eyesOnly: eyes });
    }
  }

  // Drafting chain: directory persons and Department offices; other names stay in the report.
  const drafting: CableInput['drafting'] = [];
  const roles: [Party[], 'DRAFTED' | 'CLEARED' | 'APPROVED'][] = [
    [note.draftedBy, 'DRAFTED'],
    [note.clearedBy, 'CLEARED'],
    [note.approvedBy, 'APPROVED'],
  ];
  for (const [list, role] of roles) {
    for (const p of list) {
      const kind = role === 'CLEARED' ? { kind: 'CLEAR' as const } : {};
      if (p.person) drafting.push({ role, person: p.person, ...kind });
      else if (p.office) drafting.push({ role, office: { station: 'SECSTATE WASHDC', code: p.office }, ...kind });
    }
  }

  // Signature (closer/signed).
  let signedBy: Party | null = null;
  if (parts.signed) {
    const name = flattenInline(parts.signed, { skip: isNote }).text.replace(/^\/s\/\s*/i, '');
    const pers = findAll(parts.signed, (e) => e.name === 'persName')[0];
    const person = personByFrusId(pers?.attrs.corresp) ?? (pers?.attrs.corresp ? undefined : personByName(name));
    if (name) signedBy = { name, ...(person ? { person } : {}) };
  }

  // Reference and MRN (see the rule at the top of this file).
  const year = sent.getUTCFullYear();
  const actionStation = to[0]!;
  let ref: string;
  let mrn: CableInput['mrn'] = null;
  if (line.series && line.serial !== null) ref = `${line.series} ${line.serial}`;
  else if (line.serial !== null) {
    if (actionStation.plad === 'SECSTATE WASHDC' && from.plad !== 'SECSTATE WASHDC') {
      ref = `${from.short} ${line.serial}`;
      mrn = { station: from.short, year, serial: line.serial };
    } else ref = `${from.short} ${line.serial} TO ${actionStation.short}`;
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
    dissem: [],
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

  const report: ImportedTelegram = {
    source: { volume: source.volume, doc: source.doc, file: source.file },
    ref,
    series: line.series,
    serial: line.serial,
    dtg,
    sentAt: sent.toISOString(),
    localTime: local,
    received: note.received?.text ?? null,
    receivedAt: receivedAt(note, sent, from.plad),
    subject,
    classification,
    precedence,
    niact,
    captions,
    eyesOnlyFor: eyesOnly.map((e) => ('person' in e ? e.person : 'principals')),
    from: from.plad,
    to: to.map((s) => s.plad),
    alsoSentTo: alsoSent,
    pass: passes.map((p) => ({ by: p.by, to: p.to })),
    repeatedTo: note.repeated?.to ?? [],
    draftedBy: note.draftedBy,
    clearedBy: note.clearedBy,
    approvedBy: note.approvedBy,
    signedBy,
    slugs: line.slugs,
    references: line.references,
    fileRef: note.fileRef,
    paragraphs: parsed.data.paragraphs.map((p) => ({ ...p })),
    footnotes,
    warnings,
  };
  return { cable: parsed.data, report };
}
