import type { Db } from './database';
import { prepared } from './statements';

/** All SQL over stations, offices, people, collectives and users (ARCHITECTURE.md: store layer). */

export type StationRow = Readonly<{ id: number; plad: string; name: string; short_name: string; kind: string }>;
export type PersonRow = Readonly<{
  id: number;
  key: string;
  surname: string;
  full_name: string;
  cited_as: string;
  station_id: number;
  office_id: number | null;
  is_principal: 0 | 1;
}>;
export type UserRow = Readonly<{
  id: number;
  login: string;
  person_id: number;
  role: string;
  clearance: string;
  foreign_national: 0 | 1;
  passphrase_hash: Buffer;
  passphrase_salt: Buffer;
  kdf: string;
  nationality: string | null;
  categories: string;
  caption_roles: string;
  failed_sign_ins: number;
  last_failed_at: string | null;
  disabled: 0 | 1;
}>;
export type UserWithPersonRow = UserRow &
  Readonly<{
    full_name: string;
    station_id: number;
    office_id: number | null;
    is_principal: 0 | 1;
    plad: string;
    station_name: string;
    exdis_designee: 0 | 1;
  }>;

export function insertStation(
  db: Db,
  s: Readonly<{
    plad: string;
    name: string;
    shortName: string;
    kind: string;
    country?: string | null;
    city?: string | null;
  }>,
): number {
  return Number(
    prepared(db, 'INSERT INTO stations (plad, name, short_name, kind, country, city) VALUES (?, ?, ?, ?, ?, ?)').run(
      s.plad,
      s.name,
      s.shortName,
      s.kind,
      s.country ?? null,
      s.city ?? null,
    ).lastInsertRowid,
  );
}

export function insertOffice(db: Db, stationId: number, code: string, name: string): number {
  return Number(
    prepared(db, 'INSERT INTO offices (station_id, code, name) VALUES (?, ?, ?)').run(stationId, code, name)
      .lastInsertRowid,
  );
}

export function insertPerson(
  db: Db,
  p: Readonly<{
    key: string;
    surname: string;
    fullName: string;
    citedAs: string;
    title?: string | null;
    stationId: number;
    officeId: number | null;
    principal: boolean;
    persona: boolean;
  }>,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO people (key, surname, full_name, cited_as, title, station_id, office_id, is_principal, is_persona)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      p.key,
      p.surname,
      p.fullName,
      p.citedAs,
      p.title ?? null,
      p.stationId,
      p.officeId,
      p.principal ? 1 : 0,
      p.persona ? 1 : 0,
    ).lastInsertRowid,
  );
}

export function insertCollective(
  db: Db,
  name: string,
  description: string | null,
  memberIds: ReadonlyArray<number>,
): number {
  const id = Number(
    prepared(db, 'INSERT INTO collectives (name, description) VALUES (?, ?)').run(name, description).lastInsertRowid,
  );
  const member = prepared(db, 'INSERT INTO collective_members (collective_id, station_id) VALUES (?, ?)');
  for (const m of memberIds) member.run(id, m);
  return id;
}

export function insertUser(
  db: Db,
  u: Readonly<{
    login: string;
    personId: number;
    role: string;
    clearance: string;
    foreignNational: boolean;
    hash: Buffer;
    salt: Buffer;
    kdf: string;
    createdAt: string;
  }>,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO users (login, person_id, role, clearance, foreign_national, passphrase_hash, passphrase_salt, kdf, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(u.login, u.personId, u.role, u.clearance, u.foreignNational ? 1 : 0, u.hash, u.salt, u.kdf, u.createdAt)
      .lastInsertRowid,
  );
}

export function stationByPlad(db: Db, plad: string): StationRow | undefined {
  return prepared(db, 'SELECT id, plad, name, short_name, kind FROM stations WHERE plad = ?').get(plad) as
    StationRow | undefined;
}

export function officeId(db: Db, stationId: number, code: string): number | undefined {
  const row = prepared(db, 'SELECT id FROM offices WHERE station_id = ? AND code = ?').get(stationId, code) as
    { id: number } | undefined;
  return row?.id;
}

