import { decideAccess } from '../../domain/access';
import type { CableExport, CableView, SearchHit } from '../../domain/cable';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { cableIdByRef, loadCableRecord, searchCableIds } from '../store/cableReader';
import type { Db } from '../store/database';
import { keyCache, memoVerifier } from '../crypto/verify';
import { databaseKeys, verifyOneCable } from '../signing/bulkVerify';
import { accessSubject, type Actor } from './actor';
import { accessObjectOf, cableView } from './cableView';
import { refusals } from './refusal';

export type CablesService = Readonly<{
  /**
   * One cable, if the actor may see it; ACCESS_DENIED otherwise, and nothing of it is returned.
   * Both outcomes are audited (VIEW, DENY).
   */
  show(actor: Actor, cableId: number, channel: string): CableView;
  /** Resolves "TOPOL 578" to an id (NOT_FOUND for an unknown reference). */
  idByRef(ref: string): number;

  /** Full-text search over subject and text; only cables the actor may see are returned. */
  search(actor: Actor, query: string, limit: number): SearchHit[];
  /** Records that the actor printed (or saved as PDF) a cable they may see (PRINT). */
  recordPrint(actor: Actor, cableId: number, channel: string, format: 'paper' | 'pdf'): void;
  /** The cable as a JSON document for the actor, audited as EXPORT. */
  exportCable(actor: Actor, cableId: number, channel: string): CableExport;
}>;

/** Upper bound of full-text hits examined per search before access filtering. */
const SEARCH_CANDIDATES = 500;

/** Turns what a person typed into an FTS5 query of quoted terms (no FTS syntax gets through). */
export function ftsQuery(text: string): string | null {
  const terms = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 12);
  return terms.length === 0 ? null : terms.map((t) => `"${t}"`).join(' ');
}

export type CablesOptions = Readonly<{
  /** Verify a signed cable's chain each time it is opened (rules 23–24); off only to measure its cost. */
  verifyOnOpen?: boolean;
}>;

export function createCablesService(db: Db, audit: AuditTrail, options: CablesOptions = {}): CablesService {
  const refuse = refusals(db, audit);
  const keys = keyCache();
  const verifier = memoVerifier();
  const service: CablesService = {
    show(actor, cableId, channel) {
      const record = loadCableRecord(db, cableId);
      if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${cableId}.`);
      const decision = decideAccess(accessSubject(actor), accessObjectOf(record));
      const who = { userId: actor.userId, login: actor.login };
      if (!decision.allowed) {
        refuse(actor, {
          message: `Access denied. ${decision.explanation}`,
          cableId,
          detail: { channel, reason: decision.reason },
        });
      }
      audit.append({ actor: who, action: 'VIEW', cableId, detail: { channel } });
      // Verification on open (rules 23–24): the chain is checked against the cable as stored now.
      const chain =
        options.verifyOnOpen === false ? null : verifyOneCable(db, cableId, databaseKeys(db, keys), verifier);
      if (chain?.status === 'TAMPERED') {
        audit.append({
          actor: who,
          action: 'TAMPERED',
          cableId,
          detail: {
            channel,
            problems: chain.problems,
            failed: chain.signatures
              .filter((s) => !s.verified)
              .map((s) => ({ role: s.role, signer: s.signer, problem: s.problem })),
          },
        });
      }
      return cableView(record, chain);
    },
    search(actor, query, limit) {
      const match = ftsQuery(query);
      if (match === null) return [];
      const subject = accessSubject(actor);
      const hits: SearchHit[] = [];
      for (const id of searchCableIds(db, match, SEARCH_CANDIDATES)) {
        const record = loadCableRecord(db, id);
        if (!record || !decideAccess(subject, accessObjectOf(record)).allowed) continue;
        const view = cableView(record);
        hits.push({
          cableId: view.id,
          ref: view.ref,
          dtg: view.dtg,
          classification: view.classification,
          banner: view.banner,
          captions: view.captions,
          subject: view.subject,
        });
        if (hits.length === limit) break;
      }
      return hits;
    },
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
      const id = cableIdByRef(db, ref);
      if (id === undefined) throw new CableroomError('NOT_FOUND', `No cable "${ref}".`);
      return id;
    },
  };
  return service;
}
