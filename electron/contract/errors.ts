/** Typed error codes carried in result envelopes and mapped to CLI exit codes. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_SIGNED_IN',
  'SIGN_IN_FAILED',
  'ACCESS_DENIED',
  'NOT_FOUND',
  'ACK_REQUIRED',
  'WRONG_PASSPHRASE',
  'RULE_VIOLATION',
  'CONFLICT',
  'INTEGRITY',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorInfo = Readonly<{ code: ErrorCode; message: string }>;

export type Result<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ErrorInfo }>;
