import { contextBridge, ipcRenderer } from 'electron';
import { buildCableroomApi } from '../contract/api';

/**
 * The whole bridge: `window.cableroom`, one intent function per contract endpoint, built by the
 * same `buildCableroomApi` the e2e harness uses (ARCHITECTURE.md). Nothing else is exposed: never
 * `ipcRenderer` itself, never the IPC event (STYLE.md §5).
 *
 * Runs sandboxed: bundled to one CommonJS file (dist/preload/preload.cjs) whose only require is 'electron'.
 */
contextBridge.exposeInMainWorld(
  'cableroom',
  buildCableroomApi((channel, input) => ipcRenderer.invoke(channel, input)),
);
