import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISE_SCORE_COMMANDS, scenarioOffset } from '../../electron/cli/commands/exerciseScore';
import { runCli as run } from '../support/cli';
import { seededCoreFixture, type SeededCore } from '../support/tempCore';
import { playTutorial } from '../core/exercise/scorePlay';

/**
 * `cableroom exercise score [ID] [--recompute] [--json]` and `exercise report [ID] --out FILE.pdf
 * [--trainee LOGIN] [--json]` (issue 10 item 8) against a real database in which the Tutorial was
 * played through the engine and the services; the PDF is read back with pdftotext.
 */
const core = seededCoreFixture();

/** The Tutorial played by a trainee who does everything but the reply, then the database closed. */
async function playedDb(c: SeededCore): Promise<{ db: string; exerciseId: number }> {
  const p = await playTutorial(c);
  p.at(0.5);
  c.cables.show(p.trainee, p.cableOf('welcome'), 'app');
  p.at(1);
  expect(() => c.cables.show(p.trainee, c.cables.idByRef('TOPOL 578'), 'app')).toThrow(/Access denied/);
  p.at(2.5);
  c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
  p.at(4.5);
  c.routing.pass(p.trainee, p.cableOf('pass'));
  p.finish();
  c.close();
  return { db: c.dbPath, exerciseId: p.exerciseId };
}

describe('the command rows', () => {
  test('score and report as the help shows them', () => {
    const [score, report] = EXERCISE_SCORE_COMMANDS;
    expect(score).toMatchObject({ name: 'exercise score', args: '[ID]' });
    expect(score!.options).toMatchObject({ as: 'required', json: 'optional' });
    expect(report).toMatchObject({ name: 'exercise report', args: '[ID]' });
    expect(report!.options).toMatchObject({ as: 'required', out: 'required', json: 'optional' });
    expect(scenarioOffset(150_000)).toBe('+00:02:30');
    expect(scenarioOffset(3_723_000)).toBe('+01:02:03');
  });
});

describe('cableroom exercise score', () => {
  test('the live score as text and JSON; instructors only', async () => {
    const { db, exerciseId } = await playedDb(core());
    const text = await run('exercise', 'score', '--as', 'instructor', '--db', db);
    expect(text).toMatchObject({ code: 0, err: '' });
    const lines = text.out.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        `^Exercise ${exerciseId} "Tutorial: a first watch in the USRO cable room" \\(tutorial\\), ENDED at \\+00:10:00: score 58\\.33 / 100, 45\\.0 of 80\\.0 points \\(live, to entry \\d+\\)\\.$`,
      ),
    );
    expect(text.out).toMatch(
      /\n {4}MET +ack-flash +20\.0 of 20\.0 +acknowledged by trainee at \+00:02:30 \[audit \d+\]/,
    );
    expect(text.out).toMatch(
      /\n {4}BROKEN +no-denials +-5\.0 of 0\.0 +rule 18: access to TOPOL 578 refused \(CLEARANCE\) at \+00:01:00 \[audit \d+\]/,
    );
    const json = await run('exercise', 'score', String(exerciseId), '--json', '--as', 'instructor', '--db', db);
    expect(json.code).toBe(0);
    const value = JSON.parse(json.out) as { score: number; recomputed: boolean; lines: { verdict: string }[] };
    expect(value).toMatchObject({ score: 58.33, points: 45, recomputed: false });
    expect(value.lines.map((l) => l.verdict)).toEqual(['MET', 'MET', 'MET', 'MISSED', 'BROKEN']);

    const trainee = await run('exercise', 'score', '--as', 'trainee', '--db', db);
    expect(trainee.code).toBe(3);
    expect(trainee.err).toMatch(/Only an instructor sees an exercise's scores/);
    expect((await run('exercise', 'score', '7', '--as', 'instructor', '--db', db)).code).toBe(4);
    expect((await run('exercise', 'score', 'x', '--as', 'instructor', '--db', db)).code).toBe(2);
  });

  test('--recompute: the same score, rebuilt from the audit trail', async () => {
    const { db } = await playedDb(core());
    const live = JSON.parse((await run('exercise', 'score', '--json', '--as', 'instructor', '--db', db)).out) as Record<
      string,
      unknown
    >;
    const again = await run('exercise', 'score', '--recompute', '--json', '--as', 'instructor', '--db', db);
    expect(again.code).toBe(0);
    const recomputed = JSON.parse(again.out) as Record<string, unknown>;
    expect(recomputed['recomputed']).toBe(true);
    expect({ ...recomputed, recomputed: false, nowMs: 0 }).toEqual({ ...live, nowMs: 0 });
  });
});

