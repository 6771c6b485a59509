import { z } from 'zod';
import { draftSchema } from '../../contract/draft';
import { DTG_PATTERN } from '../../domain/dtg';
import type { SignedCable } from './signedCable';

/**
 * A signed cable as a JSON document (docs/CANONICAL_ENCODING.md): the seed's signed cables and
 * the cables inside an exchange bundle. Signatures are base64.
 */
export const signedCableDocumentSchema = z
  .object({
    $comment: z.string().optional(),
    draft: draftSchema,
    release: z
      .object({
        ref: z.string().min(1).max(80),
        dtg: z.string().regex(DTG_PATTERN),
        mrn: z
          .object({ station: z.string().min(1), year: z.number().int(), serial: z.number().int().positive() })
          .strict()
          .nullable(),
        series: z
          .object({ indicator: z.string().min(1), number: z.number().int().positive() })
          .strict()
          .nullable(),
      })
      .strict(),
    signatures: z
      .array(
        z
          .object({
            role: z.enum(['DRAFTER', 'CLEARER', 'APPROVER']),
            signer: z.string().min(1),
            key: z.string().regex(/^[0-9a-f]{32}$/),
            clearance: z
              .object({ for: z.string().min(1), kind: z.enum(['CLEAR', 'INFO', 'SUBST']) })
              .strict()
              .nullable(),
            signedAt: z.iso.datetime({ offset: true }),
            signature: z.base64(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

export type SignedCableDocument = z.output<typeof signedCableDocumentSchema>;

export function fromDocument(doc: SignedCableDocument): SignedCable {
  return {
    draft: doc.draft,
    release: doc.release,
    signatures: doc.signatures.map((s) => ({ ...s, signature: new Uint8Array(Buffer.from(s.signature, 'base64')) })),
  };
}

export function toDocument(c: SignedCable): SignedCableDocument {
  return {
    draft: draftSchema.parse(c.draft),
    release: c.release,
    signatures: c.signatures.map((s) => ({ ...s, signature: Buffer.from(s.signature).toString('base64') })),
  };
}
