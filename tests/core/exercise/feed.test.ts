import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { feedOf } from '../../../electron/core/exercise/feed';
import type { ExerciseRecord } from '../../../electron/domain/exercise/record';
import { POLTO_1962, SEED_CTX } from '../../domain/rules/fixtures';
import {
  ANNE,
  BEN,
  cable,
  CARL,
  MIN,
  PARIS,
  recordBuilder,
  scenario,
  T0,
  USRO,
  livePrefix,
} from '../../domain/exercise/scoreBuilder';

/**
 * The dashboard's feed (issue 10 item 5): what it says, and that the feed kept across refreshes
 * of a live record (feed.ts reads only what is new) is the feed made from scratch.
 */
const A = cable(301, 'TOPOL 901');
const B = cable(302, 'TOPOL 902');
const C = cable(303, 'TOPOL 903', { passes: [{ by: USRO, to: PARIS }] });
const CABLES = { a: A, b: B, c: C } as const;
const PEOPLE = { anne: ANNE, ben: BEN, carl: CARL } as const;

type Act = Readonly<{
  who: keyof typeof PEOPLE;
  kind: 'VIEW' | 'ACK' | 'PASS' | 'DENY' | 'SEARCH' | 'REPLY';
  inject: keyof typeof CABLES;
  minute: number;
}>;

function played(acts: ReadonlyArray<Act>, pauseAt: number | null): ExerciseRecord {
  const b = recordBuilder(scenario(), [ANNE, BEN, CARL]);
  b.inject(T0, 'a', A, 0)
    .inject(T0 + 10 * MIN, 'b', B, 10, [USRO, PARIS])
    .inject(T0 + 30 * MIN, 'c', C, 30);
  if (pauseAt !== null) b.pause(T0 + pauseAt * MIN).resume(T0 + (pauseAt + 7) * MIN);
  acts.forEach((x, i) => {
    const at = T0 + (40 + x.minute) * MIN + i;
    const cableId = CABLES[x.inject].id;
    if (x.kind === 'REPLY') {
      b.release(at, PEOPLE[x.who], {
        cableId: 900 + i,
        ref: `POLTO ${i + 1}`,
        draftId: i + 1,
        relatedSeqs: [],
        replyTo: cableId,
        draft: POLTO_1962,
        ruleContext: SEED_CTX,
        chain: { verified: true, chainProblems: [], signatureProblems: [] },
      });
    } else if (x.kind === 'PASS') b.act(at, PEOPLE[x.who], 'PASS', cableId, { to: [PARIS] });
    else if (x.kind === 'DENY') b.act(at, PEOPLE[x.who], 'DENY', cableId, { what: 'access', reason: 'CLEARANCE' });
    else if (x.kind === 'SEARCH') b.act(at, PEOPLE[x.who], 'SEARCH', null, { query: 'NAC' });
    else b.act(at, PEOPLE[x.who], x.kind, cableId);
  });
  return b.end(T0 + 300 * MIN).build();
}

describe('the exercise feed', () => {
  test('newest first, in words, with the grid of how far each post got', () => {
    const r = played(
      [
        { who: 'anne', kind: 'VIEW', inject: 'a', minute: 0 },
        { who: 'ben', kind: 'ACK', inject: 'a', minute: 1 },
        { who: 'carl', kind: 'VIEW', inject: 'b', minute: 2 },
        { who: 'anne', kind: 'REPLY', inject: 'a', minute: 3 },
      ],
      null,
    );
    const feed = feedOf(r, 3);
    expect(feed.total).toBe(3 + 4);
    expect(feed.entries.map((e) => [e.login, e.action, e.inject, e.what])).toEqual([
      ['anne', 'RELEASE', 'a', 'reply POLTO 4 released (approved by approver)'],
      ['carl', 'VIEW', 'b', 'opened TOPOL 902'],
      ['ben', 'ACK', 'a', 'acknowledged TOPOL 901'],
    ]);
    expect(feed.entries[0]!.dtg).toBe('271843Z OCT 62');
    const cell = (post: string, inject: string) => feed.progress.find((p) => p.post === post && p.inject === inject);
    expect(cell(USRO, 'a')).toEqual({
      post: USRO,
      inject: 'a',
      opened: 40 * MIN,
      acknowledged: 41 * MIN + 1,
      passed: null,
      replied: 43 * MIN + 3,
    });
    expect(cell(PARIS, 'b')).toMatchObject({ opened: 42 * MIN + 2, acknowledged: null });
    expect(feedOf(r, 1000).entries).toHaveLength(7);
  });

  test('kept across refreshes, it is the feed made from scratch at every entry', () => {
    const act = fc.record({
      who: fc.constantFrom('anne' as const, 'ben' as const, 'carl' as const),
      kind: fc.constantFrom(
        'VIEW' as const,
        'ACK' as const,
        'PASS' as const,
        'DENY' as const,
        'SEARCH' as const,
        'REPLY' as const,
      ),
      inject: fc.constantFrom('a' as const, 'b' as const, 'c' as const),
      minute: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(
        fc.array(act, { maxLength: 25 }),
        fc.option(fc.integer({ min: 1, max: 200 })),
        fc.integer({ min: 1, max: 8 }),
        (acts, pauseAt, limit) => {
          const full = played(acts, pauseAt);
          for (let seq = full.startSeq; seq <= full.headSeq; seq++) {
            const live = livePrefix(full, seq);
            const fresh = { ...live, scenario: structuredClone(live.scenario) };
            expect(feedOf(live, limit)).toEqual(feedOf(fresh, limit));
          }
        },
      ),
      { numRuns: 80, seed: 20261202 },
    );
  });
});
