import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { AuditTrail } from '../audit/auditTrail';
import { eventBusOf } from '../events';
import { keyCache } from '../crypto/verify';
import { databaseKeys } from '../signing/bulkVerify';
import { insertCableSignatures, readSignedCables, releasedCableInput, type SignedCable } from '../signing/signedCable';
import { cableIdByRef, liveExerciseId } from '../store/cableReader';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import {
  checkReceived,
  eitherKeys,
  exchangeCableOf,
  grantsFor,
  sameSignedCable,
  type Checked as Verdict,
} from './document';
import {
  appliedCounts,
  appliedOutcome,
  cursorOf,
  dropFromOutbox,
  moveCursor,
  outbox,
  outboxSize,
  queueEvent,
  queueNewReleases,
  readConfig,
  recordApplied,
} from './localStore';
import { memberKeys, type Member } from './members';
import {
  ACT_KINDS,
  announceExercise,
  createEventApplier,
  createHashIndex,
  localClock,
  hasNewActs,
  queueActs,
  scenarioTimeBy,
  type PublishedClock,
  type RemoteEvent,
} from './exerciseEvents';
import { createInjectReleaser } from './injects';
import { setInjectReleaser } from '../exercise/injectRelease';
import { currentKey } from '../crypto/keyStore';
import { openSecretKey } from '../crypto/keys';
import { clientConfig, connect, parsePgUrl } from './pgConnect';
import { openSecret } from './secret';

/**
 * The classroom client (issue 11 item 2; docs/CLASSROOM.md): the telegraph line between this
 * machine's SQLite store and the class's PostgreSQL exchange. It never blocks the app: the
 * store is the truth, the exchange is reached when it can be.
 *
 * Out: every signed cable written here (a release) is queued in `net_outbox` (from the cable
 * writer's change event, and by a scan on every round, so a crash between release and queue
 * loses nothing), then posted with its recipients — the members whom the same access decision
 * as locally admits — through `post_cable()`, and dropped from the outbox in the same SQLite
 * transaction as its audit entry. Retries are harmless: the server is idempotent on the hash.
 *
 * In: on a notification, on (re)connect and every `pollMs`, grants with seq > cursor are read
 * (RLS gives only this login's, for cables its label dominates); each is verified (hash,
 * canonical document, label, every signature against the members' and this database's keys)
 * and applied through the cable writer with the cursor moved in the same SQLite transaction:
 * delivered at least once, applied exactly once. A cable that fails is refused: audited
 * TAMPERED, recorded, the cursor moved past it, and a CABLE_REFUSED event posted for the instructor.
 */
export type ClassroomState = 'not-joined' | 'stopped' | 'connecting' | 'online' | 'offline';

export type ClassroomStatus = Readonly<{
  joined: boolean;
  server: string | null;
  login: string | null;
  state: ClassroomState;
  /** Cables and events waiting to be posted. */
  queued: number;
  cursor: number;
  applied: number;
  present: number;
  refused: number;
  lastError: string | null;
  lastSyncAt: string | null;
}>;

export type AppliedNotice = Readonly<{
  hash: string;
  ref: string;
  cableId: number | null;
  outcome: 'APPLIED' | 'PRESENT' | 'REFUSED';
  reason?: string;
}>;

export type ClassroomClientOptions = Readonly<{
  /** Polling interval: the fallback when a notification is missed. */
  pollMs?: number;
  /** First reconnection delay; doubles up to `maxReconnectMs`. */
  reconnectMs?: number;
  maxReconnectMs?: number;
  /** Grants read per query. */
  pageSize?: number;
  onApplied?: (notice: AppliedNotice) => void;
  onPosted?: (posted: Readonly<{ hash: string; ref: string; cableId: number; granted: number }>) => void;
}>;

