import type { PgMigration } from './types';

/**
 * The exercise's clock, published by the instructor's machine (issue 11 item 5; docs/CLASSROOM.md
 * "The exercise over the classroom"): the scenario start and the clock's anchors (status, rate,
 * real ms and scenario ms of the last anchor, the end) — never the inject queue, which is the
 * instructor's. Every member reads it, so a post stamps its trainee's acts with their scenario
 * time. Only an instructor publishes; `pg_notify('cableroom_clock')` tells the posts to read it again.
 */
export const pgMigration0004: PgMigration = {
  version: 4,
  name: 'exercise clock',
  sql: String.raw`
CREATE TABLE classroom.exercise_clock (
  id integer PRIMARY KEY CHECK (id = 1),
  exercise text NOT NULL,
  title text NOT NULL,
  scenario_start timestamptz NOT NULL,
  clock jsonb NOT NULL CHECK (jsonb_typeof(clock) = 'object'),
  published_by text NOT NULL REFERENCES classroom.members (login),
  published_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE classroom.exercise_clock OWNER TO cableroom_owner;
REVOKE ALL ON classroom.exercise_clock FROM PUBLIC;
GRANT SELECT ON classroom.exercise_clock TO cableroom_member;
ALTER TABLE classroom.exercise_clock ENABLE ROW LEVEL SECURITY;
CREATE POLICY exercise_clock_read ON classroom.exercise_clock FOR SELECT TO cableroom_member USING (true);

CREATE FUNCTION classroom.publish_clock(p_exercise text, p_title text, p_start timestamptz, p_clock jsonb)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF NOT (classroom.is_member(session_user) AND pg_has_role(session_user, 'cableroom_instructor', 'MEMBER')) THEN
    RAISE EXCEPTION 'only an instructor publishes the exercise clock' USING ERRCODE = '42501';
  END IF;
  INSERT INTO classroom.exercise_clock (id, exercise, title, scenario_start, clock, published_by, published_at)
    VALUES (1, p_exercise, p_title, p_start, p_clock, session_user, now())
    ON CONFLICT (id) DO UPDATE SET exercise = excluded.exercise, title = excluded.title,
      scenario_start = excluded.scenario_start, clock = excluded.clock, published_by = excluded.published_by,
      published_at = excluded.published_at;
  PERFORM pg_notify('cableroom_clock', '');
END
$fn$;
ALTER FUNCTION classroom.publish_clock(text, text, timestamptz, jsonb) OWNER TO cableroom_owner;
REVOKE ALL ON FUNCTION classroom.publish_clock(text, text, timestamptz, jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION classroom.publish_clock(text, text, timestamptz, jsonb) TO cableroom_instructor;
`,
};
