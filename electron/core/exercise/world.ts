import type { Caption } from '../../domain/captions';
import type { ClearanceLevel } from '../../domain/classification';
import type { Db } from '../store/database';
import { listUsers } from '../store/directoryRepository';
import { prepared } from '../store/statements';

/**
 * What scenario validation knows of the database: the directory (stations with their offices and
 * principals, people, collectives) and the accounts a role's persona may name. A plain snapshot,
 * so the checks in validate.ts stay pure and can run against any directory.
 */
export type WorldStation = Readonly<{
  id: number;
  plad: string;
  offices: ReadonlyMap<string, number>;
  principalPersonId: number | null;
}>;

export type WorldPerson = Readonly<{
  id: number;
  key: string;
  stationId: number;
  officeId: number | null;
  principal: boolean;
}>;

export type WorldUser = Readonly<{
  login: string;
  personId: number;
  stationId: number;
  plad: string;
  officeId: number | null;
  clearance: ClearanceLevel;
  categories: ReadonlyArray<string>;
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  nationality: string | null;
  principal: boolean;
  exdisDesignee: boolean;
}>;

export type ScenarioWorld = Readonly<{
  stations: ReadonlyMap<string, WorldStation>;
  people: ReadonlyMap<string, WorldPerson>;
  /** Collective name → member PLADs. */
  collectives: ReadonlyMap<string, ReadonlyArray<string>>;
  users: ReadonlyMap<string, WorldUser>;
}>;

/** The directory and accounts of an open database. */
export function worldOf(db: Db): ScenarioWorld {
  const stationRows = prepared(db, 'SELECT id, plad FROM stations ORDER BY id').all() as { id: number; plad: string }[];
  const officeRows = prepared(db, 'SELECT id, station_id AS stationId, code FROM offices').all() as {
    id: number;
    stationId: number;
    code: string;
  }[];
  const peopleRows = prepared(
    db,
    'SELECT id, key, station_id AS stationId, office_id AS officeId, is_principal AS principal FROM people',
  ).all() as { id: number; key: string; stationId: number; officeId: number | null; principal: 0 | 1 }[];
  const memberRows = prepared(
    db,
    `SELECT c.name, s.plad FROM collectives c JOIN collective_members m ON m.collective_id = c.id
       JOIN stations s ON s.id = m.station_id ORDER BY c.id, s.id`,
  ).all() as { name: string; plad: string }[];

  const stations = new Map<string, WorldStation>();
  for (const s of stationRows) {
    stations.set(s.plad, {
      id: s.id,
      plad: s.plad,
      offices: new Map(officeRows.filter((o) => o.stationId === s.id).map((o) => [o.code, o.id])),
      principalPersonId: peopleRows.find((p) => p.stationId === s.id && p.principal === 1)?.id ?? null,
    });
  }
  const collectives = new Map<string, string[]>();
  for (const m of memberRows) collectives.set(m.name, [...(collectives.get(m.name) ?? []), m.plad]);
  return {
    stations,
    people: new Map(peopleRows.map((p) => [p.key, { ...p, principal: p.principal === 1 }])),
    collectives,
    users: new Map(
      listUsers(db).map((u) => [
        u.login,
        {
          login: u.login,
          personId: u.person_id,
          stationId: u.station_id,
          plad: u.plad,
          officeId: u.office_id,
          clearance: u.clearance as ClearanceLevel,
          categories: JSON.parse(u.categories) as string[],
          captionRoles: JSON.parse(u.caption_roles) as Caption[],
          foreignNational: u.foreign_national === 1,
          nationality: u.nationality,
          principal: u.is_principal === 1,
          exdisDesignee: u.exdis_designee === 1,
        },
      ]),
    ),
  };
}
