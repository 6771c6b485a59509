import { useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { SearchHit } from '../../../electron/domain/cable';
import type { ViewMarking } from '../common/viewMarking';
import type { SearchSort, SearchSortKey } from './searchSort';
import { InboxList } from './InboxList';
import type { LoadedRows } from './inboxFeed';
import { SearchResults, type SearchState } from './SearchResults';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { Working } from '../common/SlowWork';
import { ariaKeyShortcuts } from '../shortcuts/keyWords';
import { useShortcut } from '../shortcuts/ShortcutProvider';

/**
 * The inbox (pure view): the cable list, or the results of a search, and the load status. The
 * banner is the overall marking of what is listed (DOMAIN.md rule 25; §4): the loaded rows'
 * rollup, or the hits' while results are shown. The keyboard (issue 14 item 6; the table in
 * shortcuts/keymap.ts): the list's own arrows, Home/End and Enter, and from anywhere on the
 * screen j/k to move (through the hits while searching), o to open, "/" for the search field,
 * where Enter searches and Escape clears the search and returns to the list.
 */
export type InboxScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  rows: LoadedRows;
  rowCount: number;
  /** Overall marking of the list (the rollup of the loaded rows). */
  marking: ViewMarking;
  hasMore: boolean;
  loading: boolean;
  /** A page has been loading for SLOW_WORK_MS: the status line says so. */
  loadingSlow: boolean;
  error: string | null;
  selectedIndex: number;
  initialScrollTopPx: number;
  query: string;
  search: SearchState;
  /** Overall marking of the search results, shown instead of the list's while they are. */
  searchMarking: ViewMarking;
  searchFocusIndex: number | null;
  onQueryChange(query: string): void;
  onSearch(): void;
  onClearSearch(): void;
  onOpenHit(hit: SearchHit, index: number): void;
  /** The order of the search results, and a click on a column head (issue 14 item 3). */
  searchSort: SearchSort;
  onSortHits(key: SearchSortKey): void;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onNeedMore(): void;
  onRetry(): void;
  onScrollTopChange(scrollTopPx: number): void;
  /** The reading pane beside the list (issue 14 item 4): on or off, remembered by the container. */
  readingPane: boolean;
  onToggleReadingPane(): void;
  /** The pane's content while it is on. */
  pane: ReactNode;
}>;

