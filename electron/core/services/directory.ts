import type { DirectoryView, PostView, StationKind } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import {
  collectiveByName,
  insertCollective,
  insertOffice,
  insertStation,
  listPosts,
  officeId,
  stationByPlad,
} from '../store/directoryRepository';
import type { Actor } from './actor';
import { refusals } from './refusal';

/**
 * The directory of stations, offices, principals and collectives (DOMAIN.md §1.8). Everyone
 * signed in reads it; instructors and admins edit it, and every edit is audited.
 */
export type NewStation = Readonly<{
  plad: string;
  name: string;
  shortName: string;
  kind: StationKind;
  country?: string | null | undefined;
  city?: string | null | undefined;
}>;

export type DirectoryService = Readonly<{
  posts(): PostView[];
  read(): DirectoryView;
  addStation(actor: Actor, station: NewStation): DirectoryView;
  addOffice(actor: Actor, plad: string, code: string, name: string): DirectoryView;
  /** Creates the collective or replaces its members. */
  setCollective(actor: Actor, name: string, description: string | null, members: ReadonlyArray<string>): DirectoryView;
}>;

const PLAD = /^[A-Z0-9][A-Z0-9 /.-]{2,79}$/;

export function createDirectoryService(db: Db, audit: AuditTrail): DirectoryService {
  const refuse = refusals(db, audit);
  const editor = (actor: Actor, what: string): void => {
    if (actor.role !== 'instructor' && actor.role !== 'admin') {
      refuse(actor, { message: 'Only instructors and admins edit the directory.', detail: { what } });
    }
  };
  const edited = (actor: Actor, detail: Record<string, unknown>): void => {
    audit.append({ actor: { userId: actor.userId, login: actor.login }, action: 'DIRECTORY_UPDATE', detail });
  };
  const read = (): DirectoryView => {
    const stations = db
      .prepare(
        `SELECT s.id, s.plad, s.name, s.short_name AS shortName, s.kind, s.country, s.city, p.cited_as AS principal
         FROM stations s LEFT JOIN people p ON p.station_id = s.id AND p.is_principal = 1 ORDER BY s.plad`,
      )
      .all() as (DirectoryView['stations'][number] & { id: number })[];
    const offices = db.prepare('SELECT code, name FROM offices WHERE station_id = ? ORDER BY code');
    const collectives = db.prepare('SELECT id, name, description FROM collectives ORDER BY name').all() as {
      id: number;
      name: string;
      description: string | null;
    }[];
    const members = db
      .prepare(
        'SELECT s.plad FROM collective_members m JOIN stations s ON s.id = m.station_id WHERE m.collective_id = ? ORDER BY s.plad',
      )
      .pluck();
    return {
      stations: stations.map(({ id, ...s }) => ({
        ...s,
        offices: offices.all(id) as { code: string; name: string }[],
      })),
      collectives: collectives.map((c) => ({
        name: c.name,
        description: c.description,
        members: members.all(c.id) as string[],
      })),
      publicKeys: (
        db
          .prepare(
            `SELECT p.key AS person, p.full_name AS name, k.fingerprint, hex(k.public_key) AS publicKey,
                    k.created_at AS createdAt, k.retired_at AS retiredAt
               FROM person_keys k JOIN people p ON p.id = k.person_id ORDER BY p.surname, k.id`,
          )
          .all() as DirectoryView['publicKeys'][number][]
      ).map((k) => ({ ...k, publicKey: k.publicKey.toLowerCase() })),
    };
  };

  return {
    posts: () => listPosts(db),
    read,
    addStation(actor, s) {
      editor(actor, 'add station');
      const plad = s.plad.trim().toUpperCase();
      if (!PLAD.test(plad))
        throw new CableroomError('BAD_REQUEST', `"${s.plad}" is not a PLAD (upper-case words, e.g. AMEMBASSY OSLO).`);
      if (stationByPlad(db, plad)) throw new CableroomError('BAD_REQUEST', `${plad} is already in the directory.`);
      db.transaction(() => {
        insertStation(db, { ...s, plad });
        edited(actor, { added: 'station', plad, kind: s.kind });
      })();
      return read();
    },
    addOffice(actor, plad, code, name) {
      editor(actor, 'add office');
      const station = stationByPlad(db, plad);
      if (!station) throw new CableroomError('BAD_REQUEST', `Unknown station "${plad}".`);
      const normal = code.trim().toUpperCase();
      // 1970s codes have hyphens: S/S-O, S/S-S (STATE 017976; issue 16).
      if (!/^[A-Z0-9/]+(-[A-Z0-9/]+)*$/.test(normal) || normal.length > 20)
        throw new CableroomError('BAD_REQUEST', `"${code}" is not an office code (e.g. POL, EUR/RPM, S/S-O).`);
      if (officeId(db, station.id, normal) !== undefined)
        throw new CableroomError('BAD_REQUEST', `${plad} already has an office ${normal}.`);
      db.transaction(() => {
        insertOffice(db, station.id, normal, name.trim());
        edited(actor, { added: 'office', plad, code: normal });
      })();
      return read();
    },
    setCollective(actor, name, description, members) {
      editor(actor, 'edit collective');
      const normal = name.trim().toUpperCase();
      if (normal.length < 3) throw new CableroomError('BAD_REQUEST', 'A collective needs a name.');
      const ids = members.map((plad) => {
        const s = stationByPlad(db, plad.trim().toUpperCase());
        if (!s) throw new CableroomError('BAD_REQUEST', `Unknown station "${plad}".`);
        return s.id;
      });
      if (ids.length === 0) throw new CableroomError('BAD_REQUEST', 'A collective needs at least one member.');
      db.transaction(() => {
        const existing = collectiveByName(db, normal);
        if (existing) {
          db.prepare('DELETE FROM collective_members WHERE collective_id = ?').run(existing.id);
          const add = db.prepare('INSERT OR IGNORE INTO collective_members (collective_id, station_id) VALUES (?, ?)');
          for (const id of ids) add.run(existing.id, id);
          db.prepare('UPDATE collectives SET description = ? WHERE id = ?').run(description, existing.id);
        } else {
          insertCollective(db, normal, description, [...new Set(ids)]);
        }
        edited(actor, { collective: normal, members: members.length });
      })();
      return read();
    },
  };
}
