import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChainView } from '../../domain/chain';
import { KEY_ATTESTED } from '../audit/keyRegistry';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { verifyOneCable } from './bulkVerify';
import { readOneChain, type ChainBytes } from './chainBytes';
import { RECORDED_AS_SIGNED } from './chainRecord';
import { chainEntry, chainView } from './verifyChain';

/**
 * Verifying one cable's chain when it is opened in the app (issue 15 item 2), off the main
 * thread: the cable is shown at once with its chain "verifying signatures…" (status VERIFYING),
 * and the verdict follows. The chain's signed bytes are read on the main thread once the open
 * has returned (one query: SQLite writes the canonical text, chainBytes.ts); the Ed25519 checks
 * run on a small pool of worker threads, the chain's signatures spread over them. Chain completeness and key ownership are decided here,
 * exactly as `checkChain` does (rules 23–24): a worker only ever answers "does this signature
 * match". A signature found valid is remembered (key, message digest, signature), so opening a
 * cable again checks only what changed; any change to the stored cable changes the message.
 */

/** The worker: plain JavaScript, so that it runs the same from TypeScript tests and from the bundles. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map();
const keyOf = (raw) => {
  const id = Buffer.from(raw).toString('hex');
  let k = keys.get(id);
  if (!k) { k = createPublicKey({ key: Buffer.concat([PREFIX, Buffer.from(raw)]), format: 'der', type: 'spki' }); keys.set(id, k); }
  return k;
};
parentPort.on('message', ({ id, items }) => {
  const out = items.map((it) => { try { return verify(null, it.message, keyOf(it.key), it.signature); } catch { return false; } });
  parentPort.postMessage({ id, out });
});
`;

type Item = Readonly<{ message: Uint8Array; signature: Uint8Array; key: Uint8Array }>;

/**
 * Worker threads that check signatures; started on first use and kept, holding the process
 * open only while a check is pending. A worker that fails is replaced; its pending checks fail.
 */
export class SignaturePool {
  private workers: Worker[] = [];
  private readonly pending = new Map<number, { resolve: (out: boolean[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism()))) {}

  /** Starts the workers now (the app does so when a user signs in, so the first open does not wait). */
  warm(): void {
    while (this.workers.length < this.size) this.workers.push(this.spawn());
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.on('message', (m: { id: number; out: boolean[] }) => {
      this.pending.get(m.id)?.resolve(m.out);
      this.pending.delete(m.id);
      if (this.pending.size === 0) for (const x of this.workers) x.unref();
    });
    w.on('error', (e) => {
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      this.workers = this.workers.filter((x) => x !== w);
      for (const x of this.workers) x.unref();
    });
    // Idle workers never hold the process open; a pending check does (verify refs them). After
    // the listeners: attaching a 'message' listener refs the worker's port again.
    w.unref();
    return w;
  }

