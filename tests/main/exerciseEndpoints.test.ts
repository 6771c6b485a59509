import { describe, expect, test } from 'vitest';
import {
  type ExerciseDebriefAnswers,
  type ExerciseFeed,
  type ExerciseReportFile,
  type ExerciseScoreView,
  type ExerciseStatusView,
} from '../../electron/contract/ipc';
import type { InboxRow } from '../../electron/domain/cable';
import { exerciseRouterFixture } from '../support/exerciseRouter';

/**
 * The exercise's score, feed, debrief and report endpoints (issue 10 items 5 and 6), through the
 * real router over a seeded database: the Tutorial played by the seed's trainee, who opens the
 * welcome, acknowledges the FLASH, passes TOPOL 703 to Paris and — the mistake — asks for TOPOL 578,
 * beyond a CONFIDENTIAL clearance (rule 18). The instructor sees the whole score and the feed at any
 * time; the trainee sees nothing of the score until the end, then only their own part; answers to the
 * debrief are audited as EXERCISE_DEBRIEF and attached; the PDF goes to the instructor (any copy) and
 * to the trainee (their own). Every refusal is audited as DENY.
 */
// No timer: injects come by "trigger now", so nothing here waits on the clock.
const base = exerciseRouterFixture(0);

function setup() {
  const t = base();
  const denies = (login: string) =>
    t.core.audit.list({ login, action: 'DENY', limit: 50 }).map((e) => e.detail as Record<string, unknown>);
  return { ...t, denies };
}

