import { addTopolTraffic, inboxSize } from './cables';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Windowing and keyset paging: with 1,500 more cables only the rows on screen (plus overscan)
 * are in the DOM, and pages of 500 are fetched with `nextCursor` as the list nears the end of
 * what is loaded, until TOPOL 578, the oldest, is reached.
 */
const GENERATED = 1_500;
const MAX_ROWS_IN_DOM = 40;
/** The inbox's page (renderer/src/inbox/inboxFeed.ts INBOX_PAGE_SIZE). */
const PAGE_SIZE = 500;
const n = (x: number) => x.toLocaleString('en-US');

test('the inbox renders a window of rows and fetches pages as it scrolls', async ({ app }) => {
  const { page, core } = app;
  const newest = addTopolTraffic(core, GENERATED);
  const TOTAL = inboxSize(core, 'finletter');

  await signIn(page, 'finletter');
  const list = page.getByRole('listbox', { name: /Inbox/ });
  const count = page.getByTestId('inbox-count');
  await expect(count).toHaveText('500 cables loaded · more below');

  const rows = page.getByTestId('inbox-row');
  await expect(rows.first()).toHaveAttribute('data-ref', newest);
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // Scrolling to the end of the loaded rows asks for the next page.
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(count).toHaveText('1,000 cables loaded · more below');
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  await saveScreen(page, 'inbox-scrolled');

  // End goes to the last loaded row, which asks for the next page: each press is answered by one
  // more page (waited for, not slept on: a press while a page is still loading would do nothing),
  // until the true end.
  await list.focus();
  for (let loaded = 1_000; loaded < TOTAL;) {
    await page.keyboard.press('End');
    loaded = Math.min(loaded + PAGE_SIZE, TOTAL);
    await expect(count).toHaveText(new RegExp(`^${n(loaded)} cables loaded`));
  }
  await expect(count).toHaveText(`${n(TOTAL)} cables loaded`);
  await page.keyboard.press('End');
  const last = page.locator('[data-testid="inbox-row"][aria-selected="true"]');
  await expect(last).toHaveAttribute('data-ref', 'TOPOL 578');
  await expect(last).toHaveAttribute('aria-posinset', String(TOTAL));
  await expect(last).toHaveAttribute('aria-setsize', String(TOTAL));
  await expect(last).toBeInViewport();
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);

  // The rendered rows are contiguous and newest first.
  const indices = (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))))).sort(
    (a, b) => a - b,
  );
  expect(indices.at(-1)).toBe(TOTAL - 1);
  for (let i = 1; i < indices.length; i++) expect(indices[i]).toBe((indices[i - 1] ?? 0) + 1);
});
