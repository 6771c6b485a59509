import type { Migration } from './types';

/**
 * Lines of a 1970s telegram the other columns do not hold (issue 16; DOMAIN.md §1.8, §1.9):
 * `cables.lines`, a JSON object with
 * - `forLine`: the FOR/FROM/ONLY line under the captions, "FOR THE SECRETARY FROM AMBASSADOR"
 *   (MOSCOW 16276, 1977);
 * - `desiredDistribution`: DESIRED DISTRIBUTION in the drafting block, "S/S, INR, EUR, OC ONLY"
 *   (STATE 041961, 1974).
 * NULL when the cable has neither (every cable written before this version). Both are signed
 * content (docs/CANONICAL_ENCODING.md): encoded only when present, so earlier signatures verify.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'cable_lines',
  up(db) {
    db.exec(`
      ALTER TABLE cables ADD COLUMN lines TEXT
        CHECK (lines IS NULL OR (json_valid(lines) AND json_type(lines) = 'object'));
    `);
  },
};
