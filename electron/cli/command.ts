import { readFileSync } from 'node:fs';
import type { Core, OpenCoreOptions } from '../core/app';

/**
 * What every `cableroom` command is made of: a row of the command table (name, arguments, the
 * options it takes, a summary for the help, a handler) and the context its handler runs in.
 * Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 access denied, 4 not found, 5 integrity.
 */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, ACCESS_DENIED: 3, NOT_FOUND: 4, INTEGRITY: 5 } as const;

/** A mistake in the command line: exit 2 with the command's usage. */
export class UsageError extends Error {}

export type CliIo = Readonly<{
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Asks for a secret without echoing it; absent when there is no terminal to ask on. */
  promptSecret?: ((question: string) => Promise<string>) | undefined;
  /** A progress bar on stderr; absent when stderr is not a terminal (issue 15 item 3). */
  progress?: ((label: string) => Progress) | undefined;
}>;

export type Progress = Readonly<{ update(done: number, total: number): void; done(): void }>;

/** Every option of the CLI (node:util parseArgs' table), with the placeholder the help shows. */
export const OPTIONS = {
  db: { type: 'string', placeholder: 'PATH' },
  as: { type: 'string', placeholder: 'LOGIN' },
  json: { type: 'boolean' },
  seed: { type: 'boolean' },
  demo: { type: 'boolean' },
  passphrases: { type: 'string', placeholder: 'FILE' },
  limit: { type: 'string', placeholder: 'N' },
  user: { type: 'string', placeholder: 'LOGIN' },
  ref: { type: 'string', placeholder: 'REF' },
  action: { type: 'string', placeholder: 'ACTION' },
  to: { type: 'string', placeholder: 'PLAD,...' },
  'approve-by': { type: 'string', placeholder: 'LOGIN' },
  revoke: { type: 'boolean' },
  deputy: { type: 'boolean' },
  all: { type: 'boolean' },
  line: { type: 'string', placeholder: 'N' },
  out: { type: 'string', placeholder: 'FILE' },
  port: { type: 'string', placeholder: 'N' },
  rate: { type: 'string', placeholder: 'R' },
  assign: { type: 'string', placeholder: 'ROLE=LOGIN', multiple: true },
  recompute: { type: 'boolean' },
  trainee: { type: 'string', placeholder: 'LOGIN' },
  pg: { type: 'string', placeholder: 'URL' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionTable = typeof OPTIONS;
/** The options a command may take (--db and --help belong to every command). */
export type OptionName = Exclude<keyof OptionTable, 'db' | 'help'>;
export type OptionValues = Readonly<{
  [K in keyof OptionTable]?: OptionTable[K] extends { multiple: true }
    ? ReadonlyArray<string>
    : OptionTable[K]['type'] extends 'string'
      ? string
      : boolean;
}>;

/** How a command takes an option: it must be given; it may be; it may be and the arguments already show it. */
export type OptionUse = 'required' | 'optional' | 'in-args';

export type CommandContext = Readonly<{
  name: string;
  args: ReadonlyArray<string>;
  options: OptionValues;
  dbPath: string;
  /** Writes through the terminal-safe display (every text the CLI prints). */
  io: CliIo;
  /** The existing database's core services, opened on first use and closed after the command. */
  core(): Core;
  /** Opens (or creates) the database with these options (`init`). */
  openCore(options: Omit<OpenCoreOptions, 'dbPath'>): Core;
  /** JSON with --json, else the text. */
  print(value: unknown, text: () => string): void;
  /** The --as login (a required option of the commands that use it). */
  as(): string;
  /** The signing passphrase from $CABLEROOM_PASSPHRASE; `what` says why it is needed. */
  passphrase(what: string): string;
}>;

export type Command = Readonly<{
  /** One word, or group and subcommand ("draft submit"). */
  name: string;
  /** The positional arguments as the help shows them ("REF...", "FILE.json"), or "". */
  args: string;
  options: Readonly<Partial<Record<OptionName, OptionUse>>>;
  /** The help text, one string per line. */
  summary: ReadonlyArray<string>;
  /**
   * 'light': the command reads with the users, inbox and cables services only, and the CLI opens
   * just those (lightCore.ts; issue 15 item 6). Every other command gets the whole core.
   */
  core?: 'light';
  run(ctx: CommandContext): number | Promise<number>;
}>;

/** "show REF --as LOGIN [--json]" from the table row. */
export function synopsis(c: Command): string {
  const parts = [c.name, ...(c.args ? [c.args] : [])];
  for (const [name, use] of Object.entries(c.options) as [OptionName, OptionUse][]) {
    if (use === 'in-args') continue;
    const spec = OPTIONS[name];
    const text = 'placeholder' in spec ? `--${name} ${spec.placeholder}` : `--${name}`;
    parts.push(use === 'required' ? text : `[${text}]`);
  }
  return parts.join(' ');
}

export function optionText(name: OptionName): string {
  const spec = OPTIONS[name];
  return 'placeholder' in spec ? `--${name} ${spec.placeholder}` : `--${name}`;
}

export function noArgs(ctx: CommandContext): void {
  if (ctx.args.length > 0) throw new UsageError(`Unexpected argument "${ctx.args[0]}".`);
}

export function oneArg(ctx: CommandContext, message: string): string {
  if (ctx.args.length !== 1) throw new UsageError(message);
  return ctx.args[0]!;
}

export function parseLimit(text: string | undefined): number {
  const limit = text === undefined ? 100 : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be a whole number from 1 to 500.');
  return limit;
}

export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}
