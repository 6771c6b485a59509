import { parseArgs } from 'node:util';
import type { Core, OpenCoreOptions } from '../core/app';
import { isCableroomError } from '../core/errors';
import { isDamagedDatabaseError } from '../core/store/database';
import type { ErrorCode } from '../contract/errors';
import {
  EXIT,
  OPTIONS,
  optionText,
  synopsis,
  UsageError,
  type CliIo,
  type Command,
  type CommandContext,
  type OptionName,
  type OptionValues,
} from './command';
import { COMMANDS, findCommand } from './commands';
import { terminalJson, terminalProgress, terminalPrompt, terminalSafe } from './terminal';

/**
 * `cableroom`: the instructors' and the tests' window into the same core services as the app.
 * The commands are rows of a table (commands.ts); this file parses the command line against it,
 * opens the database for the handler, and turns errors into exit codes:
 * 0 ok, 1 unexpected failure, 2 usage, 3 access denied, 4 not found, 5 integrity.
 */
export { EXIT, type CliIo } from './command';

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  promptSecret: terminalPrompt(),
  progress: terminalProgress(),
};

/** A command's line in the help: its synopsis, then its summary (indented under it when long). */
function helpEntry(c: Command): string {
  const head = synopsis(c);
  const [first = '', ...more] = c.summary;
  const indent = ' '.repeat(32);
  const lines = head.length <= 29 ? [`  ${head.padEnd(30)}${first}`] : [`  ${head}`, `${indent}${first}`];
  return [...lines, ...more.map((l) => `${indent}${l}`)].join('\n');
}

const OPTIONS_HELP = `Options:
  --db PATH     The database file (default: $CABLEROOM_DB)
  --json        Machine-readable output (characters that could steer a terminal are \\u-escaped)
  -h, --help    This help; COMMAND --help for one command

Environment:
  CABLEROOM_DB                The database file, when --db is not given
  CABLEROOM_PASSPHRASE        The signing passphrase (draft submit/clear/approve, export)
  CABLEROOM_PASSPHRASES_FILE  init --seed: the instructors' and admins' passphrases (as --passphrases)

Exit codes: 0 ok, 1 failure, 2 usage, 3 access denied, 4 not found, 5 integrity failure
(a damaged database, a file that is not a Cableroom database, a broken signature or audit chain).
`;

/** The whole help, generated from the command table. */
export const USAGE = `Usage: cableroom <command> [options]

Commands:
${COMMANDS.map(helpEntry).join('\n')}

${OPTIONS_HELP}`;

/** One command's help. */
export function commandUsage(c: Command): string {
  return `Usage: cableroom ${synopsis(c)}\n\n${c.summary.map((l) => `  ${l}`).join('\n')}\n\n${OPTIONS_HELP}`;
}

const PARSE_OPTIONS = Object.fromEntries(
  Object.entries(OPTIONS).map(([name, spec]) => [
    name,
    {
      type: spec.type,
      ...('short' in spec ? { short: spec.short } : {}),
      ...('multiple' in spec ? { multiple: true } : {}),
    },
  ]),
) as {
  [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K] extends { multiple: true }
    ? { type: (typeof OPTIONS)[K]['type']; multiple: true }
    : { type: (typeof OPTIONS)[K]['type']; short?: string; multiple?: false };
};

function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'ACCESS_DENIED':
    case 'SIGN_IN_FAILED':
    case 'NOT_SIGNED_IN':
    case 'WRONG_PASSPHRASE':
      return EXIT.ACCESS_DENIED;
    case 'RULE_VIOLATION':
    case 'CONFLICT':
      return EXIT.FAILURE;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'INTEGRITY':
      return EXIT.INTEGRITY;
    case 'BAD_REQUEST':
    case 'UNKNOWN_CHANNEL':
      return EXIT.USAGE;
    default:
      return EXIT.FAILURE;
  }
}

function parseCommandLine(argv: ReadonlyArray<string>): { values: OptionValues; positionals: string[] } {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: PARSE_OPTIONS });
}

/**
 * True when `main(argv)` needs no more than the light part of the CLI (issue 15 item 6): the
 * help, a usage error, or a command that reads with the light core (`show`, `inbox`). The
 * launcher scripts/build-node.mjs writes runs those from a bundle without the rest of core.
 */
export function lightInvocation(argv: ReadonlyArray<string>): boolean {
  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseCommandLine(argv));
  } catch {
    return true;
  }
  if (values.help || positionals.length === 0 || positionals[0] === 'help') return true;
  const found = findCommand(positionals);
  return found.kind !== 'command' || found.command.core === 'light';
}

