import {
  archiveAdmits,
  decideAccess,
  decideHandling,
  type AccessDecision,
  type AccessObject,
  type AccessSubject,
  type HandlingDecision,
} from '../../domain/access';
import type { Distribution, DistributionEntry } from '../../domain/cable';
import { captionWords } from '../../domain/captions';
import { inPostDistribution, type RoutingSlip } from '../../domain/inPost';
import type { AuditTrail } from '../audit/auditTrail';
import type { CableInputAddressee } from '../cables/cableInput';
import { createCoreClock, type Clock } from '../clock';
import { CableroomError } from '../errors';
import {
  distributionRows,
  loadCableRecord,
  openersByStation,
  pendingPasses,
  postStaff,
  type CableRecord,
  type DistributionRow,
} from '../store/cableReader';
import { executePasses, insertRepeat } from '../store/cableWriter';
import type { Db } from '../store/database';
import { collectiveByName, stationByPlad, userByLogin } from '../store/directoryRepository';
import { accessSubject, isCommunicator, type Actor } from './actor';
import { readerObject } from './archive';
import { accessObjectOf } from './cableView';
import { refusals } from './refusal';
import type { UsersService } from './users';

/**
 * Routing after release (DOMAIN.md §1.8, rules 16, 17): who a cable went to and how, executing
 * a post's pass instructions, and repeating a cable to new addressees.
 */
export type RepeatRequest = Readonly<{
  /** Station PLADs or collective names. */
  to: ReadonlyArray<string>;
  /** Login of the approver (rule 16: the originator's approver or S/S) for NODIS, EXDIS and EYES ONLY. */
  approveBy?: string | undefined;
  note?: string | undefined;
}>;

export type RoutingService = Readonly<{
  distribution(actor: Actor, cableId: number): Distribution;
  /** Checks that the actor may see the cable's distribution and audits its export as EXPORT. */
  recordDistributionExport(actor: Actor, cableId: number, format: 'svg' | 'png'): void;
  /** `now`: the time recorded (tests); default the core clock's, scenario time inside an exercise. */
  pass(actor: Actor, cableId: number, now?: Date): ReadonlyArray<string>;
  repeat(actor: Actor, cableId: number, request: RepeatRequest, now?: Date): ReadonlyArray<string>;
}>;

/** Captions whose repeat or pass needs approval (rule 16). */
const NEEDS_APPROVAL = ['NODIS', 'EXDIS', 'EYES_ONLY'] as const;

/**
 * `clock` gives the times written — a pass's delivery, a repeat's DTG (the scenario's inside an
 * exercise, issue 10); the new deliveries arrive in the inbox in real time, and the audit entries
 * keep real time unless a test passes `now`.
 */
