import { readFileSync, writeFileSync } from 'node:fs';
import { fixtureVolume } from '../support/frusVolume';
import { expectAccessible } from './axe';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * The archive reader (issue 12 items 3 and 5): a historian — cleared only CONFIDENTIAL — imports
 * a whole FRUS volume (frus1961-63v05's twelve telegrams, made into one TEI volume file from the
 * fixture copies), follows the summary's link to a TOP SECRET Eyes Only telegram and reads it
 * (the archive rule), opens the volume's traffic, narrows it by date and classification, picks an
 * edge from the keyboard, opens its telegram, and exports the picture as SVG. axe on the new screen.
 */
const VOLUME = 'frus1961-63v05';
const PASSPHRASE = 'archive reader 1962';

test('a historian imports a volume, reads a cable from the summary, and traces the volume’s traffic', async ({
  app,
}) => {
  const { page, core } = app;
  await core.accounts.create(core.users.byLogin('instructor'), {
    login: 'historian',
    displayName: 'Ernest May',
    post: 'USMISSION USNATO',
    role: 'historian',
    clearance: 'CONFIDENTIAL',
    categories: [],
    captionRoles: [],
    foreignNational: false,
    passphrase: PASSPHRASE,
  });
  const volumeFile = test.info().outputPath(`${VOLUME}.xml`);
  writeFileSync(volumeFile, fixtureVolume(VOLUME));

  await page.reload();
  await signIn(page, 'historian', PASSPHRASE);
  await page.getByTestId('nav-import').click();
  await page.getByLabel('TEI files', { exact: true }).setInputFiles(volumeFile);
  await page.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(page.getByTestId('import-totals')).toHaveText('12 telegrams imported, 0 skipped.');

  // The summary links each ref to its cable: by keyboard, the TOP SECRET Eyes Only telegram opens.
  const link = page.getByTestId('imported-row').filter({ hasText: 'MOSCOW 1797' }).getByTestId('imported-open');
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('banner-top')).toHaveText('TOP SECRET');
  await expect(page.getByTestId('caption')).toHaveText(['EYES ONLY']);
  const view = core.audit.list({ login: 'historian', action: 'VIEW', limit: 1 })[0];
  expect(view?.detail).toMatchObject({ access: 'archive', frus: { volume: VOLUME, doc: 19 }, overrides: 'CLEARANCE' });

  // Back to the summary, and on to the volume's traffic.
  await page.getByRole('button', { name: /← Import/ }).click();
  await page.getByTestId('imported-traffic').filter({ hasText: VOLUME }).click();
  await expect(page.getByTestId('screen-traffic')).toBeVisible();
  const summary = page.getByTestId('traffic-summary');
  await expect(summary).toHaveText('12 of 12 telegrams shown, 3 routes.');
  await expect(page.getByTestId('banner-top')).toHaveText('TOP SECRET');
  await expectAccessible(page, 'traffic');
  await saveScreen(page, 'traffic-volume');

  // The date range: from the last day only (Moscow 1227, November 1962), then the whole again.
  const from = page.getByTestId('traffic-from');
  await from.focus();
  await page.keyboard.press('End');
  await expect(summary).toHaveText('1 of 12 telegrams shown, 1 route.');
  await page.keyboard.press('Home');
  await expect(summary).toHaveText('12 of 12 telegrams shown, 3 routes.');

  // Classification: TOP SECRET alone leaves Moscow → Washington with one telegram.
  for (const level of ['SECRET', 'CONFIDENTIAL']) {
    await page.locator(`[data-testid="traffic-classification"][data-classification="${level}"]`).uncheck();
  }
  await expect(summary).toHaveText('1 of 12 telegrams shown, 1 route.');
  await expect(page.getByTestId('banner-top')).toHaveText('TOP SECRET');
  const edge = page.getByTestId('traffic-edge');
  await expect(edge).toHaveCount(1);
  await expect(edge).toHaveAttribute('data-edge', 'AMEMBASSY MOSCOW→SECSTATE WASHDC');

  // An edge is a button: Enter lists its telegrams; one opens, and back returns to the traffic.
  await edge.focus();
  await page.keyboard.press('Enter');
  await expect(edge).toHaveAttribute('aria-pressed', 'true');
  const cables = page.getByTestId('traffic-cable');
  await expect(cables).toHaveCount(1);
  await expect(cables).toHaveAttribute('data-ref', 'MOSCOW 1797');

  // Export SVG: main audits it first; the picture carries the marking of what it shows.
  const download = page.waitForEvent('download');
  await page.getByTestId('traffic-export-svg').click();
  const svg = await download;
  expect(svg.suggestedFilename()).toBe(`${VOLUME}-traffic.svg`);
  const text = readFileSync(await svg.path(), 'utf8');
  expect(text).toContain('data-marking="top"');
  expect(text).toContain('>TOP SECRET</text>');
  expect(text).toContain('AMEMBASSY MOSCOW');
  expect(core.audit.list({ login: 'historian', action: 'EXPORT', limit: 1 })[0]?.detail).toMatchObject({
    what: 'traffic',
    volume: VOLUME,
    format: 'svg',
    access: 'archive',
  });

  await cables.getByTestId('traffic-open-cable').click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('banner-top')).toHaveText('TOP SECRET');
  await page.getByRole('button', { name: /← Traffic/ }).click();
  await expect(page.getByTestId('screen-traffic')).toBeVisible();
});
