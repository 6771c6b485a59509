import type { ReleaseHeader, SignatureHeader } from '../../../domain/canonical';
import { signDetached } from '../../crypto/keys';
import { currentKey } from '../../crypto/keyStore';
import { unsealSigningKey } from '../../users/passphraseGate';
import type { Actor } from '../actor';
import { bad, type Desk } from './desk';

/**
 * Unseals the actor's key with the passphrase and signs (rule 23). The passphrase is checked under
 * the sign-in throttle, on the same counter (issue 13 item 7; users/passphraseGate.ts), off the
 * main thread: a wrong or throttled attempt is WRONG_PASSPHRASE, audited SIGN_FAILED with `what`,
 * the channel and the reason, and signs nothing. The secret is wiped after `use`.
 */
export async function signAs<T>(
  desk: Desk,
  actor: Actor,
  passphrase: string,
  what: Record<string, unknown>,
  use: (sign: (m: Uint8Array) => Uint8Array, fingerprint: string, keyId: number) => T,
): Promise<T> {
  const key = currentKey(desk.db, actor.personId);
  if (!key?.sealed) throw bad('You have no signing key. Ask an instructor to set your passphrase, which creates one.');
  const secret = await unsealSigningKey(
    desk.db,
    desk.audit,
    { id: actor.userId, login: actor.login },
    key,
    passphrase,
    { channel: 'signing', detail: what },
  );
  try {
    return use((m) => signDetached(m, secret), key.fingerprint, key.id);
  } finally {
    secret.fill(0);
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
