import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { importFrusFiles } from '../../../electron/core/import/frus';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import { cableView } from '../../../electron/core/services/cableView';
import { loadCableRecord } from '../../../electron/core/store/cableReader';
import { formatCableText } from '../../../electron/domain/cableText';
import type { Draft } from '../../../electron/domain/draft';
import { renderCable } from '../../../electron/domain/render';
import { seededCoreFixture } from '../../support/tempCore';
import { CORPUS_DOCS, corpusFile } from '../import/frusFixtures';

/**
 * Golden files per era profile (issue 16 item 1, issue 12 item 4): real cables through the real
 * view builder (`cables.show`) and the profile's renderer, compared with tests/fixtures/golden.
 * The ADS golden files are written by adsRealCables.test.ts, which releases the real 1970s
 * telegrams. A golden file changes only when a rendering changes on purpose: review its diff.
 */
const GOLDEN = resolve(__dirname, '../../fixtures/golden');
const core = seededCoreFixture();
/** The read model as `cables.show` builds it (access is decided there, not needed here). */
const viewOf = (db: Parameters<typeof loadCableRecord>[0], id: number) => cableView(loadCableRecord(db, id)!);
afterEach(() => {
  vi.useRealTimers();
});

describe('FRUS_1960S: the 1961–63 telegram form', () => {
  test('TOPOL 578 (seed): outgoing form, SECRET alone, no portion marks, no precedence, RUSK and the drafting block', async () => {
    const c = core();
    const id = c.cables.idByRef('TOPOL 578')!;
    const view = viewOf(c.db, id);
    const text = formatCableText(view);
    await expect(text).toMatchFileSnapshot(`${GOLDEN}/frus-1960s/topol-578.txt`);

    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^OUTGOING TELEGRAM +Department of State$/);
    expect(lines[1]?.trim()).toBe('SECRET');
    expect(text).not.toMatch(/\((S|C|U|TS)\)/); // 1962 telegrams had no portion marks
    expect(text).not.toContain('//'); // no modern banner syntax
    expect(text).not.toMatch(/ROUTINE|PRIORITY|IMMEDIATE|NIACT|FLASH/); // FRUS gives none
    expect(text).not.toContain('SUBJECT'); // the FRUS title is the editors'
    expect(text).toContain("OCT 28 12 12 AM '62"); // 0412Z was 12:12 a.m. in Washington (EDT)
    expect(lines).toContain('ACTION: USMISSION USNATO TOPOL 578');
    expect(lines).toContain('EYES ONLY');
    expect(text).toMatch(/^1\. The President desires/m);
    expect(text).toContain('FORM DS-322');
    expect(text).toContain('PROHIBITED UNLESS "UNCLASSIFIED"');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(72);
    // Every continuation sheet has the classification at top and bottom.
    for (const page of renderCable(view).pages.slice(1)) {
      expect(page[0]?.trim()).toBe('SECRET');
      expect(page.at(-1)?.trim()).toBe('SECRET');
    }
    expect(view.published ?? null).toBeNull(); // the seed's copy is not an import
  });

  test('MOSCOW 1042 (imported from FRUS): incoming form, headed by the Declassified line', async () => {
    const c = core();
    await importFrusFiles(c.db, CORPUS_DOCS.map(corpusFile));
    const id = c.cables.idByRef('MOSCOW 1042')!;
    const view = viewOf(c.db, id);
    expect(view.published).toEqual({ volume: 'frus1961-63v11', doc: expect.any(Number) as number });
    const text = formatCableText(view);
    await expect(text).toMatchFileSnapshot(`${GOLDEN}/frus-1960s/moscow-1042.txt`);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Declassified — published in FRUS 1961–63, Volume XI, document \d+$/);
    expect(lines[2]).toMatch(/^INCOMING TELEGRAM +Department of State$/);
    expect(lines).toContain('FROM: MOSCOW');
    expect(lines).toContain('TO:   Secretary of State');
    expect(text).not.toMatch(/\((S|C|U|TS)\) /);
  });
});

describe('MODERN: the SMART-era record', () => {
  test('a training cable drafted, cleared, approved and released reads as a SMART record', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 11, 2, 14, 5, 0)));
    const c = core();
    const example = JSON.parse(
      readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
    ) as Draft;
    const doc: Draft = {
      ...example,
      profile: 'MODERN',
      series: null,
      dissem: ['NOFORN'],
      fileRef: null,
      tags: ['PREL', 'MARR', 'NATO', 'CU'],
      classAuthority: {
        classifiedBy: 'Thomas K. Finletter',
        position: 'Permanent Representative',
        reasons: ['1.4(b)', '1.4(d)'],
        declassifyOn: '2051-12-02',
      },
      references: [],
    };
    const as = (login: string) => c.users.byLogin(login);
    const duty = as('duty-usro');
    const finletter = as('finletter');
    const created = c.drafts.create(duty, { profile: 'MODERN' });
    let d = c.drafts.save(duty, created.id, created.revision, doc);
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
    d = await c.drafts.submit(duty, d.id, d.revision, SEED_PASSPHRASE);
    d = await c.drafts.clear(finletter, d.id, d.revision, 0, SEED_PASSPHRASE);
    d = await c.drafts.approve(finletter, d.id, d.revision, SEED_PASSPHRASE);
    expect(d.state).toBe('RELEASED');
    const view = viewOf(c.db, d.releasedCableId!);
    const text = formatCableText(view);
    await expect(text).toMatchFileSnapshot(`${GOLDEN}/modern/usnato-training.txt`);
    const lines = text.split('\n');
    expect(lines[0]).toBe('SECRET//NOFORN');
    expect(lines.at(-1)).toBe('SECRET//NOFORN');
    expect(lines).toContain('E.O.:         13526');
    expect(lines).toContain('TAGS:         PREL, MARR, NATO, CU');
    expect(text.replace(/\s+/g, ' ')).toContain(
      'Classified By: Thomas K. Finletter, Permanent Representative, Reason: 1.4(b), (d).',
    );
    expect(lines).toContain('MRN:          26 USNATO 1');
    expect(text).toMatch(/^1\. \(S\) Topol 578 received/m);
    expect(text).toMatch(/^Date\/DTG: +Dec 02, 2026 \/ 021405Z DEC 2026$/m);
  });
});
