import { scenarioMs, type ExerciseClock } from '../../domain/exercise/clock';
import type { AuditTrail } from '../audit/auditTrail';
import { emitChange } from '../events';
import { liveExerciseId } from '../store/cableReader';
import type { Db } from '../store/database';
import { stationByPlad, userByLogin } from '../store/directoryRepository';
import { prepared } from '../store/statements';
import { actorOfPerson } from '../services/drafts/authority';
import { readSignedCables, type SignedCable } from '../signing/signedCable';
import { exchangeCableOf, sameSignedCable, type Checked } from './document';
import { queueCable, queueEvent } from './localStore';

/**
 * The exercise over the classroom (issue 11 item 5; docs/CLASSROOM.md "The exercise over the
 * classroom"): a trainee's acts on a post's machine become events in the exchange, and the
 * instructor's machine applies them into its own audit trail, where the exercise's record and
 * score (core/exercise/record.ts, score.ts, feed.ts) read them like local acts.
 *
 * On a post, the audit trail is the durable outbox: every act of the joined login on a cable that
 * came through the exchange (or that it released) is found there by a scan, given the key
 * `act:<entry hash>` and queued; the exchange is idempotent on (login, key), so a scan that finds
 * an act again after a restart posts nothing twice. On the instructor's machine, each event
 * becomes an audit entry of the same action by the same account (this database's, by login),
 * on this database's copy of the cable (by content hash), its delivery named by post and role,
 * at the act's own real time (so the journal's clock gives its scenario time), with
 * `remote: {seq, key, login}`; the highest applied `remote.seq` is the event cursor.
 */

/** The acts a trainee's score reads (record.ts SCORED_ACTIONS less DRAFT and SIGN). */
export const ACT_KINDS = ['ACK', 'VIEW', 'READ', 'PASS', 'REPEAT', 'DENY', 'RELEASE'] as const;
export type ActKind = (typeof ACT_KINDS)[number];
const ACT_LIST = ACT_KINDS.map((k) => `'${k}'`).join(', ');

export function isActKind(kind: string): kind is ActKind {
  return (ACT_KINDS as ReadonlyArray<string>).includes(kind);
}

/** A delivery, named as every machine can resolve it. */
type DeliveryName = Readonly<{ station: string; role: string }>;

export type ActEvent = Readonly<{
  key: string;
  kind: ActKind;
  cableHash: string;
  scenarioTime: string | null;
  detail: Readonly<Record<string, unknown>>;
}>;

/** The content hash of a cable of this database as the exchange knows it (received or released here). */
export function createHashIndex(
  db: Db,
): Readonly<{ hashOf(cableId: number): string | null; cableOf(hash: string): number | null }> {
  const byId = new Map<number, string | null>();
  const byHash = new Map<string, number>();
  const hashOf = (cableId: number): string | null => {
    if (byId.has(cableId)) return byId.get(cableId)!;
    const received = prepared(db, "SELECT hash FROM net_applied WHERE cable_id = ? AND outcome <> 'REFUSED'")
      .pluck()
      .get(cableId) as string | undefined;
    const hash = received ?? exchangeCableOf(db, cableId)?.hash ?? null;
    byId.set(cableId, hash);
    if (hash) byHash.set(hash, cableId);
    return hash;
  };
  const cableOf = (hash: string): number | null => {
    const known = byHash.get(hash);
    if (known !== undefined) return known;
    const received = prepared(db, "SELECT cable_id FROM net_applied WHERE hash = ? AND outcome <> 'REFUSED'")
      .pluck()
      .get(hash) as number | null | undefined;
    if (received != null) {
      byHash.set(hash, received);
      return received;
    }
    // The injects this machine released (the instructor's): hashed once each.
    const injects = prepared(db, 'SELECT DISTINCT cable_id FROM exercise_injects').pluck().all() as number[];
    for (const id of injects) if (!byId.has(id)) hashOf(id);
    return byHash.get(hash) ?? null;
  };
  return { hashOf, cableOf };
}

/**
 * A post's side: the acts of `login` after `mark` on exchanged cables, as events, each queued
 * unless its key is in `known` (posted already, or in the outbox). A pass or repeat carried out
 * here (by anyone) of an exchanged cable gave new deliveries: the cable is queued again, and
 * posting it grants it to the members those deliveries admit (the same access decision as for a
 * release: document.ts grantsFor; the exchange adds only the grants it lacks). Returns the new mark.
 */
