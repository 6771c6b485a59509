import { protocol } from 'electron';
import { APP_SCHEME } from './appOrigin';
import { createAppRequestHandler } from './appRequestHandler';

/**
 * The app:// protocol that serves the renderer (ARCHITECTURE.md: a custom protocol, not file://).
 * Path resolution, content types and headers live in appOrigin.ts / appRequestHandler.ts, which
 * are tested without Electron; this file is only the Electron glue.
 */

/**
 * Must run before the app's `ready` event, and only once (Electron's protocol docs).
 * - standard: RFC 3986 URLs, so relative asset URLs (Vite's `base: './'`) resolve and the page has
 *   a real origin (`app://cableroom`) that 'self' in the CSP and the IPC sender check can name;
 * - secure: treated like https (a secure context, no mixed-content downgrade);
 * - supportFetchAPI: the page may fetch its own bundled files.
 * Deliberately not bypassCSP, corsEnabled, allowServiceWorkers or stream: nothing needs them.
 */
export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After `ready`: serve app://cableroom/* from `rendererDir` (dist/renderer) on the default session. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}
