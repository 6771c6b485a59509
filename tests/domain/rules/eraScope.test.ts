import { describe, expect, test } from 'vitest';
import type { Draft, RuleContext } from '../../../electron/domain/draft';
import { DRAFT_RULES, checkDraft, eraScopeWords } from '../../../electron/domain/rules';
import { ADS_1977, CTX, MODERN_CABLE, POLTO_1962, addressee, findings } from './fixtures';

/**
 * Issue 16 items 2 and 3: each rule holds in the eras its sources support, and a finding says its
 * era; the checker finds every directory name that release would refuse, before anyone signs.
 */
const niact = (d: Draft): Draft => ({
  ...d,
  niactJustified: false,
  addressees: [addressee('SECSTATE WASHDC', 'ACTION', 'IMMEDIATE', true)],
});

describe('rules scoped by era (issue 16)', () => {
  test('rule 7: a 1977 NIACT needs no justification paragraph; a current one does', () => {
    expect(findings(niact(ADS_1977), 7)).toEqual([]);
    expect(findings(niact(POLTO_1962), 7)).toEqual([]);
    const [f] = findings(niact(MODERN_CABLE), 7);
    expect(f?.field).toBe('niactJustified');
    expect(f?.message).toMatch(/5 FAH-2 H-421\.2\(b\)/);
  });

  test('rule 7: NIACT on an info addressee is wrong in 1977 as today', () => {
    const d: Draft = {
      ...ADS_1977,
      addressees: [
        addressee('USMISSION USNATO', 'ACTION', 'IMMEDIATE'),
        addressee('AMEMBASSY PARIS', 'INFO', 'IMMEDIATE', true),
      ],
    };
    expect(findings(d, 7).map((f) => f.field)).toEqual(['addressees[1].niact']);
  });

  test('every finding ends with the era it was checked in', () => {
    const [f] = findings(niact(MODERN_CABLE), 7);
    expect(f?.message).toMatch(/ \[current\]$/);
    const tags = findings({ ...ADS_1977, tags: ['UR', 'US'] }, 21)[0];
    expect(tags?.message).toMatch(/ \[ADS 1973–79\]$/);
    expect(Object.keys(tags ?? {}).sort()).toEqual(['field', 'message', 'rule', 'severity']);
  });

  test('every rule names its eras and a source; the words say which', () => {
    for (const r of DRAFT_RULES) {
      expect(r.eras.length).toBeGreaterThan(0);
      expect(r.source.length).toBeGreaterThan(3);
    }
    expect(eraScopeWords(['CABLEGATE_2000S', 'MODERN'])).toBe('2000s, current');
    expect(eraScopeWords(['FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN'])).toBe('all eras');
  });
});

describe('directory references in the checker (issue 16 item 3)', () => {
  const ctx: RuleContext = {
    ...CTX,
    offices: new Map([
      ['SECSTATE WASHDC', new Set(['EUR', 'S/S'])],
      ['USMISSION USNATO', new Set(['FRONT'])],
    ]),
    people: new Set(['duty-usro', 'finletter', 'tyler', 'rusk']),
  };
  const zero = (d: Draft) => checkDraft(d, ctx).filter((f) => f.rule === 0);

  test('a correct draft names nothing unknown', () => {
    expect(zero(ADS_1977)).toEqual([]);
  });

  test('an unknown office, clearer office, station and person are found before anyone signs', () => {
    const d: Draft = {
      ...ADS_1977,
      originator: { plad: 'SECSTATE WASHDC', office: 'L' },
      clearers: [{ person: 'nobody', office: { station: 'SECSTATE WASHDC', code: 'S/S-O' }, kind: 'CLEAR' }],
      passes: [{ by: 'USMISSION USNATO', to: 'USDEL SECRETARY' }],
      approver: 'ghost',
    };
    const found = zero(d);
    expect(found.map((f) => f.field)).toEqual([
      'originator.office',
      'clearers[0].person',
      'clearers[0].office',
      'approver',
      'passes[0].to',
    ]);
    expect(found[0]?.message).toMatch(/no office "L"/);
    expect(found[0]?.message).toMatch(/EUR, S\/S/);
    expect(found[4]?.message).toMatch(/"USDEL SECRETARY" is not a station/);
  });

  test('without offices and people in the context they are not judged', () => {
    expect(checkDraft({ ...ADS_1977, approver: 'ghost' }, CTX).filter((f) => f.rule === 0)).toEqual([]);
  });
});
