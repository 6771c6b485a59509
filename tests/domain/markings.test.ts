import { describe, expect, test } from 'vitest';
import { bannerColours, classificationRank, CLASSIFICATIONS } from '../../electron/domain/classification';
import { bannerLine, captionLines, portionLabel } from '../../electron/domain/markings';
import { highestPrecedence, precedenceWords } from '../../electron/domain/precedence';

describe('markings (DOMAIN.md §4, rules 2, 12, 25)', () => {
  test('banner colours are the GPO label colours', () => {
    expect(bannerColours('UNCLASSIFIED').background).toBe('#007A33');
    expect(bannerColours('CONFIDENTIAL').background).toBe('#0033A0');
    expect(bannerColours('SECRET').background).toBe('#C8102E');
    expect(bannerColours('TOP_SECRET').background).toBe('#FF671F');
  });

  test('administrative controls are marked distinctly and never rank as classified (rule 2)', () => {
    for (const c of ['SBU', 'LOU', 'UNCLAS_EFTO'] as const) {
      expect(classificationRank(c)).toBe(0);
      expect(bannerColours(c).background).not.toBe(bannerColours('UNCLASSIFIED').background);
    }
    expect(bannerLine('LOU')).toBe('LIMITED OFFICIAL USE');
  });

  test('ranks are strictly ordered U < C < S < TS', () => {
    expect(['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'].map((c) => classificationRank(c as never))).toEqual(
      [0, 1, 2, 3],
    );
    expect(CLASSIFICATIONS).toHaveLength(7);
  });

  test('banner line joins dissemination controls with //, REL TO leads with USA', () => {
    expect(bannerLine('SECRET')).toBe('SECRET');
    expect(bannerLine('SECRET', ['NOFORN'])).toBe('SECRET//NOFORN');
    expect(bannerLine('TOP_SECRET', ['REL_TO'], ['GBR', 'FRA'])).toBe('TOP SECRET//REL TO USA, GBR, FRA');
  });

  test('captions print one per line in stored order, portion marks in parentheses', () => {
    expect(captionLines(['NODIS', 'EYES_ONLY'])).toEqual(['NODIS', 'EYES ONLY']);
    expect(portionLabel('SBU-N')).toBe('(SBU-N)');
  });

  test('precedence words and transmission precedence (rule 9)', () => {
    expect(precedenceWords('IMMEDIATE', true)).toBe('NIACT IMMEDIATE');
    expect(highestPrecedence(['ROUTINE', 'FLASH', 'PRIORITY'])).toBe('FLASH');
    expect(highestPrecedence([])).toBe('ROUTINE');
  });
});
