import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildCableroomApi } from '../contract/api';
import { PUSH_CHANNEL } from '../contract/push';

/**
 * The whole bridge: `window.cableroom`, one intent function per contract endpoint, built by the
 * same `buildCableroomApi` the e2e harness uses (ARCHITECTURE.md). Nothing else is exposed: never
 * `ipcRenderer` itself, never the IPC event (STYLE.md §5).
 *
 * Runs sandboxed: bundled to one CommonJS file (dist/preload/preload.cjs) whose only require is 'electron'.
 */
contextBridge.exposeInMainWorld(
  'cableroom',
  buildCableroomApi(
    (channel, input) => ipcRenderer.invoke(channel, input),
    // Push (issue 14 item 1): the listener gets the event, never the IPC event object.
    (receive) => {
      const handler = (_ipc: IpcRendererEvent, event: unknown): void => receive(event);
      ipcRenderer.on(PUSH_CHANNEL, handler);
      return () => {
        ipcRenderer.removeListener(PUSH_CHANNEL, handler);
      };
    },
  ),
);
