import { afterEach } from 'vitest';
import { createIpcRouter, type Sender, type SlowCallLog } from '../../electron/main/router';
import { seededCore } from './tempCore';

/** The app's own top-level frame, as main sees it. */
export const APP = 'app://cableroom/index.html';
export const APP_FRAME: Sender = { id: '1', url: APP, isMainFrame: true };

/**
 * For a test file: the real IPC router over a fresh seeded core, disposed after each test;
 * unexpected errors are collected in `logged` instead of the console.
 */
export function routerFixture() {
  let dispose: () => void = () => {};
  afterEach(() => dispose());
  return function router(options: Readonly<{ slowCalls?: SlowCallLog }> = {}) {
    const core = seededCore();
    dispose = core.dispose;
    const logged: unknown[] = [];
    const r = createIpcRouter({
      core,
      isTrustedUrl: (url) => url.startsWith('app://cableroom/'),
      logError: (_m, e) => logged.push(e),
      ...options,
    });
    return { r, core, logged };
  };
}
