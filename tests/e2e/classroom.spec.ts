import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { postgresBinDir, startCluster, type PgCluster } from '../../bench/classroom/pgCluster';
import { openCore } from '../../electron/core/app';
import { classroomOf } from '../../electron/core/classroom/service';
import { initClassroom } from '../../electron/core/classroom/setup';
import { createIpcRouter } from '../../electron/main/router';
import { release } from '../classroom/support';
import { expectAccessible } from './axe';
import { connectPage, expect, saveScreen, SEED_PASSPHRASE, signIn, test } from './harness';

/**
 * Two machines of a classroom (issue 11 item 4): two app windows in two browser contexts, each
 * over its own SQLite file and router, joined to a real PostgreSQL exchange. A cable released on
 * machine A (USRO) appears in machine B's inbox (the Department) without a reload, with its
 * FLASH alert. Machine B joins through the Classroom screen reached from the app bar's indicator.
 */
const row = (page: Page, ref: string) => page.locator(`[data-testid="inbox-row"][data-ref="${ref}"]`);

test.describe('the classroom between two machines', () => {
  test.skip(!postgresBinDir(), 'PostgreSQL server binaries (initdb, pg_ctl) not found: .ci/run installs postgresql');
  let pg: PgCluster | null = null;
  test.beforeAll(async () => {
    pg = await startCluster();
  });
  test.afterAll(() => pg?.stop());

  test('a cable released on machine A arrives live on machine B, with its FLASH alert', async ({
    app,
    browser,
    rendererServer,
    bridgeScript,
    transport,
  }) => {
    test.skip(transport !== 'bridge', 'two machines need two routers side by side: the bridge project');
    const cluster = pg!;
    const database = cluster.createDatabase();
    await initClassroom(app.core.db, app.core.audit, app.core.users.byLogin('instructor'), cluster.url(database), {
      passwords: { 'duty-usro': 'pw-duty-usro', rusk: 'pw-rusk' },
    });
    const url = `postgres://127.0.0.1:${cluster.port}/${database}`;

    // Machine B: its own database, router and window.
    const dirB = mkdtempSync(join(tmpdir(), 'cableroom-e2e-b-'));
    const coreB = openCore({
      dbPath: join(dirB, 'cableroom.sqlite'),
      seed: 'demo',
      seedDir: resolve(__dirname, '../../resources/seed'),
    });
    const routerB = createIpcRouter({
      core: coreB,
      isTrustedUrl: (u) => {
        try {
          return new URL(u).origin === rendererServer.origin;
        } catch {
          return false;
        }
      },
    });
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    const problemsB: string[] = [];
    pageB.on('pageerror', (e) => problemsB.push(e.message));
    pageB.on('console', (m) => {
      if (m.type() === 'error') problemsB.push(m.text());
    });
    try {
      await connectPage(pageB, routerB, rendererServer.origin, bridgeScript);
      await signIn(pageB, 'rusk');
      // B joins from the app: the indicator opens the Classroom screen.
      const indicatorB = pageB.getByTestId('classroom-indicator');
      await expect(indicatorB).toHaveAttribute('data-state', 'not-joined');
      await indicatorB.click();
      const join = pageB.getByTestId('classroom-join');
      await join.getByLabel('Classroom server').fill(url);
      await join.getByLabel('Classroom password (from your instructor)').fill('pw-rusk');
      await join.getByLabel('Your passphrase (seals the password on this machine)').fill(SEED_PASSPHRASE);
      await join.getByRole('button', { name: 'Join' }).click();
      await expect(indicatorB).toHaveAttribute('data-state', 'online');
      await expect(pageB.getByTestId('classroom-status')).toContainText(`postgres://rusk@127.0.0.1:${cluster.port}`);
      await saveScreen(pageB, 'classroom-screen');
      await expectAccessible(pageB, 'classroom');
      await pageB.getByTestId('nav-inbox').click();
      await expect(pageB.getByTestId('inbox-row').first()).toBeVisible();
      await pageB.evaluate(() => {
        (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
      });

      // A (USRO) joins too, and its window shows the connection.
      await signIn(app.page, 'duty-usro');
      await classroomOf(app.core.db, app.core.audit, app.core.users).join(app.core.users.byLogin('duty-usro'), {
        url,
        password: 'pw-duty-usro',
        passphrase: SEED_PASSPHRASE,
      });
      await expect(app.page.getByTestId('classroom-indicator')).toHaveAttribute('data-state', 'online');

      // USRO releases a FLASH for the Department's action.
      const ref = await release(app.core);
      await expect(row(pageB, ref)).toBeVisible();
      await expect(pageB.getByTestId('alerts').locator(`[data-testid="alert-item"][data-ref="${ref}"]`)).toBeVisible();
      expect(await pageB.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      await saveScreen(pageB, 'classroom-live-arrival');
      expect(problemsB).toEqual([]);
    } finally {
      await classroomOf(coreB.db, coreB.audit, coreB.users).stop();
      await classroomOf(app.core.db, app.core.audit, app.core.users).stop();
      await contextB.close();
      coreB.close();
      rmSync(dirB, { recursive: true, force: true });
    }
  });
});
