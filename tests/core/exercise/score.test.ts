import { describe, expect, test } from 'vitest';
import { isCableroomError } from '../../../electron/core/errors';
import {
  currentExerciseId,
  expectationMetAt,
  isExpectationMet,
  recomputeScore,
  scoreExercise,
} from '../../../electron/core/exercise/score';
import type { ExerciseScore, ScoreLine } from '../../../electron/domain/exercise/score';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { playTutorial } from './scorePlay';

/**
 * Scores of a real exercise (issue 10 item 4; EXERCISES.md §4): the Tutorial played on a seeded
 * SQLite file through the exercise engine and the real services — opening, acknowledging,
 * passing, drafting and releasing a signed reply, and a refusal — scored live and recomputed from
 * the audit trail alone, identically.
 */
const core = seededCoreFixture();

const line = (s: ExerciseScore, expectation: string, mistake = false): ScoreLine =>
  s.lines.find((l) => l.expectation === expectation && (l.rule !== null) === mistake)!;

/** The good trainee: everything on time. */
async function goodRun(c: SeededCore) {
  const p = await playTutorial(c);
  p.at(0.5);
  c.cables.show(p.trainee, p.cableOf('welcome'), 'app');
  p.at(2.5);
  c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
  // The pass inject follows one minute after the acknowledgement is noticed (+00:03).
  p.at(3.5);
  p.at(4.5);
  c.routing.pass(p.trainee, p.cableOf('pass'));
  const reply = await p.reply('flash');
  p.finish();
  return { p, reply };
}

