import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/** How the seed was installed: the published passphrase for everyone, or their own for instructors and admins. */
export type InstallationMode = 'demo' | 'production';

/**
 * Whether this database was seeded with `--demo`: every seed account keeps the published training
 * passphrase, and the app bar says "demo" (issue 13 item 8). Stored in the database (migration 0010).
 */
export function isDemoInstallation(db: Db): boolean {
  return installationMode(db) === 'demo';
}

/** The recorded mode, or null for a database that holds no seed (created by `init` without one). */
export function installationMode(db: Db): InstallationMode | null {
  const mode = prepared(db, 'SELECT mode FROM installation WHERE id = 1').pluck().get() as InstallationMode | undefined;
  return mode ?? null;
}

/** Records the mode once, with the seed (inside its transaction). */
export function recordInstallation(db: Db, mode: InstallationMode, now: Date): void {
  prepared(db, 'INSERT INTO installation (id, mode, created_at) VALUES (1, ?, ?)').run(mode, now.toISOString());
}
