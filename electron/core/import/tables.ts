import type { StationKind } from './places';

/**
 * The look-up tables of the FRUS importer: FRUS names of posts and people → the 1962 seed
 * directory (resources/seed/directory.json). They are static so that parsing needs no database;
 * `insertCable` still checks every PLAD and person key against the real directory, so a
 * database with a different directory reports the unknown name instead of writing a bad row.
 */

/** A station of the seed directory, with the names FRUS uses for it. */
export type StationEntry = Readonly<{
  plad: string;
  /** The station's part of a telegram reference ("MOSCOW 1042", "USUN 1484", "STATE 445 TO ANKARA"). */
  short: string;
  /** Names in FRUS heads ("Embassy in the Soviet Union"). */
  heads: ReadonlyArray<string>;
  /** Shorter names in source notes, slugs and pass lines ("Moscow", "USUN", "Department"). */
  aliases: ReadonlyArray<string>;
  /** City: "Embassy" in "USRO pass Embassy" means the embassy in the passing post's city. */
  city: string | null;
  /** The directory entry made when the database lacks the station (historical entries, issue 12). */
  kind: StationKind;
  name: string;
  country: string | null;
}>;

function embassy(city: string, heads: string[], extra: string[] = []): StationEntry {
  const plad = `AMEMBASSY ${city.toUpperCase()}`;
  return {
    plad,
    short: city.toUpperCase(),
    heads: heads.map((country) => `Embassy in ${country}`),
    aliases: [city, `Embassy ${city}`, `Embassy in ${city}`, ...extra],
    city,
    kind: 'EMBASSY',
    name: `U.S. Embassy, ${city}`,
    country: heads[0]!.replace(/^the\s+/, ''),
  };
}

export const STATIONS: ReadonlyArray<StationEntry> = [
  {
    plad: 'SECSTATE WASHDC',
    short: 'STATE',
    heads: ['Department of State', 'State Department'],
    aliases: ['Department', 'Dept', 'Department of State', 'Washington', 'State', 'Secretary of State'],
    city: 'Washington',
    kind: 'DEPARTMENT',
    name: 'Department of State',
    country: 'USA',
  },
  {
    plad: 'WHITE HOUSE WASHDC',
    short: 'WHITE HOUSE',
    heads: ['White House'],
    aliases: ['White House', 'President'],
    city: 'Washington',
    kind: 'WHITE_HOUSE',
    name: 'The White House',
    country: 'USA',
  },
  {
    plad: 'USMISSION USNATO',
    short: 'USRO',
    heads: [
      'Mission to the North Atlantic Treaty Organization and European Regional Organizations',
      'Mission to the North Atlantic Treaty Organization',
      'Mission to NATO',
      'Permanent Representative to the North Atlantic Council',
    ],
    aliases: [
      'USRO',
      'USNATO',
      'Paris for USRO',
      'Paris for USNATO',
      'Mission to NATO',
      'Brussels for the Mission to NATO',
      'Brussels for USNATO',
    ],
    city: 'Paris',
    kind: 'MISSION',
    name: 'U.S. Mission to the North Atlantic Treaty Organization and European Regional Organizations',
    country: 'FRA',
  },
  {
    plad: 'USMISSION USUN NEW YORK',
    short: 'USUN',
    heads: ['Mission to the United Nations'],
    aliases: ['USUN', 'New York', 'USUN New York'],
    city: 'New York',
    kind: 'MISSION',
    name: 'U.S. Mission to the United Nations',
    country: 'USA',
  },
  embassy('Paris', ['France']),
  embassy('London', ['the United Kingdom', 'Great Britain', 'England']),
  embassy('Bonn', ['Germany', 'the Federal Republic of Germany', 'West Germany']),
  embassy('Rome', ['Italy']),
  embassy('Ankara', ['Turkey']),
  embassy('Athens', ['Greece']),
  embassy('Brussels', ['Belgium']),
  embassy('The Hague', ['the Netherlands', 'Netherlands'], ['Hague']),
  embassy('Luxembourg', ['Luxembourg']),
  embassy('Oslo', ['Norway']),
  embassy('Copenhagen', ['Denmark']),
  embassy('Reykjavik', ['Iceland']),
  embassy('Lisbon', ['Portugal']),
  embassy('Ottawa', ['Canada']),
  embassy('Moscow', ['the Soviet Union', 'Soviet Union', 'the USSR', 'USSR']),
];

