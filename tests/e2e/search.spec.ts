import type { Page } from '@playwright/test';
import { addTopolCable } from './cables';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Finding a cable (issue 14 item 3): by reference as people type it, with what matched marked,
 * From and DTG columns that sort, and the references inside a cable as links only where the
 * reader may open the target (DOMAIN.md rules 14, 18: nothing tells of a cable they may not see).
 */
async function search(page: Page, text: string): Promise<void> {
  await page.getByTestId('inbox-list').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

const hitRefs = (page: Page) =>
  page.getByTestId('search-hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-ref')));

test('"POLTO 506" finds the reply first, its ref highlighted, with From and DTG', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await search(page, 'polto 506');
  const first = page.getByTestId('search-hit').first();
  await expect(first).toHaveAttribute('data-ref', 'POLTO 506');
  await expect(first.getByTestId('hit-ref').locator('mark')).toHaveText('POLTO 506');
  await expect(first.getByTestId('hit-from')).toHaveText('USMISSION USNATO');
  await expect(first.getByTestId('hit-dtg')).toHaveText('281015Z OCT 62');
  await expect(first.getByTestId('hit-snippet')).toContainText('Topol 578 received');
  await saveScreen(page, 'search-polto-506');
});

test('results sort by From and by DTG, and back to best match', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await search(page, 'Topol 578');
  await expect(page.getByTestId('search-hit')).toHaveCount(2);
  // Best match: the exact reference first, then the cable whose words cite it (marked).
  expect(await hitRefs(page)).toEqual(['TOPOL 578', 'POLTO 506']);
  const reply = page.locator('[data-testid="search-hit"][data-ref="POLTO 506"]');
  await expect(reply.getByTestId('hit-subject').locator('mark')).toHaveText(['Topol', '578']);

  const by = (name: string) => page.getByTestId(`sort-${name}`);
  await by('dtg').click();
  await expect(by('dtg')).toHaveAttribute('data-sort', 'descending');
  expect(await hitRefs(page)).toEqual(['POLTO 506', 'TOPOL 578']);
  await by('dtg').click();
  await expect(by('dtg')).toHaveAttribute('data-sort', 'ascending');
  expect(await hitRefs(page)).toEqual(['TOPOL 578', 'POLTO 506']);
  await by('from').click();
  await expect(by('from')).toHaveAttribute('data-sort', 'ascending');
  expect(await hitRefs(page)).toEqual(['TOPOL 578', 'POLTO 506']); // SECSTATE WASHDC < USMISSION USNATO
  await by('from').click();
  expect(await hitRefs(page)).toEqual(['POLTO 506', 'TOPOL 578']);
  await saveScreen(page, 'search-sorted-by-from');

  // The order outlives an opened cable: Escape comes back to the same list, the hit focused.
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await page.keyboard.press('Escape');
  expect(await hitRefs(page)).toEqual(['POLTO 506', 'TOPOL 578']);
  await expect(page.getByTestId('search-hit').first()).toBeFocused();
  await by('match').click();
  expect(await hitRefs(page)).toEqual(['TOPOL 578', 'POLTO 506']);
});

test("POLTO 506's REF to Topol 578 opens it for Finletter; back returns to the reply", async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await search(page, 'POLTO 506');
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('cable')).toHaveAttribute('data-ref', 'POLTO 506');
  const link = page.getByTestId('ref-link');
  await expect(link).toHaveText('Topol 578');
  await saveScreen(page, 'cable-ref-link');
  await link.click();
  await expect(page.getByTestId('cable')).toHaveAttribute('data-ref', 'TOPOL 578');
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  await expect(page.getByTestId('back-to-inbox')).toHaveText('← POLTO 506');
  await page.getByTestId('back-to-inbox').click();
  await expect(page.getByTestId('cable')).toHaveAttribute('data-ref', 'POLTO 506');
});

test('for the duty officer, who may not open TOPOL 578, the REF is plain text', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  await search(page, 'POLTO 506');
  await page.getByTestId('search-hit').first().click();
  await expect(page.getByTestId('cable')).toHaveAttribute('data-ref', 'POLTO 506');
  await expect(page.getByTestId('ref-text')).toHaveText('Topol 578');
  await expect(page.getByTestId('ref-link')).toHaveCount(0);
  expect(await page.locator('.cable__refs button, .cable__refs a').count()).toBe(0);
  await saveScreen(page, 'cable-ref-plain');
});

test('snippet text goes through the visible-token display: a hidden override shows as its code', async ({ app }) => {
  const { page, core } = app;
  addTopolCable(core, {
    number: 1001,
    classification: 'UNCLASSIFIED',
    paragraphs: ['Quarantine report \u202eTERCES\u202c follows; the <b>Council</b> meets at noon.'],
  });
  await signIn(page, 'trainee');
  await search(page, 'quarantine council');
  const hit = page.locator('[data-testid="search-hit"][data-ref="TOPOL 1001"]');
  const snippet = hit.getByTestId('hit-snippet');
  await expect(snippet).toContainText('⟦U+202E⟧TERCES⟦U+202C⟧');
  await expect(snippet).toContainText('<b>Council</b>');
  await expect(snippet.locator('mark')).toHaveText(['Quarantine', 'Council']);
  await expect(snippet.locator('b')).toHaveCount(0);
});
