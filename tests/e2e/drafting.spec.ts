import { addFromPicker, chainStep, expectSaved, findingsOf, openDraft, openDrafts, signWith } from './drafting';
import { expect, saveScreen, signIn, signOut, test } from './harness';
import { openBySearch, openFromInbox } from './routing';

/**
 * The drafting desk end to end (issue 5; DOMAIN.md §1.11, rules 19, 23, 24): the USRO duty
 * officer drafts a POLTO reply citing TOPOL 578, which he may not read; the rule checker holds
 * the draft to TOPOL 578's label (rule 19) until it is SECRET and EYES ONLY. A wrong passphrase
 * signs nothing. Finletter clears; an edit after clearance voids both signatures (rule 23); the
 * draft is signed and cleared again, approved and released as POLTO 507; Rusk receives it with
 * three verified signatures (rule 24). Around it: a reply starts from the cable read, an unsigned
 * historical cable and a tampered one are told apart on the cable view, an instructor's downgrade
 * lifts rule 19, and a refused clearance comes back to the drafter with its comment.
 */
const SUBJECT = 'Reply to Topol 578: the Secretary General is informed (exercise)';

test('duty-usro drafts a POLTO, Finletter clears and releases it after an edit voids the chain, Rusk verifies it', async ({
  app,
}) => {
  const { page } = app;

  // ---- (a) duty-usro drafts a new FRUS_1960S cable ----
  await signIn(page, 'duty-usro');
  await openDrafts(page);
  await expect(page.getByTestId('drafts-waiting')).toHaveText('Nothing is waiting for you.');
  await page.getByTestId('new-cable').click();
  const composer = page.getByTestId('screen-composer');
  await expect(composer).toBeVisible();
  await expect(page.getByTestId('nav-drafts')).toHaveAttribute('aria-current', 'page');
  await expect(composer.getByLabel('Profile', { exact: true })).toHaveValue('FRUS_1960S');
  await expect(composer.getByTestId('drafters')).toContainText('USRO Duty Officer');

  await composer.getByLabel('Series', { exact: true }).fill('POLTO');
  await addFromPicker(page, 'addressee-add', 'station:SECSTATE WASHDC');
  await expect(composer.getByLabel('Role of SECSTATE WASHDC', { exact: true })).toHaveValue('ACTION');
  await composer.getByLabel('Precedence of SECSTATE WASHDC', { exact: true }).selectOption('IMMEDIATE');
  await composer.getByLabel('Subject', { exact: true }).fill(SUBJECT);
  await composer.getByLabel('File reference', { exact: true }).fill('740.5/10-2862');

  // TOPOL 578 is beyond duty-usro (EYES ONLY for the principals): it is cited by its ref.
  await composer.getByRole('button', { name: 'Add reference' }).click();
  await expect(composer.getByLabel('Label of reference 1', { exact: true })).toHaveValue('A');
  await composer.getByLabel('Text of reference 1', { exact: true }).fill('Topol 578');
  await composer.getByLabel('Archived cable of reference 1', { exact: true }).fill('TOPOL 578');

  // Two numbered (S) paragraphs: adding the second numbers the first (rule 4).
  await composer.getByRole('button', { name: 'Add paragraph' }).click();
  await expect(composer.getByLabel('Number of paragraph 1', { exact: true })).toHaveValue('1');
  await expect(composer.getByLabel('Number of paragraph 2', { exact: true })).toHaveValue('2');
  for (const n of [1, 2])
    await composer.getByLabel(`Portion mark of paragraph ${n}`, { exact: true }).selectOption('S');
  await composer
    .getByLabel('Text of paragraph 1', { exact: true })
    .fill('Topol 578 received and passed to Embassy Paris as instructed. I will see the Secretary General.');
  await composer
    .getByLabel('Text of paragraph 2', { exact: true })
    .fill('I will make no approach to other permanent representatives until the Department confirms the timing.');

  // CONFIDENTIAL is below TOPOL 578's SECRET: rule 19 (no write-down) stands while it is.
  await composer.getByLabel('Classification', { exact: true }).selectOption('CONFIDENTIAL');
  await expectSaved(page);
  await expect(findingsOf(page, 19).first()).toBeVisible();
  await expect(page.getByTestId('findings-summary')).not.toHaveAttribute('data-errors', '0');
  await page.getByTestId('findings-summary').scrollIntoViewIfNeeded();
  await saveScreen(page, 'drafting-rule-19');

  // SECRET with TOPOL 578's EYES ONLY caption, eyes only for the Secretary: rule 19 is met.
  await composer.getByLabel('Classification', { exact: true }).selectOption('SECRET');
  await composer.getByTestId('captions').getByLabel('EYES ONLY', { exact: true }).check();
  await addFromPicker(page, 'eyes-only-add', 'rusk');
  await expect(composer.getByTestId('eyes-only')).toContainText('Dean Rusk');

  await composer.getByLabel('New clearance: who clears', { exact: true }).selectOption('person:finletter');
  await composer.getByRole('button', { name: 'Add clearance' }).click();
  await expect(composer.getByLabel('Clearance by Thomas K. Finletter', { exact: true })).toHaveValue('CLEAR');
  await composer.getByLabel('Approved by', { exact: true }).selectOption('finletter');
  await composer.getByLabel('Signature line', { exact: true }).fill('FINLETTER');
  await expectSaved(page);
  await expect(findingsOf(page, 19)).toHaveCount(0);
  await expect(page.getByTestId('error-count')).toHaveText('No rule errors');
  // The draft's own banner, top and bottom, in SECRET red (rule 25).
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  await expect(page.getByTestId('banner-bottom')).toHaveText('SECRET');
  await expect(page.getByTestId('banner-top')).toHaveCSS('background-color', 'rgb(200, 16, 46)');
  await saveScreen(page, 'drafting-composer');

  // Escape cancels the dialog; a wrong passphrase signs nothing and keeps the dialog open.
  const dialog = page.getByTestId('drafting-dialog');
  await page.getByRole('button', { name: 'Sign and send for clearance' }).click();
  await expect(dialog.getByLabel('Your passphrase', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await signWith(page, 'Sign and send for clearance', 'not-my-passphrase');
  await expect(dialog.getByTestId('drafting-dialog-error')).toHaveText(
    'The passphrase does not unlock your signing key. Nothing was signed.',
  );
  await expect(dialog).toBeVisible();
  await expect(chainStep(page, 'DRAFTER')).toHaveAttribute('data-status', 'PENDING');
  await expect(page.getByTestId('draft-state')).toHaveText('Drafting');
  await dialog.getByLabel('Your passphrase', { exact: true }).fill('topol-578');
  await dialog.getByLabel('Your passphrase', { exact: true }).press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('draft-state')).toHaveText('In clearance');
  await expect(chainStep(page, 'DRAFTER')).toHaveAttribute('data-status', 'SIGNED');
  await expect(chainStep(page, 'CLEARER')).toHaveAttribute('data-status', 'PENDING');
  await expect(page.getByTestId('chain-notice')).toHaveText('Signed and sent for clearance.');
  await signOut(page);

  // ---- (b) Finletter finds it waiting and clears it ----
  await signIn(page, 'finletter');
  await openDrafts(page);
  const waiting = page.locator('[data-testid="draft-row"][data-waiting="true"]').filter({ hasText: SUBJECT });
  await expect(waiting).toHaveCount(1);
  await expect(waiting.getByTestId('classification-chip')).toHaveText('SECRET');
  await waiting.getByRole('button', { name: SUBJECT }).click();
  await expect(page.getByTestId('read-only')).toHaveText('Drafted by USRO Duty Officer: read only');
  // The clearer reads the cable as it will be released; the form, read only, is one tab away (issue 14 item 5).
  await expect(page.getByTestId('draft-preview').getByTestId('subject')).toHaveText(`SUBJECT: ${SUBJECT}`);
  await page.getByTestId('review-tab-form').click();
  await expect(page.getByLabel('Subject', { exact: true })).toBeDisabled();
  await signWith(page, 'Clear');
  await expect(page.getByTestId('drafting-dialog')).toHaveCount(0);
  await expect(chainStep(page, 'CLEARER')).toHaveAttribute('data-status', 'SIGNED');
  await expect(page.getByTestId('draft-state')).toHaveText('Awaiting approval');
  await signOut(page);

  // ---- (c) duty-usro edits after clearance: every signature is voided (rule 23) ----
  await signIn(page, 'duty-usro');
  await openDraft(page, SUBJECT);
  await expect(page.getByTestId('edit-voids')).toBeVisible();
  const paragraph2 = page.getByLabel('Text of paragraph 2', { exact: true });
  await paragraph2.fill(`${await paragraph2.inputValue()} Will report by immediate telegram.`);
  await expect(page.getByTestId('returned-note')).toHaveText('Edited after signing: 2 signature(s) voided (rule 23).');
  await expect(page.getByTestId('draft-state')).toHaveText('Drafting');
  await expect(chainStep(page, 'DRAFTER')).toHaveAttribute('data-status', 'PENDING');
  await expect(chainStep(page, 'CLEARER')).toHaveAttribute('data-status', 'PENDING');
  await expectSaved(page);
  await saveScreen(page, 'drafting-voided');
  await signWith(page, 'Sign and send for clearance');
  await expect(page.getByTestId('draft-state')).toHaveText('In clearance');
  await signOut(page);

  // Finletter clears again, then approves and releases.
  await signIn(page, 'finletter');
  await openDraft(page, SUBJECT);
  await signWith(page, 'Clear');
  await expect(page.getByTestId('draft-state')).toHaveText('Awaiting approval');
  await signWith(page, 'Approve and release');
  await expect(page.getByTestId('drafting-dialog')).toHaveCount(0);
  await expect(page.getByTestId('draft-state')).toHaveText('Released');
  await expect(page.getByTestId('released')).toContainText('Released as POLTO 507.');
  await expect(chainStep(page, 'APPROVER')).toHaveAttribute('data-status', 'SIGNED');
  await saveScreen(page, 'drafting-released');
  await page.getByRole('button', { name: 'Open POLTO 507' }).click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('signature-chain')).toHaveAttribute('data-status', 'VERIFIED');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('screen-composer')).toBeVisible();
  await signOut(page);

  // ---- (d) Rusk receives POLTO 507 with its chain verified ----
  await signIn(page, 'rusk');
  await openFromInbox(page, 'POLTO 507');
  await expect(page.getByTestId('subject')).toContainText(SUBJECT);
  const chain = page.getByTestId('signature-chain');
  await expect(chain).toHaveAttribute('data-status', 'VERIFIED');
  await expect(chain.getByTestId('signature-summary')).toHaveText('Verified: 3 of 3 signatures verified.');
  await expect(chain.locator('[data-testid="signature-check"][data-verified="true"]')).toHaveCount(3);
  for (const role of ['DRAFTER', 'CLEARER', 'APPROVER']) {
    await expect(chain.locator(`[data-testid="signature-check"][data-role="${role}"]`)).toContainText('verified');
  }
  await expect(chain.locator('[data-testid="signature-check"][data-role="DRAFTER"]')).toContainText(
    'USRO Duty Officer',
  );
  await expect(page.getByTestId('tampered-notice')).toHaveCount(0);
  await chain.scrollIntoViewIfNeeded();
  await saveScreen(page, 'drafting-verified-chain');
});

