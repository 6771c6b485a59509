import type { Migration } from './types';

/**
 * Installation settings: whether this database runs with the published demo passphrase.
 * Reserved for the trust issue (issue 13); filled in by the change that needs it.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'installation',
  up() {},
};
