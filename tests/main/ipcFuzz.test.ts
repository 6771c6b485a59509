import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_CODES, type ErrorCode, type Result } from '../../electron/contract/errors';
import { CONTRACT, ENDPOINT_NAMES, type EndpointName } from '../../electron/contract/ipc';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { createIpcRouter, type IpcRouter, type Sender } from '../../electron/main/router';
import { seededCore, type SeededCore } from '../support/tempCore';
import { ENDPOINT_SAMPLES } from './endpointSamples';

/**
 * Issue 13, "tests that must exist": hostile input to every endpoint of the IPC contract, signed
 * out and as a CONFIDENTIAL trainee, through the real router over a real seeded SQLite file.
 * Whatever arrives, the router answers with an envelope and never throws; bad input is refused
 * as bad (BAD_REQUEST, NOT_SIGNED_IN, ACCESS_DENIED, NOT_FOUND…), never INTERNAL; and nothing
 * above the trainee's clearance (DOMAIN.md rule 18) — nor any secret — is in any answer.
 *
 * Two parts: a sweep that puts each hostile value in each field of each endpoint (every endpoint,
 * every field, every value: deterministic), then fast-check with a fixed seed over random
 * structures, bounded in time. Inputs are passed through structuredClone first, as IPC does.
 */

const APP = 'app://cableroom/index.html';
const SEED = 0x13_12;
/** Random inputs per endpoint and sender: with the sweep, the whole file runs in a few seconds. */
const RANDOM_RUNS_PER_ENDPOINT = 30;
/** A guard only: a property that somehow slows down stops here instead of stalling the suite. */
const RANDOM_MS_LIMIT_PER_ENDPOINT = 1500;

/**
 * Hostile values for any field: wrong types, sizes, characters and shapes. Nesting stops at 1000
 * levels: deeper than that, V8's structured clone (Electron's IPC) cannot carry it at all.
 */
function hostileValues(): ReadonlyArray<unknown> {
  const deep: Record<string, unknown> = {};
  let cursor = deep;
  for (let i = 0; i < 1000; i++) {
    const next: Record<string, unknown> = {};
    cursor.a = next;
    cursor = next;
  }
  const deepArray: unknown[] = [];
  let arr = deepArray;
  for (let i = 0; i < 1000; i++) {
    const next: unknown[] = [];
    arr.push(next);
    arr = next;
  }
  return [
    null,
    undefined,
    true,
    false,
    0,
    -1,
    -0,
    1.5,
    -(2 ** 31),
    2 ** 53 + 2,
    Number.MAX_VALUE,
    NaN,
    Infinity,
    -Infinity,
    10n,
    '',
    ' ',
    'x'.repeat(1_000_000),
    '\u0000\u0007\u001b[2J\u001b]0;pwned\u0007\r\n',
    '\u202eFDP TERCES\u202c\u200b\ufeff',
    "' OR 1=1 --",
    '"Khrushchev" OR NEAR(a b) *',
    '../../../../etc/passwd',
    '__proto__',
    'constructor',
    '999999999999999999999999',
    '1',
    {},
    [],
    [[[]]],
    [{}],
    ['x'.repeat(100_000)],
    Array.from({ length: 5000 }, (_, i) => i),
    new Uint8Array(0),
    new Uint8Array([0xff, 0xfe, 0, 1]),
    new Date(0),
    new Map([['login', 'admin']]),
    new Set(['admin']),
    JSON.parse('{"__proto__":{"polluted":true,"role":"admin"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    Object.assign(Object.create(null) as object, { role: 'admin' }),
    deep,
    deepArray,
  ];
}

/** Paths to every field of a sample input (objects and arrays; not into byte arrays). */
function fieldPaths(value: unknown, prefix: ReadonlyArray<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return [];
  const keys: Array<string | number> = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => {
    const path = [...prefix, k];
    return [path, ...fieldPaths((value as Record<string | number, unknown>)[k], path)];
  });
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], input);
}

