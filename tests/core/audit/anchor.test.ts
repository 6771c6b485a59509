import Database from 'better-sqlite3';
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import nacl from 'tweetnacl';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { anchorPaths, CHECKPOINT_INTERVAL } from '../../../electron/core/audit/anchor';
import { appendAuditEntry, createAuditTrail, GENESIS_HASH } from '../../../electron/core/audit/auditTrail';
import { fingerprint } from '../../../electron/core/crypto/keys';
import { migrate } from '../../../electron/core/store/database';
import { seededCore } from '../../support/tempCore';

/** Issue 13 item 4: the trail's head anchored outside the database, in a signed checkpoint file. */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function core() {
  const c = seededCore();
  cleanups.push(c.dispose);
  return c;
}

function reopen(dbPath: string): Core {
  const c = openCore({ dbPath, mustExist: true });
  cleanups.push(() => c.close());
  return c;
}

type AnchorDoc = { format: string; publicKey: string; checkpoint: { seq: number; head: string; at: string } };
const readAnchor = (dbPath: string): AnchorDoc =>
  JSON.parse(readFileSync(anchorPaths(dbPath).anchor, 'utf8')) as AnchorDoc;

const head = (c: Core) => c.audit.list({ limit: 1 })[0]!;
const noise = (c: Core, n: number) => {
  for (let i = 0; i < n; i++) c.audit.append({ actor: { userId: null, login: 'noise' }, action: 'SEARCH' });
};

