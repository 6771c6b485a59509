import { LATEST_PG_VERSION } from '../../electron/core/classroom/pgMigrations';
import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { Client } from 'pg';
import { migrateExchange } from '../../electron/core/classroom/pgSchema';
import { seededCoreFixture } from '../support/tempCore';
import { describePostgres, type PgCluster } from '../support/postgres';
import { connectAs, newClassroom } from './support';

/**
 * The exchange's schema and roles against a real PostgreSQL (issue 11 item 1): RLS keeps each
 * login to its own grants and to cables its label dominates (DOMAIN.md rule 18), even with
 * hand-written SQL; tables cannot be written directly; post_cable() is idempotent on the hash
 * and numbers grants in commit order.
 */
const core = seededCoreFixture();

const hashOf = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

async function post(
  c: Client,
  document: string,
  grants: Array<{ login: string; role: string }>,
  rank = 1,
  categories: string[] = [],
): Promise<{ created: boolean; granted: number }> {
  const { rows } = await c.query<{ created: boolean; granted: number }>(
    'SELECT * FROM classroom.post_cable($1, $2, $3, $4, $5, $6)',
    [hashOf(document), `TEST ${document.length}`, rank, categories, document, JSON.stringify(grants)],
  );
  return rows[0]!;
}

async function superuser(pg: PgCluster, db: string): Promise<Client> {
  const c = new Client({ connectionString: pg.url(db) });
  await c.connect();
  return c;
}

