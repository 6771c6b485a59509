import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importFrusFiles } from '../../electron/core/import/frus';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import type { Draft } from '../../electron/domain/draft';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * Era-faithful rendering in Chromium (issue 12 items 3–4, issue 16 item 1): a telegram imported
 * from FRUS reads "Declassified — published in FRUS …" above its original markings, on screen and
 * in its printed form; a SMART-era training cable prints its cover sheet as the form of its era,
 * with no training label, and its paper copy is the SMART record with portion marks.
 */
const RESULTS = join(process.cwd(), 'test-results');
const MOSCOW_1042 = resolve(__dirname, '../fixtures/frus/frus1961-63v11/d48.xml');

test('Rusk reads MOSCOW 1042, imported from FRUS: the Declassified line, the 1962 form, no portion marks', async ({
  app,
}) => {
  const { page, core } = app;
  const [outcome] = await importFrusFiles(core.db, [MOSCOW_1042]);
  expect(outcome?.ok).toBe(true);
  const id = core.cables.idByRef('MOSCOW 1042')!;
  expect(id).toBeGreaterThan(0);

  await signIn(page, 'rusk');
  await page.locator('[data-testid="inbox-row"][data-ref="MOSCOW 1042"]').click();
  const cable = page.getByTestId('cable');
  await expect(cable).toBeVisible();
  const published = page.getByTestId('published-line');
  await expect(published).toHaveText('Declassified — published in FRUS 1961–63, Volume XI, document 48');
  // Above the original markings: before the classification line and the captions.
  const order = await cable.evaluate((el) =>
    ['published-line', 'classification-line', 'caption'].map((id) =>
      Array.from(el.querySelectorAll('*')).indexOf(el.querySelector(`[data-testid="${id}"]`)!),
    ),
  );
  expect(order[0]).toBeLessThan(order[1]!);
  expect(order[1]).toBeLessThan(order[2]!);
  await expect(page.getByTestId('classification-line')).toHaveText('SECRET');
  await expect(page.getByTestId('portion')).toHaveCount(0);
  await expect(page.getByTestId('training-additions')).toContainText('added by Cableroom for training');
  // NIACT was recorded by FRUS: the precedence is shown.
  await expect(page.getByTestId('precedence-line')).toContainText('NIACT');

  const printout = page.getByTestId('printout');
  await printout.locator('summary').click();
  const text = await printout.locator('pre').innerText();
  const lines = text.split('\n');
  expect(lines[0]).toBe('Declassified — published in FRUS 1961–63, Volume XI, document 48');
  expect(lines).toContain('FROM: MOSCOW');
  expect(lines).toContain('NIACT');
  await saveScreen(page, 'cable-frus-import');
});

test('a SMART-era training cable prints the SF 704 of its era, unlabelled, and the SMART record', async ({ app }) => {
  const { page, core } = app;
  const example = JSON.parse(readFileSync(resolve(__dirname, '../../docs/examples/polto-reply.json'), 'utf8')) as Draft;
  const doc: Draft = {
    ...example,
    profile: 'MODERN',
    series: null,
    dissem: ['NOFORN'],
    fileRef: null,
    tags: ['PREL', 'NATO'],
    classAuthority: {
      classifiedBy: 'Thomas K. Finletter',
      position: 'Permanent Representative',
      reasons: ['1.4(b)', '1.4(d)'],
      declassifyOn: '2051-12-02',
    },
    references: [],
  };
  const duty = core.users.byLogin('duty-usro');
  const finletter = core.users.byLogin('finletter');
  const created = core.drafts.create(duty, { profile: 'MODERN' });
  let d = core.drafts.save(duty, created.id, created.revision, doc);
  d = await core.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
  d = await core.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
  d = await core.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
  expect(d.state).toBe('RELEASED');

  await signIn(page, 'rusk');
  await page.locator(`[data-testid="inbox-row"][data-ref="${d.releasedRef}"]`).click();
  await expect(page.getByTestId('cable')).toBeVisible();
  await expect(page.getByTestId('classification-line')).toHaveText('SECRET//NOFORN');
  await expect(page.getByTestId('training-additions')).toHaveCount(0);
  await expect(page.getByTestId('portion').first()).toHaveText('(S)');

  await page.emulateMedia({ media: 'print' });
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, 'modern-cable.pdf');
  writeFileSync(file, await page.pdf({ format: 'Letter', printBackground: true }));
  const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\f')
    .filter((p) => p.trim().length > 0);
  expect(pages[0]).toContain('SF 704');
  expect(pages[0]).not.toMatch(/Added by Cableroom/);
  const body = pages.slice(1).join('\n');
  expect(body).toMatch(/E\.O\.:\s+13526/);
  expect(body).toMatch(/TAGS:\s+PREL, NATO/);
  expect(body).toMatch(/1\. \(S\) Topol 578 received/);
  for (const text of pages) {
    const lines = text.split('\n').filter((l) => l.trim().length > 0);
    expect(lines[0]?.trim()).toBe('SECRET//NOFORN');
    expect(lines.at(-1)?.trim()).toBe('SECRET//NOFORN');
  }
});
