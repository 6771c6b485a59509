import { decideHandling, type AccessSubject } from '../../domain/access';
import type { InboxCursor, InboxPage, InboxRow } from '../../domain/cable';
import type { Caption, DissemControl, EyesOnlyEntry } from '../../domain/captions';
import { classificationRank } from '../../domain/classification';
import { bannerLine, captionLines } from '../../domain/markings';
import { isHighPrecedence } from '../../domain/precedence';
import {
  deliveryCandidatesOfCables,
  eyesOnlyOf,
  forPersonIdsAt,
  inboxCandidates,
  inboxCandidatesNewer,
  INBOX_END,
  INBOX_START,
  unreadCandidates,
  type InboxCandidate,
} from '../store/cableReader';
import type { Db } from '../store/database';
import { accessSubject, isCommunicator, type Actor } from './actor';

export type InboxService = Readonly<{
  /**
   * A page of the inbox, newest first. `older` (the default): the rows after `cursor` (from the
   * top when null), `nextCursor` for the page below. `newer` (issue 15 item 5, a backward
   * cursor): the `limit` rows just above `cursor` (the inbox's last rows when null), still newest
   * first, `nextCursor` for the page above, null at the top.
   */
  list(
    actor: Actor,
    q: Readonly<{ cursor?: InboxCursor | null; limit: number; direction?: 'older' | 'newer' }>,
  ): InboxPage;
  /**
   * The deliveries of these cables at the user's post that the user may see (issue 14 item 1:
   * what a push may tell them arrived), by the same rules as the inbox.
   */
  arrivals(actor: Actor, cableIds: ReadonlyArray<number>): InboxRow[];
  /** Unread deliveries the user may see, counted up to UNREAD_COUNT_CAP (issue 14 item 2). */
  unreadCount(actor: Actor): Readonly<{ unread: number; capped: boolean }>;
}>;

/**
 * The navigation shows "999+" beyond this: counting every unread delivery of a post with a
 * million cables would cost a full scan on each change.
 */
export const UNREAD_COUNT_CAP = 999;

/**
 * Candidate rows read per query: a page plus a quarter for rows the access decision drops (most
 * are kept). Reading four pages to fill one cost three times as long (npm run bench).
 */
function batchRows(limit: number): number {
  return limit + Math.max(8, Math.ceil(limit / 4));
}
/** Bounds the work of one call when the user may see little of the post's traffic. */
const MAX_BATCHES_PER_PAGE = 10;

export function createInboxService(db: Db): InboxService {
  return {
    list(actor, { cursor, limit, direction = 'older' }) {
      if (direction === 'newer') return listNewer(db, actor, cursor ?? null, limit);
      const subject = accessSubject(actor);
      const communicator = isCommunicator(db, actor);
      const eyesOnly = new Map<number, EyesOnlyEntry[]>();
      const rows: InboxRow[] = [];
      let before = cursor ? { beforeAt: cursor.deliveredAt, beforeId: cursor.deliveryId } : { ...INBOX_START };
      for (let batch = 0; batch < MAX_BATCHES_PER_PAGE; batch++) {
        const candidates = inboxCandidates(db, {
          stationId: actor.stationId,
          userId: actor.userId,
          maxRank: classificationRank(actor.clearance),
          ...before,
          limit: batchRows(limit),
        });
        for (const c of candidates) {
          before = { beforeAt: c.arrivedAt, beforeId: c.deliveryId };
          const captions = JSON.parse(c.captions) as Caption[];
          const admitted = admission(db, subject, c, captions, eyesOnly, communicator);
          if (admitted === null) continue;
          rows.push(inboxRow(c, captions, admitted === 'SEALED'));
          if (rows.length === limit) return { rows, nextCursor: cursorOf(c) };
        }
        if (candidates.length < batchRows(limit)) return { rows, nextCursor: null };
      }
      return { rows, nextCursor: { deliveredAt: before.beforeAt, deliveryId: before.beforeId } };
    },
    arrivals(actor, cableIds) {
      if (cableIds.length === 0) return [];
      const subject = accessSubject(actor);
      const communicator = isCommunicator(db, actor);
      const eyesOnly = new Map<number, EyesOnlyEntry[]>();
      const candidates = deliveryCandidatesOfCables(db, {
        cableIds,
        stationId: actor.stationId,
        userId: actor.userId,
        maxRank: classificationRank(actor.clearance),
      });
      return candidates.flatMap((c) => {
        const captions = JSON.parse(c.captions) as Caption[];
        const admitted = admission(db, subject, c, captions, eyesOnly, communicator);
        return admitted === null ? [] : [inboxRow(c, captions, admitted === 'SEALED')];
      });
    },
    unreadCount(actor) {
      const subject = accessSubject(actor);
      const communicator = isCommunicator(db, actor);
      const eyesOnly = new Map<number, EyesOnlyEntry[]>();
      // One candidate more than the cap, so "more than 999" is known without counting them all.
      const candidates = unreadCandidates(db, {
        stationId: actor.stationId,
        userId: actor.userId,
        maxRank: classificationRank(actor.clearance),
        limit: UNREAD_COUNT_CAP + 1,
      });
      let unread = 0;
      for (const c of candidates) {
        if (admission(db, subject, c, JSON.parse(c.captions) as Caption[], eyesOnly, communicator) !== null) unread++;
      }
      return { unread: Math.min(unread, UNREAD_COUNT_CAP), capped: candidates.length > UNREAD_COUNT_CAP };
    },
  };
}

