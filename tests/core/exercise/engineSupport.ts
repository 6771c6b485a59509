import type { SeededCore } from '../../support/tempCore';

/**
 * A live exercise row written directly (no scenario behind it): enough for the core clock, which
 * reads only the start and the clock's anchors. The engine tests start real exercises instead.
 */
export function insertLiveExercise(
  c: SeededCore,
  o: Readonly<{ start: string; rate: number; anchorRealMs: number; status: 'RUNNING' | 'PAUSED' }>,
): number {
  const instructor = c.db.prepare("SELECT id FROM users WHERE login = 'instructor'").pluck().get() as number;
  const state = {
    status: o.status,
    rate: o.rate,
    anchorRealMs: o.anchorRealMs,
    anchorScenarioMs: 0,
    endMs: 2 * 3_600_000,
    injects: [],
  };
  return Number(
    c.db
      .prepare(
        `INSERT INTO exercises (scenario_id, title, scenario, cables, sha256, scenario_start, state, status, started_by, started_at)
         VALUES ('clock-test', 'Clock test', '{}', '{}', ?, ?, ?, ?, ?, ?)`,
      )
      .run('0'.repeat(64), o.start, JSON.stringify(state), o.status, instructor, new Date().toISOString())
      .lastInsertRowid,
  );
}
