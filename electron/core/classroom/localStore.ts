import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import type { SealedSecret } from './secret';

/**
 * The classroom client's SQLite state (migration 0015): configuration, cursor, outbox and the
 * record of what was received. All SQL of the client's local side lives here.
 */
export type ClassroomConfig = Readonly<{
  pgUrl: string;
  login: string;
  userId: number;
  sealed: SealedSecret;
  outboxMark: number;
  joinedAt: string;
}>;

type ConfigRow = {
  pg_url: string;
  login: string;
  user_id: number;
  sealed_password: Buffer;
  seal_salt: Buffer;
  seal_nonce: Buffer;
  kdf: string;
  outbox_mark: number;
  joined_at: string;
};

export function readConfig(db: Db): ClassroomConfig | null {
  const r = prepared(db, 'SELECT * FROM classroom_config WHERE id = 1').get() as ConfigRow | undefined;
  if (!r) return null;
  return {
    pgUrl: r.pg_url,
    login: r.login,
    userId: r.user_id,
    sealed: {
      sealed: new Uint8Array(r.sealed_password),
      salt: new Uint8Array(r.seal_salt),
      nonce: new Uint8Array(r.seal_nonce),
      kdf: r.kdf,
    },
    outboxMark: r.outbox_mark,
    joinedAt: r.joined_at,
  };
}

/**
 * Joins a classroom: the configuration replaced, the cursor at 0, the outbox emptied; cables
 * already in this database are not sent (the mark is the highest cable id now). Call inside a
 * transaction with its audit entry.
 */
export function writeConfig(
  db: Db,
  c: Readonly<{ pgUrl: string; login: string; userId: number; sealed: SealedSecret }>,
  now: Date,
): void {
  const mark = prepared(db, 'SELECT ifnull(max(id), 0) FROM cables').pluck().get() as number;
  prepared(db, 'DELETE FROM classroom_config').run();
  prepared(
    db,
    `INSERT INTO classroom_config (id, pg_url, login, user_id, sealed_password, seal_salt, seal_nonce, kdf, outbox_mark, joined_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.pgUrl,
    c.login,
    c.userId,
    Buffer.from(c.sealed.sealed),
    Buffer.from(c.sealed.salt),
    Buffer.from(c.sealed.nonce),
    c.sealed.kdf,
    mark,
    now.toISOString(),
  );
  prepared(db, 'DELETE FROM net_outbox').run();
  prepared(db, 'INSERT OR REPLACE INTO net_cursor (id, seq) VALUES (1, 0)').run();
}

export function cursorOf(db: Db): number {
  return (prepared(db, 'SELECT seq FROM net_cursor WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

export function moveCursor(db: Db, seq: number): void {
  prepared(
    db,
    'INSERT INTO net_cursor (id, seq) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET seq = max(seq, excluded.seq)',
  ).run(seq);
}

export type Outcome = 'APPLIED' | 'PRESENT' | 'REFUSED';

export function appliedOutcome(db: Db, hash: string): Outcome | null {
  return (
    (prepared(db, 'SELECT outcome FROM net_applied WHERE hash = ?').pluck().get(hash) as Outcome | undefined) ?? null
  );
}

export function recordApplied(
  db: Db,
  r: Readonly<{ hash: string; seq: number; ref: string; cableId: number | null; outcome: Outcome; reason?: string }>,
  now: Date,
): void {
  prepared(
    db,
    `INSERT INTO net_applied (hash, seq, ref, cable_id, outcome, reason, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.hash, r.seq, r.ref, r.cableId, r.outcome, r.reason ?? null, now.toISOString());
}

/**
 * Queues the signed cables written since the mark that did not come from the classroom (the
 * releases of this machine), and moves the mark: one transaction, so a cable is queued once.
 */
export function queueNewReleases(db: Db, now: Date): number {
  return db.transaction((): number => {
    const mark = prepared(db, 'SELECT outbox_mark FROM classroom_config WHERE id = 1').pluck().get() as
      number | undefined;
    if (mark === undefined) return 0;
    const top = prepared(db, 'SELECT ifnull(max(id), 0) FROM cables').pluck().get() as number;
    if (top <= mark) return 0;
    const queued = prepared(
      db,
      `INSERT INTO net_outbox (kind, cable_id, queued_at)
       SELECT 'CABLE', c.id, ? FROM cables c
        WHERE c.id > ? AND c.id <= ?
          AND EXISTS (SELECT 1 FROM cable_signatures g WHERE g.cable_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM net_applied a WHERE a.cable_id = c.id)
        ORDER BY c.id`,
    ).run(now.toISOString(), mark, top).changes;
    prepared(db, 'UPDATE classroom_config SET outbox_mark = ? WHERE id = 1').run(top);
    return queued;
  })();
}

/** Queues a cable of this database to be posted (again): a pass or repeat here gave it new recipients. */
export function queueCable(db: Db, cableId: number, now: Date): void {
  prepared(db, `INSERT INTO net_outbox (kind, cable_id, queued_at) VALUES ('CABLE', ?, ?)`).run(
    cableId,
    now.toISOString(),
  );
}

export function queueEvent(db: Db, event: Readonly<Record<string, unknown>>, now: Date): void {
  prepared(db, `INSERT INTO net_outbox (kind, event, queued_at) VALUES ('EVENT', ?, ?)`).run(
    JSON.stringify(event),
    now.toISOString(),
  );
}

export type OutboxRow = Readonly<{ id: number; kind: 'CABLE' | 'EVENT'; cableId: number | null; event: string | null }>;

export function outbox(db: Db, limit: number): OutboxRow[] {
  return prepared(db, 'SELECT id, kind, cable_id AS cableId, event FROM net_outbox ORDER BY id LIMIT ?').all(
    limit,
  ) as OutboxRow[];
}

export function dropFromOutbox(db: Db, id: number): void {
  prepared(db, 'DELETE FROM net_outbox WHERE id = ?').run(id);
}

export function outboxSize(db: Db): number {
  return prepared(db, 'SELECT count(*) FROM net_outbox').pluck().get() as number;
}

export function appliedCounts(db: Db): Readonly<Record<Outcome, number>> {
  const rows = prepared(db, 'SELECT outcome, count(*) AS n FROM net_applied GROUP BY outcome').all() as {
    outcome: Outcome;
    n: number;
  }[];
  const out: Record<Outcome, number> = { APPLIED: 0, PRESENT: 0, REFUSED: 0 };
  for (const r of rows) out[r.outcome] = r.n;
  return out;
}
