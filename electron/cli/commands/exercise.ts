import { existsSync, statSync } from 'node:fs';
import type { ExerciseStatusView } from '../../contract/ipc';
import type { ScenarioSource, TickReport } from '../../core/exercise/engine';
import { formatDtg } from '../../domain/dtg';
import { EXIT, noArgs, oneArg, UsageError, type Command, type CommandContext } from '../command';

/**
 * Exercises (issue 10; docs/EXERCISES.md, README "Running an exercise"):
 *
 * - `exercise validate FILE` checks a scenario document against the database's directory and
 *   prints every problem with its JSON path;
 * - `exercise start FILE|ID` starts one (a file, or a shipped scenario by id), `status` shows it,
 *   and `pause`, `resume`, `rate R`, `shift MINUTES`, `trigger INJECT`, `skip INJECT`, `end`
 *   drive its clock; `tick` fires what is due now (the app and `serve` tick every second; with
 *   neither running, this catches up, each inject at its own scenario time).
 *
 * All take `--as LOGIN` (instructors and admins run exercises; anyone may ask `status`, and sees
 * only the clock unless an instructor) and `--json`. Exit codes: 0 ok; 1 a scenario with problems,
 * or a transition that does not apply now (pausing a paused clock, an exercise already running);
 * 2 usage (a bad rate, shift or assignment); 3 not an instructor; 4 no such file, scenario,
 * inject, or no exercise running; 5 integrity.
 */

/**
 * The start options from the command line: `--rate R` and `--assign ROLE=LOGIN` (repeatable, or
 * comma-separated).
 */
function startOptions(ctx: CommandContext): { rate?: number; assignments: Record<string, string> } {
  const flags = ctx.options;
  const out: { rate?: number; assignments: Record<string, string> } = { assignments: {} };
  if (flags.rate !== undefined) {
    const rate = Number(flags.rate);
    if (!Number.isFinite(rate) || rate <= 0 || rate > 1440) {
      throw new UsageError('--rate must be a number above 0 and at most 1440 (scenario minutes per real minute).');
    }
    out.rate = rate;
  }
  for (const pair of (flags.assign ?? []).flatMap((a) => a.split(','))) {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*([a-z0-9][a-z0-9._-]*)\s*$/.exec(pair);
    if (!m) throw new UsageError(`--assign takes ROLE=LOGIN (e.g. --assign trainee=trainee), not "${pair}".`);
    if (m[1]! in out.assignments) throw new UsageError(`Role "${m[1]}" is assigned twice.`);
    out.assignments[m[1]!] = m[2]!;
  }
  return out;
}

/** A file if there is one at that path, else a shipped scenario's id ("tutorial"). */
function sourceOf(arg: string): ScenarioSource {
  if (existsSync(arg) && statSync(arg).isFile()) return { file: arg };
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(arg) && !arg.endsWith('.json')) return { shipped: arg };
  return { file: arg };
}

function dtgOf(iso: string | null): string {
  return iso === null ? '' : formatDtg(new Date(iso));
}

