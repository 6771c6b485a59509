import type { ErrorCode } from '../../contract/errors';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import type { Actor } from './actor';

/**
 * One refusal: what the person asked for was not allowed. It is written to the audit trail as
 * DENY (with the cable, when there is one, and a detail that says what was refused and why) and
 * then thrown with its code and a message for the person.
 */
export type Refusal = Readonly<{
  /** ACCESS_DENIED unless the refusal is better told as another code (e.g. RULE_VIOLATION). */
  code?: ErrorCode;
  message: string;
  /** A cable that exists (the trail's foreign key); unknown ids are NOT_FOUND before any refusal. */
  cableId?: number;
  detail: Readonly<Record<string, unknown>>;
}>;

/** Audits a refusal as DENY and throws it; never returns. */
export type Refuse = (actor: Pick<Actor, 'userId' | 'login'>, refusal: Refusal) => never;

/**
 * The one way core services refuse (issue 13 item 3): every refusal is audited, and in one place.
 * A refusal must happen before a write transaction opens: inside one, the rollback that the
 * throw causes would take the DENY entry with it, so that is treated as a programming error.
 */
export function refusals(db: Db, audit: AuditTrail): Refuse {
  return (actor, { code = 'ACCESS_DENIED', message, cableId, detail }) => {
    if (db.inTransaction) {
      throw new CableroomError(
        'INTERNAL',
        `A refusal inside a transaction would lose its audit entry (${message}); refuse before writing.`,
      );
    }
    audit.append({
      actor: { userId: actor.userId, login: actor.login },
      action: 'DENY',
      ...(cableId !== undefined ? { cableId } : {}),
      detail,
    });
    throw new CableroomError(code, message);
  };
}
