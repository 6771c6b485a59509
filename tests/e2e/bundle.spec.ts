import { readFileSync, writeFileSync } from 'node:fs';
import { expect, saveScreen, signIn, test } from './harness';
import { openBySearch, openFromInbox } from './routing';

/**
 * Signed bundles (issue 6): Rusk exports the released, signed practice cable POLTO 506 as a bundle
 * signed with his passphrase (a wrong one keeps the dialog open and signs nothing), imports that
 * very file again (already present: nothing written), and a copy with one byte changed is refused
 * whole, the refusal shown prominently. An unsigned historical cable offers no bundle at all.
 */
const POLTO_506 = 'POLTO 506';
const BUNDLE_FILE = 'POLTO-506.cablebundle';

test('Rusk exports POLTO 506 as a signed bundle, re-imports it (already present) and a changed copy is refused', async ({
  app,
}) => {
  const { page } = app;
  await signIn(page, 'rusk');

  await openFromInbox(page, POLTO_506);
  const exportButton = page.getByTestId('export-bundle');
  await expect(exportButton).toBeEnabled();

  // Escape cancels the dialog only: the cable stays, the keyboard is back on the button.
  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: `Export ${POLTO_506} as a signed bundle` });
  await expect(dialog).toBeVisible();
  await expect(page.getByLabel('Your passphrase')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(exportButton).toBeFocused();

  // A wrong passphrase signs nothing and keeps the dialog, saying why.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.getByLabel('Your passphrase').fill('not-my-passphrase');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bundle-export-error')).toContainText('does not unlock your signing key');
  await expect(dialog).toBeVisible();
  await expect(page.getByLabel('Your passphrase')).toBeFocused();
  await expect(page.getByLabel('Your passphrase')).toHaveValue('');
  await saveScreen(page, 'bundle-export-wrong-passphrase');

  // The right passphrase: Enter signs, and the bundle is saved under main's file name.
  await page.getByLabel('Your passphrase').fill('topol-578');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(BUNDLE_FILE);
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('handling-message')).toContainText(`Saved ${BUNDLE_FILE}`);
  const bundlePath = test.info().outputPath(BUNDLE_FILE);
  await saved.saveAs(bundlePath);
  const text = readFileSync(bundlePath, 'utf8');
  expect(text.split('\n')[0]).toBe('CABLEROOM-BUNDLE-1');
  expect(text).toContain(`"ref":"${POLTO_506}"`);
  await page.getByTestId('back-to-inbox').click();

  // A historical, unsigned cable travels only as the plain export.
  await openBySearch(page, 'Jupiters', 'TOPOL 578');
  await expect(page.getByTestId('export-cable')).toBeVisible();
  await expect(page.getByTestId('export-bundle')).toHaveCount(0);

  // Officers reach Import for bundles only (FRUS imports are for instructors and admins).
  await page.getByTestId('nav-import').click();
  await expect(page.getByTestId('bundle-import')).toBeVisible();
  await expect(page.getByTestId('frus-import')).toHaveCount(0);

  // The same file back: verified, already present, nothing written.
  await page.getByLabel('Bundle file').setInputFiles(bundlePath);
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const summary = page.getByTestId('bundle-summary');
  await expect(summary).toContainText('Bundle verified');
  await expect(summary).toContainText('SECRET');
  await expect(page.getByTestId('bundle-already-present')).toContainText(POLTO_506);
  await expect(page.getByTestId('bundle-imported')).toHaveText('none');
  await saveScreen(page, 'bundle-import-already-present');

  // One byte changed (POLTO 506 → POLTO 606 in the body): refused whole, the reason in view.
  const bytes = readFileSync(bundlePath);
  const at = bytes.indexOf(`"ref":"${POLTO_506}"`) + '"ref":"POLTO '.length;
  expect(String.fromCharCode(bytes[at]!)).toBe('5');
  bytes[at] = '6'.charCodeAt(0);
  const tamperedPath = test.info().outputPath('POLTO-506-changed.cablebundle');
  writeFileSync(tamperedPath, bytes);

  await page.getByLabel('Bundle file').setInputFiles(tamperedPath);
  await page.getByRole('button', { name: 'Import bundle' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Bundle refused' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('POLTO-506-changed.cablebundle');
  await expect(page.getByTestId('bundle-refusal-reason')).toContainText('signature');
  await expect(refusal).toContainText('Nothing of it was imported.');
  await expect(page.getByTestId('bundle-summary')).toHaveCount(0);
  await saveScreen(page, 'bundle-import-refused');
});
