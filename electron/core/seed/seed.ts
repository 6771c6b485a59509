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
import { createSealedKey, createSealedKeySync, type SealedKey } from '../crypto/keys';
import { storeKey } from '../crypto/keyStore';
import { MIN_PASSPHRASE_LENGTH } from '../services/accounts';
import { hashPassphrase, hashPassphraseSync, type PassphraseHash } from '../users/passphrase';
import { insertCableSignatures, releasedCableInput, type SignedCable } from '../signing/signedCable';
import { fromDocument, signedCableDocumentSchema } from '../signing/signedCableSchema';
import { recordInstallation, type InstallationMode } from './installation';
import { directorySeedSchema, usersSeedSchema, type DirectorySeed, type UsersSeed } from './seedSchema';

/**
 * The training passphrase of every seed persona (documented in README.md). `users.json` holds
 * only its scrypt hashes; this constant exists for the tests and the documentation.
 */
export const SEED_PASSPHRASE = 'topol-578';

export type SeedSummary = Readonly<{
  stations: number;
  people: number;
  users: number;
  cables: number;
  mode: InstallationMode;
  /** The accounts that got their own passphrase and a new signing key (production mode). */
  ownPassphrases: ReadonlyArray<string>;
}>;

/**
 * How the seed's accounts sign in (issue 13 item 8). `'demo'`: everyone with the published
 * training passphrase. Otherwise each instructor and admin account of the seed gets the
 * passphrase given here (login → passphrase) and a new signing key sealed with it: the seed's own
 * keys for them are sealed with the published passphrase, so they are not installed.
 */
export type SeedMode =
  | 'demo'
  | Readonly<{
      passphrases: Readonly<Record<string, string>>;
      /** Their hashes and keys, derived beforehand off the main thread (`deriveSeedSecrets`). */
      secrets?: OwnSecrets;
    }>;

/** The seed accounts that may not keep the published passphrase in a real installation. */
export function protectedSeedLogins(users: UsersSeed): string[] {
  return users.users.filter((u) => u.role === 'instructor' || u.role === 'admin').map((u) => u.login);
}

/**
 * Checks the passphrases a production seed is given: one for each instructor and admin account
 * of the seed, none for another, each long enough and not the published one. Returns the logins.
 */
export function checkSeedMode(users: UsersSeed, mode: SeedMode): string[] {
  if (mode === 'demo') return [];
  const wanted = protectedSeedLogins(users);
  for (const login of Object.keys(mode.passphrases)) {
    if (!wanted.includes(login)) {
      throw new CableroomError(
        'BAD_REQUEST',
        `"${login}" is not an instructor or admin account of the seed (those are: ${wanted.join(', ')}).`,
      );
    }
  }
  for (const login of wanted) {
    const passphrase = Object.hasOwn(mode.passphrases, login) ? mode.passphrases[login] : undefined;
    if (typeof passphrase !== 'string') {
      throw new CableroomError(
        'BAD_REQUEST',
        `The seed account "${login}" needs its own passphrase (or install the demo, where everyone has the published one).`,
      );
    }
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new CableroomError(
        'BAD_REQUEST',
        `The passphrase for "${login}" needs at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      );
    }
    if (passphrase === SEED_PASSPHRASE) {
      throw new CableroomError('BAD_REQUEST', `"${login}" may not keep the published training passphrase.`);
    }
  }
  return wanted;
}

export type OwnSecrets = ReadonlyMap<string, Readonly<{ hash: PassphraseHash; key: SealedKey }>>;

/**
 * Derives the hashes and keys of the given passphrases off the main thread (issue 13 item 7):
 * the slow part, done before `openCore` installs the seed in one transaction. `cableroom init
 * --seed` calls it; the mode it returns carries the secrets.
 */
export async function deriveSeedSecrets(users: UsersSeed, mode: SeedMode): Promise<SeedMode> {
  if (mode === 'demo' || mode.secrets) return mode;
  const secrets = new Map<string, { hash: PassphraseHash; key: SealedKey }>();
  for (const login of checkSeedMode(users, mode)) {
    const passphrase = mode.passphrases[login]!;
    secrets.set(login, { hash: await hashPassphrase(passphrase), key: await createSealedKey(passphrase) });
  }
  return { passphrases: mode.passphrases, secrets };
}

/**
 * The secrets of a production seed. Derived beforehand (above) by the CLI; derived here, blocking,
 * only for a caller of the synchronous `openCore` that gave bare passphrases (the tests): the
 * Electron main process installs only the demo, which derives nothing.
 */
function ownSecrets(users: UsersSeed, mode: SeedMode): OwnSecrets {
  if (mode === 'demo') return new Map();
  const wanted = checkSeedMode(users, mode);
  if (mode.secrets && wanted.every((login) => mode.secrets!.has(login))) return mode.secrets;
  return new Map(
    wanted.map((login) => {
      const passphrase = mode.passphrases[login]!;
      return [login, { hash: hashPassphraseSync(passphrase), key: createSealedKeySync(passphrase) }] as const;
    }),
  );
}

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
 * Loads the 1962 directory, the seed accounts and the seed cables in one transaction, and records
 * the installation mode: a seed that does not fit (an unknown station, a duplicate cable, a
 * missing or short passphrase) leaves the database as it was.
 */
export function loadSeed(db: Db, seed: SeedData, mode: SeedMode, now: Date = new Date()): SeedSummary {
  const { directory, users, cables, signed } = seed;
  const own = ownSecrets(users, mode);

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
      const mine = own.get(u.login);
      insertUser(db, {
        ...u,
        personId,
        hash: mine ? mine.hash.hash : Buffer.from(u.passphrase.hash, 'base64'),
        salt: mine ? mine.hash.salt : Buffer.from(u.passphrase.salt, 'base64'),
        kdf: mine ? mine.hash.kdf : u.passphrase.kdf,
        createdAt: now.toISOString(),
      });
      const k = u.signingKey;
      storeKey(
        db,
        personId,
        mine
          ? mine.key
          : {
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
    recordInstallation(db, mode === 'demo' ? 'demo' : 'production', now);
    return {
      stations: directory.stations.length,
      people: directory.people.length,
      users: users.users.length,
      cables: cables.length + signed.length,
      mode: mode === 'demo' ? 'demo' : 'production',
      ownPassphrases: [...own.keys()],
    };
  })();
}
