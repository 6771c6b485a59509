import { afterEach, describe, expect, test } from 'vitest';
import { CONTRACT } from '../../electron/contract/ipc';
import type { PushEvent } from '../../electron/contract/push';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { insertCable } from '../../electron/core/store/cableWriter';
import { createIpcRouter, type Sender } from '../../electron/main/router';
import { seededCore } from '../support/tempCore';
import { topolCable } from '../e2e/cables';

/**
 * Push (issue 14 item 1): the router turns core's change events into hints for each signed-in
 * window, and only for what that window's user may see (DOMAIN.md rules 14, 18, 20).
 */
const APP = 'app://cableroom/index.html';
const sender = (id: string): Sender => ({ id, url: APP, isMainFrame: true });

let dispose: () => void = () => {};
afterEach(() => dispose());

function setup() {
  const core = seededCore();
  const logged: unknown[] = [];
  const router = createIpcRouter({
    core,
    isTrustedUrl: (url) => url.startsWith('app://cableroom/'),
    logError: (_m, e) => logged.push(e),
  });
  const pushed: Array<[string, PushEvent]> = [];
  const stop = router.onPush((id, event) => pushed.push([id, event]));
  dispose = () => {
    stop();
    core.dispose();
  };
  /** Signs `login` in on a window of its own name. */
  const signIn = async (login: string) => {
    const result = await router.handle(sender(login), CONTRACT.signIn.channel, { login, passphrase: SEED_PASSPHRASE });
    expect(result).toMatchObject({ ok: true });
  };
  /** Waits until the router has handled everything core emitted so far (two turns: the bus, then the async push). */
  const settle = async () => {
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const to = (id: string) => pushed.filter(([s]) => s === id).map(([, e]) => e);
  return { core, router, pushed, logged, signIn, settle, to };
}

describe('push, filtered per signed-in window', () => {
  test('a cable delivered to USRO is pushed to those at USRO cleared for it, and to nobody else', async () => {
    const t = setup();
    for (const login of ['finletter', 'duty-usro', 'trainee', 'bohlen']) await t.signIn(login);
    insertCable(t.core.db, topolCable({ number: 1001, classification: 'SECRET' }));
    await t.settle();
    expect(t.to('finletter')).toEqual([{ kind: 'inbox', arrived: 1 }]);
    expect(t.to('duty-usro')).toEqual([{ kind: 'inbox', arrived: 1 }]);
    // Rule 18: no read-up — the CONFIDENTIAL trainee is not even told something arrived.
    expect(t.to('trainee')).toEqual([]);
    // Need to know: Embassy Paris is not an addressee.
    expect(t.to('bohlen')).toEqual([]);
    expect(t.logged).toEqual([]);
  });

  test('a NOFORN cable is never announced to the foreign liaison officer (rule 20)', async () => {
    const t = setup();
    for (const login of ['liaison', 'duty-usro']) await t.signIn(login);
    insertCable(t.core.db, { ...topolCable({ number: 1002, classification: 'SECRET' }), dissem: ['NOFORN'] });
    await t.settle();
    expect(t.to('duty-usro')).toEqual([{ kind: 'inbox', arrived: 1 }]);
    expect(t.to('liaison')).toEqual([]);
  });

  test('FLASH and NIACT arrivals also raise the alert, with counts only', async () => {
    const t = setup();
    await t.signIn('duty-usro');
    insertCable(t.core.db, topolCable({ number: 1003, precedence: 'FLASH' }));
    insertCable(t.core.db, topolCable({ number: 1004, precedence: 'IMMEDIATE', niact: true }));
    insertCable(t.core.db, topolCable({ number: 1005 }));
    await t.settle();
    expect(t.to('duty-usro')).toEqual([
      { kind: 'inbox', arrived: 3 },
      { kind: 'alerts', flash: 1, niact: 1 },
    ]);
  });

  test('an acknowledgement reaches the post; opening a cable reaches only the reader', async () => {
    const t = setup();
    for (const login of ['duty-usro', 'finletter', 'bohlen']) await t.signIn(login);
    const duty = await t.core.users.byLogin('duty-usro');
    const flash = t.core.handling.alerts(duty).find((r) => r.precedence === 'FLASH')!;
    t.core.handling.acknowledge(duty, flash.deliveryId);
    await t.settle();
    expect(t.to('duty-usro')).toEqual([
      { kind: 'inbox', arrived: 0 },
      { kind: 'alerts', flash: 0, niact: 0 },
    ]);
    expect(t.to('finletter')).toEqual([
      { kind: 'inbox', arrived: 0 },
      { kind: 'alerts', flash: 0, niact: 0 },
    ]);
    expect(t.to('bohlen')).toEqual([]);

    t.pushed.length = 0;
    await t.router.handle(sender('finletter'), CONTRACT.showCable.channel, { cableId: flash.cableId });
    await t.settle();
    expect(t.pushed).toEqual([['finletter', { kind: 'inbox', arrived: 0 }]]);
  });

  test('signed-out windows, and windows whose account was disabled, are told nothing', async () => {
    const t = setup();
    for (const login of ['duty-usro', 'trainee']) await t.signIn(login);
    await t.router.handle(sender('duty-usro'), CONTRACT.signOut.channel, {});
    const instructor = await t.core.users.byLogin('instructor');
    t.core.accounts.update(instructor, 'trainee', { disabled: true });
    insertCable(t.core.db, topolCable({ number: 1006, classification: 'UNCLASSIFIED' }));
    await t.settle();
    expect(t.pushed).toEqual([]);
  });

  test('a draft submitted to a clearer is pushed to the clearer and the drafter, not to others', async () => {
    const t = setup();
    for (const login of ['duty-usro', 'finletter', 'trainee', 'bohlen']) await t.signIn(login);
    const duty = await t.core.users.byLogin('duty-usro');
    const created = t.core.drafts.create(duty, {});
    const example = (await import('../../docs/examples/polto-reply.json')).default;
    const saved = t.core.drafts.save(duty, created.id, created.revision, example);
    await t.settle();
    t.pushed.length = 0;
    await t.core.drafts.submit(duty, saved.id, saved.revision, SEED_PASSPHRASE);
    await t.settle();
    expect(t.to('finletter')).toEqual([{ kind: 'drafts' }]);
    expect(t.to('duty-usro')).toEqual([{ kind: 'drafts' }]);
    expect(t.to('trainee')).toEqual([]);
    expect(t.to('bohlen')).toEqual([]);
    const counts = await t.router.handle(sender('finletter'), CONTRACT.workCounts.channel, {});
    expect(counts).toMatchObject({ ok: true, value: { draftsWaiting: 1 } });
  });

  test('the end of an import is pushed to the one who started it', async () => {
    const t = setup();
    for (const login of ['instructor', 'rusk']) await t.signIn(login);
    const instructor = await t.core.users.byLogin('instructor');
    const { jobId } = t.core.imports.start(instructor, [
      { name: 'empty.xml', bytes: new TextEncoder().encode('<TEI/>') },
    ]);
    for (let i = 0; i < 50 && !t.to('instructor').some((e) => e.kind === 'import'); i++) await t.settle();
    expect(t.to('instructor')).toContainEqual({ kind: 'import', jobId });
    expect(t.to('rusk')).toEqual([]);
  });

  test('a listener removed hears nothing more', async () => {
    const t = setup();
    await t.signIn('duty-usro');
    const heard: PushEvent[] = [];
    const stop = t.router.onPush((_id, e) => heard.push(e));
    stop();
    insertCable(t.core.db, topolCable({ number: 1007 }));
    await t.settle();
    expect(heard).toEqual([]);
    expect(t.to('duty-usro')).toHaveLength(1);
  });
});
