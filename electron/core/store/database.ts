import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CableroomError, isCableroomError } from '../errors';
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

/** The first 16 bytes of every SQLite database file. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/** What the file at a path is, read from its header bytes without letting SQLite touch it. */
type FileKind =
  | Readonly<{ kind: 'new' }>
  | Readonly<{ kind: 'cableroom'; userVersion: number }>
  | Readonly<{ kind: 'foreign' }>
  | Readonly<{ kind: 'not-sqlite' }>
  | Readonly<{ kind: 'truncated'; size: number; expected: number }>;

function inspectFile(path: string): FileKind {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return { kind: 'new' };
  if (!stat.isFile()) throw new CableroomError('INTEGRITY', `${path} is not a file.`);
  // An empty file (e.g. made by `touch`) is a database with no pages yet: SQLite's own view too.
  if (stat.size === 0) return { kind: 'new' };
  const header = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || !header.subarray(0, 16).equals(SQLITE_MAGIC)) return { kind: 'not-sqlite' };
  const appId = header.readUInt32BE(68);
  const walMode = header[18] === 2 || header[19] === 2;
  const walBeside = walMode && (statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
  if (appId !== APPLICATION_ID && !(walBeside && walApplicationId(path) === APPLICATION_ID)) {
    return { kind: 'foreign' };
  }
  // The page count in the header is valid when its change counter matches (sqlite.org/fileformat2.html).
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const countValid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  // With a live WAL beside it another connection may be mid-checkpoint (page 1 written before the
  // pages after it): SQLite then judges the file itself, and damage shows when a page is read.
  if (walBeside) return { kind: 'cableroom', userVersion: header.readUInt32BE(60) };
  if (countValid && stat.size < pages * pageSize)
    return { kind: 'truncated', size: stat.size, expected: pages * pageSize };
  return { kind: 'cableroom', userVersion: header.readUInt32BE(60) };
}

/**
 * A database in WAL mode whose last commits are still in its -wal file (a crash before the
 * checkpoint): its header may be in the WAL only, so SQLite reads it, read-only.
 */
function walApplicationId(path: string): number | null {
  try {
    const peek = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return peek.pragma('application_id', { simple: true }) as number;
    } finally {
      peek.close();
    }
  } catch {
    return null;
  }
}

/** The folder a database lives in must exist and take new files (the database, its -wal and -shm). */
function checkFolder(path: string): void {
  const folder = dirname(resolve(path));
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat)
    throw new CableroomError(
      'NOT_FOUND',
      `The folder ${folder} does not exist: create it first, or choose another --db path.`,
    );
  if (!stat.isDirectory()) throw new CableroomError('NOT_FOUND', `${folder} is not a folder.`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CableroomError(
      'INTERNAL',
      `The folder ${folder} is not writable: Cableroom writes its database and journal files (-wal, -shm) there.`,
    );
  }
}

/** SQLite's ways of saying that the bytes of a file are not a consistent database. */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR_SHORT_READ)/;

/** True when `e` (or an error it wraps) says a database file is damaged. */
export function isDamagedDatabaseError(e: unknown): boolean {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 8; cur = cur.cause, depth++) {
    if (cur instanceof Database.SqliteError && DAMAGE_CODES.test(cur.code)) return true;
  }
  return false;
}

function damaged(what: string, cause?: unknown): CableroomError {
  return new CableroomError('INTEGRITY', `database is damaged: ${what}`, cause ? { cause } : undefined);
}

/**
 * Opens (or creates) a Cableroom database: WAL, foreign keys, busy timeout, then runs pending
 * migrations. Only a new path or an empty file is initialised: a file that is not SQLite, belongs
 * to another application, or was written by a newer Cableroom is refused with INTEGRITY and a
 * message that says which, and stays byte-for-byte as it was (its header is read with plain file
 * reads, before SQLite opens it for writing). A truncated or corrupt file is "database is damaged".
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Db {
  if (options.mustExist && (!existsSync(path) || !statSync(path).isFile())) {
    throw new CableroomError(
      'NOT_FOUND',
      `No database at ${path}. Create one with: cableroom init --seed --db ${path}`,
    );
  }
  const file = inspectFile(path);
  switch (file.kind) {
    case 'not-sqlite':
      throw new CableroomError(
        'INTEGRITY',
        `${path} is not a Cableroom database (not a SQLite file); it was left unchanged.`,
      );
    case 'foreign':
      throw new CableroomError(
        'INTEGRITY',
        `${path} is a SQLite database but not a Cableroom database; it was left unchanged.`,
      );
    case 'truncated':
      throw damaged(`${path} is truncated (${file.size} of ${file.expected} bytes).`);
    case 'cableroom':
      if (file.userVersion > LATEST_SCHEMA_VERSION) throw newerVersion(path, file.userVersion);
      break;
    case 'new':
      break;
  }
  checkFolder(path);
  let db: Db;
  try {
    db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw new CableroomError('INTEGRITY', `Cannot open database ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    const version = readVersion(db, path);
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (file.kind === 'new') {
      // Stamped before the switch to WAL, so the file's own header says whose it is from the start.
      if (appId !== APPLICATION_ID) db.pragma(`application_id = ${APPLICATION_ID}`);
    } else if (appId !== APPLICATION_ID) {
      throw new CableroomError('INTEGRITY', `${path} is a SQLite database but not a Cableroom database.`);
    }
    if (version > LATEST_SCHEMA_VERSION) throw newerVersion(path, version);
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
    if (isDamagedDatabaseError(e) && !isCableroomError(e)) throw damaged(`${path}: ${(e as Error).message}.`, e);
    throw e;
  }
}

function newerVersion(path: string, version: number): CableroomError {
  return new CableroomError(
    'INTEGRITY',
    `${path} was written by a newer Cableroom (schema version ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). Update Cableroom to open it.`,
  );
}

function readVersion(db: Db, path: string): number {
  try {
    // Reading the schema table parses page 1: a damaged file shows here, not on open.
    db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
    return db.pragma('user_version', { simple: true }) as number;
  } catch (e) {
    throw damaged(`${path}: ${(e as Error).message}.`, e);
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
    if (m.rebuildsTables) {
      rebuildingTables(db, m);
      continue;
    }
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

/**
 * A migration that rebuilds tables (SQLite's 12-step procedure): foreign keys off outside the
 * transaction (the pragma is a no-op inside one), the rebuild, `foreign_key_check` before the
 * commit, and foreign keys back as they were whatever happened.
 */
function rebuildingTables(db: Db, m: Migration): void {
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      m.up(db);
      const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
      if (broken.length > 0) {
        const first = broken[0]!;
        throw new CableroomError(
          'INTEGRITY',
          `Migration ${m.version} (${m.name}) would break ${broken.length} foreign key(s), e.g. ${first.table} row ${first.rowid} → ${first.parent}; nothing was changed.`,
        );
      }
      db.pragma(`user_version = ${m.version}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
