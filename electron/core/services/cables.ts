import { decideAccess } from '../../domain/access';
import type { CableExport, CableView, SearchHit } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { tamperedDetail } from '../audit/verifyRun';
import { CableroomError } from '../errors';
import { emitChange } from '../events';
import { bannerLine } from '../../domain/markings';
import { cableIdForReader, loadCableRecord, type CableRecord } from '../store/cableReader';
import { referenceTargets } from '../store/cableSearch';
import type { Db } from '../store/database';
import { keyCache, memoVerifier } from '../crypto/verify';
import { verifyOneCable } from '../signing/bulkVerify';
import { isSignedCable, VERIFYING_CHAIN } from '../signing/openVerify';
import type { ChainView } from '../../domain/chain';
import { accessSubject, type Actor } from './actor';
import { archiveAuditDetail, readerObject } from './archive';
import { cableView } from './cableView';
import { refusals } from './refusal';
import { createSearchService, type SearchOrder } from './search';

export type CablesService = Readonly<{
  /**
   * One cable, if the actor may see it; ACCESS_DENIED otherwise, and nothing of it is returned.
   * Both outcomes are audited (VIEW, DENY).
   */
  show(actor: Actor, cableId: number, channel: string): CableView;
  /**
   * The app's open (issue 15 item 2): as `show`, audited the same, but a signed cable comes back
   * at once with its chain VERIFYING, and its signatures are checked once that answer has gone
   * (signing/openVerify.ts); the verdict is asked for with `verdict`. A chain that does not
   * verify is audited as TAMPERED as soon as it is known, whether or not anyone asks (rules 23–24).
   */
  open(actor: Actor, cableId: number, channel: string): CableView;
  /**
   * The verdict on the chain of a cable the actor may see: the one its last `open` started, or
   * a fresh check. Null for an unsigned cable. Access is decided again (a refusal is audited).
   */
  verdict(actor: Actor, cableId: number, channel: string): Promise<ChainView | null>;
  /** Resolves "TOPOL 578" to an id (NOT_FOUND for an unknown reference). */
  idByRef(ref: string): number;

  /**
   * Finds cables by reference, MRN or DTG as typed (exact matches first), then by the words of
   * subject and text, newest first or by best match; only cables the actor may see are returned
   * (issue 14 item 3; services/search.ts).
   */
  search(actor: Actor, query: string, limit: number, order?: SearchOrder): SearchHit[];
  /** Records that the actor printed (or saved as PDF) a cable they may see (PRINT). */
  recordPrint(actor: Actor, cableId: number, channel: string, format: 'paper' | 'pdf'): void;
  /** The cable as a JSON document for the actor, audited as EXPORT. */
  exportCable(actor: Actor, cableId: number, channel: string): CableExport;
}>;

/** Verdicts of opened cables kept until asked for. */
const MAX_PENDING_VERDICTS = 64;

export type CablesOptions = Readonly<{
  /** Verify a signed cable's chain each time it is opened (rules 23–24); off only to measure its cost. */
  verifyOnOpen?: boolean;
}>;

