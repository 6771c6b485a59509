import { decideAccess, readsWholeArchive } from '../../domain/access';
import { captionWords, type Caption, type DissemControl } from '../../domain/captions';
import { bannerLine } from '../../domain/markings';
import {
  trafficEdges,
  trafficNodeWidth,
  TRAFFIC_NODE,
  type TrafficCable,
  type TrafficEdge,
  type TrafficLayout,
  type TrafficPost,
  type TrafficRoute,
  type TrafficVolume,
  type VolumeTraffic,
} from '../../domain/traffic';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { loadCableRecord, type CableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import dagre from '@dagrejs/dagre';
import { accessSubject, type Actor } from './actor';
import { readerObject } from './archive';

/**
 * The traffic view of a FRUS volume (issue 12 item 5; docs/FRUS.md "Traffic of a volume"): the
 * imported telegrams of a volume (`frus_sources`), each kept only if `decideAccess` admits the
 * actor — the archive rule for historians and instructors, every training rule for everyone
 * else — so nothing of a telegram the actor may not read leaves main. Reads the archive rule
 * admitted are audited (VIEW, `what: 'traffic'`), as are exports of the graph (EXPORT).
 */
export type TrafficService = Readonly<{
  /** The volumes holding telegrams the actor may read, with how many and their date range. */
  volumes(actor: Actor): TrafficVolume[];
  /** The volume's telegrams the actor may read, as posts, telegrams and weighted edges. */
  volume(actor: Actor, volume: string): VolumeTraffic;
  /** Checks and audits (EXPORT) an export of the volume's traffic graph before it is saved. */
  recordExport(actor: Actor, volume: string, format: 'svg' | 'png'): void;
}>;

type Source = { cableId: number; volume: string; doc: number };

function routesOf(record: CableRecord): TrafficRoute[] {
  const from = record.cable.originator_plad;
  const original = record.transmissions.find((t) => t.kind === 'ORIGINAL');
  if (!original) return [];
  const routes: TrafficRoute[] = [];
  for (const a of original.addressees) {
    if (a.role === 'ACTION' || a.role === 'INFO') routes.push({ from, to: a.plad, role: a.role });
  }
  for (const p of original.passes) routes.push({ from: p.byPlad, to: p.toPlad, role: 'PASS' });
  return routes;
}

/** Lays the posts out once for the whole volume (dagre, left to right), so filters only hide edges. */
export function layoutTraffic(posts: ReadonlyArray<TrafficPost>, edges: ReadonlyArray<TrafficEdge>): TrafficLayout {
  if (posts.length === 0) return { width: 0, height: 0, nodes: [] };
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 36, ranksep: 140, marginx: 24, marginy: 24 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const p of posts) g.setNode(p.plad, { width: trafficNodeWidth(p.plad), height: TRAFFIC_NODE.heightPx });
  for (const e of edges) g.setEdge(e.from, e.to, { weight: e.weight, minlen: 1 });
  dagre.layout(g);
  const graph = g.graph();
  return {
    width: Math.ceil(graph.width ?? 0),
    height: Math.ceil(graph.height ?? 0),
    nodes: posts.map((p) => {
      const n = g.node(p.plad);
      return { plad: p.plad, x: n.x, y: n.y, width: n.width, height: n.height };
    }),
  };
}

type BulkCable = {
  id: number;
  ref: string;
  dtg: string;
  sentAt: string;
  doc: number;
  fromPlad: string;
  fromName: string;
  classification: TrafficCable['classification'];
  captions: string;
  dissem: string;
  relTo: string;
  subject: string;
};

export type TrafficOptions = Readonly<{
  /**
   * Read a whole-archive reader's volume in three queries rather than cable by cable (the same
   * answer: the tests compare both); off only to check that.
   */
  bulkArchive?: boolean;
}>;

