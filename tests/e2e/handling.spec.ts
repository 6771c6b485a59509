import type { Page } from '@playwright/test';
import { openDatabase } from '../../electron/core/store/database';
import { insertCable } from '../../electron/core/store/cableWriter';
import { topolCable } from './cables';
import { callApi, expect, pageText, saveScreen, signIn, test } from './harness';

/**
 * Enforced handling, end to end: what a person may not read is absent everywhere in the UI and
 * refused by main when asked for directly (DOMAIN.md rules 14, 18, 20); the banners carry the
 * marking (rule 25); and FLASH traffic raises an alert and must be acknowledged before it is filed
 * as read, with ACK then READ in the audit trail (rule 8).
 */
const SECRET_RED = 'rgb(200, 16, 46)'; // #C8102E
const DTG = /\d{6}Z [A-Z]{3} \d{2,4}/;

async function search(page: Page, words: string): Promise<void> {
  await page.getByTestId('inbox-list').focus();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
}

test('a trainee sees no trace of TOPOL 578, and main refuses it when asked directly', async ({ app }) => {
  const { page, core } = app;
  const topol578 = core.cables.idByRef('TOPOL 578');

  await signIn(page, 'trainee');
  await expect(page.getByTestId('inbox-count')).toHaveText('3 cables loaded');
  await expect(page.locator('[data-testid="inbox-row"][data-ref="TOPOL 578"]')).toHaveCount(0);
  await expect(page.getByTestId('banner-top')).toHaveText('CONFIDENTIAL');

  await search(page, 'Jupiters');
  await expect(page.getByTestId('search-empty')).toBeVisible();
  await expect(page.getByTestId('search-hit')).toHaveCount(0);
  expect(await pageText(page)).not.toContain('578');
  await saveScreen(page, 'handling-trainee-search');

  // Escape clears the search and gives the keyboard back to the list.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('inbox-list')).toBeFocused();

  const direct = await page.evaluate((cableId) => window.cableroom!.showCable({ cableId }), topol578);
  expect(direct).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  expect(JSON.stringify(direct)).not.toContain('Jupiter');
});

test('a foreign national does not see NOFORN TOPOL 591, in the inbox, in search or by direct call', async ({ app }) => {
  const { page, core } = app;
  const topol591 = core.cables.idByRef('TOPOL 591');

  await signIn(page, 'liaison');
  await expect(page.getByTestId('inbox-count')).toHaveText('3 cables loaded');
  await expect(page.locator('[data-testid="inbox-row"][data-ref="TOPOL 591"]')).toHaveCount(0);
  // Nothing NOFORN is listed, so the list's banner does not say NOFORN.
  await expect(page.getByTestId('banner-top')).toHaveText('CONFIDENTIAL');

  await search(page, 'allied reactions');
  await expect(page.getByTestId('search-empty')).toBeVisible();

  expect(await callApi(page, 'showCable', { cableId: topol591 })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
});

test('Finletter finds TOPOL 578 by search and reads it under SECRET banners at top and bottom', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');

  await search(page, 'Jupiters');
  const hit = page.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute('data-ref', 'TOPOL 578');
  await expect(hit.getByTestId('classification-chip')).toHaveText('SECRET');
  await expect(hit).toContainText('EYES ONLY');
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  await saveScreen(page, 'search-results');

  await page.keyboard.press('ArrowDown'); // from the field to the first hit
  await expect(hit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('back-to-inbox')).toHaveText('← Search results');

  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  for (const id of ['banner-top', 'banner-bottom']) {
    const banner = page.getByTestId(id);
    await expect(banner).toHaveText('SECRET');
    await expect(banner).toHaveCSS('background-color', SECRET_RED);
    await expect(banner).toHaveCSS('color', 'rgb(255, 255, 255)');
    await expect(banner).toBeInViewport();
  }
  expect((await page.getByTestId('banner-top').boundingBox())?.y).toBe(0);
  const bottom = await page.getByTestId('banner-bottom').boundingBox();
  expect(bottom && bottom.y + bottom.height).toBeCloseTo(viewport.height, 0);

  // Escape goes back to the results, with the opened hit focused again.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-hit')).toBeFocused();
});

