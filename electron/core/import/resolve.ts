import { capital, commandByName, countryOf, initials, isKnownCity, type StationKind } from './places';
import {
  COLLECTIVES,
  bareName,
  personByKey,
  personByName,
  stationByAlias,
  stationByHeadName,
  stationByPlad,
  type StationEntry,
} from './tables';

/**
 * Names in a FRUS telegram → directory entries (issue 12 item 1). The seed's stations, people and
 * collectives are found first (tables.ts); any other post, command or agency is derived in the
 * period's style (places.ts), any other person becomes a person at a post. What one telegram
 * needs is collected in `DirectoryNeeds`; the importer creates what the database lacks
 * (historicalDirectory.ts), marked as created by the import, in the cable's own transaction.
 * Every derivation is written to `inferred`, so the report says per document what was guessed.
 */

export type PersonSpec = Readonly<{
  key: string;
  surname: string;
  fullName: string;
  citedAs: string;
  title: string | null;
  station: string;
  /** A person of the seed's tables (a known identity) rather than a name met in the text. */
  known: boolean;
}>;

export type OfficeSpec = Readonly<{ station: string; code: string; name: string }>;

export type CollectiveSpec = Readonly<{
  name: string;
  description: string;
  /** Member PLADs, or 'posts': every post abroad of the directory when the collective is made. */
  members: ReadonlyArray<string> | 'posts';
}>;

export type DirectoryNeeds = {
  stations: Map<string, StationEntry>;
  people: Map<string, PersonSpec>;
  offices: Map<string, OfficeSpec>;
  collectives: Map<string, CollectiveSpec>;
};

export const emptyNeeds = (): DirectoryNeeds => ({
  stations: new Map(),
  people: new Map(),
  offices: new Map(),
  collectives: new Map(),
});

