import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Actor } from '../services/actor';
import type { UsersService } from '../services/users';
import type { Db } from '../store/database';
import { writeConfig } from './localStore';
import { localMembers, type Member } from './members';
import { clientConfig, connect, parsePgUrl, publicUrl } from './pgConnect';
import { exchangeVersion, migrateExchange } from './pgSchema';
import { sealSecret } from './secret';

/**
 * Setting a classroom up (issue 11 item 3). `init` is the instructor's: the schema, one login
 * role per account (with a password) in the member group, and the members from this database's
 * accounts. `join` is each trainee machine's: the password checked against the server, then
 * sealed with the local account's passphrase.
 */
export type InitResult = Readonly<{
  server: string;
  schema: Readonly<{ from: number; to: number }>;
  members: number;
  /** Passwords of the login roles made now (or given): hand them out; nothing keeps them. */
  passwords: Readonly<Record<string, string>>;
  /** Members no longer in the class (account gone or disabled here), made unable to log in now. */
  disabled: ReadonlyArray<string>;
}>;

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

export async function initClassroom(
  db: Db,
  audit: AuditTrail,
  by: Actor,
  adminUrl: string,
  options: Readonly<{ passwords?: Readonly<Record<string, string>> }> = {},
): Promise<InitResult> {
  if (by.role !== 'instructor' && by.role !== 'admin') {
    audit.append({
      actor: { userId: by.userId, login: by.login },
      action: 'DENY',
      detail: { channel: 'classroom', what: 'init', reason: 'ROLE' },
    });
    throw new CableroomError('ACCESS_DENIED', 'Only an instructor or an administrator sets a classroom up.');
  }
  const target = parsePgUrl(adminUrl);
  if (!target.user)
    throw new CableroomError(
      'BAD_REQUEST',
      'The URL of classroom init names the administrator: postgres://ADMIN@HOST/DB.',
    );
  const members = localMembers(db);
  const client = await connect(clientConfig(target, target.user, target.password ?? process.env.PGPASSWORD ?? null));
  const passwords: Record<string, string> = {};
  let disabled: string[] = [];
  let schema: { from: number; to: number };
  try {
    schema = await migrateExchange(client);
    await client.query('BEGIN');
    try {
      for (const m of members) await upsertMember(client, m);
      for (const m of members) {
        const given = options.passwords?.[m.login];
        const made = await ensureLoginRole(client, m, given);
        if (made !== null) passwords[m.login] = made;
      }
      disabled = await disableDeparted(client, members);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  } finally {
    await client.end().catch(() => undefined);
  }
  const server = publicUrl(target, null);
  audit.append({
    actor: { userId: by.userId, login: by.login },
    action: 'INSTALL',
    detail: {
      what: 'classroom init',
      server,
      schema: schema.to,
      members: members.length,
      passwordsSet: Object.keys(passwords).sort(),
      disabled,
    },
  });
  // Their sessions end once the change is committed (a live LISTEN would otherwise stay open).
  if (disabled.length > 0) await endSessions(target, disabled);
  return { server, schema, members: members.length, passwords, disabled };
}

/**
 * Members of the exchange that are not (or no longer) enabled accounts here: marked disabled
 * (their rows stay: grants and events name them), their login roles made NOLOGIN and taken out
 * of the member and instructor groups, so the role reaches nothing even in a session still open.
 * A member whose account is enabled again is restored by the upsert and ensureLoginRole.
 */
async function disableDeparted(client: Client, members: ReadonlyArray<Member>): Promise<string[]> {
  const keep = members.map((m) => m.login);
  const { rows } = await client.query<{ login: string }>(
    'UPDATE classroom.members SET disabled = true WHERE NOT (login = ANY($1)) AND NOT disabled RETURNING login',
    [keep],
  );
  await client.query('UPDATE classroom.members SET disabled = false WHERE login = ANY($1) AND disabled', [keep]);
  const gone = rows.map((r) => r.login).sort();
  for (const login of gone) {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    if (!rowCount) continue;
    const role = quoteIdent(login);
    await client.query(`ALTER ROLE ${role} NOLOGIN`);
    await client.query(`REVOKE cableroom_member, cableroom_instructor FROM ${role}`);
  }
  return gone;
}

async function endSessions(target: ReturnType<typeof parsePgUrl>, logins: ReadonlyArray<string>): Promise<void> {
  const client = await connect(clientConfig(target, target.user!, target.password ?? process.env.PGPASSWORD ?? null));
  try {
    await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ANY($1) AND pid <> pg_backend_pid()',
      [logins],
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function upsertMember(client: Client, m: Member): Promise<void> {
  await client.query(
    `INSERT INTO classroom.members (login, person, display_name, station, office, account_role, clearance, clearance_rank,
       categories, caption_roles, foreign_national, nationality, principal, exdis_designee, keys)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (login) DO UPDATE SET person = excluded.person, display_name = excluded.display_name,
       station = excluded.station, office = excluded.office, account_role = excluded.account_role,
       clearance = excluded.clearance, clearance_rank = excluded.clearance_rank, categories = excluded.categories,
       caption_roles = excluded.caption_roles, foreign_national = excluded.foreign_national,
       nationality = excluded.nationality, principal = excluded.principal, exdis_designee = excluded.exdis_designee,
       keys = excluded.keys`,
    [
      m.login,
      m.person,
      m.displayName,
      m.station,
      m.office,
      m.accountRole,
      m.clearance,
      m.clearanceRank,
      [...m.categories],
      [...m.captionRoles],
      m.foreignNational,
      m.nationality,
      m.principal,
      m.exdisDesignee,
      JSON.stringify(m.keys),
    ],
  );
}

/**
 * The account's login role: made with a new password (returned) if missing; a given password
 * is always set; an existing role otherwise keeps its password (machines already joined keep
 * working when the instructor runs init again after adding accounts).
 */
async function ensureLoginRole(client: Client, m: Member, given: string | undefined): Promise<string | null> {
  const role = quoteIdent(m.login);
  const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [m.login]);
  const exists = (rowCount ?? 0) > 0;
  const password = given ?? (exists ? null : randomBytes(18).toString('base64url'));
  const literal =
    password === null
      ? ''
      : ` PASSWORD ${(await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password])).rows[0]!.q}`;
  await client.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${literal}`);
  await client.query(`GRANT cableroom_member TO ${role}`);
  if (m.accountRole === 'instructor' || m.accountRole === 'admin')
    await client.query(`GRANT cableroom_instructor TO ${role}`);
  else await client.query(`REVOKE cableroom_instructor FROM ${role}`);
  return password;
}

export type JoinResult = Readonly<{ server: string; login: string; station: string; schema: number }>;

export async function joinClassroom(
  db: Db,
  audit: AuditTrail,
  users: UsersService,
  request: Readonly<{ url: string; login: string; pgPassword: string; passphrase: string }>,
  now: Date = new Date(),
): Promise<JoinResult> {
  const target = parsePgUrl(request.url);
  if (!request.pgPassword) throw new CableroomError('BAD_REQUEST', 'The classroom password is empty.');
  // The local account proves itself first (audited SIGN_IN / SIGN_IN_FAILED, throttled).
  const actor = await users.signIn(request.login, request.passphrase, 'classroom', now);
  const client = await connect(clientConfig(target, request.login, request.pgPassword));
  let station: string;
  let schema: number;
  try {
    schema = await exchangeVersion(client);
    if (schema < 1)
      throw new CableroomError(
        'NOT_FOUND',
        'That database holds no classroom: the instructor runs `cableroom classroom init` first.',
      );
    const { rows } = await client.query<{ station: string }>(
      'SELECT station FROM classroom.members WHERE login = current_user',
    );
    if (!rows[0]) throw new CableroomError('NOT_FOUND', `${request.login} is not a member of that classroom.`);
    station = rows[0].station;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (station !== actor.post.plad) {
    throw new CableroomError(
      'CONFLICT',
      `The classroom places ${request.login} at ${station}, this database at ${actor.post.plad}.`,
    );
  }
  const sealed = await sealSecret(request.pgPassword, request.passphrase);
  const server = publicUrl(target, request.login);
  db.transaction(() => {
    writeConfig(db, { pgUrl: server, login: request.login, userId: actor.userId, sealed }, now);
    audit.append(
      {
        actor: { userId: actor.userId, login: actor.login },
        action: 'INSTALL',
        detail: { what: 'classroom join', server, login: request.login },
      },
      now,
    );
  })();
  return { server, login: request.login, station, schema };
}
