import type { AuditAction } from '../audit';
import type { Caption, DissemControl } from '../captions';
import type { Classification } from '../classification';
import type { Draft, RuleContext } from '../draft';
import type { Precedence } from '../precedence';
import {
  ClockRefusal,
  createClock,
  end,
  pause,
  resume,
  scenarioMs,
  setRate,
  shift,
  start,
  type ExerciseClock,
} from './clock';

/**
 * What scoring reads of one exercise (EXERCISES.md §4): the scenario as started, who played which
 * role, the journal of the clock, the injects fired, and the trainees' actions — everything the
 * audit trail holds from the exercise's EXERCISE_START on, plus the facts of the cables, stations
 * and releases those entries name. core/exercise/record.ts reads it; domain/exercise/score.ts
 * scores it; nothing here reads a clock or a database.
 */

export const SCORED_KINDS = ['acknowledge', 'open', 'pass', 'repeat', 'reply', 'never'] as const;
export type ExpectationKind = (typeof SCORED_KINDS)[number];
export type ForbiddenAction = 'access-denied' | 'file-unacknowledged' | 'noforn-to-foreign-national';

type ExpectationBase = Readonly<{
  id: string;
  /** A role id, or a post (PLAD). */
  who: string;
  points: number;
  objective?: string | undefined;
  mode: 'all' | 'any';
}>;

type Timed = ExpectationBase & Readonly<{ inject: string; within: number }>;

export type ReplyModel = Readonly<{
  minClassification: Classification;
  captions: ReadonlyArray<Caption>;
  referencesInject: boolean;
}>;

/**
 * An expectation of the scenario (EXERCISES.md §2) as scoring reads it: the shape of the
 * contract's `ScenarioExpectation` (contract/scenario.ts), which the domain may not import.
 */
export type Expectation =
  | (Timed & Readonly<{ kind: 'acknowledge' | 'open' }>)
  | (Timed & Readonly<{ kind: 'pass'; to?: string | undefined }>)
  | (Timed & Readonly<{ kind: 'repeat'; to: ReadonlyArray<string> }>)
  | (Timed & Readonly<{ kind: 'reply'; model: ReplyModel }>)
  | (ExpectationBase & Readonly<{ kind: 'never'; action: ForbiddenAction; inject?: string | undefined }>);

export type TimedExpectation = Exclude<Expectation, { kind: 'never' }>;

/** The parts of a validated scenario (contract `Scenario`) that scoring and the report read. */
export type ScoredScenario = Readonly<{
  id: string;
  title: string;
  clock: Readonly<{ start: string }>;
  roles: ReadonlyArray<Readonly<{ id: string; post: string; function: string }>>;
  objectives: ReadonlyArray<Readonly<{ id: string; text: string; weight: number }>>;
  injects: ReadonlyArray<Readonly<{ id: string; cable: string }>>;
  expectations: ReadonlyArray<Expectation>;
  debrief: ReadonlyArray<Readonly<{ id: string; question: string }>>;
}>;

/** A trainee assigned to a scenario role at the start (EXERCISE_START `assignments`). */
export type Assignment = Readonly<{ role: string; login: string; userId: number; post: string }>;

/** A transition of the scenario clock, with the real ms at which it happened (the journal). */
export type ClockEvent = Readonly<
  | { seq: number; kind: 'START'; realMs: number; rate: number; endMs: number }
  | { seq: number; kind: 'PAUSE' | 'RESUME' | 'END'; realMs: number }
  | { seq: number; kind: 'RATE'; realMs: number; rate: number }
  | { seq: number; kind: 'SHIFT'; realMs: number; byMs: number }
>;

/** An inject delivered (EXERCISE_INJECT): its cable, its scenario time and the stations it reached. */
export type FiredInject = Readonly<{
  seq: number;
  inject: string;
  cableId: number;
  scenarioMs: number;
  how: 'SCHEDULE' | 'TRIGGER';
  stations: ReadonlyArray<string>;
}>;

