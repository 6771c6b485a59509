import { describe, expect, test } from 'vitest';
import { displayText, hasHiddenCharacters } from '../../electron/domain/displayText';

describe('displayText: a body cannot forge or hide a marking', () => {
  test('a right-to-left override that would make "TERCES" read as SECRET is shown, not obeyed', () => {
    const forged = '\u202ETERCES POT\u202C';
    expect(displayText(forged)).toBe('⟦U+202E⟧TERCES POT⟦U+202C⟧');
    expect(hasHiddenCharacters(forged)).toBe(true);
  });

  test('zero-width characters splitting a caption are made visible', () => {
    expect(displayText('NO\u200BFORN and NO\u2060DIS\uFEFF')).toBe('NO⟦U+200B⟧FORN and NO⟦U+2060⟧DIS⟦U+FEFF⟧');
  });

  test('isolates, marks and tag characters are made visible too', () => {
    expect(displayText('a\u2066b\u2069c\u200Fd')).toBe('a⟦U+2066⟧b⟦U+2069⟧c⟦U+200F⟧d');
    expect(displayText('x\u{E0053}y')).toBe('x⟦U+E0053⟧y');
  });

  test('ordinary text, accents, other scripts, tabs and line breaks are untouched', () => {
    const plain = 'AGRÉMENT — Москва\tΑθήνα\n\nFYI. End FYI.';
    expect(displayText(plain)).toBe(plain);
    expect(hasHiddenCharacters(plain)).toBe(false);
    expect(displayText('a\r\nb')).toBe('a\nb');
  });

  test('control characters (escape sequences) are shown', () => {
    expect(displayText('\u001b[31mSECRET')).toBe('⟦U+001B⟧[31mSECRET');
  });
});