export function personByKey(db: Db, key: string): PersonRow | undefined {
  return prepared(
    db,
    'SELECT id, key, surname, full_name, cited_as, station_id, office_id, is_principal FROM people WHERE key = ?',
  ).get(key) as PersonRow | undefined;
}

export function collectiveByName(db: Db, name: string): { id: number; memberIds: number[] } | undefined {
  const row = prepared(db, 'SELECT id FROM collectives WHERE name = ?').get(name) as { id: number } | undefined;
  if (!row) return undefined;
  const members = prepared(db, 'SELECT station_id FROM collective_members WHERE collective_id = ? ORDER BY station_id')
    .pluck()
    .all(row.id) as number[];
  return { id: row.id, memberIds: members };
}

const USER_WITH_PERSON = `
  SELECT u.id, u.login, u.person_id, u.role, u.clearance, u.foreign_national, u.passphrase_hash,
         u.passphrase_salt, u.kdf, u.nationality, u.categories, u.caption_roles, u.failed_sign_ins, u.last_failed_at,
         u.disabled, p.full_name, p.station_id, p.office_id, p.is_principal, s.plad, s.name AS station_name,
         EXISTS (SELECT 1 FROM exdis_designees x WHERE x.user_id = u.id AND x.station_id = p.station_id) AS exdis_designee
  FROM users u JOIN people p ON p.id = u.person_id JOIN stations s ON s.id = p.station_id`;

export function userByLogin(db: Db, login: string): UserWithPersonRow | undefined {
  return prepared(db, `${USER_WITH_PERSON} WHERE u.login = ?`).get(login) as UserWithPersonRow | undefined;
}

export function listUsers(db: Db): UserWithPersonRow[] {
  return prepared(db, `${USER_WITH_PERSON} ORDER BY u.login`).all() as UserWithPersonRow[];
}

export function countStations(db: Db): number {
  return prepared(db, 'SELECT count(*) FROM stations').pluck().get() as number;
}

export function recordSignInFailure(db: Db, userId: number, at: string): void {
  prepared(db, 'UPDATE users SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = ? WHERE id = ?').run(
    at,
    userId,
  );
}

export function recordSignInSuccess(db: Db, userId: number): void {
  prepared(db, 'UPDATE users SET failed_sign_ins = 0, last_failed_at = NULL WHERE id = ?').run(userId);
}

/** Columns of `users` that account management may change. */
export type UserColumns = Partial<{
  role: string;
  clearance: string;
  categories: string;
  caption_roles: string;
  foreign_national: 0 | 1;
  nationality: string | null;
  disabled: 0 | 1;
  passphrase_hash: Buffer;
  passphrase_salt: Buffer;
  kdf: string;
  failed_sign_ins: number;
  last_failed_at: string | null;
}>;

const USER_COLUMNS: ReadonlySet<string> = new Set([
  'role',
  'clearance',
  'categories',
  'caption_roles',
  'foreign_national',
  'nationality',
  'disabled',
  'passphrase_hash',
  'passphrase_salt',
  'kdf',
  'failed_sign_ins',
  'last_failed_at',
]);

export function updateUserRow(db: Db, userId: number, columns: UserColumns): void {
  const names = Object.keys(columns).filter((k) => USER_COLUMNS.has(k));
  if (names.length === 0) return;
  db.prepare(`UPDATE users SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`).run({
    ...columns,
    id: userId,
  });
}

export function listPosts(db: Db): { plad: string; name: string; offices: { code: string; name: string }[] }[] {
  const stations = prepared(db, 'SELECT id, plad, name FROM stations ORDER BY plad').all() as {
    id: number;
    plad: string;
    name: string;
  }[];
  const offices = prepared(db, 'SELECT code, name FROM offices WHERE station_id = ? ORDER BY code');
  return stations.map((s) => ({
    plad: s.plad,
    name: s.name,
    offices: offices.all(s.id) as { code: string; name: string }[],
  }));
}

/*
 * Historical directory entries (issue 12 item 1, migration 0013): posts, offices, people and
 * collectives the FRUS importer creates because a telegram names them and the directory does
 * not. `importedFrom` names the document that first did ("frus1961-63v04 d267").
 */

