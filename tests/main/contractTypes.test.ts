import { describe, expect, test } from 'vitest';
import { buildCableroomApi, type CableroomApi } from '../../electron/contract/api';
import { CHANNELS, CONTRACT, ENDPOINT_NAMES } from '../../electron/contract/ipc';

/**
 * Issue 13 item 12: the endpoint list is written once (channels.ts) and everything else is read
 * from it; `CableroomApi` requires what the schema requires. The type half of this file is
 * checked by `npm run typecheck`: each `@ts-expect-error` below fails the typecheck if the call
 * it marks ever compiles again (as every one did while every input was optional).
 */
export function typeChecks(api: CableroomApi): void {
  // Endpoints whose schema requires nothing may be called without an input…
  void api.listUsers();
  void api.currentUser();
  void api.listInbox();
  void api.listAudit();
  void api.createDraft();
  // …the others may not.
  // @ts-expect-error cableId is required
  void api.showCable();
  // @ts-expect-error cableId is required
  void api.showCable({});
  // @ts-expect-error login is required
  void api.signIn({ passphrase: 'x' });
  // @ts-expect-error id, revision and draft are required
  void api.saveDraft({ id: 1 });
  // @ts-expect-error format must be one of the schema's
  void api.recordPrint({ cableId: 1, format: 'docx' });
  void api.signIn({ login: 'trainee', passphrase: 'x' });
}

describe('the contract, written once', () => {
  test('channels, contract and window.cableroom have the same endpoints, each on its own channel', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual([...ENDPOINT_NAMES].sort());
    for (const name of ENDPOINT_NAMES) expect(CONTRACT[name].channel).toBe(CHANNELS[name]);
    expect(new Set(Object.values(CHANNELS)).size).toBe(ENDPOINT_NAMES.length);

    const calls: Array<[string, unknown]> = [];
    const api = buildCableroomApi((channel, input) => {
      calls.push([channel, input]);
      return Promise.resolve({ ok: true, value: null });
    });
    // One intent function per endpoint, plus the push subscription (issue 14 item 1).
    expect(Object.keys(api).sort()).toEqual([...ENDPOINT_NAMES, 'onPush'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    void api.listUsers();
    void api.showCable({ cableId: 7 });
    expect(calls).toEqual([
      [CHANNELS.listUsers, {}],
      [CHANNELS.showCable, { cableId: 7 }],
    ]);
  });
});

describe('onPush (issue 14 item 1)', () => {
  test('hands the listener the event only, and unsubscribes', () => {
    const receivers = new Set<(event: unknown) => void>();
    const api = buildCableroomApi(
      () => Promise.resolve({ ok: true, value: null }),
      (receive) => {
        receivers.add(receive);
        return () => receivers.delete(receive);
      },
    );
    const heard: unknown[] = [];
    const stop = api.onPush((event) => heard.push(event));
    for (const r of receivers) r({ kind: 'inbox', arrived: 1 });
    stop();
    expect(receivers.size).toBe(0);
    expect(heard).toEqual([{ kind: 'inbox', arrived: 1 }]);
    expect(() => api.onPush('not a function' as never)).toThrow(TypeError);
  });

  test('without a push transport it subscribes to nothing', () => {
    const api = buildCableroomApi(() => Promise.resolve({ ok: true, value: null }));
    const stop = api.onPush(() => {
      throw new Error('never called');
    });
    expect(stop()).toBeUndefined();
  });
});
