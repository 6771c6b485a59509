import type { AccessSubject } from '../../domain/access';
import type { Caption } from '../../domain/captions';
import { classificationRank, type ClearanceLevel } from '../../domain/classification';
import { allPublicKeys } from '../crypto/keyStore';
import { keyCache, type KeyCache } from '../crypto/verify';
import type { KeyLookup } from '../signing/verifyChain';
import type { CableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { listUsers, officeId, personByKey, stationByPlad } from '../store/directoryRepository';
import { prepared } from '../store/statements';

/**
 * The class directory (issue 11 item 1, `classroom.members`): one row per account, with what the
 * access decision needs and the person's public keys. Written from the instructor's database by
 * `classroom init`; every machine runs the same seed, so persons, stations and offices are named
 * by their directory keys (person key, PLAD, office code) and resolved in each database.
 */
export type Member = Readonly<{
  login: string;
  person: string;
  displayName: string;
  station: string;
  office: string | null;
  accountRole: string;
  clearance: ClearanceLevel;
  clearanceRank: number;
  categories: ReadonlyArray<string>;
  captionRoles: ReadonlyArray<Caption>;
  foreignNational: boolean;
  nationality: string | null;
  principal: boolean;
  exdisDesignee: boolean;
  keys: ReadonlyArray<Readonly<{ fingerprint: string; publicKey: string }>>;
}>;

/** The members of the class: every enabled account of this database. */
export function localMembers(db: Db): Member[] {
  const keys = allPublicKeys(db);
  const keysOf = new Map<string, { fingerprint: string; publicKey: string }[]>();
  for (const [fingerprint, k] of keys) {
    const list = keysOf.get(k.personKey) ?? [];
    list.push({ fingerprint, publicKey: Buffer.from(k.publicKey).toString('hex') });
    keysOf.set(k.personKey, list);
  }
  const personKey = prepared(db, 'SELECT key FROM people WHERE id = ?').pluck();
  const officeCode = prepared(db, 'SELECT code FROM offices WHERE id = ?').pluck();
  return listUsers(db)
    .filter((u) => u.disabled === 0)
    .map((u): Member => {
      const person = personKey.get(u.person_id) as string;
      return {
        login: u.login,
        person,
        displayName: u.full_name,
        station: u.plad,
        office: u.office_id === null ? null : (officeCode.get(u.office_id) as string),
        accountRole: u.role,
        clearance: u.clearance as ClearanceLevel,
        clearanceRank: classificationRank(u.clearance as ClearanceLevel),
        categories: JSON.parse(u.categories) as string[],
        captionRoles: JSON.parse(u.caption_roles) as Caption[],
        foreignNational: u.foreign_national === 1,
        nationality: u.nationality,
        principal: u.is_principal === 1,
        exdisDesignee: u.exdis_designee === 1,
        keys: (keysOf.get(person) ?? []).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint)),
      };
    });
}

/** A member as the access decision's subject in this database; null when its post or person is unknown here. */
export function memberSubject(db: Db, m: Member): AccessSubject | null {
  const person = personByKey(db, m.person);
  const station = stationByPlad(db, m.station);
  if (!person || !station) return null;
  const office = m.office === null ? null : (officeId(db, station.id, m.office) ?? null);
  return {
    personId: person.id,
    stationId: station.id,
    officeId: office,
    clearance: m.clearance,
    categories: m.categories,
    captionRoles: m.captionRoles,
    foreignNational: m.foreignNational,
    nationality: m.nationality,
    isPrincipal: m.principal,
    exdisDesignee: m.exdisDesignee,
  };
}

export type GrantRole = 'ACTION' | 'INFO' | 'PASS' | 'REPEAT';

/** The role a station holds a cable in: ACTION over INFO; REPEAT when only a repeat reached it. */
export function grantRole(record: CableRecord, stationId: number): GrantRole | null {
  let role: GrantRole | null = null;
  for (const t of record.transmissions) {
    for (const d of t.deliveries) {
      if (d.stationId !== stationId) continue;
      if (t.kind === 'REPEAT') role ??= 'REPEAT';
      else if (d.role === 'ACTION') return 'ACTION';
      else role = 'INFO';
    }
  }
  return role;
}

/** Every key the members hold, by fingerprint (issue 11 item 2: "against the members' keys"). */
export function memberKeys(members: ReadonlyArray<Member>, toKey: KeyCache = keyCache()): KeyLookup {
  const byFingerprint = new Map<string, { personKey: string; raw: Uint8Array }>();
  for (const m of members) {
    for (const k of m.keys) {
      if (/^[0-9a-f]{64}$/.test(k.publicKey))
        byFingerprint.set(k.fingerprint, { personKey: m.person, raw: new Uint8Array(Buffer.from(k.publicKey, 'hex')) });
    }
  }
  return (fingerprint) => {
    const k = byFingerprint.get(fingerprint);
    return k ? { personKey: k.personKey, key: toKey(k.raw) } : null;
  };
}
