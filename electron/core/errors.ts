import type { ErrorCode } from '../contract/errors';

/**
 * The one error type core services throw on purpose. Its code travels in IPC result envelopes
 * and maps to a CLI exit code; its message is written for the person who will read it.
 */
export class CableroomError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CableroomError';
    this.code = code;
  }
}

export function isCableroomError(e: unknown): e is CableroomError {
  return e instanceof CableroomError;
}
