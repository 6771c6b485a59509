import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, expect, test } from 'vitest';
import { canonicalJson } from '../../electron/core/audit/auditTrail';
import { createClassroomClient, type ClassroomClient } from '../../electron/core/classroom/client';
import { sha256Hex } from '../../electron/core/classroom/document';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { scoreExercise } from '../../electron/core/exercise/score';
import type { ExerciseScore } from '../../electron/domain/exercise/score';
import { describePostgres } from '../support/postgres';
import { seededCoreFixture, type SeededCore } from '../support/tempCore';
import { playTutorial, TUTORIAL, type Play } from '../core/exercise/scorePlay';
import { connectAs, joinMachine, newClassroom, type Machine } from './support';

/**
 * The exercise over the classroom (issue 11 item 5): the instructor's machine runs the Tutorial,
 * its injects leave it signed through the exchange at their scenario time, the trainee acts on
 * the post's own machine, and the acts come back as events that the instructor's score reads —
 * with the same result as the same acts done on one machine. Separate SQLite files stand for
 * separate machines; the exchange is a real PostgreSQL.
 */
const core = seededCoreFixture();
let running: Machine[] = [];
let extra: ClassroomClient[] = [];
afterEach(async () => {
  await Promise.all([...running.map((m) => m.client.stop()), ...extra.map((c) => c.stop())]);
  running = [];
  extra = [];
});

async function machine(...args: Parameters<typeof joinMachine>): Promise<Machine> {
  const m = await joinMachine(...args);
  running.push(m);
  return m;
}

const remoteActs = (c: SeededCore, action?: string): number =>
  c.db
    .prepare(
      `SELECT count(*) FROM audit_log WHERE json_extract(detail, '$.remote.seq') IS NOT NULL ${action ? 'AND action = ?' : ''}`,
    )
    .pluck()
    .get(...(action ? [action] : [])) as number;

const lines = (s: ExerciseScore) =>
  s.lines.map((l) => [l.expectation, l.rule !== null, l.trainee, l.verdict, l.points, l.possible]);

/** The trainee's delivery of a cable at its post, by reference, in that machine's database. */
function deliveryAt(c: SeededCore, ref: string, login: string): number {
  const user = c.users.byLogin(login);
  return c.db
    .prepare('SELECT d.id FROM deliveries d JOIN cables c ON c.id = d.cable_id WHERE c.ref = ? AND d.station_id = ?')
    .pluck()
    .get(ref, user.stationId) as number;
}

/** Resolves when the client is online (on its status changes). */
const online = (c: ClassroomClient): Promise<void> =>
  new Promise((resolveOnline) => {
    if (c.status().state === 'online') return resolveOnline();
    const off = c.onStatus((st) => {
      if (st.state !== 'online') return;
      off();
      resolveOnline();
    });
  });

const has = (m: Machine, ref: string) => m.notices.some((n) => n.ref === ref && n.outcome === 'APPLIED');

