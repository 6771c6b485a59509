import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { USAGE } from '../../electron/cli/cableroom';
import { cliFixture, runCli as run } from '../support/cli';

/** `cableroom exercise validate FILE [--json]` (issue 10 item 1) against a real seeded database. */
const TUTORIAL = resolve(__dirname, '../../resources/scenarios/tutorial.json');

const { seededDb } = cliFixture();

async function seeded(): Promise<{ db: string; dir: string }> {
  const db = await seededDb();
  return { db, dir: dirname(db) };
}

describe('cableroom exercise validate', () => {
  test('the Tutorial is valid: exit 0, as text and as JSON', async () => {
    const { db } = await seeded();
    const text = await run('exercise', 'validate', TUTORIAL, '--db', db);
    expect(text).toMatchObject({ code: 0, err: '' });
    expect(text.out).toBe(`${TUTORIAL}: valid scenario "tutorial" (4 inject(s), 5 expectation(s)).\n`);
    const json = await run('exercise', 'validate', TUTORIAL, '--json', '--db', db);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      file: TUTORIAL,
      valid: true,
      id: 'tutorial',
      title: 'Tutorial: a first watch in the USRO cable room',
      problems: [],
    });
  });

  test('every problem with its JSON path; exit 1 while any stands', async () => {
    const { db, dir } = await seeded();
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as {
      roles: { post: string }[];
      injects: { after?: { inject: string } }[];
    };
    doc.roles[0]!.post = 'AMEMBASSY ATLANTIS';
    doc.injects[2]!.after!.inject = 'flahs';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const json = await run('exercise', 'validate', file, '--json', '--db', db);
    expect(json.code).toBe(1);
    const value = JSON.parse(json.out) as { valid: boolean; problems: { path: string; message: string }[] };
    expect(value.valid).toBe(false);
    expect(value.problems.map((p) => p.path)).toEqual(['roles[0].post', 'injects[2].after.inject']);
    const text = await run('exercise', 'validate', file, '--db', db);
    expect(text.code).toBe(1);
    expect(text.out).toBe(
      [
        `${file}: 2 problem(s):`,
        '  roles[0].post: Unknown station "AMEMBASSY ATLANTIS": not in the directory.',
        '  injects[2].after.inject: No inject "flahs".',
        '',
      ].join('\n'),
    );
  });

  test('what the scenario says reaches the terminal only through the safe display', async () => {
    const { db, dir } = await seeded();
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as { expectations: { who: string }[] };
    doc.expectations[0]!.who = 'evil\u001b[2J\u202e';
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(doc));
    const text = await run('exercise', 'validate', file, '--db', db);
    expect(text.code).toBe(1);
    expect(text.out).toContain('"evil⟦U+001B⟧[2J⟦U+202E⟧" is neither a role id nor a post of the scenario.');
    expect(text.out).not.toContain('\u001b');
    const json = await run('exercise', 'validate', file, '--json', '--db', db);
    expect(json.out).toContain('evil\\u001b[2J\\u202e');
    expect(json.out).not.toContain('\u001b');
  });

  test('a missing file is exit 4; no FILE is a usage error; a missing database is exit 4', async () => {
    const { db, dir } = await seeded();
    const missing = await run('exercise', 'validate', join(dir, 'nope.json'), '--db', db);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/No scenario file .*nope\.json/);
    const usage = await run('exercise', 'validate', '--db', db);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('exercise validate needs one FILE.');
    expect((await run('exercise', 'validate', TUTORIAL, '--db', join(dir, 'none.sqlite'))).code).toBe(4);
  });

  test('the help lists it', () => {
    expect(USAGE).toContain('exercise validate FILE.json [--json]');
  });
});

/**
 * Running an exercise from the CLI (issue 10 item 8): start, status, the clock's controls and
 * tick, each with --as and --json, with the documented exit codes.
 */
