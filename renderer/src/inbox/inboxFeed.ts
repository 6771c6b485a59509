import { useSyncExternalStore } from 'react';
import type { InboxCursor, InboxRow } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../common/api';
import { MarkingRollup, type ViewMarking } from '../common/viewMarking';

/** Rows per `listInbox` call: the contract's maximum, so a long scroll needs fewest round trips. */
export const INBOX_PAGE_SIZE = 500;

export type InboxFeedSnapshot = Readonly<{
  /** Loaded rows, newest first. One array appended in place; a new snapshot marks each change. */
  rows: ReadonlyArray<InboxRow>;
  rowCount: number;
  /** The overall marking of the loaded rows (highest level, with NOFORN etc.): the list view's banner. */
  marking: ViewMarking;
  hasMore: boolean;
  loading: boolean;
  error: ApiError | null;
}>;

/**
 * The inbox as an infinite list over keyset pages (`nextCursor`), kept outside React so it
 * survives switching between the inbox and a cable. Rows are pushed onto one array, never
 * copied, so a million loaded rows cost one push each rather than a copy per page.
 */
export class InboxFeed {
  private readonly rows: InboxRow[] = [];
  /** Where each delivery sits in `rows`, so a handled delivery is replaced in place. */
  private readonly indexByDelivery = new Map<number, number>();
  private cursor: InboxCursor | null = null;
  private readonly rollup = new MarkingRollup();
  private hasMore = true;
  private loading = false;
  private error: ApiError | null = null;
  private closed = false;
  /** The newest refresh asked for; an older answer is dropped. */
  private refreshRequest = 0;
  private snapshot: InboxFeedSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly client: CableroomClient,
    private readonly pageSize: number = INBOX_PAGE_SIZE,
  ) {
    this.snapshot = this.makeSnapshot();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): InboxFeedSnapshot => this.snapshot;

  /** Fetches the next page unless one is in flight, the end is reached, or the last one failed. */
  readonly loadMore = (): void => {
    if (this.loading || !this.hasMore || this.error || this.closed) return;
    this.loading = true;
    this.publish();
    this.client
      .listInbox(this.cursor, this.pageSize)
      .then((page) => {
        if (this.closed) return;
        for (const row of page.rows) {
          // Already brought in by a refresh (a push while this page was on its way).
          if (this.indexByDelivery.has(row.deliveryId)) continue;
          this.indexByDelivery.set(row.deliveryId, this.rows.length);
          this.rows.push(row);
          this.rollup.add(row);
        }
        this.cursor = page.nextCursor;
        this.hasMore = page.nextCursor !== null;
      })
      .catch((e: unknown) => {
        this.error = toApiError(e);
      })
      .finally(() => {
        this.loading = false;
        if (!this.closed) this.publish();
      });
  };

  /** Clears the last error and asks for the page that failed again. */
  readonly retry = (): void => {
    this.error = null;
    this.loadMore();
  };

  /**
   * Puts the newest state of a delivery (acknowledged, filed as read) in place of the loaded row.
   * A delivery not loaded yet is ignored: its page will bring the new state.
   */
  readonly replaceRow = (row: InboxRow): void => {
    const index = this.indexByDelivery.get(row.deliveryId);
    if (index === undefined || this.closed) return;
    this.rows[index] = row;
    this.publish();
  };

  /**
   * What main pushed (issue 14 item 1): the newest page again. Loaded rows take their new state
   * (read, acknowledged) in place; new deliveries are merged in by delivery time, newest first.
   * A delivery that arrives with a time older than the newest page (an imported historical
   * telegram in a long inbox) shows on the next sign-in.
   */
  readonly refresh = (): void => {
    if (this.closed) return;
    const request = ++this.refreshRequest;
    this.client
      .listInbox(null, this.pageSize)
      .then((page) => {
        if (this.closed || request !== this.refreshRequest) return;
        const fresh: InboxRow[] = [];
        for (const row of page.rows) {
          const index = this.indexByDelivery.get(row.deliveryId);
          if (index === undefined) fresh.push(row);
          else this.rows[index] = row;
        }
        if (fresh.length > 0) this.mergeIn(fresh);
        this.publish();
      })
      .catch(() => {
        // Transient: the next push, the focus or a reload asks again; the list stays as it is.
      });
  };

  private mergeIn(fresh: ReadonlyArray<InboxRow>): void {
    const merged = [...this.rows, ...fresh].sort(newestFirst);
    this.rows.length = 0;
    this.indexByDelivery.clear();
    for (const row of merged) {
      this.indexByDelivery.set(row.deliveryId, this.rows.length);
      this.rows.push(row);
    }
    for (const row of fresh) this.rollup.add(row);
  }

  /** Where a loaded delivery sits in the list now (a refresh may have merged rows in above it). */
  indexOfDelivery(deliveryId: number): number | undefined {
    return this.indexByDelivery.get(deliveryId);
  }

  /** The loaded row of a delivery, if any. */
  rowByDeliveryId(deliveryId: number): InboxRow | undefined {
    const index = this.indexByDelivery.get(deliveryId);
    return index === undefined ? undefined : this.rows[index];
  }

  /** The first loaded delivery of a cable (a search hit opened from the inbox's own traffic). */
  rowByCableId(cableId: number): InboxRow | undefined {
    return this.rows.find((r) => r.cableId === cableId);
  }

  /** Stops publishing (sign-out): a page still in flight is dropped. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private makeSnapshot(): InboxFeedSnapshot {
    return {
      rows: this.rows,
      rowCount: this.rows.length,
      marking: this.rollup.marking(),
      hasMore: this.hasMore,
      loading: this.loading,
      error: this.error,
    };
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }
}

/** The inbox's order: delivery time, then delivery id, newest first (the keyset of listInbox). */
function newestFirst(a: InboxRow, b: InboxRow): number {
  if (a.deliveredAt !== b.deliveredAt) return a.deliveredAt < b.deliveredAt ? 1 : -1;
  return b.deliveryId - a.deliveryId;
}

export function useInboxFeed(feed: InboxFeed): InboxFeedSnapshot {
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
