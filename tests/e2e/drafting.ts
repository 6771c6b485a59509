import type { Locator, Page } from '@playwright/test';
import { expect, SEED_PASSPHRASE } from './harness';

/**
 * Steps of the drafting specs (issue 5): the drafting desk, the composer's pickers, and the
 * chain actions with their passphrase dialog, all through the UI as a person would use them.
 */

/** The drafting desk from the app bar. */
export async function openDrafts(page: Page): Promise<void> {
  await page.getByTestId('nav-drafts').click();
  await expect(page.getByTestId('screen-drafts')).toBeVisible();
  await expect(page.getByTestId('drafts-table')).not.toHaveAttribute('aria-busy', 'true');
}

/** Opens the draft with this subject from the desk. */
export async function openDraft(page: Page, subject: string): Promise<void> {
  await openDrafts(page);
  await page.getByTestId('draft-row').filter({ hasText: subject }).getByRole('button', { name: subject }).click();
  await expect(page.getByTestId('screen-composer')).toBeVisible();
}

/** Picks `value` in an AddPicker (the select and its "Add" button) found by its test id. */
export async function addFromPicker(page: Page, testId: string, value: string): Promise<void> {
  const picker = page.getByTestId(testId);
  await picker.getByRole('combobox').selectOption(value);
  await picker.getByRole('button').click();
}

/** Rule findings of one rule shown anywhere in the composer (beside their fields). */
export function findingsOf(page: Page, rule: number, severity: 'error' | 'warning' = 'error'): Locator {
  return page.locator(`[data-testid="field-findings"] [data-rule="${rule}"][data-severity="${severity}"]`);
}

/** The chain step of a role (DRAFTER, CLEARER, APPROVER). */
export function chainStep(page: Page, role: 'DRAFTER' | 'CLEARER' | 'APPROVER'): Locator {
  return page.locator(`[data-testid="chain-step"][data-role="${role}"]`);
}

/** Presses a chain action, types the passphrase in its dialog and sends it with Enter. */
export async function signWith(page: Page, action: string, passphrase: string = SEED_PASSPHRASE): Promise<void> {
  await page.getByTestId('chain-panel').getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByTestId('drafting-dialog');
  await expect(dialog).toBeVisible();
  const field = dialog.getByLabel('Your passphrase', { exact: true });
  await expect(field).toBeFocused();
  await field.fill(passphrase);
  await field.press('Enter');
}

/** Waits until autosave has stored everything typed. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}
