import { decideAccess, readsWholeArchive } from '../../domain/access';
import { captionWords } from '../../domain/captions';
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

export function createTrafficService(db: Db, audit: AuditTrail): TrafficService {
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
      const archived = rows.filter((r) => r.archive).map((r) => r.record.cable.id);
      if (archived.length > 0) {
        // The archive rule admitted these: the read is audited, naming them.
        audit.append({
          actor: { userId: actor.userId, login: actor.login },
          action: 'VIEW',
          detail: { what: 'traffic', volume, access: 'archive', cables: archived },
        });
      }
      const edges = trafficEdges(cables);
      const postList = [...posts.values()];
      return { volume, posts: postList, cables, edges, layout: layoutTraffic(postList, edges) };
    },

    recordExport(actor, volume, format) {
      const rows = volumeOf(actor, volume);
      audit.append({
        actor: { userId: actor.userId, login: actor.login },
        action: 'EXPORT',
        detail: {
          what: 'traffic',
          volume,
          format,
          telegrams: rows.length,
          ...(rows.some((r) => r.archive) ? { access: 'archive' } : {}),
        },
      });
    },
  };
}
