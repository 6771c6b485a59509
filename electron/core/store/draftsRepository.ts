import type { ChainStep, DraftState } from '../../domain/draft';
import { emitChange } from '../events';
import type { Db } from './database';
import { prepared } from './statements';

/**
 * All SQL of the drafting desk (ARCHITECTURE.md: store layer): drafts and their clearance chain
 * (`drafts`, `draft_signatures`, migration 0007), approval authority at a post (migration 0008),
 * and the directory and archive lookups the drafting steps need.
 */

export type DraftRow = Readonly<{
  id: number;
  owner_user_id: number;
  state: DraftState;
  revision: number;
  /** The draft document as JSON (electron/domain/draft.ts). */
  body: string;
  returned_note: string | null;
  downgrade_by_user_id: number | null;
  downgrade_reason: string | null;
  cable_id: number | null;
  updated_at: string;
  owner_login: string;
  owner_name: string;
  released_ref: string | null;
}>;

/** One signature or refusal of the chain, with its signer and key. */
export type DraftSignatureRow = Readonly<{
  id: number;
  role: ChainStep['role'];
  clearance_index: number | null;
  decision: 'SIGNED' | 'REFUSED';
  comment: string | null;
  signer_user_id: number;
  signer_login: string;
  signer_person: string;
  key_fingerprint: string | null;
  signature: Buffer | null;
  at: string;
}>;

const DRAFT_ROW = `
  SELECT d.*, u.login AS owner_login, p.full_name AS owner_name, c.ref AS released_ref
    FROM drafts d JOIN users u ON u.id = d.owner_user_id JOIN people p ON p.id = u.person_id
    LEFT JOIN cables c ON c.id = d.cable_id`;

/** A draft that is not discarded. */
export function draftRow(db: Db, id: number): DraftRow | undefined {
  return prepared(db, `${DRAFT_ROW} WHERE d.id = ? AND d.state <> 'DISCARDED'`).get(id) as DraftRow | undefined;
}

/** The most recently changed drafts that are not discarded, newest first. */
export function recentDraftRows(db: Db, limit: number): DraftRow[] {
  return prepared(db, `${DRAFT_ROW} WHERE d.state <> 'DISCARDED' ORDER BY d.updated_at DESC, d.id DESC LIMIT ?`).all(
    limit,
  ) as DraftRow[];
}

