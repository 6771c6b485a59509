import { decideAccess } from '../../domain/access';
import type { SearchHit, SearchMatch } from '../../domain/cable';
import { cableKeys, keyedPrefix, searchKey } from '../../domain/cableRef';
import { markSpan, markWords, searchWords, snippet, type TextPart } from '../../domain/highlight';
import type { AuditTrail } from '../audit/auditTrail';
import { loadCableRecord, searchCableIds, type CableRecord } from '../store/cableReader';
import { bestMatchCableIds, cablesByKey, type BestMatchOptions } from '../store/cableSearch';
import type { Db } from '../store/database';
import { accessSubject, type Actor } from './actor';
import { readerObject } from './archive';
import { cableView } from './cableView';

/**
 * How search results come (issue 15 item 4): `newest` — exact reference, MRN and DTG matches,
 * then the cables holding every word, newest first (the default); `relevance` — the same exact
 * matches, then "best match": the newest BEST_MATCH_CANDIDATES cables holding every word ranked
 * by BM25 (store/cableSearch.ts bestMatchCableIds says exactly what that is and what it leaves out).
 */
export type SearchOrder = 'newest' | 'relevance';

export type SearchService = Readonly<{
  /**
   * Finds cables by reference, MRN or DTG as typed (exact matches first), then by the words of
   * subject and text in `order`; only cables the actor may see are returned (rules 14, 15, 18, 20).
   */
  search(actor: Actor, query: string, limit: number, order?: SearchOrder): SearchHit[];
}>;

/** Upper bound of newest-first full-text hits examined per search before access filtering. */
const SEARCH_CANDIDATES = 500;

/** The search keys of one DTG (with a 2- and a 4-digit year). */
function dtgKeys(dtg: string): string[] {
  return cableKeys({ ref: '', series: null, mrn: null, dtgs: [dtg], serials: [] }).map((k) => k.key);
}

/**
 * One hit as the results show it: the fields with what matched marked (the reference, MRN or DTG
 * that was typed, and the words), and a snippet of the text around the first matching word.
 */
function searchHit(record: CableRecord, matchedBy: SearchMatch, key: string | null, words: string[]): SearchHit {
  const view = cableView(record);
  const keyedRef = (): TextPart[] | null => {
    if (matchedBy !== 'ref' || key === null) return null;
    const prefix = keyedPrefix(view.ref, key);
    return prefix === null ? null : markSpan(view.ref, 0, prefix.length);
  };
  return {
    cableId: view.id,
    ref: view.ref,
    dtg: view.dtg,
    sentAt: view.sentAt,
    from: view.from.plad,
    mrn: view.mrn,
    classification: view.classification,
    banner: view.banner,
    captions: view.captions,
    subject: view.subject,
    matchedBy,
    marks: {
      ref: keyedRef() ?? markWords(view.ref, words),
      subject: markWords(view.subject, words),
      // The DTG typed may be the original's (marked) or a repeat's; an MRN matched is the cable's own.
      dtg: markSpan(view.dtg, 0, matchedBy === 'dtg' && dtgKeys(view.dtg).includes(key ?? '') ? view.dtg.length : 0),
      mrn: view.mrn === null ? null : markSpan(view.mrn, 0, matchedBy === 'mrn' ? view.mrn.length : 0),
      snippet: snippet(
        view.paragraphs.map((p) => p.text),
        words,
      ),
    },
  };
}

/**
 * The one search of the app and the CLI (`cables.search` delegates here). Hits the archive rule
 * admitted (a historian or instructor reading an imported FRUS telegram: issue 12 item 3) show
 * subject and text, so they are audited: one SEARCH entry naming them.
 */
export function createSearchService(db: Db, audit: AuditTrail, bestMatch: BestMatchOptions = {}): SearchService {
  return {
    search(actor, query, limit, order = 'newest') {
      const subject = accessSubject(actor);
      const key = searchKey(query);
      const words = searchWords(query);
      const hits: SearchHit[] = [];
      const seen = new Set<number>();
      const archived: number[] = [];
      const consider = (id: number, matchedBy: SearchMatch): boolean => {
        if (seen.has(id)) return false;
        seen.add(id);
        const record = loadCableRecord(db, id);
        // Every hit passes the access decision (rules 14, 15, 18, 20); a refused one leaves no trace.
        const decision = record ? decideAccess(subject, readerObject(db, record)) : null;
        if (!record || !decision?.allowed) return false;
        if (decision.archive) archived.push(id);
        hits.push(searchHit(record, matchedBy, key, words));
        return hits.length === limit;
      };
      const found = (): SearchHit[] => {
        if (archived.length > 0) {
          audit.append({
            actor: { userId: actor.userId, login: actor.login },
            action: 'SEARCH',
            detail: { access: 'archive', cables: archived },
          });
        }
        return hits;
      };
      // Exact reference, MRN and DTG matches first, then the words of the text.
      if (key !== null) {
        for (const k of cablesByKey(db, key, SEARCH_CANDIDATES)) if (consider(k.cableId, k.kind)) return found();
      }
      if (words.length === 0) return found();
      const ids =
        order === 'relevance'
          ? bestMatchCableIds(db, words, bestMatch)
          : searchCableIds(db, words.map((w) => `"${w}"`).join(' '), SEARCH_CANDIDATES);
      for (const id of ids) if (consider(id, 'words')) return found();
      return found();
    },
  };
}
