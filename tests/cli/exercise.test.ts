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
