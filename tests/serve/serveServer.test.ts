import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { buildCableroomApi, type CableroomApi } from '../../electron/contract/api';
import { WIRE_PATH } from '../../electron/contract/wire';
import { SEED_PASSPHRASE } from '../../electron/core/seed/seed';
import { insertCable } from '../../electron/core/store/cableWriter';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { startServeServer, type ServeServer } from '../../electron/serve/serveServer';
import { webSocketTransport } from '../../renderer/src/common/wsTransport';
import { seededCoreFixture, tempDir } from '../support/tempCore';
import { topolCable } from '../e2e/cables';

/**
 * `cableroom serve` (issue 14 item 9) over a real seeded database, real HTTP and real WebSockets:
 * the token, the Host and Origin checks against DNS rebinding, the CSP, the files, one router
 * session per connection, and the loopback interface only.
 */

const newCore = seededCoreFixture();
let core: ReturnType<typeof newCore>;
let server: ServeServer;
let cookie: string;
const sockets: WebSocket[] = [];
const dirs: Array<{ cleanup(): void }> = [];

/** A built renderer stand-in: dist/renderer inside a folder that holds a file no request may reach. */
function fakeRenderer(): string {
  const t = tempDir('cableroom-serve-');
  dirs.push(t);
  writeFileSync(join(t.dir, 'secret.txt'), 'outside the renderer');
  const dist = join(t.dir, 'renderer');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dist, 'assets', 'app.css'), 'body{}');
  return dist;
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

type Opened = { ok: true; socket: WebSocket } | { ok: false; reason: string };

