import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import { isHighPrecedence } from '../../../electron/domain/precedence';
import { pageShown, type LoadedRows } from './inboxFeed';
import { computeWindow, rowsPerPage, rowTopPx, scrollTopToReveal } from './windowing';
import { formatDtg } from '../../../electron/domain/dtg';
import { ClassificationChip, PrecedenceBadge } from '../common/markings';
import { ShownText } from '../common/ShownText';

/**
 * The inbox list (pure view): a single-select listbox with its own fixed-row-height windowing.
 * Only the rows in view plus OVERSCAN_ROWS either side are in the DOM (and the selected row, so
 * `aria-activedescendant` always points at an element). When the window comes within
 * LOAD_AHEAD_ROWS of the last loaded row it asks for the next page. The feed holds only the pages
 * near the window (issue 15 item 5): a row it does not hold shows as a placeholder until its page
 * is back; Home and End go to the inbox's true first and last rows.
 */
export const ROW_HEIGHT_PX = 56;
const OVERSCAN_ROWS = 8;
const LOAD_AHEAD_ROWS = 60;

export type InboxListProps = Readonly<{
  /** The rows the feed holds, by index (inboxFeed.ts LoadedRows), with its navigation. */
  rows: LoadedRows;
  rowCount: number;
  /** More rows exist beyond the last loaded one (a next cursor is known). */
  hasMore: boolean;
  loading: boolean;
  selectedIndex: number;
  initialScrollTopPx: number;
  autoFocus: boolean;
  /** A click opens the cable (the default), or only selects it for the reading pane; double-click always opens. */
  clickOpens?: boolean;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onNeedMore(): void;
  onScrollTopChange(scrollTopPx: number): void;
}>;

export function rowDomId(row: InboxRow): string {
  return `inbox-row-${row.deliveryId}`;
}

