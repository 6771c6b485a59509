import { buildCableroomApi } from '../../electron/contract/api';
import { PUSH_DISPATCH } from './pushDispatch';

/**
 * Bundled by the harness into the page's init script: builds `window.cableroom` with the same
 * `buildCableroomApi` the preload uses, over the Playwright binding `__cableroomInvoke`
 * (which forwards each call to the real IPC router in the test process).
 */
type BridgeWindow = Window & { __cableroomInvoke(channel: string, input: unknown): Promise<unknown> };

const w = window as unknown as BridgeWindow;
/**
 * Push (issue 14 item 1): the harness calls this (page.evaluate) with each event the router
 * chose for this page, as main's `webContents.send` reaches the preload's `ipcRenderer.on`.
 */
const pushReceivers = new Set<(event: unknown) => void>();
Object.defineProperty(w, PUSH_DISPATCH, {
  value: (event: unknown) => {
    for (const receive of [...pushReceivers]) receive(event);
  },
  writable: false,
  configurable: false,
  enumerable: false,
});
// Frozen and non-writable, as contextBridge makes the preload's object.
Object.defineProperty(w, 'cableroom', {
  value: buildCableroomApi(
    (channel, input) => w.__cableroomInvoke(channel, input),
    (receive) => {
      pushReceivers.add(receive);
      return () => {
        pushReceivers.delete(receive);
      };
    },
  ),
  writable: false,
  configurable: false,
  enumerable: true,
});
