import { describe, expect, test } from 'vitest';
import { CONTRACT } from '../../electron/contract/ipc';
import { join } from 'node:path';
import { openCore } from '../../electron/core/app';
import { protectedSeedLogins, readSeed, SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { createIpcRouter, type Sender } from '../../electron/main/router';
import { APP_FRAME, routerFixture } from '../support/router';
import { SEED_DIR, tempDir } from '../support/tempCore';

const main = APP_FRAME;
const router = routerFixture();

async function signIn(r: ReturnType<typeof router>['r'], login: string, sender: Sender = main) {
  return r.handle(sender, CONTRACT.signIn.channel, { login, passphrase: SEED_PASSPHRASE });
}

describe('the IPC gate', () => {
  test('an unknown channel is refused', async () => {
    const { r } = router();
    expect(await r.handle(main, 'fs:read', {})).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel "fs:read".' },
    });
  });

  test('a sub-frame or a foreign origin is refused before any input is read', async () => {
    const { r } = router();
    for (const sender of [
      { ...main, isMainFrame: false },
      { ...main, url: 'https://evil.example/' },
      { ...main, url: 'file:///etc/passwd' },
    ]) {
      const result = await r.handle(sender, CONTRACT.listUsers.channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
  });

  test('input that does not match the schema is refused with BAD_REQUEST naming the field', async () => {
    const { r } = router();
    await signIn(r, 'finletter');
    const bad = await r.handle(main, CONTRACT.showCable.channel, { cableId: '1; DROP TABLE cables' });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('cableId') },
    });
    const extra = await r.handle(main, CONTRACT.listInbox.channel, { limit: 10, sql: 'x' });
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const tooMany = await r.handle(main, CONTRACT.listInbox.channel, { limit: 100000 });
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('limit') },
    });
  });

  test('data calls need a signed-in user; sessions are per sender', async () => {
    const { r } = router();
    expect(await r.handle(main, CONTRACT.listInbox.channel, {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await signIn(r, 'finletter');
    const other: Sender = { ...main, id: '2' };
    expect(await r.handle(other, CONTRACT.currentUser.channel, {})).toEqual({ ok: true, value: null });
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toMatchObject({
      ok: true,
      value: { login: 'finletter' },
    });
    r.forgetSender('1');
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toEqual({ ok: true, value: null });
  });

  test('a wrong passphrase is SIGN_IN_FAILED and leaves the sender signed out', async () => {
    const { r } = router();
    await signIn(r, 'finletter');
    const result = await r.handle(main, CONTRACT.signIn.channel, { login: 'rusk', passphrase: 'khrushchev' });
    expect(result).toEqual({ ok: false, error: { code: 'SIGN_IN_FAILED', message: 'Wrong passphrase.' } });
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toEqual({ ok: true, value: null });
  });

  test('the user list carries no secrets', async () => {
    const { r } = router();
    const result = await r.handle(main, CONTRACT.listUsers.channel, {});
    expect(result.ok).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/passphrase|hash|salt|kdf/i);
  });

  test('a cable the user may not see is ACCESS_DENIED and nothing of it crosses the gate', async () => {
    const { r, core } = router();
    await signIn(r, 'trainee');
    const id = core.cables.idByRef('TOPOL 578');
    const result = await r.handle(main, CONTRACT.showCable.channel, { cableId: id });
    expect(result).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/Khrushchev|Telegram From|NATO|EYES ONLY/);
  });

  test('finletter reads TOPOL 578 through the gate', async () => {
    const { r, core } = router();
    await signIn(r, 'finletter');
    const result = await r.handle(main, CONTRACT.showCable.channel, { cableId: core.cables.idByRef('TOPOL 578') });
    expect(result).toMatchObject({ ok: true, value: { ref: 'TOPOL 578', banner: 'SECRET', captions: ['EYES ONLY'] } });
  });

  test('exporting the distribution graph is checked and audited in main (EXPORT); refused and audited (DENY) otherwise', async () => {
    const { r, core } = router();
    const cableId = core.cables.idByRef('TOPOL 578');
    const channel = CONTRACT.recordDistributionExport.channel;
    expect(await r.handle(main, channel, { cableId, format: 'svg' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_SIGNED_IN' },
    });
    await signIn(r, 'finletter');
    expect(await r.handle(main, channel, { cableId, format: 'pdf' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('format') },
    });
    expect(await r.handle(main, channel, { cableId, format: 'svg', path: '/tmp/x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await r.handle(main, channel, { cableId, format: 'png' })).toEqual({ ok: true, value: null });
    expect(core.audit.list({ login: 'finletter', cableId, action: 'EXPORT', limit: 10 })).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ what: 'distribution', format: 'png' }) }),
    ]);

    await r.handle(main, CONTRACT.signOut.channel, {});
    await signIn(r, 'trainee');
    const denied = await r.handle(main, channel, { cableId, format: 'svg' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
    expect(JSON.stringify(denied)).not.toMatch(/Khrushchev|Telegram From|NATO|EYES ONLY/);
    expect(core.audit.list({ login: 'trainee', cableId, action: 'EXPORT', limit: 10 })).toEqual([]);
    expect(core.audit.list({ login: 'trainee', cableId, action: 'DENY', limit: 1 })[0]).toMatchObject({
      detail: { what: 'distribution export' },
    });
  });

  test('an unexpected failure is logged in main and reported without a stack trace', async () => {
    const { r, core, logged } = router();
    await signIn(r, 'finletter');
    core.db.exec('DROP TABLE paragraphs');
    const result = await r.handle(main, CONTRACT.showCable.channel, { cableId: 1 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong inside Cableroom; the error has been logged.' },
    });
    expect(logged).toHaveLength(1);
  });

  test('a repeat of an EYES ONLY cable needs the approver in person: a wrong approver passphrase refuses it', async () => {
    const { r, core } = router();
    await signIn(r, 'finletter');
    const cableId = core.cables.idByRef('TOPOL 578');
    const channel = CONTRACT.repeatCable.channel;
    expect(await r.handle(main, channel, { cableId, to: ['AMEMBASSY MOSCOW'] })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED', message: expect.stringContaining('rule 16') },
    });
    expect(
      await r.handle(main, channel, {
        cableId,
        to: ['AMEMBASSY MOSCOW'],
        approver: { login: 'ujohnson', passphrase: 'guess' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    expect(
      await r.handle(main, channel, {
        cableId,
        to: ['AMEMBASSY MOSCOW'],
        approver: { login: 'ujohnson', passphrase: SEED_PASSPHRASE },
      }),
    ).toEqual({ ok: true, value: ['AMEMBASSY MOSCOW'] });
    // The repeater stays signed in as themselves.
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toMatchObject({
      ok: true,
      value: { login: 'finletter' },
    });
  });

  test('installation tells a signed-out window whether this is a demo installation (issue 13 item 8)', async () => {
    const { r } = router();
    // seededCore() is a demo: every account keeps the published passphrase.
    expect(await r.handle(main, CONTRACT.installation.channel, {})).toEqual({ ok: true, value: { demo: true } });
    expect(await r.handle(main, CONTRACT.installation.channel, { demo: false })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });

    // A real installation: instructors and admins were given their own passphrases.
    const { dir, cleanup } = tempDir();
    const own = Object.fromEntries(
      protectedSeedLogins(readSeed(SEED_DIR).users).map((login) => [login, `${login} own passphrase 1962`]),
    );
    const real = openCore({ dbPath: join(dir, 'real.sqlite'), seed: { passphrases: own }, seedDir: SEED_DIR });
    try {
      const realRouter = createIpcRouter({ core: real, isTrustedUrl: () => true });
      expect(await realRouter.handle(main, CONTRACT.installation.channel, {})).toEqual({
        ok: true,
        value: { demo: false },
      });
    } finally {
      real.close();
      cleanup();
    }
  });
});