describePostgres('an exercise over the classroom (issue 11 item 5)', (pg) => {
  test('injects reach the post at scenario time; its OPEN and ACK score as the same acts done locally', async () => {
    const instructorDb = core();
    const db = await newClassroom(pg(), instructorDb);
    const teacher = await machine(pg(), db, instructorDb, 'instructor');
    const usro = await machine(pg(), db, core(), 'trainee');
    const paris = await machine(pg(), db, core(), 'bohlen');

    // The instructor starts the Tutorial: the welcome (+00:00) leaves at once, signed by the instructor.
    const p: Play = await playTutorial(instructorDb);
    await usro.until('the welcome at USRO', () => has(usro, 'TOPOL 701'));
    const welcome = usro.core.cables.idByRef('TOPOL 701');
    const trainee = usro.core.users.byLogin('trainee');
    expect(usro.core.cables.show(trainee, welcome, 'test').chain?.status).toBe('VERIFIED');
    // The FLASH is due at +00:02: nothing of it yet, anywhere.
    await usro.client.syncNow();
    expect(has(usro, 'TOPOL 702')).toBe(false);
    expect(instructorDb.db.prepare("SELECT count(*) FROM cables WHERE ref = 'TOPOL 702'").pluck().get()).toBe(0);
    // Paris is no addressee of the Tutorial's traffic: it receives nothing.
    expect(paris.notices).toEqual([]);

    // At +00:00.5 the trainee opens the welcome on the post's machine.
    p.at(0.5);
    await teacher.client.syncNow(); // the clock, paused at +00:00.5, is published
    usro.core.cables.show(trainee, welcome, 'app');
    await teacher.until('the OPEN at the instructor', () => remoteActs(instructorDb, 'VIEW') === 2);
    // Each act carries the scenario time the post read from the published clock (0900Z + 30 s).
    const stamped = instructorDb.db
      .prepare(
        "SELECT json_extract(detail, '$.remote.scenarioTime') FROM audit_log WHERE action = 'VIEW' AND json_extract(detail, '$.remote.seq') IS NOT NULL ORDER BY seq DESC LIMIT 1",
      )
      .pluck()
      .get();
    expect(stamped).toBe('1962-10-29T09:00:30.000Z');
    // At +00:02 the FLASH fires on the instructor's machine and reaches the post.
    p.at(2.5);
    await usro.until('the FLASH at USRO', () => has(usro, 'TOPOL 702'));
    // Its DTG is the scenario's (1962), as on the instructor's machine.
    const dtgOf = (c: SeededCore) => c.db.prepare("SELECT dtg FROM cables WHERE ref = 'TOPOL 702'").pluck().get();
    expect(dtgOf(usro.core)).toBe(dtgOf(instructorDb));
    expect(dtgOf(usro.core)).toMatch(/OCT 62$/);
    usro.core.handling.acknowledge(trainee, deliveryAt(usro.core, 'TOPOL 702', 'trainee'));
    await teacher.until('the ACK at the instructor', () => remoteActs(instructorDb, 'ACK') === 1);
    // One minute after the acknowledgement the pass inject (TOPOL 703, "USRO pass Embassy") fires.
    p.at(3);
    p.at(3.5);
    await usro.until('TOPOL 703 at USRO', () => has(usro, 'TOPOL 703'));
    // Item 2: the pass carried out on the post's machine reaches Paris's machine through the
    // exchange, as a new grant decided there by the same access decision.
    usro.core.routing.pass(trainee, usro.core.cables.idByRef('TOPOL 703'));
    await paris.until('TOPOL 703 at Paris', () => has(paris, 'TOPOL 703'));
    const bohlen = paris.core.users.byLogin('bohlen');
    expect(deliveryAt(paris.core, 'TOPOL 703', 'bohlen')).toBeTruthy();
    expect(paris.core.cables.show(bohlen, paris.core.cables.idByRef('TOPOL 703'), 'test').chain?.status).toBe(
      'VERIFIED',
    );
    await teacher.until('the PASS at the instructor', () => remoteActs(instructorDb, 'PASS') === 1);
    p.finish();

    // The same acts, on one machine.
    const local = core();
    const q = await playTutorial(local);
    q.at(0.5);
    local.cables.show(q.trainee, q.cableOf('welcome'), 'test');
    local.cables.show(q.trainee, q.cableOf('welcome'), 'app');
    q.at(2.5);
    local.handling.acknowledge(q.trainee, q.deliveryOf('flash'));
    q.at(3);
    q.at(3.5);
    local.routing.pass(q.trainee, q.cableOf('pass'));
    q.finish();

    const remote = scoreExercise(instructorDb.db, p.exerciseId);
    const same = scoreExercise(local.db, q.exerciseId);
    expect(remote.lines.find((l) => l.expectation === 'open-welcome')).toMatchObject({ verdict: 'MET', points: 10 });
    expect(remote.lines.find((l) => l.expectation === 'ack-flash')).toMatchObject({ verdict: 'MET', points: 20 });
    expect(remote.lines.find((l) => l.expectation === 'pass-paris')).toMatchObject({ verdict: 'MET', points: 20 });
    expect(lines(remote)).toEqual(lines(same));
    expect(remote.score).toBe(same.score);
    expect(remote.trainees.map((t) => [t.login, t.points, t.possible])).toEqual(
      same.trainees.map((t) => [t.login, t.points, t.possible]),
    );
  });

  test('a sealed pass goes through the COMMS office across machines, as locally (rules 14, 17)', async () => {
    // The Tutorial played by the USRO duty officer (COMMS), its pass cable made SECRET and Eyes
    // Only for the principals: Finletter reads it; the duty officer may only pass it unread.
    type Json = Record<string, unknown>;
    const scenario = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as Json & {
      cables: Record<string, Json & { transmission: Json; paragraphs: Json[] }>;
      expectations: { id: string }[];
    };
    scenario.roles = [
      {
        id: 'trainee',
        post: 'USMISSION USNATO',
        function: 'duty officer',
        minClearance: 'SECRET',
        office: 'COMMS',
        persona: 'duty-usro',
      },
    ];
    const pass = scenario.cables['pass']!;
    pass.classification = 'SECRET';
    pass.captions = ['EYES_ONLY'];
    pass.transmission.eyesOnly = [{ principals: true }];
    pass.paragraphs = pass.paragraphs.map((x) => ({ ...x, portion: 'S' }));
    scenario.expectations = scenario.expectations.filter((e) => ['pass-paris', 'ack-flash'].includes(e.id));
    const dir = mkdtempSync(join(tmpdir(), 'cableroom-sealed-'));
    const file = join(dir, 'sealed.json');
    writeFileSync(file, JSON.stringify(scenario));
    try {
      const instructorDb = core();
      const db = await newClassroom(pg(), instructorDb);
      await machine(pg(), db, instructorDb, 'instructor');
      const usro = await machine(pg(), db, core(), 'duty-usro');
      const paris = await machine(pg(), db, core(), 'bohlen');
      const p = await playTutorial(instructorDb, 'duty-usro', file);
      p.engine.trigger(p.instructor, 'pass');
      await usro.until('TOPOL 703 at the duty officer', () => has(usro, 'TOPOL 703'));
      const admin = new Client({ connectionString: pg().url(db) });
      await admin.connect();
      const grants = async () =>
        (
          await admin.query<{ g: string }>(
            "SELECT g.login || ':' || g.role AS g FROM classroom.grants g JOIN classroom.cables c ON c.hash = g.cable_hash WHERE c.ref = 'TOPOL 703' ORDER BY 1",
          )
        ).rows.map((r) => r.g);
      try {
        // The duty officer holds it to pass it; the CONFIDENTIAL trainee gets nothing; Paris nothing yet.
        expect(await grants()).toEqual(['duty-usro:PASS', 'finletter:ACTION']);
        const duty = usro.core.users.byLogin('duty-usro');
        const cable = usro.core.cables.idByRef('TOPOL 703');
        expect(() => usro.core.cables.show(duty, cable, 'test')).toThrow(/eyes only/i);
        // Passed sealed on the duty officer's machine: Paris's Ambassador receives it and reads it.
        usro.core.routing.pass(duty, cable);
        await paris.until('TOPOL 703 at Paris', () => has(paris, 'TOPOL 703'));
        expect(await grants()).toEqual(['bohlen:ACTION', 'duty-usro:PASS', 'finletter:ACTION']);
        const bohlen = paris.core.users.byLogin('bohlen');
        expect(paris.core.cables.show(bohlen, paris.core.cables.idByRef('TOPOL 703'), 'test').chain?.status).toBe(
          'VERIFIED',
        );
      } finally {
        await admin.end();
      }
      // The instructor's score: the pass met, by the duty officer's sealed PASS.
      const teacherSees = () =>
        scoreExercise(instructorDb.db, p.exerciseId).lines.find((l) => l.expectation === 'pass-paris')?.verdict;
      await running[0]!.until('the sealed PASS at the instructor', () => teacherSees() === 'MET');
      expect(
        instructorDb.db
          .prepare(
            "SELECT json_extract(detail, '$.sealed') FROM audit_log WHERE action = 'PASS' ORDER BY seq DESC LIMIT 1",
          )
          .pluck()
          .get(),
      ).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an offline post's acts reach the instructor after it reconnects, exactly once", async () => {
    const instructorDb = core();
    const db = await newClassroom(pg(), instructorDb);
    const teacher = await machine(pg(), db, instructorDb, 'instructor');
    const usro = await machine(pg(), db, core(), 'trainee');
    const p = await playTutorial(instructorDb);
    await usro.until('the welcome at USRO', () => has(usro, 'TOPOL 701'));

    // The post's machine goes offline (its client stopped: the app closed, the network down).
    await usro.client.stop();
    p.at(0.5);
    const trainee = usro.core.users.byLogin('trainee');
    usro.core.cables.show(trainee, usro.core.cables.idByRef('TOPOL 701'), 'app');
    await teacher.client.syncNow();
    expect(remoteActs(instructorDb)).toBe(0);

    // The app starts again: a new client on the same file finds the act in its audit trail.
    const again = createClassroomClient(usro.core.db, usro.core.audit, { pollMs: 60_000, reconnectMs: 50 });
    extra.push(again);
    await again.startWithPassphrase(SEED_PASSPHRASE);
    await teacher.until('the OPEN at the instructor', () => remoteActs(instructorDb, 'VIEW') === 1);
    await again.syncNow();
    await again.stop();

    // Started once more, and everything read again from the start: nothing is posted or applied twice.
    const third = createClassroomClient(usro.core.db, usro.core.audit, { pollMs: 60_000, reconnectMs: 50 });
    extra.push(third);
    await third.startWithPassphrase(SEED_PASSPHRASE);
    await online(third);
    await third.syncNow();
    expect(third.status().queued).toBe(0);
    await teacher.client.syncNow();
    expect(remoteActs(instructorDb)).toBe(1);
    const admin = new Client({ connectionString: pg().url(db) });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "SELECT kind, count(*)::int AS n FROM classroom.events WHERE login = 'trainee' GROUP BY kind",
      );
      expect(rows).toEqual([{ kind: 'VIEW', n: 1 }]);
    } finally {
      await admin.end();
    }
    // The act is scored at the scenario minute it was done, offline.
    p.finish();
    const line = scoreExercise(instructorDb.db, p.exerciseId).lines.find((l) => l.expectation === 'open-welcome');
    expect(line).toMatchObject({ verdict: 'MET', points: 10 });
  });

  test('a post cannot post an event as another login, nor write the events table', async () => {
    const c = core();
    const db = await newClassroom(pg(), c);
    const trainee = await connectAs(pg(), db, 'trainee');
    try {
      await expect(
        trainee.query(`INSERT INTO classroom.events (seq, login, key, kind) VALUES (999, 'bohlen', 'k', 'ACK')`),
      ).rejects.toThrow(/permission denied/);
      await expect(trainee.query('SET ROLE bohlen')).rejects.toThrow(/permission denied|must be member/);
      await expect(trainee.query('SET SESSION AUTHORIZATION bohlen')).rejects.toThrow(/permission denied/);
      // post_event names the caller: the event is the trainee's whatever the detail claims.
      await trainee.query("SELECT classroom.post_event('k1', 'ACK', NULL, NULL, '{\"login\": \"bohlen\"}')");
      const { rows } = await trainee.query<{ login: string }>("SELECT login FROM classroom.events WHERE key = 'k1'");
      expect(rows).toEqual([{ login: 'trainee' }]);
      // And a trainee reads only its own events.
      const paris = await connectAs(pg(), db, 'bohlen');
      try {
        await paris.query("SELECT classroom.post_event('k2', 'VIEW', NULL, NULL, '{}')");
        const seen = await trainee.query<{ login: string }>('SELECT DISTINCT login FROM classroom.events');
        expect(seen.rows).toEqual([{ login: 'trainee' }]);
      } finally {
        await paris.end();
      }
    } finally {
      await trainee.end();
    }
  });
});

