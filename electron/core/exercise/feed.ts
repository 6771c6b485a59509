import type { ExerciseFeed, ExerciseFeedEntry, ExerciseProgress } from '../../contract/ipc';
import {
  extendsRecord,
  replayClock,
  type ActionEntry,
  type Assignment,
  type ClockReplay,
  type ExerciseRecord,
  type FiredInject,
} from '../../domain/exercise/record';
import { scenarioDtg } from '../../domain/exercise/time';

/**
 * The instructor's feed (issue 10 item 5; EXERCISES.md §5): what the trainees did, newest first,
 * and how far each post got with each inject — the dashboard's grid cells.
 *
 * The dashboard asks again after every trainee's act, over a trail of 100,000 entries and more
 * (bench/exerciseScore.ts), so the feed is kept per lineage of live records, as the score is
 * (domain/exercise/score.ts): the acts read before are not read again, and only the entries
 * returned are put into words. A release is the exception: which inject it answers depends on
 * the injects fired so far, so releases — a handful — are placed afresh on every call.
 */

/** Feed entries at most per call (the contract's bound as well). */
export const FEED_LIMIT = 500;

type Progress = { opened: number | null; acknowledged: number | null; passed: number | null; replied: number | null };
type Stage = keyof Progress;

/** A trainee's act, placed: words and DTG are made only for the entries returned. */
type Placed = Readonly<{ a: ActionEntry; who: Assignment; ms: number; inject: string | null }>;

type FeedLineage = {
  record: ExerciseRecord;
  clock: ClockReplay;
  trainee: ReadonlyMap<number, Assignment>;
  /** Acts other than releases, in seq order, and what they did for the grid. */
  acts: Placed[];
  progress: Map<string, Progress>;
  /** Indexes into record.actions of the RELEASE entries. */
  releases: number[];
};

const lineages = new WeakMap<ExerciseRecord['scenario'], FeedLineage>();

const normal = (ref: string): string => ref.trim().toUpperCase().replace(/\s+/g, ' ');
const cellKey = (post: string, inject: string): string => `${post}\u0000${inject}`;

function note(progress: Map<string, Progress>, post: string, inject: string, stage: Stage, ms: number): void {
  const key = cellKey(post, inject);
  let p = progress.get(key);
  if (!p) {
    p = { opened: null, acknowledged: null, passed: null, replied: null };
    progress.set(key, p);
  }
  const was = p[stage];
  if (was === null || ms < was) p[stage] = ms;
}

const STAGE_OF: Readonly<Record<string, Stage>> = { VIEW: 'opened', ACK: 'acknowledged', PASS: 'passed' };

function lineageOf(record: ExerciseRecord): FeedLineage {
  let lineage = lineages.get(record.scenario);
  if (!lineage || (lineage.record !== record && !extendsRecord(lineage.record, record))) {
    lineage = {
      record,
      clock: replayClock(record.clock),
      trainee: new Map(record.assignments.map((a) => [a.userId, a])),
      acts: [],
      progress: new Map(),
      releases: [],
    };
    lineages.set(record.scenario, lineage);
    fold(lineage, record, 0);
  } else if (lineage.record !== record) {
    const from = lineage.record.actions.length;
    // A new clock transition changes nothing before it: only the acts read from now on need it.
    if (record.clock.length !== lineage.record.clock.length) lineage.clock = replayClock(record.clock);
    lineage.record = record;
    fold(lineage, record, from);
  }
  return lineage;
}

/** Reads the acts from index `from` on: the acts the grid and the feed show. */
function fold(lineage: FeedLineage, record: ExerciseRecord, from: number): void {
  const injectOf = new Map(record.injects.map((i) => [i.cableId, i.inject]));
  for (let k = from; k < record.actions.length; k++) {
    const a = record.actions[k]!;
    if (a.action === 'RELEASE') {
      lineage.releases.push(k);
      continue;
    }
    const who = a.userId !== null ? lineage.trainee.get(a.userId) : undefined;
    if (!who) continue;
    const ms = lineage.clock.scenarioAt(a.seq, a.realMs);
    // An act on a cable that is not (yet) an inject's stays without one: a cable is an inject's
    // from its delivery on, and nobody acts on a cable before it reaches them.
    const inject = a.cableId !== null ? (injectOf.get(a.cableId) ?? null) : null;
    const stage = STAGE_OF[a.action];
    if (inject !== null && stage) note(lineage.progress, who.post, inject, stage, ms);
    lineage.acts.push({ a, who, ms, inject });
  }
}

/** The inject a release answers: the one it replies to, or the one its REF line cites. */
function answered(
  record: ExerciseRecord,
  releaseSeq: number,
  refOf: (id: number) => string | null,
): FiredInject | null {
  const release = record.releases.get(releaseSeq);
  if (!release) return null;
  return (
    record.injects.find((i) => {
      const ref = refOf(i.cableId);
      return (
        release.replyTo === i.cableId ||
        (ref !== null &&
          release.draft.references.some(
            (r) => (r.cable !== undefined && normal(r.cable) === normal(ref)) || normal(r.text) === normal(ref),
          ))
      );
    }) ?? null
  );
}

