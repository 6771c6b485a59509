/** A numbered migration of the classroom's PostgreSQL schema, run in one transaction. */
export type PgMigration = Readonly<{ version: number; name: string; sql: string }>;
