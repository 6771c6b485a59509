/**
 * Posts, agencies and commands a FRUS telegram may name, as historical directory entries in the
 * period's style (issue 12 item 1; docs/FRUS.md "Historical directory"). Everything here is data
 * about the 1950s–70s that the seed directory (a 1962 NATO slice) does not hold:
 *
 * - capitals: "Embassy in Vietnam" → AMEMBASSY SAIGON (the capital of the state the United States
 *   recognised then: Saigon for the Republic of Vietnam, Bonn for the Federal Republic);
 * - time zones (IANA, read through `Intl`, whose data carry the historical offsets and daylight
 *   saving: Washington on EST/EDT by the 1960s rules, Saigon on UTC+8 from 1960 to 1975, Turkey's
 *   summer time of 1964…);
 * - military commands and Washington agencies by the names FRUS gives them.
 *
 * PLAD style: "AMEMBASSY <CAPITAL>", "AMCONSUL <CITY>", "AMCONGEN <CITY>", "USMISSION <CITY or
 * ORGANISATION>", "USDEL <…>", and the short titles of the commands ("COMUSMACV SAIGON",
 * "CINCPAC HONOLULU", "JCS WASHDC"). These are derived, not looked up in a period ACP 117 (none was
 * available): each created entry is reported as inferred.
 */

import type { StationKind } from '../../domain/cable';

export type { StationKind };

/** Country as FRUS heads name it ("the Soviet Union") → capital city (1945–1975). */
const CAPITALS: ReadonlyArray<[string, string]> = [
  ['Soviet Union', 'Moscow'],
  ['USSR', 'Moscow'],
  ['Vietnam', 'Saigon'],
  ['Viet-Nam', 'Saigon'],
  ['Republic of Vietnam', 'Saigon'],
  ['South Vietnam', 'Saigon'],
  ['Cyprus', 'Nicosia'],
  ['Greece', 'Athens'],
  ['Turkey', 'Ankara'],
  ['Cambodia', 'Phnom Penh'],
  ['Thailand', 'Bangkok'],
  ['Laos', 'Vientiane'],
  ['Burma', 'Rangoon'],
  ['Indonesia', 'Djakarta'],
  ['Philippines', 'Manila'],
  ['Japan', 'Tokyo'],
  ['Korea', 'Seoul'],
  ['Republic of China', 'Taipei'],
  ['China', 'Taipei'],
  ['India', 'New Delhi'],
  ['Ceylon', 'Colombo'],
  ['Iran', 'Tehran'],
  ['Iraq', 'Baghdad'],
  ['Israel', 'Tel Aviv'],
  ['Jordan', 'Amman'],
  ['Lebanon', 'Beirut'],
  ['Syria', 'Damascus'],
  ['Saudi Arabia', 'Jidda'],
  ['United Arab Republic', 'Cairo'],
  ['Egypt', 'Cairo'],
  ['Libya', 'Tripoli'],
  ['Algeria', 'Algiers'],
  ['Morocco', 'Rabat'],
  ['Tunisia', 'Tunis'],
  ['Ethiopia', 'Addis Ababa'],
  ['Congo', 'Leopoldville'],
  ['Ghana', 'Accra'],
  ['Nigeria', 'Lagos'],
  ['Poland', 'Warsaw'],
  ['Czechoslovakia', 'Prague'],
  ['Hungary', 'Budapest'],
  ['Romania', 'Bucharest'],
  ['Bulgaria', 'Sofia'],
  ['Yugoslavia', 'Belgrade'],
  ['Austria', 'Vienna'],
  ['Switzerland', 'Bern'],
  ['Sweden', 'Stockholm'],
  ['Finland', 'Helsinki'],
  ['Spain', 'Madrid'],
  ['Ireland', 'Dublin'],
  ['Cuba', 'Havana'],
  ['Mexico', 'Mexico City'],
  ['Brazil', 'Rio de Janeiro'],
  ['Argentina', 'Buenos Aires'],
  ['Venezuela', 'Caracas'],
  ['Dominican Republic', 'Santo Domingo'],
  ['Panama', 'Panama'],
  ['Australia', 'Canberra'],
  ['New Zealand', 'Wellington'],
  ['Pakistan', 'Karachi'],
  ['Afghanistan', 'Kabul'],
];