describePostgres('a reply released on a post, scored on the instructor machine (issue 11 item 5)', (pg) => {
  test('drafted, cleared and released at USRO, it scores as the same reply released locally; forged facts are refused', async () => {
    const instructorDb = core();
    const db = await newClassroom(pg(), instructorDb);
    const teacher = await machine(pg(), db, instructorDb, 'instructor');
    const usro = await machine(pg(), db, core(), 'trainee');
    const p = await playTutorial(instructorDb);
    p.at(2.5);
    await usro.until('the FLASH at USRO', () => has(usro, 'TOPOL 702'));
    const trainee = usro.core.users.byLogin('trainee');
    usro.core.handling.acknowledge(trainee, deliveryAt(usro.core, 'TOPOL 702', 'trainee'));
    await teacher.until('the ACK at the instructor', () => remoteActs(instructorDb, 'ACK') === 1);

    // On the post's machine: the trainee drafts the reply to the FLASH (to Paris only: the instructor's
    // post is no addressee, so the reply cable never reaches it as a grant) and signs it; the duty
    // officer clears it; Finletter approves and releases it.
    const reply = await replyAt(usro.core, usro.core.cables.idByRef('TOPOL 702'));
    expect(reply.releasedRef).toBeTruthy();
    await teacher.until('the RELEASE at the instructor', () => remoteActs(instructorDb, 'RELEASE') === 1);
    // The instructor's post is no addressee: the reply reached it only with its RELEASE event,
    // verified against the members' keys and written with its chain.
    expect(instructorDb.db.prepare('SELECT count(*) FROM net_applied').pluck().get()).toBe(0);
    expect(
      instructorDb.db
        .prepare("SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND json_extract(detail, '$.what') = 'reply'")
        .pluck()
        .get(),
    ).toBe(1);
    const entry = instructorDb.db
      .prepare(
        "SELECT actor_login AS login, cable_id AS cableId, detail FROM audit_log WHERE action = 'RELEASE' AND json_extract(detail, '$.remote.seq') IS NOT NULL",
      )
      .get() as { login: string; cableId: number; detail: string };
    // The approver and the drafter as the verified chain names them; the source resolved here.
    expect(entry.login).toBe('finletter');
    expect(JSON.parse(entry.detail)).toMatchObject({
      drafter: 'trainee',
      replyTo: p.cableOf('flash'),
      downgrade: false,
    });
    const chain = instructorDb.cables.show(p.instructor, entry.cableId, 'test').chain;
    expect(chain?.status).toBe('VERIFIED');
    expect(chain?.signatures.map((x) => x.role)).toEqual(['DRAFTER', 'CLEARER', 'APPROVER']);

    // Forged reply facts posted under the trainee's login: a changed text (hash recomputed), no signatures.
    const account = await connectAs(pg(), db, 'trainee');
    try {
      const { rows } = await account.query<{ detail: { reply: { document: string } } & Record<string, unknown> }>(
        "SELECT detail FROM classroom.events WHERE kind = 'RELEASE'",
      );
      const genuine = rows[0]!.detail;
      const changed = genuine.reply.document.replace('The Council meets', 'The Council fled');
      const doc = JSON.parse(genuine.reply.document) as Record<string, unknown>;
      const unsigned = canonicalJson({ ...doc, signatures: [] });
      for (const [key, document] of [
        ['forged:text', changed],
        ['forged:unsigned', unsigned],
      ] as const) {
        expect(document).not.toBe(genuine.reply.document);
        await account.query('SELECT classroom.post_event($1, $2, $3, NULL, $4)', [
          key,
          'RELEASE',
          sha256Hex(document),
          JSON.stringify({ ...genuine, reply: { ...genuine.reply, document } }),
        ]);
      }
    } finally {
      await account.end();
    }
    const refused = () =>
      instructorDb.db
        .prepare(
          "SELECT json_extract(detail, '$.reason') FROM audit_log WHERE action = 'TAMPERED' AND json_extract(detail, '$.what') = 'reply' ORDER BY seq",
        )
        .pluck()
        .all() as string[];
    await teacher.until('both forgeries refused', () => refused().length === 2);
    expect(refused()[0]).toMatch(/verif|signature/i);
    expect(remoteActs(instructorDb, 'RELEASE')).toBe(1);
    p.finish();

    // The same acts on one machine.
    const local = core();
    const q = await playTutorial(local);
    q.at(2.5);
    local.handling.acknowledge(q.trainee, q.deliveryOf('flash'));
    await replyAt(local, q.cableOf('flash'));
    q.finish();

    const remote = scoreExercise(instructorDb.db, p.exerciseId);
    const same = scoreExercise(local.db, q.exerciseId);
    expect(remote.lines.find((l) => l.expectation === 'reply-flash')).toMatchObject({ verdict: 'MET', points: 30 });
    expect(lines(remote)).toEqual(lines(same));
    expect(remote.score).toBe(same.score);
    expect(remote.trainees.map((t) => [t.login, t.points, t.possible])).toEqual(
      same.trainees.map((t) => [t.login, t.points, t.possible]),
    );
  });
});

/** The Tutorial's reply (as tests/core/exercise/scorePlay.ts drafts it), cleared by the duty officer. */
async function replyAt(c: SeededCore, replyTo: number) {
  const actor = c.users.byLogin('trainee');
  const finletter = c.users.byLogin('finletter');
  const created = c.drafts.create(actor, { replyTo });
  const body = {
    ...created.draft,
    addressees: [{ ...created.draft.addressees[0]!, plad: 'AMEMBASSY PARIS' }],
    clearers: [{ person: 'duty-usro', kind: 'CLEAR' as const }],
    subject: 'Exercise: NAC meeting time confirmed',
    fileRef: '740.5/10-2962',
    paragraphs: [
      { n: null, portion: 'C' as const, fyi: false, text: 'The Council meets at 1500 local time as planned.' },
    ],
    approver: 'finletter',
    signature: 'FINLETTER',
  };
  let d = c.drafts.save(actor, created.id, created.revision, body);
  d = await c.drafts.submit(actor, d.id, d.revision, SEED_PASSPHRASE);
  d = await c.drafts.clear(c.users.byLogin('duty-usro'), d.id, d.revision, 0, SEED_PASSPHRASE);
  return c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
}