/** The status as text: the clock for everyone; injects and assignments for instructors. */
export function statusText(v: ExerciseStatusView | null): string {
  if (v === null) return 'No exercise has been started in this database.';
  const c = v.clock;
  const head = [
    `Exercise ${c.exercise} "${c.title}": ${c.status}${c.status === 'ENDED' ? '' : ` at rate ${c.rate}`}.`,
    `Scenario time ${c.dtg} (start ${dtgOf(c.start)}, end ${dtgOf(c.end)}).`,
  ];
  if (v.view === 'trainee') {
    return [...head, v.role ? `You play "${v.role.role}" at ${v.role.post} (${v.role.function}).` : '']
      .join('\n')
      .trim();
  }
  const wait = (i: (typeof v.injects)[number]): string => {
    if (i.state !== 'PENDING')
      return `${i.state.toLowerCase()} ${dtgOf(i.done)}${i.how === 'TRIGGER' ? ' (triggered)' : ''}`;
    switch (i.waiting) {
      case 'TIME':
        return `due ${dtgOf(i.due)}`;
      case 'TRIGGER':
        return 'waits for a trigger';
      case 'EXPECTATION':
        return `waits for "${i.after?.expectation ?? ''}"`;
      default:
        return `waits for "${i.after?.inject ?? ''}"`;
    }
  };
  const width = Math.max(6, ...v.injects.map((i) => i.id.length));
  return [
    ...head,
    `Scenario "${v.scenarioId}", started by ${v.startedBy}.`,
    'Assignments:',
    ...v.assignments.map((a) => `  ${a.role} (${a.post}, ${a.function}): ${a.login}`),
    ...(v.unplayed.length > 0 ? [`  nobody plays: ${v.unplayed.join(', ')}`] : []),
    'Injects:',
    ...v.injects.map(
      (i) =>
        `  ${i.id.padEnd(width)} ${i.ref.padEnd(14)} ${wait(i)}${i.unless ? ` (unless ${i.unless})` : ''}${i.problem ? ` — PROBLEM: ${i.problem}` : ''}`,
    ),
  ].join('\n');
}

function tickText(r: TickReport): string {
  if (r.exercise === null) return 'No exercise is running.';
  const parts = [
    r.fired.length > 0 ? `Fired: ${r.fired.join(', ')}.` : 'Nothing was due.',
    ...(r.skipped.length > 0 ? [`Skipped (their expectation was met): ${r.skipped.join(', ')}.`] : []),
    ...r.failed.map((f) => `Could not deliver ${f.inject}: ${f.message}`),
    ...(r.ended ? ['The exercise reached its end.'] : []),
  ];
  return parts.join('\n');
}

/** One clock control: `--as LOGIN`, no more arguments than it takes, the status after it. */
function control(
  name: string,
  args: string,
  summary: ReadonlyArray<string>,
  act: (ctx: CommandContext) => ExerciseStatusView,
): Command {
  return {
    name: `exercise ${name}`,
    args,
    options: { as: 'required', json: 'optional' },
    summary,
    run(ctx) {
      if (args === '') noArgs(ctx);
      const view = act(ctx);
      ctx.print(view, () => statusText(view));
      return EXIT.OK;
    },
  };
}

const actor = (ctx: CommandContext) => ctx.core().users.byLogin(ctx.as());

