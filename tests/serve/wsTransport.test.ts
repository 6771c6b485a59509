import { describe, expect, test } from 'vitest';
import { decodeWire, encodeWire } from '../../electron/contract/wire';
import { webSocketTransport, type SocketLike } from '../../renderer/src/common/wsTransport';

/** The renderer's WebSocket transport (issue 14 item 9) against a scripted socket. */
function scriptedSocket() {
  const listeners = new Map<string, Array<(event?: { data: unknown }) => void>>();
  const sent: unknown[] = [];
  const socket = {
    readyState: 0,
    send: (text: string) => sent.push(decodeWire(text)),
    addEventListener: (type: string, listener: (event?: { data: unknown }) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
  };
  const fire = (type: string, event?: { data: unknown }) => listeners.get(type)?.forEach((l) => l(event));
  return { socket: socket as SocketLike & { readyState: number }, sent, fire };
}

describe('the renderer WebSocket transport', () => {
  test('calls made before the socket opens are sent once it does, and answered by id', async () => {
    const { socket, sent, fire } = scriptedSocket();
    const transport = webSocketTransport(socket, () => new Error('closed'));
    const first = transport.invoke('session:current', {});
    const second = transport.invoke('users:list', {});
    expect(sent).toEqual([]);
    socket.readyState = 1;
    fire('open');
    expect(sent).toEqual([
      { id: 1, channel: 'session:current', input: {} },
      { id: 2, channel: 'users:list', input: {} },
    ]);
    fire('message', { data: encodeWire({ id: 2, result: { ok: true, value: [] } }) });
    fire('message', { data: encodeWire({ id: 1, result: { ok: true, value: null } }) });
    await expect(first).resolves.toEqual({ ok: true, value: null });
    await expect(second).resolves.toEqual({ ok: true, value: [] });
  });

  test('push messages go to the listeners until they unsubscribe', () => {
    const { socket, fire } = scriptedSocket();
    const transport = webSocketTransport(socket, () => new Error('closed'));
    const seen: unknown[] = [];
    const stop = transport.onPush((e) => seen.push(e));
    fire('message', { data: encodeWire({ push: { kind: 'inbox' } }) });
    stop();
    fire('message', { data: encodeWire({ push: { kind: 'alerts' } }) });
    expect(seen).toEqual([{ kind: 'inbox' }]);
  });

  test('a closed connection fails pending and later calls with the given error', async () => {
    const { socket, fire } = scriptedSocket();
    const transport = webSocketTransport(socket, () => new Error('the connection has closed'));
    const pending = transport.invoke('session:current', {});
    fire('close');
    await expect(pending).rejects.toThrow('the connection has closed');
    await expect(transport.invoke('session:current', {})).rejects.toThrow('the connection has closed');
  });
});
