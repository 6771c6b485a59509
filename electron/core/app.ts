import { CableroomError } from './errors';
import { defaultSeedDir } from './resources';
import { isSeeded, loadSeed, readSeed, type SeedSummary } from './seed/seed';
import { createCablesService, type CablesService } from './services/cables';
import { createInboxService, type InboxService } from './services/inbox';
import { createUsersService, type UsersService } from './services/users';
import { openDatabase, type Db } from './store/database';

/** Every core service over one database: what the IPC router and the CLI are given. */
export type CoreServices = Readonly<{
  db: Db;
  users: UsersService;
  inbox: InboxService;
  cables: CablesService;
}>;

export type Core = CoreServices & Readonly<{ seeded: SeedSummary | null; close(): void }>;

export type OpenCoreOptions = Readonly<{
  dbPath: string;
  /** Load the seed if the database holds no directory yet (first start). */
  seed?: boolean;
  seedDir?: string;
  /** Refuse to create a database that does not exist yet. */
  mustExist?: boolean;
  nativeBinding?: string;
}>;

export function openCore(options: OpenCoreOptions): Core {
  // Read the seed before touching the database, so a missing or bad seed creates nothing.
  const seed = options.seed ? readSeed(options.seedDir ?? defaultSeedDir()) : null;
  const db = openDatabase(options.dbPath, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.mustExist ? { mustExist: true } : {}),
  });
  try {
    const seeded = seed && !isSeeded(db) ? loadSeed(db, seed) : null;
    return {
      db,
      seeded,
      users: createUsersService(db),
      inbox: createInboxService(db),
      cables: createCablesService(db),
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e instanceof CableroomError ? e : new CableroomError('INTERNAL', (e as Error).message, { cause: e });
  }
}
