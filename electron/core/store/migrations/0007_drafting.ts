import { rebuildAuditLog } from './auditTable';
import type { Migration } from './types';

/**
 * The drafting desk (DOMAIN.md §1.11, rules 19, 23, 24): signing keys in the directory, drafts
 * with their clearance chain, the signatures of released cables, and the fields a draft adds to
 * a cable (classification reason, classification authority, E.O. line, summary). The audit
 * trail is rebuilt as in 0006 to accept the drafting actions; its entries are copied unchanged.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'drafting',
  up(db) {
    db.exec(`
      -- Ed25519 public keys of people, with the sealed secret key of local users (scrypt + secretbox).
      -- Rotation retires a key but keeps its public half, so old signatures still verify.
      CREATE TABLE person_keys (
        id INTEGER PRIMARY KEY,
        person_id INTEGER NOT NULL REFERENCES people(id),
        public_key BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
        fingerprint TEXT NOT NULL UNIQUE CHECK (length(fingerprint) = 32),
        sealed_secret BLOB,
        seal_salt BLOB,
        seal_nonce BLOB,
        kdf TEXT,
        created_at TEXT NOT NULL,
        retired_at TEXT,
        CHECK ((sealed_secret IS NULL) = (seal_salt IS NULL) AND (seal_salt IS NULL) = (seal_nonce IS NULL)
          AND (seal_nonce IS NULL) = (kdf IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX person_keys_current ON person_keys(person_id) WHERE retired_at IS NULL;

      ALTER TABLE cables ADD COLUMN classification_reason TEXT;
      ALTER TABLE cables ADD COLUMN class_authority TEXT CHECK (class_authority IS NULL OR json_valid(class_authority));
      ALTER TABLE cables ADD COLUMN legacy_eo TEXT CHECK (legacy_eo IS NULL OR json_valid(legacy_eo));
      ALTER TABLE cables ADD COLUMN summary TEXT;

      -- A practice cable being drafted. The body is the draft document (electron/domain/draft.ts);
      -- every change of content bumps the revision and voids the signatures made so far (rule 23).
      CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        owner_user_id INTEGER NOT NULL REFERENCES users(id),
        state TEXT NOT NULL CHECK (state IN ('DRAFTING', 'IN_CLEARANCE', 'AWAITING_APPROVAL', 'RELEASED', 'DISCARDED')),
        revision INTEGER NOT NULL CHECK (revision > 0),
        body TEXT NOT NULL CHECK (json_valid(body)),
        subject TEXT NOT NULL DEFAULT '',
        classification TEXT NOT NULL,
        -- Why the draft went back to the drafter (a refusal, an edit after signing).
        returned_note TEXT,
        -- An instructor's recorded downgrade below a referenced cable's label (rule 19).
        downgrade_by_user_id INTEGER REFERENCES users(id),
        downgrade_reason TEXT,
        cable_id INTEGER UNIQUE REFERENCES cables(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((state = 'RELEASED') = (cable_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX drafts_owner ON drafts(owner_user_id, updated_at DESC);
      CREATE INDEX drafts_state ON drafts(state, updated_at DESC);

      -- The clearance chain of a draft: the drafter's signature, each clearer's decision, the
      -- approver's signature. Rows of an earlier revision are kept, marked void.
      CREATE TABLE draft_signatures (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('DRAFTER', 'CLEARER', 'APPROVER')),
        clearance_index INTEGER CHECK (clearance_index >= 0),
        decision TEXT NOT NULL CHECK (decision IN ('SIGNED', 'REFUSED')),
        comment TEXT,
        signer_user_id INTEGER NOT NULL REFERENCES users(id),
        key_id INTEGER REFERENCES person_keys(id),
        signature BLOB CHECK (signature IS NULL OR length(signature) = 64),
        at TEXT NOT NULL,
        voided_at TEXT,
        CHECK ((role = 'CLEARER') = (clearance_index IS NOT NULL)),
        CHECK ((decision = 'SIGNED') = (signature IS NOT NULL AND key_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX draft_signatures_draft ON draft_signatures(draft_id, revision);

      -- The signature chain of a released cable (rule 24). Verification rebuilds the signed bytes
      -- from the cable's rows, so a change to any signed field in this file is detected.
      CREATE TABLE cable_signatures (
        cable_id INTEGER NOT NULL REFERENCES cables(id) ON DELETE CASCADE,
        ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
        role TEXT NOT NULL CHECK (role IN ('DRAFTER', 'CLEARER', 'APPROVER')),
        signer TEXT NOT NULL,
        key_fingerprint TEXT NOT NULL,
        clearance_for TEXT,
        clearance_kind TEXT CHECK (clearance_kind IN ('CLEAR', 'INFO', 'SUBST')),
        signed_at TEXT NOT NULL,
        signature BLOB NOT NULL CHECK (length(signature) = 64),
        PRIMARY KEY (cable_id, ordinal),
        CHECK ((role = 'CLEARER') = (clearance_for IS NOT NULL AND clearance_kind IS NOT NULL))
      ) STRICT, WITHOUT ROWID;

    `);
    rebuildAuditLog(db, [
      ...['SIGN_IN', 'SIGN_IN_FAILED', 'SIGN_OUT', 'VIEW', 'DENY', 'ACK', 'READ', 'PRINT', 'EXPORT', 'SEARCH'],
      ...['USER_CREATE', 'USER_UPDATE', 'PASS', 'REPEAT', 'DRAFT', 'CLEAR', 'APPROVE', 'RELEASE'],
      ...['DIRECTORY_UPDATE', 'DESIGNATE', 'SIGN', 'REFUSE', 'SIGN_FAILED', 'DOWNGRADE', 'TAMPERED'],
      ...['KEY_CREATE', 'KEY_ROTATE', 'IMPORT'],
    ]);
  },
};
