import { Client, type ClientConfig } from 'pg';
import { CableroomError } from '../errors';

/**
 * Connection settings from a `postgres://` URL, with the user and password given apart: the URL
 * that is stored or shown never carries a password (issue 11 item 3).
 */
export type PgTarget = Readonly<{ host: string; port: number; database: string; user: string | null; ssl: boolean }>;

export function parsePgUrl(text: string): PgTarget & Readonly<{ password: string | null }> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CableroomError('BAD_REQUEST', `"${redactUrl(text)}" is not a URL (postgres://HOST:PORT/DATABASE).`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new CableroomError('BAD_REQUEST', `The classroom URL must start with postgres:// (got ${url.protocol}//).`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname || !database)
    throw new CableroomError(
      'BAD_REQUEST',
      'The classroom URL needs a host and a database: postgres://HOST:PORT/DATABASE.',
    );
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 5432,
    database,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
    ssl: sslmode !== null && sslmode !== 'disable',
  };
}

/** The URL as stored and shown: postgres://LOGIN@HOST:PORT/DATABASE, no password. */
export function publicUrl(t: PgTarget, user: string | null = t.user): string {
  const host = t.host.includes(':') ? `[${t.host}]` : t.host;
  return `postgres://${user ? `${encodeURIComponent(user)}@` : ''}${host}:${t.port}/${encodeURIComponent(t.database)}${t.ssl ? '?sslmode=require' : ''}`;
}

/** Any URL with its password replaced by "***" (for messages and the audit trail). */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

export function clientConfig(t: PgTarget, user: string, password: string | null): ClientConfig {
  return {
    host: t.host,
    port: t.port,
    database: t.database,
    user,
    ...(password !== null ? { password } : {}),
    ...(t.ssl ? { ssl: true } : {}),
    connectionTimeoutMillis: 5_000,
    application_name: 'cableroom',
    // A dead server is noticed by the client, not only by the next query.
    keepAlive: true,
  };
}

/** Connects, or fails with a message that says why without the password. */
export async function connect(config: ClientConfig): Promise<Client> {
  const client = new Client(config);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new CableroomError(
      'INTERNAL',
      `Cannot reach the classroom at ${config.host}:${config.port}/${config.database} as ${config.user}: ${(e as Error).message}`,
    );
  }
  return client;
}
