import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENDPOINT_NAMES } from '../../electron/contract/ipc';
import { APP_ENTRY_URL } from '../../electron/main/appOrigin';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { mainWindowWebPreferences } from '../../electron/main/webPreferences';
import { hasElectronBinary, NO_ELECTRON_REASON } from './electronBinary';

/**
 * The real app in the real Electron: the thin shell that the Node and Chromium suites cannot reach
 * (ARCHITECTURE.md: such specs live apart and skip, saying why, when there is no Electron binary).
 * Run with: npm run build && npx playwright test -c playwright.electron.config.ts
 */

const REPO_ROOT = resolve(__dirname, '../..');
const SQLITE_BINDING =
  process.env.CABLEROOM_SQLITE_BINDING ??
  join(REPO_ROOT, '.cache', 'electron-sqlite', 'current', 'better_sqlite3.node');

const electronPresent = hasElectronBinary();

test.skip(!electronPresent, NO_ELECTRON_REASON);
test.skip(
  electronPresent && !existsSync(SQLITE_BINDING),
  `no better-sqlite3 build for Electron at ${SQLITE_BINDING}: run npm start (or node scripts/electron-sqlite.mjs) once, or set CABLEROOM_SQLITE_BINDING`,
);

test.describe.configure({ mode: 'serial' });

let app: ElectronApplication;
let page: Page;
let userDataDir: string;

test.beforeAll(async () => {
  for (const file of ['dist/main/main.cjs', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
    if (!existsSync(join(REPO_ROOT, file))) throw new Error(`${file} is missing: run npm run build first.`);
  }
  userDataDir = mkdtempSync(join(tmpdir(), 'cableroom-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  delete env.ELECTRON_RUN_AS_NODE;
  app = await electron.launch({
    cwd: REPO_ROOT,
    // Chromium refuses to start as root with its sandbox (CI containers run as root).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), REPO_ROOT],
    env: { ...env, CABLEROOM_USER_DATA_DIR: userDataDir, CABLEROOM_SQLITE_BINDING: SQLITE_BINDING },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('opens one window on app://cableroom', async () => {
  expect(page.url()).toBe(APP_ENTRY_URL);
  await expect(page).toHaveTitle('Cableroom');
  expect(app.windows()).toHaveLength(1);
  // The database was created in the given profile and seeded on this first start.
  expect(existsSync(join(userDataDir, 'cableroom.sqlite'))).toBe(true);
});

test('the window has the locked-down web preferences', async () => {
  const expected = mainWindowWebPreferences(join(REPO_ROOT, 'dist', 'preload', 'preload.cjs'), { isPackaged: false });
  // Electron keeps the preferences it applied; older versions expose them, newer may not.
  const applied = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as {
      getLastWebPreferences?: () => Record<string, unknown> | null;
    };
    return contents?.getLastWebPreferences?.() ?? null;
  });
  if (applied) expect(applied).toMatchObject({ ...expected });

  // And what they mean, seen from the page: no Node, no raw IPC, only the contract's intents.
  const seen = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    buffer: typeof (window as unknown as { Buffer?: unknown }).Buffer,
    bridge: Object.keys(window.cableroom ?? {}).sort(),
    popup: window.open('app://cableroom/index.html') === null,
  }));
  expect(seen).toEqual({
    require: 'undefined',
    process: 'undefined',
    buffer: 'undefined',
    bridge: [...ENDPOINT_NAMES].sort(),
    popup: true,
  });
});

test('app:// responses carry the CSP header, and the policy is enforced', async () => {
  const headers = await page.evaluate(async () => {
    const response = await fetch('app://cableroom/index.html');
    return {
      csp: response.headers.get('content-security-policy'),
      nosniff: response.headers.get('x-content-type-options'),
    };
  });
  expect(headers).toEqual({ csp: CONTENT_SECURITY_POLICY, nosniff: 'nosniff' });
  // script-src 'self' without 'unsafe-eval': eval is refused.
  const evalResult = await page.evaluate(() => {
    try {
      return String((0, eval)('1 + 1'));
    } catch {
      return 'blocked';
    }
  });
  expect(evalResult).toBe('blocked');
  // The built index.html carries the same policy in its <meta> tag.
  expect(readFileSync(join(REPO_ROOT, 'dist', 'renderer', 'index.html'), 'utf8')).toContain(CONTENT_SECURITY_POLICY);
});

test('navigation away from the app is refused', async () => {
  // Main reports how the attempt ends, so the test waits for that instead of a while: a navigation
  // that commits emits did-navigate; one refused before it commits, did-fail-provisional-load.
  await app.evaluate(({ BrowserWindow }, target) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents;
    if (!contents) throw new Error('no window');
    (globalThis as { navigationOutcome?: Promise<string> }).navigationOutcome = new Promise((resolve) => {
      const committed = (_event: unknown, url: string) => url === target && done('committed');
      const refused = (_event: unknown, _code: number, _text: string, url: string) => url === target && done('refused');
      function done(outcome: string): void {
        contents?.off('did-navigate', committed);
        contents?.off('did-fail-provisional-load', refused);
        resolve(outcome);
      }
      contents.on('did-navigate', committed);
      contents.on('did-fail-provisional-load', refused);
    });
  }, 'https://example.org/');
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  const outcome = await app.evaluate(() => (globalThis as { navigationOutcome?: Promise<string> }).navigationOutcome);
  expect(outcome).toBe('refused');
  expect(page.url()).toBe(APP_ENTRY_URL);
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
});

test('shows the sign-in screen with the seeded personas', async () => {
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  await expect(page.getByTestId('persona').first()).toBeVisible();
  await expect(page.getByTestId('persona').filter({ hasText: 'Thomas K. Finletter' })).toHaveCount(1);
});
