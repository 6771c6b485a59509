import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import type { Core } from '../../electron/core/app';
import type { Draft } from '../../electron/domain/draft';
import {
  createClassroomClient,
  type AppliedNotice,
  type ClassroomClient,
  type ClassroomClientOptions,
} from '../../electron/core/classroom/client';
import { initClassroom, joinClassroom } from '../../electron/core/classroom/setup';
import type { PgCluster } from '../support/postgres';
import type { SeededCore } from '../support/tempCore';

/** The example POLTO reply (docs/examples): SECRET, EYES ONLY Rusk, USRO to the Department. */
export const POLTO_REPLY = JSON.parse(
  readFileSync(resolve(__dirname, '../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

/** The same reply without Eyes Only, to the Department for action (FLASH) and Paris for information. */
export const OPEN_REPLY: Draft = {
  ...POLTO_REPLY,
  // No reference: TOPOL 578 is EYES ONLY, and a reply must carry its label (DOMAIN.md rule 19).
  references: [],
  captions: [],
  eyesOnly: [],
  addressees: [
    { plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'FLASH', niact: false, for: [] },
    { plad: 'AMEMBASSY PARIS', role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] },
  ],
};

/** Every seed account's classroom password in the tests: "pw-" + login. */
export const passwordOf = (login: string): string => `pw-${login}`;
export const SEED_LOGINS = [
  'rusk',
  'ball',
  'ujohnson',
  'finletter',
  'bohlen',
  'hare',
  'kohler',
  'duty-usro',
  'trainee',
  'liaison',
  'instructor',
  'ss-officer',
];
export const TEST_PASSWORDS = Object.fromEntries(SEED_LOGINS.map((l) => [l, passwordOf(l)]));

/** A new classroom database set up by the instructor of `core`; returns its name. */
export async function newClassroom(pg: PgCluster, core: Core): Promise<string> {
  const name = pg.createDatabase();
  await initClassroom(core.db, core.audit, core.users.byLogin('instructor'), pg.url(name), {
    passwords: TEST_PASSWORDS,
  });
  return name;
}

/** A connection as a member's login. */
export async function connectAs(pg: PgCluster, database: string, login: string): Promise<Client> {
  const c = new Client({ connectionString: pg.url(database, login, passwordOf(login)) });
  await c.connect();
  return c;
}

/** Releases `draft` at USRO through the real drafting desk (drafter duty-usro, Finletter clears and approves). */
export async function release(core: Core, draft: Draft = OPEN_REPLY): Promise<string> {
  const duty = core.users.byLogin('duty-usro');
  const finletter = core.users.byLogin('finletter');
  const created = core.drafts.create(duty, {});
  let d = core.drafts.save(duty, created.id, created.revision, draft);
  d = await core.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
  d = await core.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await core.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  return d.releasedRef!;
}

/** One machine of the class: its own SQLite file, joined to the classroom as `login`, its client running. */
export type Machine = Readonly<{
  core: SeededCore;
  login: string;
  client: ClassroomClient;
  notices: AppliedNotice[];
  /** Resolves once `check()` holds, re-checking on each applied cable and status change. */
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
}>;

export async function joinMachine(
  pg: PgCluster,
  database: string,
  core: SeededCore,
  login: string,
  options: ClassroomClientOptions = {},
): Promise<Machine> {
  await joinClassroom(core.db, core.audit, core.users, {
    url: pg.url(database, login, ''),
    login,
    pgPassword: passwordOf(login),
    passphrase: SEED_PASSPHRASE,
  });
  const waiters = new Set<() => void>();
  const notices: AppliedNotice[] = [];
  const wake = (): void => {
    for (const w of [...waiters]) w();
  };
  const client = createClassroomClient(core.db, core.audit, {
    pollMs: 60_000,
    reconnectMs: 50,
    maxReconnectMs: 500,
    ...options,
    onApplied: (n) => {
      notices.push(n);
      options.onApplied?.(n);
      wake();
    },
  });
  client.onStatus(wake);
  await client.startWithPassphrase(SEED_PASSPHRASE);
  const until = (what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> =>
    new Promise((resolveWait, reject) => {
      if (check()) return resolveWait();
      const timer = setTimeout(() => {
        waiters.delete(test);
        reject(new Error(`${login}: timed out waiting for ${what} (${JSON.stringify(client.status())})`));
      }, timeoutMs);
      const test = (): void => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(test);
        resolveWait();
      };
      waiters.add(test);
    });
  return { core, login, client, notices, until };
}
