import { defineConfig } from '@playwright/test';
import type { Transport } from './tests/e2e/harness';

/**
 * End-to-end tests of the built renderer in Debian's Chromium (ARCHITECTURE.md: no Electron
 * binary can be downloaded here, and `npx playwright install` does not work). Run with
 * `npm run test:e2e`, which builds first. CHROMIUM_PATH overrides the browser location.
 *
 * Two projects run the specs (tests/e2e/harness.ts, `transport`): 'bridge' installs
 * `window.cableroom` over a Playwright binding; 'serve' opens the page from `cableroom serve`'s own
 * server with its token, so every call crosses a real WebSocket (issue 14 item 9).
 * `npx playwright test --project bridge` runs one.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The specs the 'serve' project runs by default (see below). */
const SERVE_SPECS = [
  'serve',
  'signIn',
  'csp',
  'liveInbox',
  'import',
  'bundle',
  'drafting',
  'handling',
  'distribution',
  'routing',
  'hostileCable',
  'topol578',
];

export default defineConfig<object, { transport: Transport }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One worker: each test owns a temporary database and the screenshots have fixed names.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Playwright empties its outputDir on start; keep it apart from test-results/screens.
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  projects: [
    // serve.spec.ts checks the serve server's refusals: it needs that server.
    { name: 'bridge', use: { transport: 'bridge' }, testIgnore: '**/serve.spec.ts' },
    // The whole suite through serve took 8.0 min on the two-core build machine (as long as the
    // bridge run), so CI runs the specs where the transport matters: sign-in and sessions, the
    // CSP, pushes, bytes both ways (imports, bundles), signing, direct calls that must be refused,
    // routing. `CABLEROOM_E2E_SERVE_ALL=1` runs every spec through serve.
    {
      name: 'serve',
      use: { transport: 'serve' },
      ...(process.env.CABLEROOM_E2E_SERVE_ALL ? {} : { testMatch: SERVE_SPECS.map((s) => `**/${s}.spec.ts`) }),
    },
  ],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox', // the tests run as root in a container; Chromium refuses its sandbox there
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