/** An inject the instructor skipped, or whose `unless` expectation was met (EXERCISE_SKIP). */
export type SkippedInject = Readonly<{ seq: number; inject: string; reason: 'instructor' | 'unless' }>;

/** One delivery of a cable to a station, as the handling rules see it (rule 8). */
export type DeliveryFacts = Readonly<{
  deliveryId: number;
  plad: string;
  role: 'ACTION' | 'INFO';
  precedence: Precedence;
  niact: boolean;
  /** FLASH or NIACT to the action addressee: acknowledged before it is filed (rule 8). */
  needsAck: boolean;
}>;

/** A cable the journal names: what scoring and the report need of it. */
export type CableFacts = Readonly<{
  id: number;
  ref: string;
  subject: string;
  classification: Classification;
  captions: ReadonlyArray<Caption>;
  dissem: ReadonlyArray<DissemControl>;
  /** "SECRET//NOFORN" (rule 25). */
  banner: string;
  /** The pass instructions "X PASS Y" the cable carries (rule 17). */
  passes: ReadonlyArray<Readonly<{ by: string; to: string }>>;
}>;

/** A station a pass or repeat named, as rule 20 sees it. */
export type StationFacts = Readonly<{ plad: string; foreign: boolean; foreignNationals: boolean }>;

/** One audit entry of the exercise that is not part of the journal (a trainee's act, an ACK, a release). */
export type ActionEntry = Readonly<{
  seq: number;
  realMs: number;
  userId: number | null;
  login: string | null;
  action: AuditAction;
  cableId: number | null;
  detail: Readonly<Record<string, unknown>>;
}>;

/** The signature chain of a released cable as verified on reading (rules 23, 24). */
export type ChainFacts = Readonly<{
  verified: boolean;
  /** Completeness problems of the chain (rule 23). */
  chainProblems: ReadonlyArray<string>;
  /** Signatures that do not verify (rule 24), "role signer: problem". */
  signatureProblems: ReadonlyArray<string>;
}>;

/** A cable released during the exercise whose draft a trainee wrote: the reply as signed. */
export type ReleaseFacts = Readonly<{
  /** The RELEASE entry. */
  seq: number;
  cableId: number;
  ref: string;
  draftId: number;
  /** The trainee who drafted it (the drafter's signature), null when not a trainee. */
  drafterUserId: number | null;
  /** The entries that tie the release to its drafter (SIGN) and to its source (DRAFT with replyTo). */
  relatedSeqs: ReadonlyArray<number>;
  /** The cable the draft was started as a reply to (DRAFT entry's cable), if any. */
  replyTo: number | null;
  /** The document as signed and released (its references, label, addressees…). */
  draft: Draft;
  /** What the rule checker needs beyond the draft, as it stood for this release. */
  ruleContext: RuleContext;
  chain: ChainFacts;
}>;

export type DebriefEntry = Readonly<{
  seq: number;
  userId: number;
  login: string;
  answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>;
}>;

export type ExerciseRecord = Readonly<{
  exerciseId: number;
  /** The validated scenario document as started (its SHA-256 is in the EXERCISE_START entry). */
  scenario: ScoredScenario;
  /** The scenario start as an instant (ISO 8601). */
  start: string;
  /** The EXERCISE_START entry, and the last entry read. */
  startSeq: number;
  headSeq: number;
  assignments: ReadonlyArray<Assignment>;
  clock: ReadonlyArray<ClockEvent>;
  injects: ReadonlyArray<FiredInject>;
  skipped: ReadonlyArray<SkippedInject>;
  /** Every entry of the exercise that scoring or the report reads, in seq order. */
  actions: ReadonlyArray<ActionEntry>;
  /** The cables the injects and the actions name, by id. */
  cables: ReadonlyMap<number, CableFacts>;
  /** Deliveries that ACK and READ entries name, by delivery id. */
  deliveries: ReadonlyMap<number, DeliveryFacts>;
  /** Stations that passes and repeats reached, by PLAD (rule 20). */
  stations: ReadonlyMap<string, StationFacts>;
  /** Collectives repeats named, with their member PLADs. */
  collectives: ReadonlyMap<string, ReadonlyArray<string>>;
  /** Trainees' releases, by the seq of the RELEASE entry. */
  releases: ReadonlyMap<number, ReleaseFacts>;
  debriefs: ReadonlyArray<DebriefEntry>;
}>;

