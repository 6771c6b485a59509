import { CHANNELS } from '../../electron/contract/channels';
import type { IpcRouter } from '../../electron/main/router';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Slow work says so (issue 14 item 10): a load that takes longer than 200 ms (SLOW_WORK_MS)
 * shows a progress line in a live region; a fast one never flashes it. An action's words change
 * at once and its spinner appears after the same 200 ms. The delays are made in the test's own
 * router (the page's calls go through `router.handle`), so the app itself runs unchanged.
 */

/** Holds back every call on `channel` for `ms` before the real router answers it. */
function delayChannel(router: IpcRouter, channel: string, ms: number): void {
  const handle = router.handle.bind(router);
  (router as { handle: IpcRouter['handle'] }).handle = async (sender, name, input) => {
    if (name === channel) await new Promise((resolve) => setTimeout(resolve, ms));
    return handle(sender, name, input);
  };
}

/** Records, in the page, every progress line that ever had words (a flash would be caught). */
async function recordProgressLines(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const line of document.querySelectorAll('.slow-work')) {
        if (line.textContent) seen.push(`${line.getAttribute('data-testid')}: ${line.textContent}`);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const progressSeen = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

test('a slow listing shows its progress line until the answer; a fast one never flashes it', async ({
  app,
  router,
}) => {
  const { page } = app;
  await signIn(page, 'instructor');
  await expect(page.getByTestId('inbox-count')).toBeVisible();
  await recordProgressLines(page);

  // Fast: the drafts desk answers well within 200 ms, so no progress line ever shows.
  await page.getByTestId('nav-drafts').click();
  await expect(page.getByTestId('drafts-table')).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByTestId('drafts-waiting')).not.toBeEmpty();
  expect(await progressSeen(page)).toEqual([]);

  // Slow: the accounts list takes 1.5 s. The table is busy at once; the line speaks once slow.
  delayChannel(router, CHANNELS.listAccounts, 1500);
  await page.getByRole('button', { name: 'Accounts' }).click();
  const progress = page.getByTestId('accounts-progress');
  await expect(progress).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('accounts-table')).toHaveAttribute('aria-busy', 'true');
  await expect(progress).toHaveText('Loading accounts…');
  await expect(progress.locator('.spinner')).toHaveAttribute('aria-hidden', 'true');
  await saveScreen(page, 'accounts-loading-slow');

  await expect(page.locator('[data-testid="account-row"][data-login="finletter"]')).toBeVisible();
  await expect(progress).toBeEmpty();
  await expect(page.getByTestId('accounts-table')).toHaveAttribute('aria-busy', 'false');
  expect(await progressSeen(page)).toContain('accounts-progress: Loading accounts…');
});

test("an action's words change at once and its spinner follows after 200 ms", async ({ app, router }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await page.getByTestId('inbox-list').focus();
  await page.keyboard.press('Enter');
  const exportButton = page.getByTestId('export-cable');
  await expect(exportButton).toBeEnabled();

  delayChannel(router, CHANNELS.exportCable, 1500);
  const download = page.waitForEvent('download');
  await exportButton.click();
  await expect(exportButton).toHaveText('Exporting…');
  await expect(exportButton).toBeDisabled();
  const spinner = exportButton.locator('.spinner');
  // Hidden for the first 200 ms (a CSS animation delay), so a fast action shows only its words.
  expect(await spinner.evaluate((el) => getComputedStyle(el).animationDelay.split(',')[0]?.trim())).toBe('0.2s');
  await expect.poll(() => spinner.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
  await saveScreen(page, 'cable-exporting-slow');

  await download;
  await expect(page.getByTestId('handling-message')).toContainText('Exported');
  await expect(exportButton).toHaveText('Export');
});
