import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, contentTypeFor, isAppUrl, resolveAppFile } from '../../electron/main/appOrigin';

const ROOT = resolve('/srv/cableroom/dist/renderer');

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://cableroom/', 'app://cableroom/assets/index-abc.js?x=1#y'])('trusts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    '',
    'app://cableroom',
    'app://cableroom.evil.example/index.html',
    'app://cableroom@evil/index.html',
    'app://other/index.html',
    'file:///srv/cableroom/dist/renderer/index.html',
    'http://cableroom/index.html',
    'https://app://cableroom/',
    'devtools://devtools/bundled/inspector.html',
  ])('does not trust %j', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('resolveAppFile', () => {
  it.each([
    ['app://cableroom/index.html', 'index.html'],
    ['app://cableroom/', 'index.html'],
    ['app://cableroom/assets/index-3f2a.js', 'assets/index-3f2a.js'],
    ['app://cableroom/assets/', 'assets/index.html'],
    ['app://cableroom/index.html?session=1#top', 'index.html'],
    ['app://cableroom/fonts/Courier%20Prime.woff2', 'fonts/Courier Prime.woff2'],
    // Dot segments that stay inside the root are harmless.
    ['app://cableroom/assets/../index.html', 'index.html'],
  ])('maps %s into the root', (url, inside) => {
    expect(resolveAppFile(ROOT, url)).toBe(join(ROOT, inside));
  });

  it.each([
    // Dot segments the URL parser resolves itself stop at the root, as in a browser (then 404).
    ['app://cableroom/../../../etc/passwd', 'etc/passwd'],
    ['app://cableroom/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
    ['app://cableroom/%2e%2e', 'index.html'],
    // An encoded slash that stays inside the root is harmless.
    ['app://cableroom/assets/..%2findex.html', 'index.html'],
    ['app://cableroom/%2fetc%2fpasswd', 'etc/passwd'],
  ])('keeps %s inside the root', (url, inside) => {
    expect(resolveAppFile(ROOT, url)).toBe(join(ROOT, inside));
  });

  it.each([
    // Other origins and schemes.
    'app://other/index.html',
    'app://cableroom.evil/index.html',
    'file:///etc/passwd',
    'https://cableroom/index.html',
    'not a url',
    // Traversal the URL parser cannot see: encoded slashes and dots, decoded only here.
    'app://cableroom/..%2f..%2f..%2fetc%2fpasswd',
    'app://cableroom/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://cableroom/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://cableroom/..%2f',
    // The root's sibling whose name starts like it (dist/renderer-secrets).
    'app://cableroom/..%2frenderer-secrets%2fkey.pem',
    // Backslashes (separators on Windows), malformed escapes and NUL bytes.
    'app://cableroom/..%5c..%5c..%5cetc%5cpasswd',
    'app://cableroom/assets%5cindex.js',
    'app://cableroom/%E0%A4%A',
    'app://cableroom/index.html%00.png',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(ROOT, url)).toBeNull();
  });

  it('never resolves outside the root, whatever the input', () => {
    const segments = ['..', '.', '%2e%2e', '%2E.', '%2f', '%5c', 'a', '%00', '%', '/', '\\', 'etc', 'passwd'];
    for (const a of segments) {
      for (const b of segments) {
        for (const c of segments) {
          const file = resolveAppFile(ROOT, `app://cableroom/${a}/${b}${c}/x`);
          if (file !== null) expect(file.startsWith(ROOT + sep), `${a}/${b}${c}/x → ${file}`).toBe(true);
        }
      }
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-3f2a.js', 'text/javascript; charset=utf-8'],
    ['assets/index-3f2a.js.map', 'application/json; charset=utf-8'],
    ['assets/index-3f2a.css', 'text/css; charset=utf-8'],
    ['seal.SVG', 'image/svg+xml'],
    ['logo.png', 'image/png'],
    ['fonts/mono.woff2', 'font/woff2'],
    ['favicon.ico', 'image/x-icon'],
    ['LICENSE', 'application/octet-stream'],
    ['data.bin', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