/** City → IANA zone. Washington's zone is also the Department's and the White House's. */
const ZONES: Readonly<Record<string, string>> = {
  washington: 'America/New_York',
  'new york': 'America/New_York',
  ottawa: 'America/Toronto',
  moscow: 'Europe/Moscow',
  saigon: 'Asia/Saigon',
  nicosia: 'Asia/Nicosia',
  athens: 'Europe/Athens',
  ankara: 'Europe/Istanbul',
  istanbul: 'Europe/Istanbul',
  geneva: 'Europe/Zurich',
  bern: 'Europe/Zurich',
  paris: 'Europe/Paris',
  london: 'Europe/London',
  bonn: 'Europe/Berlin',
  berlin: 'Europe/Berlin',
  rome: 'Europe/Rome',
  naples: 'Europe/Rome',
  brussels: 'Europe/Brussels',
  'the hague': 'Europe/Amsterdam',
  luxembourg: 'Europe/Luxembourg',
  oslo: 'Europe/Oslo',
  copenhagen: 'Europe/Copenhagen',
  reykjavik: 'Atlantic/Reykjavik',
  lisbon: 'Europe/Lisbon',
  madrid: 'Europe/Madrid',
  vienna: 'Europe/Vienna',
  stockholm: 'Europe/Stockholm',
  helsinki: 'Europe/Helsinki',
  warsaw: 'Europe/Warsaw',
  prague: 'Europe/Prague',
  budapest: 'Europe/Budapest',
  bucharest: 'Europe/Bucharest',
  sofia: 'Europe/Sofia',
  belgrade: 'Europe/Belgrade',
  dublin: 'Europe/Dublin',
  'phnom penh': 'Asia/Phnom_Penh',
  bangkok: 'Asia/Bangkok',
  vientiane: 'Asia/Vientiane',
  rangoon: 'Asia/Rangoon',
  djakarta: 'Asia/Jakarta',
  manila: 'Asia/Manila',
  tokyo: 'Asia/Tokyo',
  seoul: 'Asia/Seoul',
  taipei: 'Asia/Taipei',
  'new delhi': 'Asia/Kolkata',
  colombo: 'Asia/Colombo',
  tehran: 'Asia/Tehran',
  baghdad: 'Asia/Baghdad',
  'tel aviv': 'Asia/Jerusalem',
  amman: 'Asia/Amman',
  beirut: 'Asia/Beirut',
  damascus: 'Asia/Damascus',
  jidda: 'Asia/Riyadh',
  cairo: 'Africa/Cairo',
  tripoli: 'Africa/Tripoli',
  algiers: 'Africa/Algiers',
  rabat: 'Africa/Casablanca',
  tunis: 'Africa/Tunis',
  'addis ababa': 'Africa/Addis_Ababa',
  leopoldville: 'Africa/Kinshasa',
  accra: 'Africa/Accra',
  lagos: 'Africa/Lagos',
  havana: 'America/Havana',
  'mexico city': 'America/Mexico_City',
  'rio de janeiro': 'America/Sao_Paulo',
  'buenos aires': 'America/Argentina/Buenos_Aires',
  caracas: 'America/Caracas',
  'santo domingo': 'America/Santo_Domingo',
  panama: 'America/Panama',
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
  karachi: 'Asia/Karachi',
  kabul: 'Asia/Kabul',
  honolulu: 'Pacific/Honolulu',
  stuttgart: 'Europe/Berlin',
};

export function zoneOfCity(city: string | null | undefined): string | null {
  if (!city) return null;
  return ZONES[city.trim().toLowerCase()] ?? null;
}

const fold = (s: string): string =>
  s
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();

const capitalOf = new Map(CAPITALS.map(([country, city]) => [fold(country), city]));
const countryOfCapital = new Map(CAPITALS.map(([country, city]) => [fold(city), country]));

