import { encodeContent, signedMessage } from '../../domain/canonical';
import type { CableInput } from '../cables/cableInput';
import { signDetached } from '../crypto/keys';
import type { InjectReleaser } from '../exercise/injectRelease';
import { insertCableSignatures, readSignedCables, type StoredSignature } from '../signing/signedCable';
import { signatureHeader } from '../signing/verifyChain';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';

/** The instructor's signing key, opened once when the classroom client starts with the passphrase. */
export type InjectSigner = Readonly<{
  userId: number;
  login: string;
  personKey: string;
  fingerprint: string;
  secretKey: Uint8Array;
}>;

/**
 * Injects released by the instructor's machine (issue 11 item 5; docs/CLASSROOM.md): the inject's
 * cable names the instructor as its drafter and approver (the exercise's control releases it; its
 * historical drafting lines would need keys nobody holds) and carries a real signature chain — the
 * drafter's signature, then the approver's over the release (rule 23) — made with the
 * instructor's key. Each post then verifies it against the members' keys like any exchanged cable.
 */
export function createInjectReleaser(db: Db, signer: InjectSigner): InjectReleaser {
  return {
    prepare(input: CableInput): CableInput {
      return {
        ...input,
        drafting: [
          { role: 'DRAFTED', person: signer.personKey },
          { role: 'APPROVED', person: signer.personKey },
        ],
      };
    },
    sign(cableId: number): void {
      // The draft and release exactly as the store holds them (what a receiver reads back): the
      // reader returns signed cables only, so a placeholder row stands in for the chain while it
      // reads (inside the inject's transaction; nobody else sees it).
      const placeholder = prepared(
        db,
        `INSERT INTO cable_signatures (cable_id, ordinal, role, signer, key_fingerprint, signed_at, signature)
         VALUES (?, 0, 'DRAFTER', ?, ?, ?, zeroblob(64))`,
      );
      placeholder.run(cableId, signer.personKey, signer.fingerprint, new Date().toISOString());
      const [read] = readSignedCables(db, cableId, cableId);
      prepared(db, 'DELETE FROM cable_signatures WHERE cable_id = ?').run(cableId);
      if (!read) throw new Error(`the inject's cable ${cableId} cannot be read back to be signed`);
      const content = encodeContent(read.draft);
      const signedAt = new Date().toISOString();
      const signatures: StoredSignature[] = (['DRAFTER', 'APPROVER'] as const).map((role) => {
        const unsigned = { role, signer: signer.personKey, key: signer.fingerprint, clearance: null };
        const message = signedMessage(signatureHeader(unsigned, read.release), content);
        return { ...unsigned, signedAt, signature: signDetached(message, signer.secretKey) };
      });
      insertCableSignatures(db, cableId, signatures, { userId: signer.userId, login: signer.login });
    },
  };
}
