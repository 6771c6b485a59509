import type { PgMigration } from './types';

/**
 * Members no longer in the class (issue 11 item 3; docs/CLASSROOM.md "Setup"): `classroom init`
 * marks a member whose account is gone or disabled in the instructor's database, and takes its
 * login role's access away (NOLOGIN, out of the member and instructor groups, its sessions
 * ended). The row stays — grants and events name it — but a disabled member is no member for
 * the functions: it posts nothing, is granted nothing, and every other client leaves it out of
 * its recipients.
 */
export const pgMigration0003: PgMigration = {
  version: 3,
  name: 'disabled members',
  sql: String.raw`
ALTER TABLE classroom.members ADD COLUMN disabled boolean NOT NULL DEFAULT false;

-- The member check of every function: an enabled member.
CREATE FUNCTION classroom.is_member(p_login text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (SELECT 1 FROM classroom.members WHERE login = p_login AND NOT disabled)
$fn$;
ALTER FUNCTION classroom.is_member(text) OWNER TO cableroom_owner;

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
    IF FOUND THEN v_granted := v_granted + 1; END IF;
  END LOOP;
  IF v_granted > 0 THEN
    PERFORM pg_notify('cableroom_classroom', '');
  END IF;
  RETURN QUERY SELECT v_created, v_granted;
END
$fn$;

CREATE OR REPLACE FUNCTION classroom.post_event(
  p_key text, p_kind text, p_cable_hash text, p_scenario_time timestamptz, p_detail jsonb
) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_login text := session_user;
  v_seq bigint;
BEGIN
  IF NOT classroom.is_member(v_login) THEN
    RAISE EXCEPTION 'login % is not a member of the classroom', v_login USING ERRCODE = '42501';
  END IF;
  PERFORM pg_advisory_xact_lock(7011, 2);
  INSERT INTO classroom.events (seq, login, key, kind, cable_hash, scenario_time, detail)
    VALUES (nextval('classroom.event_seq'), v_login, p_key, p_kind, p_cable_hash, p_scenario_time,
            coalesce(p_detail, '{}'))
    ON CONFLICT (login, key) DO NOTHING
    RETURNING seq INTO v_seq;
  IF v_seq IS NULL THEN
    SELECT seq INTO v_seq FROM classroom.events WHERE login = v_login AND key = p_key;
  ELSE
    PERFORM pg_notify('cableroom_events', '');
  END IF;
  RETURN v_seq;
END
$fn$;

REVOKE ALL ON FUNCTION classroom.is_member(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION classroom.is_member(text) TO cableroom_member;
`,
};
