import { rebuildAuditLog } from './auditTable';
import type { Migration } from './types';

/**
 * Exercises (issue 10; docs/EXERCISES.md "Running an exercise"):
 *
 * - The audit trail is rebuilt as in 0006 with the exercise journal's actions (EXERCISE_START …
 *   EXERCISE_DEBRIEF; their details: core/exercise/journal.ts), every entry copied unchanged.
 *   The rebuild drops the indexes made after 0004, so 0009's `audit_by_cable_action` is made again.
 * - `exercises` (the scenario as started, its clock state as the domain clock's JSON, at most one
 *   exercise not ENDED), `exercise_assignments` (role → trainee) and `exercise_injects` (the injects
 *   fired, each with its cable and its EXERCISE_INJECT entry).
 * - `cables.exercise_id`: the exercise that injected a cable, NULL outside exercises. Reference,
 *   series and MRN are unique per exercise, so an exercise may inject "TOPOL 578" although the
 *   archive holds it. SQLite cannot drop a column's UNIQUE, so `cables` is rebuilt by the 12-step
 *   procedure (foreign keys off, `foreign_key_check` before the commit: database.ts): same
 *   columns, same ids — the full-text index (rowid = cable id), the search keys, and every table
 *   that points at a cable keep pointing at the same rows.
 * - `deliveries.arrived_at`: when a delivery reached the inbox, the inbox's order. It is the
 *   delivery time for everything written so far and outside exercises; inside an exercise the
 *   delivery time is the scenario's (a 1962 DTG) while arrival is real time, so an inject arrives
 *   at the top of the inbox instead of sinking under the archive's later DTGs.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'exercises',
  rebuildsTables: true,
  up(db) {
    rebuildAuditLog(db, [
      ...['SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT', 'EXPORT', 'SEARCH'],
      ...['USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE'],
      ...['DIRECTORY_UPDATE', 'DESIGNATE', 'SIGN', 'REFUSE', 'SIGN_FAILED', 'DOWNGRADE', 'TAMPERED'],
      ...['KEY_CREATE', 'KEY_ROTATE', 'IMPORT'],
      ...['AUDIT_ANCHOR', 'SIGNATURE_CHAIN', 'APPROVAL_DESIGNATE', 'INSTALL'],
      ...['EXERCISE_START', 'EXERCISE_PAUSE', 'EXERCISE_RESUME', 'EXERCISE_RATE', 'EXERCISE_SHIFT'],
      ...['EXERCISE_TRIGGER', 'EXERCISE_SKIP', 'EXERCISE_END', 'EXERCISE_INJECT', 'EXERCISE_DEBRIEF'],
    ]);
    // Made by 0009; rebuildAuditLog makes only the indexes of 0004.
    db.exec('CREATE INDEX audit_by_cable_action ON audit_log(cable_id, action) WHERE cable_id IS NOT NULL');

    db.exec(`
      CREATE TABLE exercises (
        id INTEGER PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        title TEXT NOT NULL,
        -- The validated scenario document as given (the instructor's side only).
        scenario TEXT NOT NULL CHECK (json_valid(scenario)),
        -- Its cables by key as the cable writer takes them, FRUS references resolved at the start:
        -- an inject fired after a restart needs no file.
        cables TEXT NOT NULL CHECK (json_valid(cables) AND json_type(cables) = 'object'),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        -- The scenario start as an instant (ISO 8601): scenario time = start + the clock's ms.
        scenario_start TEXT NOT NULL,
        -- The domain clock (domain/exercise/clock.ts ExerciseClock) as JSON.
        state TEXT NOT NULL CHECK (json_valid(state)),
        status TEXT NOT NULL CHECK (status IN ('READY', 'RUNNING', 'PAUSED', 'ENDED')),
        started_by INTEGER NOT NULL REFERENCES users(id),
        started_at TEXT NOT NULL,
        ended_at TEXT,
        CHECK ((status = 'ENDED') = (ended_at IS NOT NULL))
      ) STRICT;
      -- At most one exercise runs (or is paused) at a time.
      CREATE UNIQUE INDEX exercises_one_active ON exercises(status <> 'ENDED') WHERE status <> 'ENDED';

      CREATE TABLE exercise_assignments (
        exercise_id INTEGER NOT NULL REFERENCES exercises(id),
        role_id TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (exercise_id, role_id),
        UNIQUE (exercise_id, user_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX exercise_assignments_user ON exercise_assignments(user_id);

      -- The injects fired. audit_seq names the EXERCISE_INJECT entry; it is not a foreign key, so
      -- that a later rebuild of audit_log (DROP TABLE with foreign keys on) stays possible.
      CREATE TABLE exercise_injects (
        exercise_id INTEGER NOT NULL REFERENCES exercises(id),
        inject_id TEXT NOT NULL,
        cable_id INTEGER NOT NULL UNIQUE REFERENCES cables(id),
        audit_seq INTEGER NOT NULL UNIQUE,
        PRIMARY KEY (exercise_id, inject_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE cables_next (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL CHECK (ref = upper(ref) AND length(ref) > 0),
        profile TEXT NOT NULL CHECK (profile IN ('FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN')),
        series_indicator TEXT CHECK (series_indicator = upper(series_indicator)),
        series_number INTEGER CHECK (series_number > 0),
        mrn_station TEXT,
        mrn_year INTEGER,
        mrn_serial INTEGER CHECK (mrn_serial > 0),
        dtg TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        originator_station_id INTEGER NOT NULL REFERENCES stations(id),
        originator_office_id INTEGER REFERENCES offices(id),
        classification TEXT NOT NULL CHECK (classification IN
          ('UNCLASSIFIED', 'UNCLAS_EFTO', 'SBU', 'LOU', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET')),
        class_rank INTEGER NOT NULL CHECK (class_rank BETWEEN 0 AND 3),
        captions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(captions) AND json_type(captions) = 'array'),
        dissem TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dissem) AND json_type(dissem) = 'array'),
        rel_to TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rel_to) AND json_type(rel_to) = 'array'),
        subject TEXT NOT NULL,
        file_ref TEXT,
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
        source_note TEXT,
        signature TEXT,
        created_at TEXT NOT NULL,
        categories TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        classification_reason TEXT,
        class_authority TEXT CHECK (class_authority IS NULL OR json_valid(class_authority)),
        legacy_eo TEXT CHECK (legacy_eo IS NULL OR json_valid(legacy_eo)),
        summary TEXT,
        exercise_id INTEGER REFERENCES exercises(id),
        CHECK ((series_indicator IS NULL) = (series_number IS NULL)),
        CHECK ((mrn_station IS NULL) = (mrn_serial IS NULL) AND (mrn_station IS NULL) = (mrn_year IS NULL))
      ) STRICT;
      INSERT INTO cables_next (id, ref, profile, series_indicator, series_number, mrn_station, mrn_year, mrn_serial,
          dtg, sent_at, originator_station_id, originator_office_id, classification, class_rank, captions, dissem,
          rel_to, subject, file_ref, tags, source_note, signature, created_at, categories, classification_reason,
          class_authority, legacy_eo, summary, exercise_id)
        SELECT id, ref, profile, series_indicator, series_number, mrn_station, mrn_year, mrn_serial,
          dtg, sent_at, originator_station_id, originator_office_id, classification, class_rank, captions, dissem,
          rel_to, subject, file_ref, tags, source_note, signature, created_at, categories, classification_reason,
          class_authority, legacy_eo, summary, NULL
        FROM cables;
      DROP TABLE cables;
      ALTER TABLE cables_next RENAME TO cables;
      -- Unique per exercise; the archive (exercise_id NULL) is one scope of its own. The reference
      -- leads, so "WHERE ref = ?" is one seek.
      CREATE UNIQUE INDEX cables_ref ON cables(ref, ifnull(exercise_id, 0));
      CREATE UNIQUE INDEX cables_series ON cables(series_indicator, series_number, ifnull(exercise_id, 0))
        WHERE series_indicator IS NOT NULL;
      -- Rule 22: MRN serials are unique per station per year (per exercise).
      CREATE UNIQUE INDEX cables_mrn ON cables(mrn_station, mrn_year, mrn_serial, ifnull(exercise_id, 0))
        WHERE mrn_station IS NOT NULL;
      CREATE INDEX cables_sent_at ON cables(sent_at DESC, id DESC);
      CREATE INDEX cables_exercise ON cables(exercise_id) WHERE exercise_id IS NOT NULL;

      ALTER TABLE deliveries ADD COLUMN arrived_at TEXT NOT NULL DEFAULT '';
      UPDATE deliveries SET arrived_at = delivered_at;
      DROP INDEX deliveries_inbox;
      -- The inbox: one station's deliveries, latest arrival first, keyset-paged.
      CREATE INDEX deliveries_inbox ON deliveries(station_id, arrived_at DESC, id DESC);
    `);
  },
};
