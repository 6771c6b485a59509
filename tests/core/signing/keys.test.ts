import nacl from 'tweetnacl';
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { createSealedKey, fingerprint, sealKdf, signDetached, withSecretKey } from '../../../electron/core/crypto/keys';
import { parseCost, setScryptCostForTests } from '../../../electron/core/crypto/scrypt';
import { currentKey, keyByFingerprint } from '../../../electron/core/crypto/keyStore';
import { actorFromRow } from '../../../electron/core/services/actor';
import { userByLogin } from '../../../electron/core/store/directoryRepository';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

describe('signing keys sealed with the passphrase (scrypt → secretbox)', () => {
  test('keys are sealed at the production cost unless a test lowers it; a label asking for absurd memory is refused', async () => {
    setScryptCostForTests(null);
    try {
      expect(sealKdf()).toBe('scrypt:N=131072,r=8,p=1+secretbox');
    } finally {
      setScryptCostForTests(1 << 12);
    }
    expect(parseCost('scrypt:N=1073741824,r=8,p=1')).toBeNull();
    expect(parseCost('scrypt:N=1000,r=8,p=1')).toBeNull();
    const sealed = await createSealedKey('a long passphrase');
    await expect(
      withSecretKey({ ...sealed, kdf: 'scrypt:N=1073741824,r=8,p=1+secretbox' }, 'a long passphrase', () => 0),
    ).rejects.toThrow(/Unknown key sealing/);
  });

  test('no application code lowers the scrypt cost: only the test suites call setScryptCostForTests', () => {
    const root = resolve(__dirname, '../../../electron');
    const callers = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && readFileSync(join(root, f), 'utf8').includes('setScryptCostForTests'))
      .map((f) => f.split(sep).join('/'));
    expect(callers).toEqual(['core/crypto/scrypt.ts']);
  });

  test('a sealed key signs with the right passphrase, and the secret is wiped after use', async () => {
    const sealed = await createSealedKey('a long passphrase');
    expect(sealed.fingerprint).toBe(fingerprint(sealed.publicKey));
    expect(Buffer.from(sealed.sealed).includes(Buffer.from(sealed.publicKey))).toBe(false);
    let seen: Uint8Array | null = null;
    const message = new TextEncoder().encode('TOPOL 578');
    const signature = await withSecretKey(sealed, 'a long passphrase', (secret) => {
      seen = secret;
      return signDetached(message, secret);
    });
    expect(nacl.sign.detached.verify(message, signature, sealed.publicKey)).toBe(true);
    expect([...seen!].every((b) => b === 0)).toBe(true);
  });

  test('a wrong passphrase gets WRONG_PASSPHRASE and signs nothing', async () => {
    const sealed = await createSealedKey('the right one');
    let called = false;
    await expect(
      withSecretKey(sealed, 'the wrong one', () => {
        called = true;
      }),
    ).rejects.toThrow(expect.objectContaining({ code: 'WRONG_PASSPHRASE' }) as Error);
    expect(called).toBe(false);
  });

  test('every seed user has a key in the directory that unseals with the training passphrase', async () => {
    const c = core();
    const finletter = actorFromRow(userByLogin(c.db, 'finletter')!);
    const key = currentKey(c.db, finletter.personId)!;
    expect(key.sealed).not.toBeNull();
    const sig = await withSecretKey(key.sealed!, SEED_PASSPHRASE, (s) => signDetached(new Uint8Array([1]), s));
    expect(nacl.sign.detached.verify(new Uint8Array([1]), sig, key.publicKey)).toBe(true);
    const count = c.db.prepare('SELECT count(*) FROM person_keys WHERE retired_at IS NULL').pluck().get();
    expect(count).toBe(c.db.prepare('SELECT count(*) FROM users').pluck().get());
  });

  test('every key the seed stores has its KEY_CREATE entry naming the person and fingerprint (issue 13 item 6)', () => {
    const c = core();
    const keys = c.db
      .prepare(
        'SELECT p.key AS person, k.fingerprint FROM person_keys k JOIN people p ON p.id = k.person_id ORDER BY k.id',
      )
      .all();
    const entries = c.db
      .prepare(
        `SELECT json_extract(detail, '$.person') AS person, json_extract(detail, '$.fingerprint') AS fingerprint
           FROM audit_log WHERE action = 'KEY_CREATE' ORDER BY seq`,
      )
      .all();
    expect(keys.length).toBeGreaterThan(0);
    expect(entries).toEqual(keys);
  });

  test('an account gets a key when created; a new passphrase rotates it and keeps the old public key', async () => {
    const c = core();
    const admin = actorFromRow(userByLogin(c.db, 'instructor')!);
    await c.accounts.create(admin, {
      login: 'burgess',
      displayName: 'W. Randolph Burgess',
      post: 'USMISSION USNATO',
      office: 'POL',
      role: 'officer',
      clearance: 'SECRET',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'first passphrase',
    });
    const person = actorFromRow(userByLogin(c.db, 'burgess')!).personId;
    const first = currentKey(c.db, person)!;
    await c.accounts.update(admin, 'burgess', { passphrase: 'second passphrase' });
    const second = currentKey(c.db, person)!;
    expect(second.fingerprint).not.toBe(first.fingerprint);
    const old = keyByFingerprint(c.db, first.fingerprint)!;
    expect(old.retiredAt).not.toBeNull();
    expect(old.sealed).toBeNull();
    expect(Buffer.from(old.publicKey)).toEqual(Buffer.from(first.publicKey));
    await expect(withSecretKey(second.sealed!, 'first passphrase', () => 0)).rejects.toThrow(/does not unlock/);
    const actions = c.db
      .prepare(
        `SELECT action, actor_login, json_extract(detail, '$.person') AS person, json_extract(detail, '$.fingerprint') AS fingerprint
           FROM audit_log WHERE action IN ('KEY_CREATE', 'KEY_ROTATE') AND json_extract(detail, '$.login') = 'burgess' ORDER BY seq`,
      )
      .all();
    expect(actions).toEqual([
      { action: 'KEY_CREATE', actor_login: 'instructor', person: 'user:burgess', fingerprint: first.fingerprint },
      { action: 'KEY_ROTATE', actor_login: 'instructor', person: 'user:burgess', fingerprint: second.fingerprint },
    ]);
  });
});
