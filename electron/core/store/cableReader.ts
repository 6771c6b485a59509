import type { ClassAuthority, LegacyEo } from '../../domain/draft';
import type { Caption, DissemControl, EyesOnlyEntry } from '../../domain/captions';
import type { Classification, PortionMark } from '../../domain/classification';
import type { EraProfile } from '../../domain/cable';
import type { Precedence } from '../../domain/precedence';
import type { Db } from './database';
import { prepared } from './statements';

/** Read-side SQL for cables: the full record of one cable, and the inbox page query. */

export type CableRow = Readonly<{
  id: number;
  ref: string;
  profile: EraProfile;
  series_indicator: string | null;
  series_number: number | null;
  mrn_station: string | null;
  mrn_year: number | null;
  mrn_serial: number | null;
  dtg: string;
  sent_at: string;
  originator_station_id: number;
  originator_plad: string;
  originator_name: string;
  classification: Classification;
  captions: ReadonlyArray<Caption>;
  dissem: ReadonlyArray<DissemControl>;
  rel_to: ReadonlyArray<string>;
  categories: ReadonlyArray<string>;
  subject: string;
  file_ref: string | null;
  tags: ReadonlyArray<string>;
  source_note: string | null;
  signature: string | null;
  classification_reason: string | null;
  class_authority: ClassAuthority | null;
  legacy_eo: LegacyEo | null;
  summary: string | null;
  /** The FOR/FROM line and DESIRED DISTRIBUTION as stored, JSON (migration 0014; issue 16). */
  lines?: string | null;
  /** The FRUS volume and document of a FRUS-imported cable (frus_sources, migration 0013; issue 12 item 3). */
  frus_volume?: string | null;
  frus_doc?: number | null;
}>;

export type TransmissionRecord = Readonly<{
  id: number;
  kind: 'ORIGINAL' | 'REPEAT';
  dtg: string;
  senderPlad: string;
  precedence: Precedence;
  note: string | null;
  eyesOnly: ReadonlyArray<EyesOnlyEntry>;
  addressees: ReadonlyArray<AddresseeRecord>;
  passes: ReadonlyArray<PassRecord>;
  deliveries: ReadonlyArray<DeliveryRecord>;
}>;

export type AddresseeRecord = Readonly<{
  stationId: number | null;
  plad: string;
  name: string;
  isCollective: boolean;
  role: 'ACTION' | 'INFO' | 'EXEMPT';
  precedence: Precedence;
  niact: boolean;
  serial: string | null;
  forPersons: ReadonlyArray<{ id: number; citedAs: string }>;
}>;

export type PassRecord = Readonly<{
  byPlad: string;
  byName: string;
  toPlad: string;
  toName: string;
  status: 'PENDING' | 'DONE';
}>;

export type DeliveryRecord = Readonly<{
  id: number;
  stationId: number;
  role: 'ACTION' | 'INFO';
  actionOfficeId: number | null;
  principal: string | null;
  principalId: number | null;
}>;

export type CableRecord = Readonly<{
  cable: CableRow;
  paragraphs: ReadonlyArray<{ n: number | null; portion: PortionMark; fyi: boolean; text: string }>;
  references: ReadonlyArray<{ label: string; text: string }>;
  drafting: ReadonlyArray<DraftingRecord>;
  transmissions: ReadonlyArray<TransmissionRecord>;
}>;

export type DraftingRecord = Readonly<{
  role: 'DRAFTED' | 'CLEARED' | 'APPROVED';
  name: string;
  kind: string | null;
  personId: number | null;
  officeId: number | null;
  /** The office cleared for, else the person's own office (the ADS drafting block, issue 16). */
  officeCode?: string | null;
  /** The person's full name and surname, for "S/S-S:JJACOBSON" (issue 16). */
  fullName?: string | null;
  surname?: string | null;
}>;

type RawCable = Omit<
  CableRow,
  'captions' | 'dissem' | 'rel_to' | 'tags' | 'categories' | 'class_authority' | 'legacy_eo'
> & {
  class_authority: string | null;
  legacy_eo: string | null;
  categories: string;
  captions: string;
  dissem: string;
  rel_to: string;
  tags: string;
};

function normalRef(ref: string): string {
  return ref.trim().toUpperCase().replace(/\s+/g, ' ');
}

/**
 * The archive's cable of a reference (migration 0012: outside every exercise) — what an import or
 * a bundle compares with, since that is where they write.
 */
