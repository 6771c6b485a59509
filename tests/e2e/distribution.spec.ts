import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { Distribution, DistributionEntry } from '../../electron/domain/cable';
import { layoutDistribution } from '../../renderer/src/distribution/layout';
import { callApi, expect, saveScreen, screenPath, signIn, test } from './harness';
import { addWideCircular, deliveryNodes, openBySearch, openFromInbox, showDistribution, WIDE_REF } from './routing';

/**
 * The distribution view (DOMAIN.md §1.8, rules 9–11, 16, 17): who TOPOL 578 went to and how, as a
 * graph and a sortable table under the cable's banner, exported as SVG and PNG; only a post's own
 * part for a recipient; refused for someone who may not see the cable; and a circular to more
 * than fifty posts that stays readable (no card or label on top of another).
 */
const NATO_EMBASSIES = [
  'AMEMBASSY ANKARA',
  'AMEMBASSY ATHENS',
  'AMEMBASSY BONN',
  'AMEMBASSY BRUSSELS',
  'AMEMBASSY COPENHAGEN',
  'AMEMBASSY LISBON',
  'AMEMBASSY LONDON',
  'AMEMBASSY LUXEMBOURG',
  'AMEMBASSY OSLO',
  'AMEMBASSY OTTAWA',
  'AMEMBASSY REYKJAVIK',
  'AMEMBASSY ROME',
  'AMEMBASSY THE HAGUE',
];

const node = (page: Page, station: string) =>
  page.locator(`[data-testid="graph-node"][data-kind="delivery"][data-station="${station}"]`);

const tableStations = (page: Page) =>
  page.getByTestId('distribution-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-station') ?? ''));

test('Rusk sees the whole distribution of TOPOL 578 as a graph and a sortable table, and exports it', async ({
  app,
}) => {
  const { page, core } = app;
  await signIn(page, 'rusk');
  await openBySearch(page, 'Jupiters', 'TOPOL 578');

  // Keyboard: the tabs are reachable and arrows switch them.
  await page.getByTestId('tab-cable').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-distribution')).toBeFocused();
  await expect(page.getByTestId('tab-distribution')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('distribution')).toHaveAttribute('data-complete', 'true');

  // The cable's banner, top and bottom (rule 25).
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  await expect(page.getByTestId('banner-bottom')).toHaveText('SECRET');

  // USRO direct (action, serial TOPOL 578); Paris passed by USRO; 13 embassies + USUN repeated; no Moscow.
  await expect(node(page, 'USMISSION USNATO')).toHaveAttribute('data-via', 'direct');
  await expect(node(page, 'USMISSION USNATO')).toContainText('TOPOL 578');
  await expect(node(page, 'AMEMBASSY PARIS')).toHaveAttribute('data-via', 'pass USMISSION USNATO');
  const repeated = page.locator('[data-testid="graph-node"][data-kind="delivery"][data-route="repeat"]');
  await expect(repeated).toHaveCount(14);
  for (const station of [...NATO_EMBASSIES, 'USMISSION USUN NEW YORK']) {
    await expect(node(page, station)).toHaveAttribute('data-via', 'repeat SECSTATE WASHDC 280412Z OCT 62');
  }
  await expect(page.locator('[data-testid="graph-node"][data-station="AMEMBASSY MOSCOW"]')).toHaveCount(0);
  await expect(deliveryNodes(page)).toHaveCount(16);
  await expect(page.getByTestId('graph-edge-label')).toHaveText(['direct', 'repeat 280412Z OCT 62', 'pass']);
  await saveScreen(page, 'distribution-topol578');

  // The same sixteen in the table; sorting by station (click, then Enter), with aria-sort.
  const stations = await tableStations(page);
  expect([...stations].sort()).toEqual(
    [...NATO_EMBASSIES, 'AMEMBASSY PARIS', 'USMISSION USNATO', 'USMISSION USUN NEW YORK'].sort(),
  );
  const header = page.getByTestId('sort-station');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await tableStations(page)).toEqual([...stations].sort());
  await header.getByRole('button').press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await tableStations(page)).toEqual([...stations].sort().reverse());
  await expect(page.getByTestId('sort-route')).toHaveAttribute('aria-sort', 'none');
  await page.getByTestId('distribution-table').scrollIntoViewIfNeeded();
  await saveScreen(page, 'distribution-table');

  // Export SVG: a standalone picture carrying the marking.
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toBe('TOPOL-578-distribution.svg');
  const svgText = readFileSync(await svg.path(), 'utf8');
  expect(svgText.startsWith('<svg')).toBe(true);
  expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
  expect(svgText).toContain('data-marking="top"');
  expect(svgText).toContain('>SECRET</text>');
  expect(svgText).toContain('AMEMBASSY PARIS');
  await expect(page.getByTestId('distribution-export-notice')).toContainText('TOPOL-578-distribution.svg');

  // Export PNG: drawn from the SVG on a canvas.
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toBe('TOPOL-578-distribution.png');
  const bytes = readFileSync(await png.path());
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.length).toBeGreaterThan(10_000);
  // Both exports were checked and audited in main (EXPORT, what: distribution) before they were saved.
  const topol578 = core.cables.idByRef('TOPOL 578');
  const exports = core.audit.list({ login: 'rusk', cableId: topol578, action: 'EXPORT', limit: 10 });
  expect(exports.map((e) => e.detail)).toEqual([
    expect.objectContaining({ what: 'distribution', format: 'png' }),
    expect.objectContaining({ what: 'distribution', format: 'svg' }),
  ]);
  // Kept next to the screenshots, to be looked at.
  await svg.saveAs(screenPath('distribution-export.svg'));
  await png.saveAs(screenPath('distribution-export.png'));

  // Escape returns to the cable, then to the list.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('tab-cable')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('cable')).toBeVisible();
});

