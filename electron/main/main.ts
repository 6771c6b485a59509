import { app, BrowserWindow, dialog, ipcMain, Notification, session, webContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../core/app';
import { isAppUrl } from './appOrigin';
import { senderOf } from './ipcSender';
import { launchOverrides } from './launchOverrides';
import { registerAppSchemeAsPrivileged, serveRenderer } from './protocol';
import { pushToWindow } from './pushToWindow';
import { createIpcRouter, developmentSlowCallLog, type IpcRouter } from './router';
import { configureSession, enforceOnEveryWebContents } from './security';
import { createMainWindow } from './window';

/**
 * Electron's main process: a thin shell over core. It owns the process lifecycle, the window and
 * the IPC registration; every decision about cables, users and access is made in core, reached
 * only through the IPC router (ARCHITECTURE.md "Process model and layers").
 *
 * Bundled to dist/main/main.cjs (scripts/build-node.mjs), so `__dirname` is dist/main, next to
 * dist/preload and dist/renderer, in the source tree and inside app.asar alike.
 */

const PRELOAD_PATH = join(__dirname, '../preload/preload.cjs');
const RENDERER_DIR = join(__dirname, '../renderer');
const DATABASE_FILE = 'cableroom.sqlite';

/**
 * Development-only redirections from the environment: another profile folder (the Electron specs'
 * temporary one) and the binding `npm start` builds. A packaged build ignores both
 * (launchOverrides.ts; issue 13, item 14).
 */
const OVERRIDES = launchOverrides(process.env, app.isPackaged);

/**
 * better-sqlite3's binding for Electron's ABI (node_modules keeps the Node-ABI build the tests
 * need; ARCHITECTURE.md traps): CABLEROOM_SQLITE_BINDING from scripts/start.mjs in development,
 * resources/native/ in a packaged app (electron-builder.yml), else better-sqlite3's own lookup.
 */
function sqliteBinding(): string | undefined {
  if (OVERRIDES.sqliteBinding) return OVERRIDES.sqliteBinding;
  const packaged = join(process.resourcesPath, 'native', 'better_sqlite3.node');
  return app.isPackaged && existsSync(packaged) ? packaged : undefined;
}

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function openWindow(): void {
  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, isPackaged: app.isPackaged });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Every channel the router serves (one per contract endpoint), each a thin adapter from `ipcMain` to the router. */
function registerIpc(router: IpcRouter): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, input: unknown) => router.handle(senderOf(event), channel, input));
  }
  // A closed window's sign-in must not outlive it (web contents ids are not reused while alive).
  app.on('web-contents-created', (_event, contents) => {
    const id = String(contents.id);
    contents.once('destroyed', () => router.forgetSender(id));
  });
}

function start(): void {
  configureSession(session.defaultSession);
  serveRenderer(RENDERER_DIR);

  const dbPath = join(app.getPath('userData'), DATABASE_FILE);
  const nativeBinding = sqliteBinding();
  try {
    // The seed loads only into a database that has none yet (first start). The app has no prompt
    // for the instructor's passphrase, so its first start is a demo installation, flagged as such;
    // a real installation is made beforehand with `cableroom init --seed` (README "Run it").
    core = openCore({ dbPath, seed: 'demo', ...(nativeBinding ? { nativeBinding } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Cableroom cannot open its database', `${dbPath}\n\n${message}`);
    app.exit(1);
    return;
  }

  const router = createIpcRouter({
    core,
    isTrustedUrl: isAppUrl,
    ...(app.isPackaged ? {} : { slowCalls: developmentSlowCallLog(process.env) }),
  });
  registerIpc(router);
  // Live inbox (issue 14 item 1): the router says which window may be told what; send it there.
  // While it has this listener the router also ticks a running exercise every second (issue 10).
  router.onPush((senderId, event) =>
    pushToWindow(senderId, event, {
      contentsById: (id) => webContents.fromId(id),
      isAppUrl,
      notify: (notice) => {
        if (!Notification.isSupported()) return;
        const notification = new Notification(notice);
        notification.on('click', focusMainWindow);
        notification.show();
      },
    }),
  );
  openWindow();
}

// ─── Before `ready` ──────────────────────────────────────────────────────────────────────────────
if (OVERRIDES.userDataDir) app.setPath('userData', OVERRIDES.userDataDir);

// One Cableroom per profile: two processes writing one database, each with its own sign-ins, would
// only confuse. A second launch focuses the first instance's window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);

  registerAppSchemeAsPrivileged();
  enforceOnEveryWebContents(app);

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('Cableroom failed to start:', error);
      app.exit(1);
    });

  // macOS keeps an app without windows running; clicking its Dock icon opens the window again.
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the database last, after every window is gone: SQLite checkpoints its WAL on close.
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
}
