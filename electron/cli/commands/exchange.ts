import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CableroomError } from '../../core/errors';
import { importFrusFiles } from '../../core/import/frus';
import { verifyAllCables, type CableVerification } from '../../core/signing/bulkVerify';
import { EXIT, oneArg, UsageError, type Command } from '../command';

/** Traffic in and out of the database: FRUS import, signed bundles, and signature verification. */
export const EXCHANGE_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'import-frus',
    args: 'PATH...',
    options: { json: 'optional' },
    summary: [
      'Import the telegrams of FRUS TEI files (one document or a whole volume);',
      '--json prints one object per imported telegram; skips are reported on',
      'stderr; a PATH that does not exist imports nothing (exit 4)',
    ],
    async run(ctx) {
      if (ctx.args.length === 0)
        throw new UsageError('import-frus needs at least one PATH (a TEI document or volume).');
      for (const path of ctx.args) {
        if (!existsSync(path)) throw new CableroomError('NOT_FOUND', `No such file: ${path}. Nothing was imported.`);
      }
      const outcomes = await importFrusFiles(ctx.core().db, ctx.args, {
        onProgress: ctx.options.json
          ? undefined
          : (p) =>
              ctx.io.stderr(
                `${p.file} #${p.doc}: ${p.outcome}${p.ref ? ` ${p.ref}` : ''}${p.reason ? ` (${p.reason})` : ''}\n`,
              ),
      });
      const imported = outcomes.flatMap((o) => (o.ok ? o.imported : []));
      for (const o of outcomes) {
        if (!o.ok) ctx.io.stderr(`cableroom: ${o.file}: ${o.error}\n`);
        else
          for (const s of o.skipped)
            ctx.io.stderr(`cableroom: ${s.file} document ${s.doc}${s.ref ? ` (${s.ref})` : ''} skipped: ${s.reason}\n`);
      }
      ctx.print(imported, () => {
        const skipped = outcomes.reduce((n, o) => n + (o.ok ? o.skipped.length : 0), 0);
        return `Imported ${imported.length} telegram${imported.length === 1 ? '' : 's'}${imported.length ? `: ${imported.map((t) => t.ref).join(', ')}` : ''}; skipped ${skipped}.`;
      });
      return outcomes.every((o) => o.ok) ? EXIT.OK : EXIT.FAILURE;
    },
  },
  {
    name: 'export',
    args: 'REF...',
    options: { as: 'required', out: 'required', json: 'optional' },
    summary: [
      'Write a signed bundle of released cables LOGIN may see (signed by LOGIN',
      'with the passphrase in $CABLEROOM_PASSPHRASE); FILE must be new and its',
      'folder must exist, or nothing is signed',
    ],
    async run(ctx) {
      if (ctx.args.length === 0) throw new UsageError('export needs at least one REF.');
      const out = ctx.options.out!;
      if (existsSync(out)) throw new UsageError(`${out} exists; choose a new file.`);
      // Everything that can be checked is checked before the bundle is signed (and EXPORT audited).
      checkOutputFolder(out);
      const passphrase = ctx.passphrase('export signs the bundle');
      const core = ctx.core();
      const bundle = await core.exchange.exportBundle(
        core.users.byLogin(ctx.as()),
        ctx.args.map((ref) => core.cables.idByRef(ref)),
        passphrase,
      );
      writeFileSync(out, bundle.text, { flag: 'wx' });
      ctx.print(
        bundle.summary,
        () => `Wrote ${out}: ${bundle.summary.refs.join(', ')} (${bundle.summary.classification}).`,
      );
      return EXIT.OK;
    },
  },
  {
    name: 'import-bundle',
    args: 'FILE',
    options: { as: 'optional', json: 'optional' },
    summary: [
      'Verify a bundle against the public keys of this database and import',
      'all of its cables, or none (exit 5 names the reason)',
    ],
    run(ctx) {
      const file = oneArg(ctx, 'import-bundle needs exactly one FILE.');
      const core = ctx.core();
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
      }
      const summary = core.exchange.importBundle(bytes, ctx.options.as ? core.users.byLogin(ctx.options.as) : null);
      ctx.print(
        summary,
        () =>
          `Imported ${summary.refs.length - summary.alreadyPresent.length} cable(s) from ${summary.exportedBy}'s bundle (${summary.classification})` +
          (summary.alreadyPresent.length ? `; already present: ${summary.alreadyPresent.join(', ')}.` : '.'),
      );
      return EXIT.OK;
    },
  },
  {
    name: 'verify',
    args: '[REF... | --all]',
    options: { all: 'in-args', json: 'optional' },
    summary: [
      'Verify the signature chains of released cables against the cables as',
      'stored (exit 5 when any signature or chain fails); --all uses every core',
    ],
    async run(ctx) {
      const refs = ctx.args;
      if ((ctx.options.all === true) === refs.length > 0)
        throw new UsageError('verify needs REF... or --all (not both).');
      const core = ctx.core();
      const ids = ctx.options.all ? undefined : refs.map((ref) => core.cables.idByRef(ref));
      const results: CableVerification[] = [];
      const summary = await verifyAllCables(core.db, {
        ...(ids ? { cableIds: ids } : {}),
        onCable: (r) => results.push(r),
      });
      if (ids) {
        // A named cable without signatures (historical, imported) is reported, and is not a failure.
        const signed = new Set(results.map((r) => r.cableId));
        for (const [i, id] of ids.entries()) {
          if (!signed.has(id)) ctx.io.stderr(`cableroom: ${refs[i]} carries no signatures (historical or imported).\n`);
        }
      }
      const report = results.map((r) => ({
        ref: r.ref,
        status: r.status,
        signatures: r.signatures.map((x) => ({
          signer: x.signer,
          role: x.role,
          ...(x.clearance ? { clearance: x.clearance.for, kind: x.clearance.kind } : {}),
          key: x.key,
          verified: x.verified,
          ...(x.problem ? { problem: x.problem } : {}),
        })),
        problems: r.problems,
      }));
      ctx.print(report, () =>
        [
          ...report.map(
            (r) =>
              `${r.ref.padEnd(16)} ${r.status}${r.problems.length ? `  ${r.problems.join(' ')}` : ''}\n` +
              r.signatures
                .map(
                  (x) =>
                    `    ${x.role.padEnd(9)} ${x.signer.padEnd(14)} ${x.verified ? 'verified' : `INVALID: ${x.problem ?? ''}`}`,
                )
                .join('\n'),
          ),
          `${summary.cables} signed cable(s), ${summary.signatures} signature(s), ${summary.failed} failed, in ${summary.seconds.toFixed(2)} s.`,
        ].join('\n'),
      );
      return summary.failed === 0 ? EXIT.OK : EXIT.INTEGRITY;
    },
  },
];

/** The bundle's folder must exist and take a new file, or nothing is signed (issue 13 item 10). */
function checkOutputFolder(out: string): void {
  const folder = dirname(resolve(out));
  const stat = statSync(folder, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) {
    throw new CableroomError('NOT_FOUND', `The folder ${folder} does not exist; nothing was exported.`);
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CableroomError('INTERNAL', `The folder ${folder} is not writable; nothing was exported.`);
  }
}