describe('cableroom exercise report', () => {
  test("the instructor's copy as a PDF, read back with pdftotext", async () => {
    const c = core();
    const { db } = await playedDb(c);
    const out = join(c.dir, 'report.pdf');
    const r = await run('exercise', 'report', '--out', out, '--as', 'instructor', '--db', db);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(
      /report\.pdf: after-action report of exercise 1 .*, the instructor's copy, SECRET, score 58\.33 \/ 100/,
    );
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('EXERCISE SCORE: 58.33 / 100');
    expect(text).toContain('Rule 18, -5.0 points (no-denials)');
    expect(text.startsWith('SECRET')).toBe(true);
  });

  test("--trainee: a trainee's copy; the trainee may ask for their own", async () => {
    const c = core();
    const { db } = await playedDb(c);
    const out = join(c.dir, 'trainee.pdf');
    const r = await run(
      'exercise',
      'report',
      '--trainee',
      'trainee',
      '--out',
      out,
      '--json',
      '--as',
      'trainee',
      '--db',
      db,
    );
    expect(r.code).toBe(0);
    const value = JSON.parse(r.out) as { file: string; report: { classification: string; copy: unknown } };
    expect(value.report).toMatchObject({ classification: 'CONFIDENTIAL', copy: { kind: 'trainee', login: 'trainee' } });
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('YOUR SCORE: 58.33 / 100');
    expect(text).toContain('access to a cable you may not see refused (CLEARANCE)');
    expect(text).not.toContain('TOPOL 578');
    const other = await run(
      'exercise',
      'report',
      '--trainee',
      'duty-usro',
      '--out',
      out,
      '--as',
      'trainee',
      '--db',
      db,
    );
    expect(other.code).toBe(3);
  });

  test('--out must name a PDF; a folder that does not exist is a usage error', async () => {
    const c = core();
    const { db } = await playedDb(c);
    expect(
      (await run('exercise', 'report', '--out', join(c.dir, 'r.txt'), '--as', 'instructor', '--db', db)).code,
    ).toBe(2);
    const missing = join(c.dir, 'no-such-folder', 'r.pdf');
    const r = await run('exercise', 'report', '--out', missing, '--as', 'instructor', '--db', db);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Cannot write/);
    expect(existsSync(missing)).toBe(false);
    expect((await run('exercise', 'report', '--as', 'instructor', '--db', db)).code).toBe(2);
  });
});

describe('the bundled CLI', () => {
  test('writes the PDF: pdfkit and its Courier metrics load outside the bundle', async () => {
    // Bundled as scripts/build-node.mjs bundles dist/cli (into a folder of its own, so as not to
    // race other builds of dist/), beside the repository's node_modules as dist/cli is.
    const root = resolve(__dirname, '../..');
    const cache = join(root, 'node_modules', '.cache');
    const out = mkdtempSync(join(existsSync(cache) ? cache : root, 'cableroom-cli-test-'));
    try {
      const { build } = await import('esbuild');
      await build({
        absWorkingDir: root,
        entryPoints: ['electron/cli/cableroom.ts'],
        outfile: join(out, 'cableroom.cjs'),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
        logLevel: 'silent',
      });
      // As bin/cableroom.cjs launches dist/cli/cableroom.cjs.
      writeFileSync(
        join(out, 'launch.cjs'),
        "require('./cableroom.cjs').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n",
      );
      const c = core();
      const { db } = await playedDb(c);
      const pdf = join(c.dir, 'bundled.pdf');
      const r = spawnSync(
        process.execPath,
        [join(out, 'launch.cjs'), 'exercise', 'report', '--out', pdf, '--as', 'instructor', '--db', db],
        { encoding: 'utf8' },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("the instructor's copy");
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('EXERCISE SCORE: 58.33 / 100');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
