import * as nodeCrypto from 'node:crypto';
import { scenarioSchema, type Scenario } from '../../contract/scenario';
import type { AuditAction, AuditEntry } from '../../domain/audit';
import type { Caption, DissemControl } from '../../domain/captions';
import type { Classification } from '../../domain/classification';
import type { Draft, RuleContext } from '../../domain/draft';
import type {
  ActionEntry,
  Assignment,
  CableFacts,
  ClockEvent,
  DebriefEntry,
  DeliveryFacts,
  ExerciseRecord,
  FiredInject,
  ReleaseFacts,
  ScoredScenario,
  SkippedInject,
  StationFacts,
} from '../../domain/exercise/record';
import { bannerLine } from '../../domain/markings';
import { isHighPrecedence, type Precedence } from '../../domain/precedence';
import { FOREIGN_STATION_KIND } from '../../domain/rules';
import { canonicalJson, entryHash, fromRow, GENESIS_HASH, type AuditRow } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { verifyOneCable } from '../signing/bulkVerify';
import { readSignedCables } from '../signing/signedCable';
import type { Db } from '../store/database';
import { collectivesWithMembers, stationKinds } from '../store/draftsRepository';
import { prepared } from '../store/statements';
import { isJournalAction, journalDetail } from './journal';

/**
 * The audit trail → the record of one exercise (issue 10 item 4; EXERCISES.md §4): the journal
 * of its clock, the injects fired, the trainees' actions, and the facts of what those entries name
 * (the inject cables, the deliveries acknowledged or filed, the stations passed or repeated to,
 * the replies released with their signature chains). domain/exercise/score.ts scores it.
 *
 * The entries are read by one range scan of the trail's primary key from the exercise's
 * EXERCISE_START to its EXERCISE_END (or the head), each checked against the hash chain as it is
 * read — a score is never built on a changed trail. Of the live tables only the exercise's
 * scenario document is read, checked against the SHA-256 its EXERCISE_START recorded, and the
 * rows the entries name. A fold: `createRecordFold` takes entries in order and can be asked for
 * the record at any point, so the live score folds only what was appended since it last looked.
 */

/** Actions a trainee's score reads (the journal aside). */
const SCORED_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'VIEW',
  'DENY',
  'ACK',
  'READ',
  'PASS',
  'REPEAT',
  'RELEASE',
  'DRAFT',
  'SIGN',
]);
/** Of anyone's entries: acknowledgements (filing before them, rule 8) and releases (approvers release). */
const EVERYONE_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>(['ACK', 'RELEASE']);

/** A row as read by the range scan: the columns in ROW_COLUMNS order, no object per row. */
type RawRow = [
  seq: number,
  at: string,
  actorUserId: number | null,
  actorLogin: string | null,
  action: AuditAction,
  cableId: number | null,
  detail: string,
  prevHash: string,
  hash: string,
];

type Row = AuditRow;

const ROW_COLUMNS = 'seq, at, actor_user_id, actor_login, action, cable_id, detail, prev_hash, hash';

type ExerciseRow = { id: number; scenario: string; sha256: string; scenario_start: string };

/** The exercise's own row: its scenario document as started (validated again), its start. */
export type ExerciseHeader = Readonly<{
  exerciseId: number;
  scenario: Scenario;
  /** The SHA-256 of the document as stored (canonical JSON): what the start recorded. */
  storedSha256: string;
  sha256: string;
  start: string;
}>;

export function exerciseHeader(db: Db, exerciseId: number): ExerciseHeader {
  const row = prepared(db, 'SELECT id, scenario, sha256, scenario_start FROM exercises WHERE id = ?').get(
    exerciseId,
  ) as ExerciseRow | undefined;
  if (!row) throw new CableroomError('NOT_FOUND', `No exercise ${exerciseId}.`);
  const document = JSON.parse(row.scenario) as unknown;
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) {
    throw new CableroomError('INTEGRITY', `Exercise ${exerciseId}: its stored scenario is not a valid scenario.`);
  }
  return {
    exerciseId,
    scenario: parsed.data,
    storedSha256: storedScenarioSha256(row.scenario, document),
    sha256: row.sha256,
    start: row.scenario_start,
  };
}

