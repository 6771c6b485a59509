import type { EraProfile } from './cable';
import { GEOGRAPHIC_TAGS_1974, ORGANIZATION_TAGS_1974, SUBJECT_TAGS_1974 } from './tags1974';

/**
 * The controlled TAGS vocabulary (DOMAIN.md §1.6; rule 21): what the composer offers and what the
 * rule checker accepts on the TAGS line of ADS_1973_79, CABLEGATE_2000S and MODERN cables.
 *
 * Sources: the Department's TAGS handbook "Traffic Analysis by Geography and Subject and
 * Executive Order 11652 Codes" (TL:TAGS-1, 28 June 1974; RG 59, copy in github.com/leuc/ACP-127
 * `docs/rg59_state_dept_tags_74.txt`, "1974" below) and the current 5 FAH-3 H-011 as quoted in
 * DOMAIN.md §1.6 ("current"). This is a training subset, not the whole handbook: one list serves
 * every TAGS era, so a 1974 TAG such as PFOR and its successor PREL are both accepted.
 *
 * Kinds (1974 handbook §§6–18):
 * - subject TAGS: four letters, the first naming the field (A administration, B business services,
 *   C consular, E economic, M military, O operations, P political, S social, T technology);
 * - program TAGS ("K-tags"): four letters starting with K (DOMAIN.md §1.6), accepted by form;
 * - geographic TAGS: two-letter FIPS 10 country codes, not ISO (UR is the USSR, GW West Germany),
 *   and X-codes for world regions set up by the Department;
 * - organization TAGS: from the prescribed list only;
 * - personal names in capitals and parentheses, surname first: "(KOSYGIN, ALEKSEY N)", also
 *   written with their subject TAG as one entry: "OVIP (KISSINGER, HENRY A.)" (STATE 237171).
 */
export type TagEntry = readonly [tag: string, words: string];

export const SUBJECT_TAG_LIST = [
  // Administration
  ['AADP', 'Automated data processing (current)'],
  ['ABLD', 'Buildings'],
  ['ABUD', 'Budget services and financial systems'],
  ['AEMR', 'Emergency and evacuation'],
  ['AFIN', 'Financial services'],
  ['AMED', 'Medical services'],
  ['AMGT', 'Management and organization'],
  ['AORC', 'International organization administration'],
  ['APER', 'Personnel'],
  ['ASCH', 'Overseas schools'],
  ['ASEC', 'Security'],
  ['ATRN', 'Transportation'],
  // Business services
  ['BEXP', 'Trade expansion and promotion'],
  ['BTIO', 'Trade and investment opportunities'],
  // Consular affairs
  ['CASC', 'Assistance to citizens'],
  ['CDES', 'Deaths and estates'],
  ['CFED', 'Federal agency services'],
  ['CGEN', 'Consular affairs, general'],
  ['CPAS', 'Passports and citizenship'],
  ['CVIS', 'Visas'],
  // Economic affairs
  ['EAGR', 'Agriculture and forestry'],
  ['EAID', 'Foreign assistance'],
  ['EAIR', 'Aeronautics and aviation'],
  ['ECIN', 'Economic integration and collaboration'],
  ['ECON', 'Economic conditions, trends and potential'],
  ['EEWT', 'East-West trade (1974)'],
  ['EFIN', 'Financial and monetary affairs'],
  ['EFIS', 'Fishing'],
  ['EGEN', 'Economic affairs, general'],
  ['EIND', 'Commerce, industry and industrial products'],
  ['EINV', 'Investments'],
  ['ELAB', 'Labor and manpower'],
  ['EMIN', 'Metals and minerals'],
  ['ENRG', 'Energy'],
  ['ESTC', 'Strategic trade controls (1974)'],
  ['ETRD', 'Foreign trade'],
  ['ETTC', 'Trade and technology controls (current)'],
  ['EWWT', 'Waterborne transportation'],
  // Military and defense affairs
  ['MARR', 'Military and defense arrangements'],
  ['MASS', 'Military assistance and sales'],
  ['MCAP', 'Military capabilities (current)'],
  ['MILI', 'Military affairs, general'],
  ['MNUC', 'Military nuclear applications'],
  ['MOPS', 'Military operations'],
  ['MPOL', 'Military policy and planning'],
  // Operations
  ['OCON', 'Conferences and meetings'],
  ['OEXC', 'Educational and cultural exchange operations'],
  ['OGEN', 'Operations, general'],
  ['OIIP', 'International information programs (current)'],
  ['OPRC', 'Public relations and correspondence (current)'],
  ['OREP', 'Congressional travel'],
  ['OTRA', 'Travel and visits'],
  ['OVIP', 'VIP travel arrangements'],
  // Political affairs
  ['PARM', 'Arms control and disarmament'],
  ['PBOR', 'Boundary and sovereignty claims (1974)'],
  ['PBTS', 'Boundaries and territorial sovereignty (current)'],
  ['PDIP', 'Diplomatic and consular representation (1974)'],
  ['PFOR', 'Foreign policy and relations (1974)'],
  ['PGOV', 'Government'],
  ['PHUM', 'Human rights (current)'],
  ['PINR', 'Intelligence'],
  ['PINS', 'Internal security'],
  ['PINT', 'Internal political affairs'],
  ['PLOS', 'Law of the sea affairs'],
  ['PREL', 'External political relations (current)'],
  ['PROP', 'Propaganda and psychological operations (1974)'],
  ['PTER', 'Terrorism (current)'],
  // Social affairs
  ['SCUL', 'Cultural affairs'],
  ['SEDU', 'Education'],
  ['SENV', 'Environment'],
  ['SGEN', 'Social affairs, general'],
  ['SHUM', 'Human rights (1974)'],
  ['SNAR', 'Narcotics'],
  ['SOCI', 'Social conditions'],
  ['SOPN', 'Public opinion and information'],
  ['SPOP', 'Population'],
  ['SREF', 'Refugees'],
  // Technology and science
  ['TBIO', 'Biological and medical science'],
  ['TECH', 'Technology'],
  ['TGEN', 'Technology and science, general'],
  ['TPHY', 'Physical sciences'],
  ['TSPA', 'Space activities'],
] as const satisfies ReadonlyArray<TagEntry>;

