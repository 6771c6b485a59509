import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { Core } from '../../electron/core/app';
import type { Draft } from '../../electron/domain/draft';
import { addTopolCable } from './cables';
import { expect, saveScreen, SEED_PASSPHRASE, signIn, test } from './harness';

/**
 * The live inbox (issue 14 items 1 and 2): what another user does in core — a release, an
 * import, a draft sent for clearance — reaches the signed-in window through the push channel,
 * without a reload; opening a cable reads it and the unread count follows.
 */
const EXAMPLE = JSON.parse(readFileSync(resolve(__dirname, '../../docs/examples/polto-reply.json'), 'utf8')) as Draft;
const MOSCOW_1139 = join(resolve(__dirname, '../fixtures/frus/frus1961-63v11'), 'd115.xml');

/** Marks the document, so a test can prove the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
}

async function expectSameDocument(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}

const row = (page: Page, ref: string) => page.locator(`[data-testid="inbox-row"][data-ref="${ref}"]`);
const unreadCount = (page: Page) => page.getByTestId('nav-inbox').getByTestId('unread-count');

/** duty-usro's POLTO reply, signed and sent to finletter for clearance (as another user, in core). */
async function submitPoltoReply(core: Core): Promise<number> {
  const duty = await core.users.byLogin('duty-usro');
  const created = core.drafts.create(duty, {});
  const saved = core.drafts.save(duty, created.id, created.revision, EXAMPLE);
  const submitted = await core.drafts.submit(duty, saved.id, saved.revision, SEED_PASSPHRASE);
  return submitted.id;
}

test('a cable released by other users appears in the Secretary’s inbox without a reload', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'rusk');
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  await expect(unreadCount(page)).toBeVisible();
  const unreadBefore = Number(await unreadCount(page).getAttribute('data-count'));
  await markDocument(page);

  // USRO drafts, Finletter clears and approves: the POLTO is released to the Department.
  const id = await submitPoltoReply(core);
  const finletter = await core.users.byLogin('finletter');
  const cleared = await core.drafts.clear(finletter, id, core.drafts.get(finletter, id).revision, 0, SEED_PASSPHRASE);
  const released = await core.drafts.approve(finletter, id, cleared.revision, SEED_PASSPHRASE);
  const ref = released.releasedRef!;
  expect(ref).toMatch(/^POLTO \d+$/);

  await expect(row(page, ref)).toBeVisible();
  await expect(row(page, ref)).toHaveAttribute('data-read', 'false');
  await expect(unreadCount(page)).toHaveAttribute('data-count', String(unreadBefore + 1));
  await expectSameDocument(page);
  await saveScreen(page, 'live-inbox-arrival');
});

test('telegrams an instructor imports appear in the Department’s inbox when the import is done', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'rusk');
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  await expect(row(page, 'MOSCOW 1139')).toHaveCount(0);
  await markDocument(page);

  const instructor = await core.users.byLogin('instructor');
  core.imports.start(instructor, [{ name: 'd115.xml', bytes: new Uint8Array(readFileSync(MOSCOW_1139)) }]);

  await expect(row(page, 'MOSCOW 1139')).toBeVisible();
  await expectSameDocument(page);
  await saveScreen(page, 'live-inbox-import');
});

test('a FLASH cable arriving raises the alert at once', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'duty-usro');
  const alerts = page.getByTestId('alerts');
  await expect(alerts.getByTestId('alert-item')).toHaveCount(2);
  await markDocument(page);

  addTopolCable(core, { number: 1001, precedence: 'FLASH', subject: 'Live exercise: acknowledge on receipt' });

  await expect(alerts.locator('[data-testid="alert-item"][data-ref="TOPOL 1001"]')).toBeVisible();
  await expect(row(page, 'TOPOL 1001')).toBeVisible();
  await expectSameDocument(page);
});

test('opening a cable marks it read, and the unread count drops; File as read still files it', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  await expect(row(page, 'TOPOL 592')).toHaveAttribute('data-read', 'false');
  const before = Number(await unreadCount(page).getAttribute('data-count'));
  expect(before).toBeGreaterThan(0);

  await row(page, 'TOPOL 592').click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('read-state')).toHaveText('Read');
  await expect(unreadCount(page)).toHaveAttribute('data-count', String(before - 1));
  await expect(page.getByTestId('file-as-read')).toBeEnabled();
  await saveScreen(page, 'cable-read-on-open');

  await page.getByTestId('file-as-read').click();
  await expect(page.getByTestId('read-state')).toHaveText('Filed as read');

  await page.keyboard.press('Escape');
  await expect(row(page, 'TOPOL 592')).toHaveAttribute('data-read', 'true');
  await expect(unreadCount(page)).toHaveAttribute('data-count', String(before - 1));
});

test('a FLASH cable opened before acknowledgement stays unread (rule 8)', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  const before = Number(await unreadCount(page).getAttribute('data-count'));
  await row(page, 'TOPOL 590').click();
  await expect(page.getByTestId('read-state')).toHaveText('Unread');
  await page.getByTestId('acknowledge').click();
  await expect(page.getByTestId('read-state')).toHaveText('Read');
  await expect(unreadCount(page)).toHaveAttribute('data-count', String(before - 1));
});

test('a draft sent to the user for clearance shows as waiting in the app bar and on the desk', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'finletter');
  await expect(page.getByTestId('inbox-row').first()).toBeVisible();
  await expect(page.getByTestId('drafts-waiting-bar')).toHaveCount(0);
  await markDocument(page);

  await submitPoltoReply(core);

  const bar = page.getByTestId('drafts-waiting-bar');
  await expect(bar).toHaveText('1 draft waiting for you');
  await expect(page.getByTestId('nav-drafts').getByTestId('drafts-waiting-count')).toHaveAttribute('data-count', '1');
  await expectSameDocument(page);
  await saveScreen(page, 'drafts-waiting-app-bar');

  await bar.click();
  await expect(page.getByTestId('screen-drafts')).toBeVisible();
  await expect(page.getByTestId('drafts-waiting')).toHaveText('1 draft is waiting for you.');
  await saveScreen(page, 'drafts-waiting-desk');
});

test('a delivery arriving above the selection keeps the same cable selected', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'duty-usro');
  const list = page.getByRole('listbox', { name: /Inbox/ });
  await expect(list).toBeFocused();
  const selected = page.locator('[data-testid="inbox-row"][aria-selected="true"]');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toHaveAttribute('data-ref', 'TOPOL 592');

  addTopolCable(core, { number: 1001 });

  await expect(row(page, 'TOPOL 1001')).toBeVisible();
  await expect(selected).toHaveAttribute('data-ref', 'TOPOL 592');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cable')).toContainText('TOPOL 592');
});
