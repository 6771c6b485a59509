import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { AuditCheckpoint } from '../../domain/audit';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/**
 * The audit trail's anchor outside the database (issue 13 item 4). The hash chain finds a changed,
 * removed or reordered entry, but not entries cut off the end, nor the whole file put back as an
 * older copy: the chain that is left is still a valid chain. So the head of the trail is written,
 * as a signed checkpoint (sequence number, head hash, time), to a file beside the database —
 * `<db>.audit-anchor` — every `interval` entries and when the database is closed, and
 * verification requires the trail to still hold the anchored entry.
 *
 * The checkpoint is signed with an Ed25519 key made for this database when it was first anchored;
 * the secret half lives in `<db>.audit-anchor.key` (mode 0600) and the public half is committed in
 * the trail itself (an AUDIT_ANCHOR entry), so an anchor file made with another key, edited, or
 * missing is itself evidence. What this does not stop (README, security): someone who can write
 * the database, the anchor and read the key file can rewrite all three consistently.
 */
export const ANCHOR_FORMAT = 'cableroom.audit-anchor/1';
/** A checkpoint every this many entries (and at close). */
export const CHECKPOINT_INTERVAL = 64;

export type AnchorPaths = Readonly<{ anchor: string; key: string }>;

export function anchorPaths(dbPath: string): AnchorPaths {
  return { anchor: `${dbPath}.audit-anchor`, key: `${dbPath}.audit-anchor.key` };
}

type AnchorDocument = Readonly<{
  format: typeof ANCHOR_FORMAT;
  /** Hex of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  checkpoint: AuditCheckpoint;
  /** Hex Ed25519 signature over `signedBytes`. */
  signature: string;
}>;

/** What the anchor signs: the format, the key and the checkpoint, in a fixed order. */
function signedBytes(publicKey: string, c: AuditCheckpoint): Buffer {
  return Buffer.from(`${ANCHOR_FORMAT}\n${JSON.stringify([publicKey, c.seq, c.head, c.at])}`, 'utf8');
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function publicKeyFromHex(hex: string): KeyObject | null {
  if (!/^[0-9a-f]{64}$/.test(hex)) return null;
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

function rawPublicKeyHex(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length).toString('hex');
}

/** A short name for the anchor key (as for signing keys: SHA-256, first 16 bytes, hex). */
export function anchorKeyFingerprint(publicKeyHex: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyHex, 'hex')).digest('hex').slice(0, 32);
}

function readDocument(path: string): AnchorDocument | 'missing' | 'damaged' {
  if (!existsSync(path)) return 'missing';
  try {
    const d = JSON.parse(readFileSync(path, 'utf8')) as AnchorDocument;
    const c = d?.checkpoint;
    if (
      d.format !== ANCHOR_FORMAT ||
      typeof d.publicKey !== 'string' ||
      typeof d.signature !== 'string' ||
      !Number.isInteger(c?.seq) ||
      typeof c.head !== 'string' ||
      typeof c.at !== 'string'
    ) {
      return 'damaged';
    }
    return { format: d.format, publicKey: d.publicKey, signature: d.signature, checkpoint: c };
  } catch {
    return 'damaged';
  }
}

function signatureHolds(d: AnchorDocument): boolean {
  const key = publicKeyFromHex(d.publicKey);
  if (!key || !/^[0-9a-f]{128}$/.test(d.signature)) return false;
  return verify(null, signedBytes(d.publicKey, d.checkpoint), key, Buffer.from(d.signature, 'hex'));
}

