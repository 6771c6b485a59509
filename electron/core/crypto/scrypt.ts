import { scrypt, scryptSync } from 'node:crypto';

/**
 * The one scrypt of Cableroom (issue 13 item 7): passphrase hashes (users/passphrase.ts) and the
 * keys that seal signing keys (crypto/keys.ts). New derivations use OWASP's recommendation for
 * scrypt, N=2^17, r=8, p=1 (128·N·r = 128 MiB of memory each). A stored hash or sealed key carries
 * its cost in its label ("scrypt:N=…,r=…,p=…"), so one made at an older, lower cost still opens;
 * `weakerThanCurrent` tells the callers to re-derive it at the current cost.
 *
 * Derivations run on libuv's threadpool (`crypto.scrypt`), never on the main thread: a check takes
 * about a second at this cost, and the Electron main process must keep serving the windows.
 */
export type ScryptCost = Readonly<{ N: number; r: number; p: number }>;

/** OWASP's scrypt recommendation: what every new hash and sealed key is made with. */
export const PRODUCTION_COST: ScryptCost = { N: 1 << 17, r: 8, p: 1 };
/** Room for 128·N·r bytes at N=2^17 (128 MiB) and scrypt's own overhead. */
const MAXMEM = 256 * 1024 * 1024;
/** Labels naming a cost above this are refused rather than derived (a hostile label must not eat the memory). */
const MAX_N = 1 << 20;

let cost: ScryptCost = PRODUCTION_COST;

/** The cost new derivations use. */
export function currentCost(): ScryptCost {
  return cost;
}

/**
 * TEST-ONLY (docs/ARCHITECTURE.md "Sign-in"): the unit and browser suites create many accounts
 * and keys, and at 2^17 each costs about a second here. They lower the cost of NEW derivations
 * with this; stored hashes keep their own labels and are never re-derived downwards. It refuses
 * to run inside Electron, so neither the app nor a packaged build can weaken its cost: only a
 * test runner under plain Node (Vitest, Playwright's harness) can call it. `null` restores
 * the production cost.
 */
export function setScryptCostForTests(n: number | null): void {
  if (process.versions.electron !== undefined) {
    throw new Error('The scrypt cost is lowered only by the test suites, never inside Electron.');
  }
  cost = n === null ? PRODUCTION_COST : { N: n, r: 8, p: 1 };
}

/** "scrypt:N=131072,r=8,p=1" */
export function costLabel(c: ScryptCost): string {
  return `scrypt:N=${c.N},r=${c.r},p=${c.p}`;
}

/** The cost a label names, or null for a label that is not scrypt's (or asks for absurd memory). */
export function parseCost(label: string): ScryptCost | null {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+)(?:\+secretbox)?$/.exec(label);
  if (!m) return null;
  const c = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  const powerOfTwo = c.N > 1 && (c.N & (c.N - 1)) === 0;
  return powerOfTwo && c.N <= MAX_N && c.r >= 1 && c.r <= 32 && c.p >= 1 && c.p <= 16 ? c : null;
}

/** True when a derivation made at `label`'s cost is cheaper than a new one would be: re-derive it. */
export function weakerThanCurrent(label: string): boolean {
  const c = parseCost(label);
  return c !== null && (c.N < cost.N || c.r < cost.r || c.p < cost.p);
}

/** scrypt on the threadpool: the event loop keeps turning while it runs. */
export function derive(passphrase: string, salt: Uint8Array, length: number, c: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, length, { ...c, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/**
 * The blocking variant, kept for one caller only: the seed's build-time signing
 * (seed/seedSigning.ts, run by `npm run seed:sign` in a one-shot script with no event loop to
 * keep alive and a synchronous interface the script and its tests use).
 */
export function deriveSync(passphrase: string, salt: Uint8Array, length: number, c: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, length, { ...c, maxmem: MAXMEM });
}
