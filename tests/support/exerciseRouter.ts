import { afterEach } from 'vitest';
import { CONTRACT } from '../../electron/contract/ipc';
import type { Result } from '../../electron/contract/errors';
import type { PushEvent } from '../../electron/contract/push';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { createIpcRouter, type Sender } from '../../electron/main/router';
import { seededCore } from './tempCore';

const APP = 'app://cableroom/index.html';
/** The app's own frame for one person: one window (and session) per login. */
export const senderFor = (id: string): Sender => ({ id, url: APP, isMainFrame: true });

/**
 * For a test file of the exercise endpoints: the real router over a fresh seeded core, one window
 * per login, every push recorded; disposed after each test. `exerciseTickMs` 0 turns the router's
 * exercise timer off (injects then come by "trigger now").
 */
export function exerciseRouterFixture(exerciseTickMs: number) {
  let dispose: () => void = () => {};
  afterEach(() => dispose());
  return function setup() {
    const core = seededCore();
    const logged: unknown[] = [];
    const router = createIpcRouter({
      core,
      isTrustedUrl: (url) => url.startsWith('app://cableroom/'),
      logError: (_m, e) => logged.push(e),
      exerciseTickMs,
    });
    const pushed: Array<[string, PushEvent]> = [];
    const stop = router.onPush((id, event) => pushed.push([id, event]));
    dispose = () => {
      stop();
      core.dispose();
    };
    const call = (login: string, channel: string, input: unknown) => router.handle(senderFor(login), channel, input);
    const raw = (login: string, name: keyof typeof CONTRACT, input: unknown) =>
      call(login, CONTRACT[name].channel, input);
    async function ok<T>(login: string, name: keyof typeof CONTRACT, input: unknown): Promise<T> {
      const r = (await raw(login, name, input)) as Result<T>;
      if (!r.ok) throw new Error(`${name} as ${login}: ${r.error.code} ${r.error.message}`);
      return r.value;
    }
    const signIn = (login: string) => ok(login, 'signIn', { login, passphrase: SEED_PASSPHRASE });
    /** The pushes one window received. */
    const to = (id: string) => pushed.filter(([s]) => s === id).map(([, e]) => e);
    /** Waits for the router's timer or a push listener to have done something (polled, bounded). */
    const until = async (what: () => boolean, ms = 10_000) => {
      const deadline = Date.now() + ms;
      while (!what()) {
        if (Date.now() > deadline) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    return { core, router, pushed, logged, call, raw, ok, signIn, to, until };
  };
}
