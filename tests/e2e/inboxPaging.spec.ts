import { addTopolTraffic, inboxSize } from './cables';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Windowing and keyset paging: with 1,500 more cables only the rows on screen (plus overscan)
 * are in the DOM, and pages of 500 are fetched with `nextCursor` as the list nears the end of
 * what is loaded, until TOPOL 578, the oldest, is reached. End and Home go to the inbox's true
 * last and first rows (issue 15 item 5).
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

  // End goes to the inbox's true last row at once (issue 15 item 5): the feed reads the last page
  // upwards (a backward cursor); a marker row stands for the newer cables above until they are in.
  await list.focus();
  await page.keyboard.press('End');
  const selected = page.locator('[data-testid="inbox-row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('data-ref', 'TOPOL 578');
  await expect(selected).toBeInViewport();
  await expect(count).toHaveText(`${n(PAGE_SIZE)} cables loaded · newer above`);
  expect(await rows.count()).toBeLessThanOrEqual(MAX_ROWS_IN_DOM);
  // Home goes back to the newest row.
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('data-ref', newest);
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await expect(count).toHaveText(`${n(PAGE_SIZE)} cables loaded · more below`);

  // Scrolling down through every page reaches the end with exact positions.
  for (let loaded = PAGE_SIZE; loaded < TOTAL;) {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    loaded = Math.min(loaded + PAGE_SIZE, TOTAL);
    await expect(count).toHaveText(new RegExp(`^${n(loaded)} cables loaded`));
  }
  await expect(count).toHaveText(`${n(TOTAL)} cables loaded`);
  await page.keyboard.press('End');
  const last = selected;
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
