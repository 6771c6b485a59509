import { displayText } from '../../electron/domain/displayText';
import { addTopolCable } from './cables';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * A cable whose subject and body are markup is shown as the characters it contains: the view
 * builds React text nodes only, and the CSP would refuse an inline script anyway.
 */
const HOSTILE_SUBJECT = '<img src=x onerror="window.__pwned=1">Quarantine status';
const HOSTILE_PARAGRAPHS = [
  '<script>window.__pwned = 2</script>Report at once.',
  '<b>bold?</b> &amp; "quoted" <a href="javascript:window.__pwned=3">link</a>',
  '<iframe src="https://example.invalid/"></iframe>\u202Eevil\u202C end',
];

test('a hostile cable body is rendered as text', async ({ app }) => {
  const { page, core } = app;
  addTopolCable(core, {
    number: 666,
    classification: 'CONFIDENTIAL',
    subject: HOSTILE_SUBJECT,
    paragraphs: HOSTILE_PARAGRAPHS,
  });

  await signIn(page, 'finletter');
  const row = page.getByTestId('inbox-row').filter({ hasText: 'TOPOL 666' });
  await expect(row).toContainText(HOSTILE_SUBJECT);
  await row.click();

  const cable = page.getByTestId('cable');
  await expect(page.getByTestId('subject')).toContainText(HOSTILE_SUBJECT);
  const paragraphs = page.getByTestId('paragraph');
  await expect(paragraphs).toHaveCount(3);
  for (let i = 0; i < HOSTILE_PARAGRAPHS.length; i++) {
    // displayText shows the bidi override of paragraph 3 as a visible token, the markup as it is.
    await expect(paragraphs.nth(i)).toContainText(displayText(HOSTILE_PARAGRAPHS[i] ?? ''));
  }
  // No element came out of the text, and nothing ran.
  await expect(page.locator('img, script:not([src]), iframe, b, a[href^="javascript"]')).toHaveCount(0);
  await expect(cable.locator('*').filter({ hasText: 'bold?' }).locator('b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

/**
 * Markings cannot be forged or hidden (issue "enforced handling"): a right-to-left override
 * would make "TERCES POT" read "TOP SECRET" on screen, and a zero-width space splits "NOFORN" so
 * that search and eyes miss it. Both show as visible code-point tokens, and the banner still
 * reads exactly what the label says.
 */
const FORGED_SUBJECT = 'Routine\u200B report \u202ETERCES POT\u202C';
const FORGED_PARAGRAPHS = [
  'Handling: \u202ETERCES POT\u202C applies to this paragraph.',
  'Distribution: NO\u200BFORN. Report by return.',
];

test('bidi overrides and zero-width characters in a cable show as visible tokens and cannot forge a marking', async ({
  app,
}) => {
  const { page, core } = app;
  addTopolCable(core, {
    number: 667,
    classification: 'CONFIDENTIAL',
    subject: FORGED_SUBJECT,
    paragraphs: FORGED_PARAGRAPHS,
  });

  await signIn(page, 'finletter');
  const row = page.getByTestId('inbox-row').filter({ hasText: 'TOPOL 667' });
  await expect(row).toContainText('⟦U+202E⟧TERCES POT⟦U+202C⟧');
  await expect(row).toContainText('Routine⟦U+200B⟧ report');
  await row.click();

  const paragraphs = page.getByTestId('paragraph');
  await expect(paragraphs).toHaveCount(2);
  await expect(paragraphs.nth(0)).toContainText('Handling: ⟦U+202E⟧TERCES POT⟦U+202C⟧ applies to this paragraph.');
  await expect(paragraphs.nth(1)).toContainText('Distribution: NO⟦U+200B⟧FORN. Report by return.');
  await expect(page.getByTestId('subject')).toContainText('Routine⟦U+200B⟧ report ⟦U+202E⟧TERCES POT⟦U+202C⟧');
  // Each token is set apart so the reader sees it (and it is a text node, not markup).
  await expect(page.getByTestId('cable').locator('.shown__hidden-char')).toHaveCount(6);

  // The banner says what the label says: CONFIDENTIAL, not TOP SECRET, not NOFORN.
  for (const id of ['banner-top', 'banner-bottom']) {
    await expect(page.getByTestId(id)).toHaveText('CONFIDENTIAL');
    await expect(page.getByTestId(id)).toHaveCSS('background-color', 'rgb(0, 51, 160)'); // #0033A0
  }
  // A 1962 telegram carries no portion marks (issue 12 item 4): none invented, forged or not.
  await expect(page.getByTestId('portion')).toHaveCount(0);

  // No override or zero-width character reached the document at all.
  const raw = await page.evaluate(() => document.body.textContent ?? '');
  expect(raw).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
  expect(await page.getByTestId('cable').textContent()).not.toContain('TOP SECRET');
  await saveScreen(page, 'cable-hidden-characters');
});