/** Starts the Tutorial for the seed's trainee and plays it up to the mistake. */
async function playTutorial(t: ReturnType<typeof setup>) {
  for (const login of ['instructor', 'trainee', 'bohlen']) await t.signIn(login);
  const started = await t.ok<ExerciseStatusView>('instructor', 'exerciseControl', {
    action: 'start',
    scenario: { shipped: 'tutorial' },
    assignments: { trainee: 'trainee' },
  });
  const exercise = started.clock.exercise;
  const rowOf = async (ref: string) => {
    const page = await t.ok<{ rows: InboxRow[] }>('trainee', 'listInbox', { limit: 50 });
    const row = page.rows.find((r) => r.ref === ref);
    if (!row) throw new Error(`${ref} is not in the trainee's inbox`);
    return row;
  };

  // The welcome (+00:00) is there at the start; the trainee opens it.
  await t.ok('trainee', 'showCable', { cableId: (await rowOf('TOPOL 701')).cableId });
  // The FLASH, now; acknowledged (rule 8).
  await t.ok('instructor', 'exerciseControl', { action: 'trigger', inject: 'flash' });
  await t.ok('trainee', 'acknowledge', { deliveryId: (await rowOf('TOPOL 702')).deliveryId });
  // TOPOL 703 (after the acknowledgement), now; passed to Paris (rule 17).
  await t.ok('instructor', 'exerciseControl', { action: 'trigger', inject: 'pass' });
  const pass = await rowOf('TOPOL 703');
  await t.ok('trainee', 'showCable', { cableId: pass.cableId });
  await t.ok('trainee', 'executePass', { cableId: pass.cableId });
  // The mistake: TOPOL 578 is SECRET, beyond the trainee's clearance (rule 18).
  const topol578 = t.core.cables.idByRef('TOPOL 578');
  expect(await t.raw('trainee', 'showCable', { cableId: topol578 })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  return { exercise, topol578 };
}

describe('exercise score, feed, debrief and report endpoints', () => {
  test('the instructor sees the whole score and the live feed; trainees see no score until the end', async () => {
    const t = setup();
    const { exercise } = await playTutorial(t);

    // The instructor: every line, at any time.
    const whole = await t.ok<ExerciseScoreView>('instructor', 'exerciseScore', { exercise });
    if (whole.view !== 'instructor') throw new Error('the instructor got a trainee view');
    expect(whole.score.status).toBe('RUNNING');
    const verdict = (id: string) => whole.score.lines.find((l) => l.expectation === id && l.rule === null)?.verdict;
    expect(verdict('open-welcome')).toBe('MET');
    expect(verdict('ack-flash')).toBe('MET');
    expect(verdict('pass-paris')).toBe('MET');
    expect(verdict('reply-flash')).toBe('PENDING');
    expect(whole.score.lines.find((l) => l.expectation === 'no-denials' && l.verdict === 'BROKEN')).toMatchObject({
      rule: 18,
      points: -5,
    });
    expect(whole.questions.map((q) => q.id)).toEqual(['why-ack', 'why-pass']);
    expect(whole.answers).toEqual([]);

    // The feed: the injects and the trainee's acts, newest first, and how far USRO got with each.
    const feed = await t.ok<ExerciseFeed>('instructor', 'exerciseFeed', { exercise, limit: 100 });
    expect(feed.entries.map((e) => e.seq)).toEqual([...feed.entries.map((e) => e.seq)].sort((a, b) => b - a));
    const acts = feed.entries.filter((e) => e.kind === 'act').map((e) => [e.action, e.ref, e.login]);
    expect(acts).toEqual(
      expect.arrayContaining([
        ['VIEW', 'TOPOL 701', 'trainee'],
        ['ACK', 'TOPOL 702', 'trainee'],
        ['PASS', 'TOPOL 703', 'trainee'],
        ['DENY', 'TOPOL 578', 'trainee'],
      ]),
    );
    expect(feed.entries.find((e) => e.action === 'PASS')?.what).toBe('passed TOPOL 703 to AMEMBASSY PARIS');
    expect(feed.entries.filter((e) => e.kind === 'inject').map((e) => e.inject)).toEqual(['pass', 'flash', 'welcome']);
    expect(feed.entries.every((e) => /^\d{6}Z [A-Z]{3} 62$/.test(e.dtg))).toBe(true);
    const usro = (inject: string) => feed.progress.find((p) => p.post === 'USMISSION USNATO' && p.inject === inject);
    expect(usro('welcome')).toMatchObject({ opened: expect.any(Number), acknowledged: null });
    expect(usro('flash')).toMatchObject({ acknowledged: expect.any(Number), replied: null });
    expect(usro('pass')).toMatchObject({ opened: expect.any(Number), passed: expect.any(Number) });
    // The limit keeps the newest.
    const one = await t.ok<ExerciseFeed>('instructor', 'exerciseFeed', { exercise, limit: 1 });
    expect(one.entries.map((e) => e.seq)).toEqual([feed.entries[0]!.seq]);
    expect(one.total).toBe(feed.total);

    // The trainee: no score while it runs, no feed ever; refusals audited, never as a cable's DENY.
    expect(await t.raw('trainee', 'exerciseScore', { exercise })).toEqual({
      ok: false,
      error: { code: 'ACCESS_DENIED', message: 'Your score is yours once the exercise has ended.' },
    });
    expect(await t.raw('trainee', 'exerciseFeed', { exercise })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED' },
    });
    expect(t.denies('trainee')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ what: 'exercise score', reason: 'NOT_ENDED' }),
        expect.objectContaining({ what: 'exercise feed', reason: 'NOT_INSTRUCTOR' }),
      ]),
    );
    // Those refusals name no cable: the score still counts one access-denied mistake.
    const again = await t.ok<ExerciseScoreView>('instructor', 'exerciseScore', { exercise });
    expect(again.view === 'instructor' && again.score.lines.filter((l) => l.verdict === 'BROKEN')).toHaveLength(1);
    // Someone who did not play is refused even after the end.
    await t.ok('instructor', 'exerciseControl', { action: 'end' });
    expect(await t.raw('bohlen', 'exerciseScore', { exercise })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED', message: `You did not take part in exercise ${exercise}.` },
    });
    expect(t.denies('bohlen')[0]).toMatchObject({ what: 'exercise score', reason: 'NOT_A_PARTICIPANT' });
    // An exercise that does not exist.
    expect(await t.raw('instructor', 'exerciseScore', { exercise: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(t.logged).toEqual([]);
  });

  test('after the end: the trainee’s own score with the mistake’s rule, the debrief, the PDFs', async () => {
    const t = setup();
    const { exercise } = await playTutorial(t);

    // A debrief before the end is refused; the exercise ends.
    expect(
      await t.raw('trainee', 'exerciseDebrief', { exercise, answers: [{ question: 'why-ack', answer: 'x' }] }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await t.ok('instructor', 'exerciseControl', { action: 'end' });

    const mine = await t.ok<ExerciseScoreView>('trainee', 'exerciseScore', { exercise });
    if (mine.view !== 'trainee') throw new Error('the trainee got the instructor view');
    expect(mine).toMatchObject({ login: 'trainee', post: 'USMISSION USNATO', status: 'ENDED', answers: null });
    // Only their own lines: the reply was never released, so it is missed.
    expect(mine.expectations.map((e) => [e.expectation, e.verdict])).toEqual(
      expect.arrayContaining([
        ['open-welcome', 'MET'],
        ['ack-flash', 'MET'],
        ['pass-paris', 'MET'],
        ['reply-flash', 'MISSED'],
      ]),
    );
    expect(mine.mistakes).toEqual([
      expect.objectContaining({ expectation: 'no-denials', rule: 18, points: -5, teaching: expect.any(String) }),
    ]);
    // TOPOL 578 is beyond this trainee: the screen never names it.
    expect(JSON.stringify(mine)).not.toContain('578');
    expect(mine.banner).toBe('CONFIDENTIAL');
    expect(mine.timeline.map((r) => r.inject)).toEqual(['welcome', 'flash', 'pass']);

    // The debrief: unknown questions and empty answers are refused; the answers are audited.
    expect(
      await t.raw('trainee', 'exerciseDebrief', { exercise, answers: [{ question: 'nope', answer: 'x' }] }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(
      await t.raw('trainee', 'exerciseDebrief', { exercise, answers: [{ question: 'why-ack', answer: '   ' }] }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'Answer at least one question.' } });
    expect(
      await t.raw('trainee', 'exerciseDebrief', {
        exercise,
        answers: [
          { question: 'why-ack', answer: 'a' },
          { question: 'why-ack', answer: 'b' },
        ],
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const given = await t.ok<ExerciseDebriefAnswers>('trainee', 'exerciseDebrief', {
      exercise,
      answers: [
        { question: 'why-pass', answer: '  Paris had nothing until USRO passed it (rule 17).  ' },
        { question: 'why-ack', answer: 'So the Department knows the post has it (rule 8).' },
      ],
    });
    expect(given.answers).toEqual([
      {
        question: 'Why must a FLASH cable be acknowledged before it is filed as read?',
        answer: 'So the Department knows the post has it (rule 8).',
      },
      {
        question: 'Why did Embassy Paris not receive TOPOL 703 until you passed it?',
        answer: 'Paris had nothing until USRO passed it (rule 17).',
      },
    ]);
    const entry = t.core.audit.list({ login: 'trainee', action: 'EXERCISE_DEBRIEF', limit: 5 });
    expect(entry).toHaveLength(1);
    expect(entry[0]).toMatchObject({ seq: given.seq, detail: { exercise, answers: given.answers } });
    // Bohlen did not play: refused and audited.
    expect(
      await t.raw('bohlen', 'exerciseDebrief', { exercise, answers: [{ question: 'why-ack', answer: 'x' }] }),
    ).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(t.denies('bohlen')[0]).toMatchObject({ what: 'exercise debrief', reason: 'NOT_A_PARTICIPANT' });
    // The answers are the trainee's and the instructor's to read.
    const after = await t.ok<ExerciseScoreView>('trainee', 'exerciseScore', { exercise });
    expect(after.view === 'trainee' && after.answers).toEqual(given);
    const whole = await t.ok<ExerciseScoreView>('instructor', 'exerciseScore', { exercise });
    expect(whole.view === 'instructor' && whole.answers).toEqual([given]);

    // The PDFs: the trainee's own copy; not another's; the instructor's of anyone or the class.
    const own = await t.ok<ExerciseReportFile>('trainee', 'exerciseReport', { exercise });
    expect(own).toMatchObject({
      filename: `after-action-tutorial-${exercise}-trainee.pdf`,
      mediaType: 'application/pdf',
      banner: 'CONFIDENTIAL',
    });
    expect(own.bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(own.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await t.raw('trainee', 'exerciseReport', { exercise, trainee: 'duty-usro' })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED' },
    });
    const theirs = await t.ok<ExerciseReportFile>('instructor', 'exerciseReport', { exercise, trainee: 'trainee' });
    expect(theirs.filename).toBe(`after-action-tutorial-${exercise}-trainee.pdf`);
    const all = await t.ok<ExerciseReportFile>('instructor', 'exerciseReport', { exercise });
    expect(all.filename).toBe(`after-action-tutorial-${exercise}.pdf`);
    // Each copy made is audited as EXPORT.
    expect(t.core.audit.list({ action: 'EXPORT', limit: 10 }).map((e) => e.actorLogin)).toEqual([
      'instructor',
      'instructor',
      'trainee',
    ]);
    expect(t.logged).toEqual([]);
  });

  test('instructors hear of what trainees do as an exercise push; others hear of their own traffic only', async () => {
    const t = setup();
    for (const login of ['instructor', 'trainee', 'bohlen']) await t.signIn(login);
    const started = await t.ok<ExerciseStatusView>('instructor', 'exerciseControl', {
      action: 'start',
      scenario: { shipped: 'tutorial' },
      assignments: { trainee: 'trainee' },
    });
    const exercise = started.clock.exercise;
    await t.until(() => t.pushed.some(([id, e]) => id === 'bohlen' && e.kind === 'exercise'));
    t.pushed.length = 0;

    // The trainee opens the welcome: the instructor's dashboard is told; Paris is told nothing.
    const row = (await t.ok<{ rows: InboxRow[] }>('trainee', 'listInbox', { limit: 10 })).rows.find(
      (r) => r.ref === 'TOPOL 701',
    )!;
    await t.ok('trainee', 'showCable', { cableId: row.cableId });
    await t.until(() => t.pushed.some(([id]) => id === 'instructor'));
    expect(t.pushed.filter(([id]) => id === 'instructor').map(([, e]) => e)).toEqual([
      { kind: 'exercise', exerciseId: exercise },
    ]);
    expect(t.pushed.filter(([id]) => id === 'bohlen')).toEqual([]);

    // Once it has ended, a trainee's acts are no longer the dashboard's news.
    await t.ok('instructor', 'exerciseControl', { action: 'end' });
    await t.until(() => t.pushed.filter(([id]) => id === 'instructor').length >= 2);
    t.pushed.length = 0;
    await t.ok('trainee', 'showCable', { cableId: t.core.cables.idByRef('TOPOL 593') });
    await t.until(() => t.pushed.some(([id]) => id === 'trainee'));
    await new Promise((r) => setImmediate(r));
    expect(t.pushed.filter(([id]) => id === 'instructor')).toEqual([]);
  });
});
