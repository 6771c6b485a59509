import { describe, expect, test } from 'vitest';
import type { Draft } from '../../../electron/domain/draft';
import { TAGS_MODERN, tagChoicesFor, tagListsFor } from '../../../electron/domain/tags';
import { CABLEGATE_2000, MODERN_CABLE, findings } from './fixtures';

/**
 * Rule 21 in the modern profiles (issue 16 item 3; DOMAIN.md §1.6): the current list of 5 FAH-3
 * H-011, not the 1974 handbook — PFOR gave way to PREL, the USSR (UR) and West Germany (GW) are
 * gone, Russia is RS.
 */
const modern = (tags: ReadonlyArray<string>): Draft => ({ ...MODERN_CABLE, tags });
const errors = (d: Draft) => findings(d, 21).filter((f) => f.severity === 'error');

describe('the modern TAGS list (rule 21)', () => {
  test('MODERN and CABLEGATE_2000S check against the modern list; ADS against the 1974 handbook', () => {
    expect(tagListsFor('MODERN')).toBe(TAGS_MODERN);
    expect(tagListsFor('CABLEGATE_2000S')).toBe(TAGS_MODERN);
    expect(tagListsFor('ADS_1973_79').source).toMatch(/1974/);
  });

  test('current TAGS pass: PREL, PGOV, MARR, PTER with RS, GM, FR and NATO', () => {
    expect(errors(modern(['PREL', 'PGOV', 'MARR', 'PTER', 'RS', 'GM', 'FR', 'NATO']))).toEqual([]);
    expect(errors({ ...CABLEGATE_2000, tags: ['PREL', 'PHUM', 'RS'] })).toEqual([]);
  });

  test('1974-only TAGS are refused on a modern cable, naming the modern list', () => {
    const all = errors(modern(['PREL', 'PFOR', 'UR']));
    expect(all.map((f) => f.field)).toEqual(['tags[1]', 'tags[2]']);
    expect(all[0]?.message).toMatch(/PFOR/);
  });

  test('the composer offers the modern list for a modern cable: PREL and RS, not PFOR or UR', () => {
    const { subject, geo } = tagChoicesFor('MODERN');
    const tags = [...subject, ...geo].map(([t]) => t);
    expect(tags).toContain('PREL');
    expect(tags).toContain('RS');
    expect(tags).not.toContain('PFOR');
    expect(tags).not.toContain('UR');
  });
});