test('Bohlen sees only Embassy Paris’s part of the distribution', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'bohlen');
  await openFromInbox(page, 'TOPOL 578');
  await showDistribution(page);

  await expect(page.getByTestId('distribution')).toHaveAttribute('data-complete', 'false');
  await expect(page.getByTestId('distribution-partial')).toContainText('part of the distribution is shown');
  await expect(deliveryNodes(page)).toHaveCount(1);
  await expect(node(page, 'AMEMBASSY PARIS')).toHaveAttribute('data-via', 'pass USMISSION USNATO');
  // USRO passed it on; its own delivery is outside Bohlen's part, so it is a context card only.
  await expect(page.locator('[data-testid="graph-node"][data-kind="outside"]')).toHaveAttribute(
    'data-station',
    'USMISSION USNATO',
  );
  expect(await tableStations(page)).toEqual(['AMEMBASSY PARIS']);
  await expect(page.getByTestId('banner-top')).toHaveText('SECRET');
  await saveScreen(page, 'distribution-own-part');

  // Only a cable prints: Ctrl+P on the Distribution tab shows the cable first, then prints it (audited).
  await page.evaluate(() => {
    const w = window as unknown as { printed: string[] };
    w.printed = [];
    window.print = () => w.printed.push(document.querySelector('[data-testid="cable"]') ? 'cable' : 'nothing');
  });
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('tab-cable')).toHaveAttribute('aria-selected', 'true');
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: string[] }).printed)).toEqual(['cable']);
  expect(core.audit.list({ limit: 1, action: 'PRINT' })[0]).toMatchObject({ actorLogin: 'bohlen' });
});