/** FIPS 10 country codes as the 1974 handbook lists them, and the Department's world regions. */
export const GEOGRAPHIC_TAG_LIST = [
  // The United States, the USSR and the fourteen other NATO members of 1962
  ['US', 'United States'],
  ['UR', 'Soviet Union'],
  ['BE', 'Belgium'],
  ['CA', 'Canada'],
  ['DA', 'Denmark'],
  ['FR', 'France'],
  ['GW', 'Germany (West)'],
  ['GR', 'Greece'],
  ['IC', 'Iceland'],
  ['IT', 'Italy'],
  ['LU', 'Luxembourg'],
  ['NL', 'Netherlands'],
  ['NO', 'Norway'],
  ['PO', 'Portugal'],
  ['TU', 'Turkey'],
  ['UK', 'United Kingdom'],
  // Europe
  ['AL', 'Albania'],
  ['AU', 'Austria'],
  ['BU', 'Bulgaria'],
  ['CY', 'Cyprus'],
  ['CZ', 'Czechoslovakia'],
  ['EI', 'Ireland'],
  ['FI', 'Finland'],
  ['GE', 'Germany (East)'],
  ['HU', 'Hungary'],
  ['PL', 'Poland'],
  ['RO', 'Romania'],
  ['SP', 'Spain'],
  ['SW', 'Sweden'],
  ['SZ', 'Switzerland'],
  ['VT', 'Vatican City'],
  ['WB', 'West Berlin'],
  ['YO', 'Yugoslavia'],
  // Elsewhere
  ['BR', 'Brazil'],
  ['CH', 'China (mainland)'],
  ['CU', 'Cuba'],
  ['EG', 'Egypt'],
  ['IN', 'India'],
  ['IR', 'Iran'],
  ['IS', 'Israel'],
  ['IZ', 'Iraq'],
  ['JA', 'Japan'],
  ['JO', 'Jordan'],
  ['KN', 'Korea (North)'],
  ['KS', 'Korea (South)'],
  ['LE', 'Lebanon'],
  ['MX', 'Mexico'],
  ['PK', 'Pakistan'],
  ['SA', 'Saudi Arabia'],
  ['SY', 'Syria'],
  ['TW', 'China (Taiwan)'],
  ['VN', 'Viet-Nam (North)'],
  ['VS', 'Viet-Nam (South)'],
  // World regions
  ['XE', 'Far East'],
  ['XF', 'Middle East'],
  ['XG', 'Europe'],
  ['XH', 'Eastern Europe'],
  ['XL', 'Caribbean'],
  ['XM', 'Latin America'],
  ['XT', 'Western Europe'],
  ['XZ', 'Scandinavia'],
] as const satisfies ReadonlyArray<TagEntry>;

