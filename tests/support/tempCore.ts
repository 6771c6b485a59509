import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { openCore, type Core } from '../../electron/core/app';
import { openDatabase, type Db } from '../../electron/core/store/database';

/** The repository's real seed (resources/seed). */
export const SEED_DIR = resolve(__dirname, '../../resources/seed');

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'cableroom-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A real SQLite file with the real seed loaded, in a temporary directory. A demo installation
 * (issue 13 item 8): every seed account, instructor included, signs in with SEED_PASSPHRASE.
 */
export function seededCore(): Core & { dir: string; dbPath: string; dispose(): void } {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'cableroom.sqlite');
  const core = openCore({ dbPath, seed: 'demo', seedDir: SEED_DIR });
  return {
    ...core,
    dir,
    dbPath,
    dispose() {
      core.close();
      cleanup();
    },
  };
}

export type SeededCore = ReturnType<typeof seededCore>;

/**
 * For a test file: returns a factory of seeded cores, each disposed after its test.
 * `const core = seededCoreFixture();` then `const c = core();` inside a test.
 */
export function seededCoreFixture(): () => SeededCore {
  const live: SeededCore[] = [];
  afterEach(() => {
    while (live.length > 0) live.pop()!.dispose();
  });
  return () => {
    const c = seededCore();
    live.push(c);
    return c;
  };
}

/** A migrated, empty database file in a temporary directory. */
export function emptyDb(): { db: Db; dbPath: string; dispose(): void } {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, 'cableroom.sqlite');
  const db = openDatabase(dbPath);
  return {
    db,
    dbPath,
    dispose() {
      db.close();
      cleanup();
    },
  };
}