export function queueActs(
  db: Db,
  login: string,
  mark: number,
  known: Set<string>,
  hashes: ReturnType<typeof createHashIndex>,
  scenarioTimeOf: (realAt: string) => string | null,
  now: Date,
): { mark: number; queued: number } {
  // The mark moves to the head even when nothing matched: each round reads only what is new.
  const head = (prepared(db, 'SELECT ifnull(max(seq), 0) FROM audit_log').pluck().get() as number) ?? 0;
  if (head <= mark) return { mark, queued: 0 };
  const rows = prepared(
    db,
    `SELECT seq, at, action, actor_login AS actorLogin, cable_id AS cableId, detail, hash FROM audit_log
      WHERE seq > ? AND seq <= ? AND cable_id IS NOT NULL AND action IN (${ACT_LIST})
        AND (actor_login = ? OR action IN ('PASS', 'REPEAT', 'RELEASE')) ORDER BY seq`,
  ).all(mark, head, login) as {
    seq: number;
    at: string;
    action: ActKind;
    actorLogin: string | null;
    cableId: number;
    detail: string;
    hash: string;
  }[];
  let queued = 0;
  db.transaction(() => {
    for (const r of rows) {
      const key = `act:${r.hash}`;
      if (known.has(key)) continue;
      const exchanged = isExchanged(db, r.cableId);
      if ((r.action === 'PASS' || r.action === 'REPEAT') && exchanged) queueCable(db, r.cableId, now);
      const raw = JSON.parse(r.detail) as Record<string, unknown>;
      // A release of the joined trainee's draft is forwarded whoever approved it (the post's approver).
      const ownRelease = r.action === 'RELEASE' && draftOwner(db, raw['draft']) === login;
      if (r.actorLogin !== login && !ownRelease) continue;
      const cableHash = r.action === 'RELEASE' || exchanged ? hashes.hashOf(r.cableId) : null;
      if (!cableHash) continue;
      const detail: Record<string, unknown> = { ...portable(db, raw), realAt: r.at };
      if (r.action === 'RELEASE') {
        const reply = replyOf(db, r.cableId, raw['draft'], hashes);
        if (reply) detail['reply'] = reply;
      }
      const event: ActEvent = { key, kind: r.action, cableHash, scenarioTime: scenarioTimeOf(r.at), detail };
      queueEvent(db, event, now);
      known.add(key);
      queued++;
    }
  })();
  return { mark: head, queued };
}

/** The login of a draft's owner on this machine. */
function draftOwner(db: Db, draftId: unknown): string | null {
  if (typeof draftId !== 'number') return null;
  return (
    (prepared(db, 'SELECT u.login FROM drafts d JOIN users u ON u.id = d.owner_user_id WHERE d.id = ?')
      .pluck()
      .get(draftId) as string | undefined) ?? null
  );
}

/**
 * What the instructor's score reads of a reply released here (EXERCISES.md §4, the reply
 * expectation), sent with its RELEASE event: the cable as signed (its exchange document: the
 * instructor verifies its chain against the members' keys, rules 23–24), the content hash of the
 * cable its draft was started as a reply to, and whether a downgrade was authorized (rule 19).
 * Who drafted and approved it is read from the verified chain, not from this row.
 */
export type ReplyFacts = Readonly<{
  ref: string;
  classRank: number;
  categories: ReadonlyArray<string>;
  document: string;
  replyTo: string | null;
  downgrade: boolean;
}>;

function replyOf(
  db: Db,
  cableId: number,
  draftId: unknown,
  hashes: ReturnType<typeof createHashIndex>,
): ReplyFacts | null {
  const cable = exchangeCableOf(db, cableId);
  if (!cable || typeof draftId !== 'number') return null;
  const source = prepared(
    db,
    `SELECT cable_id FROM audit_log WHERE action = 'DRAFT' AND cable_id IS NOT NULL
        AND json_extract(detail, '$.draft') = ? AND json_extract(detail, '$.created') = 1 ORDER BY seq LIMIT 1`,
  )
    .pluck()
    .get(draftId) as number | undefined;
  const downgrade =
    (prepared(db, 'SELECT downgrade_by_user_id FROM drafts WHERE id = ?').pluck().get(draftId) ?? null) !== null;
  return {
    ref: cable.ref,
    classRank: cable.classRank,
    categories: cable.categories,
    document: cable.document,
    replyTo: source === undefined ? null : hashes.hashOf(source),
    downgrade,
  };
}

