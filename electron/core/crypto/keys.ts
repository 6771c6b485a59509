import { createHash, randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { CableroomError } from '../errors';
import { costLabel, currentCost, derive, deriveSync, parseCost, weakerThanCurrent } from './scrypt';

/**
 * Signing keys (issue 5, DOMAIN.md rules 23–24): an Ed25519 key pair per user, made with tweetnacl.
 * The secret key is sealed with the user's passphrase — scrypt(passphrase, salt) gives a 32-byte
 * key for nacl.secretbox (XSalsa20-Poly1305) — and is only ever unsealed in the main process for
 * one signing, then wiped; the derivation runs off the main thread (crypto/scrypt.ts). Public keys are public: they sit in the directory beside the person.
 */
export type SealedKey = Readonly<{
  publicKey: Uint8Array;
  fingerprint: string;
  sealed: Uint8Array;
  salt: Uint8Array;
  nonce: Uint8Array;
  /** How the sealing key was derived: "scrypt:N=…,r=…,p=…+secretbox" (crypto/scrypt.ts). */
  kdf: string;
}>;

/** The label of keys sealed now (N=2^17, r=8, p=1; lower only under the test suites). */
export function sealKdf(): string {
  return `${costLabel(currentCost())}+secretbox`;
}

/** A short, stable name for a public key: the first 16 bytes of its SHA-256, in hex. */
export function fingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 32);
}

function sealingCost(kdf: string) {
  const cost = kdf.endsWith('+secretbox') ? parseCost(kdf) : null;
  if (!cost) throw new CableroomError('INTERNAL', `Unknown key sealing "${kdf}".`);
  return cost;
}

/** True for a key sealed at a lower cost than keys are sealed at now: re-seal it when it is next opened. */
export function sealedBelowCurrentCost(sealed: SealedKey): boolean {
  return weakerThanCurrent(sealed.kdf);
}

function box(publicKey: Uint8Array, secretKey: Uint8Array, key: Buffer, salt: Uint8Array, kdf: string): SealedKey {
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  try {
    const sealed = nacl.secretbox(secretKey, nonce, key);
    return { publicKey, fingerprint: fingerprint(publicKey), sealed, salt, nonce, kdf };
  } finally {
    key.fill(0);
  }
}

/** Makes a new key pair and seals its secret key with the passphrase (derived off the main thread). */
export async function createSealedKey(passphrase: string): Promise<SealedKey> {
  const pair = nacl.sign.keyPair();
  try {
    return await sealSecretKey(pair.publicKey, pair.secretKey, passphrase);
  } finally {
    pair.secretKey.fill(0);
  }
}

/** Seals a secret key with the passphrase at the current cost. */
export async function sealSecretKey(
  publicKey: Uint8Array,
  secretKey: Uint8Array,
  passphrase: string,
): Promise<SealedKey> {
  const salt = randomBytes(16);
  const kdf = sealKdf();
  const key = await derive(passphrase, salt, nacl.secretbox.keyLength, sealingCost(kdf));
  return box(publicKey, secretKey, key, salt, kdf);
}

function opened(sealed: SealedKey, key: Buffer): Uint8Array {
  const secretKey = nacl.secretbox.open(sealed.sealed, sealed.nonce, key);
  key.fill(0);
  if (!secretKey) {
    throw new CableroomError(
      'WRONG_PASSPHRASE',
      'The passphrase does not unlock your signing key. Nothing was signed.',
    );
  }
  // The sealed secret must belong to the public key on record.
  if (!equalBytes(secretKey.subarray(32), sealed.publicKey)) {
    secretKey.fill(0);
    throw new CableroomError('INTERNAL', 'The sealed signing key does not match its public key.');
  }
  return secretKey;
}

/**
 * Unseals the secret key (the key derivation runs off the main thread). A wrong passphrase fails
 * secretbox's authentication: WRONG_PASSPHRASE. The caller owns the secret and must wipe it
 * (`fill(0)`) after its one use; `withSecretKey` does that for it.
 */
export async function openSecretKey(sealed: SealedKey, passphrase: string): Promise<Uint8Array> {
  const key = await derive(passphrase, sealed.salt, nacl.secretbox.keyLength, sealingCost(sealed.kdf));
  return opened(sealed, key);
}

/**
 * Unseals the secret key for one use and wipes it afterwards, whatever `use` does. A wrong
 * passphrase fails secretbox's authentication: nothing is signed, and the caller gets
 * WRONG_PASSPHRASE.
 */
export async function withSecretKey<T>(
  sealed: SealedKey,
  passphrase: string,
  use: (secretKey: Uint8Array) => T,
): Promise<T> {
  const secretKey = await openSecretKey(sealed, passphrase);
  try {
    return use(secretKey);
  } finally {
    secretKey.fill(0);
  }
}

/**
 * Blocking variants for the seed's build-time signing only (seed/seedSigning.ts, `npm run
 * seed:sign`): a one-shot script with no event loop to keep responsive. The app never calls them.
 */
export function createSealedKeySync(passphrase: string): SealedKey {
  const pair = nacl.sign.keyPair();
  try {
    const salt = randomBytes(16);
    const kdf = sealKdf();
    const key = deriveSync(passphrase, salt, nacl.secretbox.keyLength, sealingCost(kdf));
    return box(pair.publicKey, pair.secretKey, key, salt, kdf);
  } finally {
    pair.secretKey.fill(0);
  }
}

export function withSecretKeySync<T>(sealed: SealedKey, passphrase: string, use: (secretKey: Uint8Array) => T): T {
  const secretKey = opened(
    sealed,
    deriveSync(passphrase, sealed.salt, nacl.secretbox.keyLength, sealingCost(sealed.kdf)),
  );
  try {
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
