import { expect, saveScreen, signIn, test } from './harness';

/**
 * The reference telegram end to end: Finletter signs in, finds TOPOL 578 in his inbox and reads
 * it with the SECRET marking at top and bottom (DOMAIN.md rule 25), the EYES ONLY caption on its
 * own line (rule 12), paragraphs 1–8 without portion marks, as 1962 telegrams were (issue 12 item
 * 4), and paragraph 8 set apart as FYI.
 */
const SECRET_RED = 'rgb(200, 16, 46)'; // #C8102E, Pantone 186 (DOMAIN.md §4)

test('Finletter reads TOPOL 578 with its markings', async ({ app }) => {
  const { page } = app;

  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  await expect(page.getByTestId('persona')).not.toHaveCount(0);
  await saveScreen(page, 'sign-in');

  await signIn(page, 'finletter');

  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  const user = page.getByTestId('signed-in-user');
  await expect(user).toContainText('Thomas K. Finletter');
  await expect(user).toContainText('U.S. Mission to the North Atlantic Treaty Organization');
  await expect(user).toContainText('TOP SECRET');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const row = page.getByTestId('inbox-row').filter({ hasText: 'TOPOL 578' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('SECRET');
  await expect(row).toContainText('EYES ONLY');
  await expect(row).toContainText('280412Z OCT 62');
  await expect(row).toContainText('SECSTATE WASHDC');
  await expect(row.getByTestId('classification-chip')).toHaveCSS('background-color', SECRET_RED);
  // The inbox view carries its own overall marking: the highest level it lists, with the NOFORN
  // of TOPOL 591 (DOMAIN.md §4 banner syntax), so the list's banner is stricter than TOPOL 578's.
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET//NOFORN');
  await expect(page.getByTestId('banner-bottom')).toHaveText('SECRET//NOFORN');
  await saveScreen(page, 'inbox');

  await row.click();

  const cable = page.getByTestId('cable');
  await expect(cable).toBeVisible();

  for (const id of ['banner-top', 'banner-bottom']) {
    const banner = page.getByTestId(id);
    await expect(banner).toHaveText('SECRET');
    await expect(banner).toHaveCSS('background-color', SECRET_RED);
    await expect(banner).toHaveCSS('color', 'rgb(255, 255, 255)');
    await expect(banner).toHaveCSS('position', 'sticky');
  }

  // Each caption on a line of its own; the pass instruction sits with them (rules 12, 17).
  await expect(page.getByTestId('caption')).toHaveText(['EYES ONLY']);
  await expect(page.getByTestId('pass-line')).toHaveText(['USRO PASS AMEMBASSY PARIS']);
  await expect(page.getByTestId('dtg')).toContainText('280412Z OCT 62');
  await expect(page.getByTestId('from')).toContainText('SECSTATE WASHDC');
  await expect(page.getByTestId('action')).toContainText('USMISSION USNATO TOPOL 578');
  await expect(page.getByTestId('repeats')).toContainText('REPEATED TO');
  await expect(page.getByTestId('repeats')).toContainText('ALL NATO CAPITALS');

  // As printed in 1962 (issue 12 item 4): the classification line alone, no precedence (FRUS
  // records none), and no portion marks, which 1962 telegrams did not have; what Cableroom adds
  // for training says so.
  await expect(page.getByTestId('classification-line')).toHaveText('SECRET');
  await expect(page.getByTestId('precedence-line')).toHaveCount(0);
  await expect(page.getByTestId('cable-header').getByTestId('precedence')).toHaveCount(0);
  await expect(page.getByTestId('training-additions')).toContainText('added by Cableroom for training');
  await expect(page.getByTestId('training-additions')).toContainText('1962 telegrams had none');
  // One line until opened (the cable's body stays above the fold); opened, each note shows.
  await expect(page.getByTestId('training-addition').first()).toBeHidden();
  await page.getByTestId('training-additions').locator('summary').click();
  await expect(page.getByTestId('training-addition')).toHaveCount(2);
  await expect(page.getByTestId('training-addition').first()).toBeVisible();
  const paragraphs = page.getByTestId('paragraph');
  await expect(paragraphs).toHaveCount(8);
  await expect(page.getByTestId('portion')).toHaveCount(0);
  for (let n = 1; n <= 8; n++) {
    const p = paragraphs.nth(n - 1);
    await expect(p).toHaveAttribute('data-n', String(n));
    await expect(p).toContainText(`${n}.`);
    await expect(p).not.toContainText('(S)');
  }
  // Only paragraph 8 is the FYI passage, and it is labelled as such.
  await expect(page.locator('[data-testid="paragraph"][data-fyi="true"]')).toHaveCount(1);
  const fyi = paragraphs.nth(7);
  await expect(fyi).toHaveAttribute('data-fyi', 'true');
  await expect(fyi.getByTestId('fyi-label')).toContainText('FYI');
  await expect(fyi).toContainText('End FYI.');

  await expect(page.getByTestId('signature')).toHaveText('RUSK');
  await expect(page.getByTestId('drafting')).toContainText('Bundy and U. Alexis Johnson');
  await expect(page.getByTestId('drafting')).toContainText('EUR and NEA');
  await expect(page.getByTestId('source-note')).toContainText('Secret; Eyes Only.');

  // Sticky at both ends: with the page at the top the bottom banner is already on screen, and
  // after scrolling to the end the top banner still is.
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  await expect(page.getByTestId('banner-bottom')).toBeInViewport();
  const bottomBox = await page.getByTestId('banner-bottom').boundingBox();
  expect(bottomBox && bottomBox.y + bottomBox.height).toBeCloseTo(viewport.height, 0);
  await saveScreen(page, 'cable-view');

  await page.getByTestId('signature').scrollIntoViewIfNeeded();
  await page.getByTestId('screen-cable').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('banner-top')).toBeInViewport();
  const topBox = await page.getByTestId('banner-top').boundingBox();
  expect(topBox?.y).toBe(0);
  await saveScreen(page, 'cable-view-end');

  await page.getByTestId('back-to-inbox').click();
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
});
