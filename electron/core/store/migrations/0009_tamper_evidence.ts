import type { Migration } from './types';

/**
 * Tamper evidence: key events in the audit trail, sequence numbers never reused.
 * Reserved for the trust issue (issue 13); filled in by the change that needs it.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'tamper evidence',
  up() {},
};
