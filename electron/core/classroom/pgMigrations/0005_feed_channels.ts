import type { PgMigration } from './types';

/**
 * One notification channel per login (issue 11 item 4; docs/CLASSROOM.md "Performance"): a post
 * used to notify the one channel every client listens on, so each cable woke every machine of the
 * class to run a query that found nothing for most of them. `post_cable` now notifies each
 * recipient's own channel, `classroom.feed_channel(login)` ("cableroom_" and the login, cut to
 * PostgreSQL's 63-byte identifiers), with an empty payload as before; polling stays the fallback.
 * A channel says only "look": a member listening on another's learns when it was granted
 * something, never what (RLS still decides what it reads).
 */
export const pgMigration0005: PgMigration = {
  version: 5,
  name: 'feed channel per login',
  sql: String.raw`
CREATE FUNCTION classroom.feed_channel(p_login text) RETURNS text
  LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT left('cableroom_' || p_login, 63)
$fn$;
ALTER FUNCTION classroom.feed_channel(text) OWNER TO cableroom_owner;
REVOKE ALL ON FUNCTION classroom.feed_channel(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION classroom.feed_channel(text) TO cableroom_member;

CREATE OR REPLACE FUNCTION classroom.post_cable(
  p_hash text, p_ref text, p_class_rank integer, p_categories text[], p_document text, p_grants jsonb
) RETURNS TABLE (created boolean, granted integer)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_login text := session_user;
  v_created boolean;
  v_granted integer := 0;
  v_rank integer;
  v_categories text[];
  g jsonb;
BEGIN
  IF NOT classroom.is_member(v_login) THEN
    RAISE EXCEPTION 'login % is not a member of the classroom', v_login USING ERRCODE = '42501';
  END IF;
  IF p_hash IS DISTINCT FROM encode(sha256(convert_to(p_document, 'UTF8')), 'hex') THEN
    RAISE EXCEPTION 'the content hash does not match the document' USING ERRCODE = '22023';
  END IF;
  IF p_grants IS NULL OR jsonb_typeof(p_grants) <> 'array' THEN
    RAISE EXCEPTION 'grants must be a JSON array' USING ERRCODE = '22023';
  END IF;
  PERFORM pg_advisory_xact_lock(7011, 1);
  INSERT INTO classroom.cables (hash, ref, class_rank, categories, document, posted_by)
    VALUES (p_hash, p_ref, p_class_rank, coalesce(p_categories, '{}'), p_document, v_login)
    ON CONFLICT (hash) DO NOTHING;
  v_created := FOUND;
  SELECT class_rank, categories INTO v_rank, v_categories FROM classroom.cables WHERE hash = p_hash;
  FOR g IN SELECT value FROM jsonb_array_elements(p_grants) LOOP
    IF g->>'role' NOT IN ('ACTION', 'INFO', 'PASS', 'REPEAT') THEN
      RAISE EXCEPTION 'unknown grant role %', g->>'role' USING ERRCODE = '22023';
    END IF;
    -- The floor: a grant only to an enabled member whose label dominates the cable's.
    INSERT INTO classroom.grants (seq, cable_hash, login, role)
      SELECT nextval('classroom.grant_seq'), p_hash, m.login, g->>'role'
        FROM classroom.members m
       WHERE m.login = g->>'login' AND NOT m.disabled AND m.clearance_rank >= v_rank AND v_categories <@ m.categories
      ON CONFLICT (cable_hash, login) DO NOTHING;
    IF FOUND THEN
      v_granted := v_granted + 1;
      -- Only the recipient wakes: its own channel, the payload still empty.
      PERFORM pg_notify(classroom.feed_channel(g->>'login'), '');
    END IF;
  END LOOP;
  RETURN QUERY SELECT v_created, v_granted;
END
$fn$;
`,
};
