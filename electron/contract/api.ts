import { CHANNELS, ENDPOINT_NAMES, type EndpointName } from './channels';
import type { Result } from './errors';
import type { InputOf, OutputOf } from './ipc';
import type { PushEvent, PushListener } from './push';

/**
 * One intent function of `window.cableroom`. The input is optional only when the schema requires
 * nothing (`{}` is a valid input); a field the schema requires is required here too.
 */
export type EndpointCall<K extends EndpointName> =
  Record<string, never> extends InputOf<K>
    ? (input?: InputOf<K>) => Promise<Result<OutputOf<K>>>
    : (input: InputOf<K>) => Promise<Result<OutputOf<K>>>;

/**
 * The intent-level API exposed to the renderer as `window.cableroom`: one call per endpoint, and
 * `onPush` (issue 14 item 1), which returns the function that unsubscribes.
 */
export type CableroomApi = { readonly [K in EndpointName]: EndpointCall<K> } & {
  readonly onPush: (listener: PushListener) => () => void;
};

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * The push transport: registers a receiver of the events main pushes to this window and returns
 * its unsubscribe (`ipcRenderer.on(PUSH_CHANNEL)` in the preload, a page function in the harness).
 */
export type Subscribe = (receive: (event: unknown) => void) => () => void;

/**
 * Builds `window.cableroom` from the contract over an `invoke` transport
 * (`ipcRenderer.invoke` in the preload, a Playwright binding in the e2e harness).
 * Only intent functions are exposed: never the transport itself (STYLE.md §5).
 */
export function buildCableroomApi(invoke: Invoke, subscribe?: Subscribe): CableroomApi {
  const api: Record<string, unknown> = {};
  for (const name of ENDPOINT_NAMES) {
    const channel = CHANNELS[name];
    api[name] = (input?: unknown) => invoke(channel, input ?? {});
  }
  // The listener gets the event only (never the IPC event object, STYLE.md §5); a transport
  // without push (the bridge-less client) subscribes to nothing.
  api.onPush = (listener: PushListener): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('onPush needs a function');
    return subscribe ? subscribe((event) => listener(event as PushEvent)) : () => undefined;
  };
  return Object.freeze(api) as unknown as CableroomApi;
}
