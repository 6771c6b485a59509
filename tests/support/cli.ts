import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect } from 'vitest';
import { main } from '../../electron/cli/cableroom';
import { SEED_DIR, tempDir } from './tempCore';

export type CliRun = Readonly<{ code: number; out: string; err: string }>;

/** Runs the CLI in-process against real files, capturing its streams (the repo's seed). */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { CABLEROOM_SEED_DIR: SEED_DIR },
  });
  return { code, out, err };
}

/**
 * For a test file: temporary folders removed after each test, and a database made by
 * `init --demo` in one of them. `const { tempFolder, seededDb } = cliFixture();`
 */
export function cliFixture(): Readonly<{ tempFolder(): string; seededDb(): Promise<string> }> {
  let cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.reverse()) c();
    cleanups = [];
  });
  const tempFolder = (): string => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    return t.dir;
  };
  return {
    tempFolder,
    async seededDb() {
      const db = join(tempFolder(), 'cableroom.sqlite');
      const init = await runCli('init', '--demo', '--db', db, '--json');
      expect(init.code, init.err).toBe(0);
      return db;
    },
  };
}

/** Changes a signed paragraph of POLTO 506 in the file with plain SQL, as an attacker would. */
export function tamperPolto506(dbPath: string): void {
  const raw = new Database(dbPath);
  try {
    raw
      .prepare(
        "UPDATE paragraphs SET text = replace(text, 'this morning', 'this evening') WHERE cable_id = (SELECT id FROM cables WHERE ref = 'POLTO 506')",
      )
      .run();
  } finally {
    raw.close();
  }
}
