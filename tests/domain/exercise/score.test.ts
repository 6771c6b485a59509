import { describe, expect, test } from 'vitest';
import type { Draft } from '../../../electron/domain/draft';
import type { Expectation, ReleaseFacts } from '../../../electron/domain/exercise/record';
import { JournalError } from '../../../electron/domain/exercise/record';
import {
  expectationMetAt,
  isExpectationMet,
  scoreRecord,
  type ScoreLine,
} from '../../../electron/domain/exercise/score';
import { POLTO_1962, SEED_CTX } from '../rules/fixtures';
import { ANNE, BEN, cable, CARL, MIN, PARIS, recordBuilder, scenario, T0, USRO } from './scoreBuilder';

/**
 * Scoring an exercise record (EXERCISES.md §4; issue 10 item 4): windows in scenario time, the
 * people in `who`, every kind of expectation, the mistakes with their rule and teaching text.
 */
const A = cable(201, 'TOPOL 801', { classification: 'CONFIDENTIAL' });
const B = cable(202, 'TOPOL 802', { passes: [{ by: USRO, to: PARIS }] });
const C = cable(203, 'TOPOL 803', { captions: ['NODIS'], classification: 'SECRET' });

const ack = (over: Partial<Expectation> = {}): Expectation =>
  ({
    id: 'ack-a',
    inject: 'a',
    kind: 'acknowledge',
    who: 'duty',
    within: 10,
    points: 20,
    objective: 'handling',
    mode: 'any',
    ...over,
  }) as Expectation;

const main = (lines: ReadonlyArray<ScoreLine>, login: string, id: string): ScoreLine =>
  lines.find((l) => l.trainee === login && l.expectation === id && l.rule === null)!;
const mistakes = (lines: ReadonlyArray<ScoreLine>, login: string, id: string): ScoreLine[] =>
  lines.filter((l) => l.trainee === login && l.expectation === id && l.rule !== null);

