import { statSync } from 'node:fs';
import { defaultSeedDir } from '../../core/resources';
import type { SeedMode } from '../../core/seed/seed';
import { EXIT, noArgs, readJsonFile, UsageError, type Command, type CommandContext } from '../command';

/** `init` and `users`: creating the database (and the seed's installation), listing the accounts. */
export const SETUP_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'init',
    args: '[--seed [--passphrases FILE] | --demo]',
    options: { seed: 'in-args', passphrases: 'in-args', demo: 'in-args', json: 'optional' },
    summary: [
      'Create the database. --seed loads the 1962 seed (directory, users,',
      'TOPOL 578) and gives its instructor and admin accounts their own',
      'passphrases: asked on the terminal, or read from FILE (JSON',
      '{"instructor": "..."}; or $CABLEROOM_PASSPHRASES_FILE). --demo loads',
      'it with the published training passphrase for everyone (a demo)',
    ],
    async run(ctx) {
      noArgs(ctx);
      const { seed, demo, passphrases } = ctx.options;
      if (passphrases !== undefined && !seed) throw new UsageError('--passphrases goes with --seed.');
      if (passphrases !== undefined && demo)
        throw new UsageError('--demo keeps the published passphrase: no --passphrases.');
      const seedDir = ctx.io.env.CABLEROOM_SEED_DIR || defaultSeedDir();
      // Loaded here, not with the CLI: the seed's schemas are zod's (issue 15 item 6).
      const seeds = await import('../../core/seed/seed');
      const { installationMode } = await import('../../core/seed/installation');
      let mode: SeedMode | undefined;
      // A database that already holds the seed is only reported: nothing is asked, nothing changes.
      if ((seed || demo) && !alreadySeeded(ctx, seeds))
        mode = demo ? 'demo' : await ownPassphrases(ctx, seedDir, seeds);
      // Their hashes and signing keys are derived off the main thread before the seed is installed.
      if (mode && mode !== 'demo') mode = await seeds.deriveSeedSecrets(seeds.readSeed(seedDir).users, mode);
      const core = ctx.openCore({ ...(mode ? { seed: mode, seedDir } : {}) });
      const installation = installationMode(core.db);
      const summary = {
        db: ctx.dbPath,
        schemaVersion: core.db.pragma('user_version', { simple: true }),
        seeded: core.seeded,
        installation,
      };
      ctx.print(summary, () => {
        const s = core.seeded;
        if (!s) {
          return `Database ${ctx.dbPath} is ready (schema version ${summary.schemaVersion}${installation === 'demo' ? ', a demo installation' : ''}).`;
        }
        const created = `Created ${ctx.dbPath}: ${s.stations} stations, ${s.people} people, ${s.users} users, ${s.cables} cables.`;
        return s.mode === 'demo'
          ? `${created}\nDemo installation: every account, instructors included, signs in with the published training passphrase.`
          : `${created}\n${s.ownPassphrases.join(', ')} sign${s.ownPassphrases.length === 1 ? 's' : ''} in with the passphrase given; the other seed accounts with the training passphrase.`;
      });
      return EXIT.OK;
    },
  },
  {
    name: 'users',
    args: '',
    options: { json: 'optional' },
    summary: ['List the accounts'],
    run(ctx) {
      noArgs(ctx);
      const users = ctx.core().users.list();
      ctx.print(users, () =>
        users
          .map(
            (u) =>
              `${u.login.padEnd(12)} ${u.clearance.padEnd(12)} ${u.role.padEnd(10)} ${u.post.plad}  ${u.displayName}`,
          )
          .join('\n'),
      );
      return EXIT.OK;
    },
  },
];

type Seeds = typeof import('../../core/seed/seed');

function alreadySeeded(ctx: CommandContext, { isSeeded }: Seeds): boolean {
  if ((statSync(ctx.dbPath, { throwIfNoEntry: false })?.size ?? 0) === 0) return false;
  return isSeeded(ctx.core().db);
}

/**
 * The passphrases of the seed's instructor and admin accounts (issue 13 item 8): from a file, or
 * asked twice each on the terminal without echo. With neither, init --seed cannot go on.
 */
async function ownPassphrases(
  ctx: CommandContext,
  seedDir: string,
  { protectedSeedLogins, readSeed }: Seeds,
): Promise<SeedMode> {
  const logins = protectedSeedLogins(readSeed(seedDir).users);
  const file = ctx.options.passphrases ?? (ctx.io.env.CABLEROOM_PASSPHRASES_FILE || undefined);
  if (file !== undefined) {
    const raw = readJsonFile(file);
    if (
      typeof raw !== 'object' ||
      raw === null ||
      Array.isArray(raw) ||
      !Object.values(raw).every((v) => typeof v === 'string')
    ) {
      throw new UsageError(`${file} must hold one JSON object: {"login": "passphrase", ...}.`);
    }
    return { passphrases: raw as Record<string, string> };
  }
  const prompt = ctx.io.promptSecret;
  if (!prompt) {
    throw new UsageError(
      `init --seed gives the seed's instructor and admin accounts (${logins.join(', ')}) their own passphrases: ` +
        'run it in a terminal to be asked, or give --passphrases FILE (JSON: {"instructor": "..."}). ' +
        'Or install the demo with --demo, where everyone signs in with the published training passphrase.',
    );
  }
  const passphrases: Record<string, string> = {};
  for (const login of logins) {
    const first = await prompt(`Passphrase for ${login} (at least 10 characters): `);
    const again = await prompt(`Again, for ${login}: `);
    if (first !== again) throw new UsageError(`The passphrases for ${login} do not match; nothing was created.`);
    passphrases[login] = first;
  }
  return { passphrases };
}
