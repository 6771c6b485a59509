import type { Locator, Page } from '@playwright/test';
import type { Core } from '../../electron/core/app';
import type { Draft } from '../../electron/domain/draft';
import example from '../../docs/examples/polto-reply.json';
import { expectAccessible } from './axe';
import { addFromPicker, expectSaved, openDraft, openDrafts, signWith } from './drafting';
import { expect, saveScreen, SEED_PASSPHRASE, signIn, signOut, test } from './harness';

/**
 * Clearers see the cable, not the form (issue 14 item 5). A clearer opens a draft waiting for
 * them and reads it as it will be released — the cable view's renderer, the cable's banner top
 * and bottom, paragraphs (no portion marks on a 1962 telegram), signature — with the form one
 * tab away; the released cable then reads the same. The drafter writes beside that cable, and the rule errors that hold the Sign
 * button wait beside it, reachable by keyboard and named to screen readers. Both at 1280×800
 * and 900×600, and axe finds nothing.
 */
const EXAMPLE = example as unknown as Draft;

// Each test runs axe and photographs two sizes: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

/** duty-usro's POLTO reply to TOPOL 578 (docs/examples/polto-reply.json), signed and sent to Finletter. */
async function waitingForFinletter(core: Core): Promise<number> {
  const duty = core.users.byLogin('duty-usro');
  const created = core.drafts.create(duty, {});
  const saved = core.drafts.save(duty, created.id, created.revision, EXAMPLE);
  const sent = await core.drafts.submit(duty, saved.id, saved.revision, SEED_PASSPHRASE);
  expect(sent.state).toBe('IN_CLEARANCE');
  return sent.id;
}

