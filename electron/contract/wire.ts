/**
 * The WebSocket wire of `cableroom serve` (issue 14 item 9): how a call, its result envelope and a
 * push travel as JSON text between the served renderer and the server. Written once here, so the
 * renderer's transport and the server cannot disagree.
 *
 *   page → server  { id, channel, input }      one call; `id` a safe integer the page chose
 *   server → page  { id, result }              its envelope, `{ok:true,value} | {ok:false,error}`
 *   server → page  { push }                    a push event for this connection (push-design.md)
 *   server → page  { resume }                  the secret that lets this tab's next connection
 *                                              (after a reload) take up its session: the tab is the
 *                                              window, as in Electron, where a reload keeps the sign-in
 *
 * Payloads are plain objects, arrays, primitives and Uint8Array (ipc.ts). JSON has no bytes, so a
 * Uint8Array travels as `{ "$bytes": "<base64>" }`; an object key that itself starts with `$` is
 * sent with one more `$` and loses it on arrival, so no payload can be mistaken for bytes.
 * Decoding builds objects with `Object.fromEntries`, so a `__proto__` key stays an own property
 * (as Electron's structured clone keeps it) and never reaches a prototype.
 */

const BYTES = '$bytes';

/** The path of the WebSocket on the server. */
export const WIRE_PATH = '/cableroom-ipc';

/**
 * The `<meta name>` the server adds to index.html (content "websocket"): it tells the renderer to
 * talk over the WebSocket, since it has no preload bridge there.
 */
export const TRANSPORT_META_NAME = 'cableroom-transport';

export type WireCall = Readonly<{ id: number; channel: string; input: unknown }>;
export type WireMessage =
  Readonly<{ id: number; result: unknown }> | Readonly<{ push: unknown }> | Readonly<{ resume: string }>;

/** The query parameter of the WebSocket URL that presents a resume secret. */
export const RESUME_PARAM = 'resume';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function encodeValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: toBase64(value) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.startsWith('$') ? `$${k}` : k, encodeValue(v)]));
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === BYTES && typeof record[BYTES] === 'string') return fromBase64(record[BYTES]);
    return Object.fromEntries(keys.map((k) => [k.startsWith('$') ? k.slice(1) : k, decodeValue(record[k])]));
  }
  return value;
}

/** A value as JSON text, Uint8Arrays included. Throws on what JSON cannot carry (BigInt, cycles). */
export function encodeWire(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

/** The value `encodeWire` wrote. Throws on text that is not JSON or bytes that are not base64. */
export function decodeWire(text: string): unknown {
  return decodeValue(JSON.parse(text));
}

/** A decoded page → server message as a call, or null when it is not one. */
export function asWireCall(message: unknown): WireCall | null {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return null;
  const { id, channel, input } = message as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  // A channel that is not a string names no endpoint: the router answers UNKNOWN_CHANNEL.
  return { id, channel: typeof channel === 'string' ? channel : '', input };
}
