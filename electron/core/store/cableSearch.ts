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

/**
 * "Best match" (issue 15 item 4): relevance among the newest matches, not the whole archive.
 *
 * FTS5's `ORDER BY rank` scores every cable that matches, and its bm25 counts each term's matches
 * over the whole index for the IDF: a common word cost 175 ms at 100,000 cables and 2,259 ms at a
 * million. Here the work is bounded whatever the archive's size:
 *
 * - candidates: the newest `candidates` cables that hold every word (FTS5 walks its index newest
 *   first and stops there, the same as the newest-first search);
 * - each is scored by BM25 (k1 1.2, b 0.75, as FTS5's bm25) over its subject (weight 2) and text
 *   (weight 1), the term frequencies counted in its stored text, the document length in tokens
 *   against the candidates' mean length;
 * - a term's IDF is taken from the newest `idfWindow` cable ids (how many of them hold the word),
 *   not from the whole archive.
 *
 * It is an approximation, and the trade-off is deliberate: a cable older than the newest
 * `candidates` matches is never ranked, however well it matches (for a rare word every match is a
 * candidate, so the ranking is exact up to the IDF window). Ties keep newest first.
 */
export const BEST_MATCH_CANDIDATES = 1_000;
export const BEST_MATCH_IDF_WINDOW = 20_000;

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const SUBJECT_WEIGHT = 2;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** As FTS5's unicode61 tokenizer with remove_diacritics 2 compares tokens: case and accents folded. */
function folded(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A whole-token, case-blind match of one (folded) term. */
function termPattern(term: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Per query term, how often it occurs in `text`; `length`: the tokens in it. */
function termCounts(text: string, patterns: ReadonlyArray<RegExp>): { counts: number[]; length: number } {
  // Accents are folded only where there are any (most text is ASCII, and folding is the cost).
  const t = /[^\p{ASCII}]/u.test(text) ? folded(text) : text;
  return { counts: patterns.map((re) => t.match(re)?.length ?? 0), length: t.match(TOKEN)?.length ?? 0 };
}

export type BestMatchOptions = Readonly<{ candidates?: number; idfWindow?: number }>;

/**
 * Cable ids holding every one of `words`, best match first (see BEST_MATCH_CANDIDATES), at most
 * the candidate bound. Access is decided by the caller, cable by cable, in this order.
 */
export function bestMatchCableIds(db: Db, words: ReadonlyArray<string>, options: BestMatchOptions = {}): number[] {
  const terms = [...new Set(words.map(folded).filter((w) => w.length > 0))];
  if (terms.length === 0) return [];
  const candidates = options.candidates ?? BEST_MATCH_CANDIDATES;
  const window = options.idfWindow ?? BEST_MATCH_IDF_WINDOW;
  // Quoted terms (searchWords leaves no quote in a word): FTS5 syntax cannot get through.
  const match = terms.map((t) => `"${t}"`).join(' ');
  const ids = prepared(db, 'SELECT rowid FROM cable_search WHERE cable_search MATCH ? ORDER BY rowid DESC LIMIT ?')
    .pluck()
    .all(match, candidates) as number[];
  if (ids.length <= 1) return ids;

  // The IDF of each term among the newest `window` cable ids: bounded counts, whatever the archive.
  // (FTS5 does not seek on `rowid > ?`: it walks the whole doclist, 47 ms at a million for a
  // common word. Read newest first and stop after `window` rows instead.)
  const newest = (prepared(db, 'SELECT max(rowid) FROM cable_search').pluck().get() as number | null) ?? 0;
  const from = Math.max(0, newest - window);
  const inWindow = prepared(db, 'SELECT count(*) FROM cables WHERE id > ?').pluck().get(from) as number;
  const idf = terms.map((t) => {
    const df = prepared(
      db,
      `SELECT count(*) FROM (SELECT rowid FROM cable_search WHERE cable_search MATCH ? ORDER BY rowid DESC LIMIT ?)
        WHERE rowid > ?`,
    )
      .pluck()
      .get(`"${t}"`, window, from) as number;
    const n = Math.max(inWindow, df);
    // FTS5's bm25: log((N - n + 0.5) / (n + 0.5)), at least 1e-6 for a word in most documents.
    return Math.max(1e-6, Math.log((n - df + 0.5) / (df + 0.5)));
  });

  const list = JSON.stringify(ids);
  const subjects = new Map(
    (
      prepared(db, 'SELECT id, subject FROM cables WHERE id IN (SELECT value FROM json_each(?))').all(list) as {
        id: number;
        subject: string;
      }[]
    ).map((r) => [r.id, r.subject]),
  );
  const bodies = new Map<number, string[]>();
  for (const p of prepared(
    db,
    'SELECT cable_id AS id, text FROM paragraphs WHERE cable_id IN (SELECT value FROM json_each(?)) ORDER BY cable_id, ordinal',
  ).all(list) as { id: number; text: string }[]) {
    const texts = bodies.get(p.id);
    if (texts) texts.push(p.text);
    else bodies.set(p.id, [p.text]);
  }
  const patterns = terms.map(termPattern);
  const docs = ids.map((id) => {
    const subject = termCounts(subjects.get(id) ?? '', patterns);
    const body = termCounts((bodies.get(id) ?? []).join('\n'), patterns);
    return {
      id,
      tf: terms.map((_, k) => SUBJECT_WEIGHT * subject.counts[k]! + body.counts[k]!),
      length: subject.length + body.length,
    };
  });
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / docs.length || 1;
  const scored = docs.map((d) => {
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * d.length) / avgLength);
    const score = d.tf.reduce((s, tf, k) => s + (idf[k]! * (tf * (BM25_K1 + 1))) / (tf + norm), 0);
    return { id: d.id, score };
  });
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  return scored.map((s) => s.id);
}
