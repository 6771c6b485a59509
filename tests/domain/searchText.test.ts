import { describe, expect, test } from 'vitest';
import { cableKeys, keyedPrefix, searchKey } from '../../electron/domain/cableRef';
import { markWords, snippet } from '../../electron/domain/highlight';

describe('search keys of references, MRNs and DTGs (issue 14 item 3; DOMAIN.md §1.10, rule 22)', () => {
  test('case, spacing, punctuation and leading zeros do not matter', () => {
    for (const typed of ['TOPOL 578', 'Topol 578', 'topol578', ' topol-0578 ', 'TOPOL  578']) {
      expect(searchKey(typed), typed).toBe('TOPOL 578');
    }
    expect(searchKey('1977MOSCOW02124')).toBe('1977 MOSCOW 2124');
    expect(searchKey('291900Z OCT 62')).toBe('291900 Z OCT 62');
    expect(searchKey('  -- ')).toBeNull();
    expect(searchKey('one two three four five six seven eight nine')).toBeNull();
  });

  test('a cable is found by its ref, its head, its MRN with or without year, and its DTGs', () => {
    const keys = cableKeys({
      ref: 'STATE 1141 TO USUN',
      series: null,
      mrn: { station: 'STATE', year: 1962, serial: 1141 },
      dtgs: ['310250Z OCT 62'],
      serials: [],
    });
    expect(keys).toEqual([
      { key: 'STATE 1141 TO USUN', kind: 'ref' },
      { key: 'STATE 1141', kind: 'ref' },
      { key: '1962 STATE 1141', kind: 'mrn' },
      { key: '62 STATE 1141', kind: 'mrn' },
      { key: '310250 Z OCT 62', kind: 'dtg' },
      { key: '310250 Z OCT 1962', kind: 'dtg' },
    ]);
    expect(keyedPrefix('STATE 1141 TO USUN', 'STATE 1141')).toBe('STATE 1141');
    expect(keyedPrefix('STATE 11410', 'STATE 1141')).toBeNull();
  });
});

describe('marking matches', () => {
  test('whole words, case and accents ignored, as the full-text index compares them', () => {
    expect(markWords('Reply to Topol 578: Khrushchëv', ['topol', 'khrushchev'])).toEqual([
      { text: 'Reply to ', hit: false },
      { text: 'Topol', hit: true },
      { text: ' 578: ', hit: false },
      { text: 'Khrushchëv', hit: true },
    ]);
    expect(markWords('Topology', ['topol'])).toEqual([{ text: 'Topology', hit: false }]);
  });

  test('a snippet is cut around the first match at word boundaries, with ellipses', () => {
    const long = `${'alpha '.repeat(60)}Jupiters in Turkey ${'omega '.repeat(60)}`;
    const parts = snippet(['nothing here', long], ['jupiters'], 80);
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('…alpha')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(82);
    expect(parts.filter((p) => p.hit)).toEqual([{ text: 'Jupiters', hit: true }]);
    expect(snippet(['First paragraph.'], ['absent'])).toEqual([{ text: 'First paragraph.', hit: false }]);
  });
});
