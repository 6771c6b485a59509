import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may talk to `cableroom serve` (issue 14 item 9), as plain functions: the connection token
 * (Jupyter's and VS Code serve-web's), the Host check against DNS rebinding and the Origin check
 * of the WebSocket upgrade. No I/O; serveServer.ts applies them to every request.
 */

/** 32 random bytes as hex: the token printed in the URL. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Compares a presented token with the server's in constant time. Both are hashed first, so the
 * comparison takes the same time whatever the presented token's length.
 */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string' || presented === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The Host values a browser that really loaded this server sends: 127.0.0.1:PORT or localhost:PORT. */
export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/**
 * True when the Host header names this server. A page of evil.example whose name was re-pointed
 * at 127.0.0.1 (DNS rebinding) still sends `Host: evil.example`, and is refused.
 */
export function hostAllowed(port: number, host: string | undefined): boolean {
  return host !== undefined && allowedHosts(port).has(host.toLowerCase());
}

/**
 * True when a WebSocket upgrade comes from the page this server served: its Origin is
 * `http://` + the (already checked) Host. Browsers always send Origin on a WebSocket handshake,
 * and a page can neither forge nor omit it; a missing Origin (not a browser) is refused too.
 */
export function originAllowed(port: number, host: string | undefined, origin: string | undefined): boolean {
  if (!hostAllowed(port, host) || origin === undefined) return false;
  return origin.toLowerCase() === `http://${host!.toLowerCase()}`;
}

/** The router's trusted-sender check for this server: a URL of one of its own origins. */
export function isServedUrl(port: number, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && allowedHosts(port).has(parsed.host) && url.startsWith(parsed.origin);
}

/** The cookie that carries the token after the first tokened request; one per port (cookies ignore ports). */
export function tokenCookieName(port: number): string {
  return `cableroom-token-${port}`;
}

/** A cookie's value from a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
