import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, signIn, test } from './harness';

/**
 * Printing TOPOL 578 (DOMAIN.md rules 3 and 25; 5 FAH-1 H-132): PRINT is recorded before the
 * print dialog, the first printed page is the SF 704 cover sheet in Secret red, labelled a
 * training addition on a 1962 telegram, then the telegram on its 1962 form; every page
 * carries the SECRET banner at top and bottom. Export downloads the cable and records EXPORT.
 * The PDF is read back with poppler's pdftotext, and pages 1 and 2 are rendered to PNG.
 */
const RESULTS = join(process.cwd(), 'test-results');
const SCREENS = join(RESULTS, 'screens');

function nonEmptyLines(page: string): string[] {
  return page.split('\n').filter((line) => line.trim().length > 0);
}

test('Finletter prints TOPOL 578: cover sheet SF 704, SECRET at top and bottom of every page, PRINT audited', async ({
  app,
}) => {
  const { page, core } = app;
  const topol578 = core.cables.idByRef('TOPOL 578');
  mkdirSync(SCREENS, { recursive: true });

  await signIn(page, 'finletter');
  await page.locator('[data-testid="inbox-row"][data-ref="TOPOL 578"]').click();
  await expect(page.getByTestId('cable')).toBeVisible();

  // The print dialog would block the test: count calls instead of opening it.
  await page.evaluate(() => {
    const w = window as unknown as { __printCalls: number };
    w.__printCalls = 0;
    window.print = () => {
      w.__printCalls++;
    };
  });
  await page.getByRole('button', { name: 'Print / Save as PDF' }).click();
  await expect(page.getByTestId('handling-message')).toHaveText('Print recorded in the audit trail.');
  expect(await page.evaluate(() => (window as unknown as { __printCalls: number }).__printCalls)).toBe(1);
  const prints = core.audit.list({ login: 'finletter', cableId: topol578, action: 'PRINT', limit: 10 });
  expect(prints.length).toBeGreaterThanOrEqual(1);
  expect(prints[0]?.detail).toMatchObject({ banner: 'SECRET' });

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'Letter', printBackground: true });
  const file = join(RESULTS, 'topol-578.pdf');
  writeFileSync(file, pdf);

  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim().length > 0);
  expect(pages.length).toBeGreaterThanOrEqual(3); // cover + the cable over at least two pages

  const cover = pages[0] ?? '';
  expect(cover).toContain('SF 704');
  expect(cover).toContain('SECRET');
  expect(cover).toMatch(/cover sheet for classified\s+information/i);
  expect(cover).toContain('TOPOL 578');
  // The SF 704 is a form of today: on a 1962 telegram the sheet says it is a training addition.
  expect(cover).toMatch(/Added by Cableroom for\s+training/);

  pages.forEach((text, i) => {
    const lines = nonEmptyLines(text);
    expect(lines[0]?.trim(), `top line of page ${i + 1}`).toBe('SECRET');
    expect(lines.at(-1)?.trim(), `bottom line of page ${i + 1}`).toBe('SECRET');
  });
  // The cable itself follows the cover, on the 1961–63 telegram form (issue 12 item 4): its
  // heading, the ACTION line, every paragraph numbered and without portion marks, the FYI.
  const body = pages.slice(1).join('\n');
  expect(body).toMatch(/OUTGOING TELEGRAM\s+Department of State/);
  expect(body).toContain('ACTION: USMISSION USNATO TOPOL 578');
  for (let n = 1; n <= 8; n++) expect(body).toMatch(new RegExp(`(^|\\n)\\s*${n}\\. [A-Z]`));
  expect(body).not.toContain('(S)');
  expect(body).toMatch(/End\s+FYI\./);
  expect(body).toContain('FORM DS-322');
  // No screen chrome on paper.
  expect(body).not.toContain('Sign out');
  expect(body).not.toContain('Print / Save as PDF');

  execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, join(SCREENS, 'print-topol-578')]);
  for (const n of ['1', '2']) {
    // pdftoppm names pages with as many digits as the page count needs.
    const png = [`print-topol-578-${n}.png`, `print-topol-578-0${n}.png`]
      .map((f) => join(SCREENS, f))
      .find((f) => {
        try {
          return readFileSync(f).length > 0;
        } catch {
          return false;
        }
      });
    expect(png, `page ${n} rendered`).toBeDefined();
  }

  // Export: a JSON download of the cable, recorded as EXPORT.
  await page.emulateMedia({ media: 'screen' });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe('TOPOL-578.json');
  const exported = JSON.parse(readFileSync(await saved.path(), 'utf8')) as { cable: { ref: string; banner: string } };
  expect(exported.cable).toMatchObject({ ref: 'TOPOL 578', banner: 'SECRET' });
  await expect(page.getByTestId('handling-message')).toContainText('Exported TOPOL-578.json');
  expect(core.audit.list({ login: 'finletter', cableId: topol578, action: 'EXPORT', limit: 10 })).toHaveLength(1);
});

test('an unclassified cable prints with no cover sheet but with its banner on every page', async ({ app }) => {
  const { page } = app;
  await signIn(page, 'finletter');
  await page.locator('[data-testid="inbox-row"][data-ref="TOPOL 592"]').click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  const file = join(RESULTS, 'topol-592.pdf');
  writeFileSync(file, await page.pdf({ format: 'Letter', printBackground: true }));
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim().length > 0);
  expect(pages[0]).not.toContain('cover sheet');
  expect(pages[0]).toContain('TOPOL 592');
  for (const text of pages) {
    const lines = nonEmptyLines(text);
    expect(lines[0]?.trim()).toBe('UNCLASSIFIED');
    expect(lines.at(-1)?.trim()).toBe('UNCLASSIFIED');
  }
});
