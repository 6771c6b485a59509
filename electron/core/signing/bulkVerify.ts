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
import { chainEntry, chainView, checkChainBytes, type KeyLookup, type Verifier } from './verifyChain';

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
 * The chain of one cable, or null when it carries no signatures and was never recorded as signed
 * (historical, imported from FRUS); a released cable stripped of its chain reads as TAMPERED.
 */
export function verifyOneCable(
  db: Db,
  cableId: number,
  keys: KeyLookup = databaseKeys(db),
  verify?: Verifier,
): ChainView | null {
  const signed = readOneChain(db, cableId);
  return signed ? checkChainBytes(signed, keys, personNames(db), verify) : null;
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

  async close(): Promise<void> {
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
}>;

export type VerifyAllSummary = Readonly<{ cables: number; signatures: number; failed: number; seconds: number }>;

/**
 * Verifies every signed cable (or the given ones) on all cores; results arrive through `onCable`
 * in id order, as they are decided, and are not kept (issue 15 item 3: memory flat in the number
 * of cables). Ids are read a page at a time, and only the signed cables' rows are read.
 */
export async function verifyAllCables(db: Db, options: VerifyAllOptions = {}): Promise<VerifyAllSummary> {
  const started = process.hrtime.bigint();
  const known = allPublicKeys(db);
  const fingerprints = [...known.keys()];
  const keyIndexOf = new Map(fingerprints.map((f, i) => [f, i]));
  const names = personNames(db);
  const workers = options.workers ?? Math.max(1, availableParallelism());
  const pool = new VerifyPool(
    workers,
    fingerprints.map((f) => known.get(f)!.publicKey),
  );

  // Every cable carrying signatures, and every cable the trail recorded as signed (item 5).
  const named = options.cableIds ? [...new Set(options.cableIds)].sort((a, b) => a - b) : null;
  const total = named ? named.length : signedCableCount(db);
  const rangeSize = options.rangeSize ?? 512;
  let position = 0;
  let after = 0;
  const nextSlice = (): number[] => {
    if (named) return named.slice(position, (position += rangeSize));
    const ids = signedCableIdsAfter(db, after, rangeSize);
    if (ids.length > 0) after = ids[ids.length - 1]!;
    return ids;
  };
  let signatureCount = 0;
  let failed = 0;
  let done = 0;
  let cables = 0;
  let batchId = 0;
  const inFlight: Promise<void>[] = [];
  const maxInFlight = 2 * workers + 1;

  try {
    for (let slice = nextSlice(); slice.length > 0; slice = nextSlice()) {
      const read = readChainBytes(db, slice);
      const batch = packBatch(pool, batchId++, read, keyIndexOf, known);
      signatureCount += batch.count;
      // A cable the trail recorded as signed that is no longer in the file at all (item 5).
      const present = new Set(read.map((c) => c.cableId));
      const gone = named ? [] : slice.filter((id) => !present.has(id));
      cables += slice.length;
      const task = pool.run(batch).then((out) => {
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
        done += slice.length;
        options.onProgress?.(done, total);
      });
      inFlight.push(task);
      // Results are reported in id order: wait for the oldest batch when the pipeline is full.
      if (inFlight.length >= maxInFlight) await inFlight.shift();
    }
    while (inFlight.length > 0) await inFlight.shift();
  } finally {
    await pool.close();
  }
  return {
    cables,
    signatures: signatureCount,
    failed,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
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
