import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../electron/domain/cable';
import { ClassificationChip } from './markings';
import { ShownText } from './ShownText';

/**
 * Search results (pure view): one button per hit, each with its full marking line as a chip and
 * its captions (main has already removed every cable the person may not see). Arrow keys move
 * between hits, Enter opens one, Escape (handled by the screen) clears the search.
 */
export type SearchState =
  | Readonly<{ status: 'idle' }>
  | Readonly<{ status: 'searching'; query: string }>
  | Readonly<{ status: 'ready'; query: string; hits: ReadonlyArray<SearchHit> }>
  | Readonly<{ status: 'error'; query: string; message: string }>;

export function SearchResults(props: {
  search: Exclude<SearchState, { status: 'idle' }>;
  /** The hit to focus when the list appears again (coming back from a cable). */
  focusIndex: number | null;
  onOpen(hit: SearchHit, index: number): void;
}) {
  const { search, focusIndex } = props;
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
  return (
    <ol className="search-results" aria-label="Search results" ref={listRef} onKeyDown={onKeyDown}>
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
                <span className="hit__ref">
                  <ShownText text={h.ref} />
                </span>
                {h.captions.map((c) => (
                  <span key={c} className="caption-tag">
                    <ShownText text={c} />
                  </span>
                ))}
              </span>
              <span className="hit__subject">
                <ShownText text={h.subject} />
              </span>
            </span>
            <span className="hit__dtg">
              <ShownText text={h.dtg} />
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}
