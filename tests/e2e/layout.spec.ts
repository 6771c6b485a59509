import type { Locator, Page } from '@playwright/test';
import { expect, saveScreen, signIn, test } from './harness';
import { openFromInbox } from './routing';

/**
 * Room for the cable (issue 14 item 4), measured from element boxes: at 1280×800 the cable gets
 * most of the window, at 900×600 its body starts above the fold; classification chips never wrap;
 * the cable toolbar is one row wide and at most two narrow; the user's own clearance is never cut
 * off in the app bar; the FLASH/NIACT panel shrinks to one line once seen; the inbox has an
 * optional reading pane, remembered.
 */

const BANNER_PX = 26;

/** How many lines of text `el` is laid out on (distinct tops of its text's line boxes). */
function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
    return new Set(tops).size;
  });
}

/** Rows of a flex toolbar: its visible children grouped by vertical centre (10 px apart or more). */
function toolbarRows(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const centres = [...el.children]
      .map((c) => c.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top + r.height / 2)
      .sort((a, b) => a - b);
    let rows = 0;
    let last = -Infinity;
    for (const c of centres) {
      if (c - last >= 10) rows++;
      last = c;
    }
    return rows;
  });
}

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

async function expectClearanceShown(page: Page, words: string): Promise<void> {
  const clearance = page.getByTestId('user-clearance');
  await expect(clearance).toBeVisible();
  await expect(clearance).toContainText(words);
  const clipped = await clearance.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  expect(clipped, 'the clearance is cut off').toBe(false);
  const b = await box(clearance);
  const signOut = await box(page.getByRole('button', { name: 'Sign out' }));
  expect(b.x + b.width, 'the clearance runs into Sign out').toBeLessThanOrEqual(signOut.x);
  const sheet = page.locator('.app-bar .shortcut-button');
  if (await sheet.isVisible()) {
    expect(b.x + b.width, 'the clearance runs into the shortcut button').toBeLessThanOrEqual((await box(sheet)).x);
  }
  const bar = await box(page.locator('.app-bar'));
  expect(b.y + b.height, 'the clearance is below the app bar').toBeLessThanOrEqual(bar.y + bar.height);
}

test('at 1280×800 the cable gets most of the window, and stays readable at 900×600', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  await expect(page.getByTestId('alerts')).toBeVisible();
  await expectClearanceShown(page, 'SECRET');

  // The FLASH cable with two alerts outstanding, its handling bar and its toolbar: the worst case.
  await openFromInbox(page, 'TOPOL 590');
  const scroller = page.getByTestId('screen-cable');
  const toolbar = page.locator('.cable-toolbar');
  const wide = await box(scroller);
  test.info().annotations.push({ type: 'cable area at 1280×800', description: `${Math.round(wide.height)} px` });
  expect(wide.height, 'the cable area at 1280×800').toBeGreaterThanOrEqual(0.7 * 800);
  expect(await toolbarRows(toolbar), 'toolbar rows at 1280×800').toBe(1);
  await saveScreen(page, 'layout-cable-1280x800');

  await page.setViewportSize({ width: 900, height: 600 });
  await expectClearanceShown(page, 'SECRET');
  expect(await toolbarRows(toolbar), 'toolbar rows at 900×600').toBeLessThanOrEqual(2);
  expect(await toolbarRows(page.getByTestId('handling')), 'handling bar rows at 900×600').toBe(1);
  const narrow = await box(scroller);
  test.info().annotations.push({ type: 'cable area at 900×600', description: `${Math.round(narrow.height)} px` });
  expect(narrow.height, 'the cable area at 900×600').toBeGreaterThanOrEqual(0.55 * 600);
  // The body's first paragraph starts above the fold, with at least two lines of it showing.
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  const first = await box(page.getByTestId('paragraph').first());
  expect(first.y + 40, 'the cable body is above the fold').toBeLessThanOrEqual(600 - BANNER_PX);
  await saveScreen(page, 'layout-cable-900x600');
});

