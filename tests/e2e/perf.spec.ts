import { mkdirSync, writeFileSync } from 'node:fs';
import { addTopolTraffic, inboxSize } from './cables';
import { expect, SEED_PASSPHRASE, test } from './harness';

/**
 * Renderer performance at archive scale (issue 15 item 5 and the app start-up figures of item 6).
 * ON DEMAND ONLY, not in CI: skipped unless CABLEROOM_PERF=1, and only in the 'bridge' project.
 *
 *   flock /tmp/cableroom-e2e.lock bash -c 'npm run build && \
 *     CABLEROOM_PERF=1 CABLEROOM_PERF_ROWS=100000 npx playwright test tests/e2e/perf.spec.ts --project bridge'
 *
 * It prints, and writes to test-results/perf.json:
 * - start-up: the sign-in screen shown (ms after navigation start, read in the page as soon as the
 *   screen is there), and the first inbox row after Sign in (wall ms from the click);
 * - heap (Runtime.getHeapUsage after HeapProfiler.collectGarbage) after 10k, 50k and 100k rows
 *   scrolled through, as far as the inbox reaches;
 * - long tasks > 50 ms while scrolling, counting only the app's own work. The bridge's page
 *   transfer (Playwright's binding delivers each 500-row page to the page, which parses it) is a
 *   harness cost: each long task is split at the instant the bridge's listInbox promise resolves
 *   inside it (the feed's User Timing mark PAGE_ARRIVED_MARK, set before it touches the answer).
 *   What precedes that instant in the task is the transfer; what follows is the app (the feed,
 *   React, layout). Tasks with no resolve in them are the app's entirely.
 */
const ROWS = Number(process.env.CABLEROOM_PERF_ROWS ?? 100_000);
const CHECKPOINTS = [10_000, 50_000, 100_000];
const ROW_HEIGHT_PX = 56;

type LongTask = { start: number; duration: number };
type PerfWindow = Window & {
  __perf: { longTasks: LongTask[]; resolves: number[] };
};

test('inbox heap and long tasks while scrolling; start-up at a large archive', async ({ app }, testInfo) => {
  test.skip(!process.env.CABLEROOM_PERF, 'perf spec: on demand only (CABLEROOM_PERF=1), not in CI');
  test.skip(testInfo.project.name !== 'bridge', 'perf spec: bridge project only');
  test.setTimeout(60 * 60_000);
  const { page, core } = app;

  // A large inbox for Finletter (USRO).
  const insertStart = Date.now();
  addTopolTraffic(core, ROWS);
  const insertSeconds = (Date.now() - insertStart) / 1000;
  const total = inboxSize(core, 'finletter');

  // Start-up: the sign-in screen, then the first inbox row after Sign in.
  await page.reload();
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  const signInShownMs = await page.evaluate(() => performance.now());
  await page.locator('input[type="radio"][value="finletter"]').check();
  await page.getByLabel(/^Passphrase/).fill(SEED_PASSPHRASE);
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('inbox-row').first()).toBeVisible({ timeout: 60_000 });
  const firstRowMs = Date.now() - clicked;

  // Long tasks, and when each listInbox answer reaches the page.
  await page.evaluate(() => {
    const w = window as unknown as PerfWindow;
    w.__perf = { longTasks: [], resolves: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    // The feed marks each page's arrival (renderer/src/inbox/inboxFeed.ts PAGE_ARRIVED_MARK).
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'cableroom:inbox-page-arrived') w.__perf.resolves.push(e.startTime);
      }
    }).observe({ type: 'mark' });
  });

  const cdp = await page.context().newCDPSession(page);
  const heapMb = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1024 / 1024;
  };

  const heap: { rows: number; mb: number }[] = [{ rows: 0, mb: await heapMb() }];
  for (const target of CHECKPOINTS.filter((c) => c <= total)) {
    const reached = await page.evaluate(
      async ({ target, rowHeight }) => {
        const el = document.querySelector<HTMLElement>('[data-testid="inbox-list"]')!;
        const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
        let idle = 0;
        while (Math.floor(el.scrollTop / rowHeight) < target && idle < 600) {
          const before = el.scrollTop;
          if (el.getAttribute('aria-busy') !== 'true') el.scrollTop = before + rowHeight * 100;
          await frame();
          idle = el.scrollTop === before ? idle + 1 : 0;
        }
        return Math.floor(el.scrollTop / rowHeight);
      },
      { target, rowHeight: ROW_HEIGHT_PX },
    );
    heap.push({ rows: reached, mb: await heapMb() });
  }

  const { longTasks, resolves } = await page.evaluate(() => (window as unknown as PerfWindow).__perf);
  const split = longTasks.map((t) => {
    const end = t.start + t.duration;
    const resolve = resolves.find((r) => r >= t.start && r <= end);
    return resolve === undefined ? { app: t.duration, bridge: 0 } : { app: end - resolve, bridge: resolve - t.start };
  });
  const appLong = split.filter((s) => s.app > 50);
  const figures = {
    rows: ROWS,
    inbox: total,
    insertSeconds,
    startUp: { signInShownMs: Math.round(signInShownMs), firstRowAfterSignInMs: firstRowMs },
    heapMb: heap.map((h) => ({ rows: h.rows, mb: Number(h.mb.toFixed(2)) })),
    longTasks: {
      all: longTasks.length,
      appOver50: appLong.length,
      appMaxMs: Math.round(Math.max(0, ...split.map((s) => s.app))),
      bridgeMaxMs: Math.round(Math.max(0, ...split.map((s) => s.bridge))),
      pagesTransferred: resolves.length,
    },
  };
  console.log(`perf: ${JSON.stringify(figures, null, 2)}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/perf.json', `${JSON.stringify(figures, null, 2)}\n`);
  expect(heap.length).toBeGreaterThan(1);
});
