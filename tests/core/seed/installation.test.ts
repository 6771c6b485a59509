import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openCore, type Core } from '../../../electron/core/app';
import { currentKey } from '../../../electron/core/crypto/keyStore';
import { signDetached, withSecretKey } from '../../../electron/core/crypto/keys';
import { installationMode, isDemoInstallation } from '../../../electron/core/seed/installation';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { SEED_DIR, tempDir } from '../../support/tempCore';

/**
 * Issue 13 item 8: the published training passphrase does not open the instructor and admin
 * accounts of a real installation; a demo installation keeps it for everyone and says so.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

const OWN = 'chalk and blackboard 1962';

function open(seed: Parameters<typeof openCore>[0]['seed'], dbPath?: string): Core & { dbPath: string } {
  const path =
    dbPath ??
    (() => {
      const t = tempDir();
      cleanups.push(t.cleanup);
      return join(t.dir, 'cableroom.sqlite');
    })();
  const core = openCore({ dbPath: path, seedDir: SEED_DIR, ...(seed ? { seed } : {}) });
  cleanups.push(() => core.close());
  return { ...core, dbPath: path };
}

function seedUsers(): { login: string; role: string; person: string; signingKey: { fingerprint: string } }[] {
  return JSON.parse(readFileSync(join(SEED_DIR, 'users.json'), 'utf8')).users;
}

function instructorKey(c: Core) {
  const personId = c.db.prepare("SELECT person_id FROM users WHERE login = 'instructor'").pluck().get() as number;
  return currentKey(c.db, personId)!;
}

describe('a real installation (own passphrases for instructors and admins)', () => {
  test('the seed has an instructor account to protect', () => {
    expect(
      seedUsers()
        .filter((u) => u.role === 'instructor' || u.role === 'admin')
        .map((u) => u.login),
    ).toEqual(['instructor']);
  });

  test('the published passphrase no longer opens the instructor account, the own one does; officers keep theirs', async () => {
    const c = open({ passphrases: { instructor: OWN } });
    await expect(c.users.signIn('instructor', SEED_PASSPHRASE, 'test')).rejects.toThrow(
      expect.objectContaining({ code: 'SIGN_IN_FAILED' }),
    );
    expect(await c.users.signIn('instructor', OWN, 'test')).toMatchObject({ login: 'instructor', role: 'instructor' });
    expect((await c.users.signIn('finletter', SEED_PASSPHRASE, 'test')).login).toBe('finletter');
    expect(isDemoInstallation(c.db)).toBe(false);
    expect(installationMode(c.db)).toBe('production');
    expect(c.seeded).toMatchObject({ mode: 'production', ownPassphrases: ['instructor'] });
  });

  test("the instructor's signing key is a new one, sealed with the own passphrase (the seed's is published)", async () => {
    const c = open({ passphrases: { instructor: OWN } });
    const key = instructorKey(c);
    const published = seedUsers().find((u) => u.login === 'instructor')!.signingKey.fingerprint;
    expect(key.fingerprint).not.toBe(published);
    // No key of the published kind is on record for the instructor at all, current or retired.
    expect(c.db.prepare('SELECT count(*) FROM person_keys WHERE fingerprint = ?').pluck().get(published)).toBe(0);
    await expect(withSecretKey(key.sealed!, SEED_PASSPHRASE, () => true)).rejects.toThrow(
      expect.objectContaining({ code: 'WRONG_PASSPHRASE' }),
    );
    expect((await withSecretKey(key.sealed!, OWN, (s) => signDetached(new Uint8Array([1]), s))).length).toBe(64);
  });

  test('the installation is audited, without the passphrase', () => {
    const c = open({ passphrases: { instructor: OWN } });
    const entries = c.audit.list({ limit: 10 });
    const install = entries.find((e) => e.detail.installation === 'production');
    expect(install).toMatchObject({ action: 'INSTALL', actorLogin: null, detail: { ownPassphrases: ['instructor'] } });
    expect(JSON.stringify(entries)).not.toContain(OWN);
  });

  test.each([
    [{}, /"instructor" needs its own passphrase/],
    [{ instructor: 'short' }, /at least 10 characters/],
    [{ instructor: OWN, rusk: OWN }, /"rusk" is not an instructor or admin account/],
  ])('%j is refused before the database file is created', (passphrases, message) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dbPath = join(t.dir, 'db.sqlite');
    expect(() => openCore({ dbPath, seedDir: SEED_DIR, seed: { passphrases } })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(message) }),
    );
    expect(existsSync(dbPath)).toBe(false);
  });
});

describe('a demo installation', () => {
  test('everyone, instructor included, signs in with the published passphrase, and the database says demo', async () => {
    const c = open('demo');
    expect((await c.users.signIn('instructor', SEED_PASSPHRASE, 'test')).role).toBe('instructor');
    expect(isDemoInstallation(c.db)).toBe(true);
    expect(c.seeded).toMatchObject({ mode: 'demo', ownPassphrases: [] });
    expect(c.audit.list({ limit: 10 }).some((e) => e.detail.installation === 'demo')).toBe(true);
  });

  test('the mode is recorded once: reopening with another seed mode changes nothing', () => {
    const first = open({ passphrases: { instructor: OWN } });
    first.close();
    const again = open('demo', first.dbPath);
    expect(again.seeded).toBeNull();
    expect(isDemoInstallation(again.db)).toBe(false);
  });

  test('a database without a seed is neither', () => {
    const c = open(undefined);
    expect(installationMode(c.db)).toBeNull();
    expect(isDemoInstallation(c.db)).toBe(false);
  });
});