export type ClassroomClient = Readonly<{
  /** Opens the sealed password with the joined account's passphrase, then starts. */
  startWithPassphrase(passphrase: string): Promise<void>;
  /** Starts with the password itself (the password is kept in memory only). */
  start(password: string): void;
  stop(): Promise<void>;
  /** One round now (queue, post, read, report); resolves when it is done. */
  syncNow(): Promise<void>;
  status(): ClassroomStatus;
  /** Called on every change of the status; returns the function that removes the listener. */
  onStatus(listener: (status: ClassroomStatus) => void): () => void;
  /** Queues an event for the exchange (a trainee's action, for the instructor's dashboard). */
  postEvent(
    kind: string,
    cableHash: string | null,
    detail: Readonly<Record<string, unknown>>,
    scenarioTime?: Date | null,
  ): void;
}>;

/** post_event() notifies here: the instructor's machine listens for the posts' acts. */
const EVENTS_CHANNEL = 'cableroom_events';
/** publish_clock() notifies here: the posts read the exercise clock again. */
const CLOCK_CHANNEL = 'cableroom_clock';
/** The presence row is written when the cursor or queue changed, and at least this often. */
const PRESENCE_MS = 10_000;

class Refusal extends Error {}

type GrantRow = {
  seq: string;
  role: string;
  hash: string;
  ref: string;
  class_rank: number;
  categories: string[];
  document: string;
  posted_by: string;
};

