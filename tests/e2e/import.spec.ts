import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * The Import screen's FRUS part (issue 6, deliverable 3): TEI files chosen in the window travel to
 * main as bytes, are imported there file after file, and the dialog polls the job: a progress bar
 * that reaches the end, then a summary with the refs imported, the documents skipped (a second
 * import: "already imported") and the files refused whole with the reason. Trainees have no way in,
 * and main refuses them even when the page calls the bridge itself.
 */
const CORPUS = resolve(__dirname, '../fixtures/frus/frus1961-63v11');
/** Two short telegrams of FRUS 1961–63 XI that the seed does not hold. */
const MOSCOW_1139 = join(CORPUS, 'd115.xml');
const STATE_1141 = join(CORPUS, 'd119.xml');
const MOSCOW_1149 = join(CORPUS, 'd121.xml');

const progressBar = (page: Page) => page.getByTestId('import-progress-bar');

/** Chooses the files, starts the import and waits until main says it is done. */
async function importFiles(page: Page, files: ReadonlyArray<string>): Promise<void> {
  await page.getByLabel('TEI files', { exact: true }).setInputFiles([...files]);
  await expect(page.getByTestId('tei-chosen')).toContainText(`${files.length} files chosen`);
  await page.getByRole('button', { name: `Import ${files.length} files` }).click();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('data-done', 'true');
  await expect(page.getByTestId('import-summary')).toBeVisible();
}

async function openImport(page: Page): Promise<void> {
  await page.getByTestId('nav-import').click();
  await expect(page.getByRole('heading', { name: 'Import', level: 2 })).toBeVisible();
}

test('an instructor imports two FRUS telegrams, sees the progress reach the end and the summary; again, they are already imported', async ({
  app,
}) => {
  const { page } = app;
  await signIn(page, 'instructor');
  await openImport(page);
  // Audit-like screen: refs and file names only, so it is UNCLASSIFIED.
  await expect(page.getByTestId('banner-top')).toHaveText('UNCLASSIFIED');

  await importFiles(page, [MOSCOW_1139, STATE_1141]);
  const totalBytes = statSync(MOSCOW_1139).size + statSync(STATE_1141).size;
  expect(await progressBar(page).evaluate((p: HTMLProgressElement) => [p.value, p.max])).toEqual([
    totalBytes,
    totalBytes,
  ]);
  await expect(page.getByTestId('import-progress-detail')).toContainText('document 2');
  // The keyboard lands on the outcome, so it is read out at once.
  await expect(page.getByTestId('frus-outcome')).toBeFocused();

  await expect(page.getByTestId('import-totals')).toHaveText('2 telegrams imported, 0 skipped.');
  const imported = page.getByTestId('imported-row');
  await expect(imported).toHaveCount(2);
  await expect(imported.nth(0)).toHaveAttribute('data-ref', 'MOSCOW 1139');
  await expect(imported.nth(0)).toContainText('d115.xml');
  await expect(imported.nth(0)).toContainText('115');
  await expect(imported.nth(1)).toHaveAttribute('data-ref', 'STATE 1141 TO USUN');
  await expect(imported.nth(1)).toContainText('d119.xml');
  await saveScreen(page, 'import-frus-done');

  // The same files again: nothing new, each document skipped as already imported.
  await importFiles(page, [MOSCOW_1139, STATE_1141]);
  await expect(page.getByTestId('import-totals')).toHaveText('0 telegrams imported, 2 skipped.');
  await expect(page.getByTestId('imported-row')).toHaveCount(0);
  const skipped = page.getByTestId('skipped-row');
  await expect(skipped).toHaveCount(2);
  for (const [i, file, doc] of [
    [0, 'd115.xml', '115'],
    [1, 'd119.xml', '119'],
  ] as const) {
    await expect(skipped.nth(i)).toContainText(file);
    await expect(skipped.nth(i)).toContainText(doc);
    await expect(skipped.nth(i)).toContainText('already imported');
  }
  await saveScreen(page, 'import-frus-again');
});

test('a truncated TEI file is refused whole with its reason while the good file beside it is imported', async ({
  app,
}) => {
  const { page } = app;
  const truncated = test.info().outputPath('truncated.xml');
  const good = readFileSync(MOSCOW_1149, 'utf8');
  // Cut inside the document: the closing tags never come.
  writeFileSync(truncated, good.slice(0, Math.floor(good.length / 2)));

  await signIn(page, 'instructor');
  await openImport(page);
  await importFiles(page, [MOSCOW_1149, truncated]);

  await expect(page.getByTestId('import-totals')).toHaveText('1 telegram imported, 0 skipped, 1 file refused.');
  const refused = page.getByTestId('refused-file');
  await expect(refused).toHaveCount(1);
  await expect(refused).toHaveAttribute('data-file', 'truncated.xml');
  await expect(refused).toContainText(/malformed|truncated|unclosed/i);
  await expect(page.getByTestId('imported-row')).toHaveCount(1);
  await expect(page.getByTestId('imported-row')).toHaveAttribute('data-ref', 'MOSCOW 1149');
  await saveScreen(page, 'import-frus-refused-file');
});

test('a trainee imports bundles only: no FRUS import on the screen, and main refuses one the page asks for itself', async ({
  app,
}) => {
  const { page } = app;
  await signIn(page, 'trainee');
  await page.getByTestId('nav-import').click();
  await expect(page.getByRole('button', { name: /bundle/i }).first()).toBeVisible();
  await expect(page.getByText(/FRUS/)).toHaveCount(0);

  const envelope = await page.evaluate(() =>
    window.cableroom!.startFrusImport({ files: [{ name: 'd1.xml', bytes: new TextEncoder().encode('<TEI/>') }] }),
  );
  expect(envelope).toEqual({
    ok: false,
    error: { code: 'ACCESS_DENIED', message: 'Only historians, instructors and admins import FRUS telegrams.' },
  });
});