export function insertDraft(
  db: Db,
  d: Readonly<{ ownerUserId: number; body: string; subject: string; classification: string; now: string }>,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO drafts (owner_user_id, state, revision, body, subject, classification, created_at, updated_at)
       VALUES (?, 'DRAFTING', 1, ?, ?, ?, ?, ?)`,
    ).run(d.ownerUserId, d.body, d.subject, d.classification, d.now, d.now).lastInsertRowid,
  );
}

/** A change of content: the next revision, back in DRAFTING (rule 23). */
export function updateDraftContent(
  db: Db,
  id: number,
  c: Readonly<{ body: string; subject: string; classification: string; returnedNote: string | null; now: string }>,
): void {
  prepared(
    db,
    `UPDATE drafts SET body = ?, subject = ?, classification = ?, revision = revision + 1, state = 'DRAFTING',
            returned_note = ?, updated_at = ? WHERE id = ?`,
  ).run(c.body, c.subject, c.classification, c.returnedNote, c.now, id);
}

export function setDraftState(db: Db, id: number, state: DraftState, note: string | null, now: string): void {
  prepared(db, 'UPDATE drafts SET state = ?, returned_note = ?, updated_at = ? WHERE id = ?').run(state, note, now, id);
  emitChange(db, { type: 'draft', draftId: id }); // who it waits for may change (issue 14 item 2)
}

export function markDraftReleased(db: Db, id: number, cableId: number, now: string): void {
  prepared(
    db,
    `UPDATE drafts SET state = 'RELEASED', cable_id = ?, returned_note = NULL, updated_at = ? WHERE id = ?`,
  ).run(cableId, now, id);
  emitChange(db, { type: 'draft', draftId: id });
}

export function markDraftDiscarded(db: Db, id: number, now: string): void {
  prepared(db, "UPDATE drafts SET state = 'DISCARDED', updated_at = ? WHERE id = ?").run(now, id);
  emitChange(db, { type: 'draft', draftId: id });
}

/** An instructor's recorded downgrade below a referenced cable's label (rule 19). */
export function setDraftDowngrade(db: Db, id: number, byUserId: number, reason: string): void {
  prepared(db, 'UPDATE drafts SET downgrade_by_user_id = ?, downgrade_reason = ? WHERE id = ?').run(
    byUserId,
    reason,
    id,
  );
}

/** The standing (not voided) signatures and refusals of a revision, in the order made. */
export function draftSignatures(db: Db, draftId: number, revision: number): DraftSignatureRow[] {
  return prepared(
    db,
    `SELECT s.id, s.role, s.clearance_index, s.decision, s.comment, s.signer_user_id, u.login AS signer_login,
            p.key AS signer_person, k.fingerprint AS key_fingerprint, s.signature, s.at
       FROM draft_signatures s JOIN users u ON u.id = s.signer_user_id JOIN people p ON p.id = u.person_id
       LEFT JOIN person_keys k ON k.id = s.key_id
      WHERE s.draft_id = ? AND s.revision = ? AND s.voided_at IS NULL ORDER BY s.id`,
  ).all(draftId, revision) as DraftSignatureRow[];
}

export function insertDraftSignature(
  db: Db,
  s: Readonly<{
    draftId: number;
    revision: number;
    role: ChainStep['role'];
    clearanceIndex: number | null;
    decision: 'SIGNED' | 'REFUSED';
    comment: string | null;
    signerUserId: number;
    keyId: number | null;
    signature: Uint8Array | null;
    at: string;
  }>,
): void {
  prepared(
    db,
    `INSERT INTO draft_signatures (draft_id, revision, role, clearance_index, decision, comment, signer_user_id, key_id, signature, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.draftId,
    s.revision,
    s.role,
    s.clearanceIndex,
    s.decision,
    s.comment,
    s.signerUserId,
    s.keyId,
    s.signature === null ? null : Buffer.from(s.signature),
    s.at,
  );
  emitChange(db, { type: 'draft', draftId: s.draftId });
}

/** Voids the standing signatures of a draft (all of them, or only signed ones or only refusals); returns how many. */
export function voidDraftSignatures(db: Db, draftId: number, now: string, only?: 'SIGNED' | 'REFUSED'): number {
  const voided =
    only === undefined
      ? prepared(db, 'UPDATE draft_signatures SET voided_at = ? WHERE draft_id = ? AND voided_at IS NULL').run(
          now,
          draftId,
        ).changes
      : prepared(
          db,
          'UPDATE draft_signatures SET voided_at = ? WHERE draft_id = ? AND voided_at IS NULL AND decision = ?',
        ).run(now, draftId, only).changes;
  if (voided > 0) emitChange(db, { type: 'draft', draftId }); // an edit sent it back to the drafter (rule 23)
  return voided;
}

// ---- the directory as the drafting desk reads it ----

export function personKeyOf(db: Db, personId: number): string | undefined {
  return prepared(db, 'SELECT key FROM people WHERE id = ?').pluck().get(personId) as string | undefined;
}

export function personNameOf(db: Db, key: string): string | undefined {
  return prepared(db, 'SELECT full_name FROM people WHERE key = ?').pluck().get(key) as string | undefined;
}

export function officeCodeOf(db: Db, officeId: number): string | undefined {
  return prepared(db, 'SELECT code FROM offices WHERE id = ?').pluck().get(officeId) as string | undefined;
}

/** The login of the user who signs in as this directory person, if any. */
export function loginOfPerson(db: Db, personKey: string): string | undefined {
  return prepared(db, 'SELECT u.login FROM users u JOIN people p ON p.id = u.person_id WHERE p.key = ?')
    .pluck()
    .get(personKey) as string | undefined;
}

