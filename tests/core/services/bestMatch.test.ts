import { describe, expect, test } from 'vitest';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { bestMatchCableIds } from '../../../electron/core/store/cableSearch';
import { createSearchService } from '../../../electron/core/services/search';
import type { Classification } from '../../../electron/domain/classification';
import { topolCable } from '../../e2e/cables';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

/**
 * "Best match" (issue 15 item 4) on a real seeded SQLite file: BM25 over the newest matches,
 * exact reference matches still first, and every hit through decideAccess (rules 14, 15, 18, 20).
 */
const core = seededCoreFixture();

const filler = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

function add(c: SeededCore, number: number, text: string, o: { subject?: string; cls?: Classification } = {}): number {
  const cable = topolCable({
    number,
    classification: o.cls ?? 'CONFIDENTIAL',
    subject: o.subject ?? `Routine note ${number}`,
    paragraphs: [text],
  });
  return insertCable(c.db, cable);
}

/** Four cables holding "obsidian", newest first D, B, C, A; by relevance A, B, C, D. */
function archive(c: SeededCore) {
  const a = add(c, 2001, 'Obsidian obsidian obsidian.', { subject: 'OBSIDIAN SHIPMENT' });
  const cc = add(c, 2002, `Obsidian ${filler(30)}.`);
  const b = add(c, 2003, 'Obsidian obsidian noted.');
  const d = add(c, 2004, `Obsidian ${filler(60)}.`);
  const secret = add(c, 2005, 'Obsidian obsidian obsidian obsidian obsidian obsidian.', {
    subject: 'OBSIDIAN OBSIDIAN',
    cls: 'SECRET',
  });
  return { a, b, c: cc, d, secret };
}

const refsOf = (hits: ReadonlyArray<{ ref: string }>) => hits.map((h) => h.ref);

describe('best match', () => {
  test('ranks by BM25, not by date: more occurrences, in the subject, in a shorter text first', () => {
    const c = core();
    const ids = archive(c);
    expect(bestMatchCableIds(c.db, ['obsidian'])).toEqual([ids.secret, ids.a, ids.b, ids.c, ids.d]);
    const search = createSearchService(c.db, c.audit);
    const finletter = c.users.byLogin('finletter');
    expect(refsOf(search.search(finletter, 'obsidian', 10, 'relevance'))).toEqual([
      'TOPOL 2005',
      'TOPOL 2001',
      'TOPOL 2003',
      'TOPOL 2002',
      'TOPOL 2004',
    ]);
    // Newest first stays the default.
    expect(refsOf(search.search(finletter, 'obsidian', 10))).toEqual([
      'TOPOL 2005',
      'TOPOL 2004',
      'TOPOL 2003',
      'TOPOL 2002',
      'TOPOL 2001',
    ]);
  });

  test('a cable the user may not read is never returned, however well it matches (rule 18)', () => {
    const c = core();
    archive(c);
    const hits = createSearchService(c.db, c.audit).search(c.users.byLogin('trainee'), 'obsidian', 10, 'relevance');
    expect(refsOf(hits)).toEqual(['TOPOL 2001', 'TOPOL 2003', 'TOPOL 2002', 'TOPOL 2004']);
    expect(JSON.stringify(hits)).not.toContain('TOPOL 2005');
  });

  test('only the newest K matches are ranked: an older, better match is left out (the documented bound)', () => {
    const c = core();
    const ids = archive(c);
    expect(bestMatchCableIds(c.db, ['obsidian'], { candidates: 3 })).toEqual([ids.secret, ids.b, ids.d]);
    const hits = createSearchService(c.db, c.audit, { candidates: 3 }).search(
      c.users.byLogin('finletter'),
      'obsidian',
      10,
      'relevance',
    );
    expect(refsOf(hits)).toEqual(['TOPOL 2005', 'TOPOL 2003', 'TOPOL 2004']);
  });

  test('a rare word weighs more than a common one (IDF over the newest cables)', () => {
    const c = core();
    archive(c);
    const x = add(c, 2006, `Obsidian obsidian obsidian basalt ${filler(5)}.`);
    const y = add(c, 2007, `Obsidian basalt basalt basalt ${filler(5)}.`);
    // "obsidian" is in seven cables, "basalt" in two: three times basalt beats three times obsidian.
    expect(bestMatchCableIds(c.db, ['obsidian', 'basalt'])).toEqual([y, x]);
    expect(bestMatchCableIds(c.db, ['OBSIDIAN', 'Basalt'])).toEqual([y, x]);
  });

  test('an exact reference still comes first, then the words by relevance', () => {
    const c = core();
    archive(c);
    const hits = createSearchService(c.db, c.audit).search(c.users.byLogin('finletter'), 'TOPOL 2002', 10, 'relevance');
    expect(hits[0]).toMatchObject({ ref: 'TOPOL 2002', matchedBy: 'ref' });
  });
});