export function cableIdByRef(db: Db, ref: string): number | undefined {
  return prepared(db, 'SELECT id FROM cables WHERE ref = ? AND exercise_id IS NULL').pluck().get(normalRef(ref)) as
    number | undefined;
}

/** The exercise that is running or paused (at most one: migration 0012), or null. */
export function liveExerciseId(db: Db): number | null {
  return (prepared(db, "SELECT id FROM exercises WHERE status <> 'ENDED'").pluck().get() as number | undefined) ?? null;
}

/**
 * The cable a person means by a reference ("show TOPOL 578"): the running exercise's own cable of
 * that reference first (an exercise may inject a reference the archive holds), else the archive's,
 * else the latest exercise's.
 */
export function cableIdForReader(db: Db, ref: string): number | undefined {
  return prepared(
    db,
    `SELECT id FROM cables WHERE ref = ?
      ORDER BY CASE
        WHEN exercise_id = (SELECT id FROM exercises WHERE status <> 'ENDED') THEN 0
        WHEN exercise_id IS NULL THEN 1
        ELSE 2 END, id DESC
      LIMIT 1`,
  )
    .pluck()
    .get(normalRef(ref)) as number | undefined;
}

export function cableExists(db: Db, id: number): boolean {
  return prepared(db, 'SELECT 1 FROM cables WHERE id = ?').get(id) !== undefined;
}

export function loadCableRecord(db: Db, id: number): CableRecord | undefined {
  const raw = prepared(
    db,
    `SELECT c.id, c.ref, c.profile, c.series_indicator, c.series_number, c.mrn_station, c.mrn_year, c.mrn_serial,
              c.dtg, c.sent_at, c.originator_station_id, s.plad AS originator_plad, s.name AS originator_name, c.classification, c.captions,
              c.dissem, c.rel_to, c.categories, c.subject, c.file_ref, c.tags, c.source_note, c.signature,
              c.classification_reason, c.class_authority, c.legacy_eo, c.summary, c.lines,
              f.volume AS frus_volume, f.doc AS frus_doc
       FROM cables c JOIN stations s ON s.id = c.originator_station_id
            LEFT JOIN frus_sources f ON f.cable_id = c.id
       WHERE c.id = ?`,
  ).get(id) as RawCable | undefined;
  if (!raw) return undefined;
  const cable: CableRow = {
    ...raw,
    captions: JSON.parse(raw.captions) as Caption[],
    dissem: JSON.parse(raw.dissem) as DissemControl[],
    rel_to: JSON.parse(raw.rel_to) as string[],
    categories: JSON.parse(raw.categories) as string[],
    tags: JSON.parse(raw.tags) as string[],
    class_authority: raw.class_authority === null ? null : (JSON.parse(raw.class_authority) as ClassAuthority),
    legacy_eo: raw.legacy_eo === null ? null : (JSON.parse(raw.legacy_eo) as LegacyEo),
  };
  const paragraphs = (
    prepared(db, 'SELECT number AS n, portion, fyi, text FROM paragraphs WHERE cable_id = ? ORDER BY ordinal').all(
      id,
    ) as { n: number | null; portion: PortionMark; fyi: number; text: string }[]
  ).map((p) => ({ ...p, fyi: p.fyi === 1 }));
  const references = prepared(db, 'SELECT label, text FROM cable_references WHERE cable_id = ? ORDER BY ordinal').all(
    id,
  ) as { label: string; text: string }[];
  const drafting = prepared(
    db,
    `SELECT r.role, coalesce(p.cited_as, o.code) AS name, r.clearance_kind AS kind, r.person_id AS personId,
              r.office_id AS officeId, coalesce(o.code, po.code) AS officeCode, p.full_name AS fullName,
              p.surname AS surname
       FROM drafting_roles r LEFT JOIN people p ON p.id = r.person_id LEFT JOIN offices o ON o.id = r.office_id
            LEFT JOIN offices po ON po.id = p.office_id
       WHERE r.cable_id = ? ORDER BY r.ordinal`,
  ).all(id) as DraftingRecord[];
  const transmissions = (
    prepared(
      db,
      `SELECT t.id, t.kind, t.dtg, s.plad AS senderPlad, t.precedence, t.note
         FROM transmissions t JOIN stations s ON s.id = t.sender_station_id WHERE t.cable_id = ? ORDER BY t.id`,
    ).all(id) as Omit<TransmissionRecord, 'eyesOnly' | 'addressees' | 'passes' | 'deliveries'>[]
  ).map((t) => ({
    ...t,
    eyesOnly: eyesOnlyOf(db, t.id),
    addressees: addresseesOf(db, t.id),
    passes: passesOf(db, t.id),
    deliveries: deliveriesOf(db, t.id),
  }));
  return { cable, paragraphs, references, drafting, transmissions };
}

