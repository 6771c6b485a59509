import type { Command } from './command';
import { AUDIT_COMMANDS } from './commands/audit';
import { CLASSROOM_COMMANDS } from './commands/classroom';
import { DRAFT_COMMANDS } from './commands/drafting';
import { EXCHANGE_COMMANDS } from './commands/exchange';
import { EXERCISE_COMMANDS } from './commands/exercise';
import { EXERCISE_SCORE_COMMANDS } from './commands/exerciseScore';
import { READING_COMMANDS } from './commands/reading';
import { SERVE_COMMANDS } from './commands/serve';
import { SETUP_COMMANDS } from './commands/setup';

/**
 * The command table of `cableroom` (issue 13 item 13): each row names a command, its arguments
 * and options, its help text and its handler. Parsing, the help, option checks and the
 * exit codes are derived from it in cableroom.ts; the order here is the order of the help.
 */
export const COMMANDS: ReadonlyArray<Command> = [
  ...SETUP_COMMANDS,
  ...READING_COMMANDS,
  ...EXCHANGE_COMMANDS,
  ...DRAFT_COMMANDS,
  ...AUDIT_COMMANDS,
  ...SERVE_COMMANDS,
  ...EXERCISE_COMMANDS,
  ...EXERCISE_SCORE_COMMANDS,
  ...CLASSROOM_COMMANDS,
];

/** Command groups ("draft", "audit") and their subcommands. */
export const GROUPS: ReadonlyMap<string, ReadonlyArray<string>> = new Map(
  COMMANDS.filter((c) => c.name.includes(' ')).reduce<[string, string[]][]>((groups, c) => {
    const [group, sub] = c.name.split(' ') as [string, string];
    const found = groups.find(([g]) => g === group);
    if (found) found[1].push(sub);
    else groups.push([group, [sub]]);
    return groups;
  }, []),
);

export type Lookup =
  | Readonly<{ kind: 'command'; command: Command; args: ReadonlyArray<string> }>
  | Readonly<{ kind: 'group'; group: string; subcommands: ReadonlyArray<string> }>
  | Readonly<{ kind: 'unknown'; name: string }>;

/** The command named by the first positionals ("show", or "draft submit"). */
export function findCommand(positionals: ReadonlyArray<string>): Lookup {
  const [first = '', second, ...rest] = positionals;
  const subcommands = GROUPS.get(first);
  if (subcommands) {
    const command = COMMANDS.find((c) => c.name === `${first} ${second}`);
    return command ? { kind: 'command', command, args: rest } : { kind: 'group', group: first, subcommands };
  }
  const command = COMMANDS.find((c) => c.name === first);
  return command ? { kind: 'command', command, args: positionals.slice(1) } : { kind: 'unknown', name: first };
}
