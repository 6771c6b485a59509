import { resolve } from 'node:path';
import { createExerciseService, type ExerciseService } from '../../../electron/core/exercise/engine';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Actor } from '../../../electron/core/services/actor';
import type { DraftView } from '../../../electron/domain/draft';
import type { SeededCore } from '../../support/tempCore';

/**
 * Plays the Tutorial (resources/scenarios/tutorial.json) on a real seeded database through the
 * real exercise engine and the real services, for the scoring, record and report tests.
 *
 * The engine runs on a fake real clock; the trainees' entries carry the real time of the machine.
 * So that each act lands on an exact scenario minute, the clock is paused while trainees act:
 * `at(m)` resumes, lets the engine run to minute m (firing what is due) and pauses there.
 */
export const TUTORIAL = resolve(__dirname, '../../../resources/scenarios/tutorial.json');
const MIN = 60_000;

export type Play = Readonly<{
  engine: ExerciseService;
  exerciseId: number;
  instructor: Actor;
  trainee: Actor;
  /** Runs the clock to scenario minute `m` and holds it there. */
  at(m: number): void;
  /** Runs to the scenario's end (the engine ends the exercise). */
  finish(): void;
  /** The id of the cable an inject delivered. */
  cableOf(inject: string): number;
  /** The trainee's delivery of an inject's cable. */
  deliveryOf(inject: string): number;
  /** The trainee drafts a reply to the inject's cable, `edit`ed, signs it; Finletter approves. */
  reply(inject: string, edit?: (d: DraftView['draft']) => DraftView['draft']): Promise<DraftView>;
}>;

export async function playTutorial(c: SeededCore, trainee = 'trainee', file = TUTORIAL): Promise<Play> {
  // Journal times in the past: the trainees' acts (now, real time) come after every transition.
  const t0 = Date.now() - 3_600_000;
  let fake = t0;
  const engine = createExerciseService(c.db, c.audit, { realMs: () => fake });
  const instructor = c.users.byLogin('instructor');
  await engine.start(instructor, { file }, { assignments: { trainee } });
  engine.pause(instructor);
  let paused = true;
  const exerciseId = c.db.prepare('SELECT max(id) FROM exercises').pluck().get() as number;
  const actor = c.users.byLogin(trainee);
  const cableOf = (inject: string): number => {
    const id = c.db
      .prepare('SELECT cable_id FROM exercise_injects WHERE exercise_id = ? AND inject_id = ?')
      .pluck()
      .get(exerciseId, inject) as number | undefined;
    if (id === undefined) throw new Error(`inject ${inject} has not fired`);
    return id;
  };
  return {
    engine,
    exerciseId,
    instructor,
    trainee: actor,
    at(m) {
      if (paused) engine.resume(instructor);
      fake = t0 + m * MIN;
      engine.pause(instructor);
      paused = true;
    },
    finish() {
      if (paused) engine.resume(instructor);
      paused = false;
      fake = t0 + 11 * MIN;
      engine.tick();
    },
    cableOf,
    deliveryOf(inject) {
      return c.db
        .prepare('SELECT d.id FROM deliveries d WHERE d.cable_id = ? AND d.station_id = ?')
        .pluck()
        .get(cableOf(inject), actor.stationId) as number;
    },
    async reply(inject, edit = (d) => d) {
      const finletter = c.users.byLogin('finletter');
      const created = c.drafts.create(actor, { replyTo: cableOf(inject) });
      const body = edit({
        ...created.draft,
        subject: 'Exercise: NAC meeting time confirmed',
        fileRef: '740.5/10-2962',
        paragraphs: [{ n: null, portion: 'C', fyi: false, text: 'The Council meets at 1500 local time as planned.' }],
        approver: 'finletter',
        signature: 'FINLETTER',
      });
      let d = c.drafts.save(actor, created.id, created.revision, body);
      d = await c.drafts.submit(actor, d.id, d.revision, SEED_PASSPHRASE);
      return c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
    },
  };
}
