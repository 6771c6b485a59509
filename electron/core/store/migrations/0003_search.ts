import type { Migration } from './types';

/**
 * Full-text search over subject and text. Contentless (the text lives in `cables` and
 * `paragraphs`), keyed by cable id, with deletes supported so a cable can be re-indexed.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE cable_search USING fts5(
        subject, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2'
      );
    `);
  },
};
