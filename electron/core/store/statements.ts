import type Database from 'better-sqlite3';
import type { Db } from './database';

/**
 * Prepared statements, compiled once per connection and SQL text. Compiling is a large share of
 * the cost of a small query (the bulk-insert path runs some twenty statements per cable), so the
 * hot paths of the store use this instead of `db.prepare` on every call.
 */
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function prepared(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
