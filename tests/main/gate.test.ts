import { describe, expect, test } from 'vitest';
import { CONTRACT, ENDPOINT_NAMES, type EndpointName } from '../../electron/contract/ipc';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { APP_FRAME, routerFixture } from '../support/router';
import { ENDPOINT_SAMPLES } from './endpointSamples';

/**
 * Issue 13 item 12: signing in is checked by the router before dispatch, from the contract's one
 * table of public endpoints. A handler cannot forget to ask: these tests walk every endpoint of
 * the contract, so an endpoint added without the flag, or a handler that skips the check, fails here.
 */

const main = APP_FRAME;
const router = routerFixture();

/** The endpoints a signed-out window may call: choosing a persona and signing in. */
const PUBLIC: ReadonlyArray<EndpointName> = ['listUsers', 'signIn', 'signOut', 'currentUser', 'installation'];

const isPublic = (name: EndpointName): boolean => CONTRACT[name].public;

describe('the sign-in gate (issue 13 item 12)', () => {
  test('the contract marks exactly the session endpoints public', () => {
    expect(ENDPOINT_NAMES.filter(isPublic)).toEqual(PUBLIC);
  });

  test('every endpoint not marked public answers NOT_SIGNED_IN to a signed-out window, before its input is read', async () => {
    const { r, core, logged } = router();
    const before = core.audit.list({ limit: 1 })[0]?.seq ?? 0;
    const gated = ENDPOINT_NAMES.filter((n) => !isPublic(n));
    expect(gated.length).toBeGreaterThan(30);
    for (const name of gated) {
      const channel = CONTRACT[name].channel;
      // A valid input, an empty one and a hostile one: the gate does not look at any of them.
      for (const input of [ENDPOINT_SAMPLES[name], {}, { __proto__: { admin: true }, x: 'y'.repeat(5000) }, null]) {
        const result = await r.handle(main, channel, input);
        expect({ name, result }).toEqual({
          name,
          result: { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' } },
        });
      }
    }
    // Nothing was dispatched: no handler ran, so nothing was audited and nothing failed.
    expect(core.audit.list({ limit: 1 })[0]?.seq ?? 0).toBe(before);
    expect(logged).toEqual([]);
  });

  test('the public endpoints answer a signed-out window', async () => {
    const { r } = router();
    for (const name of PUBLIC) {
      const result = await r.handle(main, CONTRACT[name].channel, ENDPOINT_SAMPLES[name]);
      if (name === 'signIn') expect(result).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
      else expect({ name, ok: result.ok }).toEqual({ name, ok: true });
    }
  });

  test('signed in, the same endpoints pass the gate and reach their handler with the actor', async () => {
    const { r } = router();
    await r.handle(main, CONTRACT.signIn.channel, { login: 'trainee', passphrase: SEED_PASSPHRASE });
    for (const name of ENDPOINT_NAMES.filter((n) => !isPublic(n))) {
      const result = await r.handle(main, CONTRACT[name].channel, ENDPOINT_SAMPLES[name]);
      expect({ name, code: result.ok ? 'OK' : result.error.code }).not.toEqual({ name, code: 'NOT_SIGNED_IN' });
    }
  });

  test('a disabled account is signed out at its next call', async () => {
    const { r, core } = router();
    await r.handle(main, CONTRACT.signIn.channel, { login: 'trainee', passphrase: SEED_PASSPHRASE });
    expect(await r.handle(main, CONTRACT.listPosts.channel, {})).toMatchObject({ ok: true });
    await core.accounts.update(core.users.byLogin('instructor'), 'trainee', { disabled: true });
    expect(await r.handle(main, CONTRACT.listPosts.channel, {})).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', message: 'The account "trainee" is disabled.' },
    });
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toEqual({ ok: true, value: null });
  });

  test('a change of clearance applies at the next call (the actor is read again before every dispatch)', async () => {
    const { r, core } = router();
    await r.handle(main, CONTRACT.signIn.channel, { login: 'trainee', passphrase: SEED_PASSPHRASE });
    const topol = core.cables.idByRef('TOPOL 578');
    expect(await r.handle(main, CONTRACT.showCable.channel, { cableId: topol })).toMatchObject({
      ok: false,
      error: { code: 'ACCESS_DENIED' },
    });
    await core.accounts.update(core.users.byLogin('instructor'), 'trainee', { clearance: 'TOP_SECRET' });
    expect(await r.handle(main, CONTRACT.currentUser.channel, {})).toMatchObject({
      ok: true,
      value: { login: 'trainee', clearance: 'TOP_SECRET' },
    });
  });
});
