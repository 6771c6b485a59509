import { migration0001 } from './0001_directory';
import { migration0002 } from './0002_cables';
import { migration0003 } from './0003_search';
import { migration0004 } from './0004_audit';
import { migration0005 } from './0005_handling';
import { migration0006 } from './0006_audit_actions';
import { migration0007 } from './0007_drafting';
import { migration0008 } from './0008_approval_authority';
import { migration0009 } from './0009_tamper_evidence';
import { migration0010 } from './0010_installation';
import { migration0011 } from './0011_search_keys';
import { migration0012 } from './0012_exercises';
import { migration0013 } from './0013_historical_directory';
import { migration0014 } from './0014_cable_lines';
import { migration0015 } from './0015_classroom';
import { migration0016 } from './0016_pending_alerts';
import { migration0017 } from './0017_historian_role';
import { migration0018 } from './0018_verify_action';
import type { Migration } from './types';

/** Every migration in order; versions are 1..n without gaps (checked by tests). */
export const MIGRATIONS: ReadonlyArray<Migration> = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export type { Migration } from './types';