test('FLASH TOPOL 590 alerts the duty officer and cannot be filed as read until acknowledged', async ({ app }) => {
  const { page, core } = app;
  const topol590 = core.cables.idByRef('TOPOL 590');

  await signIn(page, 'duty-usro');
  const panel = page.getByTestId('alerts');
  await expect(panel).toBeVisible();
  await expect(panel).toHaveAttribute('role', 'alert');
  await expect(panel.getByTestId('alert-item')).toHaveCount(2);
  const item590 = panel.locator('[data-testid="alert-item"][data-ref="TOPOL 590"]');
  await expect(item590).toContainText('FLASH');
  await expect(item590).toContainText('CONFIDENTIAL');

  // Keyboard reachable: Tab from the app bar arrives at TOPOL 590's Acknowledge button.
  const ack590 = page.getByRole('button', { name: 'Acknowledge TOPOL 590' });
  await page.getByRole('button', { name: 'Sign out' }).focus();
  for (let i = 0; i < 10 && !(await ack590.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(ack590).toBeFocused();
  await saveScreen(page, 'alerts');

  // Open TOPOL 590 from the inbox and try to file it at once: main refuses (ACK_REQUIRED).
  await page.locator('[data-testid="inbox-row"][data-ref="TOPOL 590"]').click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('ack-state')).toContainText('Not yet acknowledged');
  await page.getByTestId('file-as-read').click();
  const message = page.getByTestId('handling-message');
  await expect(message).toHaveAttribute('data-code', 'ACK_REQUIRED');
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText('Acknowledge this FLASH or NIACT cable first');
  await expect(page.getByTestId('read-state')).toHaveText('Unread');
  await expect(page.getByTestId('acknowledge')).toBeFocused();
  await saveScreen(page, 'cable-ack-required');

  await page.keyboard.press('Enter'); // Acknowledge
  await expect(page.getByTestId('ack-time')).toHaveText(DTG);
  await expect(page.getByTestId('acknowledge')).toHaveCount(0);
  // The alert for TOPOL 590 is gone; TOPOL 593 still waits.
  await expect(page.locator('[data-testid="alert-item"][data-ref="TOPOL 590"]')).toHaveCount(0);
  await expect(page.locator('[data-testid="alert-item"][data-ref="TOPOL 593"]')).toHaveCount(1);

  await page.getByTestId('file-as-read').click();
  await expect(page.getByTestId('read-state')).toHaveText('Filed as read');
  await expect(page.getByTestId('handling-message')).toHaveText('Filed as read.');
  await saveScreen(page, 'cable-filed');

  // The trail has ACK then READ for this cable, and no READ from the refused attempt.
  const trail = core.audit
    .list({ login: 'duty-usro', cableId: topol590, limit: 50 })
    .reverse()
    .map((e) => e.action)
    .filter((a) => a === 'ACK' || a === 'READ');
  expect(trail).toEqual(['ACK', 'READ']);

  // Back in the inbox the row shows both states.
  await page.keyboard.press('Escape');
  const row = page.locator('[data-testid="inbox-row"][data-ref="TOPOL 590"]');
  await expect(row).toHaveAttribute('data-read', 'true');
  await expect(row).toHaveAttribute('data-acknowledged', 'true');
  await expect(row.getByTestId('acknowledged')).toContainText('Acked');
  await expect(page.locator('[data-testid="inbox-row"][data-ref="TOPOL 593"]')).toHaveAttribute('data-read', 'false');
  await saveScreen(page, 'inbox-handled');
});

test('a FLASH cable written by another process raises the alert at the next 15 s poll', async ({ app }) => {
  const { page, core } = app;
  // The page's clock stands still from before sign-in, so the poll (started at sign-in) is counted
  // from there by runFor alone. install() by itself leaves the clock running in real time: on a
  // loaded machine more than a second passed between sign-in and runFor(14 s), the 15 s poll fell
  // inside it, and TOPOL 1100 showed up "too early" (the failure seen once in a full run). Nothing
  // on the sign-in path waits on a page timer.
  await page.clock.install();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 60_000);
  await signIn(page, 'duty-usro');
  await expect(page.getByTestId('alert-item')).toHaveCount(2);

  // Written through a second connection to the same file, as the CLI in another process would:
  // this process's push never hears of it, so only the poll can bring it (issue 14 item 1 keeps
  // the poll as the fallback; a release inside the app is pushed at once, liveInbox.spec.ts).
  const other = openDatabase(core.db.name, { mustExist: true });
  try {
    insertCable(other, topolCable({ number: 1100, classification: 'SECRET', precedence: 'FLASH' }));
  } finally {
    other.close();
  }
  await page.clock.runFor(14_000);
  await expect(page.getByTestId('alert-item')).toHaveCount(2);
  await page.clock.runFor(1_500);
  await expect(page.locator('[data-testid="alert-item"][data-ref="TOPOL 1100"]')).toBeVisible();
});
