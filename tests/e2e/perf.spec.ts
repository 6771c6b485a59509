import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { deserialize, serialize } from 'node:v8';
import { dirname, join } from 'node:path';
import { openCore, type Core } from '../../electron/core/app';
import type { IpcRouter } from '../../electron/main/router';
import { addTopolTraffic, inboxSize } from './cables';
import { expect, SEED_PASSPHRASE, test as base } from './harness';

/**
 * Renderer performance at archive scale (issue 15 item 5 and the app start-up figures of item 6).
 * ON DEMAND ONLY, not in CI: skipped unless CABLEROOM_PERF=1, and only in the 'bridge' project.
 *
 *   flock /tmp/cableroom-e2e.lock bash -c 'npm run build && \
 *     CABLEROOM_PERF=1 CABLEROOM_PERF_ROWS=100000 npx playwright test tests/e2e/perf.spec.ts --project bridge'
 *
 * Against a prebuilt archive instead (a million cables in minutes rather than an hour of inserts):
 * `npm run bench -- --n 1000000 --db /tmp/1m.sqlite --signed 0 --import 0` keeps its database
 * (850,058 deliveries to USRO, the seed's users among them), and
 *
 *   CABLEROOM_PERF=1 CABLEROOM_PERF_DB=/tmp/1m.sqlite npx playwright test tests/e2e/perf.spec.ts --project bridge
 *
 * opens a COPY of it (the file, its -wal and its audit anchor, in a temporary directory deleted
 * afterwards: the source is never written to) and inserts nothing.
 *
 * It prints, and writes to test-results/perf.json:
 * - start-up: the sign-in screen shown (ms after navigation start), and the first inbox row after
 *   Sign in (ms from the click), both read in the page (a MutationObserver, then the next frame),
 *   not by Playwright's polling; with the calls the page made in between as main answered them
 *   (channel, when main got it and how long the handler took, ms after the click): the phases;
 * - heap (Runtime.getHeapUsage after HeapProfiler.collectGarbage) after 10k, 50k and 100k rows
 *   scrolled through, as far as the inbox reaches;
 * - long tasks > 50 ms while scrolling, counting only the app's own work. The bridge's page
 *   transfer (Playwright's binding delivers each 500-row page to the page, which parses it) is a
 *   harness cost: each long task is split at the instant the bridge's listInbox promise resolves
 *   inside it (the feed's User Timing mark PAGE_ARRIVED_MARK, set before it touches the answer).
 *   What precedes that instant in the task is the transfer; what follows is the app (the feed,
 *   React, layout). Tasks with no resolve in them are the app's entirely. That split over-counts
 *   the app: a trace (CABLEROOM_PERF_PROFILE=1) shows the task going on for 40–50 ms after the
 *   app's script has returned, in native code with no script and no layout (the browser's DevTools
 *   side of the binding, done with the 330 KB message), so it is reported as `longTasks` as before;
 * - `pageWork`, the app's own work on each page: from PAGE_ARRIVED_MARK to PAGE_SHOWN_MARK, set by
 *   the list once React has committed the page and run its effects (the feed, React's render and
 *   commit, the forced layouts in between); median, p95, max and how many took over 50 ms.
 */
const ROWS = Number(process.env.CABLEROOM_PERF_ROWS ?? 100_000);
const PERF_DB = process.env.CABLEROOM_PERF_DB;
/** CABLEROOM_PERF_PROFILE=1: the renderer's CPU profiles of the start-up and of the scrolling, for DevTools. */
const PROFILE = !!process.env.CABLEROOM_PERF_PROFILE;
/** CABLEROOM_PERF_SCROLL=N scrolls through N rows at most (0: the start-up figures only). */
const SCROLL_ROWS = Number(process.env.CABLEROOM_PERF_SCROLL ?? 100_000);
const CHECKPOINTS = [10_000, 50_000, 100_000].filter((c) => c <= SCROLL_ROWS);
const ROW_HEIGHT_PX = 56;

type LongTask = { start: number; duration: number };
type PerfWindow = Window & {
  __perf: { longTasks: LongTask[]; resolves: number[]; shown: number[] };
  __startup: {
    signInShown?: number;
    clicked?: number;
    pageArrived?: number;
    firstRow?: number;
    firstRowFrame?: number;
  };
};
/** One call the page made, as main's router saw it (epoch ms; handled = the router's own time). */
type Call = { channel: string; at: number; ms: number };

