import type { Page } from '@playwright/test';
import { addTopolTraffic, inboxSize } from './cables';
import { expect, saveScreen, SEED_PASSPHRASE, test } from './harness';

/** Keyboard only, from sign-in to a cable and back (no mouse anywhere in this spec). */

/** Sign in without the mouse: focus starts in the persona group; arrows to the persona, Tab, type, Enter. */
async function signInByKeyboard(page: Page, login: string): Promise<void> {
  await expect(page.locator('input[type="radio"]').first()).toBeFocused();
  const persona = page.locator(`input[type="radio"][value="${login}"]`);
  for (let i = 0; i < 20 && !(await persona.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(persona).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Passphrase/)).toBeFocused();
  await page.keyboard.type(SEED_PASSPHRASE);
  await page.keyboard.press('Enter');
}

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

  await signInByKeyboard(page, 'finletter');

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

/**
 * The shortcuts (issue 14 item 6; renderer/src/shortcuts/keymap.ts), keyboard only: j/k through
 * the inbox, "/" to search (where "j" is a letter), "?" for the sheet, then a FLASH cable
 * acknowledged (a), its distribution (d), filed (e), back (u, g i) and a reply (r). Handling goes
 * through main: ACK then READ in the audit trail (DOMAIN.md rule 8).
 */
test('j/k, o, /, ?, a, d, e, u, g i and r work from the keyboard alone', async ({ app }) => {
  const { page, core } = app;
  const topol590 = core.cables.idByRef('TOPOL 590');
  await signInByKeyboard(page, 'finletter');

  // Finletter's inbox, newest first: TOPOL 593 (NIACT), 592, 591, 590 (FLASH), 578.
  const list = page.getByRole('listbox', { name: /Inbox/ });
  await expect(list).toBeFocused();
  await expectSelected(page, { ref: 'TOPOL 593', index: 0 });
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectSelected(page, { ref: 'TOPOL 591', index: 2 });
  await page.keyboard.press('k');
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });
  await page.keyboard.press('k');
  await page.keyboard.press('k'); // at the top: stays
  await expectSelected(page, { ref: 'TOPOL 593', index: 0 });
  await page.keyboard.press('j');

  // "/" goes to the search field, where "j" and "?" are letters: the selection does not move, no sheet opens.
  const input = page.getByTestId('search-input');
  await page.keyboard.press('/');
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');
  await page.keyboard.type('j?k');
  await expect(input).toHaveValue('j?k');
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('exercise');
  await page.keyboard.press('Enter');
  const hits = page.getByTestId('search-hit');
  await expect(hits).not.toHaveCount(0);
  expect(await hits.count()).toBeGreaterThan(2);
  // Still in the field after Enter: j is typed. ↓ goes into the results, where j and k move.
  await page.keyboard.press('ArrowDown');
  await expect(hits.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(hits.nth(2)).toBeFocused();
  await page.keyboard.press('k');
  await expect(hits.nth(1)).toBeFocused();
  // Escape clears the search and gives the keyboard back to the list.
  await page.keyboard.press('Escape');
  await expect(list).toBeFocused();
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });

  // "?" shows the sheet: the inbox's keys are live here, the cable view's are dimmed.
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(page.getByTestId('shortcut-close')).toBeFocused();
  const row = (command: string) => sheet.locator(`[data-testid="shortcut-row"][data-command="${command}"]`);
  await expect(row('inbox.next')).toHaveAttribute('data-available', 'true');
  await expect(row('inbox.next')).toContainText('Next (older) cable');
  await expect(row('cable.reply')).toHaveAttribute('data-available', 'false');
  await expect(row('go.inbox')).toContainText('g then i');
  await saveScreen(page, 'shortcut-sheet');
  // While the sheet is open no shortcut runs: j does not move the list behind it.
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(list).toBeFocused();
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });

  // o opens the selected cable: j j to FLASH TOPOL 590.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expectSelected(page, { ref: 'TOPOL 590', index: 3 });
  await page.keyboard.press('o');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 590');
  await expect(page.getByTestId('ack-state')).toContainText('Not yet acknowledged');

  // e before a: main refuses to file an unacknowledged FLASH (rule 8) and the keyboard lands on Acknowledge.
  await page.keyboard.press('e');
  await expect(page.getByTestId('handling-message')).toHaveAttribute('data-code', 'ACK_REQUIRED');
  await expect(page.getByTestId('acknowledge')).toBeFocused();
  await page.keyboard.press('a');
  await expect(page.getByTestId('ack-state')).toContainText('Acknowledged');
  await expect(page.getByTestId('acknowledge')).toHaveCount(0);
  // Its button gone, the keyboard is on the next step rather than at the top of the page.
  await expect(page.getByRole('button', { name: 'File as read' })).toBeFocused();
  await page.keyboard.press('a'); // nothing left to acknowledge: nothing happens
  await expect(page.getByTestId('read-state')).toHaveText('Read');

  // d shows the distribution; e files from there; d again is the cable.
  await page.keyboard.press('d');
  await expect(page.getByTestId('tab-distribution')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('distribution')).toBeVisible();
  await page.keyboard.press('e');
  await expect(page.getByTestId('read-state')).toHaveText('Filed as read');
  await page.keyboard.press('d');
  await expect(page.getByTestId('tab-cable')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('cable')).toBeVisible();
  const trail = core.audit
    .list({ login: 'finletter', cableId: topol590, limit: 50 })
    .reverse()
    .map((e) => e.action)
    .filter((a) => a === 'ACK' || a === 'READ');
  expect(trail).toEqual(['ACK', 'READ']);

  // "?" in the cable view: its keys are live; Escape closes the sheet only, not the cable.
  await page.keyboard.press('?');
  await expect(sheet).toBeVisible();
  await expect(row('cable.reply')).toHaveAttribute('data-available', 'true');
  await expect(row('cable.acknowledge')).toHaveAttribute('data-available', 'false');
  await expect(row('inbox.next')).toHaveAttribute('data-available', 'false');
  await saveScreen(page, 'shortcut-sheet-cable');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);
  await expect(page.getByTestId('cable')).toBeVisible();

  // u goes back to the list, on the same row, now filed and acknowledged.
  await page.keyboard.press('u');
  await expect(list).toBeFocused();
  await expectSelected(page, { ref: 'TOPOL 590', index: 3 });
  await expect(selectedRow(page)).toHaveAttribute('data-read', 'true');
  await expect(selectedRow(page)).toHaveAttribute('data-acknowledged', 'true');

  // In the open cable, j and k step to the next (older) and previous cable of the inbox.
  await page.keyboard.press('o');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 590');
  await page.keyboard.press('j');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 578');
  await expect(page.locator('.cable-toolbar__ref')).toHaveText('TOPOL 578');
  await page.keyboard.press('j'); // the last cable: stays
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 578');
  await page.keyboard.press('k');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 590');

  // g then i from the cable view is the inbox as well.
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(list).toBeFocused();

  // r starts a reply: the composer opens on a new draft.
  await page.keyboard.press('o');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 590');
  // Opened from the keyboard, the cable text has the keyboard (arrows scroll it) and shows its focus ring.
  await expect(page.getByTestId('screen-cable')).toBeFocused();
  expect(await page.getByTestId('screen-cable').evaluate((el) => el.matches(':focus-visible'))).toBe(true);
  await saveScreen(page, 'cable-keyboard');
  await page.keyboard.press('r');
  await expect(page.getByTestId('screen-composer')).toBeVisible();
});

