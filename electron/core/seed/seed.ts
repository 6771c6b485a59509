import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { cableInputSchema, type CableInput } from '../cables/cableInput';
import { CableroomError } from '../errors';
import type { Db } from '../store/database';
import { insertCable } from '../store/cableWriter';
import {
  countStations,
  insertCollective,
  insertOffice,
  insertPerson,
  insertStation,
  insertUser,
  officeId,
  stationByPlad,
} from '../store/directoryRepository';
import { storeKey } from '../crypto/keyStore';
import { insertCableSignatures, releasedCableInput, type SignedCable } from '../signing/signedCable';
import { fromDocument, signedCableDocumentSchema } from '../signing/signedCableSchema';
import { directorySeedSchema, usersSeedSchema, type DirectorySeed, type UsersSeed } from './seedSchema';

/**
 * The training passphrase of every seed persona (documented in README.md). `users.json` holds
 * only its scrypt hashes; this constant exists for the tests and the documentation.
 */
export const SEED_PASSPHRASE = 'topol-578';

export type SeedSummary = Readonly<{ stations: number; people: number; users: number; cables: number }>;

function readJson<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  if (!existsSync(file)) throw new CableroomError('NOT_FOUND', `Seed file missing: ${file}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CableroomError('BAD_REQUEST', `Seed file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CableroomError('BAD_REQUEST', `Seed file ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

const base64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/** True once the directory has been loaded (the seed runs on first start only). */
export function isSeeded(db: Db): boolean {
  return countStations(db) > 0;
}

export type SeedData = Readonly<{
  directory: DirectorySeed;
  users: UsersSeed;
  cables: ReadonlyArray<CableInput>;
  /** Released practice cables with their signature chains (resources/seed/signed). */
  signed: ReadonlyArray<SignedCable>;
}>;

function jsonFiles(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(dir, f))
    : [];
}

/** Reads and validates every seed file before anything is written. */
export function readSeed(seedDir: string): SeedData {
  const directory = readJson(join(seedDir, 'directory.json'), directorySeedSchema);
  const users = readJson(join(seedDir, 'users.json'), usersSeedSchema);
  return {
    directory,
    users,
    cables: jsonFiles(join(seedDir, 'cables')).map((f) => readJson(f, cableInputSchema)),
    signed: jsonFiles(join(seedDir, 'signed')).map((f) => fromDocument(readJson(f, signedCableDocumentSchema))),
  };
}

/**
 * Loads the 1962 directory, the seed accounts and the seed cables in one transaction: a seed
 * that does not fit (an unknown station, a duplicate cable) leaves the database as it was.
 */
export function loadSeed(db: Db, seed: SeedData, now: Date = new Date()): SeedSummary {
  const { directory, users, cables, signed } = seed;

  return db.transaction((): SeedSummary => {
    if (isSeeded(db)) throw new CableroomError('BAD_REQUEST', 'This database already holds a directory.');
    for (const s of directory.stations) {
      const id = insertStation(db, s);
      for (const o of s.offices) insertOffice(db, id, o.code, o.name);
    }
    const personIds = new Map<string, number>();
    for (const p of directory.people) {
      const station = stationByPlad(db, p.station);
      if (!station) throw new CableroomError('BAD_REQUEST', `Seed person ${p.key}: unknown station ${p.station}.`);
      const office = p.office ? officeId(db, station.id, p.office) : null;
      if (office === undefined)
        throw new CableroomError('BAD_REQUEST', `Seed person ${p.key}: unknown office ${p.office}.`);
      personIds.set(p.key, insertPerson(db, { ...p, stationId: station.id, officeId: office }));
    }
    for (const c of directory.collectives) {
      const members = c.members.map((plad) => {
        const s = stationByPlad(db, plad);
        if (!s) throw new CableroomError('BAD_REQUEST', `Seed collective ${c.name}: unknown station ${plad}.`);
        return s.id;
      });
      insertCollective(db, c.name, c.description ?? null, members);
    }
    for (const u of users.users) {
      const personId = personIds.get(u.person);
      if (personId === undefined)
        throw new CableroomError('BAD_REQUEST', `Seed user ${u.login}: unknown person ${u.person}.`);
      insertUser(db, {
        ...u,
        personId,
        hash: Buffer.from(u.passphrase.hash, 'base64'),
        salt: Buffer.from(u.passphrase.salt, 'base64'),
        kdf: u.passphrase.kdf,
        createdAt: now.toISOString(),
      });
      const k = u.signingKey;
      storeKey(
        db,
        personId,
        {
          publicKey: base64(k.publicKey),
          fingerprint: k.fingerprint,
          sealed: base64(k.sealed),
          salt: base64(k.salt),
          nonce: base64(k.nonce),
          kdf: k.kdf,
        },
        now,
      );
    }
    for (const c of cables) insertCable(db, c, now);
    for (const c of signed) {
      const cableId = insertCable(db, releasedCableInput(c.draft, c.release), now);
      insertCableSignatures(db, cableId, c.signatures);
    }
    return {
      stations: directory.stations.length,
      people: directory.people.length,
      users: users.users.length,
      cables: cables.length + signed.length,
    };
  })();
}
