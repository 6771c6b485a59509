import { WIRE_PATH } from '../../electron/contract/wire';
import { expect, saveScreen, signIn, test } from './harness';

/**
 * `cableroom serve` in Chromium (issue 14 item 9; the 'serve' project only): the page talks over a
 * real WebSocket, and what a browser can do without the token, or from another origin on the
 * same machine, is refused.
 */

test('the app runs over the WebSocket of cableroom serve, one session per window', async ({ app, served, openApp }) => {
  const { page } = app;
  expect(served, 'this spec needs the serve project').not.toBeNull();
  // The token moved into a cookie: the address bar no longer shows it.
  expect(page.url()).toBe(`${served!.origin}/`);
  await signIn(page, 'trainee');
  await expect(page.getByTestId('screen-inbox')).toBeVisible();
  expect(served!.connectionCount()).toBe(1);
  await saveScreen(page, 'serve-inbox');

  const second = await openApp();
  await expect(second.page.getByTestId('screen-sign-in')).toBeVisible();
  await expect.poll(() => served!.connectionCount()).toBe(2);
});

test('without the token, or from another origin, nothing is served and no session opens', async ({
  app,
  served,
  browser,
  pageProblems,
}) => {
  const { page } = app;
  await expect(page.getByTestId('screen-sign-in')).toBeVisible();
  const origin = served!.origin;

  // Another browser profile that never saw the token.
  const stranger = await browser.newContext();
  try {
    expect((await stranger.request.get(`${origin}/`)).status()).toBe(403);
    expect((await stranger.request.get(`${origin}/?token=${'0'.repeat(64)}`)).status()).toBe(403);
  } finally {
    await stranger.close();
  }

  // A page of another origin on this machine (another port of 127.0.0.1: same site, so the
  // browser even sends the cookie) cannot open the WebSocket: its Origin is not the server's.
  const otherOrigin = 'http://127.0.0.1:9';
  await page.route(`${otherOrigin}/`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>elsewhere</title>' }),
  );
  await page.goto(`${otherOrigin}/`);
  const outcome = await page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      }),
    `ws://127.0.0.1:${served!.port}${WIRE_PATH}`,
  );
  expect(outcome).toBe('refused');
  expect(served!.connectionCount()).toBe(0);
  // Chromium logs the refused handshake; that was provoked on purpose, anything else still fails.
  const unexpected = pageProblems.filter((p) => !/WebSocket connection to .* failed/.test(p));
  pageProblems.length = 0;
  pageProblems.push(...unexpected);
});