/** Collective addressees of the seed directory, with the words FRUS uses ("all other NATO capitals"). */
export const COLLECTIVES: ReadonlyArray<Readonly<{ name: string; pattern: RegExp; members: ReadonlyArray<string> }>> = [
  {
    name: 'ALL NATO CAPITALS',
    pattern: /^(?:all\s+)?(other\s+)?(?:NATO|North Atlantic Treaty Organization)\s+capitals$/i,
    members: [
      'AMEMBASSY PARIS',
      'AMEMBASSY LONDON',
      'AMEMBASSY BONN',
      'AMEMBASSY ROME',
      'AMEMBASSY ANKARA',
      'AMEMBASSY ATHENS',
      'AMEMBASSY BRUSSELS',
      'AMEMBASSY THE HAGUE',
      'AMEMBASSY LUXEMBOURG',
      'AMEMBASSY OSLO',
      'AMEMBASSY COPENHAGEN',
      'AMEMBASSY REYKJAVIK',
      'AMEMBASSY LISBON',
      'AMEMBASSY OTTAWA',
    ],
  },
];

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

const byHead = new Map<string, StationEntry>();
const byAlias = new Map<string, StationEntry>();
for (const s of STATIONS) {
  for (const h of s.heads) byHead.set(fold(h), s);
  for (const a of [...s.aliases, ...s.heads]) byAlias.set(fold(a), s);
}

/** Head names, longest first (for prefix matching of "Telegram From the X to the Y"). */
export const HEAD_NAMES: ReadonlyArray<Readonly<{ name: string; station: StationEntry }>> = STATIONS.flatMap((s) =>
  s.heads.map((name) => ({ name, station: s })),
).sort((a, b) => b.name.length - a.name.length);

export function stationByHeadName(name: string): StationEntry | undefined {
  return byHead.get(fold(name));
}

/** A station named in a source note, slug or pass line ("Moscow", "USRO", "Department"). */
export function stationByAlias(name: string): StationEntry | undefined {
  return byAlias.get(fold(name)) ?? byHead.get(fold(name));
}

export function stationByPlad(plad: string): StationEntry | undefined {
  return STATIONS.find((s) => s.plad === plad);
}

/** A person of the seed directory (or of the period's offices, for a database without the seed). */
export type PersonEntry = Readonly<{
  key: string;
  surname: string;
  fullName: string;
  station: string;
  /** The title a created entry carries. */
  title?: string;
  /** Title words that name the person in slugs ("For Secretary from McCloy"), while in office. */
  titles?: ReadonlyArray<string>;
  /** When the titles name this person (ISO dates, inclusive): "the President" is Kennedy until 22 Nov 1963. */
  inOffice?: Readonly<{ from: string; to: string }>;
  /** False when the surname alone is ambiguous in FRUS (Johnson, Kennedy): match only by id or full name. */
  bySurname?: boolean;
}>;

