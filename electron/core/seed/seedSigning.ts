import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clearanceName, encodeContent, signedMessage, type SignerRole } from '../../domain/canonical';
import { parseDtg } from '../../domain/dtg';
import { createSealedKeySync, signDetached, withSecretKeySync, type SealedKey } from '../crypto/keys';
import type { StoredSignature } from '../signing/signedCable';
import { signedCableDocumentSchema, toDocument } from '../signing/signedCableSchema';
import { signatureHeader } from '../signing/verifyChain';
import { usersSeedSchema } from './seedSchema';

/**
 * Maintains the signing material of the seed (`npm run seed:sign`): gives every seed user who has
 * none an Ed25519 key sealed with the training passphrase, and (re)signs every cable in
 * resources/seed/signed with the keys of its drafter, clearers and approver. The seed then holds
 * real signatures that `cableroom verify --all` checks from the first start, and loading the seed
 * costs no key derivation at all.
 */
type RawUser = { login: string; person: string; signingKey?: Record<string, string> };

const b64 = (u: Uint8Array): string => Buffer.from(u).toString('base64');
const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

function sealedOf(k: Record<string, string>): SealedKey {
  return {
    publicKey: unb64(k.publicKey ?? ''),
    fingerprint: k.fingerprint ?? '',
    sealed: unb64(k.sealed ?? ''),
    salt: unb64(k.salt ?? ''),
    nonce: unb64(k.nonce ?? ''),
    kdf: k.kdf ?? '',
  };
}

export function signSeedFiles(seedDir: string, passphrase: string, signedFiles: ReadonlyArray<string>): string[] {
  const written: string[] = [];
  const usersFile = join(seedDir, 'users.json');
  const users = JSON.parse(readFileSync(usersFile, 'utf8')) as { users: RawUser[] };
  let added = 0;
  for (const u of users.users) {
    if (u.signingKey) continue;
    // Blocking on purpose: a build-time script (keys.ts, the *Sync variants).
    const k = createSealedKeySync(passphrase);
    u.signingKey = {
      publicKey: b64(k.publicKey),
      fingerprint: k.fingerprint,
      sealed: b64(k.sealed),
      salt: b64(k.salt),
      nonce: b64(k.nonce),
      kdf: k.kdf,
    };
    added++;
  }
  usersSeedSchema.parse(users);
  if (added > 0) {
    writeFileSync(usersFile, `${JSON.stringify(users, null, 2)}\n`);
    written.push(usersFile);
  }
  const keyOf = new Map(users.users.map((u) => [u.person, sealedOf(u.signingKey!)]));

  for (const file of signedFiles) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const doc = signedCableDocumentSchema.parse({ ...raw, signatures: [placeholder] });
    const { draft, release } = doc;
    const releasedAt = parseDtg(release.dtg);
    if (!releasedAt) throw new Error(`${file}: bad DTG`);
    const steps: Array<{ role: SignerRole; signer: string; clearance: StoredSignature['clearance'] }> = [
      { role: 'DRAFTER', signer: draft.drafters[0]!, clearance: null },
      ...draft.clearers
        .filter((c) => c.kind !== 'INFO')
        .map((c) => {
          if (!c.person) throw new Error(`${file}: seed clearances are by persons, who sign with their seed keys`);
          return { role: 'CLEARER' as const, signer: c.person, clearance: { for: clearanceName(c), kind: c.kind } };
        }),
      { role: 'APPROVER', signer: draft.approver!, clearance: null },
    ];
    const content = encodeContent(draft);
    const signatures: StoredSignature[] = steps.map((step, i) => {
      const key = keyOf.get(step.signer);
      if (!key) throw new Error(`${file}: no seed user signs as ${step.signer}`);
      const unsigned = { ...step, key: key.fingerprint };
      const message = signedMessage(signatureHeader(unsigned, release), content);
      const signature = withSecretKeySync(key, passphrase, (secret) => signDetached(message, secret));
      // Twenty minutes between steps, the approver's at the release time.
      const signedAt = new Date(releasedAt.getTime() - (steps.length - 1 - i) * 20 * 60_000).toISOString();
      return { ...unsigned, signedAt, signature };
    });
    const out = { $comment: raw.$comment, ...toDocument({ draft, release, signatures }) };
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

const placeholder = {
  role: 'DRAFTER',
  signer: 'x',
  key: '0'.repeat(32),
  clearance: null,
  signedAt: '1962-10-28T00:00:00Z',
  signature: '',
};
