import { LATEST_PG_VERSION } from '../../electron/core/classroom/pgMigrations';
import Database from 'better-sqlite3';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../electron/cli/cableroom';
import { createClassroomClient } from '../../electron/core/classroom/client';
import { openCore } from '../../electron/core/app';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { cliFixture } from '../support/cli';
import { describePostgres } from '../support/postgres';
import { SEED_DIR } from '../support/tempCore';

/**
 * `cableroom classroom init | join | status` (issue 11 item 3) against real files and a real
 * PostgreSQL: the instructor sets the class up, a trainee machine joins with its password
 * prompted or from the environment and kept only sealed, and status shows every post.
 */
const { seededDb } = cliFixture();

async function run(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { CABLEROOM_SEED_DIR: SEED_DIR, ...env },
  });
  return { code, out, err };
}

/** Every byte of a database's files (the main file, its WAL), to look for a secret in them. */
function filesOf(db: string): Buffer {
  const dir = dirname(db);
  return Buffer.concat(readdirSync(dir).map((f) => readFileSync(join(dir, f))));
}

describePostgres('cableroom classroom (issue 11 item 3)', (pg) => {
  test(
    'init, join, status: passwords handed out once, kept sealed, every post in the status',
    { timeout: 60_000 },
    async () => {
      const instructorDb = await seededDb();
      const parisDb = await seededDb();
      const database = pg().createDatabase();
      const passwordsFile = join(dirname(instructorDb), 'passwords.json');

      // A trainee cannot set a classroom up.
      const refused = await run(
        {},
        'classroom',
        'init',
        '--pg',
        pg().url(database),
        '--as',
        'trainee',
        '--db',
        instructorDb,
      );
      expect(refused.code).toBe(3);

      const init = await run(
        {},
        'classroom',
        'init',
        '--pg',
        pg().url(database),
        '--as',
        'instructor',
        '--out',
        passwordsFile,
        '--json',
        '--db',
        instructorDb,
      );
      expect(init.code, init.err).toBe(0);
      expect(JSON.parse(init.out)).toMatchObject({
        schema: { from: 0, to: LATEST_PG_VERSION },
        members: 12,
        passwordsIn: passwordsFile,
      });
      expect(init.out).not.toContain('throwaway-superuser');
      expect(statSync(passwordsFile).mode & 0o777).toBe(0o600);
      const passwords = JSON.parse(readFileSync(passwordsFile, 'utf8')) as Record<string, string>;
      expect(Object.keys(passwords)).toHaveLength(12);
      // Run again, nobody's password changes.
      const again = await run(
        {},
        'classroom',
        'init',
        '--pg',
        pg().url(database),
        '--as',
        'instructor',
        '--db',
        instructorDb,
      );
      expect(again.out).toContain('Every login existed already and keeps its password.');

      const url = `postgres://127.0.0.1:${pg().port}/${database}`;
      // A wrong password stores nothing and says why, without the password.
      const wrong = await run(
        { CABLEROOM_PASSPHRASE: SEED_PASSPHRASE, CABLEROOM_PG_PASSWORD: 'not-the-password' },
        'classroom',
        'join',
        '--pg',
        url,
        '--as',
        'bohlen',
        '--db',
        parisDb,
      );
      expect(wrong.code).toBe(1);
      expect(wrong.err).toMatch(/password authentication failed/);
      expect(wrong.err).not.toContain('not-the-password');

      // The password asked for at the terminal when it is not in the environment.
      let asked = '';
      let out = '';
      const code = await main(['classroom', 'join', '--pg', url, '--as', 'bohlen', '--db', parisDb], {
        stdout: (t) => (out += t),
        stderr: (t) => (out += t),
        env: { CABLEROOM_SEED_DIR: SEED_DIR, CABLEROOM_PASSPHRASE: SEED_PASSPHRASE },
        promptSecret: async (question) => {
          asked = question;
          return passwords.bohlen!;
        },
      });
      expect(code, out).toBe(0);
      expect(asked).toBe('Classroom password for bohlen: ');
      expect(out).toContain(`Joined postgres://bohlen@127.0.0.1:${pg().port}/${database} as bohlen (AMEMBASSY PARIS).`);
      // Never in plain text: not in the database's files.
      expect(filesOf(parisDb).includes(Buffer.from(passwords.bohlen!))).toBe(false);

      const instructorJoin = await run(
        { CABLEROOM_PASSPHRASE: SEED_PASSPHRASE, CABLEROOM_PG_PASSWORD: passwords.instructor! },
        'classroom',
        'join',
        '--pg',
        url,
        '--as',
        'instructor',
        '--db',
        instructorDb,
      );
      expect(instructorJoin.code, instructorJoin.err).toBe(0);

      // Paris runs its client (the app would); the instructor asks how the class stands.
      const paris = openCore({ dbPath: parisDb, mustExist: true });
      const client = createClassroomClient(paris.db, paris.audit, { pollMs: 60_000 });
      const online = new Promise<void>((resolveOnline) =>
        client.onStatus((s) => {
          if (s.state === 'online' && s.lastSyncAt) resolveOnline();
        }),
      );
      await client.startWithPassphrase(SEED_PASSPHRASE);
      await online;
      try {
        const status = await run(
          { CABLEROOM_PASSPHRASE: SEED_PASSPHRASE },
          'classroom',
          'status',
          '--json',
          '--db',
          instructorDb,
        );
        expect(status.code, status.err).toBe(0);
        const parsed = JSON.parse(status.out) as {
          local: { joined: boolean; login: string };
          exchange: {
            schema: number;
            posts: Array<{ login: string; connected: boolean; cursor: number | null; queued: number | null }>;
          };
        };
        expect(parsed.local).toMatchObject({ joined: true, login: 'instructor', queued: 0 });
        expect(parsed.exchange.schema).toBe(LATEST_PG_VERSION);
        expect(parsed.exchange.posts.find((p) => p.login === 'bohlen')).toMatchObject({
          connected: true,
          cursor: 0,
          queued: 0,
        });
        expect(parsed.exchange.posts.find((p) => p.login === 'kohler')).toMatchObject({
          connected: false,
          cursor: null,
        });
        // A trainee's machine sees its own side only.
        const own = await run({ CABLEROOM_PASSPHRASE: SEED_PASSPHRASE }, 'classroom', 'status', '--db', parisDb);
        expect(own.code, own.err).toBe(0);
        expect(own.out).toContain('Joined postgres://bohlen@');
        expect(own.out).toContain("Every post's state is shown to instructors only.");
      } finally {
        await client.stop();
        paris.close();
      }
      // Init and join are audited.
      for (const [db, what] of [
        [parisDb, 'classroom join'],
        [instructorDb, 'classroom init'],
      ] as const) {
        const sqlite = new Database(db, { readonly: true });
        const entries = sqlite
          .prepare("SELECT actor_login FROM audit_log WHERE action = 'INSTALL' AND json_extract(detail, '$.what') = ?")
          .pluck()
          .all(what);
        sqlite.close();
        expect(entries.length, `${what} in ${db}`).toBeGreaterThan(0);
      }
    },
  );
});
