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
  } else if (statement.reader) {
    // `.pluck()` sets a mode on the shared statement: a caller that plucks must not change what
    // the next caller of the same SQL gets, so every caller starts from rows.
    statement.pluck(false);
  }
  return statement;
}