describe('the checkpoint beside the database', () => {
  test('is made on first open, signed with a key the trail records, and the key file is private', () => {
    const c = core();
    const doc = readAnchor(c.dbPath);
    expect(doc.format).toBe('cableroom.audit-anchor/1');
    expect(doc.checkpoint).toMatchObject({ seq: head(c).seq, head: head(c).hash });
    const [anchorEntry] = c.audit.list({ limit: 1, action: 'AUDIT_ANCHOR' });
    expect(anchorEntry!.detail).toMatchObject({ publicKey: doc.publicKey, file: 'cableroom.sqlite.audit-anchor' });
    expect(statSync(anchorPaths(c.dbPath).key).mode & 0o777).toBe(0o600);
    expect(c.audit.verify()).toMatchObject({ ok: true, anchor: doc.checkpoint, unanchored: 0 });
  });

  test(`moves on every ${CHECKPOINT_INTERVAL} entries and at close`, () => {
    const c = core();
    const first = readAnchor(c.dbPath).checkpoint.seq;
    noise(c, CHECKPOINT_INTERVAL - 1);
    expect(readAnchor(c.dbPath).checkpoint.seq).toBe(first);
    expect(c.audit.verify()).toMatchObject({ ok: true, unanchored: CHECKPOINT_INTERVAL - 1 });
    noise(c, 1);
    expect(readAnchor(c.dbPath).checkpoint).toMatchObject({ seq: first + CHECKPOINT_INTERVAL, head: head(c).hash });
    noise(c, 3);
    const last = head(c);
    c.close();
    expect(readAnchor(c.dbPath).checkpoint).toMatchObject({ seq: last.seq, head: last.hash });
  });

  test('entries of a transaction that rolls back are never anchored (no false alarm)', () => {
    const c = core();
    const before = readAnchor(c.dbPath).checkpoint.seq;
    expect(() =>
      c.db.transaction(() => {
        noise(c, CHECKPOINT_INTERVAL + 5);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(readAnchor(c.dbPath).checkpoint.seq).toBe(before);
    c.db.transaction(() => noise(c, CHECKPOINT_INTERVAL + 5))();
    // Committed inside a caller's transaction: anchored by the next append outside one (or at close).
    noise(c, 1);
    expect(readAnchor(c.dbPath).checkpoint.seq).toBe(head(c).seq);
    expect(c.audit.verify()).toMatchObject({ ok: true });
  });

  test('an edited anchor file, or one from another database, is detected', () => {
    const a = core();
    const b = core();
    a.close();
    b.close();
    const { anchor } = anchorPaths(a.dbPath);
    const original = readFileSync(anchor, 'utf8');
    const doc = JSON.parse(original) as AnchorDoc;
    writeFileSync(anchor, JSON.stringify({ ...doc, checkpoint: { ...doc.checkpoint, seq: doc.checkpoint.seq - 2 } }));
    expect(reopen(a.dbPath).audit.verify()).toMatchObject({ ok: false, kind: 'anchor', problem: /edited/ });
    copyFileSync(anchorPaths(b.dbPath).anchor, anchor);
    expect(reopen(a.dbPath).audit.verify()).toMatchObject({ ok: false, problem: /another key/ });
  });

  test('rewriting an entry and recomputing every hash after it is caught by the anchor, which then stays put', async () => {
    const c = core();
    await c.users.signIn('finletter', 'topol-578', 'test');
    c.close();
    const anchored = readAnchor(c.dbPath).checkpoint;
    // The attacker rewrites the chain from entry 2 on, consistently: the chain alone verifies.
    const raw = new Database(c.dbPath);
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
    raw.exec('DELETE FROM audit_log');
    let prev = GENESIS_HASH;
    const trail = createAuditTrail(raw);
    for (const r of rows) {
      const detail = JSON.parse(r.detail as string) as Record<string, unknown>;
      if (r.seq === 2) detail.login = 'nobody';
      const e = appendAuditEntry(
        raw,
        {
          actor: { userId: r.actor_user_id as number | null, login: r.actor_login as string | null },
          action: r.action as never,
          cableId: r.cable_id as number | null,
          detail,
        },
        new Date(r.at as string),
      );
      expect(e.prevHash).toBe(prev);
      prev = e.hash;
    }
    expect(trail.verify()).toMatchObject({ ok: true });
    raw.close();

    const again = reopen(c.dbPath);
    expect(again.audit.verify()).toMatchObject({ ok: false, firstBad: anchored.seq, problem: /rewritten/ });
    await again.users.signIn('rusk', 'topol-578', 'test');
    again.close();
    expect(readAnchor(c.dbPath).checkpoint).toEqual(anchored);
  });

  test('a database without a file has no anchor and says so', () => {
    const db = new Database(':memory:');
    cleanups.push(() => db.close());
    migrate(db);
    const trail = createAuditTrail(db, { dbPath: ':memory:' });
    expect(trail.anchor).toBeNull();
    trail.append({ actor: { userId: null, login: null }, action: 'SEARCH' });
    expect(trail.verify()).toMatchObject({ ok: true, anchor: null, unanchored: 1 });
  });
});

describe('the key registry under the anchored chain (item 6)', () => {
  test('a key changed in the file, or filed without its entry, fails verification naming it', () => {
    const c = core();
    c.close();
    const raw = new Database(c.dbPath);
    const pair = nacl.sign.keyPair();
    raw
      .prepare(
        "INSERT INTO person_keys (person_id, public_key, fingerprint, created_at, retired_at) SELECT id, ?, ?, 't', 't' FROM people WHERE key = 'rusk'",
      )
      .run(Buffer.from(pair.publicKey), fingerprint(pair.publicKey));
    raw.close();
    expect(reopen(c.dbPath).audit.verify()).toMatchObject({
      ok: false,
      kind: 'keys',
      problem: expect.stringMatching(/of rusk has no KEY_CREATE or KEY_ROTATE entry/),
    });
  });

  test('a public key swapped under an attested fingerprint is detected', () => {
    const c = core();
    c.close();
    const raw = new Database(c.dbPath);
    raw
      .prepare("UPDATE person_keys SET public_key = ? WHERE person_id = (SELECT id FROM people WHERE key = 'rusk')")
      .run(Buffer.from(nacl.sign.keyPair().publicKey));
    raw.close();
    expect(reopen(c.dbPath).audit.verify()).toMatchObject({
      ok: false,
      kind: 'keys',
      problem: expect.stringMatching(/does not match its fingerprint/),
    });
  });
});
