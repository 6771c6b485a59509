import { createHash, randomBytes, scryptSync } from 'node:crypto';
import nacl from 'tweetnacl';
import { CableroomError } from '../errors';

/**
 * Signing keys (issue 5, DOMAIN.md rules 23–24): an Ed25519 key pair per user, made with tweetnacl.
 * The secret key is sealed with the user's passphrase — scrypt(passphrase, salt) gives a 32-byte
 * key for nacl.secretbox (XSalsa20-Poly1305) — and is only ever unsealed in the main process for
 * one signing, then wiped. Public keys are public: they sit in the directory beside the person.
 */
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
export const SEAL_KDF = `scrypt:N=${SCRYPT.N},r=${SCRYPT.r},p=${SCRYPT.p}+secretbox`;

export type SealedKey = Readonly<{
  publicKey: Uint8Array;
  fingerprint: string;
  sealed: Uint8Array;
  salt: Uint8Array;
  nonce: Uint8Array;
  kdf: string;
}>;

/** A short, stable name for a public key: the first 16 bytes of its SHA-256, in hex. */
export function fingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 32);
}

function sealingKey(passphrase: string, salt: Uint8Array, kdf: string): Buffer {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+)\+secretbox$/.exec(kdf);
  if (!m) throw new CableroomError('INTERNAL', `Unknown key sealing "${kdf}".`);
  return scryptSync(passphrase.normalize('NFC'), salt, nacl.secretbox.keyLength, {
    N: Number(m[1]),
    r: Number(m[2]),
    p: Number(m[3]),
    maxmem: SCRYPT.maxmem,
  });
}

/** Makes a new key pair and seals its secret key with the passphrase. */
export function createSealedKey(passphrase: string): SealedKey {
  const pair = nacl.sign.keyPair();
  try {
    return sealSecretKey(pair.publicKey, pair.secretKey, passphrase);
  } finally {
    pair.secretKey.fill(0);
  }
}

export function sealSecretKey(publicKey: Uint8Array, secretKey: Uint8Array, passphrase: string): SealedKey {
  const salt = randomBytes(16);
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  const key = sealingKey(passphrase, salt, SEAL_KDF);
  try {
    const sealed = nacl.secretbox(secretKey, nonce, key);
    return { publicKey, fingerprint: fingerprint(publicKey), sealed, salt, nonce, kdf: SEAL_KDF };
  } finally {
    key.fill(0);
  }
}

/**
 * Unseals the secret key for one use and wipes it afterwards, whatever `use` does. A wrong
 * passphrase fails secretbox's authentication: nothing is signed, and the caller gets
 * WRONG_PASSPHRASE.
 */
export function withSecretKey<T>(sealed: SealedKey, passphrase: string, use: (secretKey: Uint8Array) => T): T {
  const key = sealingKey(passphrase, sealed.salt, sealed.kdf);
  const secretKey = nacl.secretbox.open(sealed.sealed, sealed.nonce, key);
  key.fill(0);
  if (!secretKey) {
    throw new CableroomError(
      'WRONG_PASSPHRASE',
      'The passphrase does not unlock your signing key. Nothing was signed.',
    );
  }
  try {
    // The sealed secret must belong to the public key on record.
    if (!equalBytes(secretKey.subarray(32), sealed.publicKey)) {
      throw new CableroomError('INTERNAL', 'The sealed signing key does not match its public key.');
    }
    return use(secretKey);
  } finally {
    secretKey.fill(0);
  }
}

export function signDetached(message: Uint8Array, secretKey: Uint8Array): Uint8Array {
  return nacl.sign.detached(message, secretKey);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