describe('windows in scenario time', () => {
  test('an acknowledgement inside the window earns the points and names its entry', () => {
    const r = recordBuilder(scenario({ expectations: [ack()] }), [ANNE, BEN])
      .inject(T0 + 2 * MIN, 'a', A, 2)
      .act(T0 + 5 * MIN, ANNE, 'ACK', A.id, { deliveryId: 1 })
      .end(T0 + 30 * MIN)
      .build();
    const line = main(scoreRecord(r).lines, 'anne', 'ack-a');
    const ackSeq = r.actions.find((a) => a.action === 'ACK')!.seq;
    expect(line).toMatchObject({
      verdict: 'MET',
      points: 20,
      possible: 20,
      auditSeqs: [ackSeq],
      deliveredMs: 2 * MIN,
      atMs: 5 * MIN,
      dueMs: 12 * MIN,
      role: 'duty',
      post: USRO,
      objective: 'handling',
    });
  });

  test('a pause does not count against the trainee: the window is scenario time', () => {
    const r = recordBuilder(scenario({ expectations: [ack({ within: 2 })] }), [ANNE])
      .inject(T0 + 2 * MIN, 'a', A, 2)
      .pause(T0 + 3 * MIN)
      .resume(T0 + 43 * MIN)
      .act(T0 + 44 * MIN, ANNE, 'ACK', A.id)
      .end(T0 + 50 * MIN)
      .build();
    expect(main(scoreRecord(r).lines, 'anne', 'ack-a')).toMatchObject({ verdict: 'MET', points: 20, atMs: 4 * MIN });
  });

  test('at a rate of 10, three real minutes are thirty scenario minutes: late, linearly less', () => {
    const r = recordBuilder(scenario({ expectations: [ack({ within: 20 })] }), [ANNE], 10)
      .inject(T0, 'a', A, 0)
      .act(T0 + 3 * MIN, ANNE, 'ACK', A.id)
      .end(T0 + 10 * MIN)
      .build();
    // 30 minutes taken against a 20-minute window: half-way to twice the window, half the points.
    expect(main(scoreRecord(r).lines, 'anne', 'ack-a')).toMatchObject({ verdict: 'LATE', points: 10, atMs: 30 * MIN });
  });

  test('a rate change mid-way re-anchors the clock without a jump', () => {
    const r = recordBuilder(scenario({ expectations: [ack({ within: 30 })] }), [ANNE], 1)
      .inject(T0, 'a', A, 0)
      .rate(T0 + 10 * MIN, 5)
      .act(T0 + 14 * MIN, ANNE, 'ACK', A.id)
      .end(T0 + 20 * MIN)
      .build();
    expect(main(scoreRecord(r).lines, 'anne', 'ack-a')).toMatchObject({ verdict: 'MET', atMs: 30 * MIN });
  });

  test('never met: MISSED once ended; PENDING while the window (twice its length) is open', () => {
    const base = () => recordBuilder(scenario({ expectations: [ack({ within: 10 })] }), [ANNE]).inject(T0, 'a', A, 0);
    expect(
      main(
        scoreRecord(
          base()
            .end(T0 + 60 * MIN)
            .build(),
        ).lines,
        'anne',
        'ack-a',
      ),
    ).toMatchObject({
      verdict: 'MISSED',
      points: 0,
      possible: 20,
      auditSeqs: [],
    });
    const running = base().build();
    expect(main(scoreRecord(running, { realNowMs: T0 + 5 * MIN }).lines, 'anne', 'ack-a')).toMatchObject({
      verdict: 'PENDING',
      note: 'window open',
    });
    expect(main(scoreRecord(running, { realNowMs: T0 + 15 * MIN }).lines, 'anne', 'ack-a')).toMatchObject({
      verdict: 'PENDING',
      note: 'overdue',
    });
    expect(main(scoreRecord(running, { realNowMs: T0 + 25 * MIN }).lines, 'anne', 'ack-a').verdict).toBe('MISSED');
    expect(scoreRecord(running, { realNowMs: T0 + 5 * MIN }).status).toBe('RUNNING');
  });

  test('an inject not yet delivered is PENDING while running and not scored once ended', () => {
    const s = scenario({ expectations: [ack()] });
    expect(main(scoreRecord(recordBuilder(s, [ANNE]).build()).lines, 'anne', 'ack-a')).toMatchObject({
      verdict: 'PENDING',
      deliveredMs: null,
      possible: 20,
    });
    expect(
      scoreRecord(
        recordBuilder(s, [ANNE])
          .end(T0 + MIN)
          .build(),
      ).lines,
    ).toEqual([]);
  });

  test('a journal that does not replay is an error, never a silent zero', () => {
    const r = recordBuilder(scenario({ expectations: [ack()] }), [ANNE])
      .resume(T0 + MIN)
      .build();
    expect(() => scoreRecord(r)).toThrow(JournalError);
    expect(() => scoreRecord(r)).toThrow(/RESUME.*not paused/);
  });
});

describe('who: a role or a post, all or any', () => {
  const open = (mode: 'all' | 'any'): Expectation => ({
    id: 'open-a',
    inject: 'a',
    kind: 'open',
    who: USRO,
    within: 10,
    points: 10,
    objective: 'handling',
    mode,
  });
  const played = (mode: 'all' | 'any') =>
    recordBuilder(scenario({ expectations: [open(mode)] }), [ANNE, BEN, CARL])
      .inject(T0, 'a', A, 0)
      .act(T0 + 4 * MIN, BEN, 'VIEW', A.id)
      .act(T0 + 5 * MIN, CARL, 'VIEW', A.id)
      .end(T0 + 60 * MIN)
      .build();

  test('a post names every trainee at it; any: the first of them meets it for all', () => {
    const { lines } = scoreRecord(played('any'));
    expect(lines.map((l) => l.trainee)).toEqual(['anne', 'ben']);
    const benView = played('any').actions.find((a) => a.login === 'ben')!.seq;
    for (const login of ['anne', 'ben']) {
      expect(main(lines, login, 'open-a')).toMatchObject({ verdict: 'MET', points: 10, auditSeqs: [benView] });
    }
    expect(main(lines, 'anne', 'open-a').note).toBe('opened by ben');
  });

  test('all: each is scored on their own act', () => {
    const { lines } = scoreRecord(played('all'));
    expect(main(lines, 'ben', 'open-a').verdict).toBe('MET');
    expect(main(lines, 'anne', 'open-a').verdict).toBe('MISSED');
    expect(isExpectationMet(played('all'), 'open-a')).toBe(false);
    expect(isExpectationMet(played('any'), 'open-a')).toBe(true);
    expect(expectationMetAt(played('any'), 'open-a')).toBe(4 * MIN);
    expect(() => isExpectationMet(played('any'), 'nope')).toThrow(/no expectation "nope"/);
  });
});

