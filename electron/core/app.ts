import { createAuditTrail, type AuditTrail } from './audit/auditTrail';
import { createCoreClock, type Clock } from './clock';
import { CableroomError } from './errors';
import { createAccountsService, type AccountsService } from './services/accounts';
import { createAuditViewService, type AuditViewService } from './services/auditView';
import { defaultSeedDir } from './resources';
import {
  checkSeedMode,
  isSeeded,
  loadSeed,
  readSeed,
  type SeedData,
  type SeedMode,
  type SeedSummary,
} from './seed/seed';
import { createCablesService, type CablesService } from './services/cables';
import { createDirectoryService, type DirectoryService } from './services/directory';
import { createDraftsService, type DraftsService } from './services/drafts';
import { createExchangeService, type ExchangeService } from './exchange/bundle';
import { createExerciseService, type ExerciseService } from './exercise/engine';
import { createImportJobs, type ImportJobs } from './import/importJobs';
import { createHandlingService, type HandlingService } from './services/handling';
import { createInboxService, type InboxService } from './services/inbox';
import { createIntegrityService, type IntegrityService } from './services/integrity';
import { createRoutingService, type RoutingService } from './services/routing';
import { createTrafficService, type TrafficService } from './services/traffic';
import { createUsersService, type UsersService } from './services/users';
import { openDatabase, type Db } from './store/database';

/** Every core service over one database: what the IPC router and the CLI are given. */
export type CoreServices = Readonly<{
  db: Db;
  audit: AuditTrail;
  /** The time services write: the running exercise's scenario time, else real time (issue 10). */
  clock: Clock;
  auditView: AuditViewService;
  users: UsersService;
  inbox: InboxService;
  cables: CablesService;
  handling: HandlingService;
  accounts: AccountsService;
  directory: DirectoryService;
  routing: RoutingService;
  drafts: DraftsService;
  exchange: ExchangeService;
  imports: ImportJobs;
  /** The traffic of a FRUS volume (issue 12 item 5): posts, telegrams, weighted edges. */
  traffic: TrafficService;
  /** The exercise engine (issue 10): start, the clock's controls, status, tick. */
  exercises: ExerciseService;
  /** Verifying every signed cable from the app (issue 15 item 3): progress and readable failures. */
  integrity: IntegrityService;
}>;

export type Core = CoreServices & Readonly<{ seeded: SeedSummary | null; close(): void }>;

export type OpenCoreOptions = Readonly<{
  dbPath: string;
  /**
   * Load the seed if the database holds no directory yet (first start): `'demo'` keeps the
   * published training passphrase for every account (a demo installation, flagged as such);
   * `{ passphrases }` gives the seed's instructors and admins their own (issue 13 item 8).
   * `true` is short for `'demo'` (tests and benches).
   */
  seed?: SeedMode | true;
  seedDir?: string;
  /** Refuse to create a database that does not exist yet. */
  mustExist?: boolean;
  nativeBinding?: string;
}>;

export function openCore(options: OpenCoreOptions): Core {
  // Read the seed before touching the database, so a missing or bad seed creates nothing.
  const mode: SeedMode | null = options.seed === true ? 'demo' : (options.seed ?? null);
  const seed = mode ? readSeed(options.seedDir ?? defaultSeedDir()) : null;
  if (seed && mode) checkSeedMode(seed.users, mode);
  const db = openDatabase(options.dbPath, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.mustExist ? { mustExist: true } : {}),
  });
  try {
    const audit = createAuditTrail(db, { dbPath: options.dbPath });
    const seeded = seed && mode && !isSeeded(db) ? installSeed(db, audit, seed, mode) : null;
    // The trail's anchor beside the file (issue 13 item 4): found, or made on first open.
    audit.anchor?.open();
    const users = createUsersService(db, audit);
    const clock = createCoreClock(db);
    return {
      db,
      seeded,
      audit,
      clock,
      auditView: createAuditViewService(db, audit),
      users,
      inbox: createInboxService(db),
      cables: createCablesService(db, audit),
      handling: createHandlingService(db, audit, clock),
      accounts: createAccountsService(db, audit),
      directory: createDirectoryService(db, audit),
      routing: createRoutingService(db, audit, users, clock),
      drafts: createDraftsService(db, audit, clock),
      exchange: createExchangeService(db, audit),
      imports: createImportJobs(db, audit),
      traffic: createTrafficService(db, audit),
      exercises: createExerciseService(db, audit),
      integrity: createIntegrityService(db, audit),
      // Synchronous, so the app can close on quit: a sign-in's re-hash still under way is abandoned
      // (it finds the database closed and writes nothing; the next sign-in re-hashes). A caller
      // that can wait lets it finish first with `users.settled()`, as the CLI does.
      close: () => {
        if (!db.open) return;
        try {
          // A checkpoint of the trail at close (issue 13 item 4); a failure to write it must not
          // keep the database from closing (verify then reports the entries as not yet anchored).
          audit.anchor?.checkpoint();
        } catch {
          // nothing more to do here
        } finally {
          db.close();
        }
      },
    };
  } catch (e) {
    db.close();
    throw e instanceof CableroomError ? e : new CableroomError('INTERNAL', (e as Error).message, { cause: e });
  }
}

/** Loads the seed and audits the installation, both or neither. */
function installSeed(db: Db, audit: AuditTrail, seed: SeedData, mode: SeedMode): SeedSummary {
  return db.transaction((): SeedSummary => {
    const summary = loadSeed(db, seed, mode);
    audit.append({
      actor: { userId: null, login: null },
      action: 'INSTALL',
      detail: { installation: summary.mode, seedUsers: summary.users, ownPassphrases: summary.ownPassphrases },
    });
    return summary;
  })();
}
