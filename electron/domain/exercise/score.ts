import { classificationRank, classificationWords } from '../classification';
import { captionWords } from '../captions';
import type { Draft } from '../draft';
import { checkDraft } from '../rules';
import {
  extendsRecord,
  replayClock,
  type ActionEntry,
  type Assignment,
  type ClockReplay,
  type Expectation,
  type ExerciseRecord,
  type ExpectationKind,
  type FiredInject,
  type ReleaseFacts,
  type TimedExpectation,
} from './record';
import { neverPenalty, weightedTotal, windowScore } from './scoring';
import {
  accessTeaching,
  ACCESS_DENY_REASONS,
  ACK_BEFORE_FILING,
  CLEARANCE_CHAIN,
  NOFORN_NOT_FOREIGN,
  PASS_TO_THE_RIGHT_POST,
  REPEAT_NEEDS_APPROVAL,
  REPLY_LABEL,
  REPLY_REFERENCE,
  SIGNATURES_VERIFY,
  type Teaching,
} from './teaching';
import { MINUTE_MS } from './time';

/**
 * Scoring an exercise from its record (EXERCISES.md §4; issue 10 item 4): one pure function of
 * the audit trail's facts, so that the live score and `exercise score --recompute` are the same
 * function over the same entries.
 *
 * - The scenario time of every entry is its real time replayed through the journal's clock
 *   (record.ts `replayClock`); a window opens when the inject is delivered (EXERCISE_INJECT).
 * - An expectation met inside its window earns its points, late linearly less (scoring.ts); one
 *   line per person in `who` (a role, or every role at a post). `any`: the first of them meets it
 *   for all; `all`: each is scored on their own act.
 * - Mistakes are lines of their own, verdict BROKEN, with the audit entries, the rule number and
 *   its teaching text: a `never` breach costs the expectation's points each time; a pass to the
 *   wrong post or a repeat refused for want of approval costs MISTAKE_SHARE of the expectation's
 *   points; each finding against a reply (model, rule checker, signature chain) costs
 *   FINDING_SHARE of them, never more than the reply earned.
 * - Totals per trainee, post, objective and exercise: points and possible points are sums of the
 *   lines; the score weighs the objectives (scoring.ts `weightedTotal`), and a penalty in an
 *   objective with nothing possible for that person or post still comes off their score.
 * - While the exercise runs, an expectation whose window is still open is PENDING.
 */
export type ScoreVerdict = 'MET' | 'LATE' | 'MISSED' | 'BROKEN' | 'PENDING';

/** A wrong pass, or a repeat refused for want of approval: half the expectation's points. */
export const MISTAKE_SHARE = 0.5;
/** Each finding against a released reply: a quarter of its points (never more than it earned). */
export const FINDING_SHARE = 0.25;
/** An objective counts as achieved from this share of its possible points. */
export const ACHIEVED_SHARE = 0.8;
/** Expectations without an objective are weighed as one objective of weight 1. */
export const NO_OBJECTIVE = '';

export type ScoreLine = Readonly<{
  trainee: string;
  userId: number;
  role: string;
  post: string;
  expectation: string;
  kind: ExpectationKind;
  inject: string | null;
  objective: string | null;
  verdict: ScoreVerdict;
  points: number;
  possible: number;
  /** The audit entries that earned or cost the points. */
  auditSeqs: ReadonlyArray<number>;
  /** Scenario ms: delivery of the inject, the act that met or broke it, the end of the window. */
  deliveredMs: number | null;
  atMs: number | null;
  dueMs: number | null;
  /** For a mistake: the DOMAIN.md §8(b) rule and its teaching text. */
  rule: number | null;
  teaching: string | null;
  /** What happened, in a few words. */
  note: string;
}>;

export type ScoreTotal = Readonly<{
  points: number;
  possible: number;
  /**
   * Weighted over objectives, at most 100 (scoring.ts weightedTotal); below 0 with penalties, each
   * of which lowers it, in whatever objective it falls.
   */
  score: number;
}>;

export type ObjectiveScore = Readonly<{
  id: string;
  text: string;
  weight: number;
  points: number;
  possible: number;
  achieved: boolean;
}>;

export type VerdictCounts = Readonly<Record<ScoreVerdict, number>>;