/** The rows just above a key, read upwards and returned newest first (see InboxService.list). */
function listNewer(db: Db, actor: Actor, cursor: InboxCursor | null, limit: number): InboxPage {
  const subject = accessSubject(actor);
  const communicator = isCommunicator(db, actor);
  const eyesOnly = new Map<number, EyesOnlyEntry[]>();
  const rows: InboxRow[] = [];
  let after = cursor ? { afterAt: cursor.deliveredAt, afterId: cursor.deliveryId } : { ...INBOX_END };
  const done = (more: boolean): InboxPage => ({
    rows: rows.reverse(),
    nextCursor: more ? { deliveredAt: after.afterAt, deliveryId: after.afterId } : null,
  });
  for (let batch = 0; batch < MAX_BATCHES_PER_PAGE; batch++) {
    const candidates = inboxCandidatesNewer(db, {
      stationId: actor.stationId,
      userId: actor.userId,
      maxRank: classificationRank(actor.clearance),
      ...after,
      limit: batchRows(limit),
    });
    for (const c of candidates) {
      after = { afterAt: c.arrivedAt, afterId: c.deliveryId };
      const captions = JSON.parse(c.captions) as Caption[];
      const admitted = admission(db, subject, c, captions, eyesOnly, communicator);
      if (admitted === null) continue;
      rows.push(inboxRow(c, captions, admitted === 'SEALED'));
      if (rows.length === limit) return done(true);
    }
    if (candidates.length < batchRows(limit)) return done(false);
  }
  return done(true);
}

function cursorOf(c: InboxCandidate): InboxCursor {
  return { deliveredAt: c.arrivedAt, deliveryId: c.deliveryId };
}

/** Whether a user may read a delivery (rules 14, 15, 18, 20): what handling a delivery asks. */
export function admits(
  db: Db,
  subject: AccessSubject,
  c: InboxCandidate,
  captions: ReadonlyArray<Caption>,
  eyesOnlyCache: Map<number, EyesOnlyEntry[]>,
): boolean {
  return admission(db, subject, c, captions, eyesOnlyCache, false) === 'READ';
}

/**
 * How a delivery is in a user's inbox: to read, as a sealed envelope, or not at all. An envelope
 * is a delivery the user's captions keep them from reading but that their post's communications
 * office must pass on (domain/access.ts decideHandling): it is listed while a pass instruction
 * for the post is pending, with the handling line (reference, DTG, precedence, marking, captions,
 * pass line) and never the subject or text.
 */
export function admission(
  db: Db,
  subject: AccessSubject,
  c: InboxCandidate,
  captions: ReadonlyArray<Caption>,
  eyesOnlyCache: Map<number, EyesOnlyEntry[]>,
  communicator: boolean,
): 'READ' | 'SEALED' | null {
  let eyesOnly = eyesOnlyCache.get(c.transmissionId);
  if (!eyesOnly) {
    eyesOnly = eyesOnlyOf(db, c.transmissionId);
    eyesOnlyCache.set(c.transmissionId, eyesOnly);
  }
  const decision = decideHandling(
    subject,
    {
      classification: c.classification,
      captions,
      dissem: JSON.parse(c.dissem) as DissemControl[],
      relTo: JSON.parse(c.relTo) as string[],
      categories: JSON.parse(c.categories) as string[],
      deliveries: [
        {
          stationId: c.stationId,
          role: c.role,
          actionOfficeId: c.actionOfficeId,
          eyesOnly,
          forPersonIds: forPersonIdsAt(db, c.transmissionId, c.stationId),
        },
      ],
      // The inbox lists deliveries; the drafting chain matters only when viewing one's own sent cable.
      origin: { stationId: c.originStationId, personIds: [], officeIds: [] },
    },
    communicator,
  );
  if (!decision.allowed) return null;
  if (!decision.sealed) return 'READ';
  return (JSON.parse(c.pendingPasses) as string[]).length > 0 ? 'SEALED' : null;
}

/** A delivery as the inbox lists it; `sealed`: an envelope, its subject withheld (admission). */
export function inboxRow(c: InboxCandidate, captions: ReadonlyArray<Caption>, sealed = false): InboxRow {
  const needsAck = isHighPrecedence(c.precedence, c.niact === 1) && c.role === 'ACTION';
  return {
    deliveryId: c.deliveryId,
    cableId: c.cableId,
    ref: c.ref,
    dtg: c.dtg,
    // The inbox's order (the renderer merges live arrivals by it): arrival, migration 0012.
    deliveredAt: c.arrivedAt,
    classification: c.classification,
    banner: bannerLine(c.classification, JSON.parse(c.dissem) as DissemControl[], JSON.parse(c.relTo) as string[]),
    captions: captionLines(captions),
    precedence: c.precedence,
    niact: c.niact === 1,
    role: c.via === 'PASS' ? 'PASS' : c.via === 'REPEAT' ? 'REPEAT' : c.role,
    from: c.fromPlad,
    subject: sealed ? '' : c.subject,
    sealed,
    needsAck,
    acknowledgedAt: c.ackAt,
    // Opening reads it, except FLASH/NIACT before the action office acknowledged (rule 8).
    read: c.readByMe === 1 || (c.openedByMe === 1 && !(needsAck && c.ackAt === null)),
    filed: c.readByMe === 1,
    pendingPassTo: JSON.parse(c.pendingPasses) as string[],
  };
}