export function eyesOnlyOf(db: Db, transmissionId: number): EyesOnlyEntry[] {
  const rows = prepared(
    db,
    `SELECT e.person_id, e.principals, p.cited_as FROM eyes_only e LEFT JOIN people p ON p.id = e.person_id
       WHERE e.transmission_id = ? ORDER BY e.ordinal`,
  ).all(transmissionId) as { person_id: number | null; principals: number; cited_as: string | null }[];
  return rows.map((r) =>
    r.principals === 1 ? { kind: 'PRINCIPALS' } : { kind: 'PERSON', personId: r.person_id!, name: r.cited_as! },
  );
}

function addresseesOf(db: Db, transmissionId: number): AddresseeRecord[] {
  const rows = prepared(
    db,
    `SELECT a.id, a.station_id, coalesce(s.plad, c.name) AS plad, coalesce(s.name, c.description, c.name) AS name,
              a.collective_id IS NOT NULL AS is_collective, a.role, a.precedence, a.niact, a.channel_series, a.channel_serial
       FROM addressees a LEFT JOIN stations s ON s.id = a.station_id LEFT JOIN collectives c ON c.id = a.collective_id
       WHERE a.transmission_id = ? ORDER BY a.ordinal`,
  ).all(transmissionId) as {
    id: number;
    station_id: number | null;
    plad: string;
    name: string;
    is_collective: number;
    role: 'ACTION' | 'INFO' | 'EXEMPT';
    precedence: Precedence;
    niact: number;
    channel_series: string | null;
    channel_serial: number | null;
  }[];
  const forPersons = prepared(
    db,
    `SELECT p.id, p.cited_as AS citedAs FROM addressee_for f JOIN people p ON p.id = f.person_id
     WHERE f.addressee_id = ? ORDER BY p.surname`,
  );
  return rows.map((r) => ({
    stationId: r.station_id,
    plad: r.plad,
    name: r.name,
    isCollective: r.is_collective === 1,
    role: r.role,
    precedence: r.precedence,
    niact: r.niact === 1,
    serial: r.channel_serial === null ? null : `${r.channel_series ?? ''} ${r.channel_serial}`.trim(),
    forPersons: forPersons.all(r.id) as { id: number; citedAs: string }[],
  }));
}

function passesOf(db: Db, transmissionId: number): PassRecord[] {
  return prepared(
    db,
    `SELECT b.plad AS byPlad, b.short_name AS byName, t.plad AS toPlad, t.short_name AS toName, p.status
       FROM pass_instructions p JOIN stations b ON b.id = p.by_station_id JOIN stations t ON t.id = p.to_station_id
       WHERE p.transmission_id = ? ORDER BY p.id`,
  ).all(transmissionId) as PassRecord[];
}

function deliveriesOf(db: Db, transmissionId: number): DeliveryRecord[] {
  return prepared(
    db,
    `SELECT d.id, d.station_id AS stationId, d.role, d.action_office_id AS actionOfficeId, p.cited_as AS principal, p.id AS principalId
       FROM deliveries d LEFT JOIN people p ON p.station_id = d.station_id AND p.is_principal = 1
       WHERE d.transmission_id = ? ORDER BY d.id`,
  ).all(transmissionId) as DeliveryRecord[];
}

/** One candidate inbox row: a delivery to the station with what the access decision needs. */
export type InboxCandidate = Readonly<{
  deliveryId: number;
  transmissionId: number;
  cableId: number;
  stationId: number;
  ref: string;
  dtg: string;
  /** When it reached the inbox: the inbox's order and cursor (migration 0012). */
  arrivedAt: string;
  classification: Classification;
  captions: string;
  dissem: string;
  relTo: string;
  categories: string;
  precedence: Precedence;
  niact: number;
  role: 'ACTION' | 'INFO';
  actionOfficeId: number | null;
  via: 'DIRECT' | 'COLLECTIVE' | 'PASS' | 'REPEAT';
  fromPlad: string;
  subject: string;
  originStationId: number;
  ackAt: string | null;
  /** Filed as read by this user ("File as read", delivery_reads). */
  readByMe: number;
  /** Opened by this user: the cable's audited VIEW (issue 14 item 2; no second record of the same fact). */
  openedByMe: number;
  /** JSON array of the PLADs this post still has to pass the cable to (rule 17). */
  pendingPasses: string;
}>;

