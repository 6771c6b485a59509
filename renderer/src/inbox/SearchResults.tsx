import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../electron/domain/cable';
import { ariaSort, type SearchSort, type SearchSortKey } from './searchSort';
import { ClassificationChip } from '../common/markings';
import { MarkedText } from '../common/MarkedText';
import { ShownText } from '../common/ShownText';
import { Spinner } from '../common/SlowWork';

/**
 * Search results (pure view): one button per hit, each with its full marking line as a chip, its
 * captions, its reference, subject and a snippet of its text with what matched highlighted, and
 * From and DTG columns (main has already removed every cable the person may not see; issue 14
 * item 3). The column heads sort the list (newest first, best match — ranked by relevance in main,
 * issue 15 item 4 — From, DTG). Arrow keys move between hits,
 * Enter opens one, Escape (handled by the screen) clears the search.
 */
export type SearchState =
  | Readonly<{ status: 'idle' }>
  | Readonly<{ status: 'searching'; query: string }>
  | Readonly<{
      status: 'ready';
      query: string;
      hits: ReadonlyArray<SearchHit>;
      /** The order main returned them in (issue 15 item 4); newest first when absent. */
      order?: 'newest' | 'relevance';
    }>
  | Readonly<{ status: 'error'; query: string; message: string }>;

export function SearchResults(props: {
  search: Exclude<SearchState, { status: 'idle' }>;
  /** The hit to focus when the list appears again (coming back from a cable). */
  focusIndex: number | null;
  onOpen(hit: SearchHit, index: number): void;
  /** The order the hits are in (the container sorts them). */
  sort: SearchSort;
  onSort(key: SearchSortKey): void;
}) {
  const { search, focusIndex, sort } = props;
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (focusIndex === null) return;
    listRef.current?.querySelectorAll<HTMLButtonElement>('.hit')[focusIndex]?.focus();
  }, [focusIndex]);

  const onKeyDown = (e: KeyboardEvent<HTMLOListElement>) => {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('.hit') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(buttons.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next === null || next < 0) return;
    e.preventDefault();
    buttons[next]?.focus();
  };

  if (search.status === 'searching') {
    return (
      <p className="search-status muted" data-testid="search-status" aria-busy="true">
        <Spinner />
        Searching for “<ShownText text={search.query} />
        ”…
      </p>
    );
  }
  if (search.status === 'error') {
    return (
      <p className="search-status form-error" role="alert" data-testid="search-status">
        {search.message}
      </p>
    );
  }
  if (search.hits.length === 0) {
    return (
      <p className="search-status muted" data-testid="search-empty">
        No cables you may read match “<ShownText text={search.query} />
        ”.
      </p>
    );
  }
  const head = (key: SearchSortKey, label: string) => {
    const order = ariaSort(sort, key);
    const active = sort.key === key;
    return (
      <button
        type="button"
        className="search-results__sort"
        aria-pressed={active}
        data-testid={`sort-${key}`}
        data-sort={order}
        onClick={() => props.onSort(key)}
      >
        {label}
        {order === 'ascending' ? ' ↑' : order === 'descending' ? ' ↓' : ''}
        {order !== 'none' && (
          <span className="visually-hidden">{order === 'ascending' ? ', ascending' : ', descending'}</span>
        )}
      </button>
    );
  };
  return (
    <>
      <div className="search-results__head" role="group" aria-label="Sort results by">
        <span className="search-results__head-marking">
          {head('newest', 'Newest')} {head('match', 'Best match')}
        </span>
        <span />
        <span>{head('from', 'From')}</span>
        <span className="search-results__head-dtg">{head('dtg', 'DTG')}</span>
      </div>
      <ol
        className="search-results"
        aria-label="Search results"
        data-order={search.order ?? 'newest'}
        ref={listRef}
        onKeyDown={onKeyDown}
      >
        {search.hits.map((h, i) => (
          <li key={h.cableId}>
            <button
              type="button"
              className="hit"
              data-testid="search-hit"
              data-ref={h.ref}
              onClick={() => props.onOpen(h, i)}
            >
              <span className="hit__classification">
                <ClassificationChip classification={h.classification} text={h.banner} />
              </span>
              <span className="hit__main">
                <span className="hit__line1">
                  <span className="hit__ref" data-testid="hit-ref">
                    <MarkedText parts={h.marks.ref} />
                  </span>
                  {h.captions.map((c) => (
                    <span key={c} className="caption-tag">
                      <ShownText text={c} />
                    </span>
                  ))}
                  {h.marks.mrn && (
                    <span className="hit__mrn muted">
                      MRN <MarkedText parts={h.marks.mrn} />
                    </span>
                  )}
                </span>
                <span className="hit__subject" data-testid="hit-subject">
                  <MarkedText parts={h.marks.subject} />
                </span>
                {h.marks.snippet.length > 0 && (
                  <span className="hit__snippet" data-testid="hit-snippet">
                    <MarkedText parts={h.marks.snippet} />
                  </span>
                )}
              </span>
              <span className="hit__from" data-testid="hit-from">
                <ShownText text={h.from} />
              </span>
              <span className="hit__dtg" data-testid="hit-dtg">
                <MarkedText parts={h.marks.dtg} />
              </span>
            </button>
          </li>
        ))}
      </ol>
    </>
  );
}
