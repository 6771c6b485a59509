import { describe, expect, test } from 'vitest';
import type { InboxCursor, InboxPage, InboxRow } from '../../../electron/domain/cable';
import type { CableroomClient } from '../../../renderer/src/common/api';
import { InboxFeed } from '../../../renderer/src/inbox/inboxFeed';

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

const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('InboxFeed.refresh', () => {
  test('new deliveries are merged in newest first; loaded ones take their new state in place', async () => {
    let page: InboxPage = { rows: [row(2, '1962-10-28T10:00:00Z'), row(1, '1962-10-27T10:00:00Z')], nextCursor: null };
    const { client } = fakeClient(() => page);
    const feed = new InboxFeed(client, 10);
    feed.loadMore();
    await settle();
    expect(feed.getSnapshot().rows.map((r) => r.deliveryId)).toEqual([2, 1]);

    page = {
      rows: [row(3, '1962-10-29T10:00:00Z'), row(2, '1962-10-28T10:00:00Z', true), row(1, '1962-10-27T10:00:00Z')],
      nextCursor: null,
    };
    feed.refresh();
    await settle();
    const snapshot = feed.getSnapshot();
    expect(snapshot.rows.map((r) => r.deliveryId)).toEqual([3, 2, 1]);
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
    expect(feed.getSnapshot().rows.map((r) => r.deliveryId)).toEqual([1]);
  });
});