/** Whether `login` did anything the scan forwards since `mark` (one indexed probe). */
export function hasNewActs(db: Db, login: string, mark: number): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM audit_log WHERE seq > ? AND actor_login = ? AND cable_id IS NOT NULL AND action IN (${ACT_LIST}) LIMIT 1`,
    ).get(mark, login) !== undefined
  );
}

function isExchanged(db: Db, cableId: number): boolean {
  return (
    prepared(db, "SELECT 1 FROM net_applied WHERE cable_id = ? AND outcome <> 'REFUSED'").pluck().get(cableId) !==
    undefined
  );
}

/** The detail without this database's row ids: a delivery is named by its post and role. */
function portable(db: Db, detail: Record<string, unknown>): Record<string, unknown> {
  const { deliveryId, transmissionId: _t, ...rest } = detail;
  if (typeof deliveryId !== 'number') return rest;
  const d = prepared(
    db,
    'SELECT s.plad AS station, d.role FROM deliveries d JOIN stations s ON s.id = d.station_id WHERE d.id = ?',
  ).get(deliveryId) as DeliveryName | undefined;
  return d ? { ...rest, delivery: d } : rest;
}

/** An event as the instructor reads it from `classroom.events`. */
export type RemoteEvent = Readonly<{
  seq: number;
  login: string;
  key: string;
  kind: string;
  cableHash: string | null;
  scenarioTime: string | null;
  detail: Readonly<Record<string, unknown>>;
}>;

export type EventApplier = Readonly<{
  /** The highest event seq applied in this database (its audit trail says). */
  cursor(): number;
  /** Applies one event (one transaction with its audit entry); false when it names nothing here. */
  apply(event: RemoteEvent, now: Date): 'APPLIED' | 'SKIPPED' | 'ALREADY' | 'REFUSED';
}>;

/** How the instructor's client checks and writes a reply sent with a RELEASE event (client.ts). */
export type ReplyIntake = Readonly<{
  /** The same checks as a received cable (document.ts checkReceived, the members' keys). */
  check(row: Omit<ReplyFacts, 'replyTo' | 'downgrade'> & { hash: string }): Checked;
  /** Writes a verified cable through the cable writer with its chain (throws when it does not fit). */
  write(cable: SignedCable, categories: ReadonlyArray<string>): number;
}>;

/** The instructor's side. */
export function createEventApplier(
  db: Db,
  audit: AuditTrail,
  hashes: ReturnType<typeof createHashIndex>,
  intake?: ReplyIntake,
): EventApplier {
  let head = 0;
  let applied = 0;
  /** Reads the applied events' seqs from the entries appended since last time (any process's). */
  const refresh = (): void => {
    const r = prepared(
      db,
      `SELECT max(seq) AS head, max(CAST(json_extract(detail, '$.remote.seq') AS INTEGER)) AS top
         FROM audit_log WHERE seq > ?`,
    ).get(head) as { head: number | null; top: number | null };
    if (r.head !== null) head = r.head;
    if (r.top !== null && r.top > applied) applied = r.top;
  };
  return {
    cursor() {
      refresh();
      return applied;
    },
    apply(e, now) {
      return db.transaction((): 'APPLIED' | 'SKIPPED' | 'ALREADY' | 'REFUSED' => {
        refresh();
        if (e.seq <= applied) return 'ALREADY';
        if (!isActKind(e.kind) || e.cableHash === null) return 'SKIPPED';
        let user = userByLogin(db, e.login);
        const remote = { seq: e.seq, key: e.key, login: e.login, scenarioTime: e.scenarioTime };
        const { delivery, realAt, reply, draft, ...rest } = e.detail as Record<string, unknown> & {
          delivery?: DeliveryName;
          realAt?: string;
          reply?: ReplyFacts;
        };
        const detail: Record<string, unknown> = { ...rest };
        // The post's draft id names nothing here.
        if (draft !== undefined) detail['remoteDraft'] = draft;
        let cableId = hashes.cableOf(e.cableHash);
        if (e.kind === 'RELEASE' && reply && typeof reply === 'object' && intake && user) {
          const taken = takeReply(db, audit, intake, e.cableHash, reply, cableId, remote, now);
          if (!taken.ok) {
            applied = e.seq;
            return 'REFUSED';
          }
          cableId = taken.cableId;
          // Who drafted it and who released it, as the verified chain names them (rules 23, 24).
          detail['drafter'] = taken.drafter;
          detail['replyTo'] = reply.replyTo === null ? null : hashes.cableOf(reply.replyTo);
          detail['downgrade'] = reply.downgrade === true;
          const approver = taken.approver === null ? undefined : userByLogin(db, taken.approver);
          if (approver) user = approver;
        }
        if (!user || cableId === null) return 'SKIPPED';
        if (delivery && typeof delivery.station === 'string') {
          const station = stationByPlad(db, delivery.station);
          const id = station
            ? (prepared(
                db,
                'SELECT id FROM deliveries WHERE cable_id = ? AND station_id = ? ORDER BY role = ? DESC, id',
              )
                .pluck()
                .get(cableId, station.id, delivery.role) as number | undefined)
            : undefined;
          if (id !== undefined) detail['deliveryId'] = id;
        }
        // The act's real time (the journal's clock turns it into scenario time), never in the future.
        const at = typeof realAt === 'string' && !Number.isNaN(Date.parse(realAt)) ? new Date(realAt) : now;
        audit.append(
          {
            actor: { userId: user.id, login: user.login },
            action: e.kind,
            cableId,
            detail: { ...detail, remote },
          },
          at.getTime() > now.getTime() ? now : at,
        );
        applied = e.seq;
        return 'APPLIED';
      })();
    },
  };
}

/**
 * A reply sent with a RELEASE event: this database's copy when it has one (received as an
 * addressee, verified then), else checked as any received cable and written with its chain
 * (audited IMPORT). A reply that fails a check, or whose chain names no drafter with an account
 * here, is refused: audited TAMPERED (with the event's seq, so it is not read again), not scored.
 */
function takeReply(
  db: Db,
  audit: AuditTrail,
  intake: ReplyIntake,
  hash: string,
  reply: ReplyFacts,
  known: number | null,
  remote: Record<string, unknown>,
  now: Date,
): { ok: true; cableId: number; drafter: string; approver: string | null } | { ok: false } {
  const system = { userId: null, login: null };
  const refuse = (reason: string): { ok: false } => {
    audit.append(
      {
        actor: system,
        action: 'TAMPERED',
        cableId: known,
        detail: { channel: 'classroom', what: 'reply', ref: String(reply.ref), hash, reason, remote },
      },
      now,
    );
    return { ok: false };
  };
  const checked = intake.check({
    hash,
    ref: String(reply.ref),
    classRank: Number(reply.classRank),
    categories: Array.isArray(reply.categories) ? reply.categories : [],
    document: String(reply.document),
  });
  if (!checked.ok) return refuse(checked.reason);
  const signerLogin = (role: string): string | null => {
    const s = checked.cable.signatures.find((x) => x.role === role);
    return s ? (actorOfPerson(db, s.signer)?.login ?? null) : null;
  };
  const drafter = signerLogin('DRAFTER');
  if (drafter === null) return refuse('the chain names no drafter with an account here');
  let cableId = known;
  if (cableId === null) {
    const existing = prepared(db, 'SELECT id FROM cables WHERE ref = ?').pluck().get(checked.cable.release.ref) as
      number | undefined;
    if (existing !== undefined) {
      const [stored] = readSignedCables(db, existing, existing);
      if (!stored || !sameSignedCable(stored, checked.cable))
        return refuse(`a different cable ${checked.cable.release.ref} already exists in this database`);
      cableId = existing;
    } else {
      try {
        db.transaction(() => {
          cableId = intake.write(checked.cable, reply.categories);
        })();
      } catch (e) {
        return refuse((e as Error).message);
      }
      audit.append(
        { actor: system, action: 'IMPORT', cableId, detail: { channel: 'classroom', what: 'reply', hash, remote } },
        now,
      );
    }
  }
  return { ok: true, cableId: cableId!, drafter, approver: signerLogin('APPROVER') };
}

/** Tells the dashboard that the live exercise changed (remote acts were applied). */
export function announceExercise(db: Db): void {
  const id = liveExerciseId(db);
  if (id !== null) emitChange(db, { type: 'exercise', exerciseId: id });
}

/** The exercise clock as the instructor's machine publishes it (exchange table `exercise_clock`). */
export type PublishedClock = Readonly<{
  exercise: string;
  title: string;
  start: string;
  clock: Pick<ExerciseClock, 'status' | 'rate' | 'anchorRealMs' | 'anchorScenarioMs' | 'endMs'>;
}>;

/** The live (or last) exercise of this database, as published; null when there is none. */
export function localClock(db: Db): PublishedClock | null {
  const row = prepared(
    db,
    `SELECT id, scenario_id, title, scenario_start, state FROM exercises
      ORDER BY (status <> 'ENDED') DESC, id DESC LIMIT 1`,
  ).get() as { id: number; scenario_id: string; title: string; scenario_start: string; state: string } | undefined;
  if (!row) return null;
  const c = JSON.parse(row.state) as ExerciseClock;
  return {
    exercise: `${row.id}:${row.scenario_id}`,
    title: row.title,
    start: row.scenario_start,
    clock: {
      status: c.status,
      rate: c.rate,
      anchorRealMs: c.anchorRealMs,
      anchorScenarioMs: c.anchorScenarioMs,
      endMs: c.endMs,
    },
  };
}

/** The scenario time (ISO 8601) of a real instant by a published clock; null without one. */
export function scenarioTimeBy(published: PublishedClock | null, realAt: string): string | null {
  if (!published || published.clock.anchorRealMs === null) return null;
  const real = Date.parse(realAt);
  if (Number.isNaN(real)) return null;
  const ms = scenarioMs({ ...published.clock, injects: [] }, real);
  return new Date(Date.parse(published.start) + ms).toISOString();
}
