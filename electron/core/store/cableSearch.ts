import { cableKeys, searchKey, type CableKeyKind, type CableKeySource } from '../../domain/cableRef';
import type { Db } from './database';
import { prepared } from './statements';

/**
 * Search SQL (issue 14 item 3): the reference / MRN / DTG keys of every cable (table `cable_keys`,
 * migration 0011) and the targets of a cable's references. Access is decided by the caller.
 */

/** What the keys of one cable are made from, read from its rows. */
export function cableKeySource(db: Db, cableId: number): CableKeySource | undefined {
  const row = db
    .prepare(`SELECT ref, series_indicator, series_number, mrn_station, mrn_year, mrn_serial FROM cables WHERE id = ?`)
    .get(cableId) as
    | {
        ref: string;
        series_indicator: string | null;
        series_number: number | null;
        mrn_station: string | null;
        mrn_year: number | null;
        mrn_serial: number | null;
      }
    | undefined;
  if (!row) return undefined;
  const dtgs = db
    .prepare('SELECT dtg FROM transmissions WHERE cable_id = ? ORDER BY id')
    .pluck()
    .all(cableId) as string[];
  const serials = db
    .prepare(
      `SELECT a.channel_series || ' ' || a.channel_serial FROM addressees a JOIN transmissions t ON t.id = a.transmission_id
        WHERE t.cable_id = ? AND a.channel_series IS NOT NULL AND a.channel_serial IS NOT NULL`,
    )
    .pluck()
    .all(cableId) as string[];
  return {
    ref: row.ref,
    series: row.series_indicator === null ? null : { indicator: row.series_indicator, number: row.series_number! },
    mrn: row.mrn_station === null ? null : { station: row.mrn_station, year: row.mrn_year!, serial: row.mrn_serial! },
    dtgs,
    serials,
  };
}

/** Writes (again) the search keys of one cable; called in the cable's own write transaction. */
export function writeCableKeys(db: Db, cableId: number): void {
  const source = cableKeySource(db, cableId);
  if (!source) return;
  const insert = db.prepare('INSERT OR IGNORE INTO cable_keys (key, cable_id, kind) VALUES (?, ?, ?)');
  for (const k of cableKeys(source)) insert.run(k.key, cableId, k.kind);
}

/** Cables whose reference, MRN or DTG has a key: one seek on the primary key (key, cable_id). */
export const CABLES_BY_KEY_SQL = `
  SELECT cable_id AS cableId, kind FROM cable_keys WHERE key = ?
  ORDER BY CASE kind WHEN 'ref' THEN 0 WHEN 'mrn' THEN 1 ELSE 2 END, cable_id DESC LIMIT ?`;

/** Cables whose reference, MRN or DTG has this key: by kind (ref, mrn, dtg), newest first. */
export function cablesByKey(db: Db, key: string, limit: number): { cableId: number; kind: CableKeyKind }[] {
  return prepared(db, CABLES_BY_KEY_SQL).all(key, limit) as { cableId: number; kind: CableKeyKind }[];
}

/**
 * The cable each reference of a cable names, in order; null where it names none in the archive.
 * A reference written with its cable keeps that link; one written as text only ("Topol 578",
 * "MOSCOW 1042") names the one cable whose reference or MRN has that key, if exactly one has —
 * looked for first among the cables of the citing cable's own exercise, then in the archive
 * (migration 0012: an exercise may hold a "TOPOL 578" of its own beside the archive's).
 */
export function referenceTargets(db: Db, cableId: number): (number | null)[] {
  const rows = prepared(db, 'SELECT text, ref_cable_id FROM cable_references WHERE cable_id = ? ORDER BY ordinal').all(
    cableId,
  ) as { text: string; ref_cable_id: number | null }[];
  const exerciseId = prepared(db, 'SELECT exercise_id FROM cables WHERE id = ?').pluck().get(cableId) as
    number | null | undefined;
  const scopes = exerciseId ? [exerciseId, 0] : [0];
  return rows.map((r) => {
    if (r.ref_cable_id !== null) return r.ref_cable_id;
    const key = searchKey(r.text);
    if (key === null) return null;
    for (const scope of scopes) {
      const ids = prepared(
        db,
        `SELECT DISTINCT k.cable_id FROM cable_keys k JOIN cables c ON c.id = k.cable_id
          WHERE k.key = ? AND k.kind IN ('ref', 'mrn') AND ifnull(c.exercise_id, 0) = ? LIMIT 2`,
      )
        .pluck()
        .all(key, scope) as number[];
      if (ids.length > 0) return ids.length === 1 ? ids[0]! : null;
    }
    return null;
  });
}
