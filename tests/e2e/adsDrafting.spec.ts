import type { Core } from '../../electron/core/app';
import { addFromPicker, openDrafts } from './drafting';
import { expect, SEED_PASSPHRASE, signIn, test } from './harness';

/**
 * The 1973–79 ADS profile as a person uses it (issue 16): the composer offers the 1974 TAGS list,
 * takes a whole TAGS line with names as the handbook writes them, asks for no portion marks under
 * E.O. 11652 and takes the E.O. code in full; a released 1977 NIACT shows its E.O. line, no
 * portion marks, and prints as the ADS printout did.
 */
test.describe.configure({ timeout: 120_000 });

const SUBJECT = 'Ambassador to the Secretary on the Kosygin visit';

/** Kohler, Moscow's principal, drafts and approves a 1977 NIACT to the Department (a practice date). */
async function releaseMoscowNiact(core: Core): Promise<void> {
  const kohler = core.users.byLogin('kohler');
  const created = core.drafts.create(kohler, { profile: 'ADS_1973_79' });
  let d = core.drafts.save(kohler, created.id, created.revision, {
    profile: 'ADS_1973_79',
    practiceDate: '1977-11-09',
    originator: { plad: 'AMEMBASSY MOSCOW', office: 'FRONT' },
    classification: 'SECRET',
    subject: SUBJECT,
    tags: ['PFOR', 'UR', 'US'],
    legacyEo: { order: '11652', code: 'XGDS1, DECLAS 12-31-84' },
    forLine: 'FOR THE SECRETARY FROM AMBASSADOR',
    addressees: [{ plad: 'SECSTATE WASHDC', role: 'ACTION', precedence: 'IMMEDIATE', niact: true }],
    paragraphs: [
      { n: 1, portion: 'U', fyi: false, text: 'Kosygin asked to see me this evening.' },
      { n: 2, portion: 'U', fyi: false, text: 'I will report his remarks by septel.' },
    ],
    drafters: ['kohler'],
    approver: 'kohler',
    signature: 'KOHLER',
  });
  expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
  d = await core.drafts.submit(kohler, d.id, d.revision, SEED_PASSPHRASE);
  d = await core.drafts.approve(kohler, d.id, d.revision, SEED_PASSPHRASE);
  expect(d.state).toBe('RELEASED');
}

test('an ADS draft offers the 1974 TAGS, takes a TAGS line and a full E.O. code, asks for no portion marks', async ({
  app,
}) => {
  const { page } = app;
  await signIn(page, 'rusk');
  await openDrafts(page);
  await page.getByTestId('new-cable').click();
  const composer = page.getByTestId('screen-composer');
  await composer.getByLabel('Profile', { exact: true }).selectOption('ADS_1973_79');

  // The 1974 handbook's list: PFOR, not PREL.
  const tags = composer.getByTestId('tags');
  await expect(tags.locator('option[value="PFOR"]')).toHaveCount(1);
  await expect(tags.locator('option[value="PREL"]')).toHaveCount(0);
  await expect(tags.locator('option[value="IAEA"]')).toHaveCount(1);

  // A whole TAGS line, names as the handbook writes them: three entries.
  const free = tags.getByLabel('Or type one', { exact: true });
  await free.fill('TAGS: OVIP UR (KOSYGIN, ALEKSEY N)');
  await free.press('Enter');
  for (const t of ['OVIP', 'UR', '(KOSYGIN, ALEKSEY N)']) await expect(tags).toContainText(t);

  // No portion marks under E.O. 11652; the E.O. code in full.
  await expect(composer.getByTestId('no-portion-marks')).toBeVisible();
  await expect(composer.getByLabel('Portion mark of paragraph 1', { exact: true })).toHaveCount(0);
  await composer.getByLabel('Executive order', { exact: true }).selectOption('11652');
  const code = composer.getByLabel('Code', { exact: true });
  await code.fill('XGDS1, DECLAS 12-31-84');
  await expect(code).toHaveValue('XGDS1, DECLAS 12-31-84');
  await expect(composer.getByLabel('FOR/FROM line', { exact: true })).toBeVisible();

  // Nothing about TAGS is wrong now (rule 21), and the era is named in the findings.
  await addFromPicker(page, 'addressee-add', 'station:AMEMBASSY MOSCOW');
  await composer.getByLabel('Subject', { exact: true }).fill('Kosygin visit');
  await expect(page.locator('[data-testid="field-findings"] [data-rule="21"][data-severity="error"]')).toHaveCount(0);
  await expect(page.getByTestId('screen-composer')).toContainText('[ADS 1973–79]');
});

test('a released 1977 NIACT shows its E.O. line, no portion marks, and prints as the ADS printout', async ({ app }) => {
  const { page, core } = app;
  await releaseMoscowNiact(core);
  await signIn(page, 'rusk');
  const row = page.locator('[data-testid="inbox-row"]').filter({ hasText: SUBJECT });
  await row.first().click();
  const cable = page.getByTestId('cable');
  await expect(cable).toBeVisible();
  await expect(cable.getByTestId('eo-line')).toContainText('XGDS1, DECLAS 12-31-84');
  await expect(cable.getByTestId('portion')).toHaveCount(0);

  const printout = page.getByTestId('printout');
  await printout.locator('summary').click();
  const text = await printout.locator('pre').innerText();
  const lines = text.split('\n');
  expect(lines).toContain('TO SECSTATE WASHDC NIACT IMMEDIATE 1');
  expect(lines).toContain('FOR THE SECRETARY FROM AMBASSADOR');
  expect(lines.find((l) => l.startsWith('S E C R E T MOSCOW '))).toBeTruthy();
  expect(lines.find((l) => /^O 09\d{4}Z NOV 77$/.test(l))).toBeTruthy();
  expect(lines).toContain('E.O. 11652: XGDS1, DECLAS 12-31-84');
});