export const PEOPLE: ReadonlyArray<PersonEntry> = [
  {
    key: 'rusk',
    surname: 'Rusk',
    fullName: 'Dean Rusk',
    station: 'SECSTATE WASHDC',
    title: 'Secretary of State',
    titles: ['Secretary', 'Secretary of State', 'Secretary Rusk'],
    inOffice: { from: '1961-01-21', to: '1969-01-20' },
  },
  {
    key: 'herter',
    surname: 'Herter',
    fullName: 'Christian A. Herter',
    station: 'SECSTATE WASHDC',
    title: 'Secretary of State',
    titles: ['Secretary', 'Secretary of State'],
    inOffice: { from: '1959-04-22', to: '1961-01-20' },
  },
  {
    key: 'ball',
    surname: 'Ball',
    fullName: 'George W. Ball',
    station: 'SECSTATE WASHDC',
    title: 'Under Secretary of State',
    titles: ['Under Secretary'],
    inOffice: { from: '1961-12-04', to: '1966-09-30' },
  },
  {
    key: 'ujohnson',
    surname: 'Johnson',
    fullName: 'U. Alexis Johnson',
    station: 'SECSTATE WASHDC',
    bySurname: false,
  },
  { key: 'tyler', surname: 'Tyler', fullName: 'William R. Tyler', station: 'SECSTATE WASHDC' },
  { key: 'talbot', surname: 'Talbot', fullName: 'Phillips Talbot', station: 'SECSTATE WASHDC' },
  { key: 'cleveland', surname: 'Cleveland', fullName: 'Harlan Cleveland', station: 'SECSTATE WASHDC' },
  {
    key: 'kennedy',
    surname: 'Kennedy',
    fullName: 'John F. Kennedy',
    station: 'WHITE HOUSE WASHDC',
    title: 'President',
    titles: ['President', 'the President'],
    inOffice: { from: '1961-01-20', to: '1963-11-22' },
    bySurname: false,
  },
  {
    key: 'lbjohnson',
    surname: 'Johnson',
    fullName: 'Lyndon B. Johnson',
    station: 'WHITE HOUSE WASHDC',
    title: 'President',
    titles: ['President', 'the President', 'President Johnson'],
    inOffice: { from: '1963-11-22', to: '1969-01-20' },
    bySurname: false,
  },
  { key: 'bundy', surname: 'Bundy', fullName: 'McGeorge Bundy', station: 'WHITE HOUSE WASHDC' },
  { key: 'finletter', surname: 'Finletter', fullName: 'Thomas K. Finletter', station: 'USMISSION USNATO' },
  { key: 'stevenson', surname: 'Stevenson', fullName: 'Adlai E. Stevenson', station: 'USMISSION USUN NEW YORK' },
  { key: 'bohlen', surname: 'Bohlen', fullName: 'Charles E. Bohlen', station: 'AMEMBASSY PARIS' },
  { key: 'bruce', surname: 'Bruce', fullName: 'David K. E. Bruce', station: 'AMEMBASSY LONDON' },
  { key: 'dowling', surname: 'Dowling', fullName: 'Walter C. Dowling', station: 'AMEMBASSY BONN' },
  { key: 'reinhardt', surname: 'Reinhardt', fullName: 'G. Frederick Reinhardt', station: 'AMEMBASSY ROME' },
  { key: 'hare', surname: 'Hare', fullName: 'Raymond A. Hare', station: 'AMEMBASSY ANKARA' },
  { key: 'labouisse', surname: 'Labouisse', fullName: 'Henry R. Labouisse', station: 'AMEMBASSY ATHENS' },
  { key: 'macarthur', surname: 'MacArthur', fullName: 'Douglas MacArthur II', station: 'AMEMBASSY BRUSSELS' },
  { key: 'rice', surname: 'Rice', fullName: 'John S. Rice', station: 'AMEMBASSY THE HAGUE' },
  { key: 'rivkin', surname: 'Rivkin', fullName: 'William R. Rivkin', station: 'AMEMBASSY LUXEMBOURG' },
  { key: 'wharton', surname: 'Wharton', fullName: 'Clifton R. Wharton', station: 'AMEMBASSY OSLO' },
  { key: 'blair', surname: 'Blair', fullName: 'William McCormick Blair, Jr.', station: 'AMEMBASSY COPENHAGEN' },
  { key: 'penfield', surname: 'Penfield', fullName: 'James K. Penfield', station: 'AMEMBASSY REYKJAVIK' },
  { key: 'elbrick', surname: 'Elbrick', fullName: 'C. Burke Elbrick', station: 'AMEMBASSY LISBON' },
  { key: 'butterworth', surname: 'Butterworth', fullName: 'W. Walton Butterworth', station: 'AMEMBASSY OTTAWA' },
  { key: 'kohler', surname: 'Kohler', fullName: 'Foy D. Kohler', station: 'AMEMBASSY MOSCOW' },
];

