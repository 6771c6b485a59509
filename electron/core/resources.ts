import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finds `resources/seed`: `CABLEROOM_SEED_DIR` if set, else the packaged app's resources
 * folder, else the nearest `resources/seed` above this module (source tree, dist bundles).
 */
export function defaultSeedDir(): string {
  const fromEnv = process.env.CABLEROOM_SEED_DIR;
  if (fromEnv) return resolve(fromEnv);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'seed', 'directory.json'))) return join(packaged, 'seed');
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'resources', 'seed');
    if (existsSync(join(candidate, 'directory.json'))) return candidate;
    if (dirname(dir) === dir) return join(process.cwd(), 'resources', 'seed');
  }
}
