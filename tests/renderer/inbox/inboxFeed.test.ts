import { describe, expect, test } from 'vitest';
import type { InboxCursor, InboxPage, InboxRow } from '../../../electron/domain/cable';
import type { CableroomClient } from '../../../renderer/src/common/api';
import { InboxFeed, KEEP_PAGES } from '../../../renderer/src/inbox/inboxFeed';

/** The inbox feed takes a push (issue 14 item 1): the newest page again, merged in place. */
function row(deliveryId: number, deliveredAt: string, read = false): InboxRow {
  return {
    deliveryId,
    cableId: deliveryId,
    ref: `TOPOL ${deliveryId}`,
    dtg: '281015Z OCT 62',
    deliveredAt,
    classification: 'UNCLASSIFIED',
    banner: 'UNCLASSIFIED',
    captions: [],
    precedence: 'ROUTINE',
    niact: false,
    role: 'ACTION',
    from: 'SECSTATE WASHDC',
    subject: 'Subject',
    needsAck: false,
    acknowledgedAt: null,
    read,
    filed: false,
    pendingPassTo: [],
    sealed: false,
  };
}

function fakeClient(pages: () => InboxPage) {
  const calls: Array<InboxCursor | null> = [];
  const client = {
    listInbox: (cursor: InboxCursor | null) => {
      calls.push(cursor);
      return Promise.resolve(pages());
    },
  } as unknown as CableroomClient;
  return { client, calls };
}

/** The rows the feed holds, in list order. */
function held(feed: InboxFeed): number[] {
  const { rows, rowCount } = feed.getSnapshot();
  return Array.from({ length: rowCount }, (_, i) => rows[i]?.deliveryId ?? -1);
}

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('InboxFeed.refresh', () => {
  test('new deliveries are merged in newest first; loaded ones take their new state in place', async () => {
    let page: InboxPage = { rows: [row(2, '1962-10-28T10:00:00Z'), row(1, '1962-10-27T10:00:00Z')], nextCursor: null };
    const { client } = fakeClient(() => page);
    const feed = new InboxFeed(client, 10);
    feed.loadMore();
    await settle();
    expect(held(feed)).toEqual([2, 1]);

    page = {
      rows: [row(3, '1962-10-29T10:00:00Z'), row(2, '1962-10-28T10:00:00Z', true), row(1, '1962-10-27T10:00:00Z')],
      nextCursor: null,
    };
    feed.refresh();
    await settle();
    const snapshot = feed.getSnapshot();
    expect(held(feed)).toEqual([3, 2, 1]);
    expect(snapshot.rowCount).toBe(3);
    expect(feed.rowByDeliveryId(2)?.read).toBe(true);
    expect(feed.rowByDeliveryId(3)?.ref).toBe('TOPOL 3');
  });

  test('a page that arrives after a refresh brought the same rows adds no duplicates', async () => {
    const page: InboxPage = { rows: [row(1, '1962-10-27T10:00:00Z')], nextCursor: null };
    const { client } = fakeClient(() => page);
    const feed = new InboxFeed(client, 10);
    feed.refresh();
    feed.loadMore();
    await settle();
    expect(held(feed)).toEqual([1]);
  });
});

/** An inbox of `n` deliveries answering listInbox both ways, as main does (keyset, newest first). */
function archiveClient(n: number) {
  const all = Array.from({ length: n }, (_, i) =>
    row(n - i, new Date(Date.UTC(1962, 9, 1) + (n - i) * 60_000).toISOString()),
  );
  const after = (c: InboxCursor) => all.findIndex((r) => r.deliveredAt < c.deliveredAt);
  let calls = 0;
  const client = {
    listInbox: (cursor: InboxCursor | null, limit: number, direction: 'older' | 'newer' = 'older') => {
      calls++;
      if (direction === 'older') {
        const start = cursor ? after(cursor) : 0;
        const rows = start < 0 ? [] : all.slice(start, start + limit);
        const end = start + rows.length;
        return Promise.resolve({ rows, nextCursor: end < all.length && rows.length > 0 ? keyOf(rows.at(-1)!) : null });
      }
      const stop = cursor ? all.findIndex((r) => r.deliveryId === cursor.deliveryId) : all.length;
      const begin = Math.max(0, stop - limit);
      const rows = all.slice(begin, stop);
      return Promise.resolve({ rows, nextCursor: begin > 0 ? keyOf(rows[0]!) : null });
    },
  } as unknown as CableroomClient;
  return { client, all, calls: () => calls };
}
const keyOf = (r: InboxRow): InboxCursor => ({ deliveredAt: r.deliveredAt, deliveryId: r.deliveryId });

