import { useSyncExternalStore } from 'react';
import type { InboxCursor, InboxRow } from '../../../electron/domain/cable';
import type { Classification } from '../../../electron/domain/classification';
import { toApiError, type ApiError, type CableroomClient } from '../api';
import { higherMarking } from './viewMarking';

/** Rows per `listInbox` call: the contract's maximum, so a long scroll needs fewest round trips. */
export const INBOX_PAGE_SIZE = 500;

export type InboxFeedSnapshot = Readonly<{
  /** Loaded rows, newest first. One array appended in place; a new snapshot marks each change. */
  rows: ReadonlyArray<InboxRow>;
  rowCount: number;
  /** The highest classification among the loaded rows: the list view's overall marking. */
  highest: Classification;
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
  private cursor: InboxCursor | null = null;
  private highest: Classification = 'UNCLASSIFIED';
  private hasMore = true;
  private loading = false;
  private error: ApiError | null = null;
  private closed = false;
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
          this.rows.push(row);
          this.highest = higherMarking(this.highest, row.classification);
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

  /** Stops publishing (sign-out): a page still in flight is dropped. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private makeSnapshot(): InboxFeedSnapshot {
    return {
      rows: this.rows,
      rowCount: this.rows.length,
      highest: this.highest,
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

export function useInboxFeed(feed: InboxFeed): InboxFeedSnapshot {
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