export type HistoricalStationRow = StationRow &
  Readonly<{ country: string | null; city: string | null; imported_from: string | null }>;

export function historicalStationByPlad(db: Db, plad: string): HistoricalStationRow | undefined {
  return prepared(
    db,
    'SELECT id, plad, name, short_name, kind, country, city, imported_from FROM stations WHERE plad = ?',
  ).get(plad) as HistoricalStationRow | undefined;
}

export function insertImportedStation(
  db: Db,
  s: Readonly<{
    plad: string;
    name: string;
    shortName: string;
    kind: string;
    country: string | null;
    city: string | null;
    importedFrom: string;
  }>,
): number {
  return Number(
    prepared(
      db,
      'INSERT INTO stations (plad, name, short_name, kind, country, city, imported_from) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(s.plad, s.name, s.shortName, s.kind, s.country, s.city, s.importedFrom).lastInsertRowid,
  );
}

export function insertImportedOffice(
  db: Db,
  stationId: number,
  code: string,
  name: string,
  importedFrom: string,
): number {
  return Number(
    prepared(db, 'INSERT INTO offices (station_id, code, name, imported_from) VALUES (?, ?, ?, ?)').run(
      stationId,
      code,
      name,
      importedFrom,
    ).lastInsertRowid,
  );
}

export type HistoricalPersonRow = PersonRow & Readonly<{ title: string | null; imported_from: string | null }>;

export function historicalPersonByKey(db: Db, key: string): HistoricalPersonRow | undefined {
  return prepared(
    db,
    `SELECT id, key, surname, full_name, cited_as, station_id, office_id, is_principal, title, imported_from
       FROM people WHERE key = ?`,
  ).get(key) as HistoricalPersonRow | undefined;
}

export function insertImportedPerson(
  db: Db,
  p: Readonly<{
    key: string;
    surname: string;
    fullName: string;
    citedAs: string;
    title: string | null;
    stationId: number;
    importedFrom: string;
  }>,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO people (key, surname, full_name, cited_as, title, station_id, office_id, is_principal, is_persona, imported_from)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 0, 0, ?)`,
    ).run(p.key, p.surname, p.fullName, p.citedAs, p.title, p.stationId, p.importedFrom).lastInsertRowid,
  );
}

export function insertImportedCollective(
  db: Db,
  name: string,
  description: string,
  memberIds: ReadonlyArray<number>,
  importedFrom: string,
): number {
  const id = Number(
    prepared(db, 'INSERT INTO collectives (name, description, imported_from) VALUES (?, ?, ?)').run(
      name,
      description,
      importedFrom,
    ).lastInsertRowid,
  );
  const member = prepared(db, 'INSERT INTO collective_members (collective_id, station_id) VALUES (?, ?)');
  for (const m of memberIds) member.run(id, m);
  return id;
}

/** Station ids of the posts abroad (embassies, missions, consulates, delegations), for a circular. */
export function postIdsAbroad(db: Db): number[] {
  return prepared(
    db,
    `SELECT id FROM stations WHERE kind IN ('EMBASSY', 'MISSION', 'CONSULATE', 'DELEGATION') ORDER BY id`,
  )
    .pluck()
    .all() as number[];
}

/** What the FRUS importer created, for the directory view and the import report. */
export function listImportedEntries(
  db: Db,
): { kind: 'station' | 'office' | 'person' | 'collective'; name: string; importedFrom: string }[] {
  return prepared(
    db,
    `SELECT 'station' AS kind, plad AS name, imported_from AS importedFrom FROM stations WHERE imported_from IS NOT NULL
     UNION ALL SELECT 'office', s.plad || ' ' || o.code, o.imported_from FROM offices o JOIN stations s ON s.id = o.station_id
       WHERE o.imported_from IS NOT NULL
     UNION ALL SELECT 'person', key, imported_from FROM people WHERE imported_from IS NOT NULL
     UNION ALL SELECT 'collective', name, imported_from FROM collectives WHERE imported_from IS NOT NULL`,
  ).all() as { kind: 'station' | 'office' | 'person' | 'collective'; name: string; importedFrom: string }[];
}