/** The SHA-256 of a scenario document's canonical JSON (what EXERCISE_START records). */
export function scenarioSha256(doc: unknown): string {
  return sha256Hex(canonicalJson(doc));
}

/** The last stored scenario text hashed, and its hash (a large scenario costs milliseconds to hash). */
let lastHashed: { text: string; sha256: string } | null = null;

function storedScenarioSha256(text: string, doc: unknown): string {
  if (lastHashed?.text !== text) lastHashed = { text, sha256: scenarioSha256(doc) };
  return lastHashed.sha256;
}

/** SHA-256 in hex: Node's one-shot hash where it has one (20.12+), several times faster per entry. */
const sha256Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'hex')
    : (text) => nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** The seq of the exercise's EXERCISE_START (the action index, then the detail). */
export function exerciseStartSeq(db: Db, exerciseId: number): number {
  const seq = prepared(
    db,
    "SELECT seq FROM audit_log WHERE action = 'EXERCISE_START' AND json_extract(detail, '$.exercise') = ? ORDER BY seq LIMIT 1",
  )
    .pluck()
    .get(exerciseId) as number | undefined;
  if (seq === undefined) {
    throw new CableroomError('NOT_FOUND', `Exercise ${exerciseId} has no EXERCISE_START in the audit trail.`);
  }
  return seq;
}

/** The hash the entry must have, from its stored text (the detail is stored canonical). */
function rowHash(r: RawRow): string {
  const canonical = `[${r[0]},${JSON.stringify(r[1])},${JSON.stringify(r[2])},${JSON.stringify(r[3])},${JSON.stringify(r[4])},${JSON.stringify(r[5])},${r[6]},${JSON.stringify(r[7])}]`;
  return sha256Hex(canonical);
}

function rowOf(r: RawRow): Row {
  return {
    seq: r[0],
    at: r[1],
    actor_user_id: r[2],
    actor_login: r[3],
    action: r[4],
    cable_id: r[5],
    detail: r[6],
    prev_hash: r[7],
    hash: r[8],
  };
}

export type RecordFold = Readonly<{
  /** Folds the entries after those already folded, up to the exercise's end (or the head). */
  catchUp(): void;
  /** The record as folded so far (facts of newly named rows read now). */
  record(): ExerciseRecord;
  /** The last entry folded. */
  headSeq(): number;
}>;

/**
 * A fold of one exercise's entries from its EXERCISE_START. Checks every entry against the hash
 * chain on the way (INTEGRITY at the first that does not verify).
 */
