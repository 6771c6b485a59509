import { describe, expect, test } from 'vitest';
import { DRAFT_RULES, ENFORCED_ELSEWHERE, checkDraft } from '../../../electron/domain/rules';
import { CASES, ctxOf } from './cases';

/** DOMAIN.md §8(b) numbers its rules 1–27; rule 0 is the checker's own completeness rule. */
const SECTION_8B = Array.from({ length: 27 }, (_, i) => i + 1);

/** A message names its source in parentheses: a handbook, a regulation, a cable, a standard. */
const CITES_SOURCE = /\([^)]*(FAH|CFR|STATE \d|ACP|DOMAIN\.md|ISM|E\.O\.|TAGS handbook|NARA|AAD|FRUS|Bell)[^)]*\)/;

describe('each drafting rule fails on a broken draft and passes on the corrected one', () => {
  for (const c of CASES) {
    test(`rule ${c.rule}: ${c.what}`, () => {
      const ctx = ctxOf(c);
      const found = checkDraft(c.bad, ctx).filter((f) => f.rule === c.rule);
      expect(found.map((f) => [f.field, f.severity])).toContainEqual([c.field, c.severity ?? 'error']);
      for (const f of found) {
        expect(f.message.length, f.message).toBeGreaterThan(40);
        expect(f.message, 'names its source').toMatch(CITES_SOURCE);
      }
      expect(checkDraft(c.good, ctx)).toEqual([]);
    });
  }
});

describe('the rule table', () => {
  const numbers = DRAFT_RULES.map((r) => r.rule);

  test('rule numbers are unique, and each is a §8(b) number or 0 (completeness)', () => {
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect([0, ...SECTION_8B]).toContain(n);
  });

  test('every §8(b) rule is either checked here or listed as enforced elsewhere, never both', () => {
    const elsewhere = Object.keys(ENFORCED_ELSEWHERE).map(Number);
    for (const n of elsewhere) expect(numbers).not.toContain(n);
    expect([...numbers.filter((n) => n > 0), ...elsewhere].sort((a, b) => a - b)).toEqual(SECTION_8B);
  });

  test('every rule has failing cases above, each with a passing correction', () => {
    for (const n of numbers)
      expect(
        CASES.some((c) => c.rule === n),
        `rule ${n}`,
      ).toBe(true);
  });

  test('every rule applies to at least one era, cites a source and has a title', () => {
    for (const r of DRAFT_RULES) {
      expect(r.eras.length).toBeGreaterThan(0);
      expect(r.source).not.toBe('');
      expect(r.title).not.toBe('');
    }
    expect(DRAFT_RULES.find((r) => r.rule === 6)?.eras).toEqual(['MODERN']);
  });
});
