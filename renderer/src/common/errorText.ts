import { assertNever } from '../../../electron/domain/assertNever';
import type { ApiError } from './api';

/** What to tell the person for each failure; the service's own message adds the detail. */
export function describeError(e: ApiError): string {
  switch (e.code) {
    case 'SIGN_IN_FAILED':
      // Main says why: a wrong passphrase, a disabled account, or the wait after repeated
      // failures ("Try again in 8 s"), which a fixed text would hide (issue 13 item 7).
      return `Sign-in failed. ${e.message}`;
    case 'NOT_SIGNED_IN':
      return 'Your session has ended. Sign in again.';
    case 'ACCESS_DENIED':
      return `You may not read this cable. ${e.message}`;
    case 'NOT_FOUND':
      return `Not found. ${e.message}`;
    case 'ACK_REQUIRED':
      return `Acknowledge this FLASH or NIACT cable first. ${e.message}`;
    case 'WRONG_PASSPHRASE':
      return `Nothing was signed. ${e.message}`;
    case 'RULE_VIOLATION':
      return `The draft breaks a drafting rule. ${e.message}`;
    case 'CONFLICT':
      return `Someone changed this draft meanwhile. ${e.message}`;
    case 'BRIDGE_MISSING':
      return e.message;
    case 'BAD_REQUEST':
    case 'UNKNOWN_CHANNEL':
    case 'FORBIDDEN_SENDER':
    case 'INTEGRITY':
    case 'INTERNAL':
      return `Something went wrong (${e.code}). ${e.message}`;
    default:
      return assertNever(e.code, 'error code');
  }
}

/**
 * The service's own message, word for word: for forms and admin views, where main's text is the
 * answer ("Only admins manage instructors and admins.") and a generic preface would mislead.
 */
export function serviceMessage(e: ApiError): string {
  return e.message;
}