export function createTrafficService(db: Db, audit: AuditTrail, options: TrafficOptions = {}): TrafficService {
  const sources = (volume: string | null): Source[] =>
    prepared(
      db,
      `SELECT f.cable_id AS cableId, f.volume, f.doc FROM frus_sources f JOIN cables c ON c.id = f.cable_id
        WHERE c.exercise_id IS NULL AND (@volume IS NULL OR f.volume = @volume)
        ORDER BY f.volume, c.sent_at, f.cable_id`,
    ).all({ volume }) as Source[];

  /** The records of these sources the actor may read, with whether the archive rule admitted each. */
  const readable = (actor: Actor, list: ReadonlyArray<Source>) => {
    const subject = accessSubject(actor);
    const out: { source: Source; record: CableRecord; archive: boolean }[] = [];
    for (const source of list) {
      const record = loadCableRecord(db, source.cableId);
      if (!record) continue;
      const decision = decideAccess(subject, readerObject(db, record));
      if (decision.allowed) out.push({ source, record, archive: decision.archive !== undefined });
    }
    return out;
  };

  const volumeOf = (actor: Actor, volume: string) => {
    const list = sources(volume);
    if (list.length === 0) throw new CableroomError('NOT_FOUND', `No imported telegrams of ${volume}.`);
    return readable(actor, list);
  };

  /**
   * A volume for a reader the archive rule admits to every historical cable (readsWholeArchive):
   * no cable needs deciding, so its telegrams, their original addressees and passes are read in
   * three queries (about 1 ms per telegram cable by cable otherwise, on the main thread).
   */
  const bulkVolume = (volume: string): { cables: TrafficCable[]; posts: Map<string, TrafficPost> } => {
    const scope = `FROM frus_sources f JOIN cables c ON c.id = f.cable_id
                    WHERE f.volume = @volume AND c.exercise_id IS NULL`;
    const rows = prepared(
      db,
      `SELECT c.id, c.ref, c.dtg, c.sent_at AS sentAt, f.doc, s.plad AS fromPlad, s.name AS fromName,
              c.classification, c.captions, c.dissem, c.rel_to AS relTo, c.subject
         FROM frus_sources f JOIN cables c ON c.id = f.cable_id JOIN stations s ON s.id = c.originator_station_id
        WHERE f.volume = @volume AND c.exercise_id IS NULL ORDER BY c.sent_at, f.cable_id`,
    ).all({ volume }) as BulkCable[];
    const addressees = prepared(
      db,
      `SELECT t.cable_id AS cableId, coalesce(s.plad, co.name) AS plad, coalesce(s.name, co.description, co.name) AS name,
              a.collective_id IS NOT NULL AS isCollective, a.role
         FROM transmissions t JOIN addressees a ON a.transmission_id = t.id
         LEFT JOIN stations s ON s.id = a.station_id LEFT JOIN collectives co ON co.id = a.collective_id
        WHERE t.kind = 'ORIGINAL' AND t.cable_id IN (SELECT c.id ${scope})
        ORDER BY t.cable_id, t.id, a.ordinal`,
    ).all({ volume }) as { cableId: number; plad: string; name: string; isCollective: number; role: string }[];
    const passes = prepared(
      db,
      `SELECT t.cable_id AS cableId, b.plad AS byPlad, b.short_name AS byName, x.plad AS toPlad, x.short_name AS toName
         FROM transmissions t JOIN pass_instructions p ON p.transmission_id = t.id
         JOIN stations b ON b.id = p.by_station_id JOIN stations x ON x.id = p.to_station_id
        WHERE t.kind = 'ORIGINAL' AND t.cable_id IN (SELECT c.id ${scope})
        ORDER BY t.cable_id, t.id, p.id`,
    ).all({ volume }) as { cableId: number; byPlad: string; byName: string; toPlad: string; toName: string }[];
    const group = <T extends { cableId: number }>(list: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of list) m.set(x.cableId, [...(m.get(x.cableId) ?? []), x]);
      return m;
    };
    const toOf = group(addressees);
    const passOf = group(passes);
    const posts = new Map<string, TrafficPost>();
    const post = (plad: string, name: string, collective: boolean) => {
      if (!posts.has(plad)) posts.set(plad, { plad, name, collective });
    };
    const cables = rows.map((r): TrafficCable => {
      post(r.fromPlad, r.fromName, false);
      const routes: TrafficRoute[] = [];
      for (const a of toOf.get(r.id) ?? []) {
        if (a.role !== 'ACTION' && a.role !== 'INFO') continue;
        post(a.plad, a.name, a.isCollective === 1);
        routes.push({ from: r.fromPlad, to: a.plad, role: a.role });
      }
      for (const p of passOf.get(r.id) ?? []) {
        post(p.byPlad, p.byName, false);
        post(p.toPlad, p.toName, false);
        routes.push({ from: p.byPlad, to: p.toPlad, role: 'PASS' });
      }
      return {
        cableId: r.id,
        ref: r.ref,
        dtg: r.dtg,
        sentAt: r.sentAt,
        doc: r.doc,
        from: r.fromPlad,
        classification: r.classification,
        banner: bannerLine(r.classification, JSON.parse(r.dissem) as DissemControl[], JSON.parse(r.relTo) as string[]),
        captions: (JSON.parse(r.captions) as Caption[]).map(captionWords),
        subject: r.subject,
        routes,
      };
    });
    return { cables, posts };
  };

  /** The telegrams shown under the archive rule, if any: one VIEW entry naming them. */
  const auditArchiveRead = (actor: Actor, volume: string, archived: ReadonlyArray<number>): void => {
    if (archived.length === 0) return;
    audit.append({
      actor: { userId: actor.userId, login: actor.login },
      action: 'VIEW',
      detail: { what: 'traffic', volume, access: 'archive', cables: archived },
    });
  };

  return {
    volumes(actor) {
      if (readsWholeArchive(accessSubject(actor))) {
        // The archive rule admits this reader to every historical cable: count in SQL.
        return prepared(
          db,
          `SELECT f.volume, count(*) AS telegrams, min(c.sent_at) AS first, max(c.sent_at) AS last
             FROM frus_sources f JOIN cables c ON c.id = f.cable_id
            WHERE c.exercise_id IS NULL GROUP BY f.volume ORDER BY f.volume`,
        ).all() as TrafficVolume[];
      }
      const byVolume = new Map<string, { volume: string; telegrams: number; first: string; last: string }>();
      for (const { source, record } of readable(actor, sources(null))) {
        const at = record.cable.sent_at;
        const v = byVolume.get(source.volume);
        if (!v) byVolume.set(source.volume, { volume: source.volume, telegrams: 1, first: at, last: at });
        else {
          v.telegrams += 1;
          if (at < v.first) v.first = at;
          if (at > v.last) v.last = at;
        }
      }
      return [...byVolume.values()];
    },

    volume(actor, volume) {
      if (options.bulkArchive !== false && readsWholeArchive(accessSubject(actor))) {
        const { cables, posts } = bulkVolume(volume);
        if (cables.length === 0) throw new CableroomError('NOT_FOUND', `No imported telegrams of ${volume}.`);
        // Every telegram shown is shown under the archive rule (it admits this reader to all).
        auditArchiveRead(
          actor,
          volume,
          cables.map((c) => c.cableId),
        );
        const edges = trafficEdges(cables);
        const postList = [...posts.values()];
        return { volume, posts: postList, cables, edges, layout: layoutTraffic(postList, edges) };
      }
      const rows = volumeOf(actor, volume);
      const posts = new Map<string, TrafficPost>();
      const post = (plad: string, name: string, collective: boolean) => {
        if (!posts.has(plad)) posts.set(plad, { plad, name, collective });
      };
      const cables: TrafficCable[] = rows.map(({ source, record }) => {
        const { cable } = record;
        post(cable.originator_plad, cable.originator_name, false);
        const original = record.transmissions.find((t) => t.kind === 'ORIGINAL');
        for (const a of original?.addressees ?? []) if (a.role !== 'EXEMPT') post(a.plad, a.name, a.isCollective);
        for (const p of original?.passes ?? []) {
          post(p.byPlad, p.byName, false);
          post(p.toPlad, p.toName, false);
        }
        return {
          cableId: cable.id,
          ref: cable.ref,
          dtg: cable.dtg,
          sentAt: cable.sent_at,
          doc: source.doc,
          from: cable.originator_plad,
          classification: cable.classification,
          banner: bannerLine(cable.classification, cable.dissem, cable.rel_to),
          captions: cable.captions.map(captionWords),
          subject: cable.subject,
          routes: routesOf(record),
        };
      });
      auditArchiveRead(
        actor,
        volume,
        rows.filter((r) => r.archive).map((r) => r.record.cable.id),
      );
      const edges = trafficEdges(cables);
      const postList = [...posts.values()];
      return { volume, posts: postList, cables, edges, layout: layoutTraffic(postList, edges) };
    },

    recordExport(actor, volume, format) {
      let telegrams: number;
      let archive: boolean;
      if (readsWholeArchive(accessSubject(actor))) {
        telegrams = sources(volume).length;
        if (telegrams === 0) throw new CableroomError('NOT_FOUND', `No imported telegrams of ${volume}.`);
        archive = true;
      } else {
        const rows = volumeOf(actor, volume);
        telegrams = rows.length;
        archive = rows.some((r) => r.archive);
      }
      audit.append({
        actor: { userId: actor.userId, login: actor.login },
        action: 'EXPORT',
        detail: { what: 'traffic', volume, format, telegrams, ...(archive ? { access: 'archive' } : {}) },
      });
    },
  };
}