/** A delivery row with its cable's label, as the inbox and the handling actions read it. */
const DELIVERY_COLUMNS = `
  d.id AS deliveryId, d.transmission_id AS transmissionId, d.cable_id AS cableId, d.station_id AS stationId,
  c.ref, c.dtg, d.arrived_at AS arrivedAt, c.classification, c.captions, c.dissem, c.rel_to AS relTo,
  c.categories, d.precedence, d.niact, d.role, d.action_office_id AS actionOfficeId, d.via, s.plad AS fromPlad,
  c.subject, c.originator_station_id AS originStationId, d.ack_at AS ackAt,
  EXISTS (SELECT 1 FROM delivery_reads r WHERE r.delivery_id = d.id AND r.user_id = @userId) AS readByMe,
  EXISTS (SELECT 1 FROM audit_log l WHERE l.cable_id = d.cable_id AND l.action = 'VIEW' AND l.actor_user_id = @userId)
    AS openedByMe,
  (SELECT json_group_array(ps.plad) FROM pass_instructions p JOIN stations ps ON ps.id = p.to_station_id
    WHERE p.transmission_id = d.transmission_id AND p.by_station_id = d.station_id AND p.status = 'PENDING') AS pendingPasses
  FROM deliveries d
  JOIN cables c ON c.id = d.cable_id
  JOIN stations s ON s.id = c.originator_station_id`;

/**
 * The inbox page query: one station's deliveries latest arrival first, keyset-paged on
 * (arrived_at, id) so that every page costs the same at any depth. Arrival is the delivery time
 * except inside an exercise, where a delivery carries the scenario's time but arrives now
 * (migration 0012): an inject is on top, not under the archive's later DTGs. It reads the
 * `deliveries_inbox` index (asserted by EXPLAIN QUERY PLAN in the tests); the read-up filter on
 * class_rank prunes in SQL, every other rule is decided afterwards by `decideAccess`.
 */
export const INBOX_PAGE_SQL = `
  SELECT ${DELIVERY_COLUMNS}
  WHERE d.station_id = @stationId
    AND c.class_rank <= @maxRank
    AND (d.arrived_at, d.id) < (@beforeAt, @beforeId)
  ORDER BY d.arrived_at DESC, d.id DESC
  LIMIT @limit`;

/** Upper bound for the first page: sorts after every ISO-8601 timestamp. */
export const INBOX_START = { beforeAt: '\uffff', beforeId: Number.MAX_SAFE_INTEGER } as const;

/**
 * The inbox page query read backwards (issue 15 item 5): deliveries after a key, oldest first, so
 * the renderer can jump to the end of the inbox and refetch a dropped page from below. The same
 * `deliveries_inbox` index, walked the other way (tests/core/store/inboxQueryPlan.test.ts).
 */
export const INBOX_PAGE_NEWER_SQL = `
  SELECT ${DELIVERY_COLUMNS}
  WHERE d.station_id = @stationId
    AND c.class_rank <= @maxRank
    AND (d.arrived_at, d.id) > (@afterAt, @afterId)
  ORDER BY d.arrived_at ASC, d.id ASC
  LIMIT @limit`;

/** Lower bound for the last page: sorts before every ISO-8601 timestamp. */
export const INBOX_END = { afterAt: '', afterId: 0 } as const;

export function inboxCandidatesNewer(
  db: Db,
  q: Readonly<{
    stationId: number;
    userId: number;
    maxRank: number;
    afterAt: string;
    afterId: number;
    limit: number;
  }>,
): InboxCandidate[] {
  return prepared(db, INBOX_PAGE_NEWER_SQL).all(q) as InboxCandidate[];
}

export function inboxCandidates(
  db: Db,
  q: Readonly<{
    stationId: number;
    userId: number;
    maxRank: number;
    beforeAt: string;
    beforeId: number;
    limit: number;
  }>,
): InboxCandidate[] {
  return prepared(db, INBOX_PAGE_SQL).all(q) as InboxCandidate[];
}

