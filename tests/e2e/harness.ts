import { test as base, expect, type BrowserContext, type FullConfig, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import { setScryptCostForTests } from '../../electron/core/crypto/scrypt';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { createIpcRouter, type IpcRouter } from '../../electron/main/router';
import { startServeServer, type ServeServer } from '../../electron/serve/serveServer';
import { PUSH_DISPATCH } from './pushDispatch';
import { startStaticServer, type StaticServer } from './staticServer';

/**
 * The bridge harness (ARCHITECTURE.md "The environment's traps"): the built renderer is served
 * from a local static server and opened in Debian's Chromium; `window.cableroom` is built by the
 * same `buildCableroomApi` as the preload, and every call goes through a Playwright binding to
 * the real IPC router over a real temporary SQLite database seeded with the 1962 data.
 */

export { SEED_PASSPHRASE };

/**
 * The repository root is where playwright.config.ts lives. (Not `__dirname`: that breaks the day
 * package.json says `"type": "module"` and Playwright loads the specs as ES modules.)
 */
function repoRoot(config: FullConfig): string {
  return config.configFile ? dirname(config.configFile) : process.cwd();
}

/** The one binding the init script calls; never reachable from page scripts in the real app. */
const INVOKE_BINDING = '__cableroomInvoke';

/**
 * How the page reaches the router (playwright.config.ts, one project each):
 * - 'bridge': the built renderer from a static server, `window.cableroom` over a Playwright binding;
 * - 'serve': `cableroom serve`'s own server (electron/serve) over `core`, in this process, on a
 *   free port; the page opens its tokened URL and talks over a real WebSocket (issue 14 item 9).
 * Either way the specs drive the same `core` and `router` directly as well.
 */
export type Transport = 'bridge' | 'serve';

export type CableroomApp = Readonly<{
  page: Page;
  core: Core;
  router: IpcRouter;
  /** The renderer's URL (the static server's, or the serve server's after the token). */
  url: string;
}>;

type TestFixtures = {
  core: Core;
  /** The IPC router over `core`, shared by every page of the test (one session per page). */
  router: IpcRouter;
  /** `cableroom serve`'s server over `core` in the 'serve' project; null in the 'bridge' project. */
  served: ServeServer | null;
  app: CableroomApp;
  /**
   * Opens another window on the same core and router in a fresh browser context (its own
   * session), e.g. to sign in as an account another page just created. Closed after the test.
   */
  openApp: () => Promise<CableroomApp>;
  /** Console errors, page errors and CSP violations seen during the test; must stay empty. */
  pageProblems: string[];
};

type WorkerFixtures = {
  transport: Transport;
  rendererDir: string;
  rendererServer: StaticServer;
  bridgeScript: string;
};

function bundleBridge(root: string): string {
  const out = buildSync({
    entryPoints: [join(root, 'tests', 'e2e', 'bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bridge bundle');
  return file.text;
}

// Test-only (crypto/scrypt.ts): new hashes and sealed keys at 2^12 rather than 2^17 in this
// Node process, so the specs' sign-ins do not re-hash the seed's 2^15 hashes upwards each time.
setScryptCostForTests(1 << 12);

let nextSenderId = 1;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  transport: ['bridge', { scope: 'worker', option: true }],

  rendererDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const dist = join(repoRoot(workerInfo.config), 'dist', 'renderer');
      if (!existsSync(join(dist, 'index.html'))) {
        throw new Error(`No built renderer in ${dist}: run "npm run build:renderer" (or "npm run test:e2e").`);
      }
      await use(dist);
    },
    { scope: 'worker' },
  ],

  rendererServer: [
    async ({ rendererDir }, use) => {
      const server = await startStaticServer(rendererDir);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  bridgeScript: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      await use(bundleBridge(repoRoot(workerInfo.config)));
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  core: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'cableroom-e2e-'));
    const core = openCore({
      dbPath: join(dir, 'cableroom.sqlite'),
      seed: 'demo',
      seedDir: join(repoRoot(testInfo.config), 'resources', 'seed'),
    });
    try {
      await use(core);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },

  pageProblems: async ({ page }, use) => {
    const problems: string[] = [];
    watchProblems(page, problems);
    await use(problems);
  },

  served: async ({ core, transport, rendererDir, pageProblems }, use) => {
    if (transport !== 'serve') return use(null);
    const server = await startServeServer({
      core,
      rendererDir,
      logError: (message, error) => pageProblems.push(`serve: ${message}: ${String(error)}`),
    });
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },

  router: async ({ core, rendererServer, served, pageProblems }, use) => {
    // The serve server has its own router, which trusts only its own origin.
    if (served) return use(served.router);
    const origin = rendererServer.origin;
    await use(
      createIpcRouter({
        core,
        isTrustedUrl: (url) => {
          try {
            return new URL(url).origin === origin;
          } catch {
            return false;
          }
        },
        logError: (message, error) => pageProblems.push(`router: ${message}: ${String(error)}`),
      }),
    );
  },

  app: async ({ page, core, router, served, rendererServer, bridgeScript, pageProblems }, use) => {
    const url = served
      ? await openServed(page, served)
      : await connectPage(page, router, rendererServer.origin, bridgeScript);
    await use({ page, core, router, url });
    expect(pageProblems, 'the page logged errors (a CSP violation shows up here)').toEqual([]);
  },

  openApp: async ({ browser, core, router, served, rendererServer, bridgeScript }, use) => {
    const opened: Array<{ context: BrowserContext; problems: string[] }> = [];
    await use(async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems: string[] = [];
      watchProblems(page, problems);
      opened.push({ context, problems });
      const url = served
        ? await openServed(page, served)
        : await connectPage(page, router, rendererServer.origin, bridgeScript);
      return { page, core, router, url };
    });
    for (const { context, problems } of opened) {
      await context.close();
      expect(problems, 'a second window logged errors').toEqual([]);
    }
  },
});

