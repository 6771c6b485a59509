import { addTopolCable } from './cables';
import { expect, signIn, test } from './harness';

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
    await expect(paragraphs.nth(i)).toContainText(HOSTILE_PARAGRAPHS[i] ?? '');
  }
  // No element came out of the text, and nothing ran.
  await expect(page.locator('img, script:not([src]), iframe, b, a[href^="javascript"]')).toHaveCount(0);
  await expect(cable.locator('*').filter({ hasText: 'bold?' }).locator('b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});