test('a reply starts from the cable read; TOPOL 578 is unsigned and a changed POLTO 506 is TAMPERED', async ({
  app,
}) => {
  const { page, core } = app;
  const polto506 = core.cables.idByRef('POLTO 506');
  core.db
    .prepare("UPDATE paragraphs SET text = replace(text, 'this morning', 'this evening') WHERE cable_id = ?")
    .run(polto506);

  await signIn(page, 'finletter');
  await openBySearch(page, 'Jupiters', 'TOPOL 578');
  await expect(page.getByTestId('signature-chain')).toHaveText('Historical cable — unsigned');
  await page.getByTestId('reply-cable').click();
  const composer = page.getByTestId('screen-composer');
  await expect(composer).toBeVisible();
  // The reply starts at the source's label and cites it (rule 19), addressed to its originator.
  await expect(composer.getByLabel('Classification', { exact: true })).toHaveValue('SECRET');
  await expect(composer.getByTestId('caption-order')).toContainText('EYES ONLY');
  await expect(composer.getByLabel('Archived cable of reference 1', { exact: true })).toHaveValue('TOPOL 578');
  await expect(composer.getByLabel('Role of SECSTATE WASHDC', { exact: true })).toHaveValue('ACTION');
  await page.getByTestId('back-to-drafts').click();
  await expect(page.getByTestId('draft-row')).toHaveCount(1);
  await signOut(page);

  await signIn(page, 'rusk');
  await openFromInbox(page, 'POLTO 506');
  const notice = page.getByTestId('tampered-notice');
  await expect(notice).toHaveAttribute('role', 'alert');
  await expect(notice).toContainText('TAMPERED — this cable changed after release');
  await expect(page.getByTestId('signature-chain')).toHaveAttribute('data-status', 'TAMPERED');
  await expect(page.locator('[data-testid="signature-check"][data-verified="false"]').first()).toContainText('INVALID');
  await saveScreen(page, 'drafting-tampered');
});

