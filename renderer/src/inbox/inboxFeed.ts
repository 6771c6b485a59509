import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { InboxCursor, InboxPage, InboxRow } from '../../../electron/domain/cable';
import { toApiError, type ApiError, type CableroomClient } from '../common/api';
import { MarkingRollup, type ViewMarking } from '../common/viewMarking';

/** Rows per `listInbox` call: the contract's maximum, so a long scroll needs fewest round trips. */
export const INBOX_PAGE_SIZE = 500;
/**
 * Pages kept either side of the pages in view (issue 15 item 5): at most about (2 × 2 + 2) × 500
 * rows are held, however far the list is scrolled; a page further away is dropped and fetched
 * again when the list comes back to it.
 */
export const KEEP_PAGES = 2;

/**
 * The rows of the list as the views read them: `rows[i]` is the row at index i, or undefined
 * where it is not held (a dropped page being fetched again, or the marker row 0 when the list
 * starts below the top). With the feed's navigation for the list.
 */
export type LoadedRows = Readonly<{ [index: number]: InboxRow | undefined }> &
  Readonly<{
    /** The list starts below the inbox's first row (after End): row 0 is a marker, rows above it are fetched on the way up. */
    hasAbove: boolean;
    /** Rows put in above the top of the list so far (the list keeps its place by this many rows). */
    shift: number;
    /** The list shows rows [first, end): fetch what is missing near them, drop pages far from them. */
    ensure(first: number, end: number): void;
    /** Home: back to the inbox's first row. */
    toStart(): void;
    /** End: to the inbox's true last row (read upwards from the end: a backward cursor). */
    toEnd(): void;
  }>;

export type InboxFeedSnapshot = Readonly<{
  rows: LoadedRows;
  /** Rows in the list, the marker row included when `rows.hasAbove`. */
  rowCount: number;
  /** The overall marking of the rows loaded so far (highest level, with NOFORN etc.): the list view's banner. */
  marking: ViewMarking;
  hasMore: boolean;
  loading: boolean;
  error: ApiError | null;
}>;

type Page = {
  /** Its rows newest first, or null while dropped. */
  rows: InboxRow[] | null;
  length: number;
  /** Keys of its first (newest) and last (oldest) rows: where to fetch it, or its neighbours, again. */
  first: InboxCursor;
  last: InboxCursor;
  fetching: boolean;
};

const keyOf = (r: InboxRow): InboxCursor => ({ deliveredAt: r.deliveredAt, deliveryId: r.deliveryId });

/**
 * The inbox as a bounded window over keyset pages (issue 15 item 5), kept outside React so it
 * survives switching between the inbox and a cable. The list is one contiguous run of pages: from
 * the inbox's first row down (the usual case), or, after End, up from its last row with a marker
 * row on top until the run reaches the first row. Every page keeps its length and the keys of its
 * first and last rows; only the pages near the view keep their rows, so memory does not grow with
 * how far the list was scrolled (the page list itself is a few numbers per 500 rows).
 */
export class InboxFeed {
  private pages: Page[] = [];
  /** Absolute index of each page's first row (after the marker row, if any). */
  private offsets: number[] = [];
  /** The run starts at the inbox's first row / ends at its last row. */
  private atTop = true;
  private atBottom = false;
  /** The cursor for the page below the run (null: the top of the inbox, when the run is empty). */
  private below: InboxCursor | null = null;
  private shift = 0;
  /**
   * The page holding each held delivery: a page's arrival checks its rows against what is held in
   * O(page), not O(window) (the long tasks of issue 15 item 5, measured by the perf spec).
   */
  private readonly held = new Map<number, Page>();
  private readonly rollup = new MarkingRollup();
  private loading = false;
  private error: ApiError | null = null;
  private closed = false;
  /** Bumped by Home and End: an answer for the run before is dropped. */
  private generation = 0;
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

  /** Fetches the page below the run unless one is in flight, the end is reached, or the last one failed. */
  readonly loadMore = (): void => {
    if (this.loading || this.atBottom || this.error || this.closed) return;
    this.fetch('below', this.below, 'older');
  };