export type TraineeScore = ScoreTotal &
  Readonly<{
    login: string;
    userId: number;
    role: string;
    post: string;
    counts: VerdictCounts;
    objectives: ReadonlyArray<ObjectiveScore>;
  }>;

export type PostScore = ScoreTotal & Readonly<{ post: string; trainees: ReadonlyArray<string> }>;

export type ExerciseStatus = 'RUNNING' | 'PAUSED' | 'ENDED';

export type ExerciseScore = ScoreTotal &
  Readonly<{
    exerciseId: number;
    scenarioId: string;
    title: string;
    status: ExerciseStatus;
    /** The scenario time the score is taken at (the end, once ended). */
    nowMs: number;
    /** The last audit entry read. */
    headSeq: number;
    lines: ReadonlyArray<ScoreLine>;
    trainees: ReadonlyArray<TraineeScore>;
    posts: ReadonlyArray<PostScore>;
    objectives: ReadonlyArray<ObjectiveScore>;
  }>;

export type ScoreOptions = Readonly<{
  /** Real time "now" for an exercise still running (PENDING windows); ignored once it has ended. */
  realNowMs?: number;
}>;

/** Scores every expectation of the exercise for every trainee it names. */
export function scoreRecord(record: ExerciseRecord, options: ScoreOptions = {}): ExerciseScore {
  const s = scorer(record, options);
  const lines = record.scenario.expectations.flatMap((e) => s.lines(e));
  // One pass: the exercise's, each trainee's and each post's sums (the dashboard asks every tick).
  const defined = record.scenario.objectives;
  const slot = new Map(defined.map((o, i) => [o.id, i]));
  const all = tally(defined.length);
  const byUser = new Map<number, Tally>();
  const byPost = new Map<string, Tally>();
  for (const l of lines) {
    const i = (l.objective === null ? undefined : slot.get(l.objective)) ?? defined.length;
    count(all, l, i);
    count(byUser.get(l.userId) ?? setNew(byUser, l.userId, tally(defined.length)), l, i);
    count(byPost.get(l.post) ?? setNew(byPost, l.post, tally(defined.length)), l, i);
  }
  const trainees = record.assignments.map((a): TraineeScore => {
    const t = byUser.get(a.userId) ?? tally(defined.length);
    const objectives = objectiveScores(record, t);
    return {
      login: a.login,
      userId: a.userId,
      role: a.role,
      post: a.post,
      counts: t.counts,
      objectives,
      ...totalOf(t, objectives),
    };
  });
  const postNames = [...new Set(record.assignments.map((a) => a.post))];
  const posts = postNames.map((post): PostScore => {
    const t = byPost.get(post) ?? tally(defined.length);
    return {
      post,
      trainees: record.assignments.filter((a) => a.post === post).map((a) => a.login),
      ...totalOf(t, objectiveScores(record, t)),
    };
  });
  const objectives = objectiveScores(record, all);
  return {
    exerciseId: record.exerciseId,
    scenarioId: record.scenario.id,
    title: record.scenario.title,
    status: s.status,
    nowMs: s.nowMs,
    headSeq: record.headSeq,
    lines,
    trainees,
    posts,
    objectives,
    ...totalOf(all, objectives),
  };
}

/**
 * Whether an expectation is met (on time or late) by the people it names — what the engine asks
 * before an `unless` contingency fires and for `after: { expectation }`. A `never` expectation is
 * met once the exercise has ended without a breach.
 */
export function isExpectationMet(record: ExerciseRecord, expectationId: string, options: ScoreOptions = {}): boolean {
  return expectationMetAt(record, expectationId, options) !== null;
}

/**
 * The scenario ms at which an expectation was met (`all`: when the last person met it), or null.
 * Unknown ids are an error, never "not met".
 */
