/**
 * The scenario clock and its inject queue (EXERCISES.md §3), as pure state transitions over real
 * time. Scenario time is kept as milliseconds since the scenario start:
 *
 *   scenario(t) = anchorScenario + (t − anchorReal) × rate   while running
 *   scenario(t) = anchorScenario                             while ready, paused or ended
 *
 * Every transition that changes the rate or stops the clock re-anchors at the moment it happens,
 * so "start + (real time since start − paused time) × rate" holds piecewise and no transition
 * makes the clock jump. Nothing here reads a clock or writes anywhere: core persists the state
 * and passes the real time in.
 */

export type ClockStatus = 'READY' | 'RUNNING' | 'PAUSED' | 'ENDED';
export type InjectState = 'PENDING' | 'FIRED' | 'SKIPPED';
/** How an inject left the queue: at its time, by "trigger now", or skipped by the instructor. */
export type InjectOutcome = 'SCHEDULE' | 'TRIGGER' | 'SKIP';

export type QueuedInject = Readonly<{
  id: string;
  /** Scenario ms at which it is due; null while it waits for a trigger or for its predecessor. */
  dueMs: number | null;
  state: InjectState;
  /** Scenario ms at which it fired or was skipped; null while pending. */
  doneMs: number | null;
  how: InjectOutcome | null;
}>;

export type ExerciseClock = Readonly<{
  status: ClockStatus;
  /** Scenario minutes per real minute. */
  rate: number;
  /** Real ms of the last anchor (start, pause, resume, rate change, end); null before the start. */
  anchorRealMs: number | null;
  /** Scenario ms at that anchor. */
  anchorScenarioMs: number;
  /** Scenario ms of the end: the clock stops there. */
  endMs: number;
  /** In the scenario's order; an inject fires at most once. */
  injects: ReadonlyArray<QueuedInject>;
}>;

export type ClockPlan = Readonly<{
  rate: number;
  endMs: number;
  injects: ReadonlyArray<Readonly<{ id: string; dueMs: number | null }>>;
}>;

export type ClockRefusalCode =
  'NOT_STARTED' | 'NOT_RUNNING' | 'NOT_PAUSED' | 'ENDED' | 'BAD_RATE' | 'BAD_SHIFT' | 'UNKNOWN_INJECT' | 'NOT_PENDING';

/** A transition that does not apply in the clock's state (core reports it as a CONFLICT). */
export class ClockRefusal extends Error {
  constructor(
    readonly code: ClockRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClockRefusal';
  }
}

/** The highest rate accepted: a day of scenario per real minute. */
export const MAX_RATE = 1440;

function checkRate(rate: number): void {
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) {
    throw new ClockRefusal('BAD_RATE', `The rate must be above 0 and at most ${MAX_RATE} scenario minutes per minute.`);
  }
}

export function createClock(plan: ClockPlan): ExerciseClock {
  checkRate(plan.rate);
  const ids = new Set<string>();
  for (const i of plan.injects) {
    if (ids.has(i.id)) throw new ClockRefusal('UNKNOWN_INJECT', `Inject "${i.id}" is listed twice.`);
    ids.add(i.id);
  }
  return {
    status: 'READY',
    rate: plan.rate,
    anchorRealMs: null,
    anchorScenarioMs: 0,
    endMs: plan.endMs,
    injects: plan.injects.map((i) => ({ id: i.id, dueMs: i.dueMs, state: 'PENDING', doneMs: null, how: null })),
  };
}

/** Scenario ms at real time `realMs`: never before the last anchor, never past the end. */
export function scenarioMs(c: ExerciseClock, realMs: number): number {
  if (c.status !== 'RUNNING' || c.anchorRealMs === null) return c.anchorScenarioMs;
  // A real clock set back must not run the scenario backwards.
  const elapsed = Math.max(0, realMs - c.anchorRealMs);
  return Math.min(c.endMs, c.anchorScenarioMs + elapsed * c.rate);
}

function live(c: ExerciseClock, what: string): void {
  if (c.status === 'ENDED') throw new ClockRefusal('ENDED', `The exercise has ended: cannot ${what}.`);
}

function reanchor(c: ExerciseClock, realMs: number): Pick<ExerciseClock, 'anchorRealMs' | 'anchorScenarioMs'> {
  return { anchorRealMs: realMs, anchorScenarioMs: scenarioMs(c, realMs) };
}

export function start(c: ExerciseClock, realMs: number): ExerciseClock {
  live(c, 'start it');
  if (c.status !== 'READY') throw new ClockRefusal('NOT_STARTED', 'The exercise has already started.');
  return { ...c, status: 'RUNNING', anchorRealMs: realMs, anchorScenarioMs: 0 };
}

export function pause(c: ExerciseClock, realMs: number): ExerciseClock {
  live(c, 'pause');
  if (c.status !== 'RUNNING') throw new ClockRefusal('NOT_RUNNING', 'The clock is not running.');
  return { ...c, ...reanchor(c, realMs), status: 'PAUSED' };
}