/** Organization TAGS of the prescribed list (1974 handbook §15). */
export const ORGANIZATION_TAG_LIST = [
  ['NATO', 'North Atlantic Treaty Organization'],
  ['NAC', 'North Atlantic Council (NATO)'],
  ['DPC', 'Defense Planning Committee (NATO)'],
  ['NPG', 'Nuclear Planning Group (NATO)'],
  ['UN', 'United Nations'],
  ['UNGA', 'UN General Assembly'],
  ['UNSC', 'UN Security Council'],
  ['OAS', 'Organization of American States'],
  ['OECD', 'Organization for Economic Cooperation and Development'],
  ['EEC', 'European Communities'],
  ['EFTA', 'European Free Trade Association'],
  ['CSCE', 'Conference on Security and Cooperation in Europe'],
  ['MBFR', 'Mutual and Balanced Force Reduction Talks'],
  ['IAEA', 'International Atomic Energy Agency'],
  ['CENTO', 'Central Treaty Organization'],
  ['COCOM', 'Coordinating Committee on Export Controls'],
  ['COMECON', 'Council for Mutual Economic Assistance'],
  ['WTO', 'Warsaw Pact Organization'],
  ['GATT', 'General Agreement on Tariffs and Trade'],
  ['IMF', 'International Monetary Fund'],
  ['IBRD', 'International Bank for Reconstruction and Development'],
] as const satisfies ReadonlyArray<TagEntry>;

/** What the composer offers under "Geographic and organization TAGS": both lists, geography first. */
export const GEO_TAG_LIST: ReadonlyArray<TagEntry> = [...GEOGRAPHIC_TAG_LIST, ...ORGANIZATION_TAG_LIST];

const codes = (list: ReadonlyArray<TagEntry>): ReadonlySet<string> => new Set(list.map(([t]) => t));

export const SUBJECT_TAGS: ReadonlySet<string> = codes(SUBJECT_TAG_LIST);
export const GEOGRAPHIC_TAGS: ReadonlySet<string> = codes(GEOGRAPHIC_TAG_LIST);
export const ORGANIZATION_TAGS: ReadonlySet<string> = codes(ORGANIZATION_TAG_LIST);
/** Geographic and organization TAGS together (what GEO_TAG_LIST offers). */
export const GEO_TAGS: ReadonlySet<string> = codes(GEO_TAG_LIST);

/** Program TAGS: four letters starting with K (DOMAIN.md §1.6). */
const PROGRAM_TAG = /^K[A-Z]{3}$/;
/** A personal name: capitals in parentheses, surname first ("(RUSK, DEAN)"). */
const PERSON = /^\([A-Z][A-Z' .-]*(?:, ?[A-Z][A-Z' .-]*)?\)$/;
/** A subject TAG and a name as one entry: "OVIP (KISSINGER, HENRY A.)". */
const SUBJECT_WITH_PERSON = /^([A-Z]{4}) (\(.+\))$/;
/** Each name of "(KOSYGIN, ALEKSEY N) (PODGORNY, NIKOLAY V)". */
const PERSONS = /\([^)]*\)/g;

export type TagKind = 'SUBJECT' | 'PROGRAM' | 'GEOGRAPHIC' | 'ORGANIZATION' | 'PERSON' | 'SUBJECT_PERSON';

/** The lists one era's TAGS line is checked against (rule 21). */
export type TagLists = Readonly<{
  subject: ReadonlySet<string>;
  geographic: ReadonlySet<string>;
  organization: ReadonlySet<string>;
  /** Where the lists come from, cited in findings. */
  source: string;
}>;

/** The 1974 handbook's lists: the ADS list (1973–79). PFOR is there; PREL is not. */
export const TAGS_1974: TagLists = {
  subject: codes(SUBJECT_TAGS_1974.map(([t, w]) => [t, w] as const)),
  geographic: codes(GEOGRAPHIC_TAGS_1974),
  organization: codes(ORGANIZATION_TAGS_1974),
  source: 'TAGS handbook 1974 (TL:TAGS-1)',
};

/** The whole training list of current and 1974 TAGS above (what `tagKind` checks by default). */
export const TAGS_CURRENT: TagLists = {
  subject: SUBJECT_TAGS,
  geographic: GEOGRAPHIC_TAGS,
  organization: ORGANIZATION_TAGS,
  source: '5 FAH-3 H-011',
};

/**
 * States of the 1974 handbook that no longer exist, with no FIPS code today: the USSR (UR), the two
 * Germanies (GW, GE), Czechoslovakia (CZ), Yugoslavia (YO), West Berlin (WB).
 */
const HISTORICAL_GEOGRAPHY: ReadonlySet<string> = new Set(['UR', 'GW', 'GE', 'CZ', 'YO', 'WB']);

/** Geographic TAGS of today that the 1974 list did not have (FIPS 10: RS Russia, GM Germany). */
export const MODERN_GEOGRAPHIC_TAG_LIST = [
  ['RS', 'Russia'],
  ['GM', 'Germany'],
  ['EZ', 'Czech Republic'],
  ['LO', 'Slovakia'],
  ['RI', 'Serbia'],
  ['UP', 'Ukraine'],
] as const satisfies ReadonlyArray<TagEntry>;

