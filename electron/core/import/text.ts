import { childElements, type TeiElement } from './teiReader';

/**
 * Text out of TEI elements: inline content with whitespace collapsed (the XML's line breaks are
 * layout, not text), and the spans of inline elements (persName, gloss) so that names can be
 * tied back to their FRUS ids.
 */

export type Span = Readonly<{ start: number; end: number; el: TeiElement }>;
export type Flat = Readonly<{ text: string; spans: ReadonlyArray<Span> }>;

export type FlattenOptions = Readonly<{
  /** Elements left out of the text (footnotes); `onSkip` sees each one. */
  skip?: (el: TeiElement) => boolean;
  onSkip?: (el: TeiElement) => void;
}>;

/** Elements that never contribute text. */
const SILENT = new Set(['pb', 'milestone', 'anchor', 'figure', 'graphic']);

export function flattenInline(el: TeiElement, opts: FlattenOptions = {}): Flat {
  let out = '';
  const spans: Span[] = [];
  const append = (s: string): void => {
    let t = s.replace(/\s+/g, ' ');
    if ((out.length === 0 || out.endsWith(' ')) && t.startsWith(' ')) t = t.slice(1);
    out += t;
  };
  const walk = (e: TeiElement): void => {
    for (const c of e.children) {
      if (typeof c === 'string') {
        append(c);
        continue;
      }
      if (SILENT.has(c.name)) continue;
      if (opts.skip?.(c)) {
        opts.onSkip?.(c);
        continue;
      }
      if (c.name === 'lb') {
        append(' ');
        continue;
      }
      const start = out.length;
      walk(c);
      spans.push({ start, end: out.length, el: c });
    }
  };
  walk(el);
  const text = out.trimEnd();
  return {
    text,
    spans: spans.map((s) => ({ ...s, start: Math.min(s.start, text.length), end: Math.min(s.end, text.length) })),
  };
}

/** Block elements inside an item or a quote: each becomes its own block of text. */
const BLOCKS = new Set(['p', 'list', 'quote', 'table', 'lg', 'ab', 'div', 'postscript']);

/**
 * The text of an element that may hold blocks (an `item` with several `p`, a nested `list`, a
 * `quote`): blocks are joined by a blank line, the rows of a nested list by a line break.
 */
export function blockText(el: TeiElement, opts: FlattenOptions = {}): string {
  const blocks: string[] = [];
  let run: TeiElement = { name: '#run', attrs: {}, children: [] };
  const flush = (): void => {
    const t = flattenInline(run, opts).text;
    if (t) blocks.push(t);
    run = { name: '#run', attrs: {}, children: [] };
  };
  for (const c of el.children) {
    if (typeof c !== 'string' && BLOCKS.has(c.name) && !opts.skip?.(c)) {
      flush();
      const t = c.name === 'list' ? listText(c, opts) : c.name === 'table' ? tableText(c, opts) : blockText(c, opts);
      if (t) blocks.push(t);
    } else run.children.push(c);
  }
  flush();
  return blocks.join('\n\n');
}

/** "(A) text" rows of a list, one per line. */
export function listText(list: TeiElement, opts: FlattenOptions = {}): string {
  const rows: string[] = [];
  let label = '';
  for (const c of list.children) {
    if (typeof c === 'string') continue;
    if (c.name === 'label') label = flattenInline(c, opts).text;
    else if (c.name === 'item') {
      const t = blockText(c, opts);
      const row = [label, t].filter(Boolean).join(' ');
      if (row) rows.push(row);
      label = '';
    } else if (c.name === 'head') {
      const t = flattenInline(c, opts).text;
      if (t) rows.push(t);
    } else if (opts.skip?.(c)) opts.onSkip?.(c);
  }
  return rows.join('\n');
}

function tableText(table: TeiElement, opts: FlattenOptions): string {
  return childElements(table, 'row')
    .map((row) =>
      childElements(row, 'cell')
        .map((cell) => flattenInline(cell, opts).text)
        .join(' | '),
    )
    .filter(Boolean)
    .join('\n');
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'adm',
  'amb',
  'vol',
  'no',
  'nos',
  'pp',
  'ed',
  'eds',
  'ca',
]);

/**
 * Where the sentence starting at `from` ends (the index just after its full stop), or the text's
 * length. A full stop ends a sentence when end of text or a capital/quote/digit follows after
 * white space, and the word before it is not an initial ("U. Alexis Johnson") or a common
 * abbreviation ("Vol. I").
 */
export function sentenceEnd(text: string, from = 0): number {
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i]!;
    if (ch !== '.' && ch !== '?' && ch !== '!') continue;
    const rest = text.slice(i + 1);
    if (rest.length > 0 && !/^["”’)]?\s+["“‘(]?[A-Z0-9/]/.test(rest) && !/^["”’)]?\s*$/.test(rest)) continue;
    if (ch === '.') {
      const word = /([A-Za-z.]+)$/.exec(text.slice(from, i))?.[1] ?? '';
      if (/^[A-Z]$/.test(word)) continue; // an initial
      if (/^(?:[A-Z]\.)+[A-Z]$/.test(word)) continue; // U.S., U.N.
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
    }
    const closing = /^["”’)]*/.exec(rest)?.[0].length ?? 0;
    return i + 1 + closing;
  }
  return text.length;
}

/** The sentences of a text, with their offsets. */
export function sentences(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i += 1;
    if (i >= text.length) break;
    const end = sentenceEnd(text, i);
    out.push({ start: i, end, text: text.slice(i, end) });
    i = end;
  }
  return out;
}