/**
 * FRUS person ids (`persName/@corresp` in frus1961-63v11) → directory keys. Only ids checked
 * against the volume's text are listed; other people are matched by name (`personByName`).
 */
export const FRUS_PERSON_IDS: Readonly<Record<string, string>> = {
  p_RD3: 'rusk',
  p_JUA1: 'ujohnson',
  p_BMG2: 'bundy',
  p_FTK1: 'finletter',
  p_SAEII1: 'stevenson',
  p_KFD1: 'kohler',
  p_BGW1: 'ball',
  p_TWR2: 'tyler',
  p_CH4: 'cleveland',
};

export function personByKey(key: string): PersonEntry | undefined {
  return PEOPLE.find((p) => p.key === key);
}

/** A `corresp` value ("#p_RD3") → directory key, or undefined. */
export function personByFrusId(corresp: string | undefined): string | undefined {
  if (!corresp) return undefined;
  return FRUS_PERSON_IDS[corresp.replace(/^#/, '')];
}

const TITLE_WORDS =
  /^(?:the\s+)?(?:Ambassadors?|Amb\.?|Mr\.?|Governor|Under\s+Secretary|Secretary|Assistant\s+Secretary|General|Gen\.?|Admiral|Adm\.?|President|Chairman)\s+/i;

const stripName = (s: string): string => s.replace(TITLE_WORDS, '').replace(/\s+/g, ' ').trim();

const inOfficeAt = (p: PersonEntry, at: string | undefined): boolean =>
  !p.inOffice || at === undefined || (at >= p.inOffice.from && at <= p.inOffice.to);

/**
 * A person named in free text ("Rusk", "U. Alexis Johnson", "Secretary") → directory key.
 * Matches a title held at `at` (an ISO date: "Secretary" is Rusk from 21 January 1961), the full
 * name, or the surname alone unless the surname is ambiguous (Johnson, Kennedy). Returns
 * undefined for everyone else.
 */
export function personByName(raw: string, at?: string): string | undefined {
  const name = raw.replace(/\s+/g, ' ').trim();
  const lower = name.toLowerCase().replace(/^the\s+/, '');
  for (const p of PEOPLE) {
    if (p.titles?.some((t) => t.toLowerCase().replace(/^the\s+/, '') === lower) && inOfficeAt(p, at)) return p.key;
  }
  const bare = stripName(name).toLowerCase();
  for (const p of PEOPLE) {
    const full = p.fullName.toLowerCase();
    if (bare === full || bare === full.replace(/^[a-z]\.\s+/, '')) return p.key;
  }
  for (const p of PEOPLE) if (p.bySurname !== false && bare === p.surname.toLowerCase()) return p.key;
  return undefined;
}

/** A name without its titles ("Ambassador Lodge" → "Lodge", "Under Secretary Ball" → "Ball"). */
export function bareName(raw: string): string {
  let n = raw.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3 && TITLE_WORDS.test(n); i += 1) n = n.replace(TITLE_WORDS, '');
  return n.trim();
}

/** Offices of the Department in the seed directory (clearances by office, DOMAIN.md §1.11). */
export const DEPARTMENT_OFFICES: ReadonlyArray<string> = ['S', 'U', 'G', 'S/S', 'EUR', 'NEA', 'IO', 'INR'];
/** Bureaus whose sub-offices ("EUR/RPM") clear as the bureau. */
export const DEPARTMENT_BUREAUS: ReadonlyArray<string> = ['EUR', 'NEA', 'IO', 'INR'];

/**
 * Telegram series indicators (DOMAIN.md §0: Topol/Polto, Secto/Tosec, …). A word in front of
 * the serial that is not one of these is not taken as a series.
 */
export const SERIES = new Set([
  'TOPOL',
  'POLTO',
  'SECTO',
  'TOSEC',
  'TOTAS',
  'TASTO',
  'DEPTO',
  'TODEP',
  'DELGA',
  'GADEL',
  'CAHTO',
  'TOCAH',
  'ECBUS',
  'USBEC',
  'COLTO',
  'TOCOL',
  'ICATO',
  'TOICA',
  'VANTO',
  'TOVAN',
]);
