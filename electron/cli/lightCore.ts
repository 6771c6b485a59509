import type { Core } from '../core/app';
import { createAuditTrail } from '../core/audit/auditTrail';
import { createCoreClock } from '../core/clock';
import { CableroomError } from '../core/errors';
import { createCablesService } from '../core/services/cables';
import { createInboxService } from '../core/services/inbox';
import { createUsersService } from '../core/services/users';
import { openDatabase } from '../core/store/database';

/**
 * The core a reading command needs (issue 15 item 6: every command paid ~0.4 s to load all of
 * core, zod and the classroom's PostgreSQL client included, before doing 20–40 ms of work).
 * `show` and `inbox` read with the users, inbox and cables services only: this opens the
 * existing database exactly as `openCore({ dbPath, mustExist: true })` does — the same
 * openDatabase (migrations, integrity), audit trail and anchor, and the same services — and
 * leaves out the rest. A service it does not hold is a programming error, said so.
 */
export function openLightCore(dbPath: string): Core {
  const db = openDatabase(dbPath, { mustExist: true });
  try {
    const audit = createAuditTrail(db, { dbPath });
    audit.anchor?.open();
    const users = createUsersService(db, audit);
    const held = {
      db,
      seeded: null,
      audit,
      clock: createCoreClock(db),
      users,
      inbox: createInboxService(db),
      cables: createCablesService(db, audit),
      close: () => {
        if (!db.open) return;
        try {
          audit.anchor?.checkpoint();
        } catch {
          // as openCore: the database still closes
        } finally {
          db.close();
        }
      },
    };
    return new Proxy(held, {
      get(target, name, receiver) {
        if (typeof name === 'string' && name !== 'then' && !(name in target)) {
          throw new CableroomError('INTERNAL', `The CLI opened the database without the ${name} service.`);
        }
        return Reflect.get(target, name, receiver) as unknown;
      },
    }) as unknown as Core;
  } catch (e) {
    db.close();
    throw e instanceof CableroomError ? e : new CableroomError('INTERNAL', (e as Error).message, { cause: e });
  }
}