test('the distribution is refused to whoever may not see the cable, in the UI and by direct call', async ({ app }) => {
  const { page, core } = app;
  await signIn(page, 'trainee');
  await expect(page.getByTestId('screen-inbox')).toBeVisible(); // signed in before asking directly
  // TOPOL 578 is nowhere in the trainee's UI (handling.spec.ts); asked for directly, main refuses.
  expect(await callApi(page, 'showDistribution', { cableId: core.cables.idByRef('TOPOL 578') })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  // Nor may it be exported: refused, audited as DENY, and no EXPORT entry.
  const topol578 = core.cables.idByRef('TOPOL 578');
  expect(await callApi(page, 'recordDistributionExport', { cableId: topol578, format: 'svg' })).toMatchObject({
    ok: false,
    error: { code: 'ACCESS_DENIED' },
  });
  expect(core.audit.list({ login: 'trainee', cableId: topol578, action: 'DENY', limit: 1 })[0]).toMatchObject({
    detail: { what: 'distribution export' },
  });
  expect(core.audit.list({ login: 'trainee', action: 'EXPORT', limit: 10 })).toEqual([]);

  // In the UI: the trainee reads TOPOL 593, then an instructor lowers the trainee's clearance;
  // main re-reads the user on every call, so the distribution is refused and the refusal shown.
  await openFromInbox(page, 'TOPOL 593');
  await core.accounts.update(core.users.byLogin('instructor'), 'trainee', { clearance: 'UNCLASSIFIED' });
  await showDistribution(page);
  const refusal = page.getByTestId('distribution-error');
  await expect(refusal).toHaveAttribute('data-code', 'ACCESS_DENIED');
  await expect(refusal).toContainText('You may not read this cable. Access denied.');
  await expect(page.getByTestId('graph-node')).toHaveCount(0);
  await saveScreen(page, 'distribution-refused');
});

type Box = Readonly<{ x: number; y: number; width: number; height: number; what: string }>;

function overlapping(boxes: ReadonlyArray<Box>): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
        found.push(`${a.what} × ${b.what}`);
      }
    }
  }
  return found;
}

test('a circular to more than fifty posts stays readable: no two cards or labels overlap', async ({ app }) => {
  const { page, core } = app;
  addWideCircular(core);
  await signIn(page, 'rusk');
  await openBySearch(page, 'Readiness circular', WIDE_REF);
  await showDistribution(page);
  await expect(deliveryNodes(page)).not.toHaveCount(0);

  const boxes = await page.evaluate(() => {
    const box = (el: Element, what: string) => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height, what };
    };
    const cards = [...document.querySelectorAll('[data-testid="graph-node"]')].map((g) =>
      box(g.querySelector('[data-testid="graph-node-box"]')!, `card ${g.getAttribute('data-station')}`),
    );
    const labels = [...document.querySelectorAll('[data-testid="graph-edge-label"]')].map((l) =>
      box(l, `label ${l.textContent}`),
    );
    // Every text stays inside its own card (cut to fit, never spilling onto a neighbour).
    const spills = [...document.querySelectorAll('[data-testid="graph-node"]')].flatMap((g) => {
      const card = g.querySelector('[data-testid="graph-node-box"]')!.getBoundingClientRect();
      return [...g.querySelectorAll('text')]
        .filter((t) => t.textContent !== '' && t.getBoundingClientRect().right > card.right + 0.5)
        .map((t) => `${g.getAttribute('data-station')}: ${t.textContent}`);
    });
    return { cards, labels, spills };
  });
  const deliveries = await deliveryNodes(page).count();
  expect(deliveries).toBeGreaterThanOrEqual(50);
  expect(overlapping([...boxes.cards, ...boxes.labels])).toEqual([]);
  expect(boxes.spills).toEqual([]);
  // The pending pass is drawn (rule 17), and FLASH / NIACT cards stand out (rule 8).
  await expect(page.locator('[data-testid="graph-node"][data-kind="pending"]')).toHaveAttribute(
    'data-station',
    'AMEMBASSY ATHENS',
  );
  await expect(page.getByTestId('pending-pass')).toHaveText(/AMEMBASSY ANKARA PASS AMEMBASSY ATHENS/);
  await expect(page.locator('[data-testid="graph-node"][data-high="true"]')).toHaveCount(2);
  await expect(page.getByTestId('distribution-row')).toHaveCount(deliveries);
  await saveScreen(page, 'distribution-wide');
  await page.getByTestId('distribution-graph-pane').evaluate((el) => el.scrollTo(el.scrollWidth, 0));
  await saveScreen(page, 'distribution-wide-right');
});

