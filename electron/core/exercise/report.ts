import { decideAccess } from '../../domain/access';
import { classificationRank, type Classification } from '../../domain/classification';
import { replayClock, type ActionEntry } from '../../domain/exercise/record';
import {
  scoreRecord,
  type ExerciseStatus,
  type ObjectiveScore,
  type ScoreLine,
  type ScoreVerdict,
  type VerdictCounts,
} from '../../domain/exercise/score';
import { scenarioDtg } from '../../domain/exercise/time';
import { bannerLine } from '../../domain/markings';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { actorByLogin } from '../services/drafts/authority';
import { accessSubject, type Actor } from '../services/actor';
import { accessObjectOf } from '../services/cableView';
import { refusals } from '../services/refusal';
import { loadCableRecord } from '../store/cableReader';
import type { Db } from '../store/database';
import { liveExerciseRecord } from './score';

/**
 * The after-action report (issue 10 item 6; EXERCISES.md §6): per post and trainee, a timeline
 * (inject delivered → opened → acknowledged → passed → reply released, in scenario DTGs), the
 * expectations met, late or missed with their points, every mistake with its rule number and
 * teaching text, the objectives achieved, and the debrief answers.
 *
 * Its classification is the highest of the cables it quotes (rule 25: banners on every page). A
 * trainee's copy quotes only the cables that trainee may see — the access decision of rule 18
 * asked for each one, as if the trainee opened it; the others are named "a cable you may not see"
 * wherever they would appear. The instructor's copy quotes everything.
 */
export const REPORT_FORMAT = 'cableroom.after-action/1';
export const WITHHELD = 'a cable you may not see';

export type ReportCopy = Readonly<{ kind: 'instructor' }> | Readonly<{ kind: 'trainee'; login: string }>;

/** A cable as the report quotes it, or withheld from this copy. */
export type QuotedCable =
  | Readonly<{ withheld: false; cableId: number; ref: string; subject: string; banner: string }>
  | Readonly<{ withheld: true }>;

/** A moment in scenario time: its DTG and its scenario ms since the start. */
export type ScenarioMoment = Readonly<{ dtg: string; ms: number }>;

export type TimelineRow = Readonly<{
  inject: string;
  cable: QuotedCable;
  delivered: ScenarioMoment;
  opened: ScenarioMoment | null;
  acknowledged: ScenarioMoment | null;
  passed: ScenarioMoment | null;
  replied: (ScenarioMoment & Readonly<{ cable: QuotedCable }>) | null;
}>;

export type ReportExpectation = Readonly<{
  expectation: string;
  kind: ScoreLine['kind'];
  objective: string | null;
  verdict: ScoreVerdict;
  points: number;
  possible: number;
  at: ScenarioMoment | null;
  note: string;
  auditSeqs: ReadonlyArray<number>;
}>;

export type ReportMistake = Readonly<{
  expectation: string;
  rule: number;
  teaching: string;
  points: number;
  at: ScenarioMoment | null;
  note: string;
  auditSeqs: ReadonlyArray<number>;
}>;

export type TraineeReport = Readonly<{
  login: string;
  name: string;
  role: string;
  post: string;
  score: number;
  points: number;
  possible: number;
  counts: VerdictCounts;
  timeline: ReadonlyArray<TimelineRow>;
  expectations: ReadonlyArray<ReportExpectation>;
  mistakes: ReadonlyArray<ReportMistake>;
  objectives: ReadonlyArray<ObjectiveScore>;
  debrief: ReadonlyArray<Readonly<{ question: string; answer: string }>>;
}>;

export type PostReport = Readonly<{
  post: string;
  score: number;
  points: number;
  possible: number;
  trainees: ReadonlyArray<TraineeReport>;
}>;

export type AfterActionReport = Readonly<{
  format: typeof REPORT_FORMAT;
  exercise: Readonly<{
    id: number;
    scenarioId: string;
    title: string;
    status: ExerciseStatus;
    start: string;
    /** The scenario time the report was taken at (the end, once ended). */
    now: ScenarioMoment;
  }>;
  copy: ReportCopy;
  classification: Classification;
  /** The banner at the top and bottom of every page ("SECRET", "CONFIDENTIAL//NOFORN"). */
  banner: string;
  /** The exercise's weighted total (the instructor's copy) or the trainee's own score. */
  score: number;
  objectives: ReadonlyArray<ObjectiveScore>;
  posts: ReadonlyArray<PostReport>;
  /** Real time the report was made. */
  generatedAt: string;
}>;

export type ReportOptions = Readonly<{ realNowMs?: number; generatedAt?: Date }>;

