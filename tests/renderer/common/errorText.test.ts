import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../renderer/src/common/api';
import { describeError } from '../../../renderer/src/common/errorText';

describe('what the person is told when something fails', () => {
  test("a throttled sign-in says how long to wait, in main's words", () => {
    expect(describeError(new ApiError('SIGN_IN_FAILED', 'Too many failed attempts. Try again in 8 s.'))).toBe(
      'Sign-in failed. Too many failed attempts. Try again in 8 s.',
    );
  });

  test('a wrong signing passphrase says nothing was signed, and why', () => {
    expect(describeError(new ApiError('WRONG_PASSPHRASE', 'Too many failed attempts. Try again in 4 s.'))).toBe(
      'Nothing was signed. Too many failed attempts. Try again in 4 s.',
    );
  });
});
