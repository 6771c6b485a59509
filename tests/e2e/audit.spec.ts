import Database from 'better-sqlite3';
import { callApi, expect, saveScreen, signIn, signOut, test } from './harness';

/**
 * The audit view (issue "enforced handling"): instructors and admins read the hash-chained trail
 * with filters; anyone else has no way in, and main refuses a direct call (ACCESS_DENIED, itself
 * audited as DENY).
 */
test('an instructor finds the trainee’s refused request in the audit trail; the trainee cannot open it', async ({
  app,
}) => {
  const { page, core } = app;
  const topol578 = core.cables.idByRef('TOPOL 578');

  // The trainee: no audit section, and both a cable and the trail are refused when asked directly.
  await signIn(page, 'trainee');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  // The trainee's sections (inbox, drafts) hold no audit trail.
  await expect(page.getByRole('button', { name: 'Audit trail' })).toHaveCount(0);
  expect(await callApi(page, 'showCable', { cableId: topol578 })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  expect(await callApi(page, 'listAudit', {})).toMatchObject({ ok: false, error: { code: 'ACCESS_DENIED' } });
  await signOut(page);

  await signIn(page, 'instructor');
  await page.getByRole('button', { name: 'Audit trail' }).click();
  const table = page.getByTestId('audit-table');
  await expect(page.getByTestId('screen-audit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Audit trail' })).toHaveAttribute('aria-current', 'page');
  // The view shows no cable text: its own banner is UNCLASSIFIED.
  await expect(page.getByTestId('banner-top')).toHaveText('UNCLASSIFIED');
  await expect(page.getByTestId('banner-bottom')).toHaveText('UNCLASSIFIED');
  // Newest first: the instructor's own sign-in heads the unfiltered trail.
  await expect(table.getByTestId('audit-row').first()).toContainText('SIGN_IN');
  await expect(table.getByTestId('audit-row').first()).toContainText('instructor');

  await page.getByLabel('User').fill('trainee');
  await page.getByLabel('Action').selectOption('DENY');
  await page.getByRole('button', { name: 'Apply' }).click();

  const rows = table.getByTestId('audit-row');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row).toHaveAttribute('data-action', 'DENY');
    await expect(row).toContainText('trainee');
  }
  // Newest first: the refused audit trail, then the refused cable.
  await expect(rows.nth(0)).toContainText('audit trail');
  await expect(rows.nth(1)).toContainText('TOPOL 578');
  await expect(rows.nth(1)).toContainText('CLEARANCE');
  await saveScreen(page, 'audit');

  // The cable filter narrows to one reference; a time window in the future finds nothing.
  await page.getByLabel('Cable ref').fill('topol 578');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(rows).toHaveCount(1);
  await page.getByLabel('From').fill('2999-01-01T00:00');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-empty')).toBeVisible();

  // An unknown reference is main's NOT_FOUND, shown as it says.
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Cable ref').fill('TOPOL 9999');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-error')).toHaveText('No cable "TOPOL 9999".');
});

test('"Older entries" pages through the trail with beforeSeq', async ({ app }) => {
  const { page, core } = app;
  // More than one page (50) of entries: the trainee is refused TOPOL 578 sixty times.
  const topol578 = core.cables.idByRef('TOPOL 578');
  await signIn(page, 'trainee');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  for (let i = 0; i < 60; i++) await callApi(page, 'showCable', { cableId: topol578 });
  await signOut(page);

  await signIn(page, 'instructor');
  await page.getByRole('button', { name: 'Audit trail' }).click();
  await page.getByLabel('Action').selectOption('DENY');
  await page.getByRole('button', { name: 'Apply' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(50);
  await page.getByTestId('audit-older').click();
  await expect(rows).toHaveCount(60);
  await expect(page.getByTestId('audit-older')).toHaveCount(0);
  const seqs = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeLessThan(seqs[i - 1] ?? 0);
});

test('the audit view shows the latest checkpoint beside the database, and BROKEN once the trail is cut', async ({
  app,
}) => {
  const { page, core } = app;
  await signIn(page, 'instructor');
  await page.getByRole('button', { name: 'Audit trail' }).click();
  const panel = page.getByTestId('audit-integrity');
  await expect(panel).toHaveAttribute('data-verdict', 'INTACT');
  const verified = core.audit.verify();
  if (!verified.ok || !verified.anchor) throw new Error('the seeded trail should verify with an anchor');
  const anchor = verified.anchor;
  const checkpoint = page.getByTestId('audit-checkpoint');
  await expect(checkpoint).toHaveAttribute('data-seq', String(anchor.seq));
  await expect(checkpoint).toContainText(anchor.head.slice(0, 16));
  await saveScreen(page, 'audit-integrity');

  // An attacker cuts the anchored entries off the end of the trail, behind the app's back.
  const raw = new Database(core.db.name);
  raw.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq >= ${anchor.seq}`);
  raw.close();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toHaveAttribute('data-verdict', 'BROKEN');
  await expect(page.getByTestId('audit-problem')).toContainText('cut off');
  await expect(checkpoint).toHaveAttribute('data-seq', String(anchor.seq));
  await saveScreen(page, 'audit-broken');
});
