import { buildCableroomApi } from '../../electron/contract/api';

/**
 * Bundled by the harness into the page's init script: builds `window.cableroom` with the same
 * `buildCableroomApi` the preload uses, over the Playwright binding `__cableroomInvoke`
 * (which forwards each call to the real IPC router in the test process).
 */
type BridgeWindow = Window & { __cableroomInvoke(channel: string, input: unknown): Promise<unknown> };

const w = window as unknown as BridgeWindow;
// Frozen and non-writable, as contextBridge makes the preload's object.
Object.defineProperty(w, 'cableroom', {
  value: buildCableroomApi((channel, input) => w.__cableroomInvoke(channel, input)),
  writable: false,
  configurable: false,
  enumerable: true,
});
