import type { Db } from './database';
import { prepared } from './statements';

/** SQL of the drafting desk (ARCHITECTURE.md: store layer): approval authority at a post. */

export type ApprovalKind = 'DEPUTY' | 'DESIGNATED';

/** The login of the user who signs in as this directory person, if any. */
export function loginOfPerson(db: Db, personKey: string): string | undefined {
  return prepared(db, 'SELECT u.login FROM users u JOIN people p ON p.id = u.person_id WHERE p.key = ?')
    .pluck()
    .get(personKey) as string | undefined;
}

export function loginOfUser(db: Db, userId: number): string | undefined {
  return prepared(db, 'SELECT login FROM users WHERE id = ?').pluck().get(userId) as string | undefined;
}

/** A deputy's or designated officer's authority to approve at the station, if the person holds one. */
export function approvalAuthorityOf(db: Db, personId: number, stationId: number): ApprovalKind | undefined {
  return prepared(db, 'SELECT kind FROM approval_authority WHERE person_id = ? AND station_id = ?')
    .pluck()
    .get(personId, stationId) as ApprovalKind | undefined;
}

/** Records (or, with `kind` null, revokes) a person's approval authority at their post. */
export function setApprovalAuthority(
  db: Db,
  a: Readonly<{ personId: number; stationId: number; kind: ApprovalKind | null; byUserId: number; at: string }>,
): void {
  if (a.kind === null) {
    prepared(db, 'DELETE FROM approval_authority WHERE person_id = ?').run(a.personId);
    return;
  }
  prepared(
    db,
    `INSERT INTO approval_authority (person_id, station_id, kind, designated_by_user_id, designated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (person_id) DO UPDATE SET station_id = excluded.station_id, kind = excluded.kind,
       designated_by_user_id = excluded.designated_by_user_id, designated_at = excluded.designated_at`,
  ).run(a.personId, a.stationId, a.kind, a.byUserId, a.at);
}
