import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { APPLICATION_ID, openDatabase, schemaVersion } from '../../../electron/core/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations';
import { seededCore, tempDir } from '../../support/tempCore';

/** openDatabase on files it must not take over (issue 13 items 9 and 10). */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** Another application's SQLite file: tables and rows, user_version 0 (as most applications leave it). */
function foreignDb(path: string, journal: 'delete' | 'wal'): Buffer {
  const db = new Database(path);
  db.pragma(`journal_mode = ${journal}`);
  db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('shopping list')");
  db.close();
  return readFileSync(path);
}

describe('a file that is not a Cableroom database (item 9)', () => {
  test.each(['delete', 'wal'] as const)(
    "another application's SQLite file (journal %s, user_version 0) is refused and left byte-for-byte unchanged",
    (journal) => {
      const path = join(dir(), 'other.sqlite');
      const before = foreignDb(path, journal);
      expect(() => openDatabase(path)).toThrow(
        expect.objectContaining({ code: 'INTEGRITY', message: expect.stringMatching(/not a Cableroom database/) }),
      );
      expect(() => openDatabase(path, { mustExist: true })).toThrow(expect.objectContaining({ code: 'INTEGRITY' }));
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(existsSync(`${path}-wal`)).toBe(false);
      expect(existsSync(`${path}-shm`)).toBe(false);
      expect(existsSync(`${path}-journal`)).toBe(false);
    },
  );

  test('an empty file and a new path are initialised as Cableroom databases', () => {
    const d = dir();
    const empty = join(d, 'empty.sqlite');
    writeFileSync(empty, '');
    for (const path of [empty, join(d, 'new.sqlite')]) {
      const db = openDatabase(path);
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      db.close();
      // The application id is in the file itself, not only in a journal beside it.
      expect(readFileSync(path).readUInt32BE(68)).toBe(APPLICATION_ID);
    }
  });

  test('a Cableroom database whose header is still in its WAL (a crash before the checkpoint) opens', () => {
    const d = dir();
    const live = join(d, 'live.sqlite');
    // As earlier versions created databases: WAL first, the application id committed to the WAL only.
    const db = new Database(live);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.exec('CREATE TABLE x (y)');
    const crashed = join(d, 'crashed.sqlite');
    copyFileSync(live, crashed);
    copyFileSync(`${live}-wal`, `${crashed}-wal`);
    db.close();
    expect(readFileSync(crashed).readUInt32BE(68)).toBe(0);
    const reopened = openDatabase(crashed);
    expect(reopened.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    reopened.close();
  });
});

describe('damaged files and folders (item 10)', () => {
  test('a truncated database is refused: "database is damaged"', () => {
    const core = seededCore();
    const path = core.dbPath;
    core.close();
    truncateSync(path, Math.floor(statSync(path).size / 2));
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({
        code: 'INTEGRITY',
        message: expect.stringMatching(/^database is damaged: .*truncated/),
      }),
    );
  });

  test('a database whose schema page is garbage is refused: "database is damaged"', () => {
    const core = seededCore();
    const path = core.dbPath;
    core.close();
    const bytes = readFileSync(path);
    // Keep the 100-byte file header, overwrite the rest of page 1 (the schema table).
    for (let i = 100; i < 4096; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(path, bytes);
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'INTEGRITY', message: expect.stringMatching(/^database is damaged: /) }),
    );
  });

  test('a missing folder is named as such, and nothing is created', () => {
    const d = dir();
    const path = join(d, 'nowhere', 'db.sqlite');
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/does not exist/) }),
    );
    expect(existsSync(join(d, 'nowhere'))).toBe(false);
  });

  test('an unwritable folder is named as such', () => {
    // root writes anywhere a mode bit allows nothing; /proc/self is a folder nobody can create files in.
    let folder = '/proc/self';
    if (process.getuid?.() !== 0) {
      folder = dir();
      chmodSync(folder, 0o555);
      cleanups.push(() => chmodSync(folder, 0o755));
    }
    expect(() => openDatabase(join(folder, 'db.sqlite'))).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/not writable/) }),
    );
  });
});
