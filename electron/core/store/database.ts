import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { CableroomError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/** "CBRM": marks a SQLite file as Cableroom's (PRAGMA application_id). */
export const APPLICATION_ID = 0x4342524d;

/** How long a writer waits for another connection's lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5_000;
/** Page cache per connection (SQLite's default is 2 MiB): keeps index pages of a large archive hot. */
const CACHE_SIZE_KIB = 64 * 1024;
/** Reads through a memory map of the file, so the OS page cache serves them without copies. */
const MMAP_SIZE_BYTES = 256 * 1024 * 1024;

export type OpenDatabaseOptions = Readonly<{
  /** Path of a better-sqlite3 binding built for Electron's ABI (ARCHITECTURE.md traps). */
  nativeBinding?: string;
  /** Refuse to create a new file (CLI commands other than `init`). */
  mustExist?: boolean;
}>;

/**
 * Opens (or creates) a Cableroom database: WAL, foreign keys, busy timeout, then runs pending
 * migrations. A file that is not SQLite, belongs to another application, or was written by a
 * newer Cableroom is refused with INTEGRITY and a message that says which.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (options.mustExist && (!existsSync(path) || !statSync(path).isFile())) {
    throw new CableroomError(
      'NOT_FOUND',
      `No database at ${path}. Create one with: cableroom init --seed --db ${path}`,
    );
  }
  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new CableroomError('INTEGRITY', `Cannot open database ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const version = readVersion(db, path);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (version > 0 && appId !== APPLICATION_ID) {
      throw new CableroomError('INTEGRITY', `${path} is a SQLite database but not a Cableroom database.`);
    }
    if (version > LATEST_SCHEMA_VERSION) {
      throw new CableroomError(
        'INTEGRITY',
        `${path} was written by a newer Cableroom (schema version ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Cableroom to open it.`,
      );
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
    db.pragma(`mmap_size = ${MMAP_SIZE_BYTES}`);
    migrate(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function readVersion(db: Db, path: string): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    // SQLITE_NOTADB and friends surface on the first read, not on open.
    throw new CableroomError('INTEGRITY', `${path} is not a Cableroom database (${(e as Error).message}).`, {
      cause: e,
    });
  }
}

/**
 * Applies each pending migration in its own transaction together with its `user_version`
 * bump, so a failure leaves the database at the last complete version (STYLE.md §6).
 */
export function migrate(
  db: Db,
  target: number = LATEST_SCHEMA_VERSION,
  migrations: ReadonlyArray<Migration> = MIGRATIONS,
): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
