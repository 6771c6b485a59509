import { describe, expect, test } from 'vitest';
import type { Draft } from '../../../electron/domain/draft';
import {
  TAGS_1974,
  TAGS_CURRENT,
  formatTagsLine,
  isSubjectTag,
  parseTagsLine,
  tagChoicesFor,
  tagKind,
} from '../../../electron/domain/tags';
import { GEOGRAPHIC_TAGS_1974, ORGANIZATION_TAGS_1974, SUBJECT_TAGS_1974 } from '../../../electron/domain/tags1974';
import { ADS_1977, MODERN_CABLE, findings } from './fixtures';

/**
 * Rule 21 in the ADS profile (issue 16 item 1): the 1974 TAGS handbook is the list. The TAGS lines
 * below are the real ones the issue and DOMAIN.md §1.6/§1.9 quote, and the handbook's own examples;
 * none may be refused.
 */
const ads = (tags: ReadonlyArray<string>): Draft => ({ ...ADS_1977, tags });
const errors = (d: Draft) => findings(d, 21).filter((f) => f.severity === 'error');

describe('the 1974 TAGS handbook as the ADS list (rule 21)', () => {
  test('holds the handbook table: 119 subject, 255 geographic, 102 organization TAGS', () => {
    expect(SUBJECT_TAGS_1974).toHaveLength(119);
    expect(GEOGRAPHIC_TAGS_1974).toHaveLength(255);
    expect(ORGANIZATION_TAGS_1974).toHaveLength(102);
    for (const [t] of SUBJECT_TAGS_1974) expect(t).toMatch(/^[ABCEMOPST][A-Z]{3}$/);
    for (const [t] of GEOGRAPHIC_TAGS_1974) expect(t).toMatch(/^[A-Z]{2}$/);
  });

  test.each(['PFOR', 'SOPN', 'AORG', 'ABUD', 'AFIN', 'OSCI', 'SHUM', 'EEWT', 'TGEN'])('%s is a 1974 subject TAG', (t) =>
    expect(tagKind(t, TAGS_1974)).toBe('SUBJECT'),
  );

  test('PREL, the later word for PFOR, is not in the 1974 handbook; AORC is its OCR misreading of AORG', () => {
    expect(tagKind('PREL', TAGS_1974)).toBeNull();
    expect(tagKind('AORC', TAGS_1974)).toBeNull();
    expect(tagKind('PREL', TAGS_CURRENT)).toBe('SUBJECT');
  });

  test('IAEA, NATO and UNGA are organization TAGS; UR, GW and XF geographic', () => {
    for (const t of ['IAEA', 'NATO', 'UNGA']) expect(tagKind(t, TAGS_1974)).toBe('ORGANIZATION');
    for (const t of ['UR', 'GW', 'XF', 'IS', 'EG']) expect(tagKind(t, TAGS_1974)).toBe('GEOGRAPHIC');
  });

  test.each([
    ['TAGS: PFOR, UR, US', ['PFOR', 'UR', 'US']],
    ['TAGS: TGEN,US,UR', ['TGEN', 'US', 'UR']],
    ['TAGS: AORG, AFIN, US, IAEA', ['AORG', 'AFIN', 'US', 'IAEA']],
    ['TAGS: AORG, ABUD, NATO', ['AORG', 'ABUD', 'NATO']],
    ['TAGS: TSPA FR US GW', ['TSPA', 'FR', 'US', 'GW']],
    [
      'TAGS: OVIP UR (KOSYGIN, ALEKSEY N) (PODGORNY, NIKOLAY V)',
      ['OVIP', 'UR', '(KOSYGIN, ALEKSEY N)', '(PODGORNY, NIKOLAY V)'],
    ],
    [
      'TAGS: OVIP (VANCE, CYRUS) IS, SY, SA, EG, LE, JO',
      ['OVIP', '(VANCE, CYRUS)', 'IS', 'SY', 'SA', 'EG', 'LE', 'JO'],
    ],
    ['TAGS: CVIS FR (DUPONT, PIERRE)', ['CVIS', 'FR', '(DUPONT, PIERRE)']],
    ['TAGS: PFOR, UR, US, AMGT', ['PFOR', 'UR', 'US', 'AMGT']],
    ['TAGS: OSCI IS, TECH, AFIN', ['OSCI', 'IS', 'TECH', 'AFIN']],
  ])('%s parses into its entries and passes the ADS checker with no error', (line, entries) => {
    expect(parseTagsLine(line)).toEqual(entries);
    expect(errors(ads(entries))).toEqual([]);
  });

  test('a name after its TAG as one entry, as STATE 237171 writes it, is a subject entry', () => {
    expect(tagKind('OVIP (KISSINGER, HENRY A.)', TAGS_1974)).toBe('SUBJECT_PERSON');
    expect(tagKind('OVIP (KOSYGIN, ALEKSEY N) (PODGORNY, NIKOLAY V)', TAGS_1974)).toBe('SUBJECT_PERSON');
    expect(tagKind('(MAUNG WING)', TAGS_1974)).toBe('PERSON');
    expect(tagKind('OVIP (kosygin)', TAGS_1974)).toBeNull();
    expect(tagKind('UR (KOSYGIN, ALEKSEY N)', TAGS_1974)).toBeNull();
  });

  test('the TAGS line prints names after what they follow, without a comma', () => {
    expect(formatTagsLine(['OVIP', '(VANCE, CYRUS)', 'IS', 'SY'])).toBe('OVIP (VANCE, CYRUS), IS, SY');
    expect(formatTagsLine(['PFOR', 'UR', 'US'])).toBe('PFOR, UR, US');
  });

  test('"UR, US" has no subject TAG: still an error (a real cable the rule caught)', () => {
    const [f] = errors(ads(['UR', 'US']));
    expect(f?.field).toBe('tags');
    expect(f?.message).toMatch(/PFOR/);
    expect(f?.message).not.toMatch(/PREL/);
    expect(f?.message).toMatch(/TAGS handbook 1974/);
  });

  test('PREL on a 1977 cable is refused, and the finding names the ADS list; on a current cable it passes', () => {
    const all = errors(ads(['PREL', 'UR']));
    expect(all.map((x) => x.field)).toEqual(['tags', 'tags[0]']);
    const f = all[1];
    expect(f?.message).toMatch(/ADS cable \(1973–79\)/);
    expect(errors({ ...MODERN_CABLE, tags: ['PREL', 'FR'] })).toEqual([]);
  });

  test('a name without a TAG that takes names is a warning, not an error', () => {
    const f = findings(ads(['PFOR', 'UR', '(KOSYGIN, ALEKSEY N)']), 21);
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]?.message).toMatch(/OVIP/);
  });

  test('the composer offers the era list', () => {
    const adsChoices = tagChoicesFor('ADS_1973_79');
    expect(adsChoices.subject.map(([t]) => t)).toContain('PFOR');
    expect(adsChoices.subject.map(([t]) => t)).not.toContain('PREL');
    expect(adsChoices.geo.map(([t]) => t)).toContain('IAEA');
    expect(tagChoicesFor('MODERN').subject.map(([t]) => t)).toContain('PREL');
    expect(isSubjectTag('OVIP (VANCE, CYRUS)', TAGS_1974)).toBe(true);
  });
});
