import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests under plain Node: domain, contract, core (against real temporary
 * SQLite files), the IPC router, the lint boundaries and the pure parts of electron/main.
 * Its own file, so Vitest does not inherit vite.config.ts (the renderer build, rooted at renderer/);
 * `.mts` so Vite loads it as an ES module without its "ESM syntax in a file loaded as CommonJS" warning.
 *
 * Excluded: tests/e2e (Playwright driving Chromium) and tests/electron (Playwright driving the real
 * Electron app); both run under `playwright test`, not Vitest.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'tests/electron/**', 'node_modules/**', 'dist/**'],
    // Child processes, not worker threads: better-sqlite3 is a native addon and each test file
    // gets a clean process. Two workers keep CI machines with two cores responsive.
    pool: 'forks',
    // A lower scrypt cost for new hashes, test-only (tests/support/scryptCost.ts; issue 13 item 7).
    setupFiles: ['tests/support/scryptCost.ts'],
    maxWorkers: 2,
    // Lint and SQLite tests do real I/O; the default 5 s is tight on a loaded two-core machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