  /** The page above the run, after End (a backward cursor from the run's first row). */
  private loadAbove(): void {
    if (this.loading || this.atTop || this.error || this.closed || this.pages.length === 0) return;
    this.fetch('above', this.pages[0]!.first, 'newer');
  }

  private fetch(where: 'below' | 'above' | 'end', cursor: InboxCursor | null, direction: 'older' | 'newer'): void {
    const generation = this.generation;
    this.loading = true;
    this.publish();
    this.client
      .listInbox(cursor, this.pageSize, direction)
      .then((page) => {
        pageArrived();
        if (this.closed || generation !== this.generation) return;
        if (where === 'above') this.putAbove(page);
        else this.putBelow(page, where === 'end');
      })
      .catch((e: unknown) => {
        if (generation === this.generation) this.error = toApiError(e);
      })
      .finally(() => {
        if (generation !== this.generation) return;
        this.loading = false;
        if (!this.closed) this.publish();
      });
  }

  private putBelow(page: InboxPage, fromEnd: boolean): void {
    // End: the run starts again at the inbox's last rows (the old one stayed on screen meanwhile).
    if (fromEnd) this.dropAll();
    // A refresh (a push while this page was on its way) may have brought some of these already.
    const rows = page.rows.filter((r) => !this.held.has(r.deliveryId));
    if (rows.length > 0) this.pages.push(this.newPage(rows));
    if (fromEnd) {
      this.atBottom = true;
      this.atTop = page.nextCursor === null;
    } else {
      this.below = page.nextCursor;
      this.atBottom = page.nextCursor === null;
    }
    this.reindex();
  }

  private putAbove(page: InboxPage): void {
    const rows = page.rows.filter((r) => !this.held.has(r.deliveryId));
    const markerGone = page.nextCursor === null;
    if (rows.length > 0) this.pages.unshift(this.newPage(rows));
    this.atTop = markerGone;
    // The list keeps its place: rows went in above, the marker row went away.
    this.shift += rows.length - (markerGone ? 1 : 0);
    this.reindex();
  }

  private newPage(rows: InboxRow[]): Page {
    for (const r of rows) this.rollup.add(r);
    const page = {
      rows,
      length: rows.length,
      first: keyOf(rows[0]!),
      last: keyOf(rows[rows.length - 1]!),
      fetching: false,
    };
    this.hold(page, rows);
    return page;
  }

  private hold(page: Page, rows: ReadonlyArray<InboxRow>): void {
    for (const r of rows) this.held.set(r.deliveryId, page);
  }

  private drop(page: Page): void {
    for (const r of page.rows ?? []) if (this.held.get(r.deliveryId) === page) this.held.delete(r.deliveryId);
    page.rows = null;
  }

  private dropAll(): void {
    this.pages = [];
    this.held.clear();
  }

  /** Clears the last error and asks for the page that failed again. */
  readonly retry = (): void => {
    this.error = null;
    if (this.atBottom) this.loadAbove();
    else this.loadMore();
  };

  readonly ensure = (first: number, end: number): void => {
    if (this.closed || this.pages.length === 0) return;
    const from = this.pageAt(Math.max(0, first));
    const to = this.pageAt(Math.max(0, end - 1));
    // Dropping a far page changes nothing on screen: no new snapshot, no render for it.
    this.pages.forEach((p, k) => {
      const far = k < from - KEEP_PAGES || k > to + KEEP_PAGES;
      if (far && p.rows !== null && !p.fetching) this.drop(p);
      else if (!far && p.rows === null && !p.fetching) this.refetch(k);
    });
    if (!this.atTop && first <= 1) this.loadAbove();
  };

  /** Fetches a dropped page again: below its upper neighbour, or above its lower one (or the end). */
  private refetch(k: number): void {
    const page = this.pages[k]!;
    const generation = this.generation;
    page.fetching = true;
    const above = k > 0 ? this.pages[k - 1]!.last : null;
    const call =
      above !== null || this.atTop
        ? this.client.listInbox(above, page.length, 'older')
        : this.client.listInbox(this.pages[k + 1]?.first ?? null, page.length, 'newer');
    call
      .then((got) => {
        pageArrived();
        page.fetching = false;
        // Home or End started a new run, or the page went (a refresh may put rows in above it).
        if (this.closed || generation !== this.generation || !this.pages.includes(page)) return;
        if (got.rows.length === 0) return;
        page.rows = [...got.rows];
        this.hold(page, page.rows);
        page.first = keyOf(got.rows[0]!);
        page.last = keyOf(got.rows[got.rows.length - 1]!);
        if (got.rows.length !== page.length) {
          page.length = got.rows.length;
          this.reindex();
        }
        this.publish();
      })
      .catch(() => {
        // Transient: the page is asked for again the next time the list shows it.
        page.fetching = false;
      });
  }

