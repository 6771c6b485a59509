/**
 * Marking what matched a search (issue 14 item 3). Core cuts a text into runs, each marked as a
 * hit or not; the renderer shows hits as <mark> around text nodes (never markup) and every run
 * through the visible-token display (displayText.ts). Words are compared as the full-text index
 * compares them (FTS5 unicode61 with remove_diacritics 2): whole tokens, case and accents ignored.
 */
export type TextPart = Readonly<{ text: string; hit: boolean }>;

/** At most this many words of a query are searched for (and marked). */
export const MAX_SEARCH_WORDS = 12;

const TOKEN = /[\p{L}\p{N}]+/gu;

/** The words of a query, as the full-text search takes them. */
export function searchWords(query: string): string[] {
  return query
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
}

function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Joins neighbouring runs of the same kind and drops empty ones. */
function merged(parts: ReadonlyArray<TextPart>): TextPart[] {
  const out: TextPart[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.hit === p.hit) out[out.length - 1] = { text: last.text + p.text, hit: p.hit };
    else out.push(p);
  }
  return out;
}

/** `text` with every token equal to one of `words` (case and accents ignored) marked. */
export function markWords(text: string, words: ReadonlyArray<string>): TextPart[] {
  const wanted = new Set(words.map(fold));
  const parts: TextPart[] = [];
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (!wanted.has(fold(m[0]))) continue;
    parts.push({ text: text.slice(at, m.index), hit: false }, { text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  parts.push({ text: text.slice(at), hit: false });
  return merged(parts);
}

/** `text` with the one span `[start, end)` marked. */
export function markSpan(text: string, start: number, end: number): TextPart[] {
  return merged([
    { text: text.slice(0, start), hit: false },
    { text: text.slice(start, end), hit: true },
    { text: text.slice(end), hit: false },
  ]);
}

/**
 * A snippet of about `size` characters from the first of `texts` holding one of `words`, around
 * its first match and cut at word boundaries, with "…" where it was cut; the start of the first
 * text when no word matches.
 */
export function snippet(texts: ReadonlyArray<string>, words: ReadonlyArray<string>, size = 200): TextPart[] {
  const wanted = new Set(words.map(fold));
  let text = texts[0] ?? '';
  let first = -1;
  for (const t of texts) {
    const m = [...t.matchAll(TOKEN)].find((x) => wanted.has(fold(x[0])));
    if (m) {
      text = t;
      first = m.index;
      break;
    }
  }
  const tokens = [...text.matchAll(TOKEN)];
  // Start a few words before the first match, so it is read in context.
  const lead = Math.floor(size / 4);
  let start = 0;
  if (first > lead) {
    const before = tokens.filter((t) => t.index <= first && t.index >= first - lead);
    start = before[0]?.index ?? first;
  }
  let end = text.length;
  if (end - start > size) {
    const last = tokens.filter((t) => t.index + t[0].length <= start + size).pop();
    end = last ? last.index + last[0].length : start + size;
  }
  const body = markWords(text.slice(start, end), words);
  return merged([
    ...(start > 0 ? [{ text: '…', hit: false }] : []),
    ...body,
    ...(end < text.length ? [{ text: '…', hit: false }] : []),
  ]);
}
