import Database from 'better-sqlite3';
import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { main, USAGE, type CliIo } from '../../electron/cli/cableroom';
import { COMMANDS } from '../../electron/cli/commands';
import { openCore } from '../../electron/core/app';
import { isDemoInstallation } from '../../electron/core/seed/installation';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { SEED_DIR, tempDir } from '../support/tempCore';

/** The CLI and the trust issue (issue 13 items 8-11 and the command table of item 13). */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

type Run = { code: number; out: string; err: string; prompts: string[] };

async function run(argv: string[], extra: Partial<CliIo> = {}): Promise<Run> {
  let out = '';
  let err = '';
  const prompts: string[] = [];
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { CABLEROOM_SEED_DIR: SEED_DIR, CABLEROOM_PASSPHRASE: SEED_PASSPHRASE },
    ...extra,
  });
  return { code, out, err, prompts };
}

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

async function demoDb(): Promise<string> {
  const db = join(dir(), 'cableroom.sqlite');
  expect((await run(['init', '--demo', '--db', db])).code).toBe(0);
  return db;
}

const OWN = 'slate grey mornings';

describe('init: a real installation asks for the instructor and admin passphrases (item 8)', () => {
  test('without a terminal or a --passphrases file, init --seed refuses (exit 2) and creates nothing', async () => {
    const db = join(dir(), 'x.sqlite');
    const r = await run(['init', '--seed', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--passphrases FILE/);
    expect(r.err).toMatch(/--demo/);
    expect(existsSync(db)).toBe(false);
  });

  test('--passphrases FILE gives the instructor its own passphrase; the published one no longer opens it', async () => {
    const d = dir();
    const file = join(d, 'passphrases.json');
    writeFileSync(file, JSON.stringify({ instructor: OWN }));
    const db = join(d, 'x.sqlite');
    const r = await run(['init', '--seed', '--passphrases', file, '--db', db]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Created .*12 users/);
    expect(r.out).not.toMatch(/demo/i);
    const core = openCore({ dbPath: db, mustExist: true });
    try {
      await expect(core.users.signIn('instructor', SEED_PASSPHRASE, 'test')).rejects.toThrow(/./);
      expect((await core.users.signIn('instructor', OWN, 'test')).role).toBe('instructor');
      expect(isDemoInstallation(core.db)).toBe(false);
    } finally {
      core.close();
    }
  });

  test('a short passphrase in the file is refused with exit 2 and the reason', async () => {
    const d = dir();
    const file = join(d, 'passphrases.json');
    writeFileSync(file, JSON.stringify({ instructor: 'short' }));
    const r = await run(['init', '--seed', '--passphrases', file, '--db', join(d, 'x.sqlite')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at least 10 characters/);
  });

  test('on a terminal it asks twice for each passphrase, without echo, on stderr', async () => {
    const db = join(dir(), 'x.sqlite');
    const asked: string[] = [];
    const r = await run(['init', '--seed', '--db', db], {
      promptSecret: async (question) => {
        asked.push(question);
        return OWN;
      },
    });
    expect(r.code).toBe(0);
    expect(asked).toHaveLength(2);
    expect(asked[0]).toMatch(/instructor/);
    expect(r.out + r.err).not.toContain(OWN);
    const core = openCore({ dbPath: db, mustExist: true });
    try {
      expect((await core.users.signIn('instructor', OWN, 'test')).login).toBe('instructor');
    } finally {
      core.close();
    }
    const mismatch = await run(['init', '--seed', '--db', join(dir(), 'y.sqlite')], {
      promptSecret: async (q) => (q.startsWith('Again') ? 'something else entirely' : OWN),
    });
    expect(mismatch.code).toBe(2);
    expect(mismatch.err).toMatch(/do not match/);
  });

  test('--demo keeps the published passphrase for everyone and says so', async () => {
    const db = join(dir(), 'x.sqlite');
    const r = await run(['init', '--demo', '--db', db, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ installation: 'demo', seeded: { users: 12 } });
    const text = await run(['init', '--demo', '--db', join(dir(), 'y.sqlite')]);
    expect(text.out).toMatch(/demo/i);
    const core = openCore({ dbPath: db, mustExist: true });
    try {
      expect((await core.users.signIn('instructor', SEED_PASSPHRASE, 'test')).role).toBe('instructor');
      expect(isDemoInstallation(core.db)).toBe(true);
    } finally {
      core.close();
    }
  });

  test('init --seed on a database that already holds the seed asks nothing', async () => {
    const db = await demoDb();
    const r = await run(['init', '--seed', '--db', db]);
    expect(r).toMatchObject({ code: 0, out: expect.stringContaining('is ready') });
  });
});

describe('files that are not Cableroom databases (items 9, 10)', () => {
  test("another application's SQLite file is refused with exit 5 and left byte-for-byte unchanged", async () => {
    const d = dir();
    const path = join(d, 'photos.sqlite');
    const other = new Database(path);
    other.exec("CREATE TABLE albums (name TEXT); INSERT INTO albums VALUES ('summer')");
    other.close();
    const before = readFileSync(path);
    for (const argv of [['init'], ['init', '--demo'], ['users']]) {
      const r = await run([...argv, '--db', path]);
      expect(r.code).toBe(5);
      expect(r.err).toMatch(/not a Cableroom database/);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  test('a truncated database: exit 5, "database is damaged: ..."', async () => {
    const db = await demoDb();
    truncateSync(db, Math.floor(statSync(db).size / 3));
    const r = await run(['inbox', '--as', 'finletter', '--db', db]);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/^cableroom: database is damaged: /);
  });

  test('a database with a corrupt table page (found only when read): exit 5, "database is damaged: ..."', async () => {
    const db = await demoDb();
    const probe = new Database(db, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const root = probe.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'users'").pluck().get() as number;
    probe.close();
    const bytes = readFileSync(db);
    for (let i = (root - 1) * pageSize; i < root * pageSize; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(db, bytes);
    const r = await run(['users', '--db', db]);
    expect(r.code).toBe(5);
    expect(r.err).toMatch(/^cableroom: database is damaged: /);
  });

  test('a missing or unwritable folder says so', async () => {
    const missing = await run(['init', '--db', join(dir(), 'no', 'such', 'x.sqlite')]);
    expect(missing.code).toBe(4);
    expect(missing.err).toMatch(/folder .* does not exist/);
    const unwritable = await run(['init', '--db', '/proc/self/x.sqlite']);
    expect(unwritable.code).not.toBe(0);
    expect(unwritable.err).toMatch(/not writable/);
  });

  test('import-frus of a missing file exits 4 and imports nothing', async () => {
    const db = await demoDb();
    const present = join(__dirname, '../fixtures/frus/frus1961-63v11/d100.xml');
    const r = await run(['import-frus', present, join(dir(), 'missing.xml'), '--db', db]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/missing\.xml/);
  });

  test('export --out into a missing folder fails before anything is signed', async () => {
    const db = await demoDb();
    const entries = () => {
      const raw = new Database(db, { readonly: true });
      try {
        return raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
      } finally {
        raw.close();
      }
    };
    const before = entries();
    const r = await run([
      'export',
      'POLTO 506',
      '--as',
      'finletter',
      '--out',
      join(dir(), 'no', 'b.cablebundle'),
      '--db',
      db,
    ]);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/does not exist/);
    expect(entries()).toBe(before);
  });
});

describe('no terminal control sequence reaches the terminal (item 11)', () => {
  const HOSTILE = 'CLEAR \u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eTERCES\u202c';

  async function hostileDb(): Promise<string> {
    const db = await demoDb();
    const raw = new Database(db);
    raw.prepare("UPDATE cables SET subject = ? WHERE ref = 'TOPOL 578'").run(HOSTILE);
    raw.close();
    return db;
  }

  /** A character that would steer or hide things on a terminal, written raw. */
  const rawControl = (text: string): boolean =>
    [...text].some((ch) => {
      const n = ch.codePointAt(0)!;
      return (
        (n < 0x20 && n !== 0x09 && n !== 0x0a) ||
        (n >= 0x7f && n <= 0x9f) ||
        (n >= 0x202a && n <= 0x202e) ||
        (n >= 0x2066 && n <= 0x2069)
      );
    });

  test('inbox text shows each control character as a visible token', async () => {
    const db = await hostileDb();
    const r = await run(['inbox', '--as', 'finletter', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/TOPOL 578/);
    expect(rawControl(r.out)).toBe(false);
    expect(r.out).toContain('⟦U+001B⟧[2J');
    expect(r.out).toContain('⟦U+202E⟧TERCES');
  });

  test('--json escapes them, so the data stays exact and the terminal sees none', async () => {
    const db = await hostileDb();
    const r = await run(['inbox', '--as', 'finletter', '--json', '--db', db]);
    expect(rawControl(r.out)).toBe(false);
    const rows = JSON.parse(r.out) as { ref: string; subject: string }[];
    expect(rows.find((x) => x.ref === 'TOPOL 578')!.subject).toBe(HOSTILE);
  });

  test('error messages that echo what was typed are shown the same way', async () => {
    const db = await demoDb();
    const r = await run(['show', 'TOPOL \u001b[31m578', '--as', 'finletter', '--db', db]);
    expect(r.code).toBe(4);
    expect(rawControl(r.err)).toBe(false);
    expect(r.err).toContain('⟦U+001B⟧');
  });
});

describe('the command table (item 13)', () => {
  test('help is generated from the table: every command, its arguments and options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toBe(USAGE);
    for (const c of COMMANDS) {
      expect(USAGE).toContain(`  ${c.name} `);
      for (const o of Object.keys(c.options)) expect(USAGE).toMatch(new RegExp(`--${o}\\b`));
    }
    expect(new Set(COMMANDS.map((c) => c.name)).size).toBe(COMMANDS.length);
  });

  test('COMMAND --help prints that command only', async () => {
    const r = await run(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: cableroom export REF\.\.\. --as LOGIN --out FILE/);
    expect(r.out).not.toMatch(/import-frus/);
  });

  test('an option the command does not take is a usage error', async () => {
    const db = await demoDb();
    const r = await run(['users', '--to', 'X', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/users does not take --to/);
  });

  test('a group without its subcommand names the subcommands', async () => {
    const db = await demoDb();
    const r = await run(['audit', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/audit needs a subcommand: verify or list/);
  });
});
