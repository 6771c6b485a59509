import { describe, expect, test } from 'vitest';
import { describeError } from '../../renderer/src/errorText';

describe('what the person is told when something fails', () => {
  test("a throttled sign-in says how long to wait, in main's words", () => {
    expect(describeError({ code: 'SIGN_IN_FAILED', message: 'Too many failed attempts. Try again in 8 s.' })).toBe(
      'Sign-in failed. Too many failed attempts. Try again in 8 s.',
    );
  });

  test('a wrong signing passphrase says nothing was signed, and why', () => {
    expect(describeError({ code: 'WRONG_PASSPHRASE', message: 'Too many failed attempts. Try again in 4 s.' })).toBe(
      'Nothing was signed. Too many failed attempts. Try again in 4 s.',
    );
  });
});
