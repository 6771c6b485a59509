import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { afterActionReport, buildReport, WITHHELD } from '../../../electron/core/exercise/report';
import { renderReportPdf, writeReportPdf } from '../../../electron/core/exercise/reportPdf';
import { seededCoreFixture, tempDir, type SeededCore } from '../../support/tempCore';
import { playTutorial, TUTORIAL } from './scorePlay';

/**
 * The after-action report (issue 10 item 6; EXERCISES.md §6) of a real exercise: the Tutorial
 * with one more inject, a SECRET EYES ONLY cable for USRO's principal that the CONFIDENTIAL
 * trainee may not read. The trainee's copy withholds it wherever it would appear; the
 * instructor's quotes it, and is classified by it. Both PDFs are read back with pdftotext.
 */
const core = seededCoreFixture();
const SECRET_SUBJECT = 'EXERCISE: For the Permanent Representative only';

/** The Tutorial plus an Eyes Only inject at +00:01, written to a temporary file. */
function eyesOnlyTutorial(dir: string): string {
  const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as {
    cables: Record<string, Record<string, unknown>>;
    injects: unknown[];
  };
  const flash = doc.cables['flash']!;
  doc.cables['eyes'] = {
    ...flash,
    ref: 'TOPOL 705',
    series: { indicator: 'TOPOL', number: 705 },
    dtg: '290901Z OCT 62',
    classification: 'SECRET',
    captions: ['EYES_ONLY'],
    subject: SECRET_SUBJECT,
    transmission: {
      addressees: [
        { plad: 'USMISSION USNATO', role: 'ACTION', precedence: 'ROUTINE', serial: { series: 'TOPOL', number: 705 } },
      ],
      eyesOnly: [{ principals: true }],
      passes: [],
    },
    paragraphs: [{ n: null, portion: 'S', text: 'EXERCISE. For Finletter only: the line to take at the Council.' }],
  };
  doc.injects.push({ id: 'eyes', at: '+00:01', cable: 'eyes', objectives: [] });
  const file = join(dir, 'tutorial-eyes-only.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

async function played(c: SeededCore) {
  const dir = tempDir();
  const p = await playTutorial(c, 'trainee', eyesOnlyTutorial(dir.dir));
  dir.cleanup();
  p.at(1.5);
  expect(() => c.cables.show(p.trainee, p.cableOf('eyes'), 'app')).toThrow(/Your clearance \(CONFIDENTIAL\)/);
  p.at(2.5);
  c.handling.acknowledge(p.trainee, p.deliveryOf('flash'));
  p.at(4.5);
  c.routing.pass(p.trainee, p.cableOf('pass'));
  await p.reply('flash');
  p.finish();
  return p;
}

function debrief(c: SeededCore, userId: number, exerciseId: number, answer: string): void {
  c.audit.append({
    actor: { userId, login: 'trainee' },
    action: 'EXERCISE_DEBRIEF',
    detail: { exercise: exerciseId, answers: [{ question: 'Why must a FLASH be acknowledged?', answer }] },
  });
}

function pdftotext(bytes: Buffer): string {
  const dir = tempDir();
  try {
    const file = join(dir.dir, 'report.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    dir.cleanup();
  }
}

describe('the after-action report', () => {
  test("a trainee's copy: timeline in scenario DTGs, points, mistakes with rule and teaching; withheld cables", async () => {
    const c = core();
    const p = await played(c);
    debrief(c, p.trainee.userId, p.exerciseId, 'So that the action office knows at once.');
    const r = buildReport(c.db, p.exerciseId, { kind: 'trainee', login: 'trainee' });
    expect(r.classification).toBe('CONFIDENTIAL');
    expect(r.banner).toBe('CONFIDENTIAL');
    expect(r.posts).toHaveLength(1);
    const t = r.posts[0]!.trainees[0]!;
    expect(t).toMatchObject({
      login: 'trainee',
      name: 'Trainee, USRO',
      post: 'USMISSION USNATO',
      points: 65,
      score: 75,
    });
    expect(t.timeline.map((row) => [row.inject, row.delivered.dtg])).toEqual([
      ['welcome', '290900Z OCT 62'],
      ['eyes', '290901Z OCT 62'],
      ['flash', '290902Z OCT 62'],
      ['pass', '290903Z OCT 62'],
    ]);
    const flash = t.timeline.find((row) => row.inject === 'flash')!;
    expect(flash.cable).toMatchObject({ withheld: false, ref: 'TOPOL 702', banner: 'CONFIDENTIAL' });
    expect(flash.acknowledged?.dtg).toBe('290902Z OCT 62');
    expect(flash.replied).toMatchObject({ dtg: '290904Z OCT 62', cable: { withheld: false } });
    expect(t.timeline.find((row) => row.inject === 'pass')!.passed?.dtg).toBe('290904Z OCT 62');
    expect(t.timeline.find((row) => row.inject === 'eyes')!.cable).toEqual({ withheld: true });
    expect(t.mistakes).toMatchObject([
      { rule: 18, points: -5, note: `access to ${WITHHELD} refused (CLEARANCE)`, at: { dtg: '290901Z OCT 62' } },
    ]);
    expect(t.mistakes[0]!.teaching).toMatch(/clearance reaches its classification/);
    expect(t.expectations.find((e) => e.expectation === 'open-welcome')).toMatchObject({ verdict: 'MISSED' });
    expect(t.debrief).toEqual([
      { question: 'Why must a FLASH be acknowledged?', answer: 'So that the action office knows at once.' },
    ]);
    const json = JSON.stringify(r);
    expect(json).not.toContain('TOPOL 705');
    expect(json).not.toContain(SECRET_SUBJECT);
  });

  test("the instructor's copy quotes everything and is classified by its highest cable", async () => {
    const c = core();
    const p = await played(c);
    const r = buildReport(c.db, p.exerciseId, { kind: 'instructor' });
    expect(r.classification).toBe('SECRET');
    expect(r.score).toBe(r.posts[0]!.score);
    const eyes = r.posts[0]!.trainees[0]!.timeline.find((row) => row.inject === 'eyes')!;
    expect(eyes.cable).toMatchObject({ withheld: false, ref: 'TOPOL 705', subject: SECRET_SUBJECT, banner: 'SECRET' });
    expect(r.posts[0]!.trainees[0]!.mistakes[0]!.note).toBe('access to TOPOL 705 refused (CLEARANCE)');
  });

  test('as PDF: Courier text pdftotext reads back, banners at the top and bottom of every page', async () => {
    const c = core();
    const p = await played(c);
    // A long debrief answer, so that the report runs over several pages.
    debrief(c, p.trainee.userId, p.exerciseId, Array.from({ length: 400 }, (_, i) => `line ${i}.`).join(' '));
    const trainee = pdftotext(
      await renderReportPdf(buildReport(c.db, p.exerciseId, { kind: 'trainee', login: 'trainee' })),
    );
    const pages = trainee.split('\f').filter((page) => page.trim().length > 0);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      const lines = page
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0]).toBe('CONFIDENTIAL');
      expect(lines.at(-1)).toBe('CONFIDENTIAL');
    }
    const flat = trainee.replace(/\s+/g, ' ');
    expect(flat).toContain('YOUR SCORE: 75.0 / 100');
    expect(flat).toContain('Score: 75.0 / 100 - 65.0 of 80.0 points');
    expect(flat).toContain(
      'Rule 18, -5.0 points (no-denials) at 290901Z OCT 62: access to a cable you may not see refused',
    );
    expect(flat).toContain('A cable is opened only by someone whose clearance reaches its classification');
    expect(flat).toContain('TOPOL 702 (CONFIDENTIAL) EXERCISE: Confirm NAC meeting time');
    expect(flat).not.toContain('TOPOL 705');
    expect(flat).not.toContain(SECRET_SUBJECT);

    const dir = tempDir();
    const file = join(dir.dir, 'instructor.pdf');
    const size = await writeReportPdf(buildReport(c.db, p.exerciseId, { kind: 'instructor' }), file);
    const instructor = pdftotext(readFileSync(file));
    dir.cleanup();
    expect(size).toBeGreaterThan(1000);
    expect(instructor.split('\f')[0]!.trim().split('\n')[0]!.trim()).toBe('SECRET');
    expect(instructor.replace(/\s+/g, ' ')).toContain(SECRET_SUBJECT);
  });

  test('who gets which copy: instructors any, a trainee their own after the end; refusals audited', async () => {
    const c = core();
    const p = await playTutorial(c);
    const instructor = c.users.byLogin('instructor');
    // Before the end the scenario is the instructor's.
    expect(() => afterActionReport(c.db, c.audit, p.trainee, p.exerciseId, { format: 'pdf' })).toThrow(
      /once the exercise has ended/,
    );
    p.finish();
    const own = afterActionReport(c.db, c.audit, p.trainee, p.exerciseId, { format: 'pdf' });
    expect(own.copy).toEqual({ kind: 'trainee', login: 'trainee' });
    expect(() =>
      afterActionReport(c.db, c.audit, c.users.byLogin('liaison'), p.exerciseId, { format: 'json' }),
    ).toThrow(/did not take part/);
    expect(() =>
      afterActionReport(c.db, c.audit, p.trainee, p.exerciseId, { trainee: 'duty-usro', format: 'json' }),
    ).toThrow(/goes to that trainee and the instructors only/);
    expect(afterActionReport(c.db, c.audit, instructor, p.exerciseId, { format: 'screen' }).copy.kind).toBe(
      'instructor',
    );
    expect(
      afterActionReport(c.db, c.audit, instructor, p.exerciseId, { trainee: 'trainee', format: 'json' }).copy,
    ).toEqual({ kind: 'trainee', login: 'trainee' });
    const denies = c.db
      .prepare(
        "SELECT actor_login AS login, json_extract(detail, '$.reason') AS reason FROM audit_log WHERE action = 'DENY'",
      )
      .all();
    expect(denies).toEqual([
      { login: 'trainee', reason: 'NOT_ENDED' },
      { login: 'liaison', reason: 'NOT_A_PARTICIPANT' },
      { login: 'trainee', reason: 'NOT_OWN_COPY' },
    ]);
    const exports = c.db
      .prepare("SELECT actor_login AS login, detail FROM audit_log WHERE action = 'EXPORT'")
      .all() as { login: string; detail: string }[];
    expect(exports.map((e) => [e.login, JSON.parse(e.detail).copy, JSON.parse(e.detail).format])).toEqual([
      ['trainee', 'trainee', 'pdf'],
      ['instructor', 'instructor', 'screen'],
      ['instructor', 'trainee', 'json'],
    ]);
  });
});