describe('pass and repeat (rules 16, 17)', () => {
  const pass: Expectation = {
    id: 'pass-b',
    inject: 'b',
    kind: 'pass',
    who: 'duty',
    within: 10,
    points: 20,
    mode: 'any',
    objective: 'handling',
  };

  test("the cable's own instruction is the right post; a pass elsewhere costs half the points", () => {
    const r = recordBuilder(scenario({ expectations: [pass] }), [ANNE])
      .inject(T0, 'b', B, 0)
      .act(T0 + 2 * MIN, ANNE, 'DENY', B.id, { what: 'pass', reason: 'no pass instruction for this post' })
      .act(T0 + 3 * MIN, ANNE, 'PASS', B.id, { by: USRO, to: ['AMEMBASSY BONN'], passes: 1 })
      .act(T0 + 4 * MIN, ANNE, 'PASS', B.id, { by: USRO, to: [PARIS], passes: 1 })
      .end(T0 + 60 * MIN)
      .build();
    const { lines } = scoreRecord(r);
    expect(main(lines, 'anne', 'pass-b')).toMatchObject({ verdict: 'MET', points: 20, atMs: 4 * MIN });
    const wrong = mistakes(lines, 'anne', 'pass-b');
    expect(wrong).toHaveLength(2);
    expect(wrong.every((l) => l.rule === 17 && l.verdict === 'BROKEN' && l.points === -10 && l.possible === 0)).toBe(
      true,
    );
    expect(wrong[1]!.note).toBe('passed to AMEMBASSY BONN');
    expect(wrong[0]!.teaching).toMatch(/X PASS Y/);
  });

  test('a NODIS repeat counts only with its approval; a refusal for want of it costs (rule 16)', () => {
    const repeat: Expectation = {
      id: 'rep-c',
      inject: 'c',
      kind: 'repeat',
      who: 'duty',
      to: [PARIS, 'AMEMBASSY LONDON'],
      within: 10,
      points: 20,
      mode: 'any',
    };
    const r = recordBuilder(scenario({ expectations: [repeat] }), [ANNE])
      .inject(T0, 'c', C, 0)
      .act(T0 + MIN, ANNE, 'DENY', C.id, { what: 'repeat', reason: 'approval', captions: ['NODIS'] })
      .act(T0 + 2 * MIN, ANNE, 'REPEAT', C.id, { to: [PARIS], approvedBy: 'ss-officer' })
      .act(T0 + 3 * MIN, ANNE, 'REPEAT', C.id, { to: ['AMEMBASSY LONDON'], approvedBy: null })
      .act(T0 + 4 * MIN, ANNE, 'REPEAT', C.id, { to: ['AMEMBASSY LONDON'], approvedBy: 'ss-officer' })
      .end(T0 + 60 * MIN)
      .build();
    const { lines } = scoreRecord(r);
    const seqOf = (m: number) => r.actions.find((a) => a.realMs === T0 + m * MIN)!.seq;
    expect(main(lines, 'anne', 'rep-c')).toMatchObject({
      verdict: 'MET',
      atMs: 4 * MIN,
      auditSeqs: [seqOf(2), seqOf(4)],
    });
    expect(mistakes(lines, 'anne', 'rep-c')).toMatchObject([{ rule: 16, points: -10, auditSeqs: [seqOf(1)] }]);
  });
});

