import type { Resolver } from './resolve';
import { circularCollective } from './resolve';
import type { StationEntry } from './tables';
import { findAll, type TeiElement } from './teiReader';
import { flattenInline } from './text';

/**
 * The document head (issue 12 item 1): which heads are telegrams, and who sent one to whom.
 *
 * A head counts as a telegram when it reads "[Circular|Intelligence|Backchannel|Military|…]
 * Telegram From …" (docs/FRUS.md "Which documents are telegrams"): "Airgram", "Memorandum",
 * "Letter", "Message", "Editorial Note" and notes about telegrams are not.
 *
 * The ends are read from the text first ("From the X to the Y and the Z"), trying every " to "
 * as the boundary (names hold "to": "Mission to the United Nations"); the glosses are a fallback
 * read by position, not by their `type` (a volume may type both "from"). A person in parentheses
 * ("Commander, Military Assistance Command, Vietnam (Harkins)") is the person at that end.
 */

export const TELEGRAM_HEAD =
  /^(?:(?:Circular|Intelligence|Backchannel|Military|Joint|State[-–]Defense|Special|Eyes Only|Personal)\s+)*Telegram\s+From\b/i;

export function isTelegramHead(headText: string): boolean {
  return TELEGRAM_HEAD.test(headText.trim());
}

export type HeadEnd = Readonly<{
  station?: StationEntry;
  collective?: string;
  /** A person named at this end ("(Harkins)", "Secretary of State"). */
  person?: string;
  name: string;
}>;

export type HeadEnds = Readonly<{ from: HeadEnd; to: HeadEnd[]; circular: boolean; inferred: string[] }>;

const PERSON_ADDRESSEE = /^(?:the\s+)?(Secretary of State|Secretary|President|Under Secretary of State)$/i;

function end(raw: string, r: Resolver, context: string): HeadEnd | undefined {
  let name = raw.replace(/\s+/g, ' ').trim();
  let person: string | undefined;
  const paren = /\s*\(([^()]*)\)\s*$/.exec(name);
  if (paren) {
    person = paren[1]!.trim() || undefined;
    name = name.slice(0, paren.index).trim();
  }
  name = name.replace(/^the\s+/i, '').replace(/[.,;:]+$/, '');
  const circ = circularCollective(name);
  if (circ) return { collective: r.collective(circ.name), name };
  const personEnd = PERSON_ADDRESSEE.exec(name);
  if (personEnd) {
    const station = /president/i.test(personEnd[1]!)
      ? r.station('White House', context)
      : r.station('Department of State', context);
    return station ? { station, person: personEnd[1]!, name } : undefined;
  }
  const station = r.station(name, context);
  if (station?.plad === 'USDEL SECRETARY') {
    return { station, name, person: name.replace(/^(?:the\s+)?Secretary of State\s+/, '') };
  }
  return station ? { station, name, ...(person ? { person } : {}) } : undefined;
}

/** The addressee list "X and the Y" / "X, Y, and Z" of a head. */
function ends(raw: string, r: Resolver, context: string): HeadEnd[] | undefined {
  const whole = end(raw, r, context);
  if (whole) return [whole];
  const parts = raw.split(/\s*,\s*(?:and\s+)?(?:the\s+)?|\s+and\s+(?:the\s+)?/);
  if (parts.length < 2) return undefined;
  const out: HeadEnd[] = [];
  for (const p of parts) {
    const e = end(p, r, context);
    if (!e) return undefined;
    out.push(e);
  }
  return out;
}

/** A resolver that records nothing, for trying a boundary. */
type Try = (fn: (r: Resolver) => unknown) => boolean;

export function readHead(subject: string, head: TeiElement, r: Resolver, dry: Try): HeadEnds | string {
  const m = /\btelegram\s+from\s+(?:the\s+)?(.+)$/i.exec(subject);
  if (!m) return `the head "${subject}" does not read "Telegram From … to …"`;
  const circular = /^circular\b/i.test(subject.trim());
  const rest = m[1]!.replace(/\s+/g, ' ').trim();
  const boundaries = [...rest.matchAll(/\s+to\s+(?:the\s+)?/gi)];
  for (const b of boundaries) {
    const left = rest.slice(0, b.index);
    const right = rest.slice(b.index + b[0].length);
    if (!dry((t) => end(left, t, 'head') && ends(right, t, 'head'))) continue;
    const from = end(left, r, 'originator')!;
    const to = ends(right, r, 'addressee')!;
    return { from, to, circular, inferred: [] };
  }
  // The glosses by position: the first is the originator, the others the addressees.
  const glosses = findAll(head, (e) => (e.name === 'gloss' || e.name === 'persName') && e.attrs.type !== undefined)
    .filter((e) => e.name === 'gloss')
    .map((g) => flattenInline(g).text);
  if (glosses.length >= 2) {
    const from = end(glosses[0]!, r, 'originator');
    const to = glosses.slice(1).map((g) => end(g, r, 'addressee'));
    if (from && to.every((t): t is HeadEnd => t !== undefined)) {
      return {
        from,
        to,
        circular,
        inferred: ["the head's wording was not read; its glosses were taken by position (first: from, then: to)"],
      };
    }
  }
  const fromName = rest.split(/\s+to\s+/i)[0]!;
  if (!dry((t) => end(fromName, t, 'head')))
    return `unknown originator "${fromName}" (not a post this importer can name)`;
  return `unknown addressee "${rest.slice(fromName.length).replace(/^\s+to\s+(?:the\s+)?/i, '')}" (not a post this importer can name)`;
}