/** The report of an exercise in the copy asked for (no access check here: see `afterActionReport`). */
export function buildReport(
  db: Db,
  exerciseId: number,
  copy: ReportCopy,
  options: ReportOptions = {},
): AfterActionReport {
  const record = liveExerciseRecord(db, exerciseId);
  const realNowMs = options.realNowMs ?? Date.now();
  const score = scoreRecord(record, { realNowMs });
  const start = new Date(record.start);
  const moment = (ms: number | null): ScenarioMoment | null =>
    ms === null ? null : { ms, dtg: scenarioDtg(start, ms) };
  const clock = replayClock(record.clock);
  const atOf = (a: ActionEntry): number => clock.scenarioAt(a.seq, a.realMs);

  const reader = copy.kind === 'trainee' ? actorByLogin(db, copy.login) : undefined;
  if (copy.kind === 'trainee') {
    if (!reader) throw new CableroomError('NOT_FOUND', `No user ${copy.login}.`);
    if (!record.assignments.some((a) => a.login === copy.login)) {
      throw new CableroomError('NOT_FOUND', `${copy.login} did not take part in exercise ${exerciseId}.`);
    }
  }
  // Rule 18: the access decision for each cable the copy would quote, as if its reader opened it.
  const visibility = new Map<number, boolean>();
  const mayQuote = (cableId: number): boolean => {
    if (!reader) return true;
    let seen = visibility.get(cableId);
    if (seen === undefined) {
      const cable = loadCableRecord(db, cableId);
      seen = cable !== undefined && decideAccess(accessSubject(reader), accessObjectOf(cable)).allowed;
      visibility.set(cableId, seen);
    }
    return seen;
  };
  const quoted = new Set<number>();
  const quote = (cableId: number): QuotedCable => {
    const facts = record.cables.get(cableId);
    if (!facts || !mayQuote(cableId)) return { withheld: true };
    quoted.add(cableId);
    return { withheld: false, cableId, ref: facts.ref, subject: facts.subject, banner: facts.banner };
  };
  // Texts name cables by reference: a withheld cable's reference becomes WITHHELD, a quoted one counts.
  const refs = [...record.cables.values()].sort((a, b) => b.ref.length - a.ref.length);
  const scrub = (text: string): string => {
    let out = text;
    for (const c of refs) {
      const pattern = new RegExp(`\\b${c.ref.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
      if (!pattern.test(out)) continue;
      if (mayQuote(c.id)) quoted.add(c.id);
      else out = out.replace(pattern, WITHHELD);
    }
    return out;
  };

  const trainees = (
    copy.kind === 'trainee' ? score.trainees.filter((t) => t.login === copy.login) : score.trainees
  ).map((t): TraineeReport => {
    const lines = score.lines.filter((l) => l.userId === t.userId);
    const post = t.post;
    const mine = record.actions.filter((a) => a.userId === t.userId);
    const first = (cableId: number, action: string): ScenarioMoment | null => {
      const a = mine.find((x) => x.cableId === cableId && x.action === action);
      return a ? moment(atOf(a)) : null;
    };
    const named = new Set(lines.map((l) => l.inject).filter((i): i is string => i !== null));
    const timeline = record.injects
      .filter((i) => i.stations.includes(post) || named.has(i.inject))
      .map((i): TimelineRow => {
        const facts = record.cables.get(i.cableId);
        const release = [...record.releases.values()]
          .filter((r) => r.drafterUserId === t.userId)
          .sort((a, b) => a.seq - b.seq)
          .find((r) => r.replyTo === i.cableId || (facts !== undefined && cites(r.draft.references, facts.ref)));
        const releaseEntry = release ? record.actions.find((a) => a.seq === release.seq) : undefined;
        return {
          inject: i.inject,
          cable: quote(i.cableId),
          delivered: moment(i.scenarioMs)!,
          opened: first(i.cableId, 'VIEW'),
          acknowledged: first(i.cableId, 'ACK'),
          passed: first(i.cableId, 'PASS'),
          replied: release && releaseEntry ? { ...moment(atOf(releaseEntry))!, cable: quote(release.cableId) } : null,
        };
      });
    const lastDebrief = record.debriefs.filter((d) => d.userId === t.userId).at(-1);
    return {
      login: t.login,
      name: actorByLogin(db, t.login)?.displayName ?? t.login,
      role: t.role,
      post,
      score: t.score,
      points: t.points,
      possible: t.possible,
      counts: t.counts,
      timeline,
      expectations: lines
        .filter((l) => l.rule === null)
        .map((l) => ({
          expectation: l.expectation,
          kind: l.kind,
          objective: l.objective,
          verdict: l.verdict,
          points: l.points,
          possible: l.possible,
          at: moment(l.atMs),
          note: scrub(l.note),
          auditSeqs: l.auditSeqs,
        })),
      mistakes: lines
        .filter((l): l is ScoreLine & { rule: number; teaching: string } => l.rule !== null && l.teaching !== null)
        .map((l) => ({
          expectation: l.expectation,
          rule: l.rule,
          teaching: scrub(l.teaching),
          points: l.points,
          at: moment(l.atMs),
          note: scrub(l.note),
          auditSeqs: l.auditSeqs,
        })),
      objectives: t.objectives,
      debrief: (lastDebrief?.answers ?? []).map((a) => ({ question: a.question, answer: scrub(a.answer) })),
    };
  });

  const posts = [...new Set(trainees.map((t) => t.post))].map((post): PostReport => {
    const total = score.posts.find((p) => p.post === post)!;
    const own = trainees.filter((t) => t.post === post);
    return copy.kind === 'trainee'
      ? { post, score: own[0]!.score, points: own[0]!.points, possible: own[0]!.possible, trainees: own }
      : { post, score: total.score, points: total.points, possible: total.possible, trainees: own };
  });

  const cables = [...quoted].map((id) => record.cables.get(id)!);
  const classification = cables.reduce<Classification>(
    (top, c) => (classificationRank(c.classification) > classificationRank(top) ? c.classification : top),
    'UNCLASSIFIED',
  );
  const noforn = cables.some((c) => c.dissem.includes('NOFORN'));
  return {
    format: REPORT_FORMAT,
    exercise: {
      id: exerciseId,
      scenarioId: record.scenario.id,
      title: record.scenario.title,
      status: score.status,
      start: scenarioDtg(start, 0),
      now: moment(score.nowMs)!,
    },
    copy,
    classification,
    banner: bannerLine(classification, noforn ? ['NOFORN'] : []),
    score: copy.kind === 'trainee' ? (trainees[0]?.score ?? 0) : score.score,
    objectives: copy.kind === 'trainee' ? (trainees[0]?.objectives ?? []) : score.objectives,
    posts,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
  };
}

const normal = (ref: string): string => ref.trim().toUpperCase().replace(/\s+/g, ' ');

/** A REF line that cites `ref`, as the archived cable or in its text (as scoring reads it). */
function cites(
  references: ReadonlyArray<Readonly<{ text: string; cable?: string | undefined }>>,
  ref: string,
): boolean {
  return references.some((x) => (x.cable !== undefined && normal(x.cable) === ref) || normal(x.text) === ref);
}

export type ReportRequest = Readonly<{
  /** A trainee's copy; default the instructor's (instructors) or the asker's own (trainees). */
  trainee?: string | undefined;
  /** How it leaves core: audited as EXPORT with this format. */
  format: 'pdf' | 'json' | 'screen';
}>;

/**
 * The report for a person (issue 10 item 6): instructors and admins get any copy; someone who
 * took part gets their own copy, once the exercise has ended (the scenario is the instructor's
 * until then). Every other request is refused and audited DENY; a report made is audited EXPORT.
 */
export function afterActionReport(
  db: Db,
  audit: AuditTrail,
  actor: Actor,
  exerciseId: number,
  request: ReportRequest,
  options: ReportOptions = {},
): AfterActionReport {
  const refuse = refusals(db, audit);
  const instructor = actor.role === 'instructor' || actor.role === 'admin';
  const what = 'after-action report';
  let copy: ReportCopy;
  if (instructor) {
    copy = request.trainee === undefined ? { kind: 'instructor' } : { kind: 'trainee', login: request.trainee };
  } else {
    if (request.trainee !== undefined && request.trainee !== actor.login) {
      refuse(actor, {
        message: "A trainee's after-action report goes to that trainee and the instructors only.",
        detail: { what, exercise: exerciseId, trainee: request.trainee, reason: 'NOT_OWN_COPY' },
      });
    }
    const record = liveExerciseRecord(db, exerciseId);
    if (!record.assignments.some((a) => a.userId === actor.userId)) {
      refuse(actor, {
        message: `You did not take part in exercise ${exerciseId}.`,
        detail: { what, exercise: exerciseId, reason: 'NOT_A_PARTICIPANT' },
      });
    }
    if (scoreRecord(record, { realNowMs: options.realNowMs ?? Date.now() }).status !== 'ENDED') {
      refuse(actor, {
        message: 'The after-action report is yours once the exercise has ended.',
        detail: { what, exercise: exerciseId, reason: 'NOT_ENDED' },
      });
    }
    copy = { kind: 'trainee', login: actor.login };
  }
  const report = buildReport(db, exerciseId, copy, options);
  audit.append({
    actor: { userId: actor.userId, login: actor.login },
    action: 'EXPORT',
    detail: {
      what,
      exercise: exerciseId,
      copy: copy.kind === 'trainee' ? copy.login : 'instructor',
      classification: report.classification,
      format: request.format,
    },
  });
  return report;
}
