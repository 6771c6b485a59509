import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 verification with OpenSSL (node:crypto), which accepts tweetnacl's signatures and is
 * about fifty times faster than tweetnacl's own verify here (npm run bench). Public keys are
 * turned into KeyObjects once and cached.
 */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function publicKeyObject(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new TypeError('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type KeyCache = (raw: Uint8Array) => KeyObject;

export function keyCache(): KeyCache {
  const cache = new Map<string, KeyObject>();
  return (raw) => {
    const k = Buffer.from(raw).toString('base64');
    let key = cache.get(k);
    if (!key) {
      key = publicKeyObject(raw);
      cache.set(k, key);
    }
    return key;
  };
}

export function verifySignature(message: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== 64) return false;
  return verify(null, message, key, signature);
}

/**
 * A verifier that remembers signatures it has found valid, keyed by the public key, the SHA-256
 * of the exact message and the signature. Ed25519 verification is a pure function of those three,
 * so a remembered "valid" is exactly as good as checking again; any change to the stored cable
 * changes the message and misses the memo. Bounded: the oldest entries are forgotten first.
 */
export function memoVerifier(limit = 50_000): (message: Uint8Array, signature: Uint8Array, key: KeyObject) => boolean {
  const valid = new Set<string>();
  const keyIds = new WeakMap<KeyObject, Buffer>();
  const keyId = (key: KeyObject): Buffer => {
    let id = keyIds.get(key);
    if (!id) {
      id = key.export({ format: 'der', type: 'spki' });
      keyIds.set(key, id);
    }
    return id;
  };
  return (message, signature, key) => {
    const id = createHash('sha256').update(keyId(key)).update(message).update(signature).digest('base64');
    if (valid.has(id)) return true;
    const ok = verifySignature(message, signature, key);
    if (ok) {
      if (valid.size >= limit) valid.delete(valid.values().next().value!);
      valid.add(id);
    }
    return ok;
  };
}