test('the Keyboard shortcuts button opens the sheet from Tab and Enter, and the focus comes back', async ({ app }) => {
  const { page } = app;
  await signInByKeyboard(page, 'trainee');
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(button).toHaveAttribute('aria-keyshortcuts', 'Shift+?');
  await expect(button).toHaveAttribute('title', 'Show keyboard shortcuts (?)');
  for (let i = 0; i < 30 && !(await button.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  // "?" closes it as well, and the keyboard is back on the button.
  await page.keyboard.press('?');
  await expect(sheet).toHaveCount(0);
  await expect(button).toBeFocused();
});

test('with the reading pane on, j and k move the selection from the pane too, and arrows scroll it', async ({
  app,
}) => {
  const { page } = app;
  await signInByKeyboard(page, 'finletter');
  const list = page.getByRole('listbox', { name: /Inbox/ });
  await expect(list).toBeFocused();

  // The pane's toggle is before the list: Shift+Tab back to it, Enter.
  const toggle = page.getByTestId('reading-pane-toggle');
  for (let i = 0; i < 6 && !(await toggle.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const pane = page.getByTestId('reading-pane');
  await expect(pane).toHaveAttribute('data-ref', 'TOPOL 593');
  await expect(pane.getByTestId('cable')).toBeVisible();

  // Into the pane's text (it scrolls, so it is in the Tab order).
  const paneText = pane.locator('.reading-pane__scroll');
  for (let i = 0; i < 8 && !(await paneText.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(paneText).toBeFocused();

  await page.keyboard.press('j');
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });
  await expect(pane).toHaveAttribute('data-ref', 'TOPOL 592');
  await expect(pane.getByTestId('cable')).toHaveAttribute('data-ref', 'TOPOL 592');
  await expect(paneText).toBeFocused();
  // An arrow in the pane is the pane's own (it scrolls): the selection stays.
  await page.keyboard.press('ArrowDown');
  await expectSelected(page, { ref: 'TOPOL 592', index: 1 });
  await page.keyboard.press('k');
  await expect(pane.getByTestId('cable')).toHaveAttribute('data-ref', 'TOPOL 593');
  await saveScreen(page, 'reading-pane-keyboard');

  await page.keyboard.press('o');
  await expect(page.getByTestId('cable-header')).toContainText('TOPOL 593');
});
