import type { AfterActionReport } from '../../core/exercise/report';
import type { ExerciseScore } from '../../core/exercise/score';
import { CableroomError } from '../../core/errors';
import { UsageError, EXIT, type Command, type CommandContext } from '../command';

/**
 * Exercise scores and the after-action report (issue 10 items 4, 6, 8; EXERCISES.md §4, §6):
 *
 * - `exercise score [ID] [--recompute] [--json]`: every trainee's score lines with the audit
 *   entries behind them, totals per trainee, post and objective, the exercise's weighted total.
 *   Live by default; `--recompute` rebuilds it from the audit trail alone (the same numbers).
 *   Instructors and admins.
 * - `exercise report [ID] --out FILE.pdf [--trainee LOGIN] [--json]`: the after-action report as
 *   a PDF (banners on every page); the instructor's copy, or a trainee's (`--trainee`, or a
 *   participant asking for their own once the exercise has ended). `--json` prints the report's
 *   data as well.
 *
 * ID defaults to the exercise running, else the latest. Exit codes: 0 ok; 2 usage; 3 not allowed;
 * 4 no such exercise or trainee; 5 the audit trail does not verify (no score is built on it).
 */

/** The exercise named by the optional ID argument, else the current one. */
function exerciseArg(
  ctx: CommandContext,
  currentExerciseId: (db: ReturnType<CommandContext['core']>['db']) => number,
): number {
  if (ctx.args.length > 1) throw new UsageError(`Unexpected argument "${ctx.args[1]}".`);
  const [text] = ctx.args;
  if (text === undefined) return currentExerciseId(ctx.core().db);
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new UsageError(`ID must be an exercise number, not "${text}".`);
  return Number(text);
}

/** "+01:02:30": scenario time since the start. */
export function scenarioOffset(ms: number): string {
  const s = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

const pts = (n: number): string => (Number.isInteger(n * 10) ? n.toFixed(1) : n.toFixed(2));

export function scoreText(s: ExerciseScore, recomputed: boolean): string {
  const out = [
    `Exercise ${s.exerciseId} "${s.title}" (${s.scenarioId}), ${s.status} at ${scenarioOffset(s.nowMs)}: ` +
      `score ${pts(s.score)} / 100, ${pts(s.points)} of ${pts(s.possible)} points` +
      ` (${recomputed ? 'recomputed from the audit trail' : 'live'}, to entry ${s.headSeq}).`,
    'Objectives:',
    ...s.objectives.map(
      (o) =>
        `  [${o.achieved ? 'x' : ' '}] ${o.id || '(none)'} (weight ${o.weight}): ${pts(o.points)} of ${pts(o.possible)}`,
    ),
  ];
  for (const post of s.posts) {
    out.push(`${post.post}: ${pts(post.score)} / 100, ${pts(post.points)} of ${pts(post.possible)} points`);
    for (const t of s.trainees.filter((x) => x.post === post.post)) {
      out.push(`  ${t.login} (role ${t.role}): ${pts(t.score)} / 100, ${pts(t.points)} of ${pts(t.possible)} points`);
      for (const l of s.lines.filter((x) => x.userId === t.userId)) {
        const when = l.atMs === null ? '' : ` at ${scenarioOffset(l.atMs)}`;
        const audit = l.auditSeqs.length > 0 ? ` [audit ${l.auditSeqs.join(', ')}]` : '';
        const rule = l.rule === null ? '' : ` rule ${l.rule}:`;
        out.push(
          `    ${l.verdict.padEnd(7)} ${l.expectation.padEnd(16)} ${pts(l.points).padStart(7)} of ${pts(l.possible).padEnd(6)}${rule} ${l.note}${when}${audit}`,
        );
      }
    }
  }
  return out.join('\n');
}

function reportSummary(r: AfterActionReport, file: string, bytes: number): string {
  const copy = r.copy.kind === 'instructor' ? "the instructor's copy" : `${r.copy.login}'s copy`;
  return `${file}: after-action report of exercise ${r.exercise.id} "${r.exercise.title}", ${copy}, ${r.banner}, score ${pts(r.score)} / 100 (${bytes} bytes).`;
}

export const EXERCISE_SCORE_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'exercise score',
    args: '[ID]',
    options: { as: 'required', json: 'optional', recompute: 'optional' },
    summary: [
      "Every trainee's score lines with the audit entries behind them, totals per",
      'trainee, post and objective, and the weighted total (the running exercise,',
      'else the latest). --recompute rebuilds it from the audit trail alone.',
      'Instructors only',
    ],
    async run(ctx) {
      // The exercise modules load with these commands only (issue 15 item 6).
      const { currentExerciseId, exerciseScoreFor } = await import('../../core/exercise/score');
      const id = exerciseArg(ctx, currentExerciseId);
      const core = ctx.core();
      const recompute = ctx.options.recompute === true;
      const score = exerciseScoreFor(core.db, core.audit, core.users.byLogin(ctx.as()), id, { recompute });
      ctx.print({ ...score, recomputed: recompute }, () => scoreText(score, recompute));
      return EXIT.OK;
    },
  },
  {
    name: 'exercise report',
    args: '[ID]',
    options: { as: 'required', out: 'required', json: 'optional', trainee: 'optional' },
    summary: [
      "The after-action report as a PDF (banners on every page): the instructor's",
      "copy, or a trainee's with --trainee LOGIN; a trainee gets their own once",
      'the exercise has ended. --json prints its data too',
    ],
    async run(ctx) {
      const { currentExerciseId } = await import('../../core/exercise/score');
      const { afterActionReport } = await import('../../core/exercise/report');
      const { writeReportPdf } = await import('../../core/exercise/reportPdf');
      const id = exerciseArg(ctx, currentExerciseId);
      const file = ctx.options.out!;
      if (!/\.pdf$/i.test(file)) throw new UsageError('--out names the PDF to write, e.g. --out report.pdf.');
      const core = ctx.core();
      const trainee = ctx.options.trainee;
      const report = afterActionReport(core.db, core.audit, core.users.byLogin(ctx.as()), id, {
        trainee,
        format: 'pdf',
      });
      let bytes: number;
      try {
        bytes = await writeReportPdf(report, file);
      } catch (e) {
        throw new CableroomError('BAD_REQUEST', `Cannot write ${file}: ${(e as Error).message}`);
      }
      ctx.print({ file, bytes, report }, () => reportSummary(report, file, bytes));
      return EXIT.OK;
    },
  },
];
