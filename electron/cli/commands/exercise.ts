import { validateScenarioFile } from '../../core/exercise/scenarioFile';
import { EXIT, oneArg, type Command } from '../command';

/**
 * Exercises (issue 10): `exercise validate FILE` checks a scenario document (docs/EXERCISES.md)
 * against the database's directory and prints every problem with its JSON path. Exit 0 when the
 * scenario is valid, 1 while any problem stands (as `draft check`), 4 when the file is missing.
 */
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
      const result = await validateScenarioFile(ctx.core().db, file);
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
];
