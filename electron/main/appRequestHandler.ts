import { readFile, stat } from 'node:fs/promises';
import { contentTypeFor, resolveAppFile } from './appOrigin';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * Answers app:// requests with files from the built renderer (dist/renderer). It uses only the
 * Fetch API's Request/Response and node:fs (Electron's fs reads inside app.asar), so it runs, and
 * is tested, under plain Node; protocol.ts hands it to `protocol.handle`.
 */

/** Headers on every response, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    // The policy also sits in index.html's <meta>; the header is the copy a page cannot remove.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Chromium must trust our Content-Type, never guess one from the bytes.
    'X-Content-Type-Options': 'nosniff',
    // Files change with every build; a stale cached bundle would not match the preload's contract.
    'Cache-Control': 'no-cache',
  };
}

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

export type AppRequestHandler = (request: Request) => Promise<Response>;

export function createAppRequestHandler(rendererDir: string): AppRequestHandler {
  return async (request) => {
    // The renderer only loads resources; nothing it serves accepts a write.
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    }
    const file = resolveAppFile(rendererDir, request.url);
    if (file === null) return plain(404, 'Not Found');
    try {
      if (!(await stat(file)).isFile()) return plain(404, 'Not Found');
      const body = await readFile(file);
      const headers = { ...baseHeaders(), 'Content-Type': contentTypeFor(file), 'Content-Length': String(body.length) };
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return plain(404, 'Not Found');
      throw e;
    }
  };
}
