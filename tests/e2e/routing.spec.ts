import { expect, saveScreen, signIn, test } from './harness';
import { expectAccessible } from './axe';
import {
  addPendingPassCable,
  addSealedPassCable,
  openBySearch,
  openFromInbox,
  SEALED_SUBJECT,
  showDistribution,
} from './routing';

/**
 * Routing after release from the cable view (DOMAIN.md §1.8): a repeat of an EYES ONLY cable needs
 * the approval of the originator's approver or S/S, who confirms with their own passphrase
 * (rule 16), and main's refusal is shown as it is worded; a post carries out its own pending
 * "X PASS Y" instruction (rule 17). The distribution then shows what was done.
 */

test('Finletter repeats TOPOL 578 to Moscow: refused without approval (rule 16), done with U. Alexis Johnson’s', async ({
  app,
  openApp,
}) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await openFromInbox(page, 'TOPOL 578');

  // Escape closes the dialog and leaves the cable where it was.
  await page.getByTestId('repeat-cable').click();
  const dialog = page.getByTestId('repeat-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('cable')).toBeVisible();

  await page.getByTestId('repeat-cable').click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('repeat-approval-note')).toContainText('Marked EYES ONLY');
  await expect(dialog.getByLabel('Repeat to')).toBeFocused();
  await page.keyboard.type('MOSCOW');
  await expect(dialog.getByTestId('addressee')).toHaveCount(1);
  await dialog.locator('[data-testid="addressee"][data-name="AMEMBASSY MOSCOW"]').getByRole('checkbox').check();
  await expect(dialog.getByTestId('repeat-chosen')).toHaveText('To: AMEMBASSY MOSCOW');

  // Without an approver: main refuses, citing rule 16, and the dialog shows its words.
  await dialog.getByTestId('repeat-submit').click();
  await expect(dialog.getByTestId('repeat-error')).toHaveText(
    "Repeating a cable marked EYES ONLY needs approval by the originator's approver or S/S (DOMAIN.md rule 16).",
  );
  await saveScreen(page, 'routing-repeat-refused');

  // A wrong passphrase is the approver's own failure, said as main says it.
  await dialog.getByLabel('Approver login').fill('ujohnson');
  await dialog.getByLabel('Approver passphrase').fill('not-the-passphrase');
  await dialog.getByTestId('repeat-submit').click();
  await expect(dialog.getByTestId('repeat-error')).toHaveText('ujohnson: Wrong passphrase.');

  // With the approver's login and passphrase it goes out.
  await dialog.getByLabel('Approver passphrase').fill('topol-578');
  await dialog.getByLabel('Note').fill('Repeated to Moscow for the Ambassador only.');
  await dialog.getByTestId('repeat-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('handling-message')).toHaveText(
    'Repeated to AMEMBASSY MOSCOW, approved by ujohnson; recorded in the audit trail.',
  );
  // The cable is read again: the new repeat is listed under REPEATED TO.
  await expect(page.getByTestId('repeats')).toContainText('AMEMBASSY MOSCOW');
  await expect(page.getByTestId('repeats')).toContainText('Repeated to Moscow for the Ambassador only.');
  await saveScreen(page, 'routing-repeat-done');

  // The whole distribution (Rusk, the originator's principal) now has Moscow, repeated by USRO.
  const second = await openApp();
  await signIn(second.page, 'rusk');
  await openBySearch(second.page, 'Jupiters', 'TOPOL 578');
  await showDistribution(second.page);
  const moscow = second.page.locator('[data-testid="graph-node"][data-station="AMEMBASSY MOSCOW"]');
  await expect(moscow).toHaveAttribute('data-route', 'repeat');
  await expect(moscow).toHaveAttribute('data-via', /^repeat USMISSION USNATO \d{6}Z [A-Z]{3} \d{4}$/);
  await expect(
    second.page.locator('[data-testid="graph-group"][data-route="repeat"][data-from="USMISSION USNATO"]'),
  ).toHaveCount(1);
  await expect(second.page.locator('[data-testid="distribution-row"][data-station="AMEMBASSY MOSCOW"]')).toHaveCount(1);
  await saveScreen(second.page, 'routing-distribution-after-repeat');
});