export function expectationMetAt(
  record: ExerciseRecord,
  expectationId: string,
  options: ScoreOptions = {},
): number | null {
  const e = record.scenario.expectations.find((x) => x.id === expectationId);
  if (!e) throw new RangeError(`The scenario has no expectation "${expectationId}".`);
  const s = scorer(record, options);
  if (e.kind === 'never') {
    const anyBreach = s.people(e.who).some((p) => s.breaches(e, p).length > 0);
    return s.status === 'ENDED' && !anyBreach ? s.nowMs : null;
  }
  const fired = s.fired(e.inject);
  if (!fired) return null;
  const people = s.people(e.who);
  const acts = people.map((p) => s.firstAct(e, p, fired));
  const done = acts.filter((a): a is Act => a !== null);
  if (e.mode === 'any') return done.length === 0 ? null : Math.min(...done.map((a) => a.atMs));
  return people.length > 0 && done.length === people.length ? Math.max(...done.map((a) => a.atMs)) : null;
}

// ---------------------------------------------------------------------------------------------

/** What a line says beyond whose and which expectation it is. */
type LineResult = Omit<
  ScoreLine,
  'trainee' | 'userId' | 'role' | 'post' | 'expectation' | 'kind' | 'inject' | 'objective'
>;

/** An act that meets an expectation, with the findings against it (replies). */
type Act = Readonly<{
  seq: number;
  atMs: number;
  seqs: ReadonlyArray<number>;
  note: string;
  findings: ReadonlyArray<Finding>;
}>;

/** A mistake: what it costs is decided by the kind of expectation. */
type Finding = Readonly<{
  seqs: ReadonlyArray<number>;
  atMs: number | null;
  rule: number;
  teaching: string;
  note: string;
  /** Warnings of the rule checker teach without costing. */
  costs: boolean;
}>;

type Scorer = Readonly<{
  status: ExerciseStatus;
  nowMs: number;
  people(who: string): Assignment[];
  fired(injectId: string): FiredInject | undefined;
  firstAct(e: TimedExpectation, person: Assignment, fired: FiredInject): Act | null;
  breaches(e: Extract<Expectation, { kind: 'never' }>, person: Assignment): Finding[];
  lines(e: Expectation): ReadonlyArray<ScoreLine>;
}>;

const normal = (plad: string): string => plad.trim().toUpperCase().replace(/\s+/g, ' ');
/** The draft cites `ref` on its REF line: as the archived cable, or by its reference in the text. */
const cites = (d: Draft, ref: string): boolean =>
  d.references.some((x) => (x.cable !== undefined && normal(x.cable) === ref) || normal(x.text) === ref);
const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;
const stringsOf = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').map(normal) : [];

/**
 * What scoring looks up, kept per lineage of records (below). The lists only grow: a live record
 * adds entries at the end, so a list's length is its version.
 */
type Indexes = {
  clock: ClockReplay;
  atMs(a: ActionEntry): number;
  firedById: Map<string, FiredInject>;
  byCable: Map<number, ActionEntry[]>;
  byUser: Map<number, ActionEntry[]>;
  firstAck: Map<number, number>;
  bySeq: Map<number, ActionEntry>;
  releasesBy: Map<number, ReleaseFacts[]>;
  people(who: string): Assignment[];
};

/**
 * A lineage: the records one live fold makes, each the last one with entries appended (the live
 * score, the engine's `unless`, asked every tick). Its look-ups are extended by the new entries
 * only, and an expectation's lines are kept with the key of what they were computed from
 * (`lineKey`), so a refresh after one more entry recomputes only the expectations that entry can
 * change. Anything else — a record that is not an extension, another fold of the same exercise
 * (`--recompute`) — starts a lineage of its own, built from scratch.
 */
type Lineage = {
  record: ExerciseRecord;
  indexes: Indexes;
  releaseSeqs: Set<number>;
  lines: Map<string, Readonly<{ key: string; lines: ReadonlyArray<ScoreLine> }>>;
};

/** By scenario object: one per fold (each fold parses its own). */
const lineages = new WeakMap<ExerciseRecord['scenario'], Lineage>();

function indexesOf(record: ExerciseRecord): Lineage {
  const known = lineages.get(record.scenario);
  if (known && known.record === record) return known;
  if (known && extendsRecord(known.record, record)) {
    extend(known, record);
    return known;
  }
  const lineage = build(record);
  lineages.set(record.scenario, lineage);
  return lineage;
}

