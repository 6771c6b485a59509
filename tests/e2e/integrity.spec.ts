import type { AuditEntry } from '../../electron/core/audit/auditTrail';
import { expectAccessible } from './axe';
import { callApi, expect, saveScreen, signIn, signOut, test } from './harness';

/**
 * Verifying every signed cable from the app (issue 15 item 3): an instructor runs it from the
 * Integrity screen (reached from the audit trail), sees the react-aria progress bar reach the end, the failures as main finds
 * them and a summary. Main lists a failure only on a cable the instructor may read (rule 18); of
 * the others it gives a count. A trainee has no way in, and a direct call is refused.
 */
test('an instructor verifies every signed cable and finds the changed one; a trainee cannot', async ({ app }) => {
  const { page, core } = app;
  const polto506 = core.cables.idByRef('POLTO 506');

  await signIn(page, 'trainee');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);
  await expect(page.getByTestId('open-integrity')).toHaveCount(0);
  expect(await callApi(page, 'startIntegrityCheck', {})).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  await signOut(page);

  // POLTO 506 changed in the file after release: its signatures no longer match.
  core.db
    .prepare("UPDATE paragraphs SET text = replace(text, 'this morning', 'this evening') WHERE cable_id = ?")
    .run(polto506);

  await signIn(page, 'instructor');
  // The app bar is full: Integrity is reached from the audit trail, whose section stays current.
  await page.getByTestId('nav-audit').click();
  await page.getByTestId('open-integrity').click();
  const screen = page.getByTestId('screen-integrity');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('nav-audit')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('banner-top')).toHaveText('UNCLASSIFIED');
  await expectAccessible(page, 'integrity');

  // From the keyboard. POLTO 506 is EYES ONLY for Rusk: its failure is counted, not listed.
  const start = page.getByTestId('integrity-start');
  await start.focus();
  await page.keyboard.press('Enter');
  const progress = page.getByRole('progressbar');
  await expect(progress).toHaveAttribute('data-done', 'true');
  await expect(progress).toHaveAttribute('aria-valuenow', '1');
  await expect(progress).toHaveAttribute('aria-valuemax', '1');
  await expect(progress).toHaveAttribute('aria-valuetext', '1 of 1 cable');
  await expect(page.getByTestId('integrity-summary')).toHaveText(
    /^1 signed cable and 3 signatures checked in \d+\.\d\d s: 1 cable fails verification\.$/,
  );
  await expect(page.getByTestId('integrity-summary')).toBeFocused();
  await expect(page.getByTestId('integrity-withheld')).toHaveText(
    '1 failure on cables you may not read is counted, not listed.',
  );
  await expect(page.getByTestId('integrity-failure')).toHaveCount(0);
  expect(await screen.textContent()).not.toContain('POLTO');

  // Its EYES ONLY stripped in the file as well: now the Department's instructor may read it.
  core.db.prepare("UPDATE cables SET captions = '[]' WHERE id = ?").run(polto506);
  core.db
    .prepare('DELETE FROM eyes_only WHERE transmission_id IN (SELECT id FROM transmissions WHERE cable_id = ?)')
    .run(polto506);
  await page.getByTestId('integrity-start').click();
  const failure = page.getByTestId('integrity-failure');
  await expect(failure).toHaveCount(1);
  await expect(failure).toHaveAttribute('data-ref', 'POLTO 506');
  await expect(failure).toContainText('TAMPERED');
  await expect(failure).toContainText('drafter');
  await expect(failure).toContainText('the signature does not match the cable as stored');
  await expect(failure.getByTestId('classification-chip')).toHaveText('SECRET');
  await expect(progress).toHaveAttribute('aria-valuetext', '1 of 1 cable');
  await expect(page.getByTestId('integrity-withheld')).toHaveCount(0);
  await expect(page.getByTestId('integrity-summary')).toContainText('1 cable fails verification.');
  await expectAccessible(page, 'integrity with a failure');
  await saveScreen(page, 'integrity');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'integrity with a failure, dark');
  await saveScreen(page, 'integrity-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // The ref opens the cable (main decides again): TAMPERED there too; Back returns to Integrity.
  await failure.getByTestId('integrity-open').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signature-chain')).toHaveAttribute('data-status', 'TAMPERED');
  await page.getByTestId('back-to-inbox').click();
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('integrity-failure')).toHaveAttribute('data-ref', 'POLTO 506');

  // Both runs audited at their start and with their summary.
  const verify = (core.audit.list({ action: 'VERIFY', limit: 10 }) as AuditEntry[]).reverse();
  expect(verify.map((e) => [e.actorLogin, e.detail.phase, e.detail.failed])).toEqual([
    ['instructor', 'start', undefined],
    ['instructor', 'end', 1],
    ['instructor', 'start', undefined],
    ['instructor', 'end', 1],
  ]);
  const denied = core.audit.list({ action: 'DENY', login: 'trainee', limit: 10 });
  expect(denied.map((e) => e.detail.what)).toContain('verify every signed cable');
});