/**
 * The modern list (DOMAIN.md §1.6, 5 FAH-3 H-011) for the 2000s and SMART-era profiles: the
 * training list without the TAGS only the 1974 handbook has (PFOR, PDIP, EEWT… — PREL, PBTS,
 * ETTC took their place) and without the states that are gone (rule 21, issue 16 item 3).
 */
export const TAGS_MODERN: TagLists = {
  subject: codes(SUBJECT_TAG_LIST.filter(([, words]) => !words.endsWith('(1974)'))),
  geographic: new Set([
    ...[...GEOGRAPHIC_TAGS].filter((t) => !HISTORICAL_GEOGRAPHY.has(t)),
    ...MODERN_GEOGRAPHIC_TAG_LIST.map(([t]) => t),
  ]),
  organization: ORGANIZATION_TAGS,
  source: '5 FAH-3 H-011 (current list)',
};

/** The TAGS list of an era: the 1974 handbook for ADS, the modern list after (rule 21). */
export function tagListsFor(profile: EraProfile): TagLists {
  return profile === 'ADS_1973_79' ? TAGS_1974 : TAGS_MODERN;
}

/** What the composer offers for an era: subject TAGS, then geographic and organization TAGS. */
export function tagChoicesFor(profile: EraProfile): Readonly<{
  subject: ReadonlyArray<TagEntry>;
  geo: ReadonlyArray<TagEntry>;
}> {
  return profile === 'ADS_1973_79'
    ? {
        subject: SUBJECT_TAGS_1974.map(([t, w]) => [t, w] as const),
        geo: [...GEOGRAPHIC_TAGS_1974, ...ORGANIZATION_TAGS_1974],
      }
    : {
        subject: SUBJECT_TAG_LIST.filter(([t]) => TAGS_MODERN.subject.has(t)),
        geo: [...GEO_TAG_LIST, ...MODERN_GEOGRAPHIC_TAG_LIST].filter(
          ([t]) => TAGS_MODERN.geographic.has(t) || TAGS_MODERN.organization.has(t),
        ),
      };
}

/**
 * What kind of TAG an entry of the TAGS line is, or null when it is not on the era's controlled
 * list (by default the current training list). A personal name stands alone, "(KOSYGIN,
 * ALEKSEY N)", or after its subject TAG as one entry, "OVIP (KOSYGIN, ALEKSEY N)" (1974 handbook,
 * "Personal names"; STATE 237171).
 */
export function tagKind(tag: string, lists: TagLists = TAGS_CURRENT): TagKind | null {
  if (lists.subject.has(tag)) return 'SUBJECT';
  if (PROGRAM_TAG.test(tag)) return 'PROGRAM';
  if (lists.geographic.has(tag)) return 'GEOGRAPHIC';
  if (lists.organization.has(tag)) return 'ORGANIZATION';
  if (PERSON.test(tag)) return 'PERSON';
  const m = SUBJECT_WITH_PERSON.exec(tag);
  if (m && lists.subject.has(m[1]!) && m[2]!.replace(PERSONS, '').trim() === '') {
    if (m[2]!.match(PERSONS)!.every((p) => PERSON.test(p))) return 'SUBJECT_PERSON';
  }
  return null;
}

/** True for the entries that count as the subject TAG every cable needs (1974 handbook §7). */
export function isSubjectTag(tag: string, lists: TagLists = TAGS_CURRENT): boolean {
  const kind = tagKind(tag, lists);
  return kind === 'SUBJECT' || kind === 'PROGRAM' || kind === 'SUBJECT_PERSON';
}

/**
 * A TAGS line as written on the cable, split into its entries: "OVIP UR (KOSYGIN, ALEKSEY N)
 * (PODGORNY, NIKOLAY V)" → OVIP, UR, (KOSYGIN, ALEKSEY N), (PODGORNY, NIKOLAY V). Entries are
 * separated by spaces, commas or both; only names go in parentheses, and a name keeps its comma
 * (1974 handbook, "Composing the TAGS line" 5). "TAGS:" in front is dropped; so is a closing period.
 */
export function parseTagsLine(line: string): string[] {
  const body = line.replace(/^\s*TAGS:\s*/i, '').replace(/\.\s*$/, '');
  const out: string[] = [];
  const re = /\([^)]*\)|[^\s,()]+/g;
  for (const m of body.matchAll(re)) out.push(m[0].replace(/\s+/g, ' ').trim().toUpperCase());
  return out.filter((t) => t !== '');
}

/** The TAGS line as printed: entries separated by ", ", a name directly after what it follows. */
export function formatTagsLine(tags: ReadonlyArray<string>): string {
  return tags.reduce((line, t, i) => (i === 0 ? t : PERSON.test(t) ? `${line} ${t}` : `${line}, ${t}`), '');
}
