import { z } from 'zod';
import { ERA_PROFILES } from '../domain/cable';
import { CAPTIONS, DISSEM_CONTROLS } from '../domain/captions';
import { CLASSIFICATIONS, PORTION_MARKS } from '../domain/classification';
import type { Draft } from '../domain/draft';
import { PRECEDENCES } from '../domain/precedence';

/**
 * The draft document (electron/domain/draft.ts) as a schema: what the composer sends over IPC,
 * what `cableroom draft check FILE.json` reads, and what the store keeps. The schema checks
 * shape and bounds only; whether the draft is a correct cable is the rule checker's job
 * (DOMAIN.md §8b), so that every mistake is reported with its rule, not as a parse error.
 */
const text = (max: number) => z.string().max(max);
const key = z.string().min(1).max(80);
const plad = z.string().min(1).max(80);
const precedence = z.enum(PRECEDENCES);

const addressee = z
  .object({
    plad: plad.optional(),
    collective: z.string().min(1).max(80).optional(),
    role: z.enum(['ACTION', 'INFO', 'EXEMPT']),
    precedence: precedence.default('ROUTINE'),
    niact: z.boolean().default(false),
    for: z.array(key).max(20).default([]),
  })
  .strict()
  .refine((a) => (a.plad === undefined) !== (a.collective === undefined), {
    message: 'an addressee names either a station (plad) or a collective, not both',
  });

const clearer = z
  .object({
    person: key.optional(),
    office: z
      .object({ station: plad, code: z.string().min(1).max(40) })
      .strict()
      .optional(),
    kind: z.enum(['CLEAR', 'INFO', 'SUBST']).default('CLEAR'),
  })
  .strict()
  // A person or an office. A person clears in their own office: the 1970s block prints both,
  // "S/S-O:SGOLDSMITH", from the directory (issue 16).
  .refine((c) => (c.person === undefined) !== (c.office === undefined), {
    message: 'a clearer is a person (who clears in their office) or an office',
  });

export const draftSchema = z
  .object({
    $comment: z.string().optional(),
    profile: z.enum(ERA_PROFILES),
    originator: z.object({ plad, office: z.string().min(1).max(40).optional() }).strict(),
    series: z
      .string()
      .regex(/^[A-Z]{2,8}$/, 'a series indicator is 2–8 capital letters, e.g. POLTO')
      .nullable()
      .default(null),
    classification: z.enum(CLASSIFICATIONS),
    classificationReason: text(500).nullable().default(null),
    captions: z.array(z.enum(CAPTIONS)).max(CAPTIONS.length).default([]),
    dissem: z.array(z.enum(DISSEM_CONTROLS)).max(DISSEM_CONTROLS.length).default([]),
    relTo: z.array(z.string().max(8)).max(40).default([]),
    eyesOnly: z
      .array(z.union([z.object({ person: key }).strict(), z.object({ principals: z.literal(true) }).strict()]))
      .max(20)
      .default([]),
    subject: text(500),
    fileRef: text(80).nullable().default(null),
    tags: z.array(z.string().min(1).max(60)).max(30).default([]),
    classAuthority: z
      .object({
        classifiedBy: text(120),
        position: text(120),
        reasons: z.array(text(12)).max(8),
        declassifyOn: text(80),
      })
      .strict()
      .nullable()
      .default(null),
    legacyEo: z
      // The code in full, e.g. "XGDS1, DECLAS 12-31-84" or "ADS, DECLAS END CURRENT TEST SERIES" (issue 16).
      .object({ order: z.enum(['11652', '12065', '12958', '13526']), code: text(80) })
      .strict()
      .nullable()
      .default(null),
    summary: text(5000).nullable().default(null),
    references: z
      .array(z.object({ label: text(4), text: text(200), cable: z.string().min(1).max(80).optional() }).strict())
      .max(26)
      .default([]),
    addressees: z.array(addressee).max(400).default([]),
    passes: z
      .array(z.object({ by: plad, to: plad, precedence: precedence.optional() }).strict())
      .max(40)
      .default([]),
    paragraphs: z
      .array(
        z
          .object({
            n: z.number().int().positive().max(999).nullable(),
            portion: z.enum(PORTION_MARKS),
            fyi: z.boolean().default(false),
            text: text(20_000),
          })
          .strict(),
      )
      .max(200),
    niactJustified: z.boolean().default(false),
    drafters: z.array(key).min(1).max(4),
    clearers: z.array(clearer).max(20).default([]),
    approver: key.nullable().default(null),
    signature: text(40).nullable().default(null),
    forLine: text(200).nullable().optional(),
    desiredDistribution: text(200).nullable().optional(),
    practiceDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a practice date is written YYYY-MM-DD')
      .nullable()
      .optional(),
  })
  .strict();

/** The parsed draft; structurally the domain's Draft. */
export type DraftInput = z.output<typeof draftSchema>;

// The schema and the domain type must describe the same document.
const _sameShape: (d: DraftInput) => Draft = (d) => d;
void _sameShape;