const test = base.extend<{ calls: Call[] }>({
  // A copy of the prebuilt archive when CABLEROOM_PERF_DB is set, else the harness's seeded database.
  // eslint-disable-next-line no-empty-pattern
  core: async ({}, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'cableroom-perf-'));
    let core: Core;
    if (PERF_DB) {
      if (!existsSync(PERF_DB)) throw new Error(`CABLEROOM_PERF_DB: no database at ${PERF_DB}`);
      const copy = join(dir, 'cableroom.sqlite');
      // The file, its write-ahead log, and the audit trail's anchor and key beside it (audit/anchor.ts).
      // Flushed to disk before the app opens it: else the first write (the sign-in's) pays for the
      // copy's gigabytes of dirty pages in its fsync, 700 ms at a million cables.
      for (const suffix of ['', '-wal', '.audit-anchor', '.audit-anchor.key']) {
        if (!existsSync(`${PERF_DB}${suffix}`)) continue;
        copyFileSync(`${PERF_DB}${suffix}`, `${copy}${suffix}`);
        const fd = openSync(`${copy}${suffix}`, 'r+');
        fsyncSync(fd);
        closeSync(fd);
      }
      core = openCore({ dbPath: copy, mustExist: true });
    } else {
      const root = testInfo.config.configFile ? dirname(testInfo.config.configFile) : process.cwd();
      core = openCore({
        dbPath: join(dir, 'cableroom.sqlite'),
        seed: 'demo',
        seedDir: join(root, 'resources', 'seed'),
      });
    }
    try {
      await use(core);
    } finally {
      core.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
  // eslint-disable-next-line no-empty-pattern
  calls: async ({}, use) => use([]),
  // Every call the page makes, timed where main handles it.
  router: async ({ router, calls }, use) => {
    const timed: IpcRouter = {
      ...router,
      handle: async (sender, channel, input) => {
        const at = Date.now();
        const t0 = performance.now();
        const out = await router.handle(sender, channel, input);
        calls.push({ channel, at, ms: performance.now() - t0 });
        return out;
      },
    };
    await use(timed);
  },
});

