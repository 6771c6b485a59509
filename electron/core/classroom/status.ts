import type { Db } from '../store/database';
import type { ClassroomStatus } from './client';
import { appliedCounts, cursorOf, outboxSize, readConfig } from './localStore';
import { clientConfig, connect, parsePgUrl } from './pgConnect';
import { exchangeVersion } from './pgSchema';
import { openSecret } from './secret';

/** One post as the exchange sees it (classroom status, for the instructor). */
export type PostStatus = Readonly<{
  login: string;
  station: string;
  connected: boolean;
  cursor: number | null;
  queued: number | null;
  seenAt: string | null;
  /** Grants beyond its cursor: what it has yet to receive. */
  pending: number;
}>;

export type ExchangeStatus = Readonly<{ server: string; schema: number; posts: ReadonlyArray<PostStatus> | null }>;

/** This machine's side, from its SQLite file alone (no network). */
export function localStatus(db: Db): Omit<ClassroomStatus, 'state' | 'lastError' | 'lastSyncAt'> {
  const config = readConfig(db);
  const counts = appliedCounts(db);
  return {
    joined: config !== null,
    server: config?.pgUrl ?? null,
    login: config?.login ?? null,
    queued: outboxSize(db),
    cursor: cursorOf(db),
    applied: counts.APPLIED,
    present: counts.PRESENT,
    refused: counts.REFUSED,
  };
}

/**
 * The exchange's side: its schema and, for an instructor (or the administrator's URL), every
 * post's connection, cursor, queue and backlog. `url` may carry its own credentials; otherwise
 * the joined login's sealed password is opened with `passphrase`.
 */
export async function exchangeStatus(
  db: Db,
  how: Readonly<{ url: string } | { passphrase: string }>,
): Promise<ExchangeStatus> {
  let config;
  let server: string;
  if ('url' in how) {
    const target = parsePgUrl(how.url);
    config = clientConfig(target, target.user ?? 'postgres', target.password ?? process.env.PGPASSWORD ?? null);
    server = how.url.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
  } else {
    const joined = readConfig(db);
    if (!joined) throw new Error('This database has not joined a classroom.');
    config = clientConfig(parsePgUrl(joined.pgUrl), joined.login, await openSecret(joined.sealed, how.passphrase));
    server = joined.pgUrl;
  }
  const client = await connect(config);
  try {
    const schema = await exchangeVersion(client);
    const { rows } = await client.query<{ instructor: boolean }>(
      "SELECT pg_has_role(current_user, 'cableroom_instructor', 'MEMBER') AS instructor",
    );
    if (schema < 2 || !rows[0]?.instructor) return { server, schema, posts: null };
    const posts = await client.query<{
      login: string;
      station: string;
      connected: boolean;
      cursor: string | null;
      queued: number | null;
      seen_at: Date | null;
      pending: string;
    }>('SELECT * FROM classroom.class_status()');
    return {
      server,
      schema,
      posts: posts.rows.map((p) => ({
        login: p.login,
        station: p.station,
        connected: p.connected,
        cursor: p.cursor === null ? null : Number(p.cursor),
        queued: p.queued,
        seenAt: p.seen_at?.toISOString() ?? null,
        pending: Number(p.pending),
      })),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