/** A synthetic distribution: `n` posts per route, passes and repeats hanging off the first layer. */
function syntheticDistribution(n: number): Distribution {
  const entry = (station: string, via: string, from: string, i: number): DistributionEntry => ({
    station,
    name: `Post ${station.slice(-3)} with a long short name`,
    role: i % 5 === 0 ? 'ACTION' : 'INFO',
    precedence: i % 7 === 0 ? 'FLASH' : i % 3 === 0 ? 'IMMEDIATE' : 'ROUTINE',
    niact: i % 3 === 0,
    serial: i % 4 === 0 ? `TOPOL ${1000 + i}` : null,
    via,
    from,
    deliveredAt: '1962-10-28T04:12:00.000Z',
    ackAt: i % 2 === 0 ? '1962-10-28T05:00:00.000Z' : null,
    openedBy: i % 3 === 0 ? ['finletter', 'duty-usro', 'bohlen', 'hare'] : [],
    routingSlip: { offices: [], persons: [], rule: '' },
  });
  const o = 'SECSTATE WASHDC';
  const deliveries: DistributionEntry[] = [];
  for (let i = 0; i < n; i++) deliveries.push(entry(`AMEMBASSY D${String(i).padStart(3, '0')}`, 'direct', o, i));
  for (let i = 0; i < n; i++)
    deliveries.push(entry(`AMCONSUL C${String(i).padStart(3, '0')}`, 'collective ALL PRACTICE POSTS', o, i));
  // Each of the first few direct addressees passes to two posts and repeats to another.
  for (let k = 0; k < Math.min(n, 6); k++) {
    const by = `AMEMBASSY D${String(k).padStart(3, '0')}`;
    deliveries.push(entry(`AMCONSUL P${k}A`, `pass ${by}`, by, k));
    deliveries.push(entry(`AMCONSUL P${k}B`, `pass ${by}`, by, k + 1));
    deliveries.push(entry(`AMCONSUL R${k}`, `repeat ${by} 281200Z OCT 62`, by, k));
  }
  // A second-level pass: a passee passes again.
  deliveries.push(entry('AMCONSUL P0A2', 'pass AMCONSUL P0A', 'AMCONSUL P0A', 3));
  return {
    ref: 'SYNTHETIC 1',
    originator: o,
    complete: true,
    deliveries,
    pendingPasses: [{ by: 'AMEMBASSY D001', to: 'AMCONSUL PENDING' }],
  };
}

test('the layout never puts a card, group or label on top of another, up to 150 posts per route', () => {
  for (const n of [1, 2, 5, 13, 50, 150]) {
    const layout = layoutDistribution(syntheticDistribution(n));
    const cards = layout.nodes.map((c) => ({ ...c, what: `card ${c.id}` }));
    const labels = layout.edges.map((e) => ({ ...e.labelBox, what: `label ${e.id}` }));
    const groups = layout.groups.map((g) => ({ ...g, what: `group ${g.id}` }));
    expect(overlapping([...cards, ...labels]), `n=${n}`).toEqual([]);
    expect(overlapping([...groups, ...labels]), `n=${n}`).toEqual([]);
    // Every card sits inside its group's frame, and every group inside the picture.
    for (const g of layout.groups) {
      for (const id of g.nodeIds) {
        const c = layout.nodes.find((x) => x.id === id)!;
        expect(c.x >= g.x && c.y >= g.y && c.x + c.width <= g.x + g.width && c.y + c.height <= g.y + g.height).toBe(
          true,
        );
      }
      expect(g.x + g.width <= layout.width && g.y + g.height <= layout.height).toBe(true);
    }
    // Two more layers hang off the direct addressees (passes, repeats, a pass of a pass).
    expect(new Set(layout.groups.map((g) => g.x)).size).toBe(3);
  }
});