/** Opens a WebSocket to the server as a browser page would (Origin, cookie), with overrides. */
function openSocket(
  options: {
    origin?: string | null;
    cookie?: string | null;
    host?: string;
    path?: string;
    resume?: string;
    attach?: (socket: WebSocket) => void;
  } = {},
): Promise<Opened> {
  const origin = options.origin === undefined ? server.origin : options.origin;
  const sentCookie = options.cookie === undefined ? cookie : options.cookie;
  const headers: Record<string, string> = {};
  if (sentCookie !== null) headers.Cookie = sentCookie;
  if (options.host) headers.Host = options.host;
  const query = options.resume ? `?resume=${options.resume}` : '';
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}${options.path ?? WIRE_PATH}${query}`, {
    headers,
    ...(origin !== null ? { origin } : {}),
  });
  sockets.push(socket);
  options.attach?.(socket); // before any message can arrive, as the page attaches its transport
  return new Promise((resolve) => {
    socket.once('open', () => resolve({ ok: true, socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ ok: false, reason: `HTTP ${res.statusCode}` }));
    socket.once('error', (e) => resolve({ ok: false, reason: e.message }));
  });
}

type Tab = { socket: WebSocket; api: CableroomApi; resume: () => string; pushes: unknown[] };

/** A page's side of one connection: the renderer's own transport (renderer/src/common/wsTransport.ts). */
async function connectedApi(resume?: string): Promise<Tab> {
  let secret = '';
  let api: CableroomApi | undefined;
  const pushes: unknown[] = [];
  const attach = (socket: WebSocket) => {
    const transport = webSocketTransport(
      socket,
      () => new Error('closed'),
      (s) => (secret = s),
    );
    api = buildCableroomApi(transport.invoke, transport.onPush);
    api.onPush((event) => pushes.push(event));
  };
  const opened = await openSocket(resume ? { resume, attach } : { attach });
  if (!opened.ok || !api) throw new Error(`the WebSocket was refused: ${opened.ok ? '' : opened.reason}`);
  return { socket: opened.socket, api, resume: () => secret, pushes };
}

function closeAndWait(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    socket.once('close', (code) => resolve(code));
    socket.close();
  });
}

beforeEach(async () => {
  core = newCore();
  server = await startServeServer({ core, rendererDir: fakeRenderer(), logError: () => {} });
  cookie = `cableroom-token-${server.port}=${server.token}`;
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
  for (const d of dirs.splice(0)) d.cleanup();
});

describe('cableroom serve: the token', () => {
  test('the printed URL is http://127.0.0.1:PORT/?token=TOKEN with 64 hex digits', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{64}$`));
  });

  test('no token, a wrong token or a wrong cookie: 403, and no page', async () => {
    for (const answer of [
      await get('/'),
      await get('/index.html'),
      await get('/assets/app.js'),
      await get('/?token=0000'),
      await get(`/?token=${server.token}x`),
      await get('/', { Cookie: `cableroom-token-${server.port}=${'0'.repeat(64)}` }),
      await get('/', { Cookie: `cableroom-token-1=${server.token}` }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body).not.toContain('<html');
    }
  });

  test('the right token sets an HttpOnly, SameSite=Strict cookie and leaves the address without it', async () => {
    const first = await get(`/?token=${server.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']).toEqual([`${cookie}; Path=/; HttpOnly; SameSite=Strict`]);
    const page = await get('/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="cableroom-transport" content="websocket" />');
  });

  test('a WebSocket without the cookie, or with a wrong one, is refused and gets no router session', async () => {
    expect(await openSocket({ cookie: null })).toEqual({ ok: false, reason: 'HTTP 403' });
    expect(await openSocket({ cookie: `cableroom-token-${server.port}=nope` })).toEqual({
      ok: false,
      reason: 'HTTP 403',
    });
    expect(server.connectionCount()).toBe(0);
  });
});

describe('cableroom serve: DNS rebinding', () => {
  test('a request whose Host is not 127.0.0.1:PORT or localhost:PORT is refused, token or not', async () => {
    expect((await get('/', { Host: 'evil.example', Cookie: cookie })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get('/', { Host: `127.0.0.1:${server.port + 1}`, Cookie: cookie })).status).toBe(403);
    expect((await get('/', { Host: `localhost:${server.port}`, Cookie: cookie })).status).toBe(200);
    expect(await openSocket({ host: 'evil.example', origin: 'http://evil.example' })).toEqual({
      ok: false,
      reason: 'HTTP 403',
    });
  });

  test('a WebSocket from another Origin, or with none, is refused', async () => {
    for (const origin of [
      'http://evil.example',
      `http://localhost:${server.port}`, // not the Host this request was sent to
      `https://127.0.0.1:${server.port}`,
      'null',
      null,
    ]) {
      expect(await openSocket({ origin }), String(origin)).toEqual({ ok: false, reason: 'HTTP 403' });
    }
    expect(server.connectionCount()).toBe(0);
    expect((await openSocket()).ok).toBe(true);
    expect(server.connectionCount()).toBe(1);
  });
});

describe('cableroom serve: files and headers', () => {
  test('every answer carries the app CSP, refusals included; files get their MIME types', async () => {
    const page = await get('/', { Cookie: cookie });
    const script = await get('/assets/app.js', { Cookie: cookie });
    const style = await get('/assets/app.css', { Cookie: cookie });
    const refused = await get('/');
    for (const a of [page, script, style, refused]) {
      expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(a.headers['referrer-policy']).toBe('no-referrer');
    }
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.body));
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('paths that leave the renderer folder are refused', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const answer = await get(path, { Cookie: cookie });
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain('outside the renderer');
    }
  });

  test('the server listens on 127.0.0.1 only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal)
      .map((i) => i!.address);
    for (const address of ['::1', ...others]) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect({ host: address, port: server.port });
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});