  /** Home: the inbox's first row. A run that starts there is kept; otherwise it starts again from the top. */
  readonly toStart = (): void => {
    if (this.closed || this.atTop) return;
    this.restart();
    this.loadMore();
  };

  /** End: the inbox's true last row, read upwards from the end; the run starts there. */
  readonly toEnd = (): void => {
    if (this.closed || this.atBottom) return;
    // The list stays as it is until the last page is in: no empty list, no jump to the top.
    this.generation++;
    this.loading = false;
    this.error = null;
    this.fetch('end', null, 'newer');
  };

  private restart(): void {
    this.generation++;
    this.dropAll();
    this.atTop = true;
    this.atBottom = false;
    this.below = null;
    this.loading = false;
    this.error = null;
    this.reindex();
  }

  /**
   * Puts the newest state of a delivery (acknowledged, filed as read) in place of the loaded row.
   * A delivery not held is ignored: its page will bring the new state.
   */
  readonly replaceRow = (row: InboxRow): void => {
    const at = this.locate(row.deliveryId);
    if (at === undefined || this.closed) return;
    this.pages[at.page]!.rows![at.offset] = row;
    this.publish();
  };

  /**
   * What main pushed (issue 14 item 1): the newest page again. Held rows take their new state
   * (read, acknowledged) in place; while the list starts at the top, new deliveries are put in by
   * delivery time, newest first. A delivery that arrives with a time older than the newest row (an
   * imported historical telegram in a long inbox) shows on the next sign-in.
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
          const at = this.locate(row.deliveryId);
          if (at !== undefined) this.pages[at.page]!.rows![at.offset] = row;
          else fresh.push(row);
        }
        if (this.atTop) this.mergeIn(fresh);
        this.publish();
      })
      .catch(() => {
        // Transient: the next push, the focus or a reload asks again; the list stays as it is.
      });
  };

  /** New deliveries into the first page: all of them if it is held, else those above its first row. */
  private mergeIn(fresh: ReadonlyArray<InboxRow>): void {
    const top = this.pages[0];
    if (!top) {
      if (fresh.length > 0) this.pages.push(this.newPage([...fresh].sort(newestFirst)));
      this.reindex();
      return;
    }
    const bound = rowOfKey(top.rows ? top.last : top.first);
    const within = fresh.filter((r) => newestFirst(r, bound) < 0);
    if (within.length === 0) return;
    for (const r of within) this.rollup.add(r);
    if (top.rows) {
      top.rows = [...within, ...top.rows].sort(newestFirst);
      this.hold(top, within);
    }
    top.length += within.length;
    top.first = keyOf(top.rows ? top.rows[0]! : [...within].sort(newestFirst)[0]!);
    this.reindex();
  }

  /** Where a held delivery sits in the list now (a refresh may have put rows in above it). */
  indexOfDelivery(deliveryId: number): number | undefined {
    const at = this.locate(deliveryId);
    return at === undefined ? undefined : this.offsets[at.page]! + at.offset;
  }

  /** The held row of a delivery, if any. */
  rowByDeliveryId(deliveryId: number): InboxRow | undefined {
    const at = this.locate(deliveryId);
    return at === undefined ? undefined : this.pages[at.page]!.rows![at.offset];
  }

  /** The first held delivery of a cable (a search hit opened from the inbox's own traffic). */
  rowByCableId(cableId: number): InboxRow | undefined {
    for (const p of this.pages) {
      const row = p.rows?.find((r) => r.cableId === cableId);
      if (row) return row;
    }
    return undefined;
  }

