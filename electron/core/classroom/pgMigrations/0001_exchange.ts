import type { PgMigration } from './types';

/**
 * The classroom exchange (issue 11 item 1; docs/CLASSROOM.md): the class directory, the cables
 * as signed documents, who may receive each (grants), the trainees' events, and each post's
 * last-reported cursor. Row-level security decides what a login reads; nobody but the owner
 * role writes a table: members post through SECURITY DEFINER functions.
 *
 * Roles (cluster-wide, made once): `cableroom_owner` owns every object and is the identity the
 * functions run as (an owner is not subject to its tables' policies); `cableroom_member` is the
 * group every account's login role belongs to; `cableroom_instructor` (a member too) may read
 * every post's events and presence for the dashboard.
 */
export const pgMigration0001: PgMigration = {
  version: 1,
  name: 'exchange',
  sql: String.raw`
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cableroom_owner') THEN
    CREATE ROLE cableroom_owner NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cableroom_member') THEN
    CREATE ROLE cableroom_member NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cableroom_instructor') THEN
    CREATE ROLE cableroom_instructor NOLOGIN IN ROLE cableroom_member;
  END IF;
END
$$;

ALTER SCHEMA classroom OWNER TO cableroom_owner;
REVOKE ALL ON SCHEMA classroom FROM PUBLIC;
GRANT USAGE ON SCHEMA classroom TO cableroom_member;

-- The class directory, written by the instructor (classroom init): who staffs which post, with
-- the handling attributes the access decision needs (DOMAIN.md rules 14, 15, 18, 20) and the
-- public keys their signatures are checked against.
CREATE TABLE classroom.members (
  login text PRIMARY KEY CHECK (login ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  person text NOT NULL,
  display_name text NOT NULL,
  station text NOT NULL,
  office text,
  account_role text NOT NULL,
  clearance text NOT NULL,
  clearance_rank integer NOT NULL CHECK (clearance_rank BETWEEN 0 AND 10),
  categories text[] NOT NULL DEFAULT '{}',
  caption_roles text[] NOT NULL DEFAULT '{}',
  foreign_national boolean NOT NULL DEFAULT false,
  nationality text,
  principal boolean NOT NULL DEFAULT false,
  exdis_designee boolean NOT NULL DEFAULT false,
  -- [{ "fingerprint": hex32, "publicKey": hex64 }]: every key the person has signed with.
  keys jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(keys) = 'array')
);

-- A released cable: the signed-cable document (the same JSON a signed bundle carries), its
-- SHA-256 and its label (classification rank, restrictive categories) for the RLS floor.
CREATE TABLE classroom.cables (
  hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
  ref text NOT NULL,
  class_rank integer NOT NULL,
  categories text[] NOT NULL DEFAULT '{}',
  document text NOT NULL,
  posted_by text NOT NULL REFERENCES classroom.members (login),
  posted_at timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE classroom.grant_seq;
CREATE SEQUENCE classroom.event_seq;

-- Who receives a cable, in feed order: readers page by seq > cursor.
CREATE TABLE classroom.grants (
  seq bigint PRIMARY KEY,
  cable_hash text NOT NULL REFERENCES classroom.cables (hash),
  login text NOT NULL REFERENCES classroom.members (login),
  role text NOT NULL CHECK (role IN ('ACTION', 'INFO', 'PASS', 'REPEAT')),
  UNIQUE (cable_hash, login)
);
CREATE INDEX grants_by_login ON classroom.grants (login, seq);

-- What the posts did (received, refused, acknowledged …): the instructor's view of the class.
CREATE TABLE classroom.events (
  seq bigint PRIMARY KEY,
  login text NOT NULL REFERENCES classroom.members (login),
  -- The client's own id of the event: a retried post is stored once.
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 80),
  kind text NOT NULL CHECK (kind ~ '^[A-Z_]{1,40}$'),
  cable_hash text,
  scenario_time timestamptz,
  detail jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(detail) = 'object'),
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (login, key)
);

-- Each post's last report: its cursor and its outbox (classroom status).
CREATE TABLE classroom.presence (
  login text PRIMARY KEY REFERENCES classroom.members (login),
  cursor bigint NOT NULL,
  queued integer NOT NULL,
  seen_at timestamptz NOT NULL
);

ALTER TABLE classroom.members OWNER TO cableroom_owner;
ALTER TABLE classroom.cables OWNER TO cableroom_owner;
ALTER TABLE classroom.grants OWNER TO cableroom_owner;
ALTER TABLE classroom.events OWNER TO cableroom_owner;
ALTER TABLE classroom.presence OWNER TO cableroom_owner;
ALTER SEQUENCE classroom.grant_seq OWNER TO cableroom_owner;
ALTER SEQUENCE classroom.event_seq OWNER TO cableroom_owner;

-- Members read; only the owner writes (no INSERT, UPDATE or DELETE is granted to anyone).
REVOKE ALL ON ALL TABLES IN SCHEMA classroom FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA classroom FROM PUBLIC;
GRANT SELECT ON classroom.members, classroom.cables, classroom.grants, classroom.events, classroom.presence
  TO cableroom_member;

ALTER TABLE classroom.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE classroom.cables ENABLE ROW LEVEL SECURITY;
ALTER TABLE classroom.grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE classroom.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE classroom.presence ENABLE ROW LEVEL SECURITY;

-- The label check of one cable for the connected login (DOMAIN.md rule 18: clearance dominates
-- the classification, and every restrictive category is held). SECURITY DEFINER so that the
-- grants policy can look at the cable without going through the cables policy (which looks at
-- grants: policies that read each other recurse).
CREATE FUNCTION classroom.dominated(p_hash text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
    SELECT EXISTS (
      SELECT 1 FROM classroom.cables c JOIN classroom.members m ON m.login = session_user
       WHERE c.hash = p_hash AND m.clearance_rank >= c.class_rank AND c.categories <@ m.categories)
$fn$;

CREATE POLICY members_read ON classroom.members FOR SELECT TO cableroom_member USING (true);

-- A grant: only one's own, and only for a cable one's label dominates.
CREATE POLICY grants_own ON classroom.grants FOR SELECT TO cableroom_member
  USING (login = current_user AND classroom.dominated(cable_hash));

-- A cable: only through one's own grant, and only when one's label dominates it.
CREATE POLICY cables_granted ON classroom.cables FOR SELECT TO cableroom_member
  USING (
    EXISTS (SELECT 1 FROM classroom.grants g WHERE g.cable_hash = hash AND g.login = current_user)
    AND EXISTS (
      SELECT 1 FROM classroom.members m
       WHERE m.login = current_user AND m.clearance_rank >= class_rank AND categories <@ m.categories)
  );

CREATE POLICY events_own ON classroom.events FOR SELECT TO cableroom_member
  USING (login = current_user OR pg_has_role(current_user, 'cableroom_instructor', 'MEMBER'));
CREATE POLICY presence_own ON classroom.presence FOR SELECT TO cableroom_member
  USING (login = current_user OR pg_has_role(current_user, 'cableroom_instructor', 'MEMBER'));

-- Posts a released cable and its grants. The advisory lock is held to commit, so grant numbers
-- are committed in the order they are taken and a reader paging by seq > cursor never skips one.
-- Idempotent on the content hash: a retried post (an outbox sent twice) adds nothing.
CREATE FUNCTION classroom.post_cable(
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
  IF NOT EXISTS (SELECT 1 FROM classroom.members WHERE login = v_login) THEN
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
    -- The floor: a grant only to a member whose label dominates the cable's.
    INSERT INTO classroom.grants (seq, cable_hash, login, role)
      SELECT nextval('classroom.grant_seq'), p_hash, m.login, g->>'role'
        FROM classroom.members m
       WHERE m.login = g->>'login' AND m.clearance_rank >= v_rank AND v_categories <@ m.categories
      ON CONFLICT (cable_hash, login) DO NOTHING;
    IF FOUND THEN v_granted := v_granted + 1; END IF;
  END LOOP;
  IF v_granted > 0 THEN
    -- An empty payload: any member may LISTEN, so the notice says nothing but "look".
    PERFORM pg_notify('cableroom_classroom', '');
  END IF;
  RETURN QUERY SELECT v_created, v_granted;
END
$fn$;

-- Posts an event of the connected login; idempotent on the client's key.
CREATE FUNCTION classroom.post_event(
  p_key text, p_kind text, p_cable_hash text, p_scenario_time timestamptz, p_detail jsonb
) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  v_login text := session_user;
  v_seq bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM classroom.members WHERE login = v_login) THEN
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

-- A post's report of its cursor and queue (classroom status).
CREATE FUNCTION classroom.report_presence(p_cursor bigint, p_queued integer) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
BEGIN
  INSERT INTO classroom.presence (login, cursor, queued, seen_at)
    SELECT login, p_cursor, p_queued, now() FROM classroom.members WHERE login = session_user
    ON CONFLICT (login) DO UPDATE SET cursor = excluded.cursor, queued = excluded.queued, seen_at = excluded.seen_at;
END
$fn$;

ALTER FUNCTION classroom.dominated(text) OWNER TO cableroom_owner;
ALTER FUNCTION classroom.post_cable(text, text, integer, text[], text, jsonb) OWNER TO cableroom_owner;
ALTER FUNCTION classroom.post_event(text, text, text, timestamptz, jsonb) OWNER TO cableroom_owner;
ALTER FUNCTION classroom.report_presence(bigint, integer) OWNER TO cableroom_owner;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA classroom FROM PUBLIC;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA classroom TO cableroom_member;
`,
};