export function capital(country: string): string | undefined {
  return capitalOf.get(fold(country));
}

export function isKnownCity(city: string): boolean {
  return countryOfCapital.has(fold(city)) || ZONES[fold(city)] !== undefined;
}

export function countryOf(city: string): string | null {
  return countryOfCapital.get(fold(city)) ?? null;
}

/** A command or agency named in a head or a source note. */
export type CommandEntry = Readonly<{
  pattern: RegExp;
  plad: string;
  short: string;
  name: string;
  kind: StationKind;
  city: string | null;
}>;

export const COMMANDS: ReadonlyArray<CommandEntry> = [
  {
    pattern: /^(?:Commander,?\s+)?(?:U\.?S\.?\s+)?Military Assistance Command,?\s+Vietnam$|^(?:COMUS)?MACV$/i,
    plad: 'COMUSMACV SAIGON',
    short: 'COMUSMACV',
    name: 'Commander, U.S. Military Assistance Command, Vietnam',
    kind: 'MILITARY_COMMAND',
    city: 'Saigon',
  },
  {
    pattern:
      /^(?:(?:Chairman|Chairman of the)\s+)?(?:of\s+)?(?:the\s+)?Joint Chiefs of Staff$|^JCS$|^Chairman,?\s+JCS$/i,
    plad: 'JCS WASHDC',
    short: 'JCS',
    name: 'Joint Chiefs of Staff',
    kind: 'MILITARY_COMMAND',
    city: 'Washington',
  },
  {
    pattern: /^(?:Commander in Chief,?\s+Pacific(?: Command)?|CINCPAC)$/i,
    plad: 'CINCPAC HONOLULU',
    short: 'CINCPAC',
    name: 'Commander in Chief, Pacific',
    kind: 'MILITARY_COMMAND',
    city: 'Honolulu',
  },
  {
    pattern: /^(?:U\.?S\.?\s+Commander in Chief,?\s+Europe|USCINCEUR|CINCEUR)$/i,
    plad: 'USCINCEUR',
    short: 'USCINCEUR',
    name: 'U.S. Commander in Chief, Europe',
    kind: 'MILITARY_COMMAND',
    city: null,
  },
  {
    pattern: /^USDOCOSOUTH$/i,
    plad: 'USDOCOSOUTH NAPLES',
    short: 'USDOCOSOUTH',
    name: 'U.S. Documents Office, Allied Forces Southern Europe',
    kind: 'MILITARY_COMMAND',
    city: 'Naples',
  },
  {
    pattern: /^(?:OSD|Office of the Secretary of Defense|Department of Defense|Defense|DOD|Secretary of Defense)$/i,
    plad: 'SECDEF WASHDC',
    short: 'SECDEF',
    name: 'Office of the Secretary of Defense',
    kind: 'AGENCY',
    city: 'Washington',
  },
  {
    pattern: /^(?:CIA|Central Intelligence Agency)$/i,
    plad: 'CIA WASHDC',
    short: 'CIA',
    name: 'Central Intelligence Agency',
    kind: 'AGENCY',
    city: 'Washington',
  },
  {
    pattern: /^(?:USIA|United States Information Agency|U\.S\. Information Agency)$/i,
    plad: 'USIA WASHDC',
    short: 'USIA',
    name: 'United States Information Agency',
    kind: 'AGENCY',
    city: 'Washington',
  },
];

export function commandByName(name: string): CommandEntry | undefined {
  const n = name.replace(/\s+/g, ' ').trim();
  return COMMANDS.find((c) => c.pattern.test(n));
}

/** The initials of an organisation ("North Atlantic Treaty Organization" → "NATO"). */
export function initials(name: string): string {
  const known: Record<string, string> = {
    'united nations': 'USUN',
    'european office of the united nations': 'GENEVA',
    'organization of american states': 'OAS',
    'european communities': 'EC',
    'international atomic energy agency': 'IAEA',
  };
  const k = known[fold(name)];
  if (k) return k;
  return name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w) && !/^(?:The|Of|And|For|On)$/.test(w))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}