test('with seven sections in the app bar, the instructor’s clearance still shows at 900×600', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 600 });
  await signIn(page, 'instructor');
  await page.getByTestId('nav-audit').click();
  await expect(page.getByTestId('audit-row')).not.toHaveCount(0);
  await expectClearanceShown(page, 'TOP SECRET');
  await expect(page.locator('.app-nav__item')).toHaveCount(7);
  // Each section's name on one line.
  for (const item of await page.locator('.app-nav__item').all()) expect(await textLines(item)).toBe(1);
  await saveScreen(page, 'layout-app-bar-instructor-900x600');
});

test('classification chips keep to one line at 900×600, in the inbox and the alert panel', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 900, height: 600 });
  await signIn(page, 'duty-usro');
  await expect(page.getByTestId('alerts')).toBeVisible();
  const chips = page.getByTestId('classification-chip');
  await expect(chips).not.toHaveCount(0);
  const texts = await chips.allInnerTexts();
  expect(texts).toContain('SECRET//NOFORN');
  for (let i = 0; i < texts.length; i++) {
    expect(await textLines(chips.nth(i)), `chip "${texts[i]}" wraps`).toBe(1);
  }
  await saveScreen(page, 'layout-inbox-900x600');
});

test('the alert panel shrinks to one line once seen, and opens again on request', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  const panel = page.getByTestId('alerts');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('alert-item')).toHaveCount(2);

  // Seen on the inbox; on the next screen it is a one-line reminder that still names both.
  await page.getByTestId('nav-drafts').click();
  await expect(page.getByTestId('screen-drafts')).toBeVisible();
  await expect(panel).toHaveCount(0);
  const reminder = page.getByTestId('alerts-reminder');
  await expect(reminder).toBeVisible();
  await expect(reminder.getByTestId('alert-item')).toHaveCount(2);
  expect((await box(reminder)).height).toBeLessThanOrEqual(40);
  expect(await toolbarRows(reminder)).toBe(1);
  await saveScreen(page, 'layout-alerts-reminder');

  // Its items open the cable; Show brings the full panel back.
  await reminder.getByRole('button', { name: 'Show' }).click();
  await expect(panel).toBeVisible();
});

test('the inbox reading pane shows the selected cable beside the list, and is remembered', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await expect(page.getByTestId('inbox-row')).not.toHaveCount(0);
  await expect(page.getByTestId('reading-pane')).toHaveCount(0);

  const toggle = page.getByTestId('reading-pane-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // A click selects and shows the cable in the pane; the inbox stays.
  await page.locator('[data-testid="inbox-row"][data-ref="TOPOL 578"]').click();
  const pane = page.getByTestId('reading-pane');
  await expect(pane.getByTestId('subject')).toContainText('SUBJECT:');
  await expect(pane.getByTestId('cable')).toHaveAttribute('aria-label', 'Cable TOPOL 578');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  const list = await box(page.getByTestId('inbox-list'));
  const shown = await box(pane);
  expect(shown.x, 'the pane is beside the list').toBeGreaterThanOrEqual(list.x + list.width - 1);
  expect(shown.width).toBeGreaterThan(0.45 * 1280);
  await saveScreen(page, 'layout-reading-pane-1280x800');
  await page.setViewportSize({ width: 900, height: 600 });
  await saveScreen(page, 'layout-reading-pane-900x600');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The keyboard moves the selection and the pane follows; Enter opens the full view.
  await page.getByTestId('inbox-list').focus();
  await page.keyboard.press('Home');
  const firstRef = await page.getByTestId('inbox-row').first().getAttribute('data-ref');
  await expect(pane.getByTestId('cable')).toHaveAttribute('aria-label', `Cable ${firstRef}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-cable')).toBeVisible();
  await page.keyboard.press('Escape');

  // Remembered: after a reload the pane is still on.
  await page.reload();
  await expect(page.getByTestId('reading-pane-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('reading-pane')).toBeVisible();
});
