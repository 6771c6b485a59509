import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The app:// origin the renderer is served from (ARCHITECTURE.md: a custom protocol, not file://),
 * and which built file an app:// URL names. Pure: no Electron, no I/O, so it is unit-tested
 * directly (tests/main/appOrigin.test.ts).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'cableroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for a URL inside the app's own origin. Chromium canonicalises the URLs it reports
 * (lower-case scheme and host, resolved dot segments), so a prefix test on `app://cableroom/` is
 * exact: it refuses `app://cableroom.evil/`, `app://cableroom@evil/` and every other scheme.
 */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * The absolute path of the file under `rootDir` that an app:// request names, or null when the
 * request must be answered 404: another origin, a malformed escape, a NUL byte or backslash, or a
 * path that would leave `rootDir` once decoded (`..%2f..%2f`). Dot segments the URL parser already
 * resolved (`/../..`, `/%2e%2e/`) stop at the root, as in any browser.
 * A path ending in `/` names its `index.html`. Query and fragment are ignored.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;

  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null; // a lone or malformed %-escape
  }
  // NUL ends a path in C; a backslash is a separator on Windows. Vite emits neither in a file name.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';

  const root = resolve(rootDir);
  // '.' + pathname keeps a leading '/' (or a decoded drive letter) from making the path absolute.
  const file = resolve(root, `.${pathname.startsWith('/') ? '' : '/'}${pathname}`);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return file;
}

/**
 * Content types for what Vite emits. Module scripts need a JavaScript type (Chromium enforces
 * strict MIME checking for them), and `nosniff` is sent with every response, so each type must be right.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file, by extension; unknown types are served as opaque bytes. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}
