import type Database from 'better-sqlite3';

export type Migration = Readonly<{
  version: number;
  name: string;
  up: (db: Database.Database) => void;
  /**
   * The migration rebuilds a table other tables point at (SQLite's 12-step ALTER procedure,
   * sqlite.org/lang_altertable.html): it runs with foreign keys off — with them on, DROP TABLE
   * would cascade its implicit DELETE into every child table — and `foreign_key_check` must find
   * nothing before it commits.
   */
  rebuildsTables?: boolean;
}>;
