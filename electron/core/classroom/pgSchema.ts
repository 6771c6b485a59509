import type { ClientBase } from 'pg';
import { CableroomError } from '../errors';
import { LATEST_PG_VERSION, PG_MIGRATIONS } from './pgMigrations';

/**
 * Runs the classroom's PostgreSQL migrations (issue 11 item 1), like the SQLite ones: numbered,
 * each in one transaction with its version row, under an advisory lock so two instructors'
 * `classroom init` do not run them twice; a database whose schema is newer than this build is
 * refused, unchanged.
 */
export async function migrateExchange(client: ClientBase): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(7011, 0)');
    await client.query('CREATE SCHEMA IF NOT EXISTS classroom');
    await client.query(
      `CREATE TABLE IF NOT EXISTS classroom.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM classroom.schema_migrations',
    );
    const from = rows[0]?.v ?? 0;
    if (from > LATEST_PG_VERSION) {
      throw new CableroomError(
        'INTEGRITY',
        `The classroom database has schema version ${from}, newer than this Cableroom knows (${LATEST_PG_VERSION}): update Cableroom.`,
      );
    }
    for (const m of PG_MIGRATIONS.filter((x) => x.version > from)) {
      await client.query(m.sql);
      await client.query('INSERT INTO classroom.schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    await client.query('ALTER TABLE classroom.schema_migrations OWNER TO cableroom_owner');
    await client.query('GRANT SELECT ON classroom.schema_migrations TO cableroom_member');
    await client.query('COMMIT');
    return { from, to: LATEST_PG_VERSION };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** The schema version of a classroom database (0: none). */
export async function exchangeVersion(client: ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>(
    `SELECT CASE WHEN to_regclass('classroom.schema_migrations') IS NULL THEN 0
                 ELSE (SELECT max(version) FROM classroom.schema_migrations) END AS v`,
  );
  return rows[0]?.v ?? 0;
}