export const EXERCISE_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'exercise validate',
    args: 'FILE.json',
    options: { json: 'optional' },
    summary: [
      'Check a scenario (CABLEROOM-SCENARIO-1, docs/EXERCISES.md) against the',
      "database's directory; prints every problem with its JSON path; exit 1",
      'while any problem stands',
    ],
    async run(ctx) {
      const file = oneArg(ctx, 'exercise validate needs one FILE.');
      const result = await (await import('../../core/exercise/scenarioFile')).validateScenarioFile(ctx.core().db, file);
      const value = result.ok
        ? { file, valid: true, id: result.scenario.id, title: result.scenario.title, problems: [] }
        : { file, valid: false, problems: result.problems };
      ctx.print(value, () =>
        result.ok
          ? `${file}: valid scenario "${result.scenario.id}" (${result.scenario.injects.length} inject(s), ${result.scenario.expectations.length} expectation(s)).`
          : [
              `${file}: ${result.problems.length} problem(s):`,
              ...result.problems.map((p) => `  ${p.path || '(document)'}: ${p.message}`),
            ].join('\n'),
      );
      return result.ok ? EXIT.OK : EXIT.FAILURE;
    },
  },
  {
    name: 'exercise start',
    args: 'FILE|ID',
    options: { as: 'required', json: 'optional', rate: 'optional', assign: 'optional' },
    summary: [
      'Start an exercise: a scenario file, or a shipped one by id ("tutorial").',
      'Roles are played by their personas unless --assign ROLE=LOGIN (repeat it,',
      "or comma-separate); --rate R overrides the scenario's. Instructors only;",
      'exit 1 if the scenario has problems (printed as by validate)',
    ],
    async run(ctx) {
      const arg = oneArg(ctx, 'exercise start needs one FILE (or the id of a shipped scenario).');
      const options = startOptions(ctx);
      const core = ctx.core();
      const who = actor(ctx);
      const source = sourceOf(arg);
      if ('file' in source && (who.role === 'instructor' || who.role === 'admin')) {
        // Problems are shown as `validate` shows them (all of them, with their paths).
        const result = await (
          await import('../../core/exercise/scenarioFile')
        ).validateScenarioFile(core.db, source.file);
        if (!result.ok) {
          ctx.print({ file: source.file, valid: false, problems: result.problems }, () =>
            [
              `${source.file}: ${result.problems.length} problem(s); nothing was started:`,
              ...result.problems.map((p) => `  ${p.path || '(document)'}: ${p.message}`),
            ].join('\n'),
          );
          return EXIT.FAILURE;
        }
      }
      const view = await core.exercises.start(who, source, options);
      ctx.print(view, () => statusText(view));
      return EXIT.OK;
    },
  },
  {
    name: 'exercise status',
    args: '',
    options: { as: 'required', json: 'optional' },
    summary: [
      'The running exercise (else the latest): its clock; for instructors also',
      'every inject with its state and time, and who plays which role',
    ],
    run(ctx) {
      noArgs(ctx);
      const status = ctx.core().exercises.status(actor(ctx));
      ctx.print(status, () => statusText(status.exercise));
      return EXIT.OK;
    },
  },
  control('pause', '', ['Pause the scenario clock (injects wait; "trigger" still fires one)'], (ctx) =>
    ctx.core().exercises.pause(actor(ctx)),
  ),
  control('resume', '', ['Resume the scenario clock where it was paused'], (ctx) =>
    ctx.core().exercises.resume(actor(ctx)),
  ),
  control('rate', 'R', ['Scenario minutes per real minute from now on (the time reached is kept)'], (ctx) => {
    const text = oneArg(ctx, 'exercise rate needs one R, e.g. exercise rate 10.');
    const rate = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text) || rate <= 0 || rate > 1440) {
      throw new UsageError('R must be a number above 0 and at most 1440 (scenario minutes per real minute).');
    }
    return ctx.core().exercises.setRate(actor(ctx), rate);
  }),
  control(
    'shift',
    'MINUTES',
    [
      'Move every pending inject and the end by MINUTES, keeping their spacing',
      '(earlier: options first, then -- and the negative number, e.g.',
      'exercise shift --as instructor -- -15)',
    ],
    (ctx) => {
      const text = oneArg(ctx, 'exercise shift needs one MINUTES, e.g. exercise shift 15 (earlier: ... -- -15).');
      if (!/^[+-]?\d{1,6}$/.test(text) || Number(text) === 0) {
        throw new UsageError('MINUTES must be a whole, non-zero number of minutes, e.g. 15 or -15.');
      }
      return ctx.core().exercises.shift(actor(ctx), Number(text));
    },
  ),
  control('trigger', 'INJECT', ['Fire an inject now, at the current scenario time, paused or not'], (ctx) =>
    ctx.core().exercises.trigger(actor(ctx), oneArg(ctx, 'exercise trigger needs one INJECT id.')),
  ),
  control('skip', 'INJECT', ['Skip a pending inject: it will not be sent'], (ctx) =>
    ctx.core().exercises.skip(actor(ctx), oneArg(ctx, 'exercise skip needs one INJECT id.')),
  ),
  control('end', '', ['End the exercise (what was due fires first)'], (ctx) => ctx.core().exercises.end(actor(ctx))),
  {
    name: 'exercise tick',
    args: '',
    options: { as: 'required', json: 'optional' },
    summary: [
      'Fire what is due now, each inject at its own scenario time (the app and',
      'serve do this every second; use it when neither is running)',
    ],
    run(ctx) {
      noArgs(ctx);
      const report = ctx.core().exercises.advance(actor(ctx));
      ctx.print(report, () => tickText(report));
      return report.failed.length > 0 ? EXIT.FAILURE : EXIT.OK;
    },
  },
];
