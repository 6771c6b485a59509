import type { AuditAction } from '../../../electron/domain/audit';
import type {
  ActionEntry,
  Assignment,
  CableFacts,
  ClockEvent,
  DeliveryFacts,
  ExerciseRecord,
  FiredInject,
  ReleaseFacts,
  ScoredScenario,
  StationFacts,
} from '../../../electron/domain/exercise/record';

/**
 * Builds exercise records for the domain scoring tests: a journal written at given real times,
 * injects fired at scenario times, actions at real times — the shape core/exercise/record.ts
 * reads from the audit trail, without a database.
 */
export const MIN = 60_000;
/** Real ms of the exercise start (an arbitrary instant). */
export const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);

export const USRO = 'USMISSION USNATO';
export const PARIS = 'AMEMBASSY PARIS';

export const ANNE: Assignment = { role: 'duty', login: 'anne', userId: 11, post: USRO };
export const BEN: Assignment = { role: 'desk', login: 'ben', userId: 12, post: USRO };
export const CARL: Assignment = { role: 'paris', login: 'carl', userId: 13, post: PARIS };

export const cable = (id: number, ref: string, over: Partial<CableFacts> = {}): CableFacts => ({
  id,
  ref,
  subject: `Subject of ${ref}`,
  classification: 'CONFIDENTIAL',
  captions: [],
  dissem: [],
  banner: 'CONFIDENTIAL',
  passes: [],
  ...over,
});

export const scenario = (over: Partial<ScoredScenario> = {}): ScoredScenario => ({
  id: 'drill',
  title: 'A drill',
  clock: { start: '271800Z OCT 62' },
  roles: [
    { id: 'duty', post: USRO, function: 'duty officer' },
    { id: 'desk', post: USRO, function: 'desk officer' },
    { id: 'paris', post: PARIS, function: 'duty officer' },
  ],
  objectives: [
    { id: 'handling', text: 'Handles traffic', weight: 2 },
    { id: 'drafting', text: 'Drafts replies', weight: 1 },
  ],
  injects: [
    { id: 'a', cable: 'a' },
    { id: 'b', cable: 'b' },
    { id: 'c', cable: 'c' },
  ],
  expectations: [],
  debrief: [],
  ...over,
});

/** Omit over each member of a union. */
type Unseq<T> = T extends unknown ? Omit<T, 'seq'> : never;

type Event =
  | { realMs: number; order: number; kind: 'clock'; event: Unseq<ClockEvent> }
  | { realMs: number; order: number; kind: 'inject'; inject: Omit<FiredInject, 'seq'> }
  | { realMs: number; order: number; kind: 'action'; action: Omit<ActionEntry, 'seq'> }
  | { realMs: number; order: number; kind: 'release'; release: Omit<ReleaseFacts, 'seq'> & { userId: number } };

/**
 * Collects events at real times; `build()` orders them by real time (ties in the order given)
 * and numbers them as the audit trail would.
 */
export function recordBuilder(s: ScoredScenario, assignments: ReadonlyArray<Assignment>, rate = 1, endMin = 600) {
  const events: Event[] = [];
  let order = 0;
  const cables = new Map<number, CableFacts>();
  const deliveries = new Map<number, DeliveryFacts>();
  const stations = new Map<string, StationFacts>();
  const collectives = new Map<string, ReadonlyArray<string>>();
  const clock = (realMs: number, event: Unseq<ClockEvent>) =>
    events.push({ realMs, order: order++, kind: 'clock', event });
  clock(T0, { kind: 'START', realMs: T0, rate, endMs: endMin * MIN });
  const api = {
    cables,
    deliveries,
    stations,
    collectives,
    pause: (realMs: number) => (clock(realMs, { kind: 'PAUSE', realMs }), api),
    resume: (realMs: number) => (clock(realMs, { kind: 'RESUME', realMs }), api),
    end: (realMs: number) => (clock(realMs, { kind: 'END', realMs }), api),
    rate: (realMs: number, r: number) => (clock(realMs, { kind: 'RATE', realMs, rate: r }), api),
    shift: (realMs: number, byMs: number) => (clock(realMs, { kind: 'SHIFT', realMs, byMs }), api),
    /** Fires an inject at `scenarioMin`, written at real time `realMs`. */
    inject(realMs: number, inject: string, facts: CableFacts, scenarioMin: number, to: string[] = [USRO]) {
      cables.set(facts.id, facts);
      events.push({
        realMs,
        order: order++,
        kind: 'inject',
        inject: { inject, cableId: facts.id, scenarioMs: scenarioMin * MIN, how: 'SCHEDULE', stations: to },
      });
      return api;
    },
    act(
      realMs: number,
      who: Assignment | null,
      action: AuditAction,
      cableId: number | null,
      detail: Record<string, unknown> = {},
    ) {
      events.push({
        realMs,
        order: order++,
        kind: 'action',
        action: { realMs, userId: who?.userId ?? null, login: who?.login ?? null, action, cableId, detail },
      });
      return api;
    },
    release(realMs: number, by: Assignment, facts: Omit<ReleaseFacts, 'seq' | 'drafterUserId'>) {
      events.push({
        realMs,
        order: order++,
        kind: 'release',
        release: { ...facts, drafterUserId: by.userId, userId: 99 },
      });
      return api;
    },
    build(): ExerciseRecord {
      const sorted = [...events].sort((a, b) => a.realMs - b.realMs || a.order - b.order);
      const journal: ClockEvent[] = [];
      const injects: FiredInject[] = [];
      const actions: ActionEntry[] = [];
      const releases = new Map<number, ReleaseFacts>();
      sorted.forEach((e, i) => {
        const seq = 100 + i;
        if (e.kind === 'clock') journal.push({ ...e.event, seq } as ClockEvent);
        else if (e.kind === 'inject') injects.push({ ...e.inject, seq });
        else if (e.kind === 'action') actions.push({ ...e.action, seq });
        else {
          const { userId, ...facts } = e.release;
          actions.push({
            seq,
            realMs: e.realMs,
            userId,
            login: 'approver',
            action: 'RELEASE',
            cableId: facts.cableId,
            detail: { draft: facts.draftId, ref: facts.ref },
          });
          releases.set(seq, { ...facts, seq });
        }
      });
      return {
        exerciseId: 1,
        scenario: s,
        start: '1962-10-27T18:00:00.000Z',
        startSeq: 100,
        headSeq: 100 + sorted.length - 1,
        assignments,
        clock: journal,
        injects,
        skipped: [],
        actions,
        cables,
        deliveries,
        stations,
        collectives,
        releases,
        debriefs: [],
      };
    },
  };
  return api;
}

/**
 * The record a live fold holds after reading up to entry `seq`: copies of the lists, as
 * core/exercise/record.ts makes them, sharing the entry objects (records of one fold extend each
 * other: domain/exercise/record.ts extendsRecord).
 */
export function livePrefix(r: ExerciseRecord, seq: number): ExerciseRecord {
  const upTo = <T extends { seq: number }>(xs: ReadonlyArray<T>) => xs.filter((x) => x.seq <= seq);
  return {
    ...r,
    headSeq: seq,
    assignments: [...r.assignments],
    clock: upTo(r.clock),
    injects: upTo(r.injects),
    skipped: upTo(r.skipped),
    actions: upTo(r.actions),
    releases: new Map([...r.releases].filter(([s]) => s <= seq)),
  };
}
