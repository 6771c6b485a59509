import { z } from 'zod';
import { CAPTIONS, DISSEM_CONTROLS } from '../domain/captions';
import { ERA_PROFILES } from '../domain/cable';
import { CLASSIFICATIONS, PORTION_MARKS } from '../domain/classification';
import { DTG_PATTERN } from '../domain/dtg';
import { PRECEDENCES } from '../domain/precedence';

/**
 * A released cable as structured data: the format of the seed's cables and of the core's
 * `insertCable`. People are named by directory key, stations by PLAD, collectives by name.
 * It lives in the contract so the scenario document (contract/scenario.ts) can embed it;
 * core/cables/cableInput.ts re-exports it for the writer, the seed and the importers.
 */
const plad = z.string().min(3).max(80);
const precedence = z.enum(PRECEDENCES);
const dtg = z.string().regex(DTG_PATTERN, 'a DTG looks like "280412Z OCT 62" (DOMAIN.md rule 22)');

const addressee = z
  .object({
    plad: plad.optional(),
    collective: z.string().min(1).optional(),
    role: z.enum(['ACTION', 'INFO', 'EXEMPT']),
    precedence: precedence.default('ROUTINE'),
    niact: z.boolean().default(false),
    serial: z
      .object({ series: z.string().min(1), number: z.number().int().positive() })
      .strict()
      .optional(),
    for: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((a) => (a.plad === undefined) !== (a.collective === undefined), {
    message: 'an addressee names either a station (plad) or a collective, not both',
  })
  .refine((a) => a.role !== 'EXEMPT' || a.plad !== undefined, {
    message: 'an exemption names a station (DOMAIN.md rule 11)',
  });

const eyesOnlyEntry = z.union([
  z.object({ person: z.string().min(1) }).strict(),
  z.object({ principals: z.literal(true) }).strict(),
]);

const passInstruction = z
  .object({
    by: plad,
    to: plad,
    precedence: precedence.optional(),
    status: z.enum(['PENDING', 'DONE']).default('PENDING'),
  })
  .strict();

const draftingRole = z
  .object({
    role: z.enum(['DRAFTED', 'CLEARED', 'APPROVED']),
    person: z.string().min(1).optional(),
    office: z
      .object({ station: plad, code: z.string().min(1) })
      .strict()
      .optional(),
    kind: z.enum(['CLEAR', 'INFO', 'SUBST']).optional(),
  })
  .strict()
  .refine((r) => (r.person === undefined) !== (r.office === undefined), {
    message: 'a drafting role names a person or an office',
  })
  .refine((r) => (r.role === 'CLEARED') === (r.kind !== undefined), {
    message: 'a clearance has a kind (CLEAR, INFO or SUBST); other roles have none',
  });

export const cableInputSchema = z
  .object({
    $comment: z.string().optional(),
    ref: z.string().min(1).max(80),
    profile: z.enum(ERA_PROFILES),
    series: z
      .object({ indicator: z.string().min(1), number: z.number().int().positive() })
      .strict()
      .nullish(),
    mrn: z
      .object({ station: z.string().min(1), year: z.number().int(), serial: z.number().int().positive() })
      .strict()
      .nullish(),
    dtg,
    localTime: z.string().optional(),
    originator: z.object({ plad, office: z.string().optional() }).strict(),
    classification: z.enum(CLASSIFICATIONS),
    captions: z.array(z.enum(CAPTIONS)).default([]),
    dissem: z.array(z.enum(DISSEM_CONTROLS)).default([]),
    relTo: z.array(z.string().regex(/^[A-Z]{3}$/)).default([]),
    subject: z.string().min(1).max(500),
    fileRef: z.string().nullish(),
    tags: z.array(z.string().min(1)).default([]),
    references: z
      .array(z.object({ label: z.string(), text: z.string(), cable: z.string().min(1).optional() }).strict())
      .default([]),
    // Fields a drafted cable adds (issue 5; DOMAIN.md rules 1, 5, 26).
    classificationReason: z.string().nullish(),
    classAuthority: z
      .object({
        classifiedBy: z.string(),
        position: z.string(),
        reasons: z.array(z.string()),
        declassifyOn: z.string(),
      })
      .strict()
      .nullish(),
    /** The FOR/FROM line and DESIRED DISTRIBUTION of a 1970s telegram (issue 16). */
    forLine: z.string().max(200).nullable().optional(),
    desiredDistribution: z.string().max(200).nullable().optional(),
    legacyEo: z
      .object({ order: z.enum(['11652', '12065', '12958', '13526']), code: z.string() })
      .strict()
      .nullish(),
    summary: z.string().nullish(),
    sourceNote: z.string().nullish(),
    signature: z.string().nullish(),
    drafting: z.array(draftingRole).default([]),
    transmission: z
      .object({
        addressees: z.array(addressee).min(1),
        eyesOnly: z.array(eyesOnlyEntry).default([]),
        passes: z.array(passInstruction).default([]),
      })
      .strict(),
    repeats: z
      .array(
        z
          .object({
            dtg,
            by: plad,
            note: z.string().nullish(),
            addressees: z.array(addressee).min(1),
            eyesOnly: z.array(eyesOnlyEntry).default([]),
          })
          .strict(),
      )
      .default([]),
    paragraphs: z
      .array(
        z
          .object({
            n: z.number().int().positive().nullable(),
            portion: z.enum(PORTION_MARKS),
            fyi: z.boolean().default(false),
            text: z.string().min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((c) => !c.captions.includes('EYES_ONLY') || c.transmission.eyesOnly.length > 0, {
    message: 'EYES ONLY needs named persons or the principals (DOMAIN.md rule 14)',
    path: ['transmission', 'eyesOnly'],
  });

export type CableInput = z.output<typeof cableInputSchema>;
export type CableInputAddressee = z.output<typeof addressee>;
export type EyesOnlyInput = z.output<typeof eyesOnlyEntry>;
