import { pgMigration0001 } from './0001_exchange';
import { pgMigration0002 } from './0002_class_status';
import { pgMigration0003 } from './0003_disabled_members';
import { pgMigration0004 } from './0004_exercise_clock';
import { pgMigration0005 } from './0005_feed_channels';
import type { PgMigration } from './types';

/** Every migration of the classroom schema in order; versions 1..n without gaps. */
export const PG_MIGRATIONS: ReadonlyArray<PgMigration> = [
  pgMigration0001,
  pgMigration0002,
  pgMigration0003,
  pgMigration0004,
  pgMigration0005,
];

export const LATEST_PG_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]!.version;

export type { PgMigration } from './types';