const title = (s: string): string =>
  s
    .split(/\s+/)
    .map((w) => (w.length > 0 ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join(' ');

function derived(
  plad: string,
  short: string,
  name: string,
  kind: StationKind,
  city: string | null,
  country: string | null,
  aliases: string[] = [],
): StationEntry {
  return { plad, short, heads: [name], aliases, city, kind, name, country };
}

/** Cities where the United States had a mission and no embassy (a city in a source note's list). */
const MISSION_CITIES: Readonly<Record<string, string>> = {
  geneva: 'USMISSION GENEVA',
  berlin: 'USMISSION BERLIN',
};

/** "Paris", "Phnom Penh": a place name as FRUS lists posts in source notes. */
const PLACE = /^[A-Z][a-z’'.-]+(?:\s+[A-Z][a-z’'.-]+){0,2}$/;

/** The collective of a circular ("All Diplomatic and Consular Posts", "all American Republic posts"). */
export function circularCollective(name: string): CollectiveSpec | undefined {
  const m = /^(?:to\s+)?all\s+(.+?)\s*(?:posts|missions|diplomatic missions)$/i.exec(name.trim());
  if (!m && !/^all\s+posts$/i.test(name.trim())) return undefined;
  const words = name
    .replace(/^to\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
  return {
    name: words,
    description: `Circular addressees "${name.trim()}" (from a FRUS circular telegram; members: the posts of the directory when it was made)`,
    members: 'posts',
  };
}

export class Resolver {
  readonly needs: DirectoryNeeds = emptyNeeds();
  readonly inferred: string[] = [];

  /** `date`: the telegram's date (ISO, yyyy-mm-dd), for offices held at the time. */
  constructor(readonly date: string | undefined) {}

  private note(text: string): void {
    if (!this.inferred.includes(text)) this.inferred.push(text);
  }

  /**
   * A station named in a head, a source note or a slug, or undefined when the name is not one
   * this importer can read as a post. `context` says where the name was read (for the report).
   */
  station(raw: string, context: string): StationEntry | undefined {
    const name = raw
      .replace(/\s+/g, ' ')
      .replace(/^(?:the|to the|to)\s+/i, '')
      .replace(/[.,;:]+$/, '')
      .trim();
    if (!name) return undefined;
    const known = stationByHeadName(name) ?? stationByAlias(name);
    if (known) return this.use(known);
    const cmd = commandByName(name);
    if (cmd) {
      this.note(
        `${context} "${name}": ${cmd.plad} (${cmd.kind.toLowerCase().replace('_', ' ')}, PLAD in the period's style)`,
      );
      return this.use(derived(cmd.plad, cmd.short, cmd.name, cmd.kind, cmd.city, 'USA', [name]));
    }
    let m = /^Embassy (?:in|to) (?:the )?(.+)$/i.exec(name);
    if (m) {
      const country = m[1]!;
      const city = capital(country) ?? (isKnownCity(country) ? country : undefined);
      if (city) {
        const plad = `AMEMBASSY ${city.toUpperCase()}`;
        this.note(`${context} "${name}": ${plad} (the embassy in the capital, ${city})`);
        return this.use(derived(plad, city.toUpperCase(), `U.S. Embassy, ${city}`, 'EMBASSY', city, title(country)));
      }
      const plad = `AMEMBASSY ${country.toUpperCase()}`;
      this.note(`${context} "${name}": capital of ${country} not known here; PLAD ${plad}, no time zone`);
      return this.use(derived(plad, country.toUpperCase(), `U.S. Embassy, ${country}`, 'EMBASSY', null, country));
    }
    m = /^Consulate(\s+General)? (?:in|at) (.+)$/i.exec(name);
    if (m) {
      const city = m[2]!;
      const plad = `${m[1] ? 'AMCONGEN' : 'AMCONSUL'} ${city.toUpperCase()}`;
      this.note(`${context} "${name}": ${plad}`);
      return this.use(
        derived(plad, city.toUpperCase(), `U.S. Consulate${m[1] ? ' General' : ''}, ${city}`, 'CONSULATE', city, null),
      );
    }
    m = /^(?:U\.?S\.?\s+)?Mission (?:in|at) (.+)$/i.exec(name);
    if (m) {
      const city = m[1]!;
      const plad = `USMISSION ${city.toUpperCase()}`;
      this.note(`${context} "${name}": ${plad}`);
      return this.use(derived(plad, city.toUpperCase(), `U.S. Mission, ${city}`, 'MISSION', city, countryOf(city)));
    }
    m = /^(?:U\.?S\.?\s+)?Mission to (?:the )?(.+)$/i.exec(name);
    if (m) {
      const org = initials(m[1]!);
      const plad = `USMISSION ${org}`;
      this.note(`${context} "${name}": ${plad}, location not known here (no time zone)`);
      return this.use(derived(plad, org, `U.S. Mission to the ${m[1]!}`, 'MISSION', null, null));
    }
    m = /^(?:U\.?S\.?\s+)?Delegation (?:to|at|in) (?:the )?(.+)$/i.exec(name);
    if (m) {
      const where = m[1]!;
      const city = /^[A-Z][a-z]+$/.test(where) && isKnownCity(where) ? where : null;
      const short = city ? city.toUpperCase() : initials(where);
      const plad = `USDEL ${short}`;
      this.note(`${context} "${name}": ${plad} (delegation)`);
      return this.use(derived(plad, short, `U.S. Delegation to the ${where}`, 'DELEGATION', city, null));
    }
    if (/^(?:the\s+)?Secretary of State$/i.test(name)) return this.use(stationByPlad('SECSTATE WASHDC')!);
    // "the Central Intelligence Agency Station in Saigon": CAS (the period's name in State traffic).
    m = /^(?:Central Intelligence Agency |CIA )?Station in (.+)$/i.exec(name);
    if (m) {
      const city = m[1]!;
      const plad = `CAS ${city.toUpperCase()}`;
      this.note(`${context} "${name}": ${plad} (the CIA station, "CAS" in the period's traffic)`);
      return this.use(derived(plad, plad, `CIA Station, ${city}`, 'AGENCY', city, countryOf(city)));
    }
    if (/^Agency$/i.test(name) && !inListContext(context)) return this.station('Central Intelligence Agency', context);
    // "Secretary of State Rusk" as an end of a head: the Secretary's delegation, wherever it was.
    m = /^(?:the\s+)?Secretary of State\s+([A-Z][\w.’'-]+)$/.exec(name);
    if (m) {
      this.note(`${context} "${name}": USDEL SECRETARY (the Secretary's party travelling)`);
      return this.use(
        derived('USDEL SECRETARY', 'SECTO', "The Secretary of State's delegation", 'DELEGATION', null, 'USA'),
      );
    }
    const seat = MISSION_CITIES[name.toLowerCase()];
    if (seat) {
      this.note(`${context} "${name}": ${seat} (the U.S. post in ${name} was a mission, not an embassy)`);
      return this.use(
        derived(seat, name.toUpperCase(), `U.S. Mission, ${name}`, 'MISSION', name, countryOf(name), [name]),
      );
    }
    m = /^Legation (?:in|to) (?:the )?(.+)$/i.exec(name);
    if (m) {
      const country = m[1]!;
      const city = capital(country) ?? country;
      const plad = `AMLEGATION ${city.toUpperCase()}`;
      this.note(`${context} "${name}": ${plad} (a legation, listed with the embassies)`);
      return this.use(derived(plad, city.toUpperCase(), `U.S. Legation, ${city}`, 'EMBASSY', city, title(country)));
    }
    // A bare place name is a post only in a source note's or a slug's list ("Repeated to Cairo"):
    // a head always names the office ("Embassy in …").
    const inList = inListContext(context);
    if (inList && PLACE.test(name) && !/^(?:Department|Embassy|Mission|Secretary|President)\b/.test(name)) {
      const country = countryOf(name);
      const plad = `AMEMBASSY ${name.toUpperCase()}`;
      this.note(
        `${context} "${name}": ${plad}, taken as the embassy there${country ? ` (${country})` : ' (a city this importer does not know: no time zone)'}`,
      );
      return this.use(derived(plad, name.toUpperCase(), `U.S. Embassy, ${name}`, 'EMBASSY', name, country));
    }
    return undefined;
  }

  use(s: StationEntry): StationEntry {
    if (!this.needs.stations.has(s.plad)) this.needs.stations.set(s.plad, s);
    return s;
  }

  /** A collective by the seed's name, with its members (they are stations too). */
  collective(name: string): string {
    const seed = COLLECTIVES.find((c) => c.name === name);
    if (seed) {
      for (const m of seed.members) this.use(stationByPlad(m)!);
      if (!this.needs.collectives.has(name)) {
        this.needs.collectives.set(name, {
          name,
          description: 'The U.S. embassies in the capitals of the 14 other NATO members (1962)',
          members: seed.members,
        });
      }
      return name;
    }
    const circ = circularCollective(name);
    if (circ && !this.needs.collectives.has(circ.name)) this.needs.collectives.set(circ.name, circ);
    return circ?.name ?? name;
  }

  /**
   * A person named in the text → directory key. Known people (the seed's tables, offices held at
   * the telegram's date) keep their key; anyone else becomes a person at `home` (the post the
   * text places them at), keyed by the name as printed.
   */
  person(raw: string, home: string, context: string): string | undefined {
    const name = raw
      .replace(/\s+/g, ' ')
      .replace(/[.,;:]+$/, '')
      .trim();
    if (!name || /^(?:Ambassadors?|Amb\.?|Chiefs? of Mission|principals?)$/i.test(name)) return undefined;
    const key = personByName(name, this.date);
    if (key) {
      const p = personByKey(key)!;
      this.use(stationByPlad(p.station)!);
      if (!this.needs.people.has(key)) {
        this.needs.people.set(key, {
          key,
          surname: p.surname,
          fullName: p.fullName,
          citedAs: p.surname,
          title: p.title ?? null,
          station: p.station,
          known: true,
        });
      }
      return key;
    }
    const bare = bareName(name);
    if (!/^[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}$/.test(bare) || /^(?:The|For|From|To)$/.test(bare))
      return undefined;
    const parts = bare.split(' ');
    const surname = parts[parts.length - 1]!;
    const newKey = bare
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (!this.needs.people.has(newKey)) {
      const rank = /^(Ambassador|General|Admiral|Under Secretary|Secretary|Chairman)\s/i.exec(name)?.[1] ?? null;
      this.needs.people.set(newKey, {
        key: newKey,
        surname,
        fullName: bare,
        citedAs: bare,
        title: rank,
        station: home,
        known: false,
      });
      this.note(`${context} "${name}": a person at ${home} (not in the directory's tables)`);
    }
    return newKey;
  }

  /** An office code ("EUR/SES", "GTI", "AF") at a station. */
  office(code: string, station: string, name?: string): { station: string; code: string } {
    const k = `${station}|${code}`;
    if (!this.needs.offices.has(k)) this.needs.offices.set(k, { station, code, name: name ?? code });
    return { station, code };
  }
}

/** Whether a name was read in a list of a source note or slug, not in a head. */
function inListContext(context: string): boolean {
  return !['head', 'originator', 'addressee'].includes(context);
}
