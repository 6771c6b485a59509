import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Core, CoreServices } from '../core/app';
import {
  asWireCall,
  decodeWire,
  encodeWire,
  RESUME_PARAM,
  TRANSPORT_META_NAME,
  WIRE_PATH,
  type WireMessage,
} from '../contract/wire';
import { APP_ORIGIN } from '../main/appOrigin';
import { createAppRequestHandler } from '../main/appRequestHandler';
import { CONTENT_SECURITY_POLICY } from '../main/csp';
import { createIpcRouter, type IpcRouter, type Sender, type SlowCallLog } from '../main/router';

export { developmentSlowCallLog } from '../main/router';
import { hostAllowed, isServedUrl, newToken, originAllowed, readCookie, tokenCookieName, tokenMatches } from './guard';

/**
 * `cableroom serve` (issue 14 item 9; VS Code's serve-web, Jupyter's token): the built renderer
 * over HTTP and the IPC router over one WebSocket per page, on 127.0.0.1 only. Everything the
 * Electron shell does for the window is done here for the connection:
 *
 * - the files come from the same handler as app:// (appRequestHandler.ts: path traversal refused,
 *   MIME types, `nosniff`, the CSP header; the CSP is also the `<meta>` of index.html);
 * - a request must name this server in its Host (DNS rebinding) and carry the token: in the URL
 *   once (`/?token=…`, answered with an HttpOnly, SameSite=Strict cookie and a redirect to the
 *   same address without it), then in that cookie, which no other site's request carries;
 * - the WebSocket upgrade must also come from this server's own origin (Origin header);
 * - each browser tab is one router sender (its own session), as each Electron window is: the
 *   server gives the tab's connection a one-time resume secret (kept in the tab's sessionStorage),
 *   and the tab's next connection may present it to take the session up again — a reload keeps
 *   the sign-in, as in Electron. Two live connections never share a session: the newer one takes
 *   it and the older is closed. A session no connection takes up within `resumeGraceMs` is forgotten.
 *
 * Nothing here imports electron: the CLI bundles it (eslint layers; scripts/build-node.mjs).
 */

/** The `<meta>` the served index.html gains, which tells the renderer to use the WebSocket (api.ts). */
const TRANSPORT_META = `<meta name="${TRANSPORT_META_NAME}" content="websocket" />`;

/** A call carries at most a 64 MiB upload (ipc.ts), base64-encoded: a third more, plus the JSON around it. */
const MAX_MESSAGE_BYTES = 96 * 1024 * 1024;

export type ServeOptions = Readonly<{
  core: CoreServices | Core;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** For tests only; otherwise a fresh random token. */
  token?: string;
  logError?: (message: string, error: unknown) => void;
  /** How long a tab's session waits for its next connection (a reload); 30 s by default. */
  resumeGraceMs?: number;
  /** The slow-call log (main/router.ts), in development only. */
  slowCalls?: SlowCallLog | undefined;
}>;

export type ServeServer = Readonly<{
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The address to open: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  token: string;
  router: IpcRouter;
  /** Open WebSocket connections, i.e. live router sessions. */
  connectionCount(): number;
  close(): Promise<void>;
}>;