describe('never (EXERCISES.md §2)', () => {
  const never = (action: 'access-denied' | 'file-unacknowledged' | 'noforn-to-foreign-national', inject?: string) =>
    ({
      id: `never-${action}`,
      kind: 'never',
      action,
      who: 'desk',
      points: 5,
      mode: 'any',
      objective: 'handling',
      ...(inject ? { inject } : {}),
    }) as Expectation;

  test('each access refusal costs the points, with the rule of its reason; other refusals do not count', () => {
    const r = recordBuilder(scenario({ expectations: [never('access-denied')] }), [BEN])
      .inject(T0, 'c', C, 0)
      .act(T0 + MIN, BEN, 'DENY', C.id, { channel: 'app', reason: 'CLEARANCE' })
      .act(T0 + 2 * MIN, BEN, 'DENY', C.id, { channel: 'app', reason: 'EYES_ONLY' })
      .act(T0 + 3 * MIN, BEN, 'DENY', C.id, { what: 'repeat', reason: 'approval' })
      .act(T0 + 4 * MIN, BEN, 'DENY', null, { draft: 3, what: 'read', reason: 'NOT_IN_CHAIN' })
      .end(T0 + 60 * MIN)
      .build();
    const { lines, trainees } = scoreRecord(r);
    expect(lines.map((l) => [l.verdict, l.points, l.rule])).toEqual([
      ['BROKEN', -5, 18],
      ['BROKEN', -5, 14],
    ]);
    expect(lines[0]!.teaching).toMatch(/clearance reaches its classification/);
    expect(trainees[0]).toMatchObject({ points: -10, possible: 0, counts: { BROKEN: 2 } });
  });

  test('limited to the inject when it names one; MET once ended without a breach, PENDING before', () => {
    const s = scenario({ expectations: [never('access-denied', 'a')] });
    const r = recordBuilder(s, [BEN])
      .inject(T0, 'a', A, 0)
      .inject(T0, 'c', C, 0)
      .act(T0 + MIN, BEN, 'DENY', C.id, { reason: 'CLEARANCE' });
    expect(scoreRecord(r.build()).lines).toMatchObject([{ verdict: 'PENDING', points: 0 }]);
    expect(scoreRecord(r.end(T0 + 5 * MIN).build()).lines).toMatchObject([{ verdict: 'MET', points: 0 }]);
  });

  test('filing a FLASH as read before its acknowledgement (rule 8)', () => {
    const r = recordBuilder(scenario({ expectations: [never('file-unacknowledged')] }), [ANNE, BEN])
      .inject(T0, 'a', A, 0)
      .act(T0 + MIN, BEN, 'READ', A.id, { deliveryId: 7 })
      .act(T0 + 2 * MIN, ANNE, 'ACK', A.id, { deliveryId: 7, precedence: 'FLASH' })
      .act(T0 + 3 * MIN, BEN, 'READ', A.id, { deliveryId: 7 })
      .act(T0 + 4 * MIN, BEN, 'READ', B.id, { deliveryId: 8 })
      .end(T0 + 60 * MIN);
    r.deliveries.set(7, {
      deliveryId: 7,
      plad: USRO,
      role: 'ACTION',
      precedence: 'FLASH',
      niact: false,
      needsAck: true,
    });
    r.deliveries.set(8, {
      deliveryId: 8,
      plad: USRO,
      role: 'ACTION',
      precedence: 'ROUTINE',
      niact: false,
      needsAck: false,
    });
    const { lines } = scoreRecord(r.build());
    expect(lines).toMatchObject([{ verdict: 'BROKEN', rule: 8, points: -5, atMs: MIN }]);
  });

  test('an attempt to file a FLASH unread, refused and audited as DENY ACK_REQUIRED, is the breach (rule 8)', () => {
    const r = recordBuilder(scenario({ expectations: [never('file-unacknowledged')] }), [ANNE, BEN])
      .inject(T0, 'a', A, 0)
      .act(T0 + MIN, BEN, 'DENY', A.id, { what: 'file as read', reason: 'ACK_REQUIRED', deliveryId: 7 })
      .act(T0 + 2 * MIN, ANNE, 'ACK', A.id, { deliveryId: 7, precedence: 'FLASH' })
      .act(T0 + 3 * MIN, BEN, 'READ', A.id, { deliveryId: 7 })
      .end(T0 + 60 * MIN);
    r.deliveries.set(7, {
      deliveryId: 7,
      plad: USRO,
      role: 'ACTION',
      precedence: 'FLASH',
      niact: false,
      needsAck: true,
    });
    const { lines } = scoreRecord(r.build());
    // Only the refused attempt: the filing after the acknowledgement is the right order.
    expect(lines).toMatchObject([{ verdict: 'BROKEN', rule: 8, points: -5, atMs: MIN }]);
  });

  test('a NOFORN cable repeated to a foreign address (rule 20)', () => {
    const nf = cable(204, 'TOPOL 804', { dissem: ['NOFORN'], banner: 'CONFIDENTIAL//NOFORN' });
    const r = recordBuilder(scenario({ expectations: [never('noforn-to-foreign-national')] }), [BEN])
      .inject(T0, 'a', nf, 0)
      .act(T0 + MIN, BEN, 'REPEAT', nf.id, { to: ['NATO FOREIGN MINISTRIES'], approvedBy: null })
      .act(T0 + 2 * MIN, BEN, 'REPEAT', nf.id, { to: [PARIS], approvedBy: null })
      .act(T0 + 3 * MIN, BEN, 'REPEAT', A.id, { to: ['QUAI D ORSAY PARIS'], approvedBy: null })
      .end(T0 + 60 * MIN);
    r.cables.set(A.id, A);
    r.collectives.set('NATO FOREIGN MINISTRIES', ['QUAI D ORSAY PARIS']);
    r.stations.set('QUAI D ORSAY PARIS', { plad: 'QUAI D ORSAY PARIS', foreign: true, foreignNationals: false });
    r.stations.set(PARIS, { plad: PARIS, foreign: false, foreignNationals: false });
    const { lines } = scoreRecord(r.build());
    expect(lines).toMatchObject([{ rule: 20, points: -5, note: 'NOFORN TOPOL 804 sent to QUAI D ORSAY PARIS' }]);
  });
});

