import { describe, expect, test } from 'vitest';
import type { Draft } from '../../../electron/domain/draft';
import { checkDraft, hasErrors } from '../../../electron/domain/rules';
import { CTX, GOOD, MILITARY, MODERN_CABLE, POLTO_1962, SEED_CTX, addressee, findings } from './fixtures';

/** Freezes a draft and everything in it, so that a check that mutates it throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('checkDraft (DOMAIN.md §8b)', () => {
  test('the 1962 POLTO reply to TOPOL 578 from USRO to the Department has no findings in the seed directory', () => {
    expect(POLTO_1962.profile).toBe('FRUS_1960S');
    expect(POLTO_1962.originator.plad).toBe('USMISSION USNATO');
    expect(POLTO_1962.addressees.map((a) => [a.plad, a.role])).toEqual([['SECSTATE WASHDC', 'ACTION']]);
    expect(POLTO_1962.references[0]?.cable).toBe('TOPOL 578');
    expect(SEED_CTX.referencedLabels.get('TOPOL 578')).toEqual({
      classification: 'SECRET',
      captions: ['EYES_ONLY'],
      dissem: [],
      relTo: [],
    });
    expect(checkDraft(POLTO_1962, SEED_CTX)).toEqual([]);
  });

  test('a well-formed draft of each era has no findings', () => {
    expect(GOOD.map((d) => d.profile)).toEqual(['FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN']);
    for (const d of GOOD) expect(checkDraft(d, CTX), d.profile).toEqual([]);
  });

  test('rules apply by era: PRIORITY is wrong only in MODERN', () => {
    const priority = (d: Draft): Draft => ({
      ...d,
      addressees: [{ ...d.addressees[0]!, precedence: 'PRIORITY' }, ...d.addressees.slice(1)],
    });
    expect(findings(priority(MODERN_CABLE), 6)).toHaveLength(1);
    for (const d of GOOD.filter((g) => g.profile !== 'MODERN')) expect(checkDraft(priority(d), CTX)).toEqual([]);
  });

  test('errors come first, then warnings, each in rule order and stable', () => {
    const d: Draft = {
      ...MODERN_CABLE,
      captions: ['EXDIS'],
      fileRef: '740.5',
      subject: '',
      addressees: [addressee(MILITARY, 'ACTION', 'PRIORITY'), addressee('AMEMBASSY PARIS', 'INFO', 'FLASH')],
    };
    const all = checkDraft(d, CTX);
    expect(all.map((f) => [f.severity, f.rule])).toEqual([
      ['error', 0],
      ['error', 6],
      ['error', 9],
      ['warning', 9],
      ['warning', 21],
      ['warning', 27],
    ]);
    expect(hasErrors(all)).toBe(true);
    expect(hasErrors(all.filter((f) => f.severity === 'warning'))).toBe(false);
    expect(checkDraft(d, CTX)).toEqual(all);
  });

  test('is pure: the draft and the context are not changed', () => {
    const d = deepFreeze(structuredClone({ ...MODERN_CABLE, captions: ['STADIS', 'NODIS'] }) as Draft);
    expect(() => checkDraft(d, CTX)).not.toThrow();
    expect(d.captions).toEqual(['STADIS', 'NODIS']);
  });

  test('every field names a path into the draft', () => {
    const path = /^[A-Za-z]+(\[\d+\])?(\.[A-Za-z]+(\[\d+\])?)*$/;
    const broken: Draft = {
      ...POLTO_1962,
      classification: 'CONFIDENTIAL',
      captions: ['STADIS', 'STADIS'],
      tags: ['PREL'],
      fileRef: null,
      relTo: ['uk'],
      paragraphs: [{ ...POLTO_1962.paragraphs[0]!, n: 3 }, POLTO_1962.paragraphs[1]!],
      passes: [{ by: 'AMEMBASSY MOSCOW', to: 'AMEMBASSY MOSCOW' }],
    };
    const all = checkDraft(broken, CTX);
    expect(all.length).toBeGreaterThan(8);
    for (const f of all) expect(f.field).toMatch(path);
  });
});
