import type { Migration } from './types';

/**
 * The FLASH/NIACT alert check (issue 15 item 1; DOMAIN.md rule 8): the app asks every 15 s and on
 * window focus which ACTION deliveries at the user's post still wait for an acknowledgement.
 * Through `deliveries_inbox` that walked the post's whole delivery history — 844 ms at a million
 * cables with nothing pending. A partial index holds only the deliveries still waiting: its size is
 * what is pending, not the archive, and an acknowledgement (ack_at set) takes the row out of it.
 *
 * SQLite uses a partial index only for a query whose WHERE contains the index's terms as written
 * (sqlite.org/partialindex.html): store/cableReader.ts `pendingAlertCandidates` spells them the
 * same way, and tests/core/store/pendingAlerts.test.ts holds the query plan to this index.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'pending_alerts',
  up(db) {
    db.exec(`
      CREATE INDEX deliveries_pending_alerts ON deliveries(station_id, arrived_at DESC, id DESC)
        WHERE ack_at IS NULL AND role = 'ACTION' AND (precedence = 'FLASH' OR niact = 1);
    `);
  },
};