/** Writes the whole file next to its place, flushes it, then renames it over: never half-written. */
function writeAtomically(path: string, text: string, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The anchor found beside the database, judged against what the trail records. */
type Found =
  | Readonly<{ kind: 'none' }>
  | Readonly<{ kind: 'ok'; publicKey: string; checkpoint: AuditCheckpoint }>
  | Readonly<{ kind: 'broken'; problem: string; checkpoint: AuditCheckpoint | null }>;

/** The anchor against the trail: where it stands, and if the trail no longer holds it, why. */
export type AnchorCheck = Readonly<{
  file: string;
  checkpoint: AuditCheckpoint | null;
  /** Entries after the last checkpoint (written since; anchored at the next one). */
  unanchored: number;
}> &
  (Readonly<{ verdict: 'INTACT' | 'NONE' }> | Readonly<{ verdict: 'BROKEN'; firstBad: number; problem: string }>);

export type AuditAnchor = Readonly<{
  paths: AnchorPaths;
  /** Finds the anchor, or makes one for a trail that has none yet (once, at open, after the seed). */
  open(now?: Date): void;
  /**
   * Writes a checkpoint of the current head — only if the trail still holds the last anchored
   * entry and runs unbroken from it to the head, so a checkpoint never vouches for tampering.
   */
  checkpoint(now?: Date): void;
  /** Called after each append: a checkpoint every CHECKPOINT_INTERVAL committed entries. */
  appended(seq: number): void;
  /** The anchor on disk now, against the trail in the file now. */
  check(): AnchorCheck;
}>;

export type AnchorHooks = Readonly<{
  /** Appends the AUDIT_ANCHOR entry that commits the trail to the anchor key. */
  recordKey(detail: Readonly<Record<string, unknown>>, now: Date): void;
  /** Tells the trail where the anchored head is: appends continue after it. */
  anchoredAt(head: Readonly<{ seq: number; hash: string }>): void;
  /** The hash an entry must have, recomputed from its fields (auditTrail.ts). */
  recomputedHash(row: Readonly<Record<string, unknown>>): string | null;
}>;

type Row = { seq: number; prev_hash: string; hash: string } & Record<string, unknown>;

export function createAuditAnchor(
  db: Db,
  dbPath: string,
  hooks: AnchorHooks,
  interval: number = CHECKPOINT_INTERVAL,
): AuditAnchor {
  const paths = anchorPaths(dbPath);
  const file = basename(paths.anchor);
  let current: Readonly<{ publicKey: string; checkpoint: AuditCheckpoint }> | null = null;
  let secret: KeyObject | null = null;
  /** Once the trail is found not to hold its anchor, nothing is anchored again. */
  let stopped = false;

  const lastEntry = (): { seq: number; hash: string } | undefined =>
    prepared(db, 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
  const recordedKey = (): string | null =>
    (prepared(
      db,
      "SELECT json_extract(detail, '$.publicKey') FROM audit_log WHERE action = 'AUDIT_ANCHOR' ORDER BY seq DESC LIMIT 1",
    )
      .pluck()
      .get() as string | undefined) ?? null;

  function find(): Found {
    const recorded = recordedKey();
    const doc = readDocument(paths.anchor);
    if (recorded === null) {
      const last = lastEntry()?.seq ?? 0;
      if (typeof doc === 'object' && doc.checkpoint.seq > last) {
        // The entry that recorded the anchor was cut off with the rest.
        return {
          kind: 'broken',
          checkpoint: doc.checkpoint,
          problem: `the trail ends at entry ${last}, but the anchor written ${doc.checkpoint.at} holds entry ${doc.checkpoint.seq}: entries were cut off or the database was rolled back to an older copy`,
        };
      }
      if (doc !== 'missing' || existsSync(paths.key)) {
        return {
          kind: 'broken',
          checkpoint: null,
          problem: `an audit anchor (${file}) lies beside the database, but its trail never recorded one: the database was replaced by another file or an older copy`,
        };
      }
      return { kind: 'none' };
    }
    if (doc === 'missing') {
      return { kind: 'broken', checkpoint: null, problem: `the anchor file ${file} beside the database is missing` };
    }
    if (doc === 'damaged') {
      return { kind: 'broken', checkpoint: null, problem: `the anchor file ${file} is damaged` };
    }
    if (doc.publicKey !== recorded) {
      return {
        kind: 'broken',
        checkpoint: doc.checkpoint,
        problem: `the anchor file ${file} was made with another key than the one the trail records`,
      };
    }
    if (!signatureHolds(doc)) {
      return {
        kind: 'broken',
        checkpoint: doc.checkpoint,
        problem: `the signature of the anchor file ${file} does not verify: it was edited`,
      };
    }
    return { kind: 'ok', publicKey: doc.publicKey, checkpoint: doc.checkpoint };
  }

  function write(publicKey: string, checkpoint: AuditCheckpoint, key: KeyObject): void {
    // The anchored entries must survive a power cut before the anchor claims them: with WAL and
    // synchronous = NORMAL, a checkpoint of the WAL is what syncs it to disk.
    if (!db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
    const signature = sign(null, signedBytes(publicKey, checkpoint), key).toString('hex');
    const doc: AnchorDocument = { format: ANCHOR_FORMAT, publicKey, checkpoint, signature };
    writeAtomically(paths.anchor, `${JSON.stringify(doc, null, 2)}\n`, 0o644);
    current = { publicKey, checkpoint };
    hooks.anchoredAt({ seq: checkpoint.seq, hash: checkpoint.head });
  }

  function loadSecret(publicKey: string): KeyObject | null {
    try {
      const key = createPrivateKey(readFileSync(paths.key, 'utf8'));
      return rawPublicKeyHex(createPublicKey(key)) === publicKey ? key : null;
    } catch {
      return null;
    }
  }

  /** The trail holds the checkpoint's entry, and every entry after it follows on. */
  function runsOnFrom(c: AuditCheckpoint): boolean {
    let prev: Row | null = null;
    for (const row of prepared(db, 'SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').iterate(
      c.seq,
    ) as Iterable<Row>) {
      if (prev === null) {
        if (row.seq !== c.seq || row.hash !== c.head) return false;
      } else if (row.seq !== prev.seq + 1 || row.prev_hash !== prev.hash || hooks.recomputedHash(row) !== row.hash) {
        return false;
      }
      prev = row;
    }
    return prev !== null;
  }

  /** A new key, committed in the trail (AUDIT_ANCHOR), then the first checkpoint. */
  function anchorFirst(now: Date): void {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = rawPublicKeyHex(pair.publicKey);
    const pem = pair.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fd = openSync(paths.key, 'wx', 0o600);
    try {
      writeSync(fd, pem);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    hooks.recordKey({ publicKey, fingerprint: anchorKeyFingerprint(publicKey), file }, now);
    secret = pair.privateKey;
    const head = lastEntry()!;
    write(publicKey, { seq: head.seq, head: head.hash, at: now.toISOString() }, secret);
  }

  const anchor: AuditAnchor = {
    paths,
    open(now = new Date()) {
      const found = find();
      if (found.kind === 'broken') {
        stopped = true;
        return;
      }
      if (found.kind === 'ok') {
        current = found;
        hooks.anchoredAt({ seq: found.checkpoint.seq, hash: found.checkpoint.head });
        secret = loadSecret(found.publicKey);
        if (!secret) stopped = true;
        return;
      }
      // First anchoring of this trail. A folder that cannot take the files leaves the trail
      // unanchored (check() says so); opening the database does not fail for it.
      try {
        anchorFirst(now);
      } catch {
        stopped = true;
      }
    },
    checkpoint(now = new Date()) {
      if (stopped || !current || !secret) return;
      // Another process (the CLI beside the app) may have moved the anchor on.
      const found = find();
      if (found.kind !== 'ok') {
        stopped = true;
        return;
      }
      if (found.checkpoint.seq > current.checkpoint.seq) {
        current = found;
        hooks.anchoredAt({ seq: found.checkpoint.seq, hash: found.checkpoint.head });
      }
      const head = lastEntry();
      if (!head || head.seq <= current.checkpoint.seq) return;
      if (!runsOnFrom(current.checkpoint)) {
        stopped = true;
        return;
      }
      write(current.publicKey, { seq: head.seq, head: head.hash, at: now.toISOString() }, secret);
    },
    appended(seq) {
      if (stopped || !current || db.inTransaction) return;
      if (seq - current.checkpoint.seq >= interval) anchor.checkpoint();
    },
    check() {
      const found = find();
      const last = lastEntry()?.seq ?? 0;
      if (found.kind === 'none') return { file: paths.anchor, checkpoint: null, unanchored: last, verdict: 'NONE' };
      const base = { file: paths.anchor, checkpoint: found.checkpoint };
      if (found.kind === 'broken') {
        return { ...base, unanchored: 0, verdict: 'BROKEN', firstBad: last + 1, problem: found.problem };
      }
      const c = found.checkpoint;
      const when = `the anchor written ${c.at}`;
      if (c.seq > last) {
        return {
          ...base,
          unanchored: 0,
          verdict: 'BROKEN',
          firstBad: last + 1,
          problem: `the trail ends at entry ${last}, but ${when} holds entry ${c.seq}: entries were cut off or the database was rolled back to an older copy`,
        };
      }
      const hash = prepared(db, 'SELECT hash FROM audit_log WHERE seq = ?').pluck().get(c.seq) as string | undefined;
      if (hash !== c.head) {
        return {
          ...base,
          unanchored: 0,
          verdict: 'BROKEN',
          firstBad: c.seq,
          problem:
            hash === undefined
              ? `entry ${c.seq}, which ${when} holds, is missing: entries were cut off or the database was rolled back`
              : `it is not the entry ${when} holds: the trail was rewritten or the database rolled back to another copy`,
        };
      }
      if (!existsSync(paths.key)) {
        return {
          ...base,
          unanchored: last - c.seq,
          verdict: 'BROKEN',
          firstBad: last + 1,
          problem: `the anchor key ${basename(paths.key)} beside the database is missing: no checkpoint can be written`,
        };
      }
      return { ...base, unanchored: last - c.seq, verdict: 'INTACT' };
    },
  };
  return anchor;
}