  /** Checks the items, spread evenly over the workers; true where the signature matches. */
  async verify(items: ReadonlyArray<Item>): Promise<boolean[]> {
    if (items.length === 0) return [];
    this.warm();
    const n = Math.min(this.workers.length, items.length);
    const parts = Array.from({ length: n }, (_, w) => items.filter((_, i) => i % n === w));
    const results = await Promise.all(
      parts.map(
        (part, w) =>
          new Promise<boolean[]>((resolve, reject) => {
            const id = this.nextId++;
            this.pending.set(id, { resolve, reject });
            this.workers[w]!.ref();
            this.workers[w]!.postMessage({ id, items: part });
          }),
      ),
    );
    return items.map((_, i) => results[i % n]![Math.floor(i / n)] === true);
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Whether the cable is a signed one: it carries signatures, or the trail recorded it as signed. */
export function isSignedCable(db: Db, cableId: number): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM cables c WHERE c.id = ?
         AND (EXISTS (SELECT 1 FROM cable_signatures g WHERE g.cable_id = c.id) OR ${RECORDED_AS_SIGNED})`,
    ).get(cableId) !== undefined
  );
}

/** The chain shown while its verdict is pending: never VERIFIED, never silent about being unchecked. */
export const VERIFYING_CHAIN: ChainView = { status: 'VERIFYING', signatures: [], problems: [] };

/** Signatures found valid, by key, message digest and signature (bounded; the oldest go first). */
export class ValidSignatures {
  private readonly valid = new Set<string>();
  constructor(private readonly limit = 50_000) {}
  static id(item: Item): string {
    return createHash('sha256').update(item.key).update(item.message).update(item.signature).digest('base64');
  }
  has(id: string): boolean {
    return this.valid.has(id);
  }
  add(id: string): void {
    if (this.valid.size >= this.limit) this.valid.delete(this.valid.values().next().value!);
    this.valid.add(id);
  }
}

/** The keys a chain names, and the names of its signers, in one query each. */
function chainDirectory(
  db: Db,
  cableId: number,
): { keys: Map<string, { personKey: string; raw: Uint8Array }>; names: Map<string, string> } {
  const keys = new Map<string, { personKey: string; raw: Uint8Array }>();
  const names = new Map<string, string>();
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
  for (const r of rows) {
    if (r.public_key && r.person_key) keys.set(r.fingerprint, { personKey: r.person_key, raw: r.public_key });
    if (r.full_name !== null) names.set(r.signer, r.full_name);
  }
  return { keys, names };
}

/**
 * Starts the verdict on one cable's chain as stored now; null for a cable that is not a signed
 * one. The cable's signed bytes and the keys its chain names are read here, on this thread, in
 * two queries (`readOneChain`), and the signatures not already known valid go to the workers at
 * once (issue 15 item 2). The same decisions as `checkChain`, which it falls back to if the
 * workers fail.
 */
export function startChainVerdict(
  db: Db,
  cableId: number,
  pool: SignaturePool,
  memo: ValidSignatures,
): Promise<ChainView | null> | null {
  const signed = readOneChain(db, cableId);
  if (!signed) return null;
  const { keys, names } = chainDirectory(db, cableId);
  const content = Buffer.from(signed.content);
  const problems: (string | null)[] = [];
  const toCheck: { index: number; item: Item; memoId: string }[] = [];
  signed.signatures.forEach((s, i) => {
    const known = keys.get(s.key);
    if (!known) problems.push(`unknown key ${s.key}`);
    else if (known.personKey !== s.signer) problems.push(`key ${s.key} belongs to ${known.personKey}, not ${s.signer}`);
    else if (s.signature.length !== 64) problems.push('the signature does not match the cable as stored');
    else {
      problems.push(null);
      // Each its own small buffer: a Buffer from Node's pool would send its whole 8 KB slab.
      const message = new Uint8Array(Buffer.byteLength(s.head) + content.length);
      message.set(content, Buffer.from(message.buffer).write(s.head));
      const item = { message, signature: Uint8Array.from(s.signature), key: Uint8Array.from(known.raw) };
      const memoId = ValidSignatures.id(item);
      if (!memo.has(memoId)) toCheck.push({ index: i, item, memoId });
    }
  });
  return pool.verify(toCheck.map((c) => c.item)).then(
    (ok) => {
      toCheck.forEach((c, k) => {
        if (ok[k]) memo.add(c.memoId);
        else problems[c.index] = 'the signature does not match the cable as stored';
      });
      return verdictOf(signed, problems, (key) => names.get(key) ?? key);
    },
    // A worker failed: the verdict is still given, on this thread.
    () => fallback(db, cableId),
  );
}

function verdictOf(
  signed: ChainBytes,
  problems: ReadonlyArray<string | null>,
  nameOf: (k: string) => string,
): ChainView {
  return chainView(
    signed,
    signed.signatures.map((s, i) => chainEntry(s, nameOf, problems[i] ?? null)),
  );
}

function fallback(db: Db, cableId: number): ChainView | null {
  return verifyOneCable(db, cableId);
}