export function forPersonIdsAt(db: Db, transmissionId: number, stationId: number): number[] {
  return prepared(
    db,
    `SELECT f.person_id FROM addressee_for f JOIN addressees a ON a.id = f.addressee_id
       WHERE a.transmission_id = ? AND a.station_id = ?`,
  )
    .pluck()
    .all(transmissionId, stationId) as number[];
}

/** One delivery with what the access decision needs (for acknowledge / file as read). */
export function deliveryCandidate(db: Db, deliveryId: number, userId: number): InboxCandidate | undefined {
  return prepared(db, `SELECT ${DELIVERY_COLUMNS} WHERE d.id = @deliveryId`).get({ deliveryId, userId }) as
    InboxCandidate | undefined;
}

/** A station's deliveries of these cables (what just arrived there: issue 14 item 1), newest first. */
export function deliveryCandidatesOfCables(
  db: Db,
  q: Readonly<{ cableIds: ReadonlyArray<number>; stationId: number; userId: number; maxRank: number }>,
): InboxCandidate[] {
  return prepared(
    db,
    `SELECT ${DELIVERY_COLUMNS}
       WHERE d.cable_id IN (SELECT value FROM json_each(@cableIds)) AND d.station_id = @stationId
         AND c.class_rank <= @maxRank
       ORDER BY d.arrived_at DESC, d.id DESC`,
  ).all({ ...q, cableIds: JSON.stringify(q.cableIds) }) as InboxCandidate[];
}

/**
 * A station's deliveries this user has neither filed nor (acknowledged where rule 8 asks it, and)
 * opened, newest first, at most `limit` — the unread count's candidates (issue 14 item 2).
 */
export function unreadCandidates(
  db: Db,
  q: Readonly<{ stationId: number; userId: number; maxRank: number; limit: number }>,
): InboxCandidate[] {
  return prepared(
    db,
    `SELECT ${DELIVERY_COLUMNS}
       WHERE d.station_id = @stationId AND c.class_rank <= @maxRank
         AND NOT EXISTS (SELECT 1 FROM delivery_reads r WHERE r.delivery_id = d.id AND r.user_id = @userId)
         AND NOT (
           EXISTS (SELECT 1 FROM audit_log l
                    WHERE l.cable_id = d.cable_id AND l.action = 'VIEW' AND l.actor_user_id = @userId)
           AND NOT (d.role = 'ACTION' AND (d.precedence = 'FLASH' OR d.niact = 1) AND d.ack_at IS NULL))
       ORDER BY d.arrived_at DESC, d.id DESC LIMIT @limit`,
  ).all(q) as InboxCandidate[];
}

/**
 * FLASH and NIACT action deliveries at a station still waiting for acknowledgement (rule 8), newest
 * first. The three terms after the station are the partial index's own (migration 0016): spelled
 * otherwise, SQLite would not use it and would walk the post's whole history again
 * (tests/core/store/inboxQueryPlan.test.ts holds the plan).
 */
export const PENDING_ALERTS_SQL = `SELECT ${DELIVERY_COLUMNS}
   WHERE d.station_id = @stationId AND d.ack_at IS NULL AND d.role = 'ACTION'
     AND (d.precedence = 'FLASH' OR d.niact = 1) AND c.class_rank <= @maxRank
   ORDER BY d.arrived_at DESC, d.id DESC LIMIT 100`;

export function pendingAlertCandidates(db: Db, stationId: number, userId: number, maxRank: number): InboxCandidate[] {
  return prepared(db, PENDING_ALERTS_SQL).all({ stationId, userId, maxRank }) as InboxCandidate[];
}

export function acknowledgeDelivery(db: Db, deliveryId: number, userId: number, at: string): void {
  prepared(db, 'UPDATE deliveries SET ack_at = ?, ack_by_user_id = ? WHERE id = ? AND ack_at IS NULL').run(
    at,
    userId,
    deliveryId,
  );
}

export function markDeliveryRead(db: Db, deliveryId: number, userId: number, at: string): void {
  prepared(db, 'INSERT OR IGNORE INTO delivery_reads (delivery_id, user_id, read_at) VALUES (?, ?, ?)').run(
    deliveryId,
    userId,
    at,
  );
}

/**
 * Cable ids matching an FTS5 query, newest first. Ordering by rowid lets FTS5 stop after `limit`
 * hits; ORDER BY rank would score every match first (seconds for a common word in a million
 * cables, measured by npm run bench).
 */