  /** Rows held now (the bounded window; tests and the perf spec read it). */
  heldRows(): number {
    return this.pages.reduce((n, p) => n + (p.rows?.length ?? 0), 0);
  }

  /** Stops publishing (sign-out): a page still in flight is dropped. */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }

  private locate(deliveryId: number): { page: number; offset: number } | undefined {
    const page = this.held.get(deliveryId);
    const offset = page?.rows?.findIndex((r) => r.deliveryId === deliveryId) ?? -1;
    if (page === undefined || offset < 0) return undefined;
    const k = this.pages.indexOf(page);
    return k < 0 ? undefined : { page: k, offset };
  }

  private reindex(): void {
    let at = this.atTop ? 0 : 1;
    this.offsets = this.pages.map((p) => {
      const start = at;
      at += p.length;
      return start;
    });
  }

  private rowCount(): number {
    const last = this.pages.length - 1;
    return last < 0 ? (this.atTop ? 0 : 1) : this.offsets[last]! + this.pages[last]!.length;
  }

  /** The page holding absolute index i (the nearest page for the marker row or past the end). */
  private pageAt(i: number): number {
    let lo = 0;
    let hi = this.pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.offsets[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private rowAt(i: number): InboxRow | undefined {
    if (this.pages.length === 0 || i < this.offsets[0]!) return undefined;
    const k = this.pageAt(i);
    return this.pages[k]!.rows?.[i - this.offsets[k]!];
  }

  private makeSnapshot(): InboxFeedSnapshot {
    const target = {
      hasAbove: !this.atTop,
      shift: this.shift,
      ensure: this.ensure,
      toStart: this.toStart,
      toEnd: this.toEnd,
    };
    const rows = new Proxy(target, {
      get: (t, p, receiver) =>
        typeof p === 'string' && /^\d+$/.test(p) ? this.rowAt(Number(p)) : Reflect.get(t, p, receiver),
    }) as unknown as LoadedRows;
    return {
      rows,
      rowCount: this.rowCount(),
      marking: this.rollup.marking(),
      hasMore: !this.atBottom,
      loading: this.loading,
      error: this.error,
    };
  }

  private publish(): void {
    this.snapshot = this.makeSnapshot();
    for (const l of this.listeners) l();
  }
}

/**
 * A User Timing mark the moment a page's answer reaches the feed, before the feed does anything
 * with it: the e2e perf spec (tests/e2e/perf.spec.ts) splits long tasks there, the transfer
 * before it, the app's own work after. Cleared at once: nothing accumulates.
 */
export const PAGE_ARRIVED_MARK = 'cableroom:inbox-page-arrived';
function pageArrived(): void {
  performance.mark(PAGE_ARRIVED_MARK);
  performance.clearMarks(PAGE_ARRIVED_MARK);
}

/**
 * Set by the list (InboxList.tsx) once React has committed what the feed published and run its
 * effects: the end of the app's own work on a page, the perf spec's other bound. Cleared at once.
 */
export const PAGE_SHOWN_MARK = 'cableroom:inbox-page-shown';
export function pageShown(): void {
  performance.mark(PAGE_SHOWN_MARK);
  performance.clearMarks(PAGE_SHOWN_MARK);
}

/** A stand-in row with only the keys, to compare with. */
function rowOfKey(key: InboxCursor): InboxRow {
  return { deliveredAt: key.deliveredAt, deliveryId: key.deliveryId } as InboxRow;
}

/** The inbox's order: delivery time, then delivery id, newest first (the keyset of listInbox). */
function newestFirst(a: InboxRow, b: InboxRow): number {
  if (a.deliveredAt !== b.deliveredAt) return a.deliveredAt < b.deliveredAt ? 1 : -1;
  return b.deliveryId - a.deliveryId;
}

export function useInboxFeed(feed: InboxFeed): InboxFeedSnapshot {
  // The first page is asked for as soon as the workspace is in the DOM, before the browser lays it
  // out and paints it: main reads the page meanwhile (issue 15 item 6, the first row after Sign in).
  // A no-op when a page is already on its way.
  useLayoutEffect(() => feed.loadMore(), [feed]);
  return useSyncExternalStore(feed.subscribe, feed.getSnapshot);
}