export function InboxList(props: InboxListProps) {
  const { rows, rowCount, hasMore, loading, selectedIndex, onNeedMore, onScrollTopChange } = props;
  const viewportRef = useRef<HTMLDivElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(props.initialScrollTopPx);
  const [viewportHeightPx, setViewportHeightPx] = useState(600);

  // Restore the scroll position once, before paint, when returning from a cable. At the top
  // (after Sign in) nothing is read back from the DOM: a read would force the first layout of the
  // whole workspace here, before the first page is even asked for (issue 15 item 6).
  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    if (props.initialScrollTopPx !== 0) {
      el.scrollTop = props.initialScrollTopPx;
      setScrollTopPx(el.scrollTop);
    }
    if (props.autoFocus) el.focus({ preventScroll: true });
    // Mount only: later scroll positions come from the user.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The viewport's height: the observer reports it after each layout, the first one included.
  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    // Read in the observer's callback, after layout: no layout is forced for it.
    const observer = new ResizeObserver(() => setViewportHeightPx(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const win = computeWindow({
    rowCount: rowCount,
    rowHeightPx: ROW_HEIGHT_PX,
    viewportHeightPx,
    scrollTopPx,
    overscanRows: OVERSCAN_ROWS,
  });

  // Infinite scroll: fetch the next page before the user reaches the end of what is loaded.
  useEffect(() => {
    if (hasMore && !loading && win.end >= rowCount - LOAD_AHEAD_ROWS) onNeedMore();
  }, [hasMore, loading, win.end, rowCount, onNeedMore]);

  // The bounded window: pages near the rows shown are fetched (again), pages far from them dropped.
  useEffect(() => {
    rows.ensure(win.first, win.end);
  }, [rows, win.first, win.end]);

  // What the feed published is on screen, effects run (the perf spec's bound of the app's work on a page).
  useEffect(() => pageShown(), [rows]);

  // Rows put in above the list (on the way up after End) must not move what is on screen.
  const shiftSeen = useRef(rows.shift);
  useLayoutEffect(() => {
    const el = viewportRef.current;
    const delta = rows.shift - shiftSeen.current;
    shiftSeen.current = rows.shift;
    if (!el || delta === 0) return;
    el.scrollTop = el.scrollTop + (delta * ROW_HEIGHT_PX) / win.scale;
    setScrollTopPx(el.scrollTop);
    onScrollTopChange(el.scrollTop);
    // The selection follows its delivery by itself (the workspace looks it up by delivery id).
    // Only a shift moves the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows.shift]);

  // End before the true end is known: the feed reads the last page upwards; select its last row.
  const pendingEnd = useRef(false);
  useEffect(() => {
    if (!pendingEnd.current || hasMore || loading || rowCount === 0) return;
    pendingEnd.current = false;
    props.onSelect(rowCount - 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [hasMore, loading, rowCount]);

  const reveal = useCallback(
    (index: number) => {
      const el = viewportRef.current;
      if (!el) return;
      const target = scrollTopToReveal(index, {
        rowCount: rowCount,
        rowHeightPx: ROW_HEIGHT_PX,
        viewportHeightPx: el.clientHeight,
        scrollTopPx: el.scrollTop,
      });
      if (target !== null) {
        el.scrollTop = target;
        setScrollTopPx(el.scrollTop);
        onScrollTopChange(el.scrollTop);
      }
    },
    [rowCount, onScrollTopChange],
  );

  // Keep the selection in view whenever it moves (keyboard, or a page load clamping it). A row
  // in view by the position the list rendered is left alone without reading the DOM (a read
  // forces a layout: the first row after Sign in would wait for it).
  useLayoutEffect(() => {
    if (selectedIndex < 0 || selectedIndex >= rowCount) return;
    const rendered = { rowCount, rowHeightPx: ROW_HEIGHT_PX, viewportHeightPx, scrollTopPx };
    if (scrollTopToReveal(selectedIndex, rendered) === null) return;
    reveal(selectedIndex);
    // Only a change of selection should scroll; a new page arriving must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0) return;
    const page = rowsPerPage(ROW_HEIGHT_PX, viewportHeightPx);
    const last = rowCount - 1;
    const current = selectedIndex < 0 ? -1 : selectedIndex;
    let next: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
        next = Math.min(last, current + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, current - 1);
        break;
      case 'PageDown':
        next = Math.min(last, current + page);
        break;
      case 'PageUp':
        next = Math.max(0, current - page);
        break;
      case 'Home':
        // The inbox's first row: after End the list starts again from the top.
        if (rows.hasAbove) rows.toStart();
        next = 0;
        break;
      case 'End':
        // The inbox's true last row: unless the list already reaches it, the feed reads the
        // last page upwards (a backward cursor) and the last row is selected when it is in.
        if (hasMore) {
          e.preventDefault();
          rows.toEnd();
          pendingEnd.current = true;
          return;
        }
        next = last;
        break;
      case 'Enter':
      case ' ':
        if (current >= 0) {
          e.preventDefault();
          props.onOpen(current);
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next !== current) props.onSelect(next);
    else reveal(next);
  };

  // The rows are memoised (a page arriving re-renders the list, not every row in it): they get
  // callbacks that never change, which call the latest props.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const onRowSelect = useCallback((index: number) => latest.current.onSelect(index), []);
  const onRowOpen = useCallback((index: number) => latest.current.onOpen(index), []);

  const indices: number[] = [];
  for (let i = win.first; i < win.end; i++) indices.push(i);
  if (selectedIndex >= 0 && selectedIndex < rowCount && (selectedIndex < win.first || selectedIndex >= win.end)) {
    indices.push(selectedIndex);
  }
  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex] : undefined;

  return (
    <div
      ref={viewportRef}
      className="inbox-list"
      role="listbox"
      aria-label="Inbox, newest first"
      aria-activedescendant={selectedRow ? rowDomId(selectedRow) : undefined}
      aria-busy={loading}
      tabIndex={0}
      data-testid="inbox-list"
      onKeyDown={onKeyDown}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        setScrollTopPx(top);
        onScrollTopChange(top);
      }}
    >
      <div className="inbox-list__spacer" style={{ height: win.spacerHeightPx }}>
        {indices.map((i) => {
          const row = rows[i];
          if (!row) {
            // The marker above a list that starts below the top, or a row whose page is on its way.
            const marker = i === 0 && rows.hasAbove;
            return (
              <div
                key={`placeholder-${i}`}
                className="inbox-row inbox-row--placeholder muted"
                aria-hidden="true"
                data-testid={marker ? 'inbox-newer-above' : 'inbox-row-placeholder'}
                style={{
                  height: ROW_HEIGHT_PX,
                  transform: `translateY(${rowTopPx(i, ROW_HEIGHT_PX, scrollTopPx, win)}px)`,
                }}
              >
                {marker ? 'Newer cables above — loading…' : 'Loading…'}
              </div>
            );
          }
          return (
            <InboxRowView
              key={row.deliveryId}
              row={row}
              index={i}
              setSize={hasMore || rows.hasAbove ? -1 : rowCount}
              selected={i === selectedIndex}
              topPx={rowTopPx(i, ROW_HEIGHT_PX, scrollTopPx, win)}
              clickOpens={props.clickOpens ?? true}
              onSelect={onRowSelect}
              onOpen={onRowOpen}
            />
          );
        })}
      </div>
    </div>
  );
}

const ROLE_WORDS: Readonly<Record<InboxRow['role'], string>> = {
  ACTION: 'Action',
  INFO: 'Info',
  PASS: 'Pass',
  REPEAT: 'Repeat',
};

/** One row: re-rendered only when its own props change (memo: same row object, same place). */
const InboxRowView = memo(function InboxRowView(props: {
  row: InboxRow;
  index: number;
  setSize: number;
  selected: boolean;
  topPx: number;
  clickOpens: boolean;
  onSelect(index: number): void;
  onOpen(index: number): void;
}) {
  const { row, index } = props;
  const high = isHighPrecedence(row.precedence, row.niact);
  const classes = ['inbox-row'];
  if (props.selected) classes.push('inbox-row--selected');
  if (high) classes.push('inbox-row--high');
  if (row.precedence === 'FLASH') classes.push('inbox-row--flash');
  if (!row.read) classes.push('inbox-row--unread');
  const awaitingAck = row.needsAck && row.acknowledgedAt === null;
  return (
    <div
      id={rowDomId(row)}
      className={classes.join(' ')}
      role="option"
      aria-selected={props.selected}
      aria-posinset={index + 1}
      aria-setsize={props.setSize}
      data-testid="inbox-row"
      data-index={index}
      data-ref={row.ref}
      data-read={row.read ? 'true' : 'false'}
      data-acknowledged={row.needsAck ? (awaitingAck ? 'false' : 'true') : undefined}
      style={{ height: ROW_HEIGHT_PX, transform: `translateY(${props.topPx}px)` }}
      onClick={() => {
        // The rows are not focusable: a click focuses the listbox itself, which owns the keys.
        props.onSelect(index);
        if (props.clickOpens) props.onOpen(index);
      }}
      onDoubleClick={() => {
        if (!props.clickOpens) props.onOpen(index);
      }}
    >
      <span className="inbox-row__precedence">
        <PrecedenceBadge precedence={row.precedence} niact={row.niact} />
      </span>
      <span className="inbox-row__classification">
        <ClassificationChip classification={row.classification} text={row.banner} />
      </span>
      <span className="inbox-row__main">
        <span className="inbox-row__line1">
          <span
            className={`read-dot${row.read ? ' read-dot--read' : ''}`}
            data-testid="read-dot"
            title={row.filed ? 'Filed as read' : row.read ? 'Read' : 'Unread'}
          >
            <span className="visually-hidden">{row.filed ? 'Filed as read. ' : row.read ? 'Read. ' : 'Unread. '}</span>
          </span>
          <span className="inbox-row__ref">
            <ShownText text={row.ref} />
          </span>
          {row.captions.map((c) => (
            <span key={c} className="caption-tag">
              <ShownText text={c} />
            </span>
          ))}
          <span className={`role-tag role-tag--${row.role.toLowerCase()}`}>{ROLE_WORDS[row.role]}</span>
          {awaitingAck && (
            <span className="ack-tag" data-testid="ack-required">
              Ack required
            </span>
          )}
          {row.needsAck && row.acknowledgedAt !== null && (
            <span className="ack-tag ack-tag--done" data-testid="acknowledged" title={row.acknowledgedAt}>
              Acked {formatDtg(new Date(row.acknowledgedAt))}
            </span>
          )}
        </span>
        <span className="inbox-row__subject">
          <span className="inbox-row__from-inline">
            <ShownText text={row.from} /> ·{' '}
          </span>
          {row.sealed ? (
            <em className="inbox-row__sealed" data-testid="sealed">
              Sealed — pass to <ShownText text={row.pendingPassTo.join(', ')} /> unread
            </em>
          ) : (
            <ShownText text={row.subject} />
          )}
        </span>
      </span>
      <span className="inbox-row__from">
        <ShownText text={row.from} />
      </span>
      <span className="inbox-row__dtg">{row.dtg}</span>
    </div>
  );
});
