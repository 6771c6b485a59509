import { describe, expect, test } from 'vitest';
import { asWireCall, decodeWire, encodeWire } from '../../electron/contract/wire';

/** The WebSocket wire of `cableroom serve` (issue 14 item 9) carries what Electron's IPC carries. */
describe('the serve wire', () => {
  test('Uint8Array travels as bytes, inside objects and arrays', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    const back = decodeWire(encodeWire({ files: [{ name: 'a.xml', bytes }], empty: new Uint8Array(0) })) as {
      files: Array<{ name: string; bytes: Uint8Array }>;
      empty: Uint8Array;
    };
    expect(back.files[0]!.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.files[0]!.bytes]).toEqual([...bytes]);
    expect(back.empty).toEqual(new Uint8Array(0));
  });

  test('a key that looks like the bytes marker stays a plain key', () => {
    const value = { $bytes: 'AAAA', $: 1, $$x: [{ $bytes: 'not base64 !' }], plain: 'x' };
    expect(decodeWire(encodeWire(value))).toEqual(value);
  });

  test('an own __proto__ key stays an own property and never becomes a prototype', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as object;
    const back = decodeWire(encodeWire(hostile)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.hasOwn(back, '__proto__')).toBe(true);
    expect((back as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  test('a message is a call only with a safe integer id; a channel that is not a string names none', () => {
    expect(asWireCall({ id: 1, channel: 'session:current', input: {} })).toEqual({
      id: 1,
      channel: 'session:current',
      input: {},
    });
    expect(asWireCall({ id: 2, channel: { toString: 'x' }, input: {} })).toMatchObject({ channel: '' });
    for (const bad of [null, 1, 'x', [], { id: '1' }, { id: 1.5 }, { id: 2 ** 60 }]) expect(asWireCall(bad)).toBeNull();
  });
});
