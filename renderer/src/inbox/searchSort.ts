import type { SearchHit } from '../../../electron/domain/cable';

/**
 * Sorting search results (issue 14 item 3): by best match (the order main returns: exact
 * reference, MRN and DTG matches, then words, newest first), by From (the originator's PLAD) or
 * by DTG (the instant it stands for, not its text: "010101Z NOV 62" is after "310000Z OCT 62").
 */
export type SearchSortKey = 'match' | 'from' | 'dtg';
export type SearchSort = Readonly<{ key: SearchSortKey; descending: boolean }>;

export const BEST_MATCH: SearchSort = { key: 'match', descending: false };

/** The sort after a click on a column: a new column starts A–Z (DTG: newest first); the same one turns round. */
export function nextSort(current: SearchSort, key: SearchSortKey): SearchSort {
  if (key === 'match') return BEST_MATCH;
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === 'dtg' };
}

/** The hits in the chosen order; ties keep main's order. */
export function sortHits(hits: ReadonlyArray<SearchHit>, sort: SearchSort): SearchHit[] {
  if (sort.key === 'match') return [...hits];
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
  if (sort.key !== key || key === 'match') return 'none';
  return sort.descending ? 'descending' : 'ascending';
}
