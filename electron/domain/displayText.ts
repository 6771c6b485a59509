/**
 * Cable text as it may be shown (issue: markings cannot be forged or hidden). Bidirectional
 * overrides and isolates could reorder a line so that "TERCES" reads as a marking, and
 * zero-width or invisible characters could hide text or split a marking so search and eyes miss
 * it. Each such character is replaced by a visible token naming its code point, e.g. "⟦U+202E⟧".
 * Markup needs no treatment here: the renderer shows text as text nodes, never as HTML.
 */
/** Inclusive code-point ranges that are invisible, reorder text, or are control characters. */
const HIDDEN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0008], // C0 controls (tab 0x09 and line feed 0x0a stay)
  [0x000b, 0x001f],
  [0x007f, 0x009f], // DEL and C1 controls
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer invisible vowels
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200f], // zero-width space/joiners, LRM, RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x3164, 0x3164], // Hangul filler
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // zero-width no-break space (BOM)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotation
  [0xe0000, 0xe007f], // tag characters
];

function isHidden(codePoint: number): boolean {
  return HIDDEN_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

function token(codePoint: number): string {
  return `⟦U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟧`;
}

/** A code unit as a regular-expression escape, \uXXXX. */
function unitEscape(unit: number): string {
  return `\\u${unit.toString(16).padStart(4, '0')}`;
}

/**
 * Every UTF-16 code unit that may be part of a hidden character: the BMP units of
 * HIDDEN_RANGES, and surrogates (an astral character's halves: the tag characters are astral).
 * Built from the table, so the two cannot disagree; a regular expression so that text is
 * scanned natively (issue 15 item 6: every line `cableroom show` prints passes here twice).
 */
const MAY_BE_HIDDEN = new RegExp(
  `[${[...HIDDEN_RANGES.filter(([from]) => from <= 0xffff), [0xd800, 0xdfff] as const]
    .map(([from, to]) => `${unitEscape(from)}-${unitEscape(Math.min(to, 0xffff))}`)
    .join('')}]`,
  'g',
);

export function displayText(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n');
  // Only the units that may be hidden are looked at, each as the code point `for…of` would
  // give there; the text between them is copied in slices, and text that hides nothing comes
  // back as it is.
  let out = '';
  let copied = 0;
  const scan = new RegExp(MAY_BE_HIDDEN);
  for (let m = scan.exec(normalized); m !== null; m = scan.exec(normalized)) {
    const i = m.index;
    const codePoint = normalized.codePointAt(i)!;
    if (isHidden(codePoint)) {
      out += normalized.slice(copied, i) + token(codePoint);
      copied = i + (codePoint > 0xffff ? 2 : 1);
    }
    if (codePoint > 0xffff) scan.lastIndex = i + 2;
  }
  return copied === 0 ? normalized : out + normalized.slice(copied);
}

export function hasHiddenCharacters(text: string): boolean {
  return displayText(text) !== text.replace(/\r\n?/g, '\n');
}
