import type { PgMigration } from './types';

/**
 * The instructor's view of the class (issue 11 item 3, `classroom status`): for every member,
 * whether a session of its login is connected, its last reported cursor and outbox, and how
 * many of its grants lie beyond that cursor. Grants are not readable across logins (RLS), so
 * the count comes from a SECURITY DEFINER function that only instructors may call.
 */
export const pgMigration0002: PgMigration = {
  version: 2,
  name: 'class status',
  sql: String.raw`
CREATE FUNCTION classroom.class_status()
  RETURNS TABLE (login text, station text, connected boolean, cursor bigint, queued integer,
                 seen_at timestamptz, pending bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  IF NOT pg_has_role(session_user, 'cableroom_instructor', 'MEMBER') THEN
    RAISE EXCEPTION 'only an instructor reads the status of the class' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT m.login, m.station,
           EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.usename = m.login AND a.datname = current_database()),
           p.cursor, p.queued, p.seen_at,
           (SELECT count(*) FROM classroom.grants g WHERE g.login = m.login AND g.seq > coalesce(p.cursor, 0))
      FROM classroom.members m LEFT JOIN classroom.presence p ON p.login = m.login
     ORDER BY m.login;
END
$fn$;
ALTER FUNCTION classroom.class_status() OWNER TO cableroom_owner;
REVOKE ALL ON FUNCTION classroom.class_status() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION classroom.class_status() TO cableroom_instructor;
`,
};
