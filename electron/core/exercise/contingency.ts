import type { Scenario, ScenarioExpectation } from '../../contract/scenario';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/**
 * STAND-IN for scoring (issue 10): whether an expectation of a running exercise is already met,
 * as the engine needs it for an inject's `unless` contingency and for `after.expectation`.
 * core/exercise/score.ts (scoring, written separately) will provide `isExpectationMet` with the
 * same signature and this module will be replaced by it; nothing else should import this file.
 *
 * Until then it reads the audit trail directly, for the kinds an audit entry settles alone:
 * acknowledge (ACK), open (VIEW), pass (PASS, to the expected post when named) and repeat (REPEAT
 * to every expected addressee), by the people assigned to `who` (a role, or every role at a post),
 * `any` one or `all` of them, at any time after the inject fired. A `reply` needs the drafting
 * rule checker against its model and a `never` is never "met": both answer false here.
 */
export function isExpectationMet(db: Db, exerciseId: number, expectationId: string): boolean {
  const scenarioJson = prepared(db, 'SELECT scenario FROM exercises WHERE id = ?').pluck().get(exerciseId) as
    string | undefined;
  if (scenarioJson === undefined) return false;
  const scenario = JSON.parse(scenarioJson) as Scenario;
  const e = scenario.expectations.find((x) => x.id === expectationId);
  if (!e || e.kind === 'never' || e.kind === 'reply' || e.inject === undefined) return false;
  const cableId = prepared(db, 'SELECT cable_id FROM exercise_injects WHERE exercise_id = ? AND inject_id = ?')
    .pluck()
    .get(exerciseId, e.inject) as number | undefined;
  if (cableId === undefined) return false;
  const people = whoUserIds(db, exerciseId, scenario, e.who);
  if (people.length === 0) return false;
  const action = { acknowledge: 'ACK', open: 'VIEW', pass: 'PASS', repeat: 'REPEAT' }[e.kind];
  const entries = prepared(
    db,
    'SELECT actor_user_id AS userId, detail FROM audit_log WHERE cable_id = ? AND action = ?',
  ).all(cableId, action) as { userId: number | null; detail: string }[];
  const metBy = (userId: number): boolean => {
    const mine = entries.filter((x) => x.userId === userId).map((x) => JSON.parse(x.detail) as { to?: unknown });
    return settles(e, mine);
  };
  return e.mode === 'all' ? people.every(metBy) : people.some(metBy);
}

function settles(e: ScenarioExpectation, details: ReadonlyArray<{ to?: unknown }>): boolean {
  if (details.length === 0) return false;
  const targets = (d: { to?: unknown }): string[] =>
    Array.isArray(d.to) ? d.to.map((t) => String(t).trim().toUpperCase()) : [];
  if (e.kind === 'pass' && e.to !== undefined) return details.some((d) => targets(d).includes(e.to!));
  if (e.kind === 'repeat') {
    const done = new Set(details.flatMap(targets));
    return e.to.every((plad) => done.has(plad));
  }
  return true;
}

/** The users assigned to `who`: a role id, or every role at a post (PLAD). */
function whoUserIds(db: Db, exerciseId: number, scenario: Scenario, who: string): number[] {
  const roles = scenario.roles.some((r) => r.id === who)
    ? [who]
    : scenario.roles.filter((r) => r.post === who).map((r) => r.id);
  const byRole = prepared(db, 'SELECT user_id FROM exercise_assignments WHERE exercise_id = ? AND role_id = ?').pluck();
  return roles.flatMap((role) => {
    const id = byRole.get(exerciseId, role) as number | undefined;
    return id === undefined ? [] : [id];
  });
}