test('an instructor’s downgrade lifts rule 19; a clearer’s refusal sends the draft back with its comment', async ({
  app,
  openApp,
}) => {
  const { page } = app;
  const subject = 'Confidential note on Topol 578 (downgrade exercise)';

  // duty-usro cites TOPOL 578 from a CONFIDENTIAL draft: rule 19 stands and signing waits.
  await signIn(page, 'duty-usro');
  await openDrafts(page);
  await page.getByTestId('new-cable').click();
  const composer = page.getByTestId('screen-composer');
  await expect(composer).toBeVisible();
  await addFromPicker(page, 'addressee-add', 'station:SECSTATE WASHDC');
  await composer.getByLabel('Subject', { exact: true }).fill(subject);
  await composer.getByLabel('File reference', { exact: true }).fill('740.5/10-2862');
  await composer.getByRole('button', { name: 'Add reference' }).click();
  await composer.getByLabel('Text of reference 1', { exact: true }).fill('Topol 578');
  await composer.getByLabel('Archived cable of reference 1', { exact: true }).fill('TOPOL 578');
  await composer.getByLabel('Classification', { exact: true }).selectOption('CONFIDENTIAL');
  await composer.getByLabel('Portion mark of paragraph 1', { exact: true }).selectOption('C');
  await composer.getByLabel('Text of paragraph 1', { exact: true }).fill('The Council meets at noon.');
  await composer.getByLabel('New clearance: who clears', { exact: true }).selectOption('person:finletter');
  await composer.getByRole('button', { name: 'Add clearance' }).click();
  await composer.getByLabel('Approved by', { exact: true }).selectOption('finletter');
  await expectSaved(page);
  await expect(findingsOf(page, 19).first()).toBeVisible();
  const sign = page.getByRole('button', { name: 'Sign and send for clearance' });
  await expect(sign).toBeDisabled();
  await expect(page.getByTestId('sign-blocked')).toContainText('must be fixed first');
  const draftId = await page.getByTestId('draft-number').getAttribute('data-id');
  if (draftId === null) throw new Error('no draft number shown');

  // The instructor opens it by its number and authorises the downgrade, with a reason.
  const instructor = await openApp();
  await signIn(instructor.page, 'instructor');
  await openDrafts(instructor.page);
  await instructor.page.getByLabel('Open a trainee’s draft by its number', { exact: true }).fill(draftId);
  await instructor.page.getByRole('button', { name: 'Open draft', exact: true }).click();
  await expect(instructor.page.getByTestId('read-only')).toBeVisible();
  await instructor.page.getByRole('button', { name: 'Authorize downgrade (rule 19)' }).click();
  const reason = instructor.page.getByTestId('drafting-dialog').getByLabel('Reason for the downgrade', { exact: true });
  await expect(reason).toBeFocused();
  await reason.fill('Exercise: only the fact of the reply is confidential.');
  await reason.press('Enter');
  await expect(instructor.page.getByTestId('downgrade')).toContainText('authorised by instructor');
  await expect(findingsOf(instructor.page, 19)).toHaveCount(0);

  // Back at USRO the draft is read again: rule 19 no longer stands, and it is signed.
  await openDraft(page, subject);
  await expect(findingsOf(page, 19)).toHaveCount(0);
  await signWith(page, 'Sign and send for clearance');
  await expect(page.getByTestId('draft-state')).toHaveText('In clearance');

  // Finletter refuses with a comment: the draft goes back to the drafter, who reads why.
  await signOut(instructor.page);
  await signIn(instructor.page, 'finletter');
  await openDraft(instructor.page, subject);
  await instructor.page.getByRole('button', { name: 'Refuse with comment' }).click();
  const comment = instructor.page.getByTestId('drafting-dialog').getByLabel('Why you refuse clearance', {
    exact: true,
  });
  await comment.fill('Say when you will see the Secretary General.');
  await comment.press('Enter');
  await expect(instructor.page.getByTestId('draft-state')).toHaveText('Drafting');
  await expect(chainStep(instructor.page, 'CLEARER')).toHaveAttribute('data-status', 'REFUSED');

  await openDraft(page, subject);
  await expect(page.getByTestId('returned-note')).toHaveText(
    'Clearance refused by Thomas K. Finletter: Say when you will see the Secretary General.',
  );
  await expect(chainStep(page, 'CLEARER').getByTestId('chain-comment')).toHaveText(
    '“Say when you will see the Secretary General.”',
  );
  await expect(page.getByRole('button', { name: 'Sign and send for clearance' })).toBeEnabled();
});
