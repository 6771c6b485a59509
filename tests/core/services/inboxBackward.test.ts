import { expect, test } from 'vitest';
import type { InboxCursor, InboxRow } from '../../../electron/domain/cable';
import { INBOX_PAGE_NEWER_SQL } from '../../../electron/core/store/cableReader';
import { addTopolTraffic } from '../../e2e/cables';
import { seededCoreFixture } from '../../support/tempCore';

/**
 * The inbox read backwards (issue 15 item 5): the renderer keeps a bounded window of pages and
 * jumps to the true end, so it needs the rows just above a key, and the last rows of the inbox,
 * still newest first and under the same access rules (14, 15, 18, 20) as the forward pages.
 */
const core = seededCoreFixture();
const ids = (rows: ReadonlyArray<InboxRow>): number[] => rows.map((r) => r.deliveryId);

function wholeInbox(c: ReturnType<typeof core>, login: string): InboxRow[] {
  const actor = c.users.byLogin(login);
  const all: InboxRow[] = [];
  let cursor: InboxCursor | null = null;
  do {
    const page = c.inbox.list(actor, { cursor, limit: 37 });
    all.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

test.each(['finletter', 'duty-usro', 'trainee'])('%s: reading upwards from the end gives the same inbox', (login) => {
  const c = core();
  addTopolTraffic(c, 200);
  const all = wholeInbox(c, login);
  const actor = c.users.byLogin(login);
  const upwards: InboxRow[] = [];
  let cursor: InboxCursor | null = null;
  let pages = 0;
  do {
    const page = c.inbox.list(actor, { cursor, limit: 37, direction: 'newer' });
    // Each page is newest first, and sits above the one before.
    upwards.unshift(...page.rows);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  expect(ids(upwards)).toEqual(ids(all));
  // The last page of the inbox: its oldest rows, newest first.
  const last = c.inbox.list(actor, { limit: 10, direction: 'newer' });
  expect(ids(last.rows)).toEqual(ids(all.slice(-10)));
  // Just above a row: the rows before it in the list.
  const at = all[120]!;
  const above = c.inbox.list(actor, {
    cursor: { deliveredAt: at.deliveredAt, deliveryId: at.deliveryId },
    limit: 5,
    direction: 'newer',
  });
  expect(ids(above.rows)).toEqual(ids(all.slice(115, 120)));
});

test('the backward page query reads deliveries_inbox too, without a temp B-tree', () => {
  const c = core();
  c.db.exec('ANALYZE');
  const details = (
    c.db
      .prepare(`EXPLAIN QUERY PLAN ${INBOX_PAGE_NEWER_SQL}`)
      .all({ stationId: 3, userId: 1, maxRank: 3, afterAt: '', afterId: 0, limit: 50 }) as { detail: string }[]
  ).map((p) => p.detail);
  expect(
    details.some((d) => /^SEARCH d USING INDEX deliveries_inbox \(station_id=\? AND arrived_at>\?\)$/.test(d)),
  ).toBe(true);
  expect(details.some((d) => /TEMP B-TREE/.test(d))).toBe(false);
});