/** A copy of `input` with `replacement` at `path`. */
function withField(input: unknown, path: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(input) ? [...input] : { ...(input as object) }) as Record<string | number, unknown>;
  Object.defineProperty(copy, head, {
    value: withField(copy[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** What travels over IPC: a structured clone (prototypes gone, own `__proto__` kept); null if IPC cannot carry it. */
function overIpc(input: unknown): { value: unknown } | null {
  try {
    return { value: structuredClone(input) };
  } catch {
    return null;
  }
}

/** A short description of an input for a failure message (a 1 MB string is not printed whole). */
function describeInput(input: unknown): string {
  try {
    const text = serialize(input);
    return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
  } catch {
    return Object.prototype.toString.call(input);
  }
}

function serialize(result: unknown): string {
  return JSON.stringify(result, (_k, v: unknown) => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
    if (typeof v === 'bigint') return v.toString();
    return v;
  });
}

type Mode = 'signed out' | 'trainee';

/** Codes that say "your request is wrong or not yours": everything but a failure of Cableroom itself. */
const REFUSALS: ReadonlyArray<ErrorCode> = ERROR_CODES.filter((c) => c !== 'INTERNAL');

describe('IPC fuzz: hostile values into every endpoint (fixed seed, bounded time)', () => {
  let core: SeededCore;
  let router: IpcRouter;
  const logged: string[] = [];
  /** Texts of what a CONFIDENTIAL trainee must never receive. */
  let secrets: ReadonlyArray<string> = [];
  /** Ids of what lies above the trainee's clearance (cables, their deliveries, the canary draft): guessed ids. */
  let secretIds: ReadonlyArray<number> = [];
  const senders: Record<Mode, Sender> = {
    'signed out': { id: 'out', url: APP, isMainFrame: true },
    trainee: { id: 'trainee', url: APP, isMainFrame: true },
  };
  /** signIn and signOut change the session, so as a trainee they get a sender of their own. */
  const sessionSender: Sender = { id: 'trainee-session', url: APP, isMainFrame: true };
  /** `mode:code` of every answer, to show the fuzz got past the schema into core. */
  const seen = new Set<string>();

  beforeAll(async () => {
    core = seededCore();
    router = createIpcRouter({
      core,
      isTrustedUrl: (url) => url.startsWith('app://cableroom/'),
      logError: (message, error) => logged.push(`${message}: ${String(error)}`),
    });
    for (const sender of [senders.trainee, sessionSender]) {
      const r = await router.handle(sender, CONTRACT.signIn.channel, { login: 'trainee', passphrase: SEED_PASSPHRASE });
      expect(r.ok).toBe(true);
    }
    // A SECRET draft with a canary: the trainee must never see it, whatever the input.
    const officer = core.users.byLogin('duty-usro');
    const draft = core.drafts.create(officer, {});
    const ids = core.db
      .prepare(
        `SELECT id FROM cables WHERE class_rank >= 2
         UNION SELECT id FROM deliveries WHERE cable_id IN (SELECT id FROM cables WHERE class_rank >= 2)`,
      )
      .pluck()
      .all() as number[];
    secretIds = [...new Set([...ids, draft.id])];
    core.drafts.save(officer, draft.id, draft.revision, {
      ...draft.draft,
      classification: 'SECRET',
      subject: 'CANARY-SUBJECT-7731 MISSILE SITES',
      paragraphs: [{ n: 1, portion: 'S', fyi: false, text: 'CANARY-BODY-7731 the sites are at Kozelsk.' }],
    });
    const above = core.db
      .prepare(
        `SELECT c.subject AS text FROM cables c WHERE c.class_rank >= 2
         UNION SELECT p.text FROM paragraphs p JOIN cables c ON c.id = p.cable_id WHERE c.class_rank >= 2`,
      )
      .all() as Array<{ text: string }>;
    const hashes = core.db
      .prepare('SELECT hex(passphrase_hash) AS h, hex(passphrase_salt) AS s FROM users')
      .all() as Array<{
      h: string;
      s: string;
    }>;
    const keys = core.db
      .prepare('SELECT hex(sealed_secret) AS k FROM person_keys WHERE sealed_secret IS NOT NULL')
      .all() as Array<{ k: string }>;
    secrets = [
      'CANARY-SUBJECT-7731',
      'CANARY-BODY-7731',
      // A paragraph's text is distinctive from its first 40 characters.
      ...above.map((r) => r.text.slice(0, 40)).filter((t) => t.length >= 20),
      ...hashes.flatMap((r) => [r.h.toLowerCase().slice(0, 32), r.s.toLowerCase()]),
      ...keys.map((r) => r.k.toLowerCase().slice(0, 32)),
    ];
    expect(secrets.length).toBeGreaterThan(10);
  });

  afterAll(() => core?.dispose());

  /**
   * One call (its input as IPC delivers it), checked: an envelope, never a throw, never INTERNAL,
   * nothing above the trainee's clearance.
   */
  async function check(mode: Mode, name: EndpointName, input: unknown): Promise<void> {
    const sender = mode === 'trainee' && CONTRACT[name].public ? sessionSender : senders[mode];
    let result: Result<unknown>;
    try {
      result = await router.handle(sender, CONTRACT[name].channel, input);
    } catch (e) {
      return expect.fail(`${name} (${mode}) threw: ${String(e)} with ${describeInput(input)}`);
    }
    // Plain checks on this hot path (tens of thousands of calls); expect() only to report a failure.
    const where = (): string => `${name} (${mode}) with ${describeInput(input)}`;
    const keys = typeof result === 'object' && result !== null ? Object.keys(result).sort().join(',') : typeof result;
    const envelope = result.ok
      ? keys === 'ok,value'
      : keys === 'error,ok' &&
        REFUSALS.includes(result.error.code) &&
        typeof result.error.message === 'string' &&
        result.error.message.length < 2000;
    if (!envelope) expect.fail(`${where()}: not a refusal envelope: ${serialize(result).slice(0, 500)}`);
    const code = result.ok ? 'OK' : result.error.code;
    seen.add(`${mode}:${code}`);
    if (!CONTRACT[name].public) {
      // Signed out, nothing gets past the gate; signed in, the session is never lost on the way.
      if (mode === 'signed out' && code !== 'NOT_SIGNED_IN') expect.fail(`${where()}: passed the gate (${code})`);
      if (mode === 'trainee' && code === 'NOT_SIGNED_IN') expect.fail(`${where()}: the session was lost`);
    }
    const text = serialize(result);
    for (const secret of secrets) {
      if (text.includes(secret)) expect.fail(`${where()} leaked "${secret}" in ${text.slice(0, 300)}`);
    }
    if (logged.length > 0) expect.fail(`${where()}: logged ${logged.join('; ')}`);
  }

  for (const mode of ['signed out', 'trainee'] as const) {
    test(`sweep, ${mode}: each hostile value in each field of each endpoint, and as the whole input`, async () => {
      // Cloned once, as IPC would deliver them; the samples around them are plain data already.
      const values = hostileValues().map((v) => overIpc(v)!.value);
      for (const name of ENDPOINT_NAMES) {
        const sample = ENDPOINT_SAMPLES[name];
        for (const value of values) {
          await check(mode, name, value);
          await check(mode, name, withField(sample, ['unexpected'], value));
          await check(mode, name, withField(sample, ['__proto__'], value));
          for (const path of fieldPaths(sample)) await check(mode, name, withField(sample, path, value));
        }
        // Guessed ids of what lies above the trainee's clearance, in every numeric field.
        for (const path of fieldPaths(sample).filter((p) => typeof valueAt(sample, p) === 'number')) {
          for (const id of secretIds) await check(mode, name, withField(sample, path, id));
        }
      }
      // Nothing reached Object.prototype.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    test(`random structures, ${mode} (fast-check, seed ${SEED})`, async () => {
      const key = fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'then', 'length'),
        fc.string({ maxLength: 12 }),
      );
      // Guessed ids of what the trainee may not see, among everything else.
      const guessedId = fc.constantFrom(...secretIds);
      const anything = fc.anything({
        key,
        maxDepth: 4,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withUnicodeString: true,
      });
      for (const name of ENDPOINT_NAMES) {
        const sample = ENDPOINT_SAMPLES[name];
        const paths = fieldPaths(sample);
        const input = fc.oneof(
          anything,
          // One field of a valid input replaced by anything.
          paths.length > 0
            ? fc
                .tuple(fc.constantFrom(...paths), fc.oneof(anything, guessedId))
                .map(([path, v]) => withField(sample, path, v))
            : anything,
          // A valid input with an extra field.
          fc.tuple(key, anything).map(([k, v]) => withField(sample, [k], v)),
        );
        await fc.assert(
          fc.asyncProperty(input, async (i) => {
            const delivered = overIpc(i);
            if (delivered) await check(mode, name, delivered.value);
          }),
          {
            seed: SEED,
            numRuns: RANDOM_RUNS_PER_ENDPOINT,
            interruptAfterTimeLimit: RANDOM_MS_LIMIT_PER_ENDPOINT,
            markInterruptAsFailure: false,
          },
        );
      }
    });
  }

  test('the fuzz reached the services: some calls passed the schema and were answered by core', () => {
    // Not only the gate and the schema: core itself refused (or answered) hostile but well-formed input.
    expect([...seen]).toEqual(
      expect.arrayContaining(['trainee:BAD_REQUEST', 'trainee:NOT_FOUND', 'trainee:ACCESS_DENIED', 'trainee:OK']),
    );
  });
});
