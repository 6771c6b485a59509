import { afterEach, expect, test } from 'vitest';
import { INBOX_PAGE_SQL, PENDING_ALERTS_SQL } from '../../../electron/core/store/cableReader';
import { seededCore } from '../../support/tempCore';

let dispose: () => void = () => {};
afterEach(() => dispose());

test('the inbox page query reads the deliveries_inbox index and never sorts in a temp B-tree', () => {
  const core = seededCore();
  dispose = core.dispose;
  core.db.exec('ANALYZE');
  const plan = core.db
    .prepare(`EXPLAIN QUERY PLAN ${INBOX_PAGE_SQL}`)
    .all({ stationId: 3, userId: 1, maxRank: 3, beforeAt: '\uffff', beforeId: 1e15, limit: 50 }) as {
    detail: string;
  }[];
  const details = plan.map((p) => p.detail);
  // The deliveries scan is driven by the index on (station_id, arrived_at DESC, id DESC) ...
  expect(
    details.some((d) => /^SEARCH d USING INDEX deliveries_inbox \(station_id=\? AND arrived_at<\?\)$/.test(d)),
  ).toBe(true);
  // ... so ORDER BY costs nothing and every page costs the same at any depth.
  expect(details.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
  // Cables and stations are reached by primary key.
  expect(details).toEqual(expect.arrayContaining([expect.stringMatching(/SEARCH c USING INTEGER PRIMARY KEY/)]));
});

test('the FLASH/NIACT alert check reads only the pending-alerts index, never the post’s history', () => {
  // Issue 15 item 1: the check runs every 15 s and on focus; through deliveries_inbox it walked
  // every delivery the post ever had (844 ms at a million cables with nothing pending).
  const core = seededCore();
  dispose = core.dispose;
  core.db.exec('ANALYZE');
  const details = (
    core.db.prepare(`EXPLAIN QUERY PLAN ${PENDING_ALERTS_SQL}`).all({ stationId: 3, userId: 1, maxRank: 3 }) as {
      detail: string;
    }[]
  ).map((p) => p.detail);
  expect(details).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^SEARCH d USING INDEX deliveries_pending_alerts \(station_id=\?\)$/),
    ]),
  );
  expect(details.some((d) => /^SCAN d\b/.test(d) || /deliveries_inbox/.test(d) || /TEMP B-TREE/.test(d))).toBe(false);
  // The index holds what is pending only: an acknowledgement takes the delivery out of it.
  const pending = () =>
    core.db
      .prepare(
        `SELECT count(*) FROM deliveries INDEXED BY deliveries_pending_alerts
          WHERE ack_at IS NULL AND role = 'ACTION' AND (precedence = 'FLASH' OR niact = 1)`,
      )
      .pluck()
      .get() as number;
  const all = core.db.prepare('SELECT count(*) FROM deliveries').pluck().get() as number;
  const before = pending();
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(all);
  core.db
    .prepare('UPDATE deliveries SET ack_at = ?, ack_by_user_id = NULL WHERE ack_at IS NULL')
    .run(new Date().toISOString());
  expect(pending()).toBe(0);
});
