import type { ReleaseHeader, SignatureHeader } from '../../../domain/canonical';
import { signDetached, withSecretKey } from '../../crypto/keys';
import { currentKey } from '../../crypto/keyStore';
import { CableroomError } from '../../errors';
import type { Actor } from '../actor';
import { bad, type Desk } from './desk';

/**
 * Unseals the actor's key with the passphrase and signs (rule 23); a wrong passphrase is
 * WRONG_PASSPHRASE, audited SIGN_FAILED with `what`, and signs nothing.
 */
export function signAs<T>(
  desk: Desk,
  actor: Actor,
  passphrase: string,
  what: Record<string, unknown>,
  use: (sign: (m: Uint8Array) => Uint8Array, fingerprint: string, keyId: number) => T,
): T {
  const key = currentKey(desk.db, actor.personId);
  if (!key?.sealed) throw bad('You have no signing key. Ask an instructor to set your passphrase, which creates one.');
  const sealed = key.sealed;
  try {
    return withSecretKey(sealed, passphrase, (secret) => use((m) => signDetached(m, secret), key.fingerprint, key.id));
  } catch (e) {
    if (e instanceof CableroomError && e.code === 'WRONG_PASSPHRASE') {
      desk.audit.append({ actor: desk.who(actor), action: 'SIGN_FAILED', detail: what });
    }
    throw e;
  }
}

/** The signer's header of the canonical encoding (docs/CANONICAL_ENCODING.md). */
export function signatureHeader(
  desk: Desk,
  actor: Actor,
  role: SignatureHeader['role'],
  fingerprint: string,
  clearance: SignatureHeader['clearance'],
  release: ReleaseHeader | null,
): SignatureHeader {
  return { v: 1, role, signer: desk.personKey(actor.personId), key: fingerprint, clearance, release };
}
