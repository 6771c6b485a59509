import type { Page } from '@playwright/test';
import { addTopolTraffic, inboxSize } from './cables';
import { expect, saveScreen, SEED_PASSPHRASE, test } from './harness';

/** Keyboard only, from sign-in to a cable and back (no mouse anywhere in this spec). */

const selectedRow = (page: Page) => page.locator('[data-testid="inbox-row"][aria-selected="true"]');

async function expectSelected(page: Page, where: Readonly<{ ref?: string; index?: number }>) {
  const row = selectedRow(page);
  await expect(row).toHaveCount(1);
  if (where.ref !== undefined) await expect(row).toHaveAttribute('data-ref', where.ref);
  if (where.index !== undefined) await expect(row).toHaveAttribute('data-index', String(where.index));
  await expect(row).toBeInViewport();
  const id = await row.getAttribute('id');
  await expect(page.getByRole('listbox')).toHaveAttribute('aria-activedescendant', id ?? '');
}

test('the inbox is driven by arrows, Home/End, PageUp/PageDown, Enter and Escape', async ({ app }) => {
  const { page, core } = app;
  // 30 generated cables (TOPOL 1001–1030, newer than the seed), some FLASH and NIACT.
  const newest = addTopolTraffic(core, 30);
  const total = inboxSize(core, 'finletter');

  // Sign in without the mouse: focus starts in the persona group; arrows to Finletter, Tab, type, Enter.
  await expect(page.locator('input[type="radio"]').first()).toBeFocused();
  const finletter = page.locator('input[type="radio"][value="finletter"]');
  for (let i = 0; i < 20 && !(await finletter.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(finletter).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Passphrase/)).toBeFocused();
  await page.keyboard.type(SEED_PASSPHRASE);
  await page.keyboard.press('Enter');

  const list = page.getByRole('listbox', { name: /Inbox/ });
  await expect(list).toBeFocused();
  await expect(page.getByTestId('inbox-count')).toHaveText(`${total} cables loaded`);
  await expectSelected(page, { ref: newest, index: 0 });

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expectSelected(page, { ref: 'TOPOL 1028', index: 2 });
  await page.keyboard.press('ArrowUp');
  await expectSelected(page, { ref: 'TOPOL 1029', index: 1 });

  await page.keyboard.press('End');
  await expectSelected(page, { ref: 'TOPOL 578', index: total - 1 });
  await page.keyboard.press('ArrowDown'); // already at the end: stays
  await expectSelected(page, { ref: 'TOPOL 578', index: total - 1 });
  await page.keyboard.press('Home');
  await expectSelected(page, { ref: newest, index: 0 });

  await page.keyboard.press('PageDown');
  const afterPageDown = Number(await selectedRow(page).getAttribute('data-index'));
  expect(afterPageDown).toBeGreaterThan(3);
  await expect(selectedRow(page)).toBeInViewport();
  await page.keyboard.press('PageDown');
  expect(Number(await selectedRow(page).getAttribute('data-index'))).toBe(2 * afterPageDown);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  await expectSelected(page, { ref: newest, index: 0 });

  // FLASH and NIACT rows carry the high-precedence treatment.
  await expect(page.locator('[data-testid="precedence"][data-high="true"]').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await saveScreen(page, 'inbox-keyboard');

  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('screen-cable')).toBeFocused();
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 578');

  await page.keyboard.press('Escape');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  await expect(list).toBeFocused();
  await expectSelected(page, { ref: 'TOPOL 578', index: total - 1 });

  // Space opens as well as Enter; Escape comes back to the same row.
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('cable-header')).toContainText(newest);
  await page.keyboard.press('Escape');
  await expectSelected(page, { ref: newest, index: 0 });
});
