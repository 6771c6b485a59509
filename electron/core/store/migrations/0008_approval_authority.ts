import type { Migration } from './types';

/**
 * Approval authority at a post: officers the principal designated to approve (rule 23).
 * Reserved for the trust issue (issue 13); filled in by the change that needs it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'approval authority',
  up() {},
};