export async function main(argv: ReadonlyArray<string>, rawIo: CliIo = defaultIo): Promise<number> {
  const io = terminalSafe(rawIo);
  let values: OptionValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseCommandLine(argv));
  } catch (e) {
    io.stderr(`cableroom: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }

  // Help: `cableroom`, `--help`, `help [COMMAND...]`, `COMMAND --help`.
  const asksHelp = positionals[0] === 'help';
  const named = asksHelp ? positionals.slice(1) : positionals;
  if (asksHelp || values.help || named.length === 0) {
    const found = named.length > 0 ? findCommand(named) : null;
    const text = found?.kind === 'command' ? commandUsage(found.command) : USAGE;
    if (!asksHelp && !values.help) {
      io.stderr(text);
      return EXIT.USAGE;
    }
    io.stdout(text);
    return EXIT.OK;
  }

  const found = findCommand(positionals);
  let command: Command | undefined;
  let core: Core | undefined;
  let dbPath = '';
  try {
    if (found.kind === 'unknown') throw new UsageError(`Unknown command "${found.name}".`);
    if (found.kind === 'group') {
      const subs = found.subcommands;
      throw new UsageError(
        `${found.group} needs a subcommand: ${subs.slice(0, -1).join(', ')}${subs.length > 1 ? ' or ' : ''}${subs.at(-1)}.`,
      );
    }
    command = found.command;
    checkOptions(command, values);
    dbPath = values.db ?? rawIo.env.CABLEROOM_DB ?? '';
    if (!dbPath) throw new UsageError('--db PATH is required (or set CABLEROOM_DB).');
    const path = dbPath;
    // Only what the command needs is loaded (issue 15 item 6): the whole core, with zod and the
    // classroom's PostgreSQL client, for most; the reading services alone for a light command.
    let openCore: ((options: OpenCoreOptions) => Core) | null = null;
    let openLightCore: ((dbPath: string) => Core) | null = null;
    if (command.core === 'light') ({ openLightCore } = await import('./lightCore'));
    else ({ openCore } = await import('../core/app'));
    const full = (options: OpenCoreOptions): Core => openCore!(options);
    const seedDir = rawIo.env.CABLEROOM_SEED_DIR;
    const ctx: CommandContext = {
      name: command.name,
      args: found.args,
      options: values,
      dbPath,
      io,
      core: () => (core ??= openLightCore ? openLightCore(path) : full({ dbPath: path, mustExist: true })),
      openCore: (options) => {
        core?.close();
        core = undefined;
        core = full({ ...(seedDir ? { seedDir } : {}), ...options, dbPath: path });
        return core;
      },
      print: (value, text) => io.stdout(values.json ? `${terminalJson(value)}\n` : `${text()}\n`),
      as: () => {
        if (!values.as) throw new UsageError(`${found.command.name} needs --as LOGIN.`);
        return values.as;
      },
      passphrase: (what) => {
        const p = rawIo.env.CABLEROOM_PASSPHRASE;
        if (!p) throw new UsageError(`${what}: put the passphrase in $CABLEROOM_PASSPHRASE.`);
        return p;
      },
    };
    return await command.run(ctx);
  } catch (e) {
    return reportError(e, io, dbPath, command);
  } finally {
    // A sign-in's re-hash at the current cost runs after its answer (services/users.ts): the
    // process would wait for the scrypt anyway (it holds the event loop), so wait for it here
    // and let it write before the database closes. It never rejects.
    if (core) await core.users.settled();
    core?.close();
  }
}

/** Options a command does not take, and options it needs, are usage errors. */
function checkOptions(command: Command, values: OptionValues): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'db' || name === 'help') continue;
    if (!(name in command.options)) throw new UsageError(`${command.name} does not take --${name}.`);
  }
  for (const [name, use] of Object.entries(command.options) as [OptionName, string][]) {
    if (use === 'required' && values[name] === undefined) {
      throw new UsageError(`${command.name} needs ${optionText(name)}.`);
    }
  }
}

function reportError(e: unknown, io: CliIo, dbPath: string, command: Command | undefined): number {
  if (e instanceof UsageError) {
    io.stderr(`cableroom: ${e.message}\n\n${command ? commandUsage(command) : USAGE}`);
    return EXIT.USAGE;
  }
  if (isCableroomError(e) && e.code === 'INTEGRITY') {
    io.stderr(`cableroom: ${e.message}\n`);
    return EXIT.INTEGRITY;
  }
  // SQLite finds most damage only when it reads the damaged page, deep inside a command.
  if (isDamagedDatabaseError(e)) {
    io.stderr(`cableroom: database is damaged: ${dbPath}: ${innermost(e).message}\n`);
    return EXIT.INTEGRITY;
  }
  if (isCableroomError(e)) {
    io.stderr(`cableroom: ${e.message}\n`);
    return exitCodeFor(e.code);
  }
  io.stderr(`cableroom: unexpected failure: ${(e as Error).message}\n`);
  return EXIT.FAILURE;
}

function innermost(e: unknown): Error {
  let cur = e as Error;
  for (let depth = 0; cur.cause instanceof Error && depth < 8; depth++) cur = cur.cause;
  return cur;
}
