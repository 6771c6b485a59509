import { z } from 'zod';
import { CLEARANCE_LEVELS } from '../../domain/classification';
import { STATION_KINDS, USER_ROLES } from '../../domain/cable';

/** The seed's directory file (`resources/seed/directory.json`). */
export const directorySeedSchema = z
  .object({
    $comment: z.string().optional(),
    stations: z.array(
      z
        .object({
          plad: z.string().regex(/^[A-Z0-9 /.-]{3,80}$/, 'PLADs are upper-case words'),
          name: z.string().min(1),
          shortName: z.string().min(1),
          kind: z.enum(STATION_KINDS),
          country: z.string().nullish(),
          city: z.string().nullish(),
          offices: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) }).strict()).default([]),
        })
        .strict(),
    ),
    people: z.array(
      z
        .object({
          key: z.string().min(1),
          surname: z.string().min(1),
          fullName: z.string().min(1),
          citedAs: z.string().min(1),
          title: z.string().nullish(),
          station: z.string().min(1),
          office: z.string().nullish(),
          principal: z.boolean().default(false),
          persona: z.boolean().default(false),
        })
        .strict(),
    ),
    collectives: z.array(
      z
        .object({
          name: z.string().min(1),
          description: z.string().nullish(),
          members: z.array(z.string().min(1)).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export const usersSeedSchema = z
  .object({
    $comment: z.string().optional(),
    users: z.array(
      z
        .object({
          login: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
          person: z.string().min(1),
          role: z.enum(USER_ROLES),
          clearance: z.enum(CLEARANCE_LEVELS),
          foreignNational: z.boolean().default(false),
          passphrase: z
            .object({
              kdf: z.string().regex(/^scrypt:N=\d+,r=\d+,p=\d+$/),
              salt: z.base64().min(16),
              hash: z.base64().min(32),
            })
            .strict(),
          // The user's Ed25519 key pair, the secret half sealed with the training passphrase
          // (scrypt + secretbox); written by `npm run seed:sign`.
          signingKey: z
            .object({
              publicKey: z.base64().length(44),
              fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
              sealed: z.base64(),
              salt: z.base64(),
              nonce: z.base64(),
              kdf: z.string(),
            })
            .strict(),
        })
        .strict(),
    ),
  })
  .strict();

export type DirectorySeed = z.output<typeof directorySeedSchema>;
export type UsersSeed = z.output<typeof usersSeedSchema>;
