import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Whether the real Electron specs can run here, and if not, the reason to print and skip with. */

const REPO_ROOT = resolve(__dirname, '../..');

export const NO_ELECTRON_REASON =
  'no Electron binary: set ELECTRON_OVERRIDE_DIST_PATH or run npm start once on a networked machine';

/** What node_modules/electron/index.js itself looks for: the override folder, or its downloaded dist/. */
export function hasElectronBinary(): boolean {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(override);
  return existsSync(join(REPO_ROOT, 'node_modules', 'electron', 'dist'));
}
