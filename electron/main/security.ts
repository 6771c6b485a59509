import type { App, Session, WebContents } from 'electron';
import { isAppUrl } from './appOrigin';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * Every runtime security setting of the app, in one marked place with a reason per line
 * (VS Code's `configureSession` in src/vs/code/electron-main/app.ts; Signal's app/permissions).
 * The window's own settings are in webPreferences.ts; the CSP text is in csp.ts.
 *
 * Only type imports from 'electron': main.ts passes the real app, session and web contents, and
 * tests/main/security.test.ts passes recording fakes, so every rule here is tested without Electron.
 */

/** Schemes the app never loads: all its content is bundled and served from app://cableroom. */
const BLOCKED_REQUEST_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/** A blob: URL created by a page of the app's own origin (blob:app://cableroom/<uuid>). */
export function isAppBlobUrl(url: string): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

function requestProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

/** Apply to `session.defaultSession` once the app is ready, before the first window is created. */
export function configureSession(session: Session): void {
  // ─── SECURITY: session ─────────────────────────────────────────────────────────────────────────
  // A cable trainer needs no camera, microphone, geolocation, notifications, clipboard reading, MIDI,
  // HID/USB/serial or fullscreen grants: refuse every permission request (Electron grants by default)...
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  // ...and answer every synchronous permission check "denied" too, so the page cannot probe for grants.
  session.setPermissionCheckHandler(() => false);
  // Device choosers (HID, serial, USB) are a separate path from permissions: refuse them as well.
  session.setDevicePermissionHandler(() => false);
  // No network: cables come over IPC from the local database; a request to the web would be a leak.
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: BLOCKED_REQUEST_PROTOCOLS.has(requestProtocol(details.url)) });
  });
  // The CSP as a response header on app:// documents as well (appRequestHandler.ts sets it; this
  // replaces any other spelling, so a response can never carry a weaker policy than csp.ts).
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) {
      callback({});
      return;
    }
    const responseHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') responseHeaders[name] = value;
    }
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  // Downloads: only a blob the app's own page made (an export it asked main for, already audited),
  // and always through the system Save dialog (no save path is set, so Electron asks the user).
  // Anything else — a remote file, a data: URL from a stray link — is refused.
  session.on('will-download', (event, item) => {
    if (!isAppBlobUrl(item.getURL())) event.preventDefault();
  });
  // ─── end SECURITY: session ─────────────────────────────────────────────────────────────────────
}

/** Rules for one web contents (windows, and anything a page might try to create). */
export function hardenWebContents(contents: WebContents): void {
  // ─── SECURITY: web contents ────────────────────────────────────────────────────────────────────
  // The window shows only the app: a link, form or script cannot navigate it to another origin.
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // Subframes likewise (the CSP already refuses frames: default-src 'none').
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // A server-side redirect away from the app is a navigation away from the app.
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // No popups or new windows (window.open, target=_blank): the app has exactly one window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // No <webview>: it would embed content with preferences of its own (webviewTag is off too).
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // ─── end SECURITY: web contents ────────────────────────────────────────────────────────────────
}

/**
 * Before `ready`: sandbox every renderer whatever its webPreferences say, and harden every web
 * contents at creation, not only the main window (a devtools or future window included).
 */
export function enforceOnEveryWebContents(app: App): void {
  // Process-wide sandbox: a window created with a forgotten `sandbox: false` is still sandboxed.
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