function build(record: ExerciseRecord): Lineage {
  const timeOf = new Map<number, number>();
  const indexes: Indexes = {
    clock: replayClock(record.clock),
    atMs: (a) => {
      let t = timeOf.get(a.seq);
      if (t === undefined) {
        t = indexes.clock.scenarioAt(a.seq, a.realMs);
        timeOf.set(a.seq, t);
      }
      return t;
    },
    firedById: new Map(),
    byCable: new Map(),
    byUser: new Map(),
    firstAck: new Map(),
    bySeq: new Map(),
    releasesBy: new Map(),
    people: peopleOf(record),
  };
  const lineage: Lineage = { record, indexes, releaseSeqs: new Set(), lines: new Map() };
  add(lineage, record, 0);
  return lineage;
}

/** Brings a lineage's look-ups up to `record`, an extension of the last one. */
function extend(lineage: Lineage, record: ExerciseRecord): void {
  const prev = lineage.record;
  if (record.clock.length !== prev.clock.length) lineage.indexes.clock = replayClock(record.clock);
  add(lineage, record, prev.actions.length);
  lineage.record = record;
}

function add(lineage: Lineage, record: ExerciseRecord, from: number): void {
  const { indexes } = lineage;
  for (let k = from; k < record.actions.length; k++) {
    const a = record.actions[k]!;
    indexes.bySeq.set(a.seq, a);
    if (a.cableId !== null) push(indexes.byCable, a.cableId, a);
    if (a.userId !== null) push(indexes.byUser, a.userId, a);
    const deliveryId = a.detail['deliveryId'];
    if (a.action === 'ACK' && typeof deliveryId === 'number' && !indexes.firstAck.has(deliveryId)) {
      indexes.firstAck.set(deliveryId, a.seq);
    }
  }
  if (indexes.firedById.size !== record.injects.length) {
    for (const i of record.injects) indexes.firedById.set(i.inject, i);
  }
  if (lineage.releaseSeqs.size !== record.releases.size) {
    const added = [...record.releases.values()].filter((r) => !lineage.releaseSeqs.has(r.seq));
    for (const r of added.sort((x, y) => x.seq - y.seq)) {
      lineage.releaseSeqs.add(r.seq);
      if (r.drafterUserId === null) continue;
      const list = indexes.releasesBy.get(r.drafterUserId) ?? [];
      list.push(r);
      list.sort((x, y) => x.seq - y.seq);
      indexes.releasesBy.set(r.drafterUserId, list);
    }
  }
}

/** Who an expectation's `who` names: a role, or every role at a post. */
function peopleOf(record: ExerciseRecord): (who: string) => Assignment[] {
  const rolePost = new Map(record.scenario.roles.map((r) => [r.id, normal(r.post)]));
  const found = new Map<string, Assignment[]>();
  return (who) => {
    let people = found.get(who);
    if (!people) {
      const isRole = rolePost.has(who);
      people = record.assignments.filter((a) => (isRole ? a.role === who : normal(a.post) === normal(who)));
      found.set(who, people);
    }
    return people;
  };
}

