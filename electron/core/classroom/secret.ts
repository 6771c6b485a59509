import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { sealKdf } from '../crypto/keys';
import { derive, parseCost } from '../crypto/scrypt';
import { CableroomError } from '../errors';

/**
 * The classroom password, sealed as a signing key is (crypto/keys.ts): scrypt of the local
 * account's passphrase gives the key of a nacl.secretbox; only the sealed bytes are stored
 * (issue 11 item 3: "never stored in plain text"). It is opened in the main process when that
 * account supplies its passphrase, and kept only in memory while the client runs.
 */
export type SealedSecret = Readonly<{ sealed: Uint8Array; salt: Uint8Array; nonce: Uint8Array; kdf: string }>;

function costOf(kdf: string) {
  const cost = kdf.endsWith('+secretbox') ? parseCost(kdf) : null;
  if (!cost) throw new CableroomError('INTERNAL', `Unknown sealing "${kdf}".`);
  return cost;
}

export async function sealSecret(secret: string, passphrase: string): Promise<SealedSecret> {
  const salt = randomBytes(16);
  const kdf = sealKdf();
  const key = await derive(passphrase, salt, nacl.secretbox.keyLength, costOf(kdf));
  const nonce = randomBytes(nacl.secretbox.nonceLength);
  try {
    return { sealed: nacl.secretbox(new TextEncoder().encode(secret), nonce, key), salt, nonce, kdf };
  } finally {
    key.fill(0);
  }
}

export async function openSecret(s: SealedSecret, passphrase: string): Promise<string> {
  const key = await derive(passphrase, s.salt, nacl.secretbox.keyLength, costOf(s.kdf));
  try {
    const opened = nacl.secretbox.open(s.sealed, s.nonce, key);
    if (!opened) throw new CableroomError('WRONG_PASSPHRASE', 'That passphrase does not open the classroom password.');
    return new TextDecoder().decode(opened);
  } finally {
    key.fill(0);
  }
}