describe('reply: the model, the rule checker and the signature chain', () => {
  const topol = cable(578, 'TOPOL 578', { classification: 'SECRET', captions: ['EYES_ONLY'] });
  const reply: Expectation = {
    id: 'reply-578',
    inject: 'a',
    kind: 'reply',
    who: 'duty',
    within: 60,
    points: 40,
    objective: 'drafting',
    mode: 'any',
    model: { minClassification: 'SECRET', captions: ['EYES_ONLY'], referencesInject: true },
  };
  const facts = (draft: Draft, over: Partial<ReleaseFacts> = {}): Omit<ReleaseFacts, 'seq' | 'drafterUserId'> => ({
    cableId: 900,
    ref: 'POLTO 1',
    draftId: 5,
    relatedSeqs: [],
    replyTo: null,
    draft,
    ruleContext: SEED_CTX,
    chain: { verified: true, chainProblems: [], signatureProblems: [] },
    ...over,
  });
  const play = (draft: Draft, over: Partial<ReleaseFacts> = {}, by = ANNE) =>
    recordBuilder(scenario({ expectations: [reply] }), [ANNE, BEN])
      .inject(T0, 'a', topol, 0)
      .release(T0 + 20 * MIN, by, facts(draft, over))
      .end(T0 + 90 * MIN)
      .build();

  test('a well-formed reply, cleared and approved, earns every point', () => {
    const r = play(POLTO_1962);
    const { lines } = scoreRecord(r);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      verdict: 'MET',
      points: 40,
      atMs: 20 * MIN,
      note: 'POLTO 1 released, drafted by anne',
    });
    expect(lines[0]!.auditSeqs).toEqual([[...r.releases.keys()][0]]);
  });

  test('a reply by someone outside `who`, or to another cable, does not count', () => {
    expect(main(scoreRecord(play(POLTO_1962, {}, BEN)).lines, 'anne', 'reply-578').verdict).toBe('MISSED');
    const other = { ...POLTO_1962, references: [] };
    expect(main(scoreRecord(play(other)).lines, 'anne', 'reply-578').verdict).toBe('MISSED');
    // Started as a reply to the inject's cable: it counts, and the missing REF costs.
    const { lines } = scoreRecord(play(other, { replyTo: topol.id }));
    expect(main(lines, 'anne', 'reply-578').verdict).toBe('MET');
    expect(mistakes(lines, 'anne', 'reply-578')).toMatchObject([
      { rule: 19, note: 'the reply does not cite TOPOL 578 on its REF line', points: -10 },
    ]);
  });

  test('each finding costs a quarter and quotes its rule; the reply never goes below zero', () => {
    const careless: Draft = {
      ...POLTO_1962,
      classification: 'CONFIDENTIAL',
      captions: [],
      eyesOnly: [],
      // (S) paragraphs under a CONFIDENTIAL line: a rule 1 error of the checker.
    };
    const { lines, trainees } = scoreRecord(
      play(careless, {
        chain: { verified: false, chainProblems: ['The clearance by finletter is not signed.'], signatureProblems: [] },
      }),
    );
    const found = mistakes(lines, 'anne', 'reply-578');
    expect(found.map((l) => l.rule)).toEqual(expect.arrayContaining([19, 19, 1, 23]));
    expect(found.find((l) => l.rule === 1)!.teaching).toMatch(/Paragraph 1 is marked \(S\)/);
    expect(found.find((l) => l.rule === 23)!.note).toBe('The clearance by finletter is not signed.');
    // 40 earned, at most 40 taken away.
    expect(found.reduce((s, l) => s + l.points, 0)).toBe(-40);
    expect(found.filter((l) => l.points < 0)).toHaveLength(4);
    expect(trainees.find((t) => t.login === 'anne')!.points).toBe(0);
  });
});

