import fc from 'fast-check';
import { expect, test } from 'vitest';
import { displayText, hasHiddenCharacters } from '../../electron/domain/displayText';

/** displayText as it was before its fast path (a walk by code point over every text). */
const RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0008],
  [0x000b, 0x001f],
  [0x007f, 0x009f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];
function reference(text: string): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    out += RANGES.some(([a, b]) => cp >= a && cp <= b) ? `⟦U+${cp.toString(16).toUpperCase().padStart(4, '0')}⟧` : ch;
  }
  return out;
}

/** Code points at and around every range's ends, lone surrogates, astral ones, plain text. */
const near = RANGES.flatMap(([a, b]) => [a - 1, a, b, b + 1]).filter((c) => c >= 0);
const unit = fc.oneof(
  fc.constantFrom(...near, 0x09, 0x0a, 0x0d, 0x2019, 0x20ac),
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => -c), // a lone surrogate
  fc.integer({ min: 0, max: 0x10ffff }),
);
const text = fc
  .array(unit, { maxLength: 40 })
  .map((cs) => cs.map((c) => (c < 0 ? String.fromCharCode(-c) : String.fromCodePoint(c))).join(''));

test('displayText with its fast path equals the walk by code point, on any text', () => {
  fc.assert(
    fc.property(text, (t) => {
      expect(displayText(t)).toBe(reference(t));
      expect(hasHiddenCharacters(t)).toBe(reference(t) !== t.replace(/\r\n?/g, '\n'));
    }),
    { numRuns: 20_000 },
  );
});

test('text that hides nothing comes back as it is (line endings made \\n)', () => {
  expect(displayText('President’s message\r\nto Khrushchev\r')).toBe('President’s message\nto Khrushchev\n');
  expect(displayText('TERCES\u202E')).toBe('TERCES⟦U+202E⟧');
  expect(displayText('tag \u{E0041}')).toBe('tag ⟦U+E0041⟧');
});
