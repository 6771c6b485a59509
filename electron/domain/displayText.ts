/**
 * Cable text as it may be shown (issue: markings cannot be forged or hidden). Bidirectional
 * overrides and isolates could reorder a line so that "TERCES" reads as a marking, and
 * zero-width or invisible characters could hide text or split a marking so search and eyes miss
 * it. Each such character is replaced by a visible token naming its code point, e.g. "⟦U+202E⟧".
 * Markup needs no treatment here: the renderer shows text as text nodes, never as HTML.
 */
const INVISIBLE_OR_REORDERING =
  /[\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|[\u{E0000}-\u{E007F}]/gu;
/** C0/C1 controls other than tab and line feed. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

function token(ch: string): string {
  return `⟦U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟧`;
}

export function displayText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE_OR_REORDERING, token).replace(CONTROLS, token);
}

/** True when `displayText` would change something other than line endings. */
export function hasHiddenCharacters(text: string): boolean {
  return displayText(text) !== text.replace(/\r\n?/g, '\n');
}
