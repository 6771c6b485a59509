import type { CableInput } from '../cables/cableInput';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import {
  collectiveByName,
  historicalPersonByKey,
  historicalStationByPlad,
  insertImportedCollective,
  insertImportedOffice,
  insertImportedPerson,
  insertImportedStation,
  officeId,
  postIdsAbroad,
} from '../store/directoryRepository';
import type { DirectoryNeeds, PersonSpec } from './resolve';
import { stationByPlad } from './tables';

/**
 * Creates the directory entries a FRUS telegram needs and the database lacks (issue 12 item 1;
 * migration 0013), inside the cable's transaction, each marked `imported_from` with the
 * document. Never merges silently (docs/FRUS.md "Historical directory"):
 * - a station is the same entry only when its PLAD is the same;
 * - a person is the same entry when the key is the same and either the person is a known
 *   identity of the importer's tables or the existing entry is at the same post; a name met at a
 *   different post than an existing entry of that key gets a key of its own ("tubby-geneva"), and
 *   the report says so;
 * - a collective is the same entry when its name is the same.
 * Returns what was created, for the report, and the keys renamed, applied to the cable.
 */
export type EnsureResult = { created: string[]; renamed: Map<string, string> };

export function ensureDirectory(db: Db, needs: DirectoryNeeds, importedFrom: string): EnsureResult {
  const created: string[] = [];
  const renamed = new Map<string, string>();
  const stationId = (plad: string): number => {
    const row = historicalStationByPlad(db, plad);
    if (row) return row.id;
    const s = needs.stations.get(plad) ?? stationByPlad(plad);
    if (!s) throw new CableroomError('INTERNAL', `the import needs station ${plad} but has no entry for it`);
    const id = insertImportedStation(db, {
      plad: s.plad,
      name: s.name,
      shortName: s.short,
      kind: s.kind,
      country: s.country,
      city: s.city,
      importedFrom,
    });
    created.push(`station ${s.plad} (${s.kind.toLowerCase().replace('_', ' ')})`);
    return id;
  };
  for (const plad of needs.stations.keys()) stationId(plad);
  for (const o of needs.offices.values()) {
    const sid = stationId(o.station);
    if (officeId(db, sid, o.code) === undefined) {
      insertImportedOffice(db, sid, o.code, o.name, importedFrom);
      created.push(`office ${o.code} at ${o.station}`);
    }
  }
  for (const p of needs.people.values()) {
    const key = ensurePerson(db, p, stationId, importedFrom, created);
    if (key !== p.key) renamed.set(p.key, key);
  }
  for (const c of needs.collectives.values()) {
    if (collectiveByName(db, c.name)) continue;
    const members = c.members === 'posts' ? postIdsAbroad(db) : c.members.map(stationId);
    insertImportedCollective(db, c.name, c.description, members, importedFrom);
    created.push(`collective ${c.name} (${members.length} members)`);
  }
  return { created, renamed };
}

function ensurePerson(
  db: Db,
  p: PersonSpec,
  stationId: (plad: string) => number,
  importedFrom: string,
  created: string[],
): string {
  const home = stationId(p.station);
  const existing = historicalPersonByKey(db, p.key);
  if (existing && (p.known || existing.station_id === home)) return p.key;
  let key = p.key;
  if (existing) {
    const short = p.station
      .split(' ')
      .slice(1)
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
    key = `${p.key}-${short || 'post'}`;
    const again = historicalPersonByKey(db, key);
    if (again && again.station_id === home) return key;
    if (again)
      throw new CableroomError(
        'BAD_REQUEST',
        `person ${p.fullName} at ${p.station}: keys ${p.key} and ${key} are both taken`,
      );
  }
  insertImportedPerson(db, {
    key,
    surname: p.surname,
    fullName: p.fullName,
    citedAs: p.citedAs,
    title: p.title,
    stationId: home,
    importedFrom,
  });
  created.push(
    existing
      ? `person ${key} at ${p.station} (not merged with ${p.key}, who is at another post)`
      : `person ${key} at ${p.station}`,
  );
  return key;
}

/** The cable with person keys renamed by `ensureDirectory`. */
export function renamePeople(cable: CableInput, renamed: ReadonlyMap<string, string>): CableInput {
  if (renamed.size === 0) return cable;
  const k = (key: string): string => renamed.get(key) ?? key;
  const addressees = <T extends { for: string[] }>(list: T[]): T[] => list.map((a) => ({ ...a, for: a.for.map(k) }));
  const eyes = (list: CableInput['transmission']['eyesOnly']): CableInput['transmission']['eyesOnly'] =>
    list.map((e) => ('person' in e ? { person: k(e.person) } : e));
  return {
    ...cable,
    drafting: cable.drafting.map((d) => (d.person ? { ...d, person: k(d.person) } : d)),
    transmission: {
      ...cable.transmission,
      addressees: addressees(cable.transmission.addressees),
      eyesOnly: eyes(cable.transmission.eyesOnly),
    },
    repeats: cable.repeats.map((r) => ({ ...r, addressees: addressees(r.addressees), eyesOnly: eyes(r.eyesOnly) })),
  };
}
