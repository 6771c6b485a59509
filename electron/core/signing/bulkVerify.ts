import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainView } from '../../domain/chain';
import { keyCache, type KeyCache } from '../crypto/verify';
import { KEY_ATTESTED } from '../audit/keyRegistry';
import { allPublicKeys } from '../crypto/keyStore';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { signedCableCount, signedCableIdsAfter } from './chainRecord';
import { readChainBytes, readOneChain, type ChainBytes } from './chainBytes';
import { chainEntry, chainView, checkChainBytes, type KeyLookup, type KnownKey, type Verifier } from './verifyChain';

/**
 * Verifying signature chains: one cable on this thread (opening a cable), or every signed cable
 * of a database on all cores (`cableroom verify --all`). The main thread reads the signed bytes
 * of a page of cables at a time (`readChainBytes`: SQLite writes the canonical text, content once
 * per cable); worker threads run OpenSSL's Ed25519 verify over packed batches. Chain
 * completeness and key ownership are decided on the main thread, so a worker only ever answers
 * "does this signature match".
 */
export type CableVerification = Readonly<{ cableId: number; ref: string } & ChainView>;

/**
 * Keys known to this database, as KeyObjects, looked up by fingerprint when asked. Only keys whose
 * creation the audit trail records count (issue 13 item 6): a key written in by hand is unknown.
 */
export function databaseKeys(db: Db, toKey: KeyCache = keyCache()): KeyLookup {
  return (fingerprint) => {
    const r = prepared(
      db,
      `SELECT k.public_key, p.key AS person_key FROM person_keys k JOIN people p ON p.id = k.person_id
        WHERE k.fingerprint = ? AND ${KEY_ATTESTED}`,
    ).get(fingerprint) as { public_key: Buffer; person_key: string } | undefined;
    return r ? { personKey: r.person_key, key: toKey(new Uint8Array(r.public_key)) } : null;
  };
}

/**
 * A person's full name by directory key (the key itself when unknown), each looked up once: a
 * run of `verify --all` names the same few signers hundreds of thousands of times.
 */
export function personNames(db: Db): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let name = known.get(key);
    if (name === undefined) {
      name = (prepared(db, 'SELECT full_name FROM people WHERE key = ?').pluck().get(key) as string | undefined) ?? key;
      known.set(key, name);
    }
    return name;
  };
}

/**
 * The keys one cable's chain names (attested ones only, as `databaseKeys`) and the names of its
 * signers, in one query: opening a cable asks for no more (issue 15 item 2).
 */
function chainDirectory(
  db: Db,
  cableId: number,
  toKey: KeyCache,
): Readonly<{ keys: KeyLookup; names: (key: string) => string }> {
  const rows = prepared(
    db,
    `SELECT s.key_fingerprint AS fingerprint, k.public_key, p.key AS person_key, n.full_name, s.signer
       FROM cable_signatures s
       LEFT JOIN person_keys k ON k.fingerprint = s.key_fingerprint
        AND EXISTS (SELECT 1 FROM people p WHERE p.id = k.person_id AND ${KEY_ATTESTED})
       LEFT JOIN people p ON p.id = k.person_id
       LEFT JOIN people n ON n.key = s.signer
      WHERE s.cable_id = ?`,
  ).all(cableId) as {
    fingerprint: string;
    public_key: Buffer | null;
    person_key: string | null;
    full_name: string | null;
    signer: string;
  }[];
  const keys = new Map<string, KnownKey>();
  const names = new Map<string, string>();
  for (const r of rows) {
    if (r.public_key && r.person_key && !keys.has(r.fingerprint))
      keys.set(r.fingerprint, { personKey: r.person_key, key: toKey(new Uint8Array(r.public_key)) });
    if (r.full_name !== null) names.set(r.signer, r.full_name);
  }
  return { keys: (f) => keys.get(f) ?? null, names: (k) => names.get(k) ?? k };
}