/** `xs` begins with `prefix` (the same entry objects: the fold shares them between its records). */
function startsWith<T>(xs: ReadonlyArray<T>, prefix: ReadonlyArray<T>): boolean {
  const n = prefix.length;
  return xs.length >= n && (n === 0 || (xs[n - 1] === prefix[n - 1] && xs[0] === prefix[0]));
}

/**
 * `next` is `prev` with entries appended: the same people, and every list of `prev` a prefix of
 * `next`'s. New clock transitions leave the times of earlier entries as they were (an entry's
 * scenario time depends only on the transitions before it).
 */
export function extendsRecord(prev: ExerciseRecord, next: ExerciseRecord): boolean {
  return (
    prev.scenario === next.scenario &&
    prev.assignments.length === next.assignments.length &&
    prev.assignments.every((a, i) => a === next.assignments[i]) &&
    startsWith(next.clock, prev.clock) &&
    startsWith(next.injects, prev.injects) &&
    startsWith(next.skipped, prev.skipped) &&
    startsWith(next.actions, prev.actions) &&
    next.releases.size >= prev.releases.size
  );
}

/** The journal does not replay: an entry the clock refuses, or entries out of order. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/**
 * The scenario clock replayed from the journal: the state after each transition, so that the
 * scenario time of any entry is the state before it at the entry's real time.
 */
export type ClockReplay = Readonly<{
  /** Scenario ms at real time `realMs` of an entry at `seq`. */
  scenarioAt(seq: number, realMs: number): number;
  /** The clock after the last transition. */
  final: ExerciseClock;
  endSeq: number | null;
}>;

export function replayClock(events: ReadonlyArray<ClockEvent>): ClockReplay {
  const [first] = events;
  if (!first || first.kind !== 'START') throw new JournalError('the exercise journal does not begin with its start');
  const seqs: number[] = [];
  const states: ExerciseClock[] = [];
  let c: ExerciseClock | null = null;
  let endSeq: number | null = null;
  for (const e of events) {
    if (seqs.length > 0 && e.seq <= seqs[seqs.length - 1]!) {
      throw new JournalError(`journal entry ${e.seq} is out of order`);
    }
    try {
      c = step(c, e);
    } catch (err) {
      if (err instanceof ClockRefusal) throw new JournalError(`journal entry ${e.seq} (${e.kind}): ${err.message}`);
      throw err;
    }
    if (e.kind === 'END') endSeq = e.seq;
    seqs.push(e.seq);
    states.push(c);
  }
  return {
    final: c!,
    endSeq,
    scenarioAt(seq, realMs) {
      // The last transition before `seq` (binary search: the journal is in seq order).
      let lo = 0;
      let hi = seqs.length - 1;
      if (seq < seqs[0]!) return 0;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (seqs[mid]! < seq) lo = mid;
        else hi = mid - 1;
      }
      return scenarioMs(states[lo]!, realMs);
    },
  };
}

function step(c: ExerciseClock | null, e: ClockEvent): ExerciseClock {
  if (e.kind === 'START') {
    if (c !== null) throw new JournalError(`journal entry ${e.seq}: a second start`);
    return start(createClock({ rate: e.rate, endMs: e.endMs, injects: [] }), e.realMs);
  }
  if (c === null) throw new JournalError(`journal entry ${e.seq}: before the start`);
  switch (e.kind) {
    case 'PAUSE':
      return pause(c, e.realMs);
    case 'RESUME':
      return resume(c, e.realMs);
    case 'END':
      return end(c, e.realMs);
    case 'RATE':
      return setRate(c, e.realMs, e.rate);
    case 'SHIFT':
      return shift(c, e.realMs, e.byMs);
  }
}