function scorer(record: ExerciseRecord, options: ScoreOptions): Scorer {
  const lineage = indexesOf(record);
  const { clock, atMs, firedById, byCable, byUser, firstAck, bySeq, releasesBy, people } = lineage.indexes;
  const final = clock.final;
  const ended = final.status === 'ENDED';
  const realNow = options.realNowMs ?? final.anchorRealMs ?? 0;
  const nowMs = ended ? final.anchorScenarioMs : scenarioNow(clock, realNow);
  // The clock stops at its end even before the END entry is written.
  const status: ExerciseStatus =
    ended || nowMs >= final.endMs ? 'ENDED' : final.status === 'PAUSED' ? 'PAUSED' : 'RUNNING';

  const cableOf = (fired: FiredInject) => record.cables.get(fired.cableId);
  const own = (person: Assignment, cableId: number, action: string): ActionEntry[] =>
    (byCable.get(cableId) ?? []).filter((a) => a.userId === person.userId && a.action === action);
  const simple = (a: ActionEntry, note: string): Act => ({
    seq: a.seq,
    atMs: atMs(a),
    seqs: [a.seq],
    note,
    findings: [],
  });

  /** The post a pass must go to: the expectation's, else the cable's instruction for the person's post. */
  const passTargets = (e: Extract<Expectation, { kind: 'pass' }>, person: Assignment, fired: FiredInject): string[] => {
    if (e.to) return [normal(e.to)];
    const cable = cableOf(fired);
    return (cable?.passes ?? []).filter((p) => normal(p.by) === normal(person.post)).map((p) => normal(p.to));
  };

  /** The stations a repeat or pass reached, collectives expanded (rule 20). */
  const reached = (names: ReadonlyArray<string>): string[] =>
    names.flatMap((n) => {
      const members = record.collectives.get(n);
      return members ? members.map(normal) : [n];
    });

  function firstAct(e: TimedExpectation, person: Assignment, fired: FiredInject): Act | null {
    const cableId = fired.cableId;
    switch (e.kind) {
      case 'acknowledge': {
        const [ack] = own(person, cableId, 'ACK');
        return ack ? simple(ack, `acknowledged by ${person.login}`) : null;
      }
      case 'open': {
        const [view] = own(person, cableId, 'VIEW');
        return view ? simple(view, `opened by ${person.login}`) : null;
      }
      case 'pass': {
        const targets = passTargets(e, person, fired);
        const pass = own(person, cableId, 'PASS').find((a) => {
          const to = stringsOf(a.detail['to']);
          return targets.length === 0 ? to.length > 0 : targets.every((t) => to.includes(t));
        });
        return pass ? simple(pass, `passed to ${stringsOf(pass.detail['to']).join(', ')} by ${person.login}`) : null;
      }
      case 'repeat': {
        const wanted = e.to.map(normal);
        const cable = cableOf(fired);
        const needsApproval = (cable?.captions ?? []).some((c) => c === 'NODIS' || c === 'EXDIS' || c === 'EYES_ONLY');
        const covered = new Set<string>();
        const seqs: number[] = [];
        for (const a of own(person, cableId, 'REPEAT')) {
          // Rule 16: a restricted cable's repeat counts only with its approval recorded.
          if (needsApproval && typeof a.detail['approvedBy'] !== 'string') continue;
          const to = reached(stringsOf(a.detail['to']));
          if (!to.some((t) => wanted.includes(t))) continue;
          seqs.push(a.seq);
          for (const t of to) covered.add(t);
          if (wanted.every((w) => covered.has(w))) {
            return {
              seq: a.seq,
              atMs: atMs(a),
              seqs,
              note: `repeated to ${wanted.join(', ')} by ${person.login}`,
              findings: [],
            };
          }
        }
        return null;
      }
      case 'reply': {
        const cable = cableOf(fired);
        const ref = cable ? normal(cable.ref) : null;
        const release = (releasesBy.get(person.userId) ?? []).find(
          (r) => r.replyTo === cableId || (ref !== null && cites(r.draft, ref)),
        );
        if (!release) return null;
        const entry = bySeq.get(release.seq);
        const at = entry ? atMs(entry) : 0;
        return {
          seq: release.seq,
          atMs: at,
          seqs: [...release.relatedSeqs, release.seq],
          note: `${release.ref} released, drafted by ${person.login}`,
          findings: replyFindings(e, release, ref, at),
        };
      }
    }
  }

  function breaches(e: Extract<Expectation, { kind: 'never' }>, person: Assignment): Finding[] {
    // Limited to the inject's cable when the expectation names one (and nothing before it fired).
    const limit = e.inject === undefined ? null : (firedById.get(e.inject)?.cableId ?? -1);
    const mine = (byUser.get(person.userId) ?? []).filter((a) => limit === null || a.cableId === limit);
    const ref = (a: ActionEntry): string =>
      a.cableId === null ? 'a cable' : (record.cables.get(a.cableId)?.ref ?? `cable #${a.cableId}`);
    const finding = (a: ActionEntry, t: Teaching, note: string): Finding => ({
      seqs: [a.seq],
      atMs: atMs(a),
      ...t,
      note,
      costs: true,
    });
    switch (e.action) {
      case 'access-denied':
        return mine
          .filter(
            (a) => a.action === 'DENY' && a.cableId !== null && ACCESS_DENY_REASONS.has(String(a.detail['reason'])),
          )
          .map((a) => {
            const reason = String(a.detail['reason']) as Parameters<typeof accessTeaching>[0];
            return finding(a, accessTeaching(reason), `access to ${ref(a)} refused (${reason})`);
          });
      case 'file-unacknowledged':
        return mine
          .filter((a) => {
            // Filing it unread is refused (and audited as DENY ACK_REQUIRED): the attempt is the breach.
            const attempt = a.action === 'DENY' && a.detail['reason'] === 'ACK_REQUIRED';
            if (a.action !== 'READ' && !attempt) return false;
            const id = a.detail['deliveryId'];
            if (typeof id !== 'number' || !record.deliveries.get(id)?.needsAck) return false;
            const ack = firstAck.get(id);
            return ack === undefined || ack > a.seq;
          })
          .map((a) =>
            finding(
              a,
              ACK_BEFORE_FILING,
              a.action === 'DENY'
                ? `${ref(a)}: tried to file it as read before its acknowledgement`
                : `${ref(a)} filed as read before its acknowledgement`,
            ),
          );
      case 'noforn-to-foreign-national':
        return mine
          .filter((a) => (a.action === 'PASS' || a.action === 'REPEAT') && a.cableId !== null)
          .flatMap((a) => {
            if (!record.cables.get(a.cableId!)?.dissem.includes('NOFORN')) return [];
            const foreign = reached(stringsOf(a.detail['to'])).filter((p) => {
              const st = record.stations.get(p);
              return st !== undefined && (st.foreign || st.foreignNationals);
            });
            return foreign.length === 0
              ? []
              : [finding(a, NOFORN_NOT_FOREIGN, `NOFORN ${ref(a)} sent to ${foreign.join(', ')}`)];
          });
    }
  }

  /** Findings against a released reply: the model, the rule checker, the signature chain. */
  function replyFindings(
    e: Extract<Expectation, { kind: 'reply' }>,
    r: ReleaseFacts,
    injectRef: string | null,
    at: number,
  ): Finding[] {
    const seqs = [r.seq];
    const f = (t: Teaching, note: string, costs = true): Finding => ({ seqs, atMs: at, ...t, note, costs });
    const out: Finding[] = [];
    const d = r.draft;
    if (classificationRank(d.classification) < classificationRank(e.model.minClassification)) {
      out.push(
        f(
          REPLY_LABEL,
          `released ${classificationWords(d.classification)}; the reply must be at least ${classificationWords(e.model.minClassification)}`,
        ),
      );
    }
    for (const c of e.model.captions) {
      if (!d.captions.includes(c)) out.push(f(REPLY_LABEL, `the reply does not carry ${captionWords(c)}`));
    }
    if (e.model.referencesInject && (injectRef === null || !cites(d, injectRef))) {
      out.push(f(REPLY_REFERENCE, `the reply does not cite ${injectRef ?? 'the inject'} on its REF line`));
    }
    for (const finding of checkDraft(d, r.ruleContext)) {
      out.push(
        f(
          { rule: finding.rule, teaching: finding.message },
          `rule checker (${finding.field}): ${finding.severity}`,
          finding.severity === 'error',
        ),
      );
    }
    for (const p of r.chain.chainProblems) out.push(f(CLEARANCE_CHAIN, p));
    for (const p of r.chain.signatureProblems) out.push(f(SIGNATURES_VERIFY, p));
    return out;
  }

  /** Personal mistakes against a pass or repeat expectation (not shared with an `any` group). */
  function ownMistakes(e: TimedExpectation, person: Assignment, fired: FiredInject): Finding[] {
    if (e.kind !== 'pass' && e.kind !== 'repeat') return [];
    const cableId = fired.cableId;
    const mine = (byCable.get(cableId) ?? []).filter((a) => a.userId === person.userId);
    const mistake = (a: ActionEntry, t: Teaching, note: string): Finding => ({
      seqs: [a.seq],
      atMs: atMs(a),
      ...t,
      note,
      costs: true,
    });
    if (e.kind === 'pass') {
      const targets = passTargets(e, person, fired);
      return mine.flatMap((a) => {
        if (a.action === 'DENY' && a.detail['what'] === 'pass') {
          return [mistake(a, PASS_TO_THE_RIGHT_POST, `tried to pass without a pass instruction for ${person.post}`)];
        }
        if (a.action !== 'PASS' || targets.length === 0) return [];
        const wrong = stringsOf(a.detail['to']).filter((t) => !targets.includes(t));
        return wrong.length === 0 ? [] : [mistake(a, PASS_TO_THE_RIGHT_POST, `passed to ${wrong.join(', ')}`)];
      });
    }
    if (e.kind === 'repeat') {
      return mine
        .filter((a) => a.action === 'DENY' && a.detail['what'] === 'repeat' && a.detail['reason'] === 'approval')
        .map((a) => mistake(a, REPEAT_NEEDS_APPROVAL, 'repeat refused: no approval for its captions'));
    }
    return [];
  }

  /**
   * What an expectation's lines are computed from, besides entries already read: the status, the
   * inject, the phase of its window, and the length of each list it reads (they only grow).
   */
  function lineKey(e: Expectation): string {
    if (e.kind === 'never') {
      const limit = e.inject === undefined ? '' : String(firedById.get(e.inject)?.seq ?? '-');
      return `${status}|${limit}|${people(e.who)
        .map((p) => byUser.get(p.userId)?.length ?? 0)
        .join(',')}`;
    }
    const fired = firedById.get(e.inject);
    if (!fired) return `${status}|-|${record.skipped.length}`;
    const window = e.within * MINUTE_MS;
    const phase = nowMs >= fired.scenarioMs + 2 * window ? 2 : nowMs > fired.scenarioMs + window ? 1 : 0;
    const replies =
      e.kind === 'reply' ? people(e.who).map((p) => releasesBy.get(p.userId)?.length ?? 0) : ([] as number[]);
    return `${status}|${fired.seq}|${phase}|${byCable.get(fired.cableId)?.length ?? 0}|${replies.join(',')}`;
  }

  function lines(e: Expectation): ReadonlyArray<ScoreLine> {
    const key = lineKey(e);
    const kept = lineage.lines.get(e.id);
    if (kept?.key === key) return kept.lines;
    const computed = linesOf(e);
    lineage.lines.set(e.id, { key, lines: computed });
    return computed;
  }

  function linesOf(e: Expectation): ScoreLine[] {
    /**
     * Every line is made here, all its fields in one literal: lines of one shape are read fast
     * by the tallies (a spread of a partial line made objects V8 could only read slowly).
     */
    const line = (p: Assignment, r: LineResult): ScoreLine => ({
      trainee: p.login,
      userId: p.userId,
      role: p.role,
      post: p.post,
      expectation: e.id,
      kind: e.kind,
      inject: e.inject ?? null,
      objective: e.objective ?? null,
      verdict: r.verdict,
      points: r.points,
      possible: r.possible,
      auditSeqs: r.auditSeqs,
      deliveredMs: r.deliveredMs,
      atMs: r.atMs,
      dueMs: r.dueMs,
      rule: r.rule,
      teaching: r.teaching,
      note: r.note,
    });
    const mistakeLine = (p: Assignment, f: Finding, points: number, fired: FiredInject | null): ScoreLine =>
      line(p, {
        verdict: 'BROKEN',
        points: round2(points),
        possible: 0,
        auditSeqs: f.seqs,
        deliveredMs: fired?.scenarioMs ?? null,
        atMs: f.atMs,
        dueMs: null,
        rule: f.rule,
        teaching: f.teaching,
        note: f.note,
      });

    if (e.kind === 'never') {
      return people(e.who).flatMap((p) => {
        const found = breaches(e, p);
        if (found.length === 0) {
          return [
            line(p, {
              verdict: status === 'ENDED' ? 'MET' : 'PENDING',
              points: 0,
              possible: 0,
              auditSeqs: [],
              deliveredMs: null,
              atMs: null,
              dueMs: null,
              rule: null,
              teaching: null,
              note: 'never broken',
            }),
          ];
        }
        return found.map((f) => mistakeLine(p, f, neverPenalty(e.points, 1), null));
      });
    }

    const fired = firedById.get(e.inject);
    if (!fired) {
      // Not delivered: nothing to score once it can no longer come (ended, or skipped).
      if (status === 'ENDED' || record.skipped.some((k) => k.inject === e.inject)) return [];
      return people(e.who).map((p) =>
        line(p, {
          verdict: 'PENDING',
          points: 0,
          possible: e.points,
          auditSeqs: [],
          deliveredMs: null,
          atMs: null,
          dueMs: null,
          rule: null,
          teaching: null,
          note: 'not delivered yet',
        }),
      );
    }
    const who = people(e.who);
    const acts = new Map(who.map((p) => [p.userId, firstAct(e, p, fired)]));
    const group = [...acts.values()]
      .filter((a): a is Act => a !== null)
      .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0];
    const dueMs = fired.scenarioMs + e.within * MINUTE_MS;
    return who.flatMap((p) => {
      const act = e.mode === 'any' ? (group ?? null) : (acts.get(p.userId) ?? null);
      let main: ScoreLine;
      if (act) {
        const w = windowScore(e.points, e.within, (act.atMs - fired.scenarioMs) / MINUTE_MS);
        main = line(p, {
          verdict: w.verdict,
          points: round2(w.points),
          possible: e.points,
          auditSeqs: act.seqs,
          deliveredMs: fired.scenarioMs,
          atMs: act.atMs,
          dueMs,
          rule: null,
          teaching: null,
          note: act.note,
        });
      } else {
        const open = status !== 'ENDED' && nowMs < fired.scenarioMs + 2 * e.within * MINUTE_MS;
        main = line(p, {
          verdict: open ? 'PENDING' : 'MISSED',
          points: 0,
          possible: e.points,
          auditSeqs: [],
          deliveredMs: fired.scenarioMs,
          atMs: null,
          dueMs,
          rule: null,
          teaching: null,
          note: open ? (nowMs > dueMs ? 'overdue' : 'window open') : 'not done',
        });
      }
      // A reply's findings cost a share each, never more than the reply earned.
      let left = main.points;
      const findings = (act?.findings ?? []).map((f) => {
        const cost = f.costs ? Math.min(left, FINDING_SHARE * e.points) : 0;
        left -= cost;
        return mistakeLine(p, f, -cost, fired);
      });
      const mistakes = ownMistakes(e, p, fired).map((f) => mistakeLine(p, f, -MISTAKE_SHARE * e.points, fired));
      return [main, ...findings, ...mistakes];
    });
  }

  return { status, nowMs, people, fired: (id) => firedById.get(id), firstAct, breaches, lines };
}