export function createRecordFold(db: Db, exerciseId: number): RecordFold {
  const header = exerciseHeader(db, exerciseId);
  const startSeq = exerciseStartSeq(db, exerciseId);
  const scenario: ScoredScenario = header.scenario;
  const rolePost = new Map(header.scenario.roles.map((r) => [r.id, r.post]));

  const before = prepared(db, 'SELECT hash FROM audit_log WHERE seq = ?')
    .pluck()
    .get(startSeq - 1) as string | undefined;
  let lastSeq = startSeq - 1;
  let lastHash = before ?? (startSeq === 1 ? GENESIS_HASH : null);
  let endSeq: number | null = null;

  let assignments: Assignment[] = [];
  const trainees = new Set<number>();
  const clock: ClockEvent[] = [];
  const injects: FiredInject[] = [];
  const skipped: SkippedInject[] = [];
  const actions: ActionEntry[] = [];
  /** draft id → the trainee's latest drafter signature (SIGN) and the DRAFT entry that started it. */
  const signedBy = new Map<number, { userId: number; seq: number }>();
  const startedAs = new Map<number, { seq: number; replyTo: number | null }>();
  const pendingReleases: PendingRelease[] = [];

  const cables = new Map<number, CableFacts>();
  const deliveries = new Map<number, DeliveryFacts>();
  const stations = new Map<string, StationFacts>();
  const collectives = new Map<string, ReadonlyArray<string>>();
  const releases = new Map<number, ReleaseFacts>();
  const wantedCables = new Set<number>();
  const wantedDeliveries = new Set<number>();
  const wantedNames = new Set<string>();
  const stationPlad = prepared(db, 'SELECT plad FROM stations WHERE id = ?').pluck();

  /**
   * Every entry of the range must follow the one before it (the chain's link); every entry the
   * record reads must also hash to what it says (its content). The whole trail's check, hash by
   * hash and against its anchor, is `audit verify`'s.
   */
  const check = (r: RawRow, read: boolean): void => {
    const [seq, , , , , , , prevHash, hash] = r;
    const problem =
      seq !== lastSeq + 1
        ? `expected entry ${lastSeq + 1}, found ${seq}`
        : lastHash !== null && prevHash !== lastHash
          ? 'it does not follow the entry before it'
          : read && rowHash(r) !== hash && entryHash(fromRow(rowOf(r))) !== hash
            ? 'its contents were changed after it was written'
            : null;
    if (problem) {
      throw new CableroomError(
        'INTEGRITY',
        `The audit trail of exercise ${exerciseId} does not verify at entry ${seq}: ${problem}. No score is built on it.`,
      );
    }
    lastSeq = seq;
    lastHash = hash;
  };

  const journal = (r: Row): void => {
    const entry = fromRow(r) as AuditEntry & { action: 'EXERCISE_START' };
    if (r.action === 'EXERCISE_DEBRIEF' || r.action === 'EXERCISE_TRIGGER') return;
    if (Number(entry.detail['exercise']) !== exerciseId) return;
    switch (r.action) {
      case 'EXERCISE_START': {
        const d = journalDetail(entry);
        if (d.sha256 !== header.sha256 || header.storedSha256 !== d.sha256) {
          throw new CableroomError(
            'INTEGRITY',
            `Exercise ${exerciseId}: the stored scenario is not the one its start recorded (SHA-256 differs).`,
          );
        }
        assignments = d.assignments.map((a) => ({ ...a, post: rolePost.get(a.role) ?? '' }));
        for (const a of assignments) trainees.add(a.userId);
        clock.push({ seq: r.seq, kind: 'START', realMs: d.realMs, rate: d.rate, endMs: d.endMs });
        return;
      }
      case 'EXERCISE_PAUSE':
      case 'EXERCISE_RESUME':
      case 'EXERCISE_END': {
        const d = journalDetail({ ...entry, action: r.action });
        const kind = r.action === 'EXERCISE_PAUSE' ? 'PAUSE' : r.action === 'EXERCISE_RESUME' ? 'RESUME' : 'END';
        clock.push({ seq: r.seq, kind, realMs: d.realMs });
        if (kind === 'END') endSeq = r.seq;
        return;
      }
      case 'EXERCISE_RATE': {
        const d = journalDetail({ ...entry, action: r.action });
        clock.push({ seq: r.seq, kind: 'RATE', realMs: d.realMs, rate: d.rate });
        return;
      }
      case 'EXERCISE_SHIFT': {
        const d = journalDetail({ ...entry, action: r.action });
        clock.push({ seq: r.seq, kind: 'SHIFT', realMs: d.realMs, byMs: d.byMs });
        return;
      }
      case 'EXERCISE_SKIP': {
        const d = journalDetail({ ...entry, action: r.action });
        skipped.push({ seq: r.seq, inject: d.inject, reason: d.reason === 'unless' ? 'unless' : 'instructor' });
        return;
      }
      case 'EXERCISE_INJECT': {
        const d = journalDetail({ ...entry, action: r.action });
        if (r.cable_id === null) throw new CableroomError('INTEGRITY', `Inject entry ${r.seq} names no cable.`);
        wantedCables.add(r.cable_id);
        injects.push({
          seq: r.seq,
          inject: d.inject,
          cableId: r.cable_id,
          scenarioMs: d.scenarioMs,
          how: d.how,
          stations: d.stations.map((id) => (stationPlad.get(id) as string | undefined) ?? `station #${id}`),
        });
        return;
      }
    }
  };

  const act = (r: Row): void => {
    if (!SCORED_ACTIONS.has(r.action)) return;
    const trainee = r.actor_user_id !== null && trainees.has(r.actor_user_id);
    if (!trainee && !EVERYONE_ACTIONS.has(r.action)) return;
    const detail = JSON.parse(r.detail) as Record<string, unknown>;
    const draftId = typeof detail['draft'] === 'number' ? detail['draft'] : null;
    if (r.action === 'SIGN') {
      if (draftId !== null && detail['role'] === 'DRAFTER')
        signedBy.set(draftId, { userId: r.actor_user_id!, seq: r.seq });
      return;
    }
    if (r.action === 'DRAFT') {
      if (draftId !== null && detail['created'] === true) startedAs.set(draftId, { seq: r.seq, replyTo: r.cable_id });
      return;
    }
    if (r.action === 'RELEASE' && r.cable_id !== null && draftId !== null) {
      pendingReleases.push({
        seq: r.seq,
        cableId: r.cable_id,
        draftId,
        ref: String(detail['ref'] ?? ''),
        remote: null,
      });
    }
    // A reply released on a post's machine (docs/CLASSROOM.md): its drafter as its verified chain
    // names it, the cable it was started as a reply to, resolved here by the classroom client.
    if (r.action === 'RELEASE' && r.cable_id !== null && detail['remote'] && typeof detail['drafter'] === 'string') {
      pendingReleases.push({
        seq: r.seq,
        cableId: r.cable_id,
        draftId: typeof detail['remoteDraft'] === 'number' ? detail['remoteDraft'] : 0,
        ref: String(detail['ref'] ?? ''),
        remote: {
          drafter: detail['drafter'],
          replyTo: typeof detail['replyTo'] === 'number' ? detail['replyTo'] : null,
          downgrade: detail['downgrade'] === true,
        },
      });
    }
    if (r.cable_id !== null) wantedCables.add(r.cable_id);
    if (typeof detail['deliveryId'] === 'number') wantedDeliveries.add(detail['deliveryId']);
    if ((r.action === 'PASS' || r.action === 'REPEAT') && Array.isArray(detail['to'])) {
      for (const n of detail['to']) if (typeof n === 'string') wantedNames.add(n.trim().toUpperCase());
    }
    actions.push({
      seq: r.seq,
      realMs: Date.parse(r.at),
      userId: r.actor_user_id,
      login: r.actor_login,
      action: r.action,
      cableId: r.cable_id,
      detail,
    });
  };

  /** Counts the entries read into the record: a record is rebuilt only when it changed. */
  let version = 0;

  const fold = (r: RawRow): void => {
    const action = r[4];
    const journalEntry = isJournalAction(action);
    const read = journalEntry || (endSeq === null && SCORED_ACTIONS.has(action));
    check(r, read);
    if (read) version++;
    if (journalEntry) journal(rowOf(r));
    else if (read) act(rowOf(r));
  };

  const range = db.prepare(`SELECT ${ROW_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq`).raw();
  const debriefRows = prepared(
    db,
    `SELECT ${ROW_COLUMNS} FROM audit_log WHERE action = 'EXERCISE_DEBRIEF' AND seq > ? ORDER BY seq`,
  );

  const catchUp = (): void => {
    if (endSeq !== null) return;
    for (const r of range.iterate(lastSeq) as Iterable<RawRow>) {
      fold(r);
      if (endSeq !== null) break;
    }
    if (lastSeq < startSeq) throw new CableroomError('NOT_FOUND', `Exercise ${exerciseId} has no entries.`);
  };

  const maxSeq = prepared(db, 'SELECT max(seq) FROM audit_log').pluck();
  let cached: { head: number; record: ExerciseRecord } | null = null;

  type Parts = Omit<ExerciseRecord, 'headSeq' | 'debriefs'>;
  /** What the fold has read, as of `version`: shared by the records made until it reads more. */
  let parts: { version: number; value: Parts } | null = null;
  let lastDebriefs: DebriefEntry[] = [];

  const record = (): ExerciseRecord => {
    // Nothing appended since (debriefs come after the end, so the whole trail's head is the key).
    const head = maxSeq.get() as number;
    if (cached && cached.head === head) return cached.record;
    if (parts?.version !== version) {
      loadCables(db, wantedCables, cables);
      loadDeliveries(db, wantedDeliveries, deliveries);
      loadNames(db, wantedNames, stations, collectives);
      while (pendingReleases.length > 0) {
        const p = pendingReleases.shift()!;
        const facts = releaseFacts(db, header, p, signedBy, startedAs, trainees);
        if (facts) releases.set(p.seq, facts);
      }
      parts = {
        version,
        value: {
          exerciseId,
          scenario,
          start: header.start,
          startSeq,
          // Copies (slice, not a spread: the action list runs to tens of thousands), sharing the
          // entries: a record made later extends this one (domain/exercise/record.ts extendsRecord).
          assignments: assignments.slice(),
          clock: clock.slice(),
          injects: injects.slice(),
          skipped: skipped.slice(),
          actions: actions.slice(),
          // A look-up that has not grown is the last record's (records are never changed).
          cables: unlessGrown(parts?.value.cables, cables),
          deliveries: unlessGrown(parts?.value.deliveries, deliveries),
          stations: unlessGrown(parts?.value.stations, stations),
          collectives: unlessGrown(parts?.value.collectives, collectives),
          releases: unlessGrown(parts?.value.releases, releases),
        },
      };
    }
    // Debriefs come after the end: the action index, from the start on.
    const debriefs: DebriefEntry[] = [];
    for (const r of debriefRows.iterate(startSeq) as Iterable<Row>) {
      const entry = fromRow(r) as AuditEntry & { action: 'EXERCISE_DEBRIEF' };
      const d = journalDetail(entry);
      if (d.exercise !== exerciseId || r.actor_user_id === null) continue;
      debriefs.push({ seq: r.seq, userId: r.actor_user_id, login: r.actor_login ?? '', answers: d.answers });
    }
    const same = debriefs.length === lastDebriefs.length && debriefs.every((d, i) => d.seq === lastDebriefs[i]!.seq);
    if (!same) lastDebriefs = debriefs;
    const built: ExerciseRecord = { ...parts.value, headSeq: lastSeq, debriefs: lastDebriefs };
    cached = { head, record: built };
    return built;
  };

  return { catchUp, record, headSeq: () => lastSeq };
}

