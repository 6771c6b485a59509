import { expect, saveScreen, signIn, test } from './harness';

test('a wrong passphrase is refused with a clear message and keeps the sign-in screen', async ({ app }) => {
  const { page } = app;

  // Every persona shows name, post, role and clearance.
  const finletter = page.getByTestId('persona').filter({ hasText: 'Thomas K. Finletter' });
  await expect(finletter).toContainText('U.S. Mission to the North Atlantic Treaty Organization');
  await expect(finletter).toContainText('Officer');
  await expect(finletter).toContainText('TOP SECRET');

  await signIn(page, 'finletter', 'not-the-passphrase');

  const error = page.getByTestId('sign-in-error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('role', 'alert');
  // Main's reason, word for word (a throttled sign-in would say how long to wait instead).
  await expect(error).toHaveText('Sign-in failed. Wrong passphrase.');
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  await expect(page.getByTestId('screen-inbox')).toHaveCount(0);
  // The field is cleared, marked invalid and focused for the next try.
  const passphrase = page.getByLabel(/^Passphrase/);
  await expect(passphrase).toHaveValue('');
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(passphrase).toBeFocused();
  // The session stays signed out in main as well.
  expect(await page.evaluate(() => window.cableroom?.currentUser({}))).toEqual({ ok: true, value: null });
  await saveScreen(page, 'sign-in-error');

  await passphrase.fill('topol-578');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
});

test('sign out returns to sign-in, and a reload keeps the session held by main', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('screen-inbox')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  expect(await page.evaluate(() => window.cableroom?.currentUser({}))).toEqual({ ok: true, value: null });
});
