/**
 * The renderer's Content-Security-Policy. The same text is in the `<meta>` tag of
 * renderer/index.html, so Chromium in the e2e harness enforces the policy the app enforces
 * (ARCHITECTURE.md traps); tests/main/csp.test.ts keeps the two identical. Electron also sends it
 * as a response header on every app:// response (protocol.ts), where it cannot be edited by the page.
 *
 * Each directive, and why:
 * - default-src 'none'      anything not listed below is refused;
 * - script-src 'self'       only the bundled scripts: no inline script, no eval, no remote code;
 * - style-src 'self'        only the bundled stylesheet: no injected style attributes or tags;
 * - img-src 'self' data:    bundled images, plus data: URLs for small generated marks;
 * - font-src 'self'         bundled fonts only;
 * - connect-src 'self'      no network: data comes over IPC, never fetch/XHR/WebSocket elsewhere;
 * - base-uri 'none'         a <base> tag cannot re-point relative URLs;
 * - form-action 'none'      a form cannot post cable text anywhere;
 * - object-src 'none'       no plugins or <embed>.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";