describe('an exercise scored from its audit trail', () => {
  test('a good trainee earns every point; each line names its audit entries', async () => {
    const c = core();
    const { p, reply } = await goodRun(c);
    const s = scoreExercise(c.db, p.exerciseId);
    expect(s.status).toBe('ENDED');
    expect(s.lines.map((l) => [l.expectation, l.verdict, l.points, l.possible])).toEqual([
      ['open-welcome', 'MET', 10, 10],
      ['ack-flash', 'MET', 20, 20],
      ['pass-paris', 'MET', 20, 20],
      ['reply-flash', 'MET', 30, 30],
      ['no-denials', 'MET', 0, 0],
    ]);
    expect(s.score).toBe(100);
    expect(s.trainees).toMatchObject([{ login: 'trainee', role: 'trainee', post: 'USMISSION USNATO', points: 80 }]);
    // The entries behind each line are the trainee's own acts, in the trail.
    const entry = (seq: number) => c.db.prepare('SELECT action, actor_login FROM audit_log WHERE seq = ?').get(seq);
    expect(entry(line(s, 'open-welcome').auditSeqs[0]!)).toEqual({ action: 'VIEW', actor_login: 'trainee' });
    expect(entry(line(s, 'ack-flash').auditSeqs[0]!)).toEqual({ action: 'ACK', actor_login: 'trainee' });
    expect(entry(line(s, 'pass-paris').auditSeqs[0]!)).toEqual({ action: 'PASS', actor_login: 'trainee' });
    const replySeqs = line(s, 'reply-flash').auditSeqs.map((q) => entry(q));
    expect(replySeqs).toEqual([
      { action: 'DRAFT', actor_login: 'trainee' },
      { action: 'SIGN', actor_login: 'trainee' },
      { action: 'RELEASE', actor_login: 'finletter' },
    ]);
    expect(line(s, 'reply-flash').note).toBe(`${reply.releasedRef} released, drafted by trainee`);
    // Scenario minutes: the FLASH came at +00:02 and was acknowledged at +00:02:30.
    expect(line(s, 'ack-flash')).toMatchObject({ deliveredMs: 120_000, atMs: 150_000, dueMs: 240_000 });
    // The contingency reminder was skipped: its `unless` expectation was met.
    expect(c.db.prepare("SELECT detail FROM audit_log WHERE action = 'EXERCISE_SKIP'").pluck().get()).toMatch(
      /"inject":"reminder",.*"reason":"unless"/,
    );
  });

  test('a careless trainee: late, missed, refused; a mistake quotes its rule and teaching text', async () => {
    const c = core();
    const p = await playTutorial(c);
    p.at(3);
    // Tries TOPOL 578 (SECRET) with a CONFIDENTIAL clearance: a DENY (rule 18).
    const topol = c.cables.idByRef('TOPOL 578');
    expect(() => c.cables.show(p.trainee, topol, 'app')).toThrow(/Access denied/);
    p.at(7);
    c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
    p.finish();
    const s = recomputeScore(c.db, p.exerciseId);
    expect(s.lines.map((l) => [l.expectation, l.verdict, l.points, l.rule])).toEqual([
      ['open-welcome', 'MISSED', 0, null],
      ['ack-flash', 'LATE', 0, null],
      ['pass-paris', 'MISSED', 0, null],
      ['reply-flash', 'MISSED', 0, null],
      ['no-denials', 'BROKEN', -5, 18],
    ]);
    const deny = line(s, 'no-denials', true);
    expect(deny.teaching).toMatch(/clearance reaches its classification/);
    expect(c.db.prepare('SELECT action, cable_id FROM audit_log WHERE seq = ?').get(deny.auditSeqs[0]!)).toEqual({
      action: 'DENY',
      cable_id: topol,
    });
    // The reminder went out: the FLASH was still unacknowledged at +00:06.
    expect(c.db.prepare("SELECT count(*) FROM exercise_injects WHERE inject_id = 'reminder'").pluck().get()).toBe(1);
    // Handling: −5 of 20 possible (weight 2); reading, routing, drafting: nothing (weights 1, 1, 2).
    expect(s.points).toBe(-5);
    expect(s.score).toBe(-8.33);
  });

  test('a reply that misses its model costs a share per finding, with the rule', async () => {
    const c = core();
    const p = await playTutorial(c);
    p.at(2.5);
    await p.reply('flash', (d) => ({ ...d, references: [] }));
    p.finish();
    const s = scoreExercise(c.db, p.exerciseId);
    expect(line(s, 'reply-flash')).toMatchObject({ verdict: 'MET', points: 30 });
    expect(s.lines.filter((l) => l.expectation === 'reply-flash' && l.rule !== null)).toMatchObject([
      { verdict: 'BROKEN', rule: 19, points: -7.5, note: 'the reply does not cite TOPOL 702 on its REF line' },
    ]);
  });

  test('the live score equals the score recomputed from the trail, at every point of the exercise', async () => {
    const c = core();
    const p = await playTutorial(c);
    const compare = () => {
      const realNowMs = Date.now();
      expect(scoreExercise(c.db, p.exerciseId, { realNowMs })).toEqual(
        recomputeScore(c.db, p.exerciseId, { realNowMs }),
      );
    };
    compare();
    p.at(0.5);
    c.cables.show(p.trainee, p.cableOf('welcome'), 'app');
    compare();
    const mid = scoreExercise(c.db, p.exerciseId);
    expect(mid.status).toBe('PAUSED');
    expect(line(mid, 'open-welcome').verdict).toBe('MET');
    expect(line(mid, 'no-denials').verdict).toBe('PENDING');
    p.at(2.5);
    c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
    compare();
    p.at(4.5);
    c.routing.pass(p.trainee, p.cableOf('pass'));
    await p.reply('flash');
    compare();
    p.finish();
    compare();
    expect(scoreExercise(c.db, p.exerciseId).score).toBe(100);
  });

  test('what the engine asks: is an expectation met, and when', async () => {
    const c = core();
    const p = await playTutorial(c);
    expect(isExpectationMet(c.db, p.exerciseId, 'ack-flash')).toBe(false);
    p.at(2.5);
    c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
    expect(isExpectationMet(c.db, p.exerciseId, 'ack-flash')).toBe(true);
    expect(expectationMetAt(c.db, p.exerciseId, 'ack-flash')).toBe(150_000);
    expect(isExpectationMet(c.db, p.exerciseId, 'no-denials')).toBe(false);
    expect(() => isExpectationMet(c.db, p.exerciseId, 'nope')).toThrow(/no expectation "nope"/);
    expect(currentExerciseId(c.db)).toBe(p.exerciseId);
  });

  test('a changed audit entry: no score is built on it', async () => {
    const c = core();
    const { p } = await goodRun(c);
    const ack = line(scoreExercise(c.db, p.exerciseId), 'ack-flash').auditSeqs[0]!;
    c.db.exec('DROP TRIGGER audit_log_no_update');
    c.db.prepare("UPDATE audit_log SET actor_login = 'someone' WHERE seq = ?").run(ack);
    let error: unknown;
    try {
      recomputeScore(c.db, p.exerciseId);
    } catch (e) {
      error = e;
    }
    expect(isCableroomError(error) && error.code).toBe('INTEGRITY');
    expect((error as Error).message).toMatch(new RegExp(`entry ${ack}: its contents were changed`));
  });

  test('an unknown exercise is NOT_FOUND', () => {
    const c = core();
    expect(() => recomputeScore(c.db, 42)).toThrow(/No exercise 42/);
    expect(() => currentExerciseId(c.db)).toThrow(/No exercise has been started/);
  });
});