export function createRoutingService(
  db: Db,
  audit: AuditTrail,
  users: UsersService,
  clock: Clock = createCoreClock(db),
): RoutingService {
  const refuse = refusals(db, audit);
  const officeCode = db.prepare('SELECT code FROM offices WHERE id = ?').pluck();
  const isSS = (a: Actor): boolean =>
    a.post.plad === 'SECSTATE WASHDC' && a.officeId !== null && officeCode.get(a.officeId) === 'S/S';
  const approverIds = (record: CableRecord): number[] =>
    record.drafting.filter((d) => d.role === 'APPROVED' && d.personId !== null).map((d) => d.personId!);
  const who = (a: Actor) => ({ userId: a.userId, login: a.login });

  /** The cable, if the actor may see it; an audited ACCESS_DENIED otherwise. */
  /**
   * The cable, if `decide` admits the actor (by default: may read it); an audited ACCESS_DENIED
   * otherwise.
   */
  const visible = (
    actor: Actor,
    cableId: number,
    what: string,
    decide: (subject: AccessSubject, object: AccessObject) => AccessDecision | HandlingDecision = decideAccess,
  ): CableRecord => {
    const record = loadCableRecord(db, cableId);
    if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
    const decision = decide(accessSubject(actor), accessObjectOf(record));
    if (!decision.allowed) {
      refuse(actor, {
        message: `Access denied. ${decision.explanation}`,
        cableId,
        detail: { what, reason: decision.reason },
      });
    }
    return record;
  };

  /**
   * Who may see a cable's distribution (issue 4): the originator's principal and approver, S/S and
   * instructors see it all; anyone else who may see the cable sees their own post's part; others
   * get an audited ACCESS_DENIED.
   */
  const distributionAccess = (
    actor: Actor,
    cableId: number,
    what: string,
  ): { record: CableRecord; complete: boolean } => {
    const record = loadCableRecord(db, cableId);
    if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
    const complete =
      actor.role === 'instructor' ||
      actor.role === 'admin' ||
      isSS(actor) ||
      (actor.isPrincipal && actor.stationId === record.cable.originator_station_id) ||
      approverIds(record).includes(actor.personId);
    if (complete) return { record, complete };
    // The archive rule (domain/access.ts archiveAdmits): a historian reads an imported FRUS
    // cable's whole distribution; the read is audited as a VIEW of the distribution, access 'archive'.
    const source = archiveAdmits(accessSubject(actor), readerObject(db, record));
    if (source !== null) {
      audit.append({
        actor: who(actor),
        action: 'VIEW',
        cableId,
        detail: { what, access: 'archive', frus: { volume: source.volume, doc: source.doc } },
      });
      return { record, complete: true };
    }
    visible(actor, cableId, what);
    return { record, complete };
  };

  /** The routing slip of one delivery: captions, the transmission's named persons, the post's staff. */
  const slip = (record: CableRecord, r: DistributionRow): RoutingSlip => {
    const t = record.transmissions.find((x) => x.id === r.transmissionId);
    const staff = postStaff(db, r.stationId);
    const named = [
      ...(t?.eyesOnly ?? []).map((e) => (e.kind === 'PERSON' ? e.name : staff.principal)),
      ...(t?.addressees ?? [])
        .filter((a) => a.stationId === r.stationId)
        .flatMap((a) => a.forPersons.map((p) => p.citedAs)),
    ].filter((n): n is string => n !== null);
    return inPostDistribution({
      captions: record.cable.captions,
      role: r.role,
      named,
      principal: staff.principal,
      exdisDesignees: staff.exdisDesignees,
      offices: staff.offices,
      actionOffice: r.actionOffice,
      frontOffice: staff.offices.includes('FRONT') ? 'FRONT' : null,
    });
  };

  const entry = (
    r: DistributionRow,
    openedBy: ReadonlyArray<string>,
    originator: string,
    routingSlip: RoutingSlip,
  ): DistributionEntry => {
    const via =
      r.via === 'PASS'
        ? `pass ${r.passedBy}`
        : r.kind === 'REPEAT'
          ? `repeat ${r.sender} ${r.transmissionDtg}`
          : r.via === 'COLLECTIVE'
            ? `collective ${r.collective}`
            : 'direct';
    return {
      station: r.station,
      name: r.name,
      role: r.role,
      precedence: r.precedence,
      niact: r.niact === 1,
      serial: r.channelSerial === null ? null : `${r.channelSeries ?? ''} ${r.channelSerial}`.trim(),
      via,
      from: r.via === 'PASS' ? r.passedBy! : r.kind === 'REPEAT' ? r.sender : originator,
      deliveredAt: r.deliveredAt,
      ackAt: r.ackAt,
      openedBy,
      routingSlip,
    };
  };

  return {
    distribution(actor, cableId) {
      const { record, complete } = distributionAccess(actor, cableId, 'distribution');
      const originator = record.cable.originator_plad;
      const openers = openersByStation(db, cableId);
      // Others see their own post's part: what reached it, and what it passed or repeated on itself
      // (the rows whose `from` is their post). The originator's own sending stays whole-view only:
      // at the originator's post that is the principal's and the approver's (issue 4).
      const ownPart = (r: DistributionRow): boolean =>
        r.stationId === actor.stationId ||
        (r.via === 'PASS' && r.passedBy === actor.post.plad) ||
        (r.kind === 'REPEAT' && r.sender === actor.post.plad && actor.post.plad !== originator);
      const rows = distributionRows(db, cableId).filter((r) => complete || ownPart(r));
      return {
        ref: record.cable.ref,
        originator,
        complete,
        deliveries: rows.map((r) => entry(r, openers.get(r.stationId) ?? [], originator, slip(record, r))),
        pendingPasses: pendingPasses(db, cableId)
          .filter((p) => complete || p.byStationId === actor.stationId)
          .map(({ by, to }) => ({ by, to })),
      };
    },

    recordDistributionExport(actor, cableId, format) {
      const { complete } = distributionAccess(actor, cableId, 'distribution export');
      audit.append({
        actor: who(actor),
        action: 'EXPORT',
        cableId,
        detail: { what: 'distribution', format, complete },
      });
    },

    pass(actor, cableId, now) {
      // Rules 14, 17: a reader passes it; the communications office may pass it sealed, unread.
      let sealed = false;
      visible(actor, cableId, 'pass', (subject, object) => {
        const decision = decideHandling(subject, object, isCommunicator(db, actor));
        sealed = decision.allowed && decision.sealed;
        return decision;
      });
      // Rule 17: only the addressee named in "X PASS Y" executes it. The instruction itself was
      // written by the originator, which is the approval rule 16 asks for.
      const mine = pendingPasses(db, cableId).filter((p) => p.byStationId === actor.stationId);
      if (mine.length === 0) {
        refuse(actor, {
          code: 'BAD_REQUEST',
          message: `There is no pending pass instruction for ${actor.post.plad} on this cable (rule 17).`,
          cableId,
          detail: { what: 'pass', reason: 'no pass instruction for this post' },
        });
      }
      const done = executePasses(db, cableId, actor.stationId, actor.userId, now ?? clock.now(), now ?? new Date());
      const to = mine.map((p) => p.to);
      audit.append(
        {
          actor: who(actor),
          action: 'PASS',
          cableId,
          detail: { by: actor.post.plad, to, passes: done.length, sealed },
        },
        now,
      );
      return to;
    },

    repeat(actor, cableId, request, now) {
      const record = visible(actor, cableId, 'repeat');
      const restricted = NEEDS_APPROVAL.filter((c) => record.cable.captions.includes(c));
      let approvedBy: string | null = null;
      if (restricted.length > 0) {
        const approver = request.approveBy ? userByLogin(db, request.approveBy) : undefined;
        const approverActor = approver ? users.byLogin(approver.login) : null;
        const qualifies =
          approverActor !== null && (approverIds(record).includes(approverActor.personId) || isSS(approverActor));
        if (!qualifies) {
          refuse(actor, {
            message:
              `Repeating a cable marked ${restricted.map(captionWords).join(', ')} needs approval by the originator's approver or S/S (DOMAIN.md rule 16)` +
              (request.approveBy ? `; ${request.approveBy} is neither.` : '.'),
            cableId,
            detail: { what: 'repeat', reason: 'approval', captions: restricted, approveBy: request.approveBy ?? null },
          });
        }
        approvedBy = approverActor!.login;
      }
      if (request.to.length === 0) throw new CableroomError('BAD_REQUEST', 'A repeat needs at least one addressee.');
      const addressees: CableInputAddressee[] = request.to.map((name) => {
        const normal = name.trim().toUpperCase();
        if (stationByPlad(db, normal))
          return { plad: normal, role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] };
        if (collectiveByName(db, normal))
          return { collective: normal, role: 'INFO', precedence: 'ROUTINE', niact: false, for: [] };
        throw new CableroomError('BAD_REQUEST', `Unknown station or collective "${name}".`);
      });
      // Rule 16: the repeat keeps MRN, classification and captions; an Eyes Only cable stays
      // eyes only for the principals of the posts it is repeated to.
      const eyesOnly = record.cable.captions.includes('EYES_ONLY') ? [{ principals: true as const }] : [];
      const written = db.transaction(() => {
        const result = insertRepeat(db, {
          cableId,
          by: actor.post.plad,
          at: now ?? clock.now(),
          arrivedAt: now ?? new Date(),
          note: request.note ?? null,
          addressees,
          eyesOnly,
        });
        audit.append(
          {
            actor: who(actor),
            action: 'REPEAT',
            cableId,
            detail: { to: request.to, approvedBy, transmissionId: result.transmissionId },
          },
          now,
        );
        return result;
      })();
      const plad = db.prepare('SELECT plad FROM stations WHERE id = ?').pluck();
      return written.stations.map((id) => plad.get(id) as string);
    },
  };
}