function scenarioNow(clock: ClockReplay, realNowMs: number): number {
  return clock.scenarioAt(Number.MAX_SAFE_INTEGER, realNowMs);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Sums of some lines, in line order: points and possible points per objective (the scenario's,
 * then one slot for lines without a known objective), in all, and the verdicts counted.
 */
type Tally = {
  points: number[];
  possible: number[];
  other: boolean;
  total: { points: number; possible: number };
  counts: Record<ScoreVerdict, number>;
};

function tally(objectives: number): Tally {
  return {
    points: new Array<number>(objectives + 1).fill(0),
    possible: new Array<number>(objectives + 1).fill(0),
    other: false,
    total: { points: 0, possible: 0 },
    counts: { MET: 0, LATE: 0, MISSED: 0, BROKEN: 0, PENDING: 0 },
  };
}

function count(t: Tally, l: ScoreLine, slot: number): void {
  t.points[slot]! += l.points;
  t.possible[slot]! += l.possible;
  if (slot === t.points.length - 1) t.other = true;
  t.total.points += l.points;
  t.total.possible += l.possible;
  t.counts[l.verdict]++;
}

function setNew<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}

function objectiveScores(record: ExerciseRecord, t: Tally): ObjectiveScore[] {
  const defined = record.scenario.objectives.map((o) => ({ id: o.id, text: o.text, weight: o.weight }));
  const all = t.other
    ? [...defined, { id: NO_OBJECTIVE, text: 'Expectations without an objective', weight: 1 }]
    : defined;
  return all.map((o, i) => {
    const points = round2(t.points[i]!);
    const possible = round2(t.possible[i]!);
    const achieved = possible > 0 && points / possible >= ACHIEVED_SHARE;
    return { id: o.id, text: o.text, weight: o.weight, points, possible, achieved };
  });
}

function totalOf(t: Tally, objectives: ReadonlyArray<ObjectiveScore>): ScoreTotal {
  return {
    points: round2(t.total.points),
    possible: round2(t.total.possible),
    score: round2(weightedTotal(objectives.map((o) => ({ weight: o.weight, earned: o.points, possible: o.possible })))),
  };
}
