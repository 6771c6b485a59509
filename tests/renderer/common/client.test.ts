import { describe, expect, test } from 'vitest';
import { ENDPOINT_NAMES } from '../../../electron/contract/ipc';
import { ApiError, createClient, missingBridgeClient } from '../../../renderer/src/common/api';
import { buildCableroomApi } from '../../../electron/contract/api';

/** The renderer's client is written once (createClient); the bridge-less client is derived from it. */
describe('the renderer client', () => {
  test('without the bridge, every call fails with BRIDGE_MISSING (one per endpoint)', async () => {
    const client = missingBridgeClient();
    const calls = Object.entries(client).filter(([name]) => name !== 'onPush') as Array<
      [string, (...args: unknown[]) => Promise<unknown>]
    >;
    // One intent call per endpoint of the contract (and onPush, which subscribes to nothing here).
    expect(calls.map(([name]) => name).sort()).toEqual([...ENDPOINT_NAMES].sort());
    expect(client.onPush(() => undefined)()).toBeUndefined();
    for (const [name, call] of calls) {
      await expect(call([], [], [], []), name).rejects.toMatchObject({ name: 'ApiError', code: 'BRIDGE_MISSING' });
    }
  });

  test('an envelope is unwrapped into its value, or an ApiError with its code', async () => {
    const client = createClient(
      buildCableroomApi((channel) =>
        Promise.resolve(
          channel === 'session:current'
            ? { ok: true, value: null }
            : { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' } },
        ),
      ),
    );
    await expect(client.currentUser()).resolves.toBeNull();
    const refused = client.listPosts();
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ code: 'NOT_SIGNED_IN', message: 'Sign in first.' });
  });
});
