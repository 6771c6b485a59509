import { describe, expect, test } from 'vitest';
import type { SearchHit } from '../../../electron/domain/cable';
import { BEST_MATCH, NEWEST, nextSort, searchOrder, sortHits } from '../../../renderer/src/inbox/searchSort';

const hit = (ref: string, from: string, sentAt: string): SearchHit => ({
  cableId: ref.length,
  ref,
  dtg: '',
  sentAt,
  from,
  mrn: null,
  classification: 'UNCLASSIFIED',
  banner: 'UNCLASSIFIED',
  captions: [],
  subject: '',
  matchedBy: 'words',
  marks: { ref: [], subject: [], dtg: [], mrn: null, snippet: [] },
});

describe('sorting search results (issue 14 item 3)', () => {
  const hits = [
    hit('A', 'USMISSION USNATO', '1962-10-31T00:00:00.000Z'),
    hit('B', 'SECSTATE WASHDC', '1962-11-01T00:00:00.000Z'),
    hit('C', 'SECSTATE WASHDC', '1962-10-28T00:00:00.000Z'),
  ];
  const refs = (sort = BEST_MATCH) => sortHits(hits, sort).map((h) => h.ref);

  test('best match keeps main order; From sorts A–Z with ties in main order; DTG by instant', () => {
    expect(refs()).toEqual(['A', 'B', 'C']);
    expect(refs({ key: 'from', descending: false })).toEqual(['B', 'C', 'A']);
    expect(refs({ key: 'from', descending: true })).toEqual(['A', 'B', 'C']);
    expect(refs({ key: 'dtg', descending: true })).toEqual(['B', 'A', 'C']);
  });

  test('a new column starts A–Z (DTG newest first); clicking it again turns it round', () => {
    expect(nextSort(BEST_MATCH, 'from')).toEqual({ key: 'from', descending: false });
    expect(nextSort(BEST_MATCH, 'dtg')).toEqual({ key: 'dtg', descending: true });
    expect(nextSort({ key: 'dtg', descending: true }, 'dtg')).toEqual({ key: 'dtg', descending: false });
    expect(nextSort({ key: 'dtg', descending: true }, 'match')).toEqual(BEST_MATCH);
  });

  test('best match is asked of main (relevance); newest first, From and DTG start from newest first', () => {
    expect(searchOrder(BEST_MATCH)).toBe('relevance');
    expect(searchOrder(NEWEST)).toBe('newest');
    expect(searchOrder({ key: 'from', descending: false })).toBe('newest');
    expect(nextSort(BEST_MATCH, 'newest')).toEqual(NEWEST);
    expect(refs(NEWEST)).toEqual(['A', 'B', 'C']);
  });
});
