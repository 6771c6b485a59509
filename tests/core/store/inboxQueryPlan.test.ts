import { afterEach, expect, test } from 'vitest';
import { INBOX_PAGE_SQL } from '../../../electron/core/store/cableReader';
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
