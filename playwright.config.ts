import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the built renderer in Debian's Chromium (ARCHITECTURE.md: no Electron
 * binary can be downloaded here, and `npx playwright install` does not work). Run with
 * `npm run test:e2e`, which builds first. CHROMIUM_PATH overrides the browser location.
 */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
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
