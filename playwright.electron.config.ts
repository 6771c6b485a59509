import { defineConfig } from '@playwright/test';
import { hasElectronBinary, NO_ELECTRON_REASON } from './tests/electron/electronBinary';

/**
 * Specs that drive the real Electron app (`_electron.launch`), apart from the Chromium e2e suite
 * (playwright.config.ts, tests/e2e). They skip, saying why, when no Electron binary is present
 * (ARCHITECTURE.md traps): node_modules/electron/dist is missing and ELECTRON_OVERRIDE_DIST_PATH unset.
 *
 * Run: npm run build && npx playwright test -c playwright.electron.config.ts
 */
// Said once, by the runner (workers load this file too), so the skip is visible in the log.
if (!process.env.TEST_WORKER_INDEX && !hasElectronBinary()) {
  console.log(`tests/electron: skipping every spec: ${NO_ELECTRON_REASON}.`);
}

export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  // One app instance at a time: the single-instance lock is per profile, and each spec owns one.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/electron',
  reporter: [['list']],
});
