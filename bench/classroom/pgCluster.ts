import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away PostgreSQL cluster for the classroom tests and the load test (issue 11): `initdb`
 * into a temporary folder (as the `postgres` user when the tests run as root, since PostgreSQL
 * refuses to run as root), `pg_ctl start` on 127.0.0.1 with a free port and the socket in the same
 * folder, and `pg_ctl stop` + removal at the end. No test framework here: `npm run classroom:load`
 * uses it too (tests/support/postgres.ts wraps it for Vitest).
 */
export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'throwaway-superuser';

/** The folder holding initdb and pg_ctl, or null. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.CABLEROOM_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

export type PgCluster = Readonly<{
  port: number;
  dir: string;
  /** A connection URL for `user` (the superuser by default) to database `db`. */
  url(db?: string, user?: string, password?: string): string;
  /** Creates a new, empty database and returns its name. */
  createDatabase(prefix?: string): string;
  /** pg_ctl restart -m fast: every connection is cut, the data stays. */
  restart(): void;
  stop(): void;
  /** CPU seconds used by the server so far: the postmaster, its live and its finished processes. */
  cpuSeconds(): number;
}>;

async function freePort(): Promise<number> {
  return await new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function runAsOwner(bin: string, args: ReadonlyArray<string>): string {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, [...args]];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let databases = 0;

/** Starts a new cluster; throws when the binaries are missing. */
export async function startCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found');
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`);
  if (process.getuid?.() === 0) {
    // The folder and the password file belong to the server's user.
    chownSync(dir, uidOf('postgres'), gidOf('postgres'));
    chownSync(pwfile, uidOf('postgres'), gidOf('postgres'));
  }
  chmodSync(dir, 0o700);
  runAsOwner(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    SUPERUSER,
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--locale',
    'C',
    '--no-sync',
  ]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const pgCtl = (...args: string[]): string =>
    runAsOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...args]);
  pgCtl('-o', serverOptions, 'start');
  const psql = (sql: string): string =>
    execFileSync(
      join(bin, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        SUPERUSER,
        '-d',
        'postgres',
        '-v',
        'ON_ERROR_STOP=1',
        '-qAt',
        '-c',
        sql,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, PGPASSWORD: SUPERUSER_PASSWORD },
      },
    );
  let stopped = false;
  return {
    port,
    dir,
    url: (db = 'postgres', user = SUPERUSER, password = SUPERUSER_PASSWORD) =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`,
    createDatabase(prefix = 'classroom') {
      const name = `${prefix}_${process.pid}_${++databases}`;
      psql(`CREATE DATABASE ${name}`);
      return name;
    },
    restart() {
      pgCtl('-o', serverOptions, '-m', 'fast', 'restart');
    },
    cpuSeconds() {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const ticks = 100; // USER_HZ on Linux
      const fields = (p: number): string[] | null => {
        try {
          const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        } catch {
          return null;
        }
      };
      // After the command name: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.
      const own = fields(pid);
      if (!own) return 0;
      let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
      for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const f = fields(Number(entry));
        if (f && Number(f[1]) === pid) total += Number(f[11]) + Number(f[12]);
      }
      return total / ticks;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgCtl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function idOf(flag: '-u' | '-g', name: string): number {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}
const uidOf = (name: string): number => idOf('-u', name);
const gidOf = (name: string): number => idOf('-g', name);
