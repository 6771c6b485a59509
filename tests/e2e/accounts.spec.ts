import { expect, saveScreen, signIn, test } from './harness';

/**
 * Account management (issue "accounts and sign-in"): an instructor creates a trainee at USRO, who
 * can then sign in in another window and read the USRO inbox; an instructor may not create an
 * admin, and main's refusal is shown word for word.
 */
const NEW_PASSPHRASE = 'quarantine-line-62';

test('an instructor creates a trainee who then signs in; creating an admin is refused', async ({ app, openApp }) => {
  const { page } = app;
  await signIn(page, 'instructor');
  await page.getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByTestId('screen-accounts')).toBeVisible();
  await expect(page.getByTestId('banner-top')).toHaveText('UNCLASSIFIED');
  await expect(page.locator('[data-testid="account-row"][data-login="finletter"]')).toBeVisible();

  await page.getByTestId('new-account').click();
  const form = page.getByTestId('create-account-form');
  await form.getByLabel('Login').fill('jdoe');
  await form.getByLabel('Display name').fill('Jane Doe');
  await form.getByLabel('Passphrase').fill(NEW_PASSPHRASE);
  await form.getByLabel('Post').selectOption('USMISSION USNATO');
  await form.getByLabel('Office').selectOption('POL');
  await form.getByLabel('Role').selectOption('trainee');
  await form.getByLabel('Clearance').selectOption('CONFIDENTIAL');
  await saveScreen(page, 'accounts-create');
  await form.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByTestId('accounts-notice')).toHaveText('Created account jdoe (Jane Doe).');
  const created = page.locator('[data-testid="account-row"][data-login="jdoe"]');
  await expect(created).toContainText('Trainee');
  await expect(created).toContainText('USMISSION USNATO · POL');
  await expect(created).toContainText('CONFIDENTIAL');

  // The new trainee signs in in another window (its own session) and reads the USRO inbox.
  const second = await openApp();
  await signIn(second.page, 'jdoe', NEW_PASSPHRASE);
  await expect(second.page.getByTestId('signed-in-user')).toContainText('Jane Doe');
  await expect(second.page.getByTestId('inbox-count')).toHaveText('3 cables loaded');
  await expect(second.page.getByTestId('inbox-row').first()).toHaveAttribute('data-ref', 'TOPOL 593');
  await expect(second.page.locator('[data-testid="inbox-row"][data-ref="TOPOL 578"]')).toHaveCount(0);
  await expect(second.page.getByRole('button', { name: 'Accounts' })).toHaveCount(0);
  await saveScreen(second.page, 'accounts-new-user-inbox');

  // An instructor may not create an admin: main says so, and the form shows it verbatim.
  await page.getByTestId('new-account').click();
  await form.getByLabel('Login').fill('root');
  await form.getByLabel('Display name').fill('Would-be Admin');
  await form.getByLabel('Passphrase').fill(NEW_PASSPHRASE);
  await form.getByLabel('Role').selectOption('admin');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByTestId('account-error')).toHaveText('Only admins manage instructors and admins.');
  await expect(page.locator('[data-testid="account-row"][data-login="root"]')).toHaveCount(0);
  await saveScreen(page, 'accounts-refused');
  await form.getByRole('button', { name: 'Cancel' }).click();

  // Edit: raise the new trainee's clearance and disable the account.
  await page.getByRole('button', { name: 'Edit jdoe' }).click();
  const edit = page.getByTestId('edit-account-form');
  await edit.getByLabel('Clearance').selectOption('SECRET');
  await edit.getByLabel('Account disabled').check();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('accounts-notice')).toHaveText('Saved changes to jdoe.');
  await expect(created).toContainText('SECRET');
  await expect(created).toContainText('Disabled');
});
