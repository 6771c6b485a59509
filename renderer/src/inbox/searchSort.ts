import type { SearchHit } from '../../../electron/domain/cable';

/**
 * Sorting search results (issue 14 item 3, issue 15 item 4): newest first (the default: exact
 * reference, MRN and DTG matches, then the words, newest first — main's order), by best match
 * (main ranks the newest matches by relevance, BM25: core/store/cableSearch.ts), by From (the
 * originator's PLAD) or by DTG (the instant it stands for, not its text: "010101Z NOV 62" is after
 * "310000Z OCT 62"). From and DTG sort the hits of a newest-first search here.
 */
export type SearchSortKey = 'newest' | 'match' | 'from' | 'dtg';
export type SearchSort = Readonly<{ key: SearchSortKey; descending: boolean }>;

export const NEWEST: SearchSort = { key: 'newest', descending: false };
export const BEST_MATCH: SearchSort = { key: 'match', descending: false };

/** The order main is asked for: best match is ranked there; every other sort starts from newest first. */
export function searchOrder(sort: SearchSort): 'newest' | 'relevance' {
  return sort.key === 'match' ? 'relevance' : 'newest';
}

/** The sort after a click on a column: a new column starts A–Z (DTG: newest first); the same one turns round. */
export function nextSort(current: SearchSort, key: SearchSortKey): SearchSort {
  if (key === 'match') return BEST_MATCH;
  if (key === 'newest') return NEWEST;
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === 'dtg' };
}

/** The hits in the chosen order; ties keep main's order. */
export function sortHits(hits: ReadonlyArray<SearchHit>, sort: SearchSort): SearchHit[] {
  if (sort.key === 'match' || sort.key === 'newest') return [...hits];
  const sign = sort.descending ? -1 : 1;
  const value = (h: SearchHit): string => (sort.key === 'from' ? h.from : h.sentAt);
  return hits
    .map((h, i) => ({ h, i }))
    .sort((a, b) => {
      const va = value(a.h);
      const vb = value(b.h);
      return va < vb ? -sign : va > vb ? sign : a.i - b.i;
    })
    .map((x) => x.h);
}

/** What a column header says to assistive technology (aria-sort). */
export function ariaSort(sort: SearchSort, key: SearchSortKey): 'ascending' | 'descending' | 'none' {
  if (sort.key !== key || key === 'match' || key === 'newest') return 'none';
  return sort.descending ? 'descending' : 'ascending';
}