export function searchCableIds(db: Db, match: string, limit: number): number[] {
  return prepared(db, 'SELECT rowid FROM cable_search WHERE cable_search MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck()
    .all(match, limit) as number[];
}

export type DistributionRow = Readonly<{
  id: number;
  transmissionId: number;
  actionOffice: string | null;
  stationId: number;
  station: string;
  name: string;
  role: 'ACTION' | 'INFO';
  precedence: Precedence;
  niact: number;
  via: 'DIRECT' | 'COLLECTIVE' | 'PASS' | 'REPEAT';
  collective: string | null;
  passedBy: string | null;
  kind: 'ORIGINAL' | 'REPEAT';
  transmissionDtg: string;
  sender: string;
  deliveredAt: string;
  ackAt: string | null;
  channelSeries: string | null;
  channelSerial: number | null;
}>;

/** Every delivery of a cable with its route (the distribution view). */
export function distributionRows(db: Db, cableId: number): DistributionRow[] {
  return prepared(
    db,
    `SELECT d.id, d.transmission_id AS transmissionId, ao.code AS actionOffice, d.station_id AS stationId, s.plad AS station, s.short_name AS name, d.role, d.precedence, d.niact, d.via,
              col.name AS collective, pb.plad AS passedBy, t.kind, t.dtg AS transmissionDtg, ts.plad AS sender,
              d.delivered_at AS deliveredAt, d.ack_at AS ackAt, a.channel_series AS channelSeries,
              a.channel_serial AS channelSerial
       FROM deliveries d
       JOIN stations s ON s.id = d.station_id
       JOIN transmissions t ON t.id = d.transmission_id
       JOIN stations ts ON ts.id = t.sender_station_id
       LEFT JOIN collectives col ON col.id = d.collective_id
       LEFT JOIN offices ao ON ao.id = d.action_office_id
       LEFT JOIN pass_instructions p ON p.id = d.pass_id
       LEFT JOIN stations pb ON pb.id = p.by_station_id
       LEFT JOIN addressees a ON a.transmission_id = d.transmission_id AND a.station_id = d.station_id AND a.role <> 'EXEMPT'
       WHERE d.cable_id = ?
       ORDER BY t.id, d.role, s.plad`,
  ).all(cableId) as DistributionRow[];
}

/** Who opened a cable (audited VIEWs), by the station of their post. */
export function openersByStation(db: Db, cableId: number): Map<number, string[]> {
  const rows = prepared(
    db,
    `SELECT DISTINCT p.station_id AS stationId, u.login
       FROM audit_log l JOIN users u ON u.id = l.actor_user_id JOIN people p ON p.id = u.person_id
       WHERE l.cable_id = ? AND l.action = 'VIEW' ORDER BY u.login`,
  ).all(cableId) as { stationId: number; login: string }[];
  const map = new Map<number, string[]>();
  for (const r of rows) map.set(r.stationId, [...(map.get(r.stationId) ?? []), r.login]);
  return map;
}

export function pendingPasses(db: Db, cableId: number): { by: string; to: string; byStationId: number }[] {
  return prepared(
    db,
    `SELECT b.plad AS by, t.plad AS "to", p.by_station_id AS byStationId
       FROM pass_instructions p JOIN transmissions tr ON tr.id = p.transmission_id
       JOIN stations b ON b.id = p.by_station_id JOIN stations t ON t.id = p.to_station_id
       WHERE tr.cable_id = ? AND p.status = 'PENDING' ORDER BY p.id`,
  ).all(cableId) as { by: string; to: string; byStationId: number }[];
}

/** A post's offices, principal and EXDIS designees (for routing slips). */
export function postStaff(
  db: Db,
  stationId: number,
): { offices: string[]; principal: string | null; exdisDesignees: string[] } {
  return {
    offices: prepared(db, 'SELECT code FROM offices WHERE station_id = ? ORDER BY code')
      .pluck()
      .all(stationId) as string[],
    principal:
      (prepared(db, 'SELECT cited_as FROM people WHERE station_id = ? AND is_principal = 1').pluck().get(stationId) as
        string | undefined) ?? null,
    exdisDesignees: prepared(
      db,
      `SELECT p.cited_as FROM exdis_designees x JOIN users u ON u.id = x.user_id JOIN people p ON p.id = u.person_id
         WHERE x.station_id = ? ORDER BY p.cited_as`,
    )
      .pluck()
      .all(stationId) as string[],
  };
}
