import { ARCHIVE_READER_ROLES, COMMUNICATIONS_OFFICE, type AccessSubject } from '../../domain/access';
import type { SignedInUser, UserRole } from '../../domain/cable';
import type { Caption } from '../../domain/captions';
import type { ClearanceLevel } from '../../domain/classification';
import type { Db } from '../store/database';
import type { UserWithPersonRow } from '../store/directoryRepository';
import { prepared } from '../store/statements';

/** The signed-in user as core sees it: the public profile plus the ids the rules need. */
export type Actor = SignedInUser &
  Readonly<{
    userId: number;
    personId: number;
    stationId: number;
    officeId: number | null;
    nationality: string | null;
    categories: ReadonlyArray<string>;
    captionRoles: ReadonlyArray<Caption>;
    exdisDesignee: boolean;
  }>;

export function actorFromRow(row: UserWithPersonRow): Actor {
  return {
    userId: row.id,
    personId: row.person_id,
    stationId: row.station_id,
    officeId: row.office_id,
    nationality: row.nationality,
    categories: JSON.parse(row.categories) as string[],
    captionRoles: JSON.parse(row.caption_roles) as Caption[],
    exdisDesignee: row.exdis_designee === 1,
    login: row.login,
    displayName: row.full_name,
    post: { plad: row.plad, name: row.station_name },
    role: row.role as UserRole,
    clearance: row.clearance as ClearanceLevel,
    foreignNational: row.foreign_national === 1,
    isPrincipal: row.is_principal === 1,
  };
}

export function publicUser(a: Actor): SignedInUser {
  return {
    login: a.login,
    displayName: a.displayName,
    post: a.post,
    role: a.role,
    clearance: a.clearance,
    foreignNational: a.foreignNational,
    isPrincipal: a.isPrincipal,
  };
}

export function accessSubject(a: Actor): AccessSubject {
  return {
    personId: a.personId,
    stationId: a.stationId,
    foreignNational: a.foreignNational,
    officeId: a.officeId,
    clearance: a.clearance,
    categories: a.categories,
    captionRoles: a.captionRoles,
    nationality: a.nationality,
    isPrincipal: a.isPrincipal,
    exdisDesignee: a.exdisDesignee,
    // The archive rule (domain/access.ts): historians and instructors read imported FRUS cables.
    archiveReader: ARCHIVE_READER_ROLES.has(a.role),
  };
}

/** A member of the post's communications office: carries out passes sealed (domain/access.ts decideHandling). */
export function isCommunicator(db: Db, a: Actor): boolean {
  if (a.officeId === null) return false;
  return prepared(db, 'SELECT code FROM offices WHERE id = ?').pluck().get(a.officeId) === COMMUNICATIONS_OFFICE;
}
