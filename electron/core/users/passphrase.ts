import { randomBytes, timingSafeEqual } from 'node:crypto';
import { costLabel, currentCost, derive, deriveSync, parseCost, weakerThanCurrent } from '../crypto/scrypt';

/**
 * Passphrases are stored as scrypt(passphrase, per-user salt), never in plain text, at OWASP's
 * scrypt recommendation N = 2^17, r = 8, p = 1 (128 MiB per derivation; crypto/scrypt.ts). The
 * stored label names the cost, so hashes made at an older cost still verify; `needsRehash` says
 * when a verified one should be hashed again at the current cost (users.ts does, at sign-in).
 * Every derivation runs off the main thread.
 */
const KEY_BYTES = 32;

export type PassphraseHash = Readonly<{ hash: Buffer; salt: Buffer; kdf: string }>;

/** The label of hashes made now: "scrypt:N=131072,r=8,p=1". */
export function kdfLabel(): string {
  return costLabel(currentCost());
}

export async function hashPassphrase(passphrase: string): Promise<PassphraseHash> {
  const salt = randomBytes(16);
  const cost = currentCost();
  return { hash: await derive(passphrase, salt, KEY_BYTES, cost), salt, kdf: costLabel(cost) };
}

/**
 * Blocking: only for the seed installed through the synchronous `openCore` with bare passphrases
 * (seed/seed.ts ownSecrets; the tests). The app and the CLI derive with `hashPassphrase`.
 */
export function hashPassphraseSync(passphrase: string): PassphraseHash {
  const salt = randomBytes(16);
  const cost = currentCost();
  return { hash: deriveSync(passphrase, salt, KEY_BYTES, cost), salt, kdf: costLabel(cost) };
}

export async function verifyPassphrase(passphrase: string, stored: PassphraseHash): Promise<boolean> {
  const cost = stored.kdf.includes('+') ? null : parseCost(stored.kdf);
  if (!cost || stored.hash.length === 0) return false;
  const candidate = await derive(passphrase, stored.salt, stored.hash.length, cost);
  return timingSafeEqual(candidate, stored.hash);
}

/** A hash made at a lower cost than new ones are: re-hash it after the next successful check. */
export function needsRehash(kdf: string): boolean {
  return weakerThanCurrent(kdf);
}
