import { createHash } from 'node:crypto';
import type { AuditAction, AuditCheckpoint, AuditEntry } from '../../domain/audit';
import type { Db } from '../store/database';
import { createAuditAnchor, type AuditAnchor } from './anchor';
import { keyRegistryProblem } from './keyRegistry';

/**
 * The hash-chained, append-only audit trail (ARCHITECTURE.md; DOMAIN.md §8a `audit[]`).
 *
 * Entry n's hash = SHA-256 over the canonical JSON of [seq, at, actorUserId, actorLogin, action,
 * cableId, detail, prevHash], where prevHash is entry n-1's hash (GENESIS for the first). Editing
 * any field, removing an entry or reordering entries breaks the chain at the first entry touched.
 */
export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../domain/audit';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditActor = Readonly<{ userId: number | null; login: string | null }>;

/** An audit_log row as SQLite returns it. */
export type AuditRow = {
  seq: number;
  at: string;
  actor_user_id: number | null;
  actor_login: string | null;
  action: AuditAction;
  cable_id: number | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

/** JSON with object keys sorted, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(e: Omit<AuditEntry, 'hash'>): string {
  const canonical = canonicalJson([
    e.seq,
    e.at,
    e.actorUserId,
    e.actorLogin,
    e.action,
    e.cableId,
    e.detail,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** An audit_log row as an entry (its detail parsed). */
export function fromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorLogin: r.actor_login,
    action: r.action,
    cableId: r.cable_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export type AppendInput = Readonly<{
  actor: AuditActor;
  action: AuditAction;
  cableId?: number | null;
  detail?: Readonly<Record<string, unknown>>;
}>;

export type AuditFilter = Readonly<{
  login?: string;
  cableId?: number;
  action?: AuditAction;
  from?: string;
  to?: string;
  /** Entries strictly older than this seq (keyset paging, newest first). */
  beforeSeq?: number;
  limit: number;
}>;

/**
 * What `verify()` found. The shape of 2026-11 is kept (`ok`, `entries`, `head` | `firstBad`,
 * `problem`); `anchor` is the latest checkpoint beside the database (null when there is none) and
 * `unanchored` the entries written after it. A failure says which check failed (`kind`): the hash
 * chain, the anchor (entries cut off, the file rolled back, the anchor missing or edited), or the
 * key registry (a key without its entry; `firstBad` is then the entry that should have recorded it).
 */
export type VerifyResult =
  | Readonly<{ ok: true; entries: number; head: string; anchor: AuditCheckpoint | null; unanchored: number }>
  | Readonly<{
      ok: false;
      entries: number;
      firstBad: number;
      problem: string;
      kind: 'chain' | 'anchor' | 'keys';
      anchor: AuditCheckpoint | null;
    }>;

export type AuditTrail = Readonly<{
  append(input: AppendInput, at?: Date): AuditEntry;
  list(filter: AuditFilter): AuditEntry[];
  /** The hash chain, the anchor beside the database, and the key registry (issue 13 items 4, 6). */
  verify(): VerifyResult;
  /** The anchor beside the database file; null for a trail without one (in memory). */
  anchor: AuditAnchor | null;
}>;

export type AuditTrailOptions = Readonly<{
  /** The database file: its trail is anchored beside it (anchor.ts). */
  dbPath?: string;
  checkpointInterval?: number;
}>;

/**
 * The head the anchor last recorded (anchor.ts), per connection. Appends continue after it even
 * when the file holds fewer entries (cut off behind the app's back): sequence numbers are never
 * reused, and the gap stays visible to `verify()`.
 */
const anchoredHeads = new WeakMap<Db, Readonly<{ seq: number; hash: string }>>();

export function setAnchoredHead(db: Db, head: Readonly<{ seq: number; hash: string }>): void {
  const known = anchoredHeads.get(db);
  if (!known || head.seq >= known.seq) anchoredHeads.set(db, head);
}

const appenders = new WeakMap<Db, (input: AppendInput, at: Date) => AuditEntry>();

/**
 * Appends one entry to the trail of `db`. Every writer of the trail goes through here — the
 * services' `AuditTrail`, and the key store and the signature store, which record their own
 * events (issue 13 items 5–6) so that no key and no signature chain is stored without its entry.
 * Read-last and insert run in one IMMEDIATE transaction (a savepoint inside a caller's).
 */
export function appendAuditEntry(db: Db, input: AppendInput, at: Date = new Date()): AuditEntry {
  let append = appenders.get(db);
  if (!append) {
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    const insert = db.prepare(
      `INSERT INTO audit_log (seq, at, actor_user_id, actor_login, action, cable_id, detail, prev_hash, hash)
       VALUES (@seq, @at, @actorUserId, @actorLogin, @action, @cableId, @detail, @prevHash, @hash)`,
    );
    const tx = db.transaction((i: AppendInput, when: Date): AuditEntry => {
      const stored = last.get() as { seq: number; hash: string } | undefined;
      const anchored = anchoredHeads.get(db);
      const prev = anchored && anchored.seq > (stored?.seq ?? 0) ? anchored : stored;
      const base = {
        seq: (prev?.seq ?? 0) + 1,
        at: when.toISOString(),
        actorUserId: i.actor.userId,
        actorLogin: i.actor.login,
        action: i.action,
        cableId: i.cableId ?? null,
        detail: i.detail ?? {},
        prevHash: prev?.hash ?? GENESIS_HASH,
      };
      const entry: AuditEntry = { ...base, hash: entryHash(base) };
      insert.run({ ...entry, detail: canonicalJson(entry.detail) });
      return entry;
    });
    append = (i, when) => tx.immediate(i, when);
    appenders.set(db, append);
  }
  return append(input, at);
}

function recomputedHash(row: Readonly<Record<string, unknown>>): string | null {
  try {
    const { hash, ...rest } = fromRow(row as AuditRow);
    return hash === undefined ? null : entryHash(rest);
  } catch {
    return null;
  }
}

export function createAuditTrail(db: Db, options: AuditTrailOptions = {}): AuditTrail {
  const anchor =
    options.dbPath && options.dbPath !== ':memory:'
      ? createAuditAnchor(
          db,
          options.dbPath,
          {
            recordKey: (detail, now) =>
              appendAuditEntry(db, { actor: { userId: null, login: null }, action: 'AUDIT_ANCHOR', detail }, now),
            anchoredAt: (head) => setAnchoredHead(db, head),
            recomputedHash,
          },
          options.checkpointInterval,
        )
      : null;

  function walkChain(): VerifyResult {
    let expectedSeq = 1;
    let prevHash = GENESIS_HASH;
    let entries = 0;
    const bad = (firstBad: number, problem: string): VerifyResult => ({
      ok: false,
      entries,
      firstBad,
      problem,
      kind: 'chain',
      anchor: null,
    });
    for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<AuditRow>) {
      entries++;
      let entry: AuditEntry;
      try {
        entry = fromRow(row);
      } catch {
        return bad(row.seq, 'its detail is not valid JSON');
      }
      if (entry.seq !== expectedSeq) {
        return bad(
          entry.seq,
          `expected entry ${expectedSeq} here: an entry was removed (or cut off) or the order changed`,
        );
      }
      if (entry.prevHash !== prevHash) {
        return bad(entry.seq, 'it does not follow the entry before it (removed or reordered)');
      }
      if (entryHash(entry) !== entry.hash) {
        return bad(entry.seq, 'its contents were changed after it was written');
      }
      prevHash = entry.hash;
      expectedSeq++;
    }
    return { ok: true, entries, head: prevHash, anchor: null, unanchored: entries };
  }

  return {
    anchor,
    append(input, at = new Date()) {
      const entry = appendAuditEntry(db, input, at);
      anchor?.appended(entry.seq);
      return entry;
    },
    list(f) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: f.limit };
      const conditions: ReadonlyArray<[keyof AuditFilter, string]> = [
        ['login', 'actor_login = @login'],
        ['cableId', 'cable_id = @cableId'],
        ['action', 'action = @action'],
        ['from', 'at >= @from'],
        ['to', 'at <= @to'],
        ['beforeSeq', 'seq < @beforeSeq'],
      ];
      for (const [key, condition] of conditions) {
        if (f[key] === undefined) continue;
        where.push(condition);
        params[key] = f[key];
      }
      const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
      return (db.prepare(sql).all(params) as AuditRow[]).map(fromRow);
    },
    verify() {
      const chain = walkChain();
      const found = anchor?.check() ?? null;
      const checkpoint = found?.checkpoint ?? null;
      if (!chain.ok) return { ...chain, anchor: checkpoint };
      if (found?.verdict === 'BROKEN') {
        const { firstBad, problem } = found;
        return { ok: false, entries: chain.entries, firstBad, problem, kind: 'anchor', anchor: checkpoint };
      }
      const keys = keyRegistryProblem(db);
      if (keys !== null) {
        return {
          ok: false,
          entries: chain.entries,
          firstBad: chain.entries + 1,
          problem: keys,
          kind: 'keys',
          anchor: checkpoint,
        };
      }
      return { ...chain, anchor: checkpoint, unanchored: found?.unanchored ?? chain.entries };
    },
  };
}
