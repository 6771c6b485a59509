import Database from 'better-sqlite3';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { afterEach, expect, test } from 'vitest';
import { appendAuditEntry, createAuditTrail } from '../../../electron/core/audit/auditTrail';
import { fingerprint } from '../../../electron/core/crypto/keys';
import { migrate, schemaVersion } from '../../../electron/core/store/database';
import { tempDir } from '../../support/tempCore';

/**
 * Migration 0009 (issue 13 items 5–6) on a database made before it: keys and signed cables that
 * were written without their audit entries get them, every old entry is kept byte for byte, the
 * trail verifies, and the new actions are accepted.
 */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

test('existing keys get KEY_CREATE and signed cables SIGNATURE_CHAIN entries; old entries stay as they were', () => {
  const t = tempDir();
  const db = new Database(join(t.dir, 'v8.sqlite'));
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  db.pragma('foreign_keys = ON');
  migrate(db, 8);
  db.exec(`
    INSERT INTO stations (id, plad, name, short_name, kind) VALUES (1, 'USMISSION USNATO', 'US Mission NATO', 'USNATO', 'MISSION');
    INSERT INTO people (id, key, surname, full_name, cited_as, station_id) VALUES (1, 'finletter', 'Finletter', 'Thomas K. Finletter', 'Finletter', 1);
    INSERT INTO cables (id, ref, profile, dtg, sent_at, originator_station_id, classification, class_rank, subject, created_at)
      VALUES (7, 'POLTO 506', 'FRUS_1960S', '281016Z OCT 62', '1962-10-28T10:16:00Z', 1, 'SECRET', 2, 'x', 't');
  `);
  const pair = nacl.sign.keyPair();
  const fp = fingerprint(pair.publicKey);
  db.prepare("INSERT INTO person_keys (person_id, public_key, fingerprint, created_at) VALUES (1, ?, ?, 't')").run(
    Buffer.from(pair.publicKey),
    fp,
  );
  db.prepare(
    `INSERT INTO cable_signatures (cable_id, ordinal, role, signer, key_fingerprint, signed_at, signature)
     VALUES (7, 0, 'APPROVER', 'finletter', ?, 't', zeroblob(64))`,
  ).run(fp);
  appendAuditEntry(db, { actor: { userId: null, login: 'finletter' }, action: 'VIEW', cableId: 7 });
  const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();

  // Before the migration the key is not vouched for by the trail.
  expect(createAuditTrail(db).verify()).toMatchObject({ ok: false, kind: 'keys' });

  migrate(db, 9);
  expect(schemaVersion(db)).toBe(9);
  const after = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { action: string; detail: string }[];
  expect(after.slice(0, before.length)).toEqual(before);
  expect(after.slice(before.length).map((e) => [e.action, JSON.parse(e.detail) as unknown])).toEqual([
    ['KEY_CREATE', { person: 'finletter', fingerprint: fp, migrated: true }],
    [
      'SIGNATURE_CHAIN',
      { ref: 'POLTO 506', signatures: 1, digest: expect.stringMatching(/^[0-9a-f]{64}$/), migrated: true },
    ],
  ]);
  expect(createAuditTrail(db).verify()).toMatchObject({ ok: true, entries: before.length + 2 });
  for (const action of ['AUDIT_ANCHOR', 'SIGNATURE_CHAIN', 'APPROVAL_DESIGNATE', 'INSTALL'] as const) {
    appendAuditEntry(db, { actor: { userId: null, login: null }, action });
  }
  expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
});
