import { parseDtg } from './dtg';

/**
 * Finding a cable by what people type for it (issue 14 item 3): its reference ("POLTO 506",
 * "Topol 578", "topol578"), its MRN (DOMAIN.md §1.10: "STATE 095768", "MOSCOW 02124", NARA's
 * "1977MOSCOW02124", the year-prefixed "95 STATE 232445") or its DTG (rule 22: "291900Z OCT 62").
 *
 * Each is reduced to one search key: the runs of letters (upper case, accents dropped) and of
 * digits (leading zeros dropped) in order, one space apart; everything else separates runs. So
 * "Topol 578", "topol578", "TOPOL-0578" and "TOPOL 578" are all "TOPOL 578". Core stores the keys
 * of every cable (migration 0011) and looks up the key of the query.
 */

/** A query of more runs than this is words, not a reference. */
const MAX_RUNS = 8;

/** The search key of a reference, MRN or DTG as typed; null when it holds no letter or digit. */
export function searchKey(text: string): string | null {
  const runs = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .match(/\p{L}+|[0-9]+/gu);
  if (!runs || runs.length > MAX_RUNS) return null;
  return runs.map((r) => (/^[0-9]/.test(r) ? r.replace(/^0+(?=[0-9])/, '') : r)).join(' ');
}

/** How a stored key names its cable: in the order exact matches are listed. */
export const CABLE_KEY_KINDS = ['ref', 'mrn', 'dtg'] as const;
export type CableKeyKind = (typeof CABLE_KEY_KINDS)[number];

export type CableKeySource = Readonly<{
  ref: string;
  series: Readonly<{ indicator: string; number: number }> | null;
  mrn: Readonly<{ station: string; year: number; serial: number }> | null;
  /** The DTG of the original transmission and of every repeat. */
  dtgs: ReadonlyArray<string>;
  /** Per-addressee channel serials ("TOPOL 578", DOMAIN.md §1.8). */
  serials: ReadonlyArray<string>;
}>;

export type CableKey = Readonly<{ key: string; kind: CableKeyKind }>;

/**
 * Every key a cable is found by. A reference "STATE 1141 TO USUN" (a Department telegram
 * numbered per receiving post) is also found by its head "STATE 1141"; an MRN with and without its
 * year (4 or 2 digits); a DTG with a 2- and a 4-digit year.
 */
export function cableKeys(c: CableKeySource): CableKey[] {
  const keys = new Map<string, CableKeyKind>();
  const add = (text: string, kind: CableKeyKind) => {
    const key = searchKey(text);
    if (key !== null && !keys.has(key)) keys.set(key, kind);
  };
  add(c.ref, 'ref');
  const head = /^(.*?[0-9]+) TO \S/.exec(c.ref.toUpperCase());
  if (head) add(head[1]!, 'ref');
  if (c.series) add(`${c.series.indicator} ${c.series.number}`, 'ref');
  for (const s of c.serials) add(s, 'ref');
  if (c.mrn) {
    const { station, year, serial } = c.mrn;
    add(`${station} ${serial}`, 'mrn');
    add(`${year} ${station} ${serial}`, 'mrn');
    add(`${String(year % 100).padStart(2, '0')} ${station} ${serial}`, 'mrn');
  }
  for (const dtg of c.dtgs) {
    add(dtg, 'dtg');
    const at = parseDtg(dtg);
    if (!at) continue;
    const stem = dtg.slice(0, dtg.lastIndexOf(' '));
    const year = at.getUTCFullYear();
    add(`${stem} ${year}`, 'dtg');
    add(`${stem} ${String(year % 100).padStart(2, '0')}`, 'dtg');
  }
  return [...keys].map(([key, kind]) => ({ key, kind }));
}

/**
 * The run of `text` (from its start) whose key is `key`, e.g. "STATE 1141" of "STATE 1141 TO
 * USUN" for the key "STATE 1141"; null when no prefix of the text has that key.
 */
export function keyedPrefix(text: string, key: string): string | null {
  const ends = [...text.matchAll(/\p{L}+|[0-9]+/gu)].map((m) => m.index + m[0].length);
  for (const end of ends) {
    const prefix = text.slice(0, end);
    if (searchKey(prefix) === key) return prefix;
  }
  return null;
}
