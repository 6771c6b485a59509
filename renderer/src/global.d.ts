import type { CableroomApi } from '../../electron/contract/ipc';

declare global {
  interface Window {
    /**
     * Installed by the preload (contextBridge) in Electron and by the e2e harness's init script
     * in Chromium; both build it with `buildCableroomApi`. Absent when the page is opened any
     * other way, which `api.ts` reports as BRIDGE_MISSING.
     */
    readonly cableroom?: CableroomApi;
  }
}

export {};
