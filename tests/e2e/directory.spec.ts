import { callApi, expect, saveScreen, signIn, test } from './harness';

/**
 * The directory editor (DOMAIN.md §1.8): an instructor adds a station and an office and makes a
 * collective of stations; main's refusal of a duplicate is shown word for word, and every edit is
 * audited. Anyone else has no way in, and main refuses a direct call.
 */

test('an instructor adds a station, an office and a collective', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'instructor');
  await page.getByTestId('nav-directory').click();
  await expect(page.getByTestId('screen-directory')).toBeVisible();
  await expect(page.getByTestId('banner-top')).toHaveText('UNCLASSIFIED');
  await expect(page.getByTestId('station-row')).toHaveCount(19);
  const usro = page.locator('[data-testid="station-row"][data-plad="USMISSION USNATO"]');
  await expect(usro.getByTestId('station-principal')).toHaveText('Finletter');
  await expect(usro.getByTestId('station-offices')).toContainText('POL');
  await expect(page.locator('[data-testid="collective-row"][data-name="ALL NATO CAPITALS"]')).toContainText('14');

  // A station.
  await page.getByTestId('add-station').click();
  const station = page.getByTestId('station-form');
  await station.getByLabel('PLAD').fill('amembassy dublin');
  await station.getByLabel('Name', { exact: true }).fill('American Embassy Dublin');
  await station.getByLabel('Short name').fill('Embassy Dublin');
  await station.getByLabel('Kind').selectOption('EMBASSY');
  await station.getByLabel('Country').fill('irl');
  await station.getByLabel('City').fill('Dublin');
  await expect(station.getByLabel('PLAD')).toHaveValue('AMEMBASSY DUBLIN');
  await saveScreen(page, 'directory-add-station');
  await station.getByRole('button', { name: 'Add station' }).click();
  await expect(page.getByTestId('directory-notice')).toHaveText('Added AMEMBASSY DUBLIN (Embassy Dublin).');
  const dublin = page.locator('[data-testid="station-row"][data-plad="AMEMBASSY DUBLIN"]');
  await expect(dublin).toContainText('Embassy Dublin');
  await expect(dublin).toContainText('Dublin, IRL');
  await expect(page.getByTestId('station-row')).toHaveCount(20);

  // The same PLAD again: main refuses, and the form shows its words.
  await page.getByTestId('add-station').click();
  await station.getByLabel('PLAD').fill('AMEMBASSY DUBLIN');
  await station.getByLabel('Name', { exact: true }).fill('Duplicate');
  await station.getByLabel('Short name').fill('Duplicate');
  await station.getByRole('button', { name: 'Add station' }).click();
  await expect(station.getByTestId('directory-form-error')).toHaveText('AMEMBASSY DUBLIN is already in the directory.');
  await station.getByRole('button', { name: 'Cancel' }).click();

  // An office at the new station.
  await page.getByRole('button', { name: 'Add an office to AMEMBASSY DUBLIN' }).click();
  const office = page.getByTestId('office-form');
  await expect(office.getByLabel('Station')).toHaveValue('AMEMBASSY DUBLIN');
  await office.getByLabel('Office code').fill('pol');
  await office.getByLabel('Office name').fill('Political Section');
  await office.getByRole('button', { name: 'Add office' }).click();
  await expect(page.getByTestId('directory-notice')).toHaveText('Added office POL to AMEMBASSY DUBLIN.');
  await expect(dublin.getByTestId('station-offices')).toHaveText('POL');

  // A collective of four Atlantic posts, then one member fewer.
  await page.getByTestId('new-collective').click();
  const collective = page.getByTestId('collective-form');
  await collective.getByLabel('Collective name').fill('Atlantic posts');
  await collective.getByLabel('Description').fill('Posts on the North Atlantic air route');
  const tick = (plad: string) =>
    collective.locator(`[data-testid="member-picker"] [data-plad="${plad}"]`).getByRole('checkbox');
  for (const plad of ['AMEMBASSY DUBLIN', 'AMEMBASSY OTTAWA', 'AMEMBASSY REYKJAVIK', 'AMEMBASSY LISBON']) {
    await tick(plad).check();
  }
  await expect(collective).toContainText('4 ticked');
  await saveScreen(page, 'directory-new-collective');
  await collective.getByRole('button', { name: 'Create collective' }).click();
  await expect(page.getByTestId('directory-notice')).toHaveText('Created collective ATLANTIC POSTS with 4 members.');
  const atlantic = page.locator('[data-testid="collective-row"][data-name="ATLANTIC POSTS"]');
  await expect(atlantic).toContainText('AMEMBASSY DUBLIN, AMEMBASSY LISBON, AMEMBASSY OTTAWA, AMEMBASSY REYKJAVIK');

  await page.getByRole('button', { name: 'Edit members of ATLANTIC POSTS' }).click();
  await expect(collective.getByLabel('Collective name')).toBeDisabled();
  await tick('AMEMBASSY LISBON').uncheck();
  await collective.getByRole('button', { name: 'Save members' }).click();
  await expect(page.getByTestId('directory-notice')).toHaveText('Saved collective ATLANTIC POSTS with 3 members.');
  await expect(atlantic).not.toContainText('LISBON');
  await saveScreen(page, 'directory');

  // Every edit is in the audit trail.
  expect(core.audit.list({ limit: 10, action: 'DIRECTORY_UPDATE' })).toHaveLength(4);
});

test('an officer has no directory editor, and main refuses a direct edit', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  await expect(page.getByTestId('nav-directory')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Directory' })).toHaveCount(0);

  expect(
    await callApi(page, 'addStation', { plad: 'AMEMBASSY DUBLIN', name: 'x', shortName: 'x', kind: 'EMBASSY' }),
  ).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED', message: 'Only instructors and admins edit the directory.' },
  });
  expect(await callApi(page, 'setCollective', { name: 'MINE', members: ['AMEMBASSY ROME'] })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  // Reading it is allowed (the repeat form's picker needs it).
  expect(await callApi(page, 'readDirectory')).toMatchObject({ ok: true });
});