describe('totals per trainee, post, objective and exercise', () => {
  test('objectives are weighted; posts sum their trainees; an objective is achieved at 80 %', () => {
    const s = scenario({
      expectations: [
        ack({ who: 'duty', points: 20, objective: 'handling' }),
        ack({ id: 'ack-b', inject: 'b', who: 'paris', points: 10, objective: 'drafting' }),
      ],
    });
    const r = recordBuilder(s, [ANNE, CARL])
      .inject(T0, 'a', A, 0)
      .inject(T0, 'b', B, 0)
      .act(T0 + MIN, ANNE, 'ACK', A.id)
      .end(T0 + 60 * MIN)
      .build();
    const score = scoreRecord(r);
    expect(score.objectives).toMatchObject([
      { id: 'handling', points: 20, possible: 20, achieved: true },
      { id: 'drafting', points: 0, possible: 10, achieved: false },
    ]);
    // (2 × 100 % + 1 × 0 %) / 3
    expect(score.score).toBe(66.67);
    expect(score.posts).toMatchObject([
      { post: USRO, points: 20, possible: 20, score: 100, trainees: ['anne'] },
      { post: PARIS, points: 0, possible: 10, score: 0, trainees: ['carl'] },
    ]);
    expect(score.trainees.map((t) => [t.login, t.score, t.counts.MET, t.counts.MISSED])).toEqual([
      ['anne', 100, 1, 0],
      ['carl', 0, 0, 1],
    ]);
    expect(score.status).toBe('ENDED');
  });
});
