import type { Invoke } from '../../../electron/contract/api';
import { decodeWire, encodeWire } from '../../../electron/contract/wire';

/**
 * The renderer's transport when `cableroom serve` served the page (issue 14 item 9): every call
 * of `window.cableroom` is one `{ id, channel, input }` message on one WebSocket, answered by
 * `{ id, result }`; `{ push }` messages go to the push listeners (push-design.md); `{ resume }`
 * hands the secret with which this tab's next connection (after a reload) takes up its session
 * to `onResume`. If the connection closes, every pending and later call fails with the error
 * `closedError` makes: the page must be opened again.
 */

/** What the transport needs of a WebSocket (the browser's, or `ws`'s in the tests). */
export type SocketLike = {
  readonly readyState: number;
  send(text: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
};

export type WebSocketTransport = Readonly<{
  invoke: Invoke;
  onPush(listener: (event: unknown) => void): () => void;
}>;

const OPEN = 1;

export function webSocketTransport(
  socket: SocketLike,
  closedError: () => Error,
  onResume: (secret: string) => void = () => undefined,
): WebSocketTransport {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const queued: string[] = [];
  const pushListeners = new Set<(event: unknown) => void>();
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const text of queued.splice(0)) socket.send(text);
  });
  socket.addEventListener('message', (event) => {
    if (typeof event.data !== 'string') return;
    let message: unknown;
    try {
      message = decodeWire(event.data);
    } catch {
      return;
    }
    if (message === null || typeof message !== 'object') return;
    if ('resume' in message && typeof message.resume === 'string') {
      onResume(message.resume);
      return;
    }
    if ('push' in message) {
      for (const listener of pushListeners) listener(message.push);
      return;
    }
    if ('id' in message && typeof message.id === 'number' && 'result' in message) {
      const call = pending.get(message.id);
      pending.delete(message.id);
      call?.resolve(message.result);
    }
  });
  const fail = () => {
    if (closed) return;
    closed = true;
    queued.length = 0;
    for (const call of pending.values()) call.reject(closedError());
    pending.clear();
  };
  socket.addEventListener('close', fail);
  socket.addEventListener('error', fail);

  return Object.freeze({
    invoke: (channel, input) =>
      new Promise((resolve, reject) => {
        if (closed) return reject(closedError());
        const id = nextId++;
        const text = encodeWire({ id, channel, input });
        pending.set(id, { resolve, reject });
        if (socket.readyState === OPEN) socket.send(text);
        else queued.push(text);
      }),
    onPush(listener) {
      pushListeners.add(listener);
      return () => {
        pushListeners.delete(listener);
      };
    },
  });
}