test('the duty officer at USRO carries out "USRO PASS AMEMBASSY PARIS" (rule 17)', async ({ app, openApp }) => {
  const { page, core } = app;
  addPendingPassCable(core);
  await signIn(page, 'duty-usro');
  await openFromInbox(page, 'STATE 4300');

  // Before: the pass instruction is pending, in the cable view and in the distribution.
  await expect(page.getByTestId('pass-bar')).toContainText('Your post must pass this cable to AMEMBASSY PARIS');
  await showDistribution(page);
  await expect(page.locator('[data-testid="graph-node"][data-kind="pending"]')).toHaveAttribute(
    'data-station',
    'AMEMBASSY PARIS',
  );
  await expect(page.getByTestId('pending-pass')).toHaveText(/USMISSION USNATO PASS AMEMBASSY PARIS/);
  await saveScreen(page, 'routing-pass-pending');

  await page.getByTestId('execute-pass').click();
  await expect(page.getByTestId('handling-message')).toHaveText(
    'Passed to AMEMBASSY PARIS (rule 17); recorded in the audit trail.',
  );
  await expect(page.getByTestId('pass-bar')).toHaveCount(0);
  await expect(page.getByTestId('pending-pass')).toHaveCount(0);
  await expect(page.locator('[data-testid="graph-node"][data-kind="pending"]')).toHaveCount(0);
  // USRO's own part now holds the delivery it passed on to Paris.
  await expect(page.getByTestId('distribution')).toHaveAttribute('data-complete', 'false');
  await expect(
    page.locator('[data-testid="graph-node"][data-kind="delivery"][data-station="AMEMBASSY PARIS"]'),
  ).toHaveAttribute('data-via', 'pass USMISSION USNATO');
  await saveScreen(page, 'routing-pass-done');

  // Paris now holds it, passed by USRO (seen in the whole distribution).
  const second = await openApp();
  await signIn(second.page, 'rusk');
  await openBySearch(second.page, 'Quarantine briefing', 'STATE 4300');
  await showDistribution(second.page);
  await expect(
    second.page.locator('[data-testid="graph-node"][data-kind="delivery"][data-station="AMEMBASSY PARIS"]'),
  ).toHaveAttribute('data-via', 'pass USMISSION USNATO');
});

test('the duty officer passes an Eyes Only cable sealed, from its envelope, without reading it (rules 14, 17)', async ({
  app,
}) => {
  const { page, core } = app;
  const id = addSealedPassCable(core);
  await signIn(page, 'duty-usro');
  const row = page.locator('[data-testid="inbox-row"][data-ref="TOPOL 4578"]');
  await expect(row.getByTestId('sealed')).toHaveText('Sealed — pass to AMEMBASSY PARIS unread');
  await row.click();

  // The envelope: the handling line and the pass line, nothing of the cable itself.
  const envelope = page.getByTestId('envelope');
  await expect(envelope).toContainText('TOPOL 4578');
  await expect(envelope).toContainText('EYES ONLY');
  await expect(envelope).toContainText('USMISSION USNATO PASS AMEMBASSY PARIS');
  await expect(page.getByTestId('cable')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(SEALED_SUBJECT);
  await expect(page.locator('body')).not.toContainText('Jupiters');
  await expectAccessible(page, 'routing-sealed-envelope');
  await saveScreen(page, 'routing-sealed-envelope');

  await page.getByTestId('execute-pass').click();
  await expect(page.getByTestId('handling-message')).toHaveText(
    'Passed to AMEMBASSY PARIS unread (rules 14, 17); recorded in the audit trail.',
  );
  await expect(page.getByTestId('pass-bar')).toHaveCount(0);
  // The trail: the pass, sealed, and no opening.
  const trail = core.db
    .prepare("SELECT action, detail FROM audit_log WHERE cable_id = ? AND actor_login = 'duty-usro' ORDER BY seq")
    .all(id) as { action: string; detail: string }[];
  expect(trail.map((t) => t.action)).toEqual(['PASS']);
  expect(JSON.parse(trail[0]!.detail)).toMatchObject({ to: ['AMEMBASSY PARIS'], sealed: true });
});
