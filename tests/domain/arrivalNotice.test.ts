import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { arrivalNotice } from '../../electron/domain/arrivalNotice';

/** Issue 14 item 1: the desktop notification says how many, of which precedence — nothing else. */
describe('arrivalNotice', () => {
  test('counts FLASH and NIACT cables in plain words', () => {
    expect(arrivalNotice({ flash: 1, niact: 0 })).toEqual({
      title: 'Cableroom',
      body: '1 FLASH cable waits for acknowledgement.',
    });
    expect(arrivalNotice({ flash: 0, niact: 2 })?.body).toBe('2 NIACT cables wait for acknowledgement.');
    expect(arrivalNotice({ flash: 3, niact: 1 })?.body).toBe(
      '3 FLASH cables and 1 NIACT cable wait for acknowledgement.',
    );
  });

  test('nothing new, or nonsense counts, give no notice', () => {
    expect(arrivalNotice({ flash: 0, niact: 0 })).toBeNull();
    expect(arrivalNotice({ flash: -1, niact: Number.NaN })).toBeNull();
    expect(arrivalNotice({ flash: 1.5, niact: Infinity })).toBeNull();
  });

  test('the text is only counts and fixed words (never a marking, ref or subject: UNCLASSIFIED)', () => {
    const allowed = /^(\d+ (FLASH|NIACT) cables?)( and \d+ NIACT cables?)? waits? for acknowledgement\.$/;
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), (flash, niact) => {
        const notice = arrivalNotice({ flash, niact });
        if (flash + niact === 0) return notice === null;
        return notice !== null && notice.title === 'Cableroom' && allowed.test(notice.body);
      }),
    );
  });
});
