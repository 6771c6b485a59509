import { CHANNELS, ENDPOINT_NAMES, type EndpointName } from './channels';
import type { Result } from './errors';
import type { InputOf, OutputOf } from './ipc';

/**
 * One intent function of `window.cableroom`. The input is optional only when the schema requires
 * nothing (`{}` is a valid input); a field the schema requires is required here too.
 */
export type EndpointCall<K extends EndpointName> =
  Record<string, never> extends InputOf<K>
    ? (input?: InputOf<K>) => Promise<Result<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;

/** The intent-level API exposed to the renderer as `window.cableroom`. */
export type CableroomApi = { readonly [K in EndpointName]: EndpointCall<K> };

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Builds `window.cableroom` from the contract over an `invoke` transport
 * (`ipcRenderer.invoke` in the preload, a Playwright binding in the e2e harness).
 * Only intent functions are exposed: never the transport itself (STYLE.md §5).
 */
export function buildCableroomApi(invoke: Invoke): CableroomApi {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const name of ENDPOINT_NAMES) {
    const channel = CHANNELS[name];
    api[name] = (input?: unknown) => invoke(channel, input ?? {});
  }
  return Object.freeze(api) as unknown as CableroomApi;
}