export function createClassroomClient(
  db: Db,
  audit: AuditTrail,
  options: ClassroomClientOptions = {},
): ClassroomClient {
  const pollMs = options.pollMs ?? 5_000;
  const reconnectMs = options.reconnectMs ?? 250;
  const maxReconnectMs = options.maxReconnectMs ?? 5_000;
  const pageSize = options.pageSize ?? 200;

  let password: string | null = null;
  let pg: Client | null = null;
  let state: ClassroomState = readConfig(db) ? 'stopped' : 'not-joined';
  let lastError: string | null = null;
  let lastSyncAt: string | null = null;
  let members: Member[] = [];
  // Public keys as KeyObjects, made once per key (crypto/verify.ts), for every cable received.
  const toKey = keyCache();
  const localKeys = databaseKeys(db, toKey);
  let keys = eitherKeys(localKeys, memberKeys(members, toKey));
  let running: Promise<void> | null = null;
  let lastPresence = '';
  let lastPresenceAt = 0;
  let again = false;
  let attempts = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  const listeners = new Set<(s: ClassroomStatus) => void>();
  const system = { userId: null, login: null } as const;
  // The exercise over the classroom (exerciseEvents.ts): acts out on a post, events in on the instructor's.
  const hashes = createHashIndex(db);
  const applier = createEventApplier(db, audit, hashes, {
    check: (row) => checkReceived(db, row, keys),
    write: (cable, categories) => writeReceived(cable, categories),
  });
  let actMark = 0;
  /** Keys of acts posted or queued; null until the exchange has said which it holds. */
  let knownActs: Set<string> | null = null;
  let openedKey: Uint8Array | null = null;
  /** The exercise clock: as last read from the exchange (a post), or as last published (the instructor). */
  let remoteClock: PublishedClock | null = null;
  let clockStale = true;
  let publishedClock = '';
  /** Whether the joined account runs the exercise (read once per connection: it is asked every round). */
  let instructorRole: boolean | null = null;
  const isInstructor = (): boolean => (instructorRole ??= readInstructor());
  const readInstructor = (): boolean => {
    const config = readConfig(db);
    const role = config
      ? (prepared(db, 'SELECT role FROM users WHERE id = ?').pluck().get(config.userId) as string | undefined)
      : undefined;
    return role === 'instructor' || role === 'admin';
  };

  const status = (): ClassroomStatus => {
    const config = readConfig(db);
    const counts = appliedCounts(db);
    return {
      joined: config !== null,
      server: config?.pgUrl ?? null,
      login: config?.login ?? null,
      state: config ? state : 'not-joined',
      queued: outboxSize(db),
      cursor: cursorOf(db),
      applied: counts.APPLIED,
      present: counts.PRESENT,
      refused: counts.REFUSED,
      lastError,
      lastSyncAt,
    };
  };
  const changed = (): void => {
    if (listeners.size === 0 || !db.open) return;
    const s = status();
    for (const l of [...listeners]) l(s);
  };
  const setState = (next: ClassroomState): void => {
    if (state === next) return;
    state = next;
    changed();
  };

  const stopped = (): boolean => password === null;

  const lost = (client: Client, error: unknown): void => {
    if (pg !== client) return;
    pg = null;
    lastError = error instanceof Error ? error.message : String(error);
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    if (stopped()) return;
    setState('offline');
    scheduleReconnect();
  };

  const scheduleReconnect = (): void => {
    if (reconnectTimer || stopped()) return;
    const delay = Math.min(reconnectMs * 2 ** attempts, maxReconnectMs);
    attempts++;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void openConnection();
    }, delay);
    reconnectTimer.unref?.();
  };

  const openConnection = async (): Promise<void> => {
    if (!db.open) return void shutDown();
    instructorRole = null;
    const config = readConfig(db);
    if (!config || password === null) return;
    if (state !== 'offline') setState('connecting');
    let client: Client;
    try {
      const target = parsePgUrl(config.pgUrl);
      client = await connect(clientConfig(target, config.login, password));
    } catch (e) {
      lastError = (e as Error).message;
      setState('offline');
      scheduleReconnect();
      return;
    }
    if (stopped()) {
      await client.end().catch(() => undefined);
      return;
    }
    // The connection alone never keeps a process alive: a shell that closes its database and
    // returns ends even if nobody stopped the client (its timers are unref'd as well).
    (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
    client.on('error', (e) => lost(client, e));
    client.on('end', () => lost(client, new Error('the connection to the classroom closed')));
    client.on('notification', (msg) => {
      if (msg.channel === CLOCK_CHANNEL) clockStale = true;
      requestSync();
    });
    try {
      // This login's own feed channel (exchange migration 5): only a recipient wakes.
      const { rows: channel } = await client.query<{ c: string }>('SELECT classroom.feed_channel(current_user) AS c');
      await client.query(`LISTEN ${client.escapeIdentifier(channel[0]!.c)}`);
      if (isInstructor()) await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      else {
        await client.query(`LISTEN ${CLOCK_CHANNEL}`);
        await readClock(client);
      }
      publishedClock = '';
      members = await fetchMembers(client);
      keys = eitherKeys(localKeys, memberKeys(members, toKey));
      knownActs = await postedActs(client);
    } catch (e) {
      pg = client;
      lost(client, e);
      return;
    }
    pg = client;
    attempts = 0;
    lastError = null;
    setState('online');
    requestSync();
  };

  const fetchMembers = async (client: Client): Promise<Member[]> => {
    const { rows } = await client.query<Record<string, unknown>>('SELECT * FROM classroom.members ORDER BY login');
    // A member the instructor disabled (classroom init) is no recipient.
    return rows
      .filter((r) => r.disabled !== true)
      .map((r): Member => ({
        login: r.login as string,
        person: r.person as string,
        displayName: r.display_name as string,
        station: r.station as string,
        office: (r.office as string | null) ?? null,
        accountRole: r.account_role as string,
        clearance: r.clearance as Member['clearance'],
        clearanceRank: r.clearance_rank as number,
        categories: r.categories as string[],
        captionRoles: r.caption_roles as Member['captionRoles'],
        foreignNational: r.foreign_national as boolean,
        nationality: (r.nationality as string | null) ?? null,
        principal: r.principal as boolean,
        exdisDesignee: r.exdis_designee as boolean,
        keys: r.keys as Member['keys'],
      }));
  };

  /** A post: the exercise clock the instructor published, to stamp acts with their scenario time. */
  const readClock = async (client: Client): Promise<void> => {
    clockStale = false;
    const { rows } = await client.query<{
      exercise: string;
      title: string;
      scenario_start: Date;
      clock: PublishedClock['clock'];
    }>('SELECT exercise, title, scenario_start, clock FROM classroom.exercise_clock WHERE id = 1');
    const r = rows[0];
    remoteClock = r
      ? { exercise: r.exercise, title: r.title, start: r.scenario_start.toISOString(), clock: r.clock }
      : null;
  };

  /** The instructor: the exercise clock published whenever it changed (a start, pause, rate, shift, end). */
  const publishClock = async (client: Client): Promise<void> => {
    const mine = localClock(db);
    const text = JSON.stringify(mine);
    if (mine === null || text === publishedClock) return;
    await client.query('SELECT classroom.publish_clock($1, $2, $3, $4)', [
      mine.exercise,
      mine.title,
      mine.start,
      mine.clock,
    ]);
    publishedClock = text;
  };

  /** The acts this login has posted, and those waiting in the outbox: not queued again. */
  const postedActs = async (client: Client): Promise<Set<string>> => {
    const { rows } = await client.query<{ key: string }>(
      "SELECT key FROM classroom.events WHERE login = session_user AND key LIKE 'act:%'",
    );
    const known = new Set(rows.map((r) => r.key));
    for (const row of outbox(db, 1_000_000)) {
      if (row.kind === 'EVENT') known.add((JSON.parse(row.event!) as { key: string }).key);
    }
    return known;
  };

  const requestSync = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await round();
        } while (again && !stopped());
      } finally {
        running = null;
      }
    })();
  };

  const round = async (): Promise<void> => {
    // The database was closed under a running client (the app or `cableroom serve` shutting down).
    if (!db.open) return void shutDown();
    const config = readConfig(db);
    if (!config) return;
    if (queueNewReleases(db, new Date()) > 0) changed();
    const client = pg;
    // A post's acts on exchanged cables, from its audit trail (the durable outbox of acts), each
    // stamped with its scenario time by the clock the instructor published (read fresh when online).
    if (knownActs !== null && !isInstructor()) {
      if (client && (clockStale || hasNewActs(db, config.login, actMark))) {
        try {
          await readClock(client);
        } catch (e) {
          lost(client, e);
          return;
        }
      }
      const r = queueActs(
        db,
        config.login,
        actMark,
        knownActs,
        hashes,
        (realAt) => scenarioTimeBy(remoteClock, realAt),
        new Date(),
      );
      actMark = r.mark;
      if (r.queued > 0) changed();
    }
    if (!client) return;
    try {
      if (isInstructor()) await publishClock(client);
      await flushOutbox(client, config.login);
      await pull(client);
      if (isInstructor()) await pullEvents(client);
      // The instructor's status (classroom status): a change at most every second, else every PRESENCE_MS.
      const presence = `${cursorOf(db)}/${outboxSize(db)}`;
      if (Date.now() - lastPresenceAt >= (presence !== lastPresence ? 1_000 : PRESENCE_MS)) {
        const [cursor, queued] = presence.split('/').map(Number);
        await client.query('SELECT classroom.report_presence($1, $2)', [cursor, queued]);
        lastPresence = presence;
        lastPresenceAt = Date.now();
      }
      lastSyncAt = new Date().toISOString();
      changed();
    } catch (e) {
      lost(client, e);
    }
  };

  const flushOutbox = async (client: Client, login: string): Promise<void> => {
    for (;;) {
      const rows = outbox(db, 50);
      if (rows.length === 0) return;
      for (const row of rows) {
        if (row.kind === 'EVENT') {
          const e = JSON.parse(row.event!) as {
            key: string;
            kind: string;
            cableHash: string | null;
            scenarioTime: string | null;
            detail: Record<string, unknown>;
          };
          await client.query('SELECT classroom.post_event($1, $2, $3, $4, $5)', [
            e.key,
            e.kind,
            e.cableHash,
            e.scenarioTime,
            e.detail,
          ]);
          db.transaction(() => dropFromOutbox(db, row.id))();
          continue;
        }
        const cableId = row.cableId!;
        const cable = exchangeCableOf(db, cableId);
        if (!cable) {
          db.transaction(() => dropFromOutbox(db, row.id))();
          continue;
        }
        const grants = grantsFor(db, cableId, members, login);
        const { rows: result } = await client.query<{ created: boolean; granted: number }>(
          'SELECT * FROM classroom.post_cable($1, $2, $3, $4, $5, $6)',
          [cable.hash, cable.ref, cable.classRank, [...cable.categories], cable.document, JSON.stringify(grants)],
        );
        const granted = result[0]?.granted ?? 0;
        db.transaction(() => {
          dropFromOutbox(db, row.id);
          audit.append({
            actor: system,
            action: 'EXPORT',
            cableId,
            detail: { channel: 'classroom', hash: cable.hash, to: grants.map((g) => `${g.login}:${g.role}`), granted },
          });
        })();
        options.onPosted?.({ hash: cable.hash, ref: cable.ref, cableId, granted });
      }
      changed();
    }
  };

  const pull = async (client: Client): Promise<void> => {
    for (;;) {
      const { rows } = await client.query<GrantRow>(
        `SELECT g.seq, g.role, c.hash, c.ref, c.class_rank, c.categories, c.document, c.posted_by
           FROM classroom.grants g JOIN classroom.cables c ON c.hash = g.cable_hash
          WHERE g.seq > $1 ORDER BY g.seq LIMIT $2`,
        [cursorOf(db), pageSize],
      );
      await applyPage(client, rows);
      if (rows.length < pageSize) return;
    }
  };

  /** The instructor's machine: the posts' acts, applied into this audit trail (exerciseEvents.ts). */
  const pullEvents = async (client: Client): Promise<void> => {
    let appliedAny = false;
    for (;;) {
      const { rows } = await client.query<{
        seq: string;
        login: string;
        key: string;
        kind: string;
        cable_hash: string | null;
        scenario_time: Date | null;
        detail: Record<string, unknown>;
      }>(
        `SELECT seq, login, key, kind, cable_hash, scenario_time, detail FROM classroom.events
          WHERE seq > $1 AND login <> session_user AND kind = ANY($2) ORDER BY seq LIMIT $3`,
        [eventCursor ?? applier.cursor(), [...ACT_KINDS], pageSize],
      );
      for (const r of rows) {
        const event: RemoteEvent = {
          seq: Number(r.seq),
          login: r.login,
          key: r.key,
          kind: r.kind,
          cableHash: r.cable_hash,
          scenarioTime: r.scenario_time?.toISOString() ?? null,
          detail: r.detail,
        };
        if (applier.apply(event, new Date()) === 'APPLIED') appliedAny = true;
        eventCursor = event.seq;
      }
      if (rows.length < pageSize) break;
    }
    if (appliedAny) announceExercise(db);
  };
  let eventCursor: number | null = null;

  /**
   * One page of grants: each verified first (pure CPU, the members read again once if a key is
   * unknown), then all applied in one SQLite transaction — each cable in a savepoint of its own,
   * so a refused one rolls back alone — with the cursor moved past the page in it (issue 11
   * item 4: one commit and one change event per page instead of per cable).
   */
  const applyPage = async (client: Client, rows: ReadonlyArray<GrantRow>): Promise<void> => {
    const verdicts: (Verdict | null)[] = [];
    for (const row of rows) {
      if (appliedOutcome(db, row.hash) !== null) {
        verdicts.push(null);
        continue;
      }
      const received = {
        hash: row.hash,
        ref: row.ref,
        classRank: row.class_rank,
        categories: row.categories,
        document: row.document,
      };
      let checked = checkReceived(db, received, keys);
      if (!checked.ok && /unknown/i.test(checked.reason)) {
        // A key made after this machine last read the directory: read it again, once.
        members = await fetchMembers(client);
        keys = eitherKeys(localKeys, memberKeys(members, toKey));
        checked = checkReceived(db, received, keys);
      }
      verdicts.push(checked);
    }
    const now = new Date();
    const notices = db.transaction((): AppliedNotice[] =>
      rows.flatMap((row, i): AppliedNotice[] => {
        const seq = Number(row.seq);
        const checked = verdicts[i] ?? null;
        // Delivered again (a retried page, a second grant): applied once already.
        if (checked === null || appliedOutcome(db, row.hash) !== null) {
          moveCursor(db, seq);
          return [];
        }
        try {
          if (!checked.ok) throw new Refusal(checked.reason);
          return [applyOne(row, seq, checked.cable, now)];
        } catch (e) {
          if (!(e instanceof Refusal)) throw e;
          return [refuse(row, seq, e.message, now)];
        }
      }),
    )();
    for (const n of notices) options.onApplied?.(n);
  };

  /** One verified cable, in a savepoint: written (or found present), recorded, the cursor moved. */
  const applyOne = (row: GrantRow, seq: number, cable: SignedCable, now: Date): AppliedNotice =>
    db.transaction((): AppliedNotice => {
      const existing = cableIdByRef(db, cable.release.ref);
      let outcome: 'APPLIED' | 'PRESENT';
      let cableId: number;
      if (existing !== undefined) {
        const [stored] = readSignedCables(db, existing, existing);
        if (!stored || !sameSignedCable(stored, cable))
          throw new Refusal(`a different cable ${cable.release.ref} already exists in this database`);
        outcome = 'PRESENT';
        cableId = existing;
      } else {
        cableId = writeReceived(cable, row.categories);
        outcome = 'APPLIED';
        audit.append(
          {
            actor: system,
            action: 'IMPORT',
            cableId,
            detail: { channel: 'classroom', hash: row.hash, seq, role: row.role, postedBy: row.posted_by },
          },
          now,
        );
      }
      recordApplied(db, { hash: row.hash, seq, ref: cable.release.ref, cableId, outcome }, now);
      moveCursor(db, seq);
      return { hash: row.hash, ref: cable.release.ref, cableId, outcome };
    })();

  /**
   * Where a received cable is delivered: to its addressees, as written; and when none of them is
   * this machine's post (the grant came from a pass or repeat carried out at another post, or an
   * inject's `deliverTo`), to this post as well, for information — the grant says the sender's
   * access decision admitted this post's member.
   */
  const deliveryHere = (cable: SignedCable): { deliverTo?: string[] } => {
    const config = readConfig(db);
    const own = config
      ? (prepared(
          db,
          `SELECT s.plad FROM users u JOIN people p ON p.id = u.person_id JOIN stations s ON s.id = p.station_id
            WHERE u.id = ?`,
        )
          .pluck()
          .get(config.userId) as string | undefined)
      : undefined;
    if (!own) return {};
    const reached = new Set<string>();
    for (const a of cable.draft.addressees) {
      if (a.role === 'EXEMPT') continue;
      if (a.plad) reached.add(a.plad);
      if (a.collective) {
        const plads = prepared(
          db,
          `SELECT s.plad FROM collectives c JOIN collective_members m ON m.collective_id = c.id
             JOIN stations s ON s.id = m.station_id WHERE c.name = ?`,
        )
          .pluck()
          .all(a.collective) as string[];
        for (const p of plads) reached.add(p);
      }
    }
    return reached.has(own) ? {} : { deliverTo: [...reached, own] };
  };

  /** Writes a verified cable through the cable writer, with its chain, and reads it back. */
  const writeReceived = (cable: SignedCable, categories: ReadonlyArray<string>): number => {
    let id: number;
    try {
      // A reply released at a post while this machine runs an exercise cites the exercise's
      // inject: its references are looked up there first, as for a reply released here.
      id = insertCable(db, releasedCableInput(cable.draft, cable.release), new Date(), {
        ...deliveryHere(cable),
        referencesIn: liveExerciseId(db),
      });
    } catch (e) {
      throw new Refusal(`${cable.release.ref} does not fit this database: ${(e as Error).message}`);
    }
    insertCableSignatures(db, id, cable.signatures);
    const [back] = readSignedCables(db, id, id);
    if (!back || !sameSignedCable(back, cable)) throw new Refusal(`${cable.release.ref} does not read back as signed`);
    const stored = prepared(db, 'SELECT categories FROM cables WHERE id = ?').pluck().get(id) as string;
    const label = (JSON.parse(stored) as string[]).sort();
    if (label.join('\u0000') !== [...categories].sort().join('\u0000'))
      throw new Refusal("the row's categories are not the cable's");
    return id;
  };

  const refuse = (row: GrantRow, seq: number, reason: string, now: Date): AppliedNotice => {
    db.transaction(() => {
      audit.append(
        {
          actor: system,
          action: 'TAMPERED',
          detail: { channel: 'classroom', ref: row.ref, hash: row.hash, seq, postedBy: row.posted_by, reason },
        },
        now,
      );
      recordApplied(db, { hash: row.hash, seq, ref: row.ref, cableId: null, outcome: 'REFUSED', reason }, now);
      moveCursor(db, seq);
      // Reported to the instructor through the exchange (posted with the next round).
      queueEvent(
        db,
        {
          key: `refused:${row.hash}`,
          kind: 'CABLE_REFUSED',
          cableHash: row.hash,
          scenarioTime: null,
          detail: { ref: row.ref, seq, reason },
        },
        now,
      );
    })();
    again = true;
    return { hash: row.hash, ref: row.ref, cableId: null, outcome: 'REFUSED', reason };
  };

  const begin = (pw: string): void => {
    if (!readConfig(db)) throw new Error('This database has not joined a classroom (cableroom classroom join).');
    if (password !== null) return;
    password = pw;
    attempts = 0;
    // A release (or anything written) here: look for it at once.
    unsubscribe = eventBusOf(db).subscribe((events) => {
      // A release or a received pass (cables out), a trainee's act (events out), the clock (published).
      const wake = new Set(['delivered', 'acknowledged', 'read', 'exercise']);
      if (events.some((e) => wake.has(e.type))) requestSync();
    });
    pollTimer = setInterval(requestSync, pollMs);
    pollTimer.unref?.();
    void openConnection();
  };

  /** The instructor's signing key, held while the client runs: injects leave this machine signed. */
  const openInjectKey = async (userId: number, login: string, passphrase: string): Promise<void> => {
    const personId = prepared(db, 'SELECT person_id FROM users WHERE id = ?').pluck().get(userId) as number | undefined;
    const key = personId === undefined ? null : currentKey(db, personId);
    if (!key?.sealed) return;
    const personKey = prepared(db, 'SELECT key FROM people WHERE id = ?').pluck().get(personId) as string;
    const secretKey = await openSecretKey(key.sealed, passphrase);
    openedKey = secretKey;
    setInjectReleaser(
      db,
      createInjectReleaser(db, { userId, login, personKey, fingerprint: key.fingerprint, secretKey }),
    );
  };

  const shutDown = async (): Promise<void> => {
    password = null;
    if (openedKey) {
      setInjectReleaser(db, null);
      openedKey.fill(0);
      openedKey = null;
    }
    unsubscribe?.();
    unsubscribe = null;
    if (pollTimer) clearInterval(pollTimer);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    pollTimer = null;
    reconnectTimer = null;
    const client = pg;
    pg = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  };

  return {
    async startWithPassphrase(passphrase) {
      const config = readConfig(db);
      if (!config) throw new Error('This database has not joined a classroom (cableroom classroom join).');
      const pw = await openSecret(config.sealed, passphrase);
      if (isInstructor()) await openInjectKey(config.userId, config.login, passphrase);
      begin(pw);
    },
    start: begin,
    async stop() {
      password = null;
      await running?.catch(() => undefined);
      await shutDown();
      if (db.open) setState(readConfig(db) ? 'stopped' : 'not-joined');
    },
    async syncNow() {
      requestSync();
      while (running) await running;
    },
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    postEvent(kind, cableHash, detail, scenarioTime = null) {
      queueEvent(
        db,
        { key: randomUUID(), kind, cableHash, scenarioTime: scenarioTime?.toISOString() ?? null, detail },
        new Date(),
      );
      requestSync();
    },
  };
}