/** The cable's words with the DTG set aside (a release a minute later has another). */
async function cableWords(cable: Locator): Promise<string[]> {
  const text = await cable.innerText();
  return text
    .replace(/\b\d{6}Z [A-Z]{3} \d{2,4}\b/g, '<DTG>')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Whether the page scrolls sideways (it must not, at any size). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

test('a clearer reads the draft as the cable it will be; released, it reads the same', async ({ app }) => {
  const { page, core } = app;
  await waitingForFinletter(core);

  await signIn(page, 'finletter');
  await openDraft(page, EXAMPLE.subject);
  await expect(page.getByTestId('drafting-room')).toHaveAttribute('data-layout', 'reviewer');
  await expect(page.getByTestId('review-tab-cable')).toHaveAttribute('aria-selected', 'true');
  const preview = page.getByTestId('draft-preview');
  await expect(preview).toHaveAttribute('data-state', 'cable');
  const cable = preview.getByTestId('cable');

  // The cable's own banner at its top and foot, in SECRET red (rules 3, 25), as well as the window's.
  for (const position of ['top', 'bottom']) {
    const banner = cable.getByTestId(`document-banner-${position}`);
    await expect(banner).toHaveText('SECRET');
    await expect(banner).toHaveCSS('background-color', 'rgb(200, 16, 46)');
  }
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  const first = await cable.locator(':scope > *').first().getAttribute('data-testid');
  const last = await cable.locator(':scope > *').last().getAttribute('data-testid');
  expect([first, last]).toEqual(['document-banner-top', 'document-banner-bottom']);

  // What release will write: captions, routing with the series serial, subject, REF, signature;
  // no portion marks, which a 1962 telegram did not carry (issue 12 item 4).
  await expect(cable.getByTestId('caption')).toHaveText(['EYES ONLY']);
  await expect(cable.getByTestId('from')).toContainText('USMISSION USNATO');
  await expect(cable.getByTestId('action')).toContainText('SECSTATE WASHDC IMMEDIATE POLTO 507');
  await expect(cable.getByTestId('eyes-only-for')).toContainText('Rusk');
  await expect(cable.getByTestId('subject')).toHaveText(`SUBJECT: ${EXAMPLE.subject}`);
  await expect(cable.getByTestId('ref-text')).toHaveText('Topol 578');
  await expect(cable.getByTestId('paragraph')).toHaveCount(2);
  await expect(cable.getByTestId('portion')).toHaveCount(0);
  await expect(cable.getByTestId('signature')).toHaveText('FINLETTER');
  await expect(page.getByTestId('preview-note')).toContainText('Released now it would be POLTO 507');
  // A preview has no signature chain yet: nothing says "unsigned" or "verified".
  await expect(page.getByTestId('signature-chain')).toHaveCount(0);
  // The clearance is the clearer's to give, beside the cable.
  await expect(page.getByTestId('chain-panel').getByRole('button', { name: 'Clear', exact: true })).toBeEnabled();
  await expectAccessible(page, 'draft preview (clearer)');
  await saveScreen(page, 'preview-clearer-1280x800');

  // The form is one tab away (arrow keys move between the tabs, as on the cable view).
  await page.getByTestId('review-tab-cable').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('review-tab-form')).toBeFocused();
  await expect(page.getByTestId('review-tab-form')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Subject', { exact: true })).toBeDisabled();
  await expect(page.getByLabel('Subject', { exact: true })).toHaveValue(EXAMPLE.subject);
  await page.keyboard.press('ArrowLeft');
  await expect(cable).toBeVisible();

  // 900×600: the chain first, then the cable, its text in view without sideways scrolling.
  await page.setViewportSize({ width: 900, height: 600 });
  const chainBox = await page.getByTestId('chain-panel').boundingBox();
  const cableBox = await cable.boundingBox();
  expect(chainBox && cableBox && chainBox.y < cableBox.y).toBe(true);
  expect(await scrollsSideways(page)).toBe(false);
  await saveScreen(page, 'preview-clearer-900x600');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Cleared and approved: the released cable reads as its preview did.
  // Its own banners are the first and last lines of the preview; the cable view has the window's.
  const previewed = (await cableWords(cable)).slice(1, -1);
  await signWith(page, 'Clear');
  await expect(page.getByTestId('draft-state')).toHaveText('Awaiting approval');
  await expect(page.getByTestId('draft-preview')).toHaveAttribute('data-state', 'cable');
  await signWith(page, 'Approve and release');
  await expect(page.getByTestId('draft-state')).toHaveText('Released');
  await expect(page.getByTestId('draft-preview')).toHaveCount(0);
  await page.getByRole('button', { name: 'Open POLTO 507' }).click();
  const released = page.getByTestId('screen-cable').getByTestId('cable');
  await expect(released).toBeVisible();
  expect(await cableWords(released)).toEqual(previewed);
});

test('the drafter writes beside the cable; the rule errors wait beside the Sign button', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'duty-usro');
  await openDrafts(page);
  await page.getByTestId('new-cable').click();
  const composer = page.getByTestId('screen-composer');
  await expect(composer).toBeVisible();
  await expect(page.getByTestId('drafting-room')).toHaveAttribute('data-layout', 'drafter');

  // Nothing to release yet: the preview says why, in release's own words (rule 10).
  const preview = page.getByTestId('draft-preview');
  await expect(preview.getByTestId('preview-refusal')).toContainText(
    'A cable needs at least one action addressee (DOMAIN.md rule 10).',
  );

  // The Sign button waits, says why, and leads to the problems: by mouse, keyboard and screen reader.
  const sign = page.getByRole('button', { name: 'Sign and send for approval' });
  await expect(sign).toBeDisabled();
  await expect(sign).toHaveAttribute('aria-disabled', 'true');
  await expect(sign).toHaveAccessibleDescription(/rule errors? must be fixed first/);
  const blocked = page.getByTestId('sign-blocked');
  const errors = Number(await page.getByTestId('findings-summary').getAttribute('data-errors'));
  expect(errors).toBeGreaterThan(0);
  await expect(blocked.getByTestId('show-problems')).toHaveText(`${errors} problem${errors === 1 ? '' : 's'} — show`);
  await expect(blocked.getByTestId('sign-blocked-link')).toHaveCount(Math.min(errors, 3));
  await expectAccessible(page, 'composer with preview and a waiting Sign button');
  await saveScreen(page, 'preview-drafter-blocked-1280x800');

  await sign.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('findings-summary')).toBeFocused();
  await expect(page.getByTestId('drafting-dialog')).toHaveCount(0);
  await blocked.getByTestId('show-problems').press('Enter');
  await expect(page.getByTestId('findings-summary')).toBeFocused();
  // A named problem leads to its field.
  await blocked.getByTestId('sign-blocked-link').first().click();
  await expect(page.locator('.composer-form :focus')).toHaveCount(1);

  // 900×600: the chain with the Sign button and its problems on top, above the fold; the cable below the form.
  await page.setViewportSize({ width: 900, height: 600 });
  await page.getByTestId('chain-panel').scrollIntoViewIfNeeded();
  await expect(blocked).toBeInViewport();
  const formBox = await page.getByRole('group', { name: 'Draft', exact: true }).boundingBox();
  const previewBox = await preview.boundingBox();
  expect(formBox && previewBox && previewBox.y > formBox.y + formBox.height - 1).toBe(true);
  expect(await scrollsSideways(page)).toBe(false);
  await saveScreen(page, 'preview-drafter-blocked-900x600');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Written out, the cable takes shape beside the form as it is saved.
  await composer.getByLabel('Series', { exact: true }).fill('POLTO');
  await addFromPicker(page, 'addressee-add', 'station:SECSTATE WASHDC');
  await composer.getByLabel('Subject', { exact: true }).fill('NAC meets at noon (exercise)');
  await composer.getByLabel('File reference', { exact: true }).fill('740.5/10-2862');
  await composer.getByLabel('Text of paragraph 1', { exact: true }).fill('The Council meets at noon.');
  await composer.getByLabel('Approved by', { exact: true }).selectOption('finletter');
  await composer.getByLabel('Signature line', { exact: true }).fill('FINLETTER');
  await expectSaved(page);
  await expect(page.getByTestId('error-count')).toHaveText('No rule errors');
  await expect(sign).toBeEnabled();
  await expect(sign).not.toHaveAttribute('aria-disabled');
  await expect(page.getByTestId('sign-blocked')).toHaveCount(0);

  const cable = preview.getByTestId('cable');
  await expect(cable.getByTestId('subject')).toHaveText('SUBJECT: NAC meets at noon (exercise)');
  await expect(cable.getByTestId('action')).toContainText('SECSTATE WASHDC POLTO 507');
  await expect(cable.getByTestId('document-banner-top')).toHaveText('UNCLASSIFIED');
  await expect(cable.getByTestId('document-banner-bottom')).toHaveText('UNCLASSIFIED');
  await expect(cable.getByTestId('paragraph')).toHaveCount(1);
  await expect(cable.getByTestId('portion')).toHaveCount(0); // a 1962 telegram: no portion marks
  await expect(cable.getByTestId('signature')).toHaveText('FINLETTER');
  await expect(preview.getByTestId('preview-stale')).toHaveCount(0);
  // Beside the form: the cable starts to its right, at the top of the window.
  const formBoxWide = await page.getByRole('group', { name: 'Draft', exact: true }).boundingBox();
  const cableBox = await cable.boundingBox();
  expect(formBoxWide && cableBox && cableBox.x >= formBoxWide.x + formBoxWide.width).toBe(true);
  await expect(cable.getByTestId('subject')).toBeInViewport();
  await expectAccessible(page, 'composer with a previewed cable');
  await saveScreen(page, 'preview-drafter-1280x800');
  await page.setViewportSize({ width: 900, height: 600 });
  await cable.scrollIntoViewIfNeeded();
  await saveScreen(page, 'preview-drafter-900x600');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Signed, the draft goes to Finletter, who finds the cable first.
  await signWith(page, 'Sign and send for approval');
  await expect(page.getByTestId('draft-state')).toHaveText('Awaiting approval');
  await signOut(page);
  await signIn(page, 'finletter');
  await openDraft(page, 'NAC meets at noon (exercise)');
  await expect(page.getByTestId('draft-preview').getByTestId('subject')).toHaveText(
    'SUBJECT: NAC meets at noon (exercise)',
  );
  await expect(page.getByRole('button', { name: 'Approve and release' })).toBeEnabled();
});