/** An audit action in the feed's words. */
function describe(a: ActionEntry, ref: string | null): string {
  const d = a.detail;
  const list = (v: unknown): string => (Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '');
  const of = ref ?? 'a cable';
  switch (a.action) {
    case 'VIEW':
      return `opened ${of}`;
    case 'ACK':
      return `acknowledged ${of}`;
    case 'READ':
      return `filed ${of} as read`;
    case 'PASS':
      return `passed ${of} to ${list(d['to']) || '(nobody)'}`;
    case 'REPEAT':
      return `repeated ${of} to ${list(d['to']) || '(nobody)'}`;
    case 'RELEASE':
      return `reply ${String(d['ref'] ?? of)} released${a.login ? ` (approved by ${a.login})` : ''}`;
    case 'DENY':
      return `refused: ${String(d['what'] ?? 'access')} ${ref ?? ''} (${String(d['reason'] ?? 'denied')})`.replace(
        /\s+/g,
        ' ',
      );
    default:
      return a.action.toLowerCase();
  }
}

/** The feed of a record: the newest `limit` entries (1…FEED_LIMIT) and the grid's cells. */
export function feedOf(record: ExerciseRecord, limit: number): ExerciseFeed {
  const lineage = lineageOf(record);
  const start = new Date(record.start);
  const refOf = (cableId: number | null): string | null =>
    cableId === null ? null : (record.cables.get(cableId)?.ref ?? null);

  // Releases, placed afresh: a release counts for the trainee who drafted it (the approver need
  // not be a trainee), at the inject it answers.
  // A copy only when releases add to the kept cells (most refreshes have none).
  const progress = lineage.releases.length === 0 ? lineage.progress : new Map(lineage.progress);
  const releases: Placed[] = [];
  for (const k of lineage.releases) {
    const a = record.actions[k]!;
    const drafter = record.releases.get(a.seq)?.drafterUserId ?? null;
    const who = drafter !== null ? lineage.trainee.get(drafter) : undefined;
    if (!who) continue;
    const ms = lineage.clock.scenarioAt(a.seq, a.realMs);
    const source = answered(record, a.seq, refOf);
    if (source) {
      const key = cellKey(who.post, source.inject);
      progress.set(key, {
        ...(progress.get(key) ?? { opened: null, acknowledged: null, passed: null, replied: null }),
      });
      note(progress, who.post, source.inject, 'replied', ms);
    }
    releases.push({ a, who, ms, inject: source?.inject ?? null });
  }

  const n = Math.max(1, Math.min(limit, FEED_LIMIT));
  const injectEntry = (i: FiredInject): ExerciseFeedEntry => ({
    seq: i.seq,
    scenarioMs: i.scenarioMs,
    dtg: scenarioDtg(start, i.scenarioMs),
    kind: 'inject',
    login: null,
    role: null,
    post: null,
    action: 'INJECT',
    inject: i.inject,
    ref: refOf(i.cableId),
    what: `${refOf(i.cableId) ?? 'a cable'} delivered to ${i.stations.join(', ') || '(no station)'}`,
  });
  const actEntry = ({ a, who, ms, inject }: Placed): ExerciseFeedEntry => ({
    seq: a.seq,
    scenarioMs: ms,
    dtg: scenarioDtg(start, ms),
    kind: 'act',
    login: who.login,
    role: who.role,
    post: who.post,
    action: a.action,
    inject,
    ref: refOf(a.cableId),
    what: describe(a, refOf(a.cableId)),
  });
  // The newest n of all: a merge from the ends of three lists, each in seq order.
  type Source = Readonly<{ length: number; seqAt(i: number): number; entryAt(i: number): ExerciseFeedEntry }>;
  const placed = (list: ReadonlyArray<Placed>): Source => ({
    length: list.length,
    seqAt: (i) => list[i]!.a.seq,
    entryAt: (i) => actEntry(list[i]!),
  });
  const sources: ReadonlyArray<Source> = [
    {
      length: record.injects.length,
      seqAt: (i) => record.injects[i]!.seq,
      entryAt: (i) => injectEntry(record.injects[i]!),
    },
    placed(lineage.acts),
    placed(releases),
  ];
  const next = sources.map((src) => src.length - 1);
  const newest: ExerciseFeedEntry[] = [];
  while (newest.length < n) {
    let best = -1;
    sources.forEach((src, k) => {
      if (next[k]! >= 0 && (best < 0 || src.seqAt(next[k]!) > sources[best]!.seqAt(next[best]!))) best = k;
    });
    if (best < 0) break;
    newest.push(sources[best]!.entryAt(next[best]!));
    next[best]!--;
  }

  const cells: ExerciseProgress[] = [...progress].map(([key, p]) => {
    const [post, inject] = key.split('\u0000') as [string, string];
    return { post, inject, ...p };
  });
  return {
    exercise: record.exerciseId,
    headSeq: record.headSeq,
    total: record.injects.length + lineage.acts.length + releases.length,
    entries: newest,
    progress: cells,
  };
}