describePostgres('the classroom exchange in PostgreSQL (issue 11 item 1)', (pg) => {
  test('a login reads only its own grants and only cables its clearance dominates, whatever SQL it writes', async () => {
    const db = await newClassroom(pg(), core());
    const usro = await connectAs(pg(), db, 'duty-usro');
    const trainee = await connectAs(pg(), db, 'trainee');
    const bohlen = await connectAs(pg(), db, 'bohlen');
    const admin = await superuser(pg(), db);
    try {
      // CONFIDENTIAL (rank 1) to the trainee and Bohlen; SECRET (rank 2) to Bohlen only.
      expect(
        await post(usro, '{"c":1}', [
          { login: 'trainee', role: 'INFO' },
          { login: 'bohlen', role: 'ACTION' },
        ]),
      ).toEqual({ created: true, granted: 2 });
      // The floor: a SECRET cable granted to the CONFIDENTIAL trainee is not granted.
      expect(
        await post(
          usro,
          '{"s":1}',
          [
            { login: 'trainee', role: 'ACTION' },
            { login: 'bohlen', role: 'ACTION' },
          ],
          2,
        ),
      ).toEqual({ created: true, granted: 1 });
      // Even a grant written behind the functions' back (by the superuser) does not open it.
      await admin.query(
        "INSERT INTO classroom.grants (seq, cable_hash, login, role) VALUES (nextval('classroom.grant_seq'), $1, 'trainee', 'INFO')",
        [hashOf('{"s":1}')],
      );
      const traineeGrants = await trainee.query('SELECT cable_hash FROM classroom.grants');
      expect(traineeGrants.rows).toEqual([{ cable_hash: hashOf('{"c":1}') }]);
      const traineeCables = await trainee.query('SELECT document FROM classroom.cables');
      expect(traineeCables.rows).toEqual([{ document: '{"c":1}' }]);
      // Hand-written attempts: by hash, by joins, by counting.
      expect(
        (await trainee.query('SELECT * FROM classroom.cables WHERE hash = $1', [hashOf('{"s":1}')])).rowCount,
      ).toBe(0);
      expect((await trainee.query("SELECT * FROM classroom.grants WHERE login = 'bohlen'")).rowCount).toBe(0);
      expect(
        (
          await trainee.query(
            'SELECT count(*)::int AS n FROM classroom.grants g JOIN classroom.cables c ON c.hash = g.cable_hash',
          )
        ).rows[0],
      ).toEqual({ n: 1 });
      // Bohlen sees both of his, and nobody else's.
      expect(
        (await bohlen.query('SELECT document FROM classroom.cables ORDER BY document')).rows.map((r) => r.document),
      ).toEqual(['{"c":1}', '{"s":1}']);
      expect((await bohlen.query('SELECT DISTINCT login FROM classroom.grants')).rows).toEqual([{ login: 'bohlen' }]);
      // The sender is not a recipient: it reads none of them back.
      expect((await usro.query('SELECT count(*)::int AS n FROM classroom.cables')).rows[0]).toEqual({ n: 0 });
      // Events: a trainee sees only its own; the instructor every post's.
      await trainee.query("SELECT classroom.post_event('k1', 'ACK', NULL, NULL, '{}')");
      await bohlen.query("SELECT classroom.post_event('k1', 'OPEN', NULL, NULL, '{}')");
      expect((await trainee.query('SELECT kind FROM classroom.events')).rows).toEqual([{ kind: 'ACK' }]);
      const instructor = await connectAs(pg(), db, 'instructor');
      expect((await instructor.query('SELECT kind FROM classroom.events ORDER BY seq')).rows).toEqual([
        { kind: 'ACK' },
        { kind: 'OPEN' },
      ]);
      await instructor.end();
    } finally {
      await Promise.all([usro.end(), trainee.end(), bohlen.end(), admin.end()]);
    }
  });

  test('no member writes a table directly; only the functions write, as the caller', async () => {
    const db = await newClassroom(pg(), core());
    const trainee = await connectAs(pg(), db, 'trainee');
    try {
      const attempts = [
        [
          "INSERT INTO classroom.cables (hash, ref, class_rank, document, posted_by) VALUES (repeat('a', 64), 'X', 0, '{}', 'trainee')",
        ],
        ["INSERT INTO classroom.grants (seq, cable_hash, login, role) VALUES (1, repeat('a', 64), 'trainee', 'INFO')"],
        ["UPDATE classroom.members SET clearance_rank = 5 WHERE login = 'trainee'"],
        ['DELETE FROM classroom.events'],
        ["INSERT INTO classroom.events (seq, login, key, kind) VALUES (1, 'rusk', 'x', 'ACK')"],
        ["SELECT setval('classroom.grant_seq', 1000)"],
      ];
      for (const [sql] of attempts) {
        await expect(trainee.query(sql!), sql).rejects.toThrow(/permission denied/);
      }
      // A forged hash is refused by post_cable.
      await expect(
        trainee.query('SELECT * FROM classroom.post_cable($1, $2, 0, $3, $4, $5)', [
          '0'.repeat(64),
          'X',
          [],
          '{}',
          '[]',
        ]),
      ).rejects.toThrow(/content hash/);
      // A non-member login (a role outside the class) cannot even call them.
      const admin = await superuser(pg(), db);
      await admin.query(
        "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outsider') THEN CREATE ROLE outsider LOGIN PASSWORD 'pw-outsider'; END IF; END $$",
      );
      const outsider = new Client({ connectionString: pg().url(db, 'outsider', 'pw-outsider') });
      await outsider.connect();
      await expect(outsider.query("SELECT classroom.post_event('k', 'ACK', NULL, NULL, '{}')")).rejects.toThrow(
        /permission denied/,
      );
      await expect(outsider.query('SELECT * FROM classroom.members')).rejects.toThrow(/permission denied/);
      await Promise.all([outsider.end(), admin.end()]);
    } finally {
      await trainee.end();
    }
  });

  test('post_cable and post_event are idempotent: a retried post adds nothing', async () => {
    const db = await newClassroom(pg(), core());
    const usro = await connectAs(pg(), db, 'duty-usro');
    const bohlen = await connectAs(pg(), db, 'bohlen');
    try {
      const grants = [
        { login: 'bohlen', role: 'ACTION' },
        { login: 'rusk', role: 'INFO' },
      ];
      expect(await post(usro, '{"once":1}', grants)).toEqual({ created: true, granted: 2 });
      expect(await post(usro, '{"once":1}', grants)).toEqual({ created: false, granted: 0 });
      // A later post of the same cable may add a recipient, never a second grant to the same one.
      expect(await post(usro, '{"once":1}', [...grants, { login: 'hare', role: 'INFO' }])).toEqual({
        created: false,
        granted: 1,
      });
      expect((await bohlen.query('SELECT count(*)::int AS n FROM classroom.grants')).rows[0]).toEqual({ n: 1 });
      const first = await bohlen.query("SELECT classroom.post_event('same-key', 'ACK', NULL, NULL, '{}') AS seq");
      const second = await bohlen.query("SELECT classroom.post_event('same-key', 'ACK', NULL, NULL, '{}') AS seq");
      expect(second.rows[0].seq).toBe(first.rows[0].seq);
      expect((await bohlen.query('SELECT count(*)::int AS n FROM classroom.events')).rows[0]).toEqual({ n: 1 });
    } finally {
      await Promise.all([usro.end(), bohlen.end()]);
    }
  });

  test('a post wakes only its recipients: one notification channel per login, saying nothing', async () => {
    const db = await newClassroom(pg(), core());
    const usro = await connectAs(pg(), db, 'duty-usro');
    const paris = await connectAs(pg(), db, 'bohlen');
    const trainee = await connectAs(pg(), db, 'trainee');
    try {
      const heard = { bohlen: [] as string[], trainee: [] as string[] };
      paris.on('notification', (n) => heard.bohlen.push(`${n.channel}|${n.payload ?? ''}`));
      trainee.on('notification', (n) => heard.trainee.push(`${n.channel}|${n.payload ?? ''}`));
      await paris.query('LISTEN "cableroom_bohlen"');
      await trainee.query('LISTEN "cableroom_trainee"');
      const arrived = new Promise<void>((resolveArrived) => paris.once('notification', () => resolveArrived()));
      await post(usro, '{"wake":1}', [{ login: 'bohlen', role: 'ACTION' }]);
      await arrived;
      // A round trip on the trainee's connection delivers anything sent to it before: nothing was.
      await trainee.query('SELECT 1');
      expect(heard).toEqual({ bohlen: ['cableroom_bohlen|'], trainee: [] });
      const { rows } = await usro.query<{ c: string }>("SELECT classroom.feed_channel('duty-usro') AS c");
      expect(rows[0]!.c).toBe('cableroom_duty-usro');
    } finally {
      await Promise.all([usro.end(), paris.end(), trainee.end()]);
    }
  });

  test('grant numbers follow commit order: a reader paging by seq > cursor never skips one', async () => {
    const db = await newClassroom(pg(), core());
    const writers = await Promise.all(['duty-usro', 'finletter', 'rusk', 'hare'].map((l) => connectAs(pg(), db, l)));
    const reader = await connectAs(pg(), db, 'bohlen');
    const PER_WRITER = 25;
    const seen: number[] = [];
    let cursor = 0;
    let done = false;
    const read = async (): Promise<void> => {
      const { rows } = await reader.query<{ seq: string }>(
        'SELECT seq FROM classroom.grants WHERE seq > $1 ORDER BY seq',
        [cursor],
      );
      for (const r of rows) seen.push(Number(r.seq));
      if (rows.length) cursor = Number(rows[rows.length - 1]!.seq);
    };
    try {
      const writing = Promise.all(
        writers.map(async (w, i) => {
          for (let n = 0; n < PER_WRITER; n++) {
            await w.query('BEGIN');
            await w.query('SELECT * FROM classroom.post_cable($1, $2, 1, $3, $4, $5)', [
              hashOf(`{"w":${i},"n":${n}}`),
              'T',
              [],
              `{"w":${i},"n":${n}}`,
              JSON.stringify([{ login: 'bohlen', role: 'INFO' }]),
            ]);
            // Hold the transaction open a moment after taking a number, as a slow writer would.
            await w.query('SELECT pg_sleep(0.002)');
            await w.query('COMMIT');
          }
        }),
      ).then(() => {
        done = true;
      });
      while (!done) await read();
      await writing;
      await read();
      // Everything arrived once, in order, through the cursor alone.
      expect(seen).toHaveLength(writers.length * PER_WRITER);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      await Promise.all([...writers.map((w) => w.end()), reader.end()]);
    }
  });

  test('migrations are versioned: run again they change nothing; a newer schema is refused', async () => {
    const db = await newClassroom(pg(), core());
    const admin = await superuser(pg(), db);
    try {
      expect(await migrateExchange(admin)).toEqual({ from: LATEST_PG_VERSION, to: LATEST_PG_VERSION });
      await admin.query("INSERT INTO classroom.schema_migrations (version, name) VALUES (99, 'future')");
      await expect(migrateExchange(admin)).rejects.toThrow(/newer than this Cableroom knows/);
    } finally {
      await admin.end();
    }
  });
});
