import type { InboxRow } from '../../domain/cable';
import type { Caption } from '../../domain/captions';
import { classificationRank } from '../../domain/classification';
import type { AuditTrail } from '../audit/auditTrail';
import { createCoreClock, type Clock } from '../clock';
import { CableroomError } from '../errors';
import { emitChange } from '../events';
import {
  acknowledgeDelivery,
  deliveryCandidate,
  eyesOnlyOf,
  markDeliveryRead,
  pendingAlertCandidates,
  type InboxCandidate,
} from '../store/cableReader';
import type { Db } from '../store/database';
import { accessSubject, type Actor } from './actor';
import { admits, inboxRow } from './inbox';
import { refusals } from './refusal';

/**
 * Handling actions on a delivery: acknowledging FLASH and NIACT traffic, filing as read, and the
 * alert list of what still waits for acknowledgement (DOMAIN.md rule 8; 5 FAH-2 H-421.1, H-422).
 */
export type HandlingService = Readonly<{
  /** Unacknowledged FLASH/NIACT action deliveries at the user's post that the user may see. */
  alerts(actor: Actor): InboxRow[];
  /** `now`: the time recorded (tests); default the core clock's, scenario time inside an exercise. */
  acknowledge(actor: Actor, deliveryId: number, now?: Date): InboxRow;
  markRead(actor: Actor, deliveryId: number, now?: Date): InboxRow;
}>;

/**
 * `clock` gives the times written (the scenario's inside an exercise, issue 10); the audit entries
 * keep real time unless a test passes `now`.
 */
export function createHandlingService(db: Db, audit: AuditTrail, clock: Clock = createCoreClock(db)): HandlingService {
  const refuse = refusals(db, audit);
  const parse = (c: InboxCandidate): Caption[] => JSON.parse(c.captions) as Caption[];
  const visible = (actor: Actor, c: InboxCandidate): boolean =>
    c.stationId === actor.stationId && admits(db, accessSubject(actor), c, parse(c), new Map());

  /** The delivery if it is at the user's post and the user may see its cable; audited DENY otherwise. */
  const load = (actor: Actor, deliveryId: number, action: string): InboxCandidate => {
    const c = deliveryCandidate(db, deliveryId, actor.userId);
    if (!c) throw new CableroomError('NOT_FOUND', `No delivery ${deliveryId}.`);
    if (!visible(actor, c)) {
      refuse(actor, {
        message: 'Access denied: this delivery is not one you may handle.',
        cableId: c.cableId,
        detail: { what: action, deliveryId, reason: 'NOT_VISIBLE' },
      });
    }
    return c;
  };
  const row = (actor: Actor, deliveryId: number): InboxRow => {
    const c = deliveryCandidate(db, deliveryId, actor.userId)!;
    return inboxRow(c, parse(c));
  };

  return {
    alerts(actor) {
      const subject = accessSubject(actor);
      const eyesOnly = new Map<number, ReturnType<typeof eyesOnlyOf>>();
      return pendingAlertCandidates(db, actor.stationId, actor.userId, classificationRank(actor.clearance))
        .filter((c) => admits(db, subject, c, parse(c), eyesOnly))
        .map((c) => inboxRow(c, parse(c)));
    },
    acknowledge(actor, deliveryId, now) {
      const c = load(actor, deliveryId, 'acknowledge');
      const current = inboxRow(c, parse(c));
      if (!current.needsAck) {
        throw new CableroomError(
          'BAD_REQUEST',
          'Only FLASH and NIACT traffic to the action addressee is acknowledged (rule 8).',
        );
      }
      // Rule 8: the action office acknowledges: its members, or the principal.
      if (c.actionOfficeId !== null && c.actionOfficeId !== actor.officeId && !actor.isPrincipal) {
        refuse(actor, {
          message: 'Only the action office acknowledges this cable.',
          cableId: c.cableId,
          detail: { what: 'acknowledge', deliveryId, reason: 'ACTION_OFFICE' },
        });
      }
      if (current.acknowledgedAt === null) {
        db.transaction(() => {
          acknowledgeDelivery(db, deliveryId, actor.userId, (now ?? clock.now()).toISOString());
          audit.append(
            { actor: who(actor), action: 'ACK', cableId: c.cableId, detail: { deliveryId, precedence: c.precedence } },
            now,
          );
        })();
        emitChange(db, { type: 'acknowledged', cableId: c.cableId, deliveryId, stationId: c.stationId });
      }
      return row(actor, deliveryId);
    },
    markRead(actor, deliveryId, now) {
      const c = load(actor, deliveryId, 'file as read');
      const current = inboxRow(c, parse(c));
      if (current.needsAck && current.acknowledgedAt === null) {
        // Audited (DENY), so an exercise can score the attempt to file a FLASH unread (rule 8).
        refuse(actor, {
          code: 'ACK_REQUIRED',
          message: `${current.ref} is ${current.niact ? 'NIACT' : 'FLASH'}: the action office must acknowledge it before it is filed as read (rule 8).`,
          cableId: c.cableId,
          detail: { what: 'file as read', reason: 'ACK_REQUIRED', deliveryId },
        });
      }
      // Filing is its own act: a cable already read on opening is still filed (issue 14 item 2).
      if (!current.filed) {
        db.transaction(() => {
          markDeliveryRead(db, deliveryId, actor.userId, (now ?? clock.now()).toISOString());
          audit.append({ actor: who(actor), action: 'READ', cableId: c.cableId, detail: { deliveryId } }, now);
        })();
        emitChange(db, { type: 'read', userId: actor.userId, cableId: c.cableId });
      }
      return row(actor, deliveryId);
    },
  };
}

function who(actor: Actor): { userId: number; login: string } {
  return { userId: actor.userId, login: actor.login };
}