test('inbox heap and long tasks while scrolling; start-up at a large archive', async ({ app, calls }, testInfo) => {
  test.skip(!process.env.CABLEROOM_PERF, 'perf spec: on demand only (CABLEROOM_PERF=1), not in CI');
  test.skip(testInfo.project.name !== 'bridge', 'perf spec: bridge project only');
  test.setTimeout(60 * 60_000);
  const { page, core } = app;

  // A large inbox for Finletter (USRO): inserted here, or already in the prebuilt archive.
  const insertStart = Date.now();
  if (!PERF_DB) addTopolTraffic(core, ROWS);
  const insertSeconds = (Date.now() - insertStart) / 1000;

  // Start-up: the sign-in screen, then the first inbox row after Sign in, both timed in the page.
  await page.addInitScript(() => {
    const w = window as unknown as PerfWindow;
    w.__startup = {};
    const seen = () => {
      const s = w.__startup;
      if (s.signInShown === undefined && document.querySelector('[data-testid="screen-sign-in"]')) {
        s.signInShown = performance.now();
      }
      if (s.clicked !== undefined && s.firstRow === undefined && document.querySelector('[data-testid="inbox-row"]')) {
        s.firstRow = performance.now();
        requestAnimationFrame(() => (s.firstRowFrame = performance.now()));
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
    // The first inbox page reaching the feed (inboxFeed.ts PAGE_ARRIVED_MARK): before it the bridge, after it the app.
    new PerformanceObserver((list) => {
      const first = list.getEntries().find((e) => e.name === 'cableroom:inbox-page-arrived');
      if (first && w.__startup.clicked !== undefined) w.__startup.pageArrived ??= first.startTime;
    }).observe({ type: 'mark' });
    // The click on Sign in, as the page gets it (capture: before the app's own handler).
    document.addEventListener(
      'click',
      (e) => {
        const t = e.target as HTMLElement | null;
        if (w.__startup.clicked === undefined && t?.closest('button')?.textContent?.trim() === 'Sign in') {
          w.__startup.clicked = performance.now();
        }
      },
      true,
    );
  });
  await page.reload();
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const browser = page.context().browser()!;
  const profile = async (name: string | null) => {
    if (!PROFILE) return;
    mkdirSync('test-results', { recursive: true });
    if (name === null) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'v8', 'blink'] });
      return;
    }
    const { profile: p } = await cdp.send('Profiler.stop');
    writeFileSync(`test-results/${name}.cpuprofile`, JSON.stringify(p));
    writeFileSync(`test-results/${name}.trace.json`, await browser.stopTracing());
  };
  await page.locator('input[type="radio"][value="finletter"]').check();
  await page.getByLabel(/^Passphrase/).fill(SEED_PASSPHRASE);
  calls.length = 0;
  await profile(null);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('inbox-row').first()).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as PerfWindow).__startup.firstRowFrame !== undefined);
  await profile('perf-startup');
  const startup = await page.evaluate(() => {
    const w = window as unknown as PerfWindow;
    return { ...w.__startup, timeOrigin: performance.timeOrigin };
  });
  const clickedEpoch = startup.timeOrigin + startup.clicked!;
  const firstRowEpoch = startup.timeOrigin + startup.firstRow!;
  // The calls made between the click and the first row: where the time went.
  const phases = calls
    .filter((c) => c.at <= firstRowEpoch)
    .map((c) => ({ channel: c.channel, atMs: Math.round(c.at - clickedEpoch), handlerMs: Number(c.ms.toFixed(1)) }));
  // The first page's trip through the bridge (main answered → the page had it) against what
  // Electron's IPC does with it instead: a structured clone (V8's serializer), both ways.
  const list = calls.find((c) => c.channel === 'inbox:list');
  const bridgeMs = list ? Math.round(startup.timeOrigin + startup.pageArrived! - (list.at + list.ms)) : null;
  const firstPage = core.inbox.list(core.users.byLogin('finletter'), { cursor: null, limit: 500 });
  const cloneStart = performance.now();
  deserialize(serialize(firstPage));
  const ipcCloneMs = Number((performance.now() - cloneStart).toFixed(1));
  const total = inboxSize(core, 'finletter');

  // Long tasks, and when each listInbox answer reaches the page.
  await page.evaluate(() => {
    const w = window as unknown as PerfWindow;
    w.__perf = { longTasks: [], resolves: [], shown: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__perf.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
    // The feed marks each page's arrival (renderer/src/inbox/inboxFeed.ts PAGE_ARRIVED_MARK).
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'cableroom:inbox-page-arrived') w.__perf.resolves.push(e.startTime);
        if (e.name === 'cableroom:inbox-page-shown') w.__perf.shown.push(e.startTime);
      }
    }).observe({ type: 'mark' });
  });

  const heapMb = async (): Promise<number> => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1024 / 1024;
  };

  const heap: { rows: number; mb: number }[] = [{ rows: 0, mb: await heapMb() }];
  await profile(null);
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

  await profile('perf-scroll');
  const { longTasks, resolves, shown } = await page.evaluate(() => (window as unknown as PerfWindow).__perf);
  // The app's work on each page: from its arrival to the list's commit (and effects) of it.
  const pageWork = resolves
    .map((r) => {
      const s = shown.find((t) => t >= r);
      return s === undefined ? null : s - r;
    })
    .filter((ms): ms is number => ms !== null)
    .sort((a, b) => a - b);
  const split = longTasks.map((t) => {
    const end = t.start + t.duration;
    const resolve = resolves.find((r) => r >= t.start && r <= end);
    return resolve === undefined ? { app: t.duration, bridge: 0 } : { app: end - resolve, bridge: resolve - t.start };
  });
  const appLong = split.filter((s) => s.app > 50);
  const figures = {
    rows: PERF_DB ? 0 : ROWS,
    inbox: total,
    insertSeconds,
    db: PERF_DB ?? null,
    startUp: {
      signInShownMs: Math.round(startup.signInShown!),
      firstRowAfterSignInMs: Math.round(startup.firstRow! - startup.clicked!),
      firstRowFrameAfterSignInMs: Math.round(startup.firstRowFrame! - startup.clicked!),
      firstPageArrivedAfterSignInMs: Math.round((startup.pageArrived ?? NaN) - startup.clicked!),
      // The harness's part of the first row: the bridge's transfer of the first page, and the
      // figure without it (a structured clone in its place, as Electron's IPC would do).
      firstPageBridgeMs: bridgeMs,
      firstPageIpcCloneMs: ipcCloneMs,
      firstRowWithoutBridgeMs:
        bridgeMs === null ? null : Math.round(startup.firstRow! - startup.clicked! - bridgeMs + ipcCloneMs),
      calls: phases,
    },
    heapMb: heap.map((h) => ({ rows: h.rows, mb: Number(h.mb.toFixed(2)) })),
    longTasks: {
      all: longTasks.length,
      appOver50: appLong.length,
      appMaxMs: Math.round(Math.max(0, ...split.map((s) => s.app))),
      bridgeMaxMs: Math.round(Math.max(0, ...split.map((s) => s.bridge))),
      pagesTransferred: resolves.length,
    },
    pageWork: {
      pages: pageWork.length,
      over50: pageWork.filter((ms) => ms > 50).length,
      medianMs: Number((pageWork[Math.floor(pageWork.length / 2)] ?? 0).toFixed(1)),
      p95Ms: Number((pageWork[Math.floor(pageWork.length * 0.95)] ?? 0).toFixed(1)),
      maxMs: Number((pageWork[pageWork.length - 1] ?? 0).toFixed(1)),
    },
  };
  console.log(`perf: ${JSON.stringify(figures, null, 2)}`);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/perf.json', `${JSON.stringify(figures, null, 2)}\n`);
  if (CHECKPOINTS.length > 0) expect(heap.length).toBeGreaterThan(1);
});