export function loginOfUser(db: Db, userId: number): string | undefined {
  return prepared(db, 'SELECT login FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
}

export type StationKindRow = Readonly<{ plad: string; kind: string; country: string | null }>;

/** Every station with its kind and country (rule checker context). */
export function stationKinds(db: Db): StationKindRow[] {
  return prepared(db, 'SELECT plad, kind, country FROM stations').all() as StationKindRow[];
}

/** Every collective with its member PLADs, in name then PLAD order; a collective without members has none. */
export function collectivesWithMembers(db: Db): Map<string, string[]> {
  const rows = prepared(
    db,
    `SELECT k.name, s.plad FROM collectives k LEFT JOIN collective_members m ON m.collective_id = k.id
       LEFT JOIN stations s ON s.id = m.station_id ORDER BY k.name, s.plad`,
  ).all() as { name: string; plad: string | null }[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const members = out.get(r.name) ?? [];
    if (r.plad !== null) members.push(r.plad);
    out.set(r.name, members);
  }
  return out;
}

export type ComposerStationRow = Readonly<{ id: number; plad: string; name: string; kind: string }>;
export type ComposerOfficeRow = Readonly<{ station_id: number; code: string; name: string }>;
export type ComposerPersonRow = Readonly<{
  key: string;
  name: string;
  plad: string;
  office: string | null;
  principal: 0 | 1;
  has_key: 0 | 1;
}>;

/** Posts (by name), their offices (by code) and people (by surname) for the composer's pickers. */
export function composerDirectoryRows(db: Db): {
  stations: ComposerStationRow[];
  offices: ComposerOfficeRow[];
  people: ComposerPersonRow[];
} {
  return {
    stations: prepared(db, 'SELECT id, plad, name, kind FROM stations ORDER BY name').all() as ComposerStationRow[],
    offices: prepared(db, 'SELECT station_id, code, name FROM offices ORDER BY code').all() as ComposerOfficeRow[],
    people: prepared(
      db,
      `SELECT p.key, p.full_name AS name, s.plad, o.code AS office, p.is_principal AS principal,
              EXISTS (SELECT 1 FROM person_keys k WHERE k.person_id = p.id AND k.retired_at IS NULL) AS has_key
         FROM people p JOIN stations s ON s.id = p.station_id LEFT JOIN offices o ON o.id = p.office_id
        ORDER BY p.surname`,
    ).all() as ComposerPersonRow[],
  };
}

// ---- numbering on release (DOMAIN.md §1.10, rule 22) ----

/** The next MRN serial of a station in a year. */
export function nextMrnSerial(db: Db, station: string, year: number): number {
  return (
    ((prepared(db, 'SELECT max(mrn_serial) FROM cables WHERE mrn_station = ? AND mrn_year = ?')
      .pluck()
      .get(station, year) as number | null) ?? 0) + 1
  );
}

/** The next number of a channel series, e.g. POLTO. */
export function nextSeriesNumber(db: Db, indicator: string): number {
  return (
    ((prepared(db, 'SELECT max(series_number) FROM cables WHERE series_indicator = ?').pluck().get(indicator) as
      number | null) ?? 0) + 1
  );
}

// ---- approval authority at a post (migration 0008) ----

export type ApprovalKind = 'DEPUTY' | 'DESIGNATED';

/** A deputy's or designated officer's authority to approve at the station, if the person holds one. */
export function approvalAuthorityOf(db: Db, personId: number, stationId: number): ApprovalKind | undefined {
  return prepared(db, 'SELECT kind FROM approval_authority WHERE person_id = ? AND station_id = ?')
    .pluck()
    .get(personId, stationId) as ApprovalKind | undefined;
}

/** Records (or, with `kind` null, revokes) a person's approval authority at their post. */
export function setApprovalAuthority(
  db: Db,
  a: Readonly<{ personId: number; stationId: number; kind: ApprovalKind | null; byUserId: number; at: string }>,
): void {
  if (a.kind === null) {
    prepared(db, 'DELETE FROM approval_authority WHERE person_id = ?').run(a.personId);
    return;
  }
  prepared(
    db,
    `INSERT INTO approval_authority (person_id, station_id, kind, designated_by_user_id, designated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET station_id = excluded.station_id, kind = excluded.kind,
       designated_by_user_id = excluded.designated_by_user_id, designated_at = excluded.designated_at`,
  ).run(a.personId, a.stationId, a.kind, a.byUserId, a.at);
}