describe('cableroom exercise start … end', () => {
  const as = (login: string) => ['--as', login];

  test('an instructor starts the Tutorial; status tells the instructor everything and the trainee the clock', async () => {
    const { db } = await seeded();
    const none = await run('exercise', 'status', ...as('instructor'), '--db', db);
    expect(none).toMatchObject({ code: 0, out: 'No exercise has been started in this database.\n' });

    const started = await run('exercise', 'start', TUTORIAL, ...as('instructor'), '--json', '--db', db);
    expect(started.code, started.err).toBe(0);
    const view = JSON.parse(started.out) as {
      view: string;
      clock: { dtg: string };
      injects: { id: string; state: string }[];
    };
    expect(view.view).toBe('instructor');
    expect(view.injects.map((i) => `${i.id} ${i.state}`)).toEqual([
      'welcome FIRED',
      'flash PENDING',
      'pass PENDING',
      'reminder PENDING',
    ]);
    // The scenario clock runs in real time (rate 1): a second or two past 0900Z at most.
    expect(view.clock.dtg).toMatch(/^29090[01]Z OCT 62$/);

    const instructor = await run('exercise', 'status', ...as('instructor'), '--db', db);
    expect(instructor.code).toBe(0);
    expect(instructor.out).toMatch(/^Exercise 1 "Tutorial: a first watch in the USRO cable room": RUNNING at rate 1\./);
    expect(instructor.out).toContain('  trainee (USMISSION USNATO, desk officer): trainee');
    expect(instructor.out).toMatch(/welcome\s+TOPOL 701\s+fired 290900Z OCT 62/);
    expect(instructor.out).toMatch(/flash\s+TOPOL 702\s+due 290902Z OCT 62/);
    expect(instructor.out).toMatch(/pass\s+TOPOL 703\s+waits for "flash"/);
    expect(instructor.out).toMatch(/reminder\s+TOPOL 704\s+due 290906Z OCT 62 \(unless ack-flash\)/);

    const trainee = await run('exercise', 'status', ...as('trainee'), '--db', db);
    expect(trainee.out).toContain('You play "trainee" at USMISSION USNATO (desk officer).');
    expect(trainee.out).not.toMatch(/TOPOL|flash|Injects/);
    const traineeJson = JSON.parse((await run('exercise', 'status', ...as('trainee'), '--json', '--db', db)).out) as {
      exercise: Record<string, unknown>;
    };
    expect(Object.keys(traineeJson.exercise).sort()).toEqual(['clock', 'role', 'view']);
    // The inject is in the trainee's inbox, on top.
    const inbox = await run('inbox', ...as('trainee'), '--limit', '1', '--db', db);
    expect(inbox.out).toMatch(/^290900Z OCT 62 .*TOPOL 701/);
  });

  test('the controls, each with its exit code', async () => {
    const { db } = await seeded();
    const ctl = (...args: string[]) => run('exercise', ...args, '--db', db);
    expect((await ctl('start', 'tutorial', ...as('trainee'))).code).toBe(3);
    expect((await ctl('start', 'tutorial', ...as('trainee'))).err).toBe(
      'cableroom: Only an instructor runs exercises.\n',
    );
    expect((await ctl('pause', ...as('instructor'))).code).toBe(4);
    expect((await ctl('start', 'atlantis', ...as('instructor'))).code).toBe(4);
    expect((await ctl('start', 'tutorial', ...as('instructor'))).code).toBe(0);
    const again = await ctl('start', 'tutorial', ...as('instructor'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/is still running: end it first/);

    const trigger = await ctl('trigger', 'flash', ...as('instructor'), '--json');
    expect(trigger.code, trigger.err).toBe(0);
    expect((JSON.parse(trigger.out) as { injects: { id: string; how: string | null }[] }).injects[1]).toMatchObject({
      id: 'flash',
      how: 'TRIGGER',
    });
    expect((await ctl('trigger', 'flash', ...as('instructor'))).code).toBe(1);
    expect((await ctl('trigger', 'nonesuch', ...as('instructor'))).code).toBe(4);
    expect((await ctl('trigger', ...as('instructor'))).code).toBe(2);
    expect((await run('inbox', ...as('trainee'), '--limit', '1', '--db', db)).out).toMatch(/TOPOL 702/);

    expect((await ctl('pause', ...as('instructor'))).out).toMatch(/: PAUSED at rate 1\./);
    expect((await ctl('pause', ...as('instructor'))).code).toBe(1);
    expect((await ctl('resume', ...as('instructor'))).out).toMatch(/: RUNNING at rate 1\./);
    expect((await ctl('rate', '10', ...as('instructor'))).out).toMatch(/: RUNNING at rate 10\./);
    expect((await ctl('rate', '0', ...as('instructor'))).code).toBe(2);
    expect((await ctl('rate', 'fast', ...as('instructor'))).code).toBe(2);
    const later = await ctl('shift', '30', ...as('instructor'));
    expect(later.out).toMatch(/reminder\s+TOPOL 704\s+due 290936Z OCT 62/);
    // Options before "--": after it everything is an argument, the negative number too.
    const earlier = await run('exercise', 'shift', ...as('instructor'), '--db', db, '--', '-20');
    expect(earlier.code, earlier.err).toBe(0);
    expect(earlier.out).toMatch(/reminder\s+TOPOL 704\s+due 290916Z OCT 62/);
    expect((await ctl('shift', '0', ...as('instructor'))).code).toBe(2);
    expect((await ctl('skip', 'reminder', ...as('instructor'))).out).toMatch(/reminder\s+TOPOL 704\s+skipped/);
    const tick = await ctl('tick', ...as('instructor'), '--json');
    expect(JSON.parse(tick.out)).toEqual({ exercise: 1, fired: [], skipped: [], ended: false, failed: [] });
    expect((await ctl('tick', ...as('instructor'))).out).toBe('Nothing was due.\n');
    expect((await ctl('tick', ...as('trainee'))).code).toBe(3);
    expect((await ctl('end', ...as('instructor'))).out).toMatch(/: ENDED\./);
    expect((await ctl('end', ...as('instructor'))).code).toBe(4);
    expect((await ctl('tick', ...as('instructor'))).out).toBe('No exercise is running.\n');

    // Every control was journaled, with the instructor as actor.
    const audit = await run('audit', 'list', '--as', 'instructor', '--json', '--limit', '100', '--db', db);
    const actions = (JSON.parse(audit.out) as { action: string }[])
      .map((e) => e.action)
      .filter((a) => a.startsWith('EXERCISE_'));
    expect(actions.reverse()).toEqual([
      'EXERCISE_START',
      'EXERCISE_INJECT',
      'EXERCISE_TRIGGER',
      'EXERCISE_INJECT',
      'EXERCISE_PAUSE',
      'EXERCISE_RESUME',
      'EXERCISE_RATE',
      'EXERCISE_SHIFT',
      'EXERCISE_SHIFT',
      'EXERCISE_SKIP',
      'EXERCISE_END',
    ]);
  });

  test('a scenario with problems starts nothing: exit 1 with every problem, as validate prints them', async () => {
    const { db, dir } = await seeded();
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as { roles: { post: string }[] };
    doc.roles[0]!.post = 'AMEMBASSY ATLANTIS';
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify(doc));
    const result = await run('exercise', 'start', file, ...as('instructor'), '--db', db);
    expect(result.code).toBe(1);
    expect(result.out).toContain('1 problem(s); nothing was started:');
    expect(result.out).toContain('roles[0].post: Unknown station "AMEMBASSY ATLANTIS"');
    expect((await run('exercise', 'status', ...as('instructor'), '--db', db)).out).toMatch(/No exercise/);
    expect((await run('exercise', 'start', join(dir, 'nope.json'), ...as('instructor'), '--db', db)).code).toBe(4);
  });

  // --rate and --assign need the CLI's option table to have them (command.ts); until then the
  // scenario's rate and the roles' personas are used.
  test('start with --rate and --assign ROLE=LOGIN; a bad assignment is a usage error', async () => {
    const { db } = await seeded();
    const bad = await run(
      'exercise',
      'start',
      'tutorial',
      '--assign',
      'trainee=bohlen',
      ...as('instructor'),
      '--db',
      db,
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/serves at AMEMBASSY PARIS, not at USMISSION USNATO/);
    expect(
      (await run('exercise', 'start', 'tutorial', '--assign', 'trainee', ...as('instructor'), '--db', db)).code,
    ).toBe(2);
    expect((await run('exercise', 'start', 'tutorial', '--rate', '0', ...as('instructor'), '--db', db)).code).toBe(2);
    const ok = await run(
      'exercise',
      'start',
      'tutorial',
      '--rate',
      '10',
      '--assign',
      'trainee=duty-usro',
      ...as('instructor'),
      '--json',
      '--db',
      db,
    );
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({
      clock: { rate: 10 },
      assignments: [{ role: 'trainee', login: 'duty-usro' }],
    });
  });

  test('the help lists every exercise command', () => {
    for (const line of [
      'exercise start FILE|ID --as LOGIN [--json]',
      'exercise status --as LOGIN [--json]',
      'exercise pause --as LOGIN [--json]',
      'exercise resume --as LOGIN [--json]',
      'exercise rate R --as LOGIN [--json]',
      'exercise shift MINUTES --as LOGIN [--json]',
      'exercise trigger INJECT --as LOGIN [--json]',
      'exercise skip INJECT --as LOGIN [--json]',
      'exercise end --as LOGIN [--json]',
      'exercise tick --as LOGIN [--json]',
    ]) {
      expect(USAGE).toContain(line);
    }
  });
});