/** Headers on every answer of the server, refusals included. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    // No URL of this server (nor its token) leaves it in a Referer; no other site frames it.
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

function refuseUpgrade(socket: Duplex, status: 400 | 403 | 404, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function withTransportMeta(html: string): string {
  const at = html.indexOf('</head>');
  return at < 0 ? TRANSPORT_META + html : `${html.slice(0, at)}  ${TRANSPORT_META}\n  ${html.slice(at)}`;
}

export async function startServeServer(options: ServeOptions): Promise<ServeServer> {
  const token = options.token ?? newToken();
  const logError = options.logError ?? ((m, e) => console.error(m, e));
  const files = createAppRequestHandler(options.rendererDir);
  let port = 0; // known once listening; no request is answered before that
  const cookieName = () => tokenCookieName(port);
  const router = createIpcRouter({
    core: options.core,
    isTrustedUrl: (url) => isServedUrl(port, url),
    logError,
    ...(options.slowCalls ? { slowCalls: options.slowCalls } : {}),
  });
  const connections = new Map<string, WebSocket>();
  let nextConnection = 1;
  const resumeGraceMs = options.resumeGraceMs ?? 30_000;
  /** SHA-256 of a resume secret → its sender; each sender's current secret; parked sessions' timers. */
  const resumable = new Map<string, string>();
  const secretOf = new Map<string, string>();
  const expiry = new Map<string, NodeJS.Timeout>();
  let closing = false;
  // Push (issue 14 item 1; push-design.md): what the router chose for a sender goes to that
  // sender's live connection only, as `{ push }`. While it listens, the router also ticks a
  // running exercise every second (issue 10), as in the Electron shell. A tab between connections misses it, as a
  // reloading Electron window would; it refetches on load anyway.
  const stopPush = router.onPush((senderId, event) => {
    const ws = connections.get(senderId);
    if (ws) send(ws, { push: event });
  });
  const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host;
    if (!hostAllowed(port, host)) {
      return refuse(res, 403, `Forbidden: this server answers only as 127.0.0.1:${port} or localhost:${port}.`);
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return refuse(res, 400, 'Bad Request');
    }
    const presented = url.searchParams.get('token');
    if (presented !== null) {
      if (!tokenMatches(token, presented)) return refuse(res, 403, 'Forbidden: wrong token.');
      // The token moves into a cookie and out of the address bar (and history, and any Referer).
      url.searchParams.delete('token');
      res.writeHead(303, {
        ...baseHeaders(),
        Location: `${url.pathname}${url.search}`,
        'Set-Cookie': `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        'Content-Length': '0',
      });
      return void res.end();
    }
    if (!tokenMatches(token, readCookie(req.headers.cookie, cookieName()))) {
      return refuse(res, 403, 'Forbidden: open the address `cableroom serve` printed, with its token.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...baseHeaders(), Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end('Method Not Allowed\n');
    }
    // The app:// handler resolves the path (traversal refused), types and headers the file.
    const response = await files(new Request(`${APP_ORIGIN}${url.pathname}`, { method: req.method }));
    let body = Buffer.from(await response.arrayBuffer());
    // Fetch headers are lower-case; ours replace the handler's of the same name.
    const headers: Record<string, string> = Object.fromEntries(response.headers);
    for (const [name, value] of Object.entries(baseHeaders())) headers[name.toLowerCase()] = value;
    if (response.ok && headers['content-type']?.startsWith('text/html')) {
      body = Buffer.from(withTransportMeta(body.toString('utf8')), 'utf8');
      headers['content-length'] = String(body.length);
    }
    res.writeHead(response.status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const server = createServer((req, res) => {
    answer(req, res).catch((e: unknown) => {
      logError(`serve: ${req.method} ${req.url} failed`, e);
      if (!res.headersSent) refuse(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const host = req.headers.host;
    if (!hostAllowed(port, host)) return refuseUpgrade(socket, 403, 'Forbidden');
    let path: string;
    try {
      path = new URL(req.url ?? '/', `http://${host}`).pathname;
    } catch {
      return refuseUpgrade(socket, 400, 'Bad Request');
    }
    if (path !== WIRE_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    const origin = req.headers.origin;
    if (!originAllowed(port, host, origin)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(token, readCookie(req.headers.cookie, cookieName()))) {
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    const resume = new URL(req.url ?? '/', `http://${host}`).searchParams.get(RESUME_PARAM);
    wss.handleUpgrade(req, socket, head, (ws) => connect(ws, origin!.toLowerCase(), resume));
  });

  function send(ws: WebSocket, message: WireMessage): void {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = encodeWire(message);
    } catch (e) {
      logError('serve: an answer could not be encoded', e);
      if (!('id' in message)) return;
      text = encodeWire({
        id: message.id,
        result: { ok: false, error: { code: 'INTERNAL', message: 'The answer could not be sent.' } },
      });
    }
    ws.send(text);
  }

  /** Ends a session for good: its secret, its timer, its sign-in. */
  function forget(id: string): void {
    const hash = secretOf.get(id);
    if (hash !== undefined) resumable.delete(hash);
    secretOf.delete(id);
    clearTimeout(expiry.get(id));
    expiry.delete(id);
    router.forgetSender(id);
  }

  /** A new one-time secret for the tab behind `ws`; the previous one no longer works. */
  function issueResume(id: string, ws: WebSocket): void {
    const previous = secretOf.get(id);
    if (previous !== undefined) resumable.delete(previous);
    const secret = newToken();
    resumable.set(digest(secret), id);
    secretOf.set(id, digest(secret));
    send(ws, { resume: secret });
  }

  /** One tab, one router sender (its own session), as one Electron window. */
  function connect(ws: WebSocket, origin: string, resume: string | null): void {
    const resumed = resume ? resumable.get(digest(resume)) : undefined;
    const id = resumed ?? `serve-${nextConnection++}`;
    if (resumed !== undefined) {
      clearTimeout(expiry.get(id));
      expiry.delete(id);
      // The older connection of this tab (a close not yet seen, or a duplicated tab) gives way.
      connections.get(id)?.close(4000, 'This session continues on a newer connection.');
    }
    const sender: Sender = { id, url: origin, isMainFrame: true };
    connections.set(id, ws);
    issueResume(id, ws);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return ws.close(1003, 'Text frames only.');
      let call;
      try {
        call = asWireCall(decodeWire(data.toString()));
      } catch {
        call = null;
      }
      if (!call) return ws.close(1008, 'Not a Cableroom call.');
      const { id: callId } = call;
      void router.handle(sender, call.channel, call.input).then((result) => send(ws, { id: callId, result }));
    });
    ws.on('error', (e) => logError(`serve: connection ${id}`, e));
    ws.on('close', () => {
      if (connections.get(id) !== ws) return; // a newer connection has the session now
      connections.delete(id);
      if (closing || resumeGraceMs <= 0) return forget(id);
      const timer = setTimeout(() => forget(id), resumeGraceMs);
      timer.unref();
      expiry.set(id, timer);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The loopback interface only: nothing on the network can reach it.
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    port,
    origin,
    url: `${origin}/?token=${token}`,
    token,
    router,
    connectionCount: () => connections.size,
    async close() {
      closing = true;
      stopPush();
      for (const id of [...secretOf.keys()]) forget(id);
      for (const ws of connections.values()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
