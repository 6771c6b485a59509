import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Passphrases are stored as scrypt(passphrase, per-user salt), never in plain text.
 * N = 2^15, r = 8, p = 1 (OWASP's scrypt baseline); 32 MiB of memory per derivation.
 */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
export const KDF_LABEL = `scrypt:N=${SCRYPT.N},r=${SCRYPT.r},p=${SCRYPT.p}`;

export type PassphraseHash = Readonly<{ hash: Buffer; salt: Buffer; kdf: string }>;

export function hashPassphrase(passphrase: string): PassphraseHash {
  const salt = randomBytes(16);
  return { hash: scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, SCRYPT), salt, kdf: KDF_LABEL };
}

export function verifyPassphrase(passphrase: string, stored: PassphraseHash): boolean {
  const params = parseKdf(stored.kdf);
  if (!params) return false;
  const candidate = scryptSync(passphrase.normalize('NFC'), stored.salt, stored.hash.length, {
    ...params,
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(candidate, stored.hash);
}

function parseKdf(kdf: string): { N: number; r: number; p: number } | null {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+)$/.exec(kdf);
  return m ? { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) } : null;
}
