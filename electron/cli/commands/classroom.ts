import { existsSync, writeFileSync } from 'node:fs';
import type { ExchangeStatus, localStatus } from '../../core/classroom/status';

// The classroom's modules (and the PostgreSQL client) load with its commands only (issue 15 item 6).
const setup = () => import('../../core/classroom/setup');
const status = () => import('../../core/classroom/status');
import { EXIT, noArgs, UsageError, type Command, type CommandContext } from '../command';

/**
 * The classroom (issue 11 item 3; docs/CLASSROOM.md): the instructor sets the PostgreSQL
 * exchange up, each trainee machine joins it, and either asks how the class stands.
 */
export const CLASSROOM_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'classroom init',
    args: '',
    options: { pg: 'required', as: 'required', out: 'optional', json: 'optional' },
    summary: [
      "Set up the classroom exchange at URL (the server's administrator, e.g.",
      'postgres://postgres@host/classroom; password in the URL or $PGPASSWORD):',
      'the schema, one login per account of this database, the class directory.',
      'New logins get new passwords: printed, or written to FILE (mode 0600)',
    ],
    async run(ctx) {
      noArgs(ctx);
      const out = ctx.options.out;
      if (out && existsSync(out)) throw new UsageError(`${out} exists; choose a new file.`);
      const core = ctx.core();
      const { initClassroom } = await setup();
      const result = await initClassroom(core.db, core.audit, core.users.byLogin(ctx.as()), ctx.options.pg!);
      const logins = Object.keys(result.passwords).sort();
      if (out) {
        writeFileSync(out, `${JSON.stringify(result.passwords, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      }
      ctx.print(
        {
          server: result.server,
          schema: result.schema,
          members: result.members,
          ...(out ? { passwordsIn: out } : { passwords: result.passwords }),
        },
        () =>
          [
            `Classroom ready at ${result.server} (schema ${result.schema.to}); ${result.members} members.`,
            logins.length === 0
              ? 'Every login existed already and keeps its password.'
              : out
                ? `Passwords of ${logins.length} new login(s) written to ${out}.`
                : [
                    'Hand each trainee their password:',
                    ...logins.map((l) => `  ${l.padEnd(16)} ${result.passwords[l]}`),
                  ].join('\n'),
          ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    name: 'classroom join',
    args: '',
    options: { pg: 'required', as: 'required', json: 'optional' },
    summary: [
      'Join this database to the classroom at URL as LOGIN. The classroom',
      'password is asked for (or read from $CABLEROOM_PG_PASSWORD) and kept only',
      "sealed with LOGIN's passphrase ($CABLEROOM_PASSPHRASE), never in plain text",
    ],
    async run(ctx) {
      noArgs(ctx);
      const login = ctx.as();
      const passphrase = ctx.passphrase('join seals the classroom password with your passphrase');
      const pgPassword = await classroomPassword(ctx, login);
      const core = ctx.core();
      const { joinClassroom } = await setup();
      const joined = await joinClassroom(core.db, core.audit, core.users, {
        url: ctx.options.pg!,
        login,
        pgPassword,
        passphrase,
      });
      ctx.print(joined, () => `Joined ${joined.server} as ${joined.login} (${joined.station}).`);
      return EXIT.OK;
    },
  },
  {
    name: 'classroom status',
    args: '',
    options: { pg: 'optional', json: 'optional' },
    summary: [
      "This machine's cursor, outbox and what it received; with the exchange",
      '(--pg URL, or the joined login with $CABLEROOM_PASSPHRASE) and an',
      "instructor's login: every post's connection, cursor, queue and backlog",
    ],
    async run(ctx) {
      noArgs(ctx);
      const core = ctx.core();
      const { exchangeStatus, localStatus } = await status();
      const { redactUrl } = await import('../../core/classroom/pgConnect');
      const local = localStatus(core.db);
      const passphrase = ctx.io.env.CABLEROOM_PASSPHRASE;
      let exchange: ExchangeStatus | null = null;
      let unreachable: string | null = null;
      if (ctx.options.pg || (local.joined && passphrase)) {
        try {
          exchange = await exchangeStatus(
            core.db,
            ctx.options.pg ? { url: ctx.options.pg } : { passphrase: passphrase! },
          );
        } catch (e) {
          unreachable = (e as Error).message;
        }
      }
      ctx.print({ local, exchange, ...(unreachable ? { unreachable } : {}) }, () =>
        statusText(local, exchange, unreachable && redactUrl(unreachable)),
      );
      return unreachable ? EXIT.FAILURE : EXIT.OK;
    },
  },
];

async function classroomPassword(ctx: CommandContext, login: string): Promise<string> {
  const fromEnv = ctx.io.env.CABLEROOM_PG_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.io.promptSecret)
    throw new UsageError(
      'join needs the classroom password: put it in $CABLEROOM_PG_PASSWORD, or run it in a terminal.',
    );
  const typed = await ctx.io.promptSecret(`Classroom password for ${login}: `);
  if (!typed) throw new UsageError('No classroom password given.');
  return typed;
}

function statusText(
  local: ReturnType<typeof localStatus>,
  exchange: ExchangeStatus | null,
  unreachable: string | null,
): string {
  const lines = local.joined
    ? [
        `Joined ${local.server} as ${local.login}.`,
        `Cursor ${local.cursor}; ${local.queued} queued to send; received ${local.applied} applied, ${local.present} already here, ${local.refused} refused.`,
      ]
    : ['This database has not joined a classroom (cableroom classroom join).'];
  if (unreachable) lines.push(`The exchange could not be reached: ${unreachable}`);
  if (exchange) {
    lines.push(`Exchange ${exchange.server}: schema ${exchange.schema}.`);
    if (exchange.posts) {
      lines.push('LOGIN            STATION                      ONLINE  CURSOR  QUEUED  BEHIND  LAST SEEN');
      for (const p of exchange.posts) {
        lines.push(
          [
            p.login.padEnd(16),
            p.station.padEnd(28),
            (p.connected ? 'yes' : 'no').padEnd(7),
            String(p.cursor ?? '-').padStart(6),
            String(p.queued ?? '-').padStart(7),
            String(p.pending).padStart(7),
            ` ${p.seenAt ?? 'never'}`,
          ].join(' '),
        );
      }
    } else lines.push("Every post's state is shown to instructors only.");
  }
  return lines.join('\n');
}
