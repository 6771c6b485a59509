import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRequestHandler, type AppRequestHandler } from '../../electron/main/appRequestHandler';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

/** A built renderer in a temporary folder, with a secret beside it that must never be served. */
let workDir: string;
let handle: AppRequestHandler;

const INDEX_HTML = '<!doctype html><title>Cableroom</title><script type="module" src="./assets/index.js"></script>';
const INDEX_JS = 'console.log("inbox");';

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'cableroom-protocol-'));
  const rendererDir = join(workDir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
  writeFileSync(join(rendererDir, 'assets', 'index.js'), INDEX_JS);
  writeFileSync(join(rendererDir, 'assets', 'index.css'), 'body { margin: 0 }');
  writeFileSync(join(workDir, 'secret.txt'), 'TOP SECRET');
  handle = createAppRequestHandler(rendererDir);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const get = (url: string, init?: RequestInit) => handle(new Request(url, init));

describe('app:// request handler', () => {
  it('serves index.html for the entry URL, with its type, the CSP and nosniff', async () => {
    for (const url of ['app://cableroom/index.html', 'app://cableroom/']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(INDEX_HTML);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves module scripts and styles with the types Chromium requires', async () => {
    const script = await get('app://cableroom/assets/index.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(INDEX_JS);
    expect((await get('app://cableroom/assets/index.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://cableroom/assets/index.js', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(INDEX_JS)));
    expect(await response.text()).toBe('');
  });

  it.each([
    'app://cableroom/missing.js',
    'app://cableroom/assets', // a directory is not a file
    'app://cableroom/assets/index.js/x',
    'app://cableroom/..%2fsecret.txt',
    'app://cableroom/assets/..%2f..%2fsecret.txt',
    'app://cableroom/../secret.txt', // the URL parser stops at the root: renderer/secret.txt does not exist
    'app://elsewhere/index.html',
  ])('answers 404 for %s, with the CSP still set, and never leaks the secret', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('refuses writes', async () => {
    const response = await get('app://cableroom/index.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