export function resume(c: ExerciseClock, realMs: number): ExerciseClock {
  live(c, 'resume');
  if (c.status !== 'PAUSED') throw new ClockRefusal('NOT_PAUSED', 'The clock is not paused.');
  return { ...c, status: 'RUNNING', anchorRealMs: realMs };
}

/** A new rate from this moment on: the scenario time reached so far is kept (no jump). */
export function setRate(c: ExerciseClock, realMs: number, rate: number): ExerciseClock {
  live(c, 'change the rate');
  checkRate(rate);
  return c.status === 'READY' ? { ...c, rate } : { ...c, ...reanchor(c, realMs), rate };
}

/**
 * Moves every pending inject that has a time, and the end, by `deltaMs` (negative: earlier),
 * keeping the spacing between them; the clock itself and what has fired do not move. Refused
 * when the end would fall before the current scenario time.
 */
export function shift(c: ExerciseClock, realMs: number, deltaMs: number): ExerciseClock {
  live(c, 'shift it');
  if (!Number.isFinite(deltaMs)) throw new ClockRefusal('BAD_SHIFT', 'The shift must be a number of minutes.');
  if (c.endMs + deltaMs < scenarioMs(c, realMs)) {
    throw new ClockRefusal('BAD_SHIFT', 'The shift would put the end before the current scenario time.');
  }
  return {
    ...c,
    endMs: c.endMs + deltaMs,
    injects: c.injects.map((i) => (i.state === 'PENDING' && i.dueMs !== null ? { ...i, dueMs: i.dueMs + deltaMs } : i)),
  };
}

function pending(c: ExerciseClock, id: string): QueuedInject {
  const inject = c.injects.find((i) => i.id === id);
  if (!inject) throw new ClockRefusal('UNKNOWN_INJECT', `No inject "${id}" in this exercise.`);
  if (inject.state !== 'PENDING') {
    throw new ClockRefusal(
      'NOT_PENDING',
      `Inject "${id}" has already ${inject.state === 'FIRED' ? 'fired' : 'been skipped'}.`,
    );
  }
  return inject;
}

function settle(c: ExerciseClock, id: string, state: InjectState, doneMs: number, how: InjectOutcome): ExerciseClock {
  return { ...c, injects: c.injects.map((i) => (i.id === id ? { ...i, state, doneMs, how } : i)) };
}

/**
 * "Trigger now": the inject fires at the current scenario time, whatever the clock does — a
 * pause does not delay it (EXERCISES.md §1, what instructors ask for).
 */
export function triggerNow(c: ExerciseClock, realMs: number, id: string): ExerciseClock {
  live(c, 'trigger an inject');
  if (c.status === 'READY') throw new ClockRefusal('NOT_STARTED', 'Start the exercise before triggering an inject.');
  pending(c, id);
  return settle(c, id, 'FIRED', scenarioMs(c, realMs), 'TRIGGER');
}

/** The instructor skips an inject (or its `unless` expectation was met): it will never fire. */
export function skip(c: ExerciseClock, realMs: number, id: string): ExerciseClock {
  live(c, 'skip an inject');
  pending(c, id);
  return settle(c, id, 'SKIPPED', scenarioMs(c, realMs), 'SKIP');
}

/** Gives a waiting inject (one `after` another) its time, once its predecessor has fired. */
export function schedule(c: ExerciseClock, id: string, dueMs: number): ExerciseClock {
  live(c, 'schedule an inject');
  const inject = pending(c, id);
  if (inject.dueMs !== null) throw new ClockRefusal('NOT_PENDING', `Inject "${id}" already has a time.`);
  return { ...c, injects: c.injects.map((i) => (i.id === id ? { ...i, dueMs } : i)) };
}

export function end(c: ExerciseClock, realMs: number): ExerciseClock {
  live(c, 'end it');
  return { ...c, ...reanchor(c, realMs), status: 'ENDED' };
}

export type Tick = Readonly<{ clock: ExerciseClock; fired: ReadonlyArray<QueuedInject> }>;

/**
 * Advances to `realMs`: every pending inject whose time has come fires, in time order (ties in
 * the scenario's order), each at its own scheduled time — so a tick that comes late, or the
 * first one after a restart, catches up with the same DTGs. At the end the clock stops.
 */
export function tick(c: ExerciseClock, realMs: number): Tick {
  if (c.status !== 'RUNNING') return { clock: c, fired: [] };
  const now = scenarioMs(c, realMs);
  const due = c.injects
    .map((inject, order) => ({ inject, order }))
    .filter(({ inject }) => inject.state === 'PENDING' && inject.dueMs !== null && inject.dueMs <= now)
    .sort((a, b) => a.inject.dueMs! - b.inject.dueMs! || a.order - b.order)
    .map(({ inject }) => inject);
  let next = c;
  for (const i of due) next = settle(next, i.id, 'FIRED', Math.max(0, i.dueMs!), 'SCHEDULE');
  if (now >= next.endMs) next = { ...next, status: 'ENDED', anchorRealMs: realMs, anchorScenarioMs: next.endMs };
  return { clock: next, fired: due.map((i) => next.injects.find((n) => n.id === i.id)!) };
}