export function InboxScreen(props: InboxScreenProps) {
  const { rows, rowCount, search } = props;
  // The marker row (after End, before the list is back at the top) is not a cable.
  const listed = rowCount - (rows.hasAbove ? 1 : 0);
  const searchId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const listColumnRef = useRef<HTMLDivElement>(null);
  const searchPaneRef = useRef<HTMLDivElement>(null);
  const searching = search.status !== 'idle';
  const { chrome, onSelect, onOpen, onOpenHit, onClearSearch } = props;

  /** The list keeps the keyboard: after a move from the sheet or the body, focus goes back to it. */
  const focusList = () => {
    const active = document.activeElement;
    if (active === null || active === document.body) {
      listColumnRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus({ preventScroll: true });
    }
  };

  const hitButtons = () => Array.from(searchPaneRef.current?.querySelectorAll<HTMLButtonElement>('.hit') ?? []);

  /** j/k: the next or previous row of the list, or hit of the results (the list's arrows do the same). */
  const move = (delta: 1 | -1): boolean => {
    if (searching) {
      const buttons = hitButtons();
      if (buttons.length === 0) return false;
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = at < 0 ? 0 : Math.max(0, Math.min(buttons.length - 1, at + delta));
      buttons[next]?.focus();
      return true;
    }
    if (rowCount === 0) return false;
    const current = props.selectedIndex;
    const next = Math.max(0, Math.min(rowCount - 1, current + delta));
    if (next !== current) onSelect(next);
    focusList();
    return true;
  };

  useShortcut('inbox.next', () => move(1));
  useShortcut('inbox.previous', () => move(-1));
  useShortcut('inbox.open', () => {
    if (searching) {
      if (search.status !== 'ready') return false;
      const at = hitButtons().indexOf(document.activeElement as HTMLButtonElement);
      const index = Math.max(0, at);
      const hit = search.hits[index];
      if (!hit) return false;
      onOpenHit(hit, index);
      return true;
    }
    if (props.selectedIndex < 0 || props.selectedIndex >= rowCount) return false;
    onOpen(props.selectedIndex);
    return true;
  });
  useShortcut('inbox.search', () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  });
  // Escape is handled by the field and the results themselves; registered so the sheet shows it here.
  useShortcut('inbox.clearSearch', onClearSearch, searching);
  useShortcut('go.inbox', () => {
    // Already here: from the results back to the list, and the keyboard to it.
    if (searching) onClearSearch();
    else focusList();
  });
  useShortcut('go.drafts', () => chrome.onNavigate('drafts'), chrome.sections.includes('drafts'));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSearch();
  };

  const onSearchKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      props.onClearSearch();
    } else if (e.key === 'ArrowDown' && search.status === 'ready' && search.hits.length > 0) {
      e.preventDefault();
      document.querySelector<HTMLButtonElement>('.search-results .hit')?.focus();
    }
  };

  const onResultsKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      props.onClearSearch();
    }
  };

  return (
    <WorkspaceFrame
      chrome={props.chrome}
      marking={searching ? props.searchMarking : props.marking}
      testId="screen-inbox"
    >
      <main className="inbox">
        <div className="inbox__title-row">
          <h2 className="inbox__title">{searching ? 'Search results' : 'Inbox'}</h2>
          <form role="search" className="search-box" onSubmit={submit}>
            <label htmlFor={searchId} className="visually-hidden">
              Search cables
            </label>
            <input
              id={searchId}
              ref={inputRef}
              type="search"
              className="text-input search-box__input"
              placeholder="Search subject and text"
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              value={props.query}
              aria-keyshortcuts={ariaKeyShortcuts('inbox.search')}
              data-testid="search-input"
              onChange={(e) => props.onQueryChange(e.target.value)}
              onKeyDown={onSearchKeyDown}
            />
            <kbd className="search-box__key" aria-hidden="true">
              /
            </kbd>
          </form>
          {!searching && (
            <button
              type="button"
              className="button button--small inbox__pane-toggle"
              aria-pressed={props.readingPane}
              onClick={props.onToggleReadingPane}
              data-testid="reading-pane-toggle"
            >
              Reading pane
            </button>
          )}
          <p className="inbox__hint muted">
            {searching
              ? 'j k ↑ ↓ to move · Enter to open · Esc to clear'
              : 'j k ↑ ↓ to move · Enter to open · / to search'}
          </p>
        </div>
        {searching ? (
          <div className="search-pane" ref={searchPaneRef} onKeyDown={onResultsKeyDown}>
            <SearchResults
              search={search}
              focusIndex={props.searchFocusIndex}
              onOpen={props.onOpenHit}
              sort={props.searchSort}
              onSort={props.onSortHits}
            />
          </div>
        ) : (
          <div className={`inbox__body${props.readingPane ? ' inbox__body--pane' : ''}`}>
            <div className="inbox__list-column" ref={listColumnRef}>
              <div className="inbox-columns" aria-hidden="true">
                <span>Precedence</span>
                <span>Classification</span>
                <span>Cable · subject</span>
                <span>From</span>
                <span>DTG</span>
              </div>
              {rowCount === 0 && !props.loading && !props.hasMore && props.error === null ? (
                <p className="inbox__empty" data-testid="inbox-empty">
                  No cables for you yet.
                </p>
              ) : (
                <InboxList
                  rows={rows}
                  rowCount={rowCount}
                  hasMore={props.hasMore}
                  loading={props.loading}
                  selectedIndex={props.selectedIndex}
                  initialScrollTopPx={props.initialScrollTopPx}
                  autoFocus
                  clickOpens={!props.readingPane}
                  onSelect={props.onSelect}
                  onOpen={props.onOpen}
                  onNeedMore={props.onNeedMore}
                  onScrollTopChange={props.onScrollTopChange}
                />
              )}
            </div>
            {props.readingPane && props.pane}
          </div>
        )}
        <footer className="inbox__status" aria-live="polite">
          {searching ? (
            <span className="muted" data-testid="search-count">
              {search.status === 'ready'
                ? `${search.hits.length} ${search.hits.length === 1 ? 'result' : 'results'} · Esc clears the search`
                : 'Esc clears the search'}
            </span>
          ) : props.error !== null ? (
            <span className="form-error" role="alert">
              {props.error}{' '}
              <button type="button" className="button button--link" onClick={props.onRetry}>
                Try again
              </button>
            </span>
          ) : (
            <span className="muted" data-testid="inbox-count">
              {/* Counted as paged through, held or not (issue 15 item 5: only pages near the view are held). */}
              {groupThousands(listed)} {listed === 1 ? 'cable' : 'cables'} loaded
              {rows.hasAbove ? ' · newer above' : ''}
              {props.loadingSlow ? (
                <>
                  {' · '}
                  <Working words="loading more…" />
                </>
              ) : props.hasMore ? (
                ' · more below'
              ) : (
                ''
              )}
            </span>
          )}
        </footer>
      </main>
    </WorkspaceFrame>
  );
}

/**
 * 12,345 as `toLocaleString('en-US')` writes it, without Intl: the first Intl number format in a
 * process loads ICU's locale data (20–30 ms in Node on the 2-core machine), on the first inbox
 * render after Sign in (issue 15 item 6, docs/SCALE.md).
 */
export function groupThousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