/** The record of an exercise from its audit trail alone (`exercise score --recompute`). */
export function readExerciseRecord(db: Db, exerciseId: number): ExerciseRecord {
  const fold = createRecordFold(db, exerciseId);
  fold.catchUp();
  return fold.record();
}

// ---------------------------------------------------------------------------------------------

/** The last record's copy of a look-up that only grows, if it has not grown since; else a new copy. */
function unlessGrown<K, V>(last: ReadonlyMap<K, V> | undefined, now: Map<K, V>): ReadonlyMap<K, V> {
  return last !== undefined && last.size === now.size ? last : new Map(now);
}

function idList(ids: Iterable<number>): string {
  return JSON.stringify([...ids]);
}

type CableRowLite = {
  id: number;
  ref: string;
  subject: string;
  classification: Classification;
  captions: string;
  dissem: string;
  rel_to: string;
};

function loadCables(db: Db, wanted: Set<number>, into: Map<number, CableFacts>): void {
  const missing = [...wanted].filter((id) => !into.has(id));
  if (missing.length === 0) return;
  const rows = prepared(
    db,
    `SELECT id, ref, subject, classification, captions, dissem, rel_to FROM cables
      WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(idList(missing)) as CableRowLite[];
  const passes = prepared(
    db,
    `SELECT t.cable_id AS cableId, b.plad AS "by", s.plad AS "to" FROM pass_instructions p
       JOIN transmissions t ON t.id = p.transmission_id
       JOIN stations b ON b.id = p.by_station_id JOIN stations s ON s.id = p.to_station_id
      WHERE t.cable_id IN (SELECT value FROM json_each(?)) ORDER BY p.id`,
  ).all(idList(missing)) as { cableId: number; by: string; to: string }[];
  for (const r of rows) {
    const dissem = JSON.parse(r.dissem) as DissemControl[];
    into.set(r.id, {
      id: r.id,
      ref: r.ref,
      subject: r.subject,
      classification: r.classification,
      captions: JSON.parse(r.captions) as Caption[],
      dissem,
      banner: bannerLine(r.classification, dissem, JSON.parse(r.rel_to) as string[]),
      passes: passes.filter((p) => p.cableId === r.id).map(({ by, to }) => ({ by, to })),
    });
  }
}

function loadDeliveries(db: Db, wanted: Set<number>, into: Map<number, DeliveryFacts>): void {
  const missing = [...wanted].filter((id) => !into.has(id));
  if (missing.length === 0) return;
  const rows = prepared(
    db,
    `SELECT d.id, s.plad, d.role, d.precedence, d.niact FROM deliveries d JOIN stations s ON s.id = d.station_id
      WHERE d.id IN (SELECT value FROM json_each(?))`,
  ).all(idList(missing)) as {
    id: number;
    plad: string;
    role: 'ACTION' | 'INFO';
    precedence: Precedence;
    niact: 0 | 1;
  }[];
  for (const r of rows) {
    into.set(r.id, {
      deliveryId: r.id,
      plad: r.plad,
      role: r.role,
      precedence: r.precedence,
      niact: r.niact === 1,
      needsAck: r.role === 'ACTION' && isHighPrecedence(r.precedence, r.niact === 1),
    });
  }
}

/** Stations and collectives that passes and repeats named (rule 20: foreign, or with foreign nationals). */
function loadNames(
  db: Db,
  wanted: Set<string>,
  stations: Map<string, StationFacts>,
  collectives: Map<string, ReadonlyArray<string>>,
): void {
  const missing = [...wanted].filter((n) => !stations.has(n) && !collectives.has(n));
  if (missing.length === 0) return;
  const members = prepared(
    db,
    `SELECT s.plad FROM collectives c JOIN collective_members m ON m.collective_id = c.id
       JOIN stations s ON s.id = m.station_id WHERE c.name = ? ORDER BY s.plad`,
  ).pluck();
  const station = prepared(
    db,
    `SELECT s.plad, s.kind,
            EXISTS (SELECT 1 FROM users u JOIN people p ON p.id = u.person_id
                     WHERE p.station_id = s.id AND u.foreign_national = 1) AS foreignNationals
       FROM stations s WHERE s.plad = ?`,
  );
  const names = new Set<string>();
  for (const n of missing) {
    const list = members.all(n) as string[];
    if (list.length > 0) {
      collectives.set(n, list);
      for (const m of list) names.add(m);
    } else names.add(n);
  }
  for (const plad of names) {
    if (stations.has(plad)) continue;
    const r = station.get(plad) as { plad: string; kind: string; foreignNationals: 0 | 1 } | undefined;
    if (r)
      stations.set(plad, {
        plad,
        foreign: r.kind === FOREIGN_STATION_KIND,
        foreignNationals: r.foreignNationals === 1,
      });
  }
}

type PendingRelease = {
  seq: number;
  cableId: number;
  draftId: number;
  ref: string;
  remote: { drafter: string; replyTo: number | null; downgrade: boolean } | null;
};

/**
 * A trainee's reply as released: the document as signed (read back from the stored cable), the
 * rule checker's context, and the chain verified now (rules 23, 24). Null when no trainee drafted it.
 */
function releaseFacts(
  db: Db,
  header: ExerciseHeader,
  p: PendingRelease,
  signedBy: ReadonlyMap<number, { userId: number; seq: number }>,
  startedAs: ReadonlyMap<number, { seq: number; replyTo: number | null }>,
  trainees: ReadonlySet<number>,
): ReleaseFacts | null {
  // A remote release's draft lives on the post's machine: its facts came with the event.
  const sign = p.remote ? undefined : signedBy.get(p.draftId);
  const owner = p.remote
    ? (prepared(db, 'SELECT id FROM users WHERE login = ?').pluck().get(p.remote.drafter) as number | undefined)
    : (sign?.userId ??
      (prepared(db, 'SELECT owner_user_id FROM drafts WHERE id = ?').pluck().get(p.draftId) as number | undefined));
  if (owner === undefined || !trainees.has(owner)) return null;
  const [signed] = readSignedCables(db, p.cableId, p.cableId);
  if (!signed) return null;
  const downgrade = p.remote
    ? p.remote.downgrade
    : (prepared(db, 'SELECT downgrade_by_user_id FROM drafts WHERE id = ?').pluck().get(p.draftId) ?? null) !== null;
  const chain = verifyOneCable(db, p.cableId);
  const started = p.remote ? { seq: undefined, replyTo: p.remote.replyTo } : startedAs.get(p.draftId);
  return {
    seq: p.seq,
    cableId: p.cableId,
    ref: p.ref || signed.release.ref,
    draftId: p.draftId,
    drafterUserId: owner,
    relatedSeqs: [started?.seq, sign?.seq].filter((s): s is number => s !== undefined),
    replyTo: started?.replyTo ?? null,
    draft: signed.draft,
    ruleContext: replyContext(db, signed.draft, header.exerciseId, downgrade),
    chain: {
      verified: chain?.status === 'VERIFIED',
      chainProblems: chain?.problems ?? ['The cable carries no signature chain.'],
      signatureProblems: (chain?.signatures ?? [])
        .filter((s) => !s.verified)
        .map((s) => `${s.role} ${s.signerName}: ${s.problem ?? 'does not verify'}`),
    },
  };
}

/**
 * The rule checker's context for a reply (as drafts/view.ts builds it), with its references
 * resolved within the exercise first and then the archive — whether the exercise still runs or
 * not, so that the live score and a later recompute read the same labels (rule 19).
 */
function replyContext(db: Db, d: Draft, exerciseId: number, downgrade: boolean): RuleContext {
  const stations = new Map(stationKinds(db).map((s) => [s.plad, { kind: s.kind, country: s.country }]));
  const referencedLabels = new Map<
    string,
    RuleContext['referencedLabels'] extends ReadonlyMap<string, infer V> ? V : never
  >();
  const byRef = prepared(
    db,
    `SELECT classification, captions, dissem, rel_to FROM cables
      WHERE ref = ? AND ifnull(exercise_id, 0) IN (?, 0) ORDER BY exercise_id IS NULL LIMIT 1`,
  );
  for (const ref of d.references) {
    if (!ref.cable) continue;
    const r = byRef.get(ref.cable.trim().toUpperCase().replace(/\s+/g, ' '), exerciseId) as
      { classification: Classification; captions: string; dissem: string; rel_to: string } | undefined;
    if (!r) continue;
    referencedLabels.set(ref.cable, {
      classification: r.classification,
      captions: JSON.parse(r.captions) as Caption[],
      dissem: JSON.parse(r.dissem) as DissemControl[],
      relTo: JSON.parse(r.rel_to) as string[],
    });
  }
  return { stations, collectives: collectivesWithMembers(db), referencedLabels, downgradeAuthorized: downgrade };
}