function watchProblems(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
}

/** Installs the bridge in `page` (its own sender id, hence its own session) and opens the app. */
export async function connectPage(
  page: Page,
  router: IpcRouter,
  origin: string,
  bridgeScript: string,
): Promise<string> {
  const senderId = `e2e-page-${nextSenderId++}`;
  await page.exposeBinding(INVOKE_BINDING, (source, channel: unknown, input: unknown) =>
    router.handle(
      { id: senderId, url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() },
      String(channel),
      input,
    ),
  );
  await page.addInitScript({ content: bridgeScript });
  // Push (issue 14 item 1): what the router chose for this page goes to its main frame, as main's
  // webContents.send does. A page between documents misses it, as a reloading window would.
  const stopPush = router.onPush((id, event) => {
    if (id !== senderId || page.isClosed()) return;
    page
      .evaluate(([name, e]) => (window as unknown as Record<string, (x: unknown) => void>)[name]?.(e), [
        PUSH_DISPATCH,
        event,
      ] as const)
      .catch(() => undefined);
  });
  page.on('close', () => {
    stopPush();
    router.forgetSender(senderId);
  });
  const url = `${origin}/index.html`;
  await page.goto(url);
  return url;
}

/**
 * Opens the page at the serve server's tokened URL, as a user opens what `cableroom serve` prints:
 * the token becomes this browser context's cookie, the page's WebSocket is its own router session,
 * and pushes reach it over that WebSocket (the server forwards them; nothing to install here).
 */
async function openServed(page: Page, served: ServeServer): Promise<string> {
  await page.goto(served.url);
  return page.url();
}

export { expect };

/** Where a screenshot or saved file named `file` goes: test-results/screens/<file>. */
export function screenPath(file: string): string {
  const dir = join(repoRoot(test.info().config), 'test-results', 'screens');
  mkdirSync(dir, { recursive: true });
  return join(dir, file);
}

/** Saves a screenshot of the current screen under test-results/screens/<name>.png. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenPath(`${name}.png`) });
}

/** Signs in through the UI: pick the persona, type the passphrase, press the button. */
export async function signIn(page: Page, login: string, passphrase: string = SEED_PASSPHRASE): Promise<void> {
  await page.locator(`input[type="radio"][value="${login}"]`).check();
  await page.getByLabel(/^Passphrase/).fill(passphrase);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs out through the app bar and waits for the sign-in screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
}

/** Calls `window.cableroom[name](input)` in the page, as any page script could, and returns the envelope. */
export async function callApi(page: Page, name: string, input: Record<string, unknown> = {}): Promise<unknown> {
  return page.evaluate(
    ([n, i]) => (window.cableroom as unknown as Record<string, (x: unknown) => Promise<unknown>>)[n]!(i),
    [name, input] as const,
  );
}

/** Everything Playwright can read of a page's text (to prove something is not on screen). */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}
