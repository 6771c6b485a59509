import { describe, expect, test } from 'vitest';
import { isCableroomError } from '../../../electron/core/errors';
import { readExerciseRecord } from '../../../electron/core/exercise/record';
import { seededCoreFixture } from '../../support/tempCore';
import { playTutorial } from './scorePlay';

/**
 * The record of an exercise read from the audit trail (issue 10 item 4): the journal of the clock,
 * the injects fired, the trainees' acts and the facts their entries name — and nothing else.
 */
const core = seededCoreFixture();

describe('the exercise record', () => {
  test('the journal, the injects, the trainees’ acts and the facts they name', async () => {
    const c = core();
    const p = await playTutorial(c);
    const before = c.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    p.at(0.5);
    c.cables.show(p.trainee, p.cableOf('welcome'), 'app');
    // Someone who is not in the exercise: not part of its record.
    c.cables.show(c.users.byLogin('duty-usro'), p.cableOf('welcome'), 'app');
    p.at(2.5);
    c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
    p.at(4.5);
    c.routing.pass(p.trainee, p.cableOf('pass'));
    const reply = await p.reply('flash');
    p.finish();
    const r = readExerciseRecord(c.db, p.exerciseId);

    expect(r.startSeq).toBeLessThanOrEqual(before);
    expect(c.db.prepare('SELECT action FROM audit_log WHERE seq = ?').pluck().get(r.startSeq)).toBe('EXERCISE_START');
    expect(r.assignments).toEqual([
      { role: 'trainee', login: 'trainee', userId: p.trainee.userId, post: 'USMISSION USNATO' },
    ]);
    expect(r.clock[0]).toMatchObject({ kind: 'START', rate: 1, endMs: 600_000 });
    expect(r.clock.at(-1)!.kind).toBe('END');
    expect(r.clock.filter((e) => e.kind === 'PAUSE')).toHaveLength(4);
    expect(r.injects.map((i) => [i.inject, i.scenarioMs, i.stations])).toEqual([
      ['welcome', 0, ['USMISSION USNATO']],
      ['flash', 120_000, ['USMISSION USNATO']],
      ['pass', 210_000, ['USMISSION USNATO']],
    ]);
    expect(r.skipped).toMatchObject([{ inject: 'reminder', reason: 'unless' }]);

    // The trainee's acts, and the approver's release; nobody else's.
    expect(r.actions.map((a) => [a.login, a.action])).toEqual([
      ['trainee', 'VIEW'],
      ['trainee', 'ACK'],
      ['trainee', 'PASS'],
      ['finletter', 'RELEASE'],
    ]);
    expect(r.actions.every((a) => a.seq > r.startSeq && a.seq <= r.headSeq)).toBe(true);

    const flash = r.cables.get(p.cableOf('flash'))!;
    expect(flash).toMatchObject({ ref: 'TOPOL 702', classification: 'CONFIDENTIAL', banner: 'CONFIDENTIAL' });
    expect(r.cables.get(p.cableOf('pass'))!.passes).toEqual([{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS' }]);
    expect(r.deliveries.get(p.deliveryOf('flash'))).toMatchObject({ precedence: 'FLASH', needsAck: true });

    const [release] = [...r.releases.values()];
    expect(release).toMatchObject({
      cableId: reply.releasedCableId,
      ref: reply.releasedRef,
      drafterUserId: p.trainee.userId,
      replyTo: p.cableOf('flash'),
      chain: { verified: true, chainProblems: [], signatureProblems: [] },
    });
    expect(release!.draft.classification).toBe('CONFIDENTIAL');
    expect(release!.ruleContext.stations.get('USMISSION USNATO')).toBeDefined();
  });

  test('debrief answers written after the end are attached', async () => {
    const c = core();
    const p = await playTutorial(c);
    p.finish();
    const answers = [{ question: 'Why must a FLASH cable be acknowledged?', answer: 'The action office must know.' }];
    c.audit.append({
      actor: { userId: p.trainee.userId, login: 'trainee' },
      action: 'EXERCISE_DEBRIEF',
      detail: { exercise: p.exerciseId, answers },
    });
    expect(readExerciseRecord(c.db, p.exerciseId).debriefs).toMatchObject([{ login: 'trainee', answers }]);
  });

  test('a stored scenario that is not the one started is refused (INTEGRITY)', async () => {
    const c = core();
    const p = await playTutorial(c);
    c.db
      .prepare("UPDATE exercises SET scenario = json_set(scenario, '$.expectations[0].points', 1000) WHERE id = ?")
      .run(p.exerciseId);
    let error: unknown;
    try {
      readExerciseRecord(c.db, p.exerciseId);
    } catch (e) {
      error = e;
    }
    expect(isCableroomError(error) && error.code).toBe('INTEGRITY');
    expect((error as Error).message).toMatch(/not the one its start recorded/);
  });
});