describe('InboxFeed, a bounded window (issue 15 item 5)', () => {
  const PAGE = 100;

  test('scrolling through the inbox holds a bounded number of rows; coming back fetches them again', async () => {
    const { client, all } = archiveClient(5_000);
    const feed = new InboxFeed(client, PAGE);
    feed.loadMore();
    await settle();
    let most = 0;
    // Scroll down 30 rows at a time, as the list does: ensure the window, load more near the end.
    for (let first = 0; first < all.length - 30; first += 30) {
      const s = feed.getSnapshot();
      s.rows.ensure(first, first + 30);
      if (s.hasMore && first + 90 >= s.rowCount) feed.loadMore();
      await settle();
      most = Math.max(most, feed.heldRows());
    }
    while (feed.getSnapshot().hasMore) {
      feed.loadMore();
      await settle();
    }
    expect(feed.getSnapshot().rowCount).toBe(5_000);
    expect(most).toBeLessThanOrEqual((2 * KEEP_PAGES + 3) * PAGE);
    // Far from the top, the first page is gone; back there, it is fetched again, the same rows.
    feed.getSnapshot().rows.ensure(4_970, 5_000);
    await settle();
    expect(feed.getSnapshot().rows[0]).toBeUndefined();
    feed.getSnapshot().rows.ensure(0, 30);
    await settle();
    const { rows } = feed.getSnapshot();
    expect(Array.from({ length: 30 }, (_, i) => rows[i]?.deliveryId)).toEqual(
      all.slice(0, 30).map((r) => r.deliveryId),
    );
    expect(rows[4_999]).toBeUndefined();
  });

  test('a delivery is found while its page is held, not while it is dropped, and again once fetched back', async () => {
    const { client, all } = archiveClient(2_000);
    const feed = new InboxFeed(client, PAGE);
    while (feed.getSnapshot().hasMore) {
      feed.loadMore();
      await settle();
    }
    const newest = all[0]!;
    expect(feed.indexOfDelivery(newest.deliveryId)).toBe(0);
    feed.getSnapshot().rows.ensure(1_970, 2_000);
    await settle();
    expect(feed.indexOfDelivery(newest.deliveryId)).toBeUndefined();
    expect(feed.rowByDeliveryId(newest.deliveryId)).toBeUndefined();
    // A new state for a row not held is left to its page.
    feed.replaceRow({ ...newest, read: true });
    feed.getSnapshot().rows.ensure(0, 30);
    await settle();
    expect(feed.indexOfDelivery(newest.deliveryId)).toBe(0);
    expect(feed.getSnapshot().rows[0]?.read).toBe(false);
    feed.replaceRow({ ...newest, read: true });
    expect(feed.getSnapshot().rows[0]?.read).toBe(true);
  });

  test('End reads the last page upwards; the way up puts rows in above; Home starts from the top again', async () => {
    const { client, all } = archiveClient(1_000);
    const feed = new InboxFeed(client, PAGE);
    feed.loadMore();
    await settle();
    feed.getSnapshot().rows.toEnd();
    await settle();
    let s = feed.getSnapshot();
    expect(s.hasMore).toBe(false);
    expect(s.rows.hasAbove).toBe(true);
    // The marker row, then the inbox's last 100 rows, the oldest last.
    expect(s.rowCount).toBe(1 + PAGE);
    expect(s.rows[0]).toBeUndefined();
    expect(s.rows[s.rowCount - 1]?.deliveryId).toBe(all.at(-1)!.deliveryId);
    expect(s.rows[1]?.deliveryId).toBe(all[900]!.deliveryId);
    // Near the top of the list: the page above comes in, and the list is told by how much it moved.
    s.rows.ensure(0, 30);
    await settle();
    s = feed.getSnapshot();
    expect(s.rows.shift).toBe(PAGE);
    expect(s.rows[1]?.deliveryId).toBe(all[800]!.deliveryId);
    expect(s.rows[s.rowCount - 1]?.deliveryId).toBe(all.at(-1)!.deliveryId);
    s.rows.toStart();
    await settle();
    s = feed.getSnapshot();
    expect(s.rows.hasAbove).toBe(false);
    expect(s.rows[0]?.deliveryId).toBe(all[0]!.deliveryId);
    expect(s.rowCount).toBe(PAGE);
  });

  test('climbing all the way up after End ends at the true top, every row once, in order', async () => {
    const { client, all } = archiveClient(450);
    const feed = new InboxFeed(client, PAGE);
    feed.getSnapshot().rows.toEnd();
    await settle();
    for (let i = 0; i < 10 && feed.getSnapshot().rows.hasAbove; i++) {
      feed.getSnapshot().rows.ensure(0, 30);
      await settle();
    }
    const s = feed.getSnapshot();
    expect(s.rows.hasAbove).toBe(false);
    expect(s.rowCount).toBe(450);
    // Every row in its place: read the list a window at a time, as the list would.
    for (let first = 0; first < 450; first += 50) {
      feed.getSnapshot().rows.ensure(first, first + 50);
      await settle();
      const { rows } = feed.getSnapshot();
      expect(Array.from({ length: 50 }, (_, i) => rows[first + i]?.deliveryId)).toEqual(
        all.slice(first, first + 50).map((r) => r.deliveryId),
      );
    }
  });
});
