import type { Migration } from './types';

/**
 * The cable model of DOMAIN.md §8a. A cable is the message (MRN, label, text); each time it is
 * sent is a transmission: the original, and every repeat as a transmission of its own linked to
 * its parent (rule 16: a repeat keeps MRN, classification and captions). Addressees, Eyes Only
 * persons and pass instructions belong to a transmission; deliveries record what reached which
 * station and how.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'cables',
  up(db) {
    db.exec(`
      CREATE TABLE cables (
        id INTEGER PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE CHECK (ref = upper(ref) AND length(ref) > 0),
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
        -- Rank used by the read-up test (rule 18); 0 for U and the administrative controls (rule 2).
        class_rank INTEGER NOT NULL CHECK (class_rank BETWEEN 0 AND 3),
        -- Ordered caption list (rule 12), dissemination controls and REL TO countries, as JSON arrays.
        captions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(captions) AND json_type(captions) = 'array'),
        dissem TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(dissem) AND json_type(dissem) = 'array'),
        rel_to TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(rel_to) AND json_type(rel_to) = 'array'),
        subject TEXT NOT NULL,
        file_ref TEXT,
        tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
        source_note TEXT,
        signature TEXT,
        created_at TEXT NOT NULL,
        CHECK ((series_indicator IS NULL) = (series_number IS NULL)),
        CHECK ((mrn_station IS NULL) = (mrn_serial IS NULL) AND (mrn_station IS NULL) = (mrn_year IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX cables_series ON cables(series_indicator, series_number) WHERE series_indicator IS NOT NULL;
      -- Rule 22: MRN serials are unique per station per year.
      CREATE UNIQUE INDEX cables_mrn ON cables(mrn_station, mrn_year, mrn_serial) WHERE mrn_station IS NOT NULL;
      CREATE INDEX cables_sent_at ON cables(sent_at DESC, id DESC);

      CREATE TABLE cable_references (
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        ref_cable_id INTEGER REFERENCES cables(id),
        PRIMARY KEY (cable_id, ordinal)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX cable_references_target ON cable_references(ref_cable_id) WHERE ref_cable_id IS NOT NULL;

      CREATE TABLE paragraphs (
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        number INTEGER CHECK (number IS NULL OR number > 0),
        portion TEXT NOT NULL CHECK (portion IN ('U', 'SBU', 'SBU-N', 'C', 'S', 'TS')),
        fyi INTEGER NOT NULL DEFAULT 0 CHECK (fyi IN (0, 1)),
        text TEXT NOT NULL,
        PRIMARY KEY (cable_id, ordinal)
      ) STRICT, WITHOUT ROWID;

      -- Drafted / cleared / approved, by a person or by an office ("cleared by EUR and NEA").
      CREATE TABLE drafting_roles (
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('DRAFTED', 'CLEARED', 'APPROVED')),
        person_id INTEGER REFERENCES people(id),
        office_id INTEGER REFERENCES offices(id),
        clearance_kind TEXT CHECK (clearance_kind IN ('CLEAR', 'INFO', 'SUBST')),
        PRIMARY KEY (cable_id, ordinal),
        CHECK ((person_id IS NULL) <> (office_id IS NULL)),
        CHECK ((role = 'CLEARED') = (clearance_kind IS NOT NULL))
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE transmissions (
        id INTEGER PRIMARY KEY,
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('ORIGINAL', 'REPEAT')),
        parent_id INTEGER REFERENCES transmissions(id),
        dtg TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        sender_station_id INTEGER NOT NULL REFERENCES stations(id),
        -- Transmission precedence = highest addressee precedence (rule 9), fixed at send time.
        precedence TEXT NOT NULL CHECK (precedence IN ('FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE')),
        note TEXT,
        CHECK ((kind = 'ORIGINAL') = (parent_id IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX transmissions_one_original ON transmissions(cable_id) WHERE kind = 'ORIGINAL';
      CREATE INDEX transmissions_cable ON transmissions(cable_id);

      CREATE TABLE addressees (
        id INTEGER PRIMARY KEY,
        transmission_id INTEGER NOT NULL REFERENCES transmissions(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        station_id INTEGER REFERENCES stations(id),
        collective_id INTEGER REFERENCES collectives(id),
        role TEXT NOT NULL CHECK (role IN ('ACTION', 'INFO', 'EXEMPT')),
        precedence TEXT NOT NULL CHECK (precedence IN ('FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE')),
        niact INTEGER NOT NULL DEFAULT 0 CHECK (niact IN (0, 1)),
        channel_series TEXT,
        channel_serial INTEGER CHECK (channel_serial > 0),
        UNIQUE (transmission_id, ordinal),
        CHECK ((station_id IS NULL) <> (collective_id IS NULL)),
        -- Rule 11: an exemption names a station, never a collective.
        CHECK (role <> 'EXEMPT' OR station_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX addressees_transmission ON addressees(transmission_id);

      -- "For" persons of an addressee (5 FAH-2 H-442: FOR xxx ONLY).
      CREATE TABLE addressee_for (
        addressee_id INTEGER NOT NULL REFERENCES addressees(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id),
        PRIMARY KEY (addressee_id, person_id)
      ) STRICT, WITHOUT ROWID;

      -- Eyes Only of a transmission (rule 14): named persons, or the principals of the receiving posts.
      CREATE TABLE eyes_only (
        transmission_id INTEGER NOT NULL REFERENCES transmissions(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL,
        person_id INTEGER REFERENCES people(id),
        principals INTEGER NOT NULL DEFAULT 0 CHECK (principals IN (0, 1)),
        PRIMARY KEY (transmission_id, ordinal),
        CHECK ((person_id IS NULL) = (principals = 1))
      ) STRICT, WITHOUT ROWID;

      -- "X PASS Y" (rule 17: X is an addressee of the transmission; checked by the writer).
      CREATE TABLE pass_instructions (
        id INTEGER PRIMARY KEY,
        transmission_id INTEGER NOT NULL REFERENCES transmissions(id) ON DELETE CASCADE,
        by_station_id INTEGER NOT NULL REFERENCES stations(id),
        to_station_id INTEGER NOT NULL REFERENCES stations(id),
        precedence TEXT CHECK (precedence IN ('FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE')),
        status TEXT NOT NULL CHECK (status IN ('PENDING', 'DONE')),
        executed_at TEXT,
        executed_by_user_id INTEGER REFERENCES users(id),
        UNIQUE (transmission_id, by_station_id, to_station_id),
        CHECK (by_station_id <> to_station_id),
        CHECK ((status = 'DONE') = (executed_at IS NOT NULL))
      ) STRICT;

      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        transmission_id INTEGER NOT NULL REFERENCES transmissions(id) ON DELETE CASCADE,
        -- Denormalised from the transmission so that the inbox reads one index.
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        station_id INTEGER NOT NULL REFERENCES stations(id),
        role TEXT NOT NULL CHECK (role IN ('ACTION', 'INFO')),
        via TEXT NOT NULL CHECK (via IN ('DIRECT', 'COLLECTIVE', 'PASS', 'REPEAT')),
        collective_id INTEGER REFERENCES collectives(id),
        pass_id INTEGER REFERENCES pass_instructions(id),
        precedence TEXT NOT NULL CHECK (precedence IN ('FLASH', 'IMMEDIATE', 'PRIORITY', 'ROUTINE')),
        niact INTEGER NOT NULL DEFAULT 0 CHECK (niact IN (0, 1)),
        delivered_at TEXT NOT NULL,
        ack_at TEXT,
        ack_by_user_id INTEGER REFERENCES users(id),
        UNIQUE (transmission_id, station_id),
        CHECK ((via = 'PASS') = (pass_id IS NOT NULL))
      ) STRICT;
      -- The inbox: one station's deliveries, newest first, keyset-paged (constant time per page).
      CREATE INDEX deliveries_inbox ON deliveries(station_id, delivered_at DESC, id DESC);
      CREATE INDEX deliveries_cable ON deliveries(cable_id);
    `);
  },
};
