import type { Migration } from './types';

/**
 * Approval authority at a post (issue 13; DOMAIN.md rule 23, docs/RULES.md "Release authority"):
 * besides the principal (`people.is_principal`), a deputy or an officer the principal designated
 * approves and releases the post's cables. One row per person, at the person's own post;
 * revoking deletes the row (the DESIGNATE entries of the audit trail keep the history).
 */
export const migration0008: Migration = {
  version: 8,
  name: 'approval authority',
  up(db) {
    db.exec(`
      CREATE TABLE approval_authority (
        person_id INTEGER PRIMARY KEY REFERENCES people(id),
        station_id INTEGER NOT NULL REFERENCES stations(id),
        kind TEXT NOT NULL CHECK (kind IN ('DEPUTY', 'DESIGNATED')),
        designated_by_user_id INTEGER NOT NULL REFERENCES users(id),
        designated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX approval_authority_station ON approval_authority(station_id);
    `);
  },
};
