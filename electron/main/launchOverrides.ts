/**
 * The environment variables that redirect the app, read once at start (main.ts). They exist for
 * development and the tests: `npm start` passes the Electron-ABI build of better-sqlite3
 * (CABLEROOM_SQLITE_BINDING, scripts/start.mjs) and the Electron specs a temporary profile folder
 * (CABLEROOM_USER_DATA_DIR). A packaged build ignores both (issue 13, item 14): a binding path is
 * native code loaded into the main process, which would undo the fuses that keep NODE_OPTIONS,
 * ELECTRON_RUN_AS_NODE and --inspect out (electron-builder.yml, scripts/electronFuses.cjs), and a
 * profile folder from the environment would open another database than the installation's own.
 */

export type LaunchOverrides = Readonly<{
  /** Another profile folder (and so another database) than Electron's default. */
  userDataDir?: string;
  /** A better-sqlite3 binding built for Electron's ABI. */
  sqliteBinding?: string;
}>;

/** The overrides `env` asks for that this build honours: none when packaged; empty values are unset. */
export function launchOverrides(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): LaunchOverrides {
  if (isPackaged) return {};
  const userDataDir = env.CABLEROOM_USER_DATA_DIR || undefined;
  const sqliteBinding = env.CABLEROOM_SQLITE_BINDING || undefined;
  return { ...(userDataDir ? { userDataDir } : {}), ...(sqliteBinding ? { sqliteBinding } : {}) };
}
