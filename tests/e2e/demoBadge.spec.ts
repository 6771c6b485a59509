import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openCore } from '../../electron/core/app';
import { protectedSeedLogins, readSeed } from '../../electron/core/seed/seed';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Issue 13 item 8: while an installation is a demo (every account opens with the published
 * training passphrase), the app bar says "demo" on every screen. The harness's core is a demo,
 * as the app's first start is; `realInstallation` swaps in one whose instructors and admins
 * were given their own passphrases.
 */

test('a demo installation says "demo" in the app bar on every screen', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'instructor');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  const badge = page.locator('.app-bar').getByTestId('demo-badge');
  await expect(badge).toHaveText('demo');
  await expect(badge).toHaveAttribute('title', /published training passphrase/);
  await saveScreen(page, 'app-bar-demo');

  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await page.getByTestId('nav-drafts').click();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
});

const realInstallation = test.extend({
  // eslint-disable-next-line no-empty-pattern
  core: async ({}, use, testInfo) => {
    const root = testInfo.config.configFile ? dirname(testInfo.config.configFile) : process.cwd();
    const seedDir = join(root, 'resources', 'seed');
    const own = Object.fromEntries(
      protectedSeedLogins(readSeed(seedDir).users).map((login) => [login, `${login} own passphrase 1962`]),
    );
    const dir = mkdtempSync(join(tmpdir(), 'cableroom-e2e-real-'));
    const core = openCore({ dbPath: join(dir, 'cableroom.sqlite'), seed: { passphrases: own }, seedDir });
    try {
      await use(core);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
});

realInstallation('an installation with its own instructor and admin passphrases has no demo badge', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'instructor', 'instructor own passphrase 1962');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toContainText('Instructor');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});