export function createCablesService(db: Db, audit: AuditTrail, options: CablesOptions = {}): CablesService {
  const refuse = refusals(db, audit);
  const keys = keyCache();
  const verifier = memoVerifier();
  const searching = createSearchService(db, audit);
  /** Verdicts started by `open`, by user and cable, until asked for (the newest few kept). */
  const verdicts = new Map<string, Promise<ChainView | null>>();

  const auditTampered = (actor: Actor, cableId: number, channel: string, chain: ChainView): void => {
    audit.append({
      actor: { userId: actor.userId, login: actor.login },
      action: 'TAMPERED',
      cableId,
      detail: tamperedDetail(channel, chain),
    });
  };

  /** The chain checked against the cable as stored now (rules 23–24); TAMPERED is audited. */
  const checkedChain = (actor: Actor, cableId: number, channel: string): ChainView | null => {
    const chain = verifyOneCable(db, cableId, { verify: verifier, toKey: keys });
    if (chain?.status === 'TAMPERED') auditTampered(actor, cableId, channel, chain);
    return chain;
  };

  /** One cable, if the actor may see it (VIEW or DENY audited), with the chain `chainOf` gives. */
  const openCable = (actor: Actor, cableId: number, channel: string, chainOf: () => ChainView | null): CableView => {
    const record = loadCableRecord(db, cableId);
    if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
    // The archive rule may admit a historian or instructor to an imported FRUS cable (readerObject).
    const decision = decideAccess(accessSubject(actor), readerObject(db, record));
    const who = { userId: actor.userId, login: actor.login };
    if (!decision.allowed) {
      refuse(actor, {
        message: `Access denied. ${decision.explanation}`,
        cableId,
        detail: { channel, reason: decision.reason },
      });
    }
    // A read the archive rule admitted says so: access 'archive', the FRUS source, the rule it overrode.
    audit.append({ actor: who, action: 'VIEW', cableId, detail: { channel, ...archiveAuditDetail(decision) } });
    emitChange(db, { type: 'read', userId: actor.userId, cableId }); // opening reads it (issue 14 item 2)
    const chain = chainOf();
    return withOpenableReferences(cableView(record, chain), referenceTargets(db, cableId), (target) => {
      const cited = loadCableRecord(db, target);
      return cited !== undefined && decideAccess(accessSubject(actor), readerObject(db, cited)).allowed ? cited : null;
    });
  };

  const service: CablesService = {
    show(actor, cableId, channel) {
      return openCable(actor, cableId, channel, () =>
        options.verifyOnOpen === false ? null : checkedChain(actor, cableId, channel),
      );
    },
    open(actor, cableId, channel) {
      return openCable(actor, cableId, channel, () => {
        if (!isSignedCable(db, cableId)) return null;
        const key = `${actor.userId}:${cableId}`;
        // After this call has returned (and the app's reply is on its way): read and check.
        const job = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
          checkedChain(actor, cableId, channel),
        );
        job.catch(() => undefined); // asked for through `verdict`; a database closed meanwhile is no crash
        verdicts.delete(key);
        verdicts.set(key, job);
        if (verdicts.size > MAX_PENDING_VERDICTS) verdicts.delete(verdicts.keys().next().value!);
        return VERIFYING_CHAIN;
      });
    },
    async verdict(actor, cableId, channel) {
      const record = loadCableRecord(db, cableId);
      if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
      const decision = decideAccess(accessSubject(actor), readerObject(db, record));
      if (!decision.allowed) {
        refuse(actor, {
          message: `Access denied. ${decision.explanation}`,
          cableId,
          detail: { channel, reason: decision.reason },
        });
      }
      const key = `${actor.userId}:${cableId}`;
      const pending = verdicts.get(key);
      if (pending) {
        verdicts.delete(key);
        return pending;
      }
      return checkedChain(actor, cableId, channel);
    },
    search: (actor, query, limit, order) => searching.search(actor, query, limit, order),
    recordPrint(actor, cableId, channel, format) {
      const view = service.show(actor, cableId, channel);
      audit.append({
        actor: { userId: actor.userId, login: actor.login },
        action: 'PRINT',
        cableId,
        detail: { channel, format, banner: view.banner },
      });
    },
    exportCable(actor, cableId, channel) {
      const view = service.show(actor, cableId, channel);
      audit.append({
        actor: { userId: actor.userId, login: actor.login },
        action: 'EXPORT',
        cableId,
        detail: { channel },
      });
      return {
        filename: `${view.ref.replace(/[^A-Z0-9]+/gi, '-')}.json`,
        mediaType: 'application/json',
        text: `${JSON.stringify({ format: 'cableroom.cable/1', exportedBy: actor.login, cable: view }, null, 2)}\n`,
      };
    },
    idByRef(ref) {
      const id = cableIdForReader(db, ref);
      if (id === undefined) throw new CableroomError('NOT_FOUND', `No cable "${ref}".`);
      return id;
    },
  };
  return service;
}

/**
 * The cable's references with the id of each cited cable the reader may open (issue 14 item 3);
 * null for the others, so the view tells nothing of a cable the reader may not see (rule 18).
 */
function withOpenableReferences(
  view: CableView,
  targets: ReadonlyArray<number | null>,
  openable: (cableId: number) => CableRecord | null,
): CableView {
  return {
    ...view,
    references: view.references.map((r, i) => {
      const id = targets[i] ?? null;
      const cited = id === null ? null : openable(id);
      if (cited === null) return { ...r, target: null };
      const { cable } = cited;
      return {
        ...r,
        target: {
          cableId: cable.id,
          ref: cable.ref,
          classification: cable.classification,
          banner: bannerLine(cable.classification, cable.dissem, cable.rel_to),
        },
      };
    }),
  };
}