describe('cableroom serve: sessions', () => {
  test('one router session per connection: signing in on one does not sign in another', async () => {
    const a = await connectedApi();
    const b = await connectedApi();
    const signedIn = await a.api.signIn({ login: 'trainee', passphrase: SEED_PASSPHRASE });
    expect(signedIn).toMatchObject({ ok: true, value: { login: 'trainee' } });
    expect(await a.api.currentUser()).toMatchObject({ ok: true, value: { login: 'trainee' } });
    expect(await b.api.currentUser()).toEqual({ ok: true, value: null });
    expect(await b.api.listPosts()).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(server.connectionCount()).toBe(2);
    await closeAndWait(a.socket);
    await expect.poll(() => server.connectionCount()).toBe(1);
  });

  test("a tab's next connection takes up its session with a one-time secret (a reload keeps the sign-in)", async () => {
    const a = await connectedApi();
    await a.api.signIn({ login: 'trainee', passphrase: SEED_PASSPHRASE });
    const secret = a.resume();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    await closeAndWait(a.socket);

    const reloaded = await connectedApi(secret);
    expect(await reloaded.api.currentUser()).toMatchObject({ ok: true, value: { login: 'trainee' } });
    expect(reloaded.resume()).not.toBe(secret);
    // Used once, the secret opens nothing; a made-up one neither.
    for (const stale of [secret, 'f'.repeat(64)]) {
      const other = await connectedApi(stale);
      expect(await other.api.currentUser()).toEqual({ ok: true, value: null });
    }
  });

  test('two live connections never share a session: the newer takes it, the older is closed', async () => {
    const a = await connectedApi();
    await a.api.signIn({ login: 'trainee', passphrase: SEED_PASSPHRASE });
    const aClosed = new Promise<number>((resolve) => a.socket.once('close', (code) => resolve(code)));
    const b = await connectedApi(a.resume());
    expect(await aClosed).toBe(4000);
    expect(await b.api.currentUser()).toMatchObject({ ok: true, value: { login: 'trainee' } });
    expect(server.connectionCount()).toBe(1);
  });

  test('a session no connection takes up within the grace period is forgotten', async () => {
    await server.close();
    server = await startServeServer({
      core: newCore(),
      rendererDir: fakeRenderer(),
      logError: () => {},
      resumeGraceMs: 0,
    });
    cookie = `cableroom-token-${server.port}=${server.token}`;
    const a = await connectedApi();
    await a.api.signIn({ login: 'trainee', passphrase: SEED_PASSPHRASE });
    await closeAndWait(a.socket);
    const later = await connectedApi(a.resume());
    expect(await later.api.currentUser()).toEqual({ ok: true, value: null });
  });

  test('a push reaches the connection of the user it is for, as { push }, and no other', async () => {
    // The trainee's window first: the router weighs sessions in the order they began.
    const trainee = await connectedApi();
    await trainee.api.signIn({ login: 'trainee', passphrase: SEED_PASSPHRASE });
    const finletter = await connectedApi();
    await finletter.api.signIn({ login: 'finletter', passphrase: SEED_PASSPHRASE });
    insertCable(core.db, topolCable({ number: 1001, classification: 'SECRET' }));
    await expect.poll(() => finletter.pushes).toEqual([{ kind: 'inbox', arrived: 1 }]);
    // An answer on the trainee's connection comes after any push sent to it before: there was none
    // (DOMAIN.md rule 18: the CONFIDENTIAL trainee is not told a SECRET cable arrived).
    await trainee.api.currentUser();
    expect(trainee.pushes).toEqual([]);
  });

  test('bytes reach the router as a Uint8Array (the contract checks them, not the wire)', async () => {
    const { api } = await connectedApi();
    await api.signIn({ login: 'instructor', passphrase: SEED_PASSPHRASE });
    const result = await api.importBundle({
      bytes: new TextEncoder().encode('not a bundle') as Uint8Array<ArrayBuffer>,
    });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: { code: string } }).error.code).not.toMatch(/BAD_REQUEST|INTERNAL/);
  });

  test('a message that is not a call closes the connection', async () => {
    const { socket } = await connectedApi();
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('{"no": "id"}');
    expect(await closed).toBe(1008);
  });
});