/**
 * The chain of one cable, or null when it carries no signatures and was never recorded as signed
 * (historical, imported from FRUS); a released cable stripped of its chain reads as TAMPERED.
 * `verify` may remember valid signatures (`memoVerifier`), `toKey` KeyObjects.
 */
export function verifyOneCable(
  db: Db,
  cableId: number,
  options: Readonly<{ verify?: Verifier; toKey?: KeyCache }> = {},
): ChainView | null {
  const signed = readOneChain(db, cableId);
  if (!signed) return null;
  const { keys, names } = chainDirectory(db, cableId, options.toKey ?? keyCache());
  return checkChainBytes(signed, keys, names, options.verify);
}

// ---------------------------------------------------------------------------------------------

/** The worker: plain JavaScript so that it runs the same from TypeScript tests and from the bundle. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = [];
parentPort.on('message', (m) => {
  if (m.keys) { for (const raw of m.keys) keys.push(createPublicKey({ key: Buffer.concat([PREFIX, Buffer.from(raw)]), format: 'der', type: 'spki' })); return; }
  const { id, buffer, count } = m;
  const keyIndex = new Int32Array(buffer, 0, count);
  const offsets = new Uint32Array(buffer, 4 * count, count + 1);
  const sigs = new Uint8Array(buffer, 8 * count + 4, 64 * count);
  const bytes = new Uint8Array(buffer, 72 * count + 4);
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const key = keyIndex[i] < 0 ? null : keys[keyIndex[i]];
    out[i] = key && verify(null, bytes.subarray(offsets[i], offsets[i + 1]), key, sigs.subarray(i * 64, i * 64 + 64)) ? 1 : 0;
  }
  parentPort.postMessage({ id, out, buffer }, [out.buffer, buffer]);
});
`;

/**
 * One batch for a worker, in one buffer: each signature's key by index (-1: unknown, or not the
 * signer's: never checked), the offsets of the signed messages, the signatures, then the messages
 * end to end. The worker hands the buffer back with its answer, to be used again: a fresh buffer
 * per batch cost more in page faults than packing it.
 */
type Batch = { id: number; buffer: ArrayBuffer; count: number };

const batchLayout = (count: number) => ({ offsets: 4 * count, sigs: 8 * count + 4, bytes: 72 * count + 4 });

class VerifyPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (out: Uint8Array) => void; reject: (e: Error) => void }>();
  /** Buffers the workers gave back. */
  private readonly spare: ArrayBuffer[] = [];

  constructor(size: number, publicKeys: ReadonlyArray<Uint8Array>) {
    this.workers = Array.from({ length: size }, () => {
      const w = new Worker(WORKER_SOURCE, { eval: true });
      w.postMessage({ keys: publicKeys.map((k) => Uint8Array.from(k)) });
      w.on('message', (m: { id: number; out: Uint8Array; buffer: ArrayBuffer }) => {
        if (this.spare.length < 16) this.spare.push(m.buffer);
        this.pending.get(m.id)?.resolve(m.out);
        this.pending.delete(m.id);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      return w;
    });
  }

  /** A buffer of at least `bytes`: one given back if one is large enough. */
  buffer(bytes: number): ArrayBuffer {
    const i = this.spare.findIndex((b) => b.byteLength >= bytes);
    return i >= 0 ? this.spare.splice(i, 1)[0]! : new ArrayBuffer(Math.ceil(bytes * 1.25));
  }

  run(batch: Batch): Promise<Uint8Array> {
    const worker = this.workers[batch.id % this.workers.length]!;
    return new Promise((resolve, reject) => {
      this.pending.set(batch.id, { resolve, reject });
      worker.postMessage(batch, [batch.buffer]);
    });
  }

  /** Stops every worker; a batch still in a worker is rejected (its answer will never come). */
  async close(): Promise<void> {
    const stopped = new Error('The signature workers were stopped.');
    for (const p of this.pending.values()) p.reject(stopped);
    this.pending.clear();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

export type VerifyAllOptions = Readonly<{
  /** Worker threads; defaults to the number of cores. */
  workers?: number;
  /** Cables read per range query. */
  rangeSize?: number;
  /** Only these cables (e.g. `verify REF`); default every signed cable. */
  cableIds?: ReadonlyArray<number>;
  onCable?: (result: CableVerification) => void;
  onProgress?: (done: number, total: number) => void;
  /**
   * Stops the run (the app's Cancel): no further slice is read, batches still in the workers are
   * dropped unreported, the workers are terminated, and the summary says `cancelled`.
   */
  signal?: AbortSignal;
}>;

export type VerifyAllSummary = Readonly<{
  /** Cables and signatures decided (reported through `onCable`), and how many of those failed. */
  cables: number;
  signatures: number;
  failed: number;
  seconds: number;
  /** Stopped by `signal` before every cable was decided; the counts are what was decided. */
  cancelled: boolean;
}>;

/**
 * Verifies every signed cable (or the given ones) on all cores; results arrive through `onCable`
 * in id order, as they are decided, and are not kept (issue 15 item 3: memory flat in the number
 * of cables). Ids are read a page at a time, and only the signed cables' rows are read.
 *
 * Cancelling (`signal`) resolves rather than rejects: what was decided until then stands, and the
 * caller (the app's Integrity run, audited) reports it. A batch is reported whole or not at all,
 * each after the one before it, so `onCable` stays in id order and `onProgress`'s `done` is the
 * number of cables reported; batches still in the workers when the signal comes are dropped.
 */
export async function verifyAllCables(db: Db, options: VerifyAllOptions = {}): Promise<VerifyAllSummary> {
  const started = process.hrtime.bigint();
  const { signal } = options;
  const known = allPublicKeys(db);
  const fingerprints = [...known.keys()];
  const keyIndexOf = new Map(fingerprints.map((f, i) => [f, i]));
  const names = personNames(db);
  const workers = options.workers ?? Math.max(1, availableParallelism());
  const pool = new VerifyPool(
    workers,
    fingerprints.map((f) => known.get(f)!.publicKey),
  );
  // Wakes the loop below when it waits on a batch and the run is cancelled.
  let wake = (): void => {};
  const stop = new Promise<void>((resolve) => (wake = resolve));
  signal?.addEventListener('abort', wake, { once: true });

  // Every cable carrying signatures, and every cable the trail recorded as signed (item 5).
  const named = options.cableIds ? [...new Set(options.cableIds)].sort((a, b) => a - b) : null;
  const total = named ? named.length : signedCableCount(db);
  const rangeSize = options.rangeSize ?? 512;
  let position = 0;
  let after = 0;
  let exhausted = false;
  const nextSlice = (): number[] => {
    const ids = named ? named.slice(position, (position += rangeSize)) : signedCableIdsAfter(db, after, rangeSize);
    if (!named && ids.length > 0) after = ids[ids.length - 1]!;
    exhausted = ids.length === 0;
    return ids;
  };
  let signatureCount = 0;
  let failed = 0;
  let cables = 0;
  let batchId = 0;
  let reported = 0;
  const inFlight: Promise<void>[] = [];
  const maxInFlight = 2 * workers + 1;
  /** Waits for the oldest batch to be reported; false when cancelled first. */
  const oldestReported = async (): Promise<boolean> => {
    await (signal ? Promise.race([inFlight[0], stop]) : inFlight[0]);
    if (signal?.aborted) return false;
    inFlight.shift();
    return true;
  };

  try {
    let previous: Promise<unknown> = Promise.resolve();
    while (!signal?.aborted) {
      const slice = nextSlice();
      if (slice.length === 0) break;
      const read = readChainBytes(db, slice);
      const batch = packBatch(pool, batchId++, read, keyIndexOf, known);
      // A cable the trail recorded as signed that is no longer in the file at all (item 5).
      const present = new Set(read.map((c) => c.cableId));
      const gone = named ? [] : slice.filter((id) => !present.has(id));
      // Reported once this batch is checked and the one before it reported: in id order.
      const task = Promise.all([pool.run(batch), previous]).then(([out]) => {
        if (signal?.aborted) return;
        let k = 0;
        const results: CableVerification[] = gone.map((cableId) => ({
          cableId,
          ref: `cable #${cableId}`,
          status: 'TAMPERED',
          signatures: [],
          problems: ['This cable was released signed, but it has been removed from the database.'],
        }));
        for (const c of read) {
          results.push(toResult(c, out.subarray(k, k + c.signatures.length), known, names));
          k += c.signatures.length;
        }
        if (gone.length > 0) results.sort((a, b) => a.cableId - b.cableId);
        for (const result of results) {
          if (result.status !== 'VERIFIED') failed++;
          options.onCable?.(result);
        }
        cables += slice.length;
        signatureCount += batch.count;
        reported++;
        options.onProgress?.(cables, total);
      });
      previous = task;
      inFlight.push(task);
      // The pipeline is full: wait for the oldest batch.
      if (inFlight.length >= maxInFlight && !(await oldestReported())) break;
    }
    while (inFlight.length > 0) {
      if (!(await oldestReported())) break;
    }
    // Cancelled once every batch read was reported: done if there was nothing more to read.
    if (signal?.aborted && !exhausted && reported === batchId) nextSlice();
  } finally {
    signal?.removeEventListener('abort', wake);
    // Batches dropped on cancel (or after a worker's error) settle here, never unhandled.
    const dropped = Promise.allSettled(inFlight);
    await pool.close();
    await dropped;
  }
  return {
    cables,
    signatures: signatureCount,
    failed,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    cancelled: !(exhausted && reported === batchId),
  };
}

/** Packs the batch of `cables` into a buffer from the pool (`Batch`). */
function packBatch(
  pool: VerifyPool,
  id: number,
  cables: ReadonlyArray<ChainBytes>,
  keyIndexOf: ReadonlyMap<string, number>,
  known: ReturnType<typeof allPublicKeys>,
): Batch {
  const contents = cables.map((c) => Buffer.from(c.content));
  let count = 0;
  let total = 0;
  cables.forEach((c, n) => {
    for (const s of c.signatures) total += Buffer.byteLength(s.head) + contents[n]!.length;
    count += c.signatures.length;
  });
  const at0 = batchLayout(count);
  const buffer = pool.buffer(at0.bytes + total);
  const keyIndex = new Int32Array(buffer, 0, count);
  const offsets = new Uint32Array(buffer, at0.offsets, count + 1);
  const writer = Buffer.from(buffer);
  let i = 0;
  let at = 0;
  cables.forEach((c, n) => {
    for (const s of c.signatures) {
      offsets[i] = at;
      at += writer.write(s.head, at0.bytes + at);
      at += contents[n]!.copy(writer, at0.bytes + at);
      const k = known.get(s.key);
      const whole = s.signature.length === 64;
      keyIndex[i] = k && k.personKey === s.signer && whole ? keyIndexOf.get(s.key)! : -1;
      if (whole) writer.set(s.signature, at0.sigs + i * 64);
      i++;
    }
  });
  offsets[count] = at;
  return { id, buffer, count };
}

function toResult(
  c: ChainBytes,
  ok: Uint8Array,
  known: ReturnType<typeof allPublicKeys>,
  names: (key: string) => string,
): CableVerification {
  const signatures = c.signatures.map((s, i) => {
    const k = known.get(s.key);
    const problem = !k
      ? `unknown key ${s.key}`
      : k.personKey !== s.signer
        ? `key ${s.key} belongs to ${k.personKey}, not ${s.signer}`
        : ok[i] === 1
          ? null
          : 'the signature does not match the cable as stored';
    return chainEntry(s, names, problem);
  });
  return { cableId: c.cableId, ref: c.ref, ...chainView(c, signatures) };
}
