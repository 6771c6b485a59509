import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cableInputSchema } from '../../electron/core/cables/cableInput';
import { insertCable } from '../../electron/core/store/cableWriter';
import { Client } from 'pg';
import { afterEach, expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { grantsFor } from '../../electron/core/classroom/document';
import { cursorOf, outboxSize } from '../../electron/core/classroom/localStore';
import { localMembers } from '../../electron/core/classroom/members';
import { describePostgres } from '../support/postgres';
import { seededCoreFixture, type SeededCore } from '../support/tempCore';
import { connectAs, joinMachine, newClassroom, OPEN_REPLY, release, type Machine } from './support';

/**
 * The classroom client between machines (issue 11 item 2): each machine is its own SQLite file
 * with its own client; the exchange is a real PostgreSQL. Delivered at least once, applied
 * exactly once; verified before applied; a bad cable refused by every client.
 */
const core = seededCoreFixture();
let running: Machine[] = [];
afterEach(async () => {
  await Promise.all(running.map((m) => m.client.stop()));
  running = [];
});

async function machine(...args: Parameters<typeof joinMachine>): Promise<Machine> {
  const m = await joinMachine(...args);
  running.push(m);
  return m;
}

const count = (c: SeededCore, sql: string, ...params: unknown[]): number =>
  c.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/** Every released (signed) cable of a database, by ref, with the hash of its signed chain. */
function signedCables(c: SeededCore): Map<string, string> {
  const rows = c.db
    .prepare(
      `SELECT c.ref, group_concat(hex(s.signature), '') AS sigs FROM cables c JOIN cable_signatures s ON s.cable_id = c.id
        GROUP BY c.id ORDER BY c.ref`,
    )
    .all() as { ref: string; sigs: string }[];
  return new Map(rows.map((r) => [r.ref, createHash('sha256').update(r.sigs).digest('hex')]));
}

describePostgres('the classroom client between machines (issue 11 item 2)', (pg) => {
  test('the same access decision as locally picks the recipients (DOMAIN.md rules 18, 20)', () => {
    const c = core();
    const members = localMembers(c.db);
    const noforn = c.cables.idByRef('TOPOL 591'); // SECRET NOFORN, to USRO
    const logins = grantsFor(c.db, noforn, members, 'rusk').map((g) => `${g.login}:${g.role}`);
    expect(logins.sort()).toEqual(['duty-usro:ACTION', 'finletter:ACTION']);
    // The trainee (CONFIDENTIAL) and the liaison officer (a foreign national, NOFORN) get nothing.
    const open = c.cables.idByRef('TOPOL 590'); // CONFIDENTIAL, USRO and Paris
    expect(
      grantsFor(c.db, open, members, 'rusk')
        .map((g) => g.login)
        .sort(),
    ).toEqual(['bohlen', 'duty-usro', 'finletter', 'liaison', 'trainee']);
  });

  test('the communications office is granted a cable it may only pass sealed, as locally (rules 14, 17)', () => {
    const c = core();
    const members = localMembers(c.db);
    // Topol 578 (SECRET, Eyes Only Finletter, "USRO pass Embassy") as it arrives: the pass pending.
    const seed = cableInputSchema.parse(
      JSON.parse(readFileSync(resolve(__dirname, '../../resources/seed/cables/topol-578.json'), 'utf8')),
    );
    const topol = insertCable(c.db, {
      ...seed,
      ref: 'TOPOL 9578',
      series: { indicator: 'TOPOL', number: 9578 },
      repeats: [],
      transmission: {
        ...seed.transmission,
        passes: seed.transmission.passes.map((x) => ({ ...x, status: 'PENDING' as const })),
      },
    });
    const grants = grantsFor(c.db, topol, members, 'rusk').map((g) => `${g.login}:${g.role}`);
    // Finletter reads it; the duty officer (COMMS) holds it to pass it unread; the trainee nothing.
    expect(grants).toContain('finletter:ACTION');
    expect(grants).toContain('duty-usro:PASS');
    expect(grants.some((g) => g.startsWith('trainee:'))).toBe(false);
    // Once the pass is carried out, nothing is left for the office to do: no grant to hold it for.
    const duty = c.users.byLogin('duty-usro');
    c.routing.pass(duty, topol);
    expect(grantsFor(c.db, topol, members, 'rusk').map((g) => g.login)).not.toContain('duty-usro');
  });

  test('a cable released on one machine is verified and applied on the others, live, and never twice', async () => {
    const a = core();
    const db = await newClassroom(pg(), a);
    const usro = await machine(pg(), db, a, 'duty-usro');
    const dept = await machine(pg(), db, core(), 'rusk');
    const paris = await machine(pg(), db, core(), 'bohlen');
    const moscow = await machine(pg(), db, core(), 'kohler');

    const ref = await release(usro.core);
    await dept.until(`${ref} at the Department`, () => dept.notices.some((n) => n.ref === ref));
    await paris.until(`${ref} at Paris`, () => paris.notices.some((n) => n.ref === ref));
    for (const m of [dept, paris]) {
      const id = m.core.cables.idByRef(ref);
      // Verified again on open in the receiving database, with its full chain.
      const view = m.core.cables.show(m.core.users.byLogin(m.login), id, 'test');
      expect(view.chain?.status).toBe('VERIFIED');
      expect(count(m.core, "SELECT count(*) FROM audit_log WHERE action = 'IMPORT' AND cable_id = ?", id)).toBe(1);
    }
    // The FLASH action delivery raises the alert at the Department (rule 8).
    const alerts = dept.core.handling.alerts(dept.core.users.byLogin('rusk'));
    expect(alerts.map((x) => x.ref)).toContain(ref);
    // Moscow is no addressee: nothing reached it.
    await moscow.client.syncNow();
    expect(count(moscow.core, 'SELECT count(*) FROM cables WHERE ref = ?', ref)).toBe(0);

    // At least once: the Department reads the whole feed again (as after a lost acknowledgement);
    // applied once.
    dept.core.db.prepare('UPDATE net_cursor SET seq = 0').run();
    // And USRO posts the same cable again (a retried outbox).
    usro.core.db
      .prepare("INSERT INTO net_outbox (kind, cable_id, queued_at) VALUES ('CABLE', ?, '2026-01-01T00:00:00Z')")
      .run(usro.core.cables.idByRef(ref));
    await usro.client.syncNow();
    await dept.client.syncNow();
    expect(count(dept.core, 'SELECT count(*) FROM cables WHERE ref = ?', ref)).toBe(1);
    expect(count(dept.core, "SELECT count(*) FROM audit_log WHERE action = 'IMPORT'")).toBe(1);
    expect(dept.client.status()).toMatchObject({ state: 'online', queued: 0, applied: 1, refused: 0 });
    expect(usro.client.status()).toMatchObject({ state: 'online', queued: 0 });
    // The sender audited the post (EXPORT, channel classroom) each time it posted.
    expect(
      count(
        usro.core,
        "SELECT count(*) FROM audit_log WHERE action = 'EXPORT' AND json_extract(detail, '$.channel') = 'classroom'",
      ),
    ).toBe(2);
  }, 60_000);

  test('a machine offline catches up in order, and the server restarted mid-stream loses or doubles nothing', async () => {
    const a = core();
    const db = await newClassroom(pg(), a);
    const usro = await machine(pg(), db, a, 'duty-usro');
    const dept = await machine(pg(), db, core(), 'rusk');
    const paris = await machine(pg(), db, core(), 'bohlen');
    await paris.client.stop(); // Paris is offline

    const refs: string[] = [];
    for (let i = 0; i < 4; i++) refs.push(await release(usro.core, { ...OPEN_REPLY, subject: `Stream ${i}` }));
    // The server goes down and comes back while USRO goes on releasing.
    pg().restart();
    for (let i = 4; i < 8; i++) refs.push(await release(usro.core, { ...OPEN_REPLY, subject: `Stream ${i}` }));
    await usro.until('the outbox drained after the restart', () => {
      const s = usro.client.status();
      return s.state === 'online' && s.queued === 0;
    });
    await dept.until('all eight at the Department', () => refs.every((r) => dept.notices.some((n) => n.ref === r)));

    // Paris comes back and catches up from its cursor.
    await paris.client.startWithPassphrase(SEED_PASSPHRASE);
    await paris.until('all eight at Paris', () => refs.every((r) => paris.notices.some((n) => n.ref === r)));

    const sent = signedCables(usro.core);
    for (const m of [dept, paris]) {
      const got = signedCables(m.core);
      for (const r of refs) expect(got.get(r), `${m.login} ${r}`).toBe(sent.get(r));
      expect(count(m.core, "SELECT count(*) FROM audit_log WHERE action = 'IMPORT'")).toBe(refs.length);
      // In release order: the cursor walked the feed.
      expect(m.notices.map((n) => n.ref)).toEqual(refs);
    }
    expect(cursorOf(paris.core.db)).toBeGreaterThan(0);
    expect(outboxSize(usro.core.db)).toBe(0);
  }, 90_000);

  test('a database closed under a running client stops it: no error, nothing left connected', async () => {
    const a = core();
    const db = await newClassroom(pg(), a);
    const usro = await machine(pg(), db, a, 'duty-usro');
    await usro.until('online', () => usro.client.status().state === 'online');
    const admin = new Client({ connectionString: pg().url(db) });
    await admin.connect();
    const sessions = async (): Promise<number> =>
      Number((await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE usename = 'duty-usro'")).rows[0].n);
    try {
      expect(await sessions()).toBe(1);
      a.close();
      // The next round finds the database closed and ends the connection.
      await usro.client.syncNow();
      for (let i = 0; i < 100 && (await sessions()) > 0; i++) await admin.query('SELECT pg_sleep(0.05)');
      expect(await sessions()).toBe(0);
    } finally {
      await admin.end();
    }
  });

  test('a tampered cable row (one byte) is refused by every client, audited and reported to the instructor', async () => {
    const a = core();
    const db = await newClassroom(pg(), a);
    const usro = await machine(pg(), db, a, 'duty-usro');
    const dept = await machine(pg(), db, core(), 'rusk');
    const paris = await machine(pg(), db, core(), 'bohlen');
    await Promise.all([dept.client.stop(), paris.client.stop()]);

    const ref = await release(usro.core, { ...OPEN_REPLY, subject: 'To be tampered with' });
    await usro.until('posted', () => usro.client.status().queued === 0);
    const admin = new Client({ connectionString: pg().url(db) });
    await admin.connect();
    try {
      // One byte of the text changed, and the hash made to match, as an attacker with the
      // database would: the signatures still refuse it.
      const { rows } = await admin.query<{ hash: string; document: string }>(
        'SELECT hash, document FROM classroom.cables WHERE ref = $1',
        [ref],
      );
      const doc = rows[0]!.document;
      // One byte: "with" becomes "wiTh".
      const changed = doc.replace('To be tampered with', 'To be tampered wiTh');
      expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(doc));
      expect(changed).not.toBe(doc);
      const newHash = createHash('sha256').update(changed).digest('hex');
      await admin.query('BEGIN');
      await admin.query('ALTER TABLE classroom.grants DROP CONSTRAINT grants_cable_hash_fkey');
      await admin.query('UPDATE classroom.cables SET document = $1, hash = $2 WHERE hash = $3', [
        changed,
        newHash,
        rows[0]!.hash,
      ]);
      await admin.query('UPDATE classroom.grants SET cable_hash = $1 WHERE cable_hash = $2', [newHash, rows[0]!.hash]);
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }

    await Promise.all([
      dept.client.startWithPassphrase(SEED_PASSPHRASE),
      paris.client.startWithPassphrase(SEED_PASSPHRASE),
    ]);
    for (const m of [dept, paris]) {
      await m.until('the refusal', () => m.notices.some((n) => n.outcome === 'REFUSED'));
      const refusal = m.notices.find((n) => n.outcome === 'REFUSED')!;
      expect(refusal.reason).toMatch(/signature|verif/i);
      expect(count(m.core, 'SELECT count(*) FROM cables WHERE ref = ?', ref)).toBe(0);
      expect(
        count(
          m.core,
          "SELECT count(*) FROM audit_log WHERE action = 'TAMPERED' AND json_extract(detail, '$.channel') = 'classroom'",
        ),
      ).toBe(1);
      await m.until('the report posted', () => m.client.status().queued === 0);
    }
    const instructor = await connectAs(pg(), db, 'instructor');
    try {
      const { rows } = await instructor.query(
        "SELECT login, detail->>'ref' AS ref FROM classroom.events WHERE kind = 'CABLE_REFUSED' ORDER BY login",
      );
      expect(rows).toEqual([
        { login: 'bohlen', ref },
        { login: 'rusk', ref },
      ]);
    } finally {
      await instructor.end();
    }
  }, 60_000);
});
