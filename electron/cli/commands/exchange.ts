import { accessSync, constants, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CableroomError } from '../../core/errors';
import { verifyAllCables, type CableVerification } from '../../core/signing/bulkVerify';
import { EXIT, oneArg, UsageError, type Command } from '../command';
import { terminalJson } from '../terminal';

/** Traffic in and out of the database: FRUS import, signed bundles, and signature verification. */
export const EXCHANGE_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'import-frus',
    args: 'PATH...',
    options: { json: 'optional' },
    summary: [
      'Import the telegrams of FRUS TEI files (one document or a whole volume) into',
      'an empty or seeded database; --json streams one object per imported',
      'telegram; skips go to stderr; each file is audited (IMPORT); Ctrl-C stops',
      'after the telegram in hand and running it again resumes; a PATH that does',
      'not exist imports nothing (exit 4)',
    ],
    async run(ctx) {
      if (ctx.args.length === 0)
        throw new UsageError('import-frus needs at least one PATH (a TEI document or volume).');
      for (const path of ctx.args) {
        if (!existsSync(path)) throw new CableroomError('NOT_FOUND', `No such file: ${path}. Nothing was imported.`);
      }
      const core = ctx.core();
      // Whole volumes (issue 12 item 2): reports are written as they come and not kept, so memory
      // stays bounded; --json streams a JSON array, one telegram at a time.
      const json = Boolean(ctx.options.json);
      let first = true;
      const refs: string[] = [];
      if (json) ctx.io.stdout('[');
      const stop = new AbortController();
      const onSignal = (): void => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      let outcomes;
      try {
        // The TEI parser is loaded by the command that parses (issue 15 item 6).
        const { importFrusFiles } = await import('../../core/import/frus');
        outcomes = await importFrusFiles(core.db, ctx.args, {
          keepReports: false,
          signal: stop.signal,
          // The CLI acts with the database owner's authority (no user signs in): audited as such.
          audit: { trail: core.audit, actor: { userId: null, login: null }, channel: 'cli' },
          onProgress: (p) => {
            if (p.outcome === 'imported' && p.report) {
              if (json) {
                ctx.io.stdout(`${first ? '\n' : ',\n'}${terminalJson(p.report)}`);
                first = false;
              } else if (refs.length < 50) refs.push(p.ref ?? '');
            }
            if (p.outcome === 'skipped') {
              ctx.io.stderr(
                `cableroom: ${p.file} document ${p.doc}${p.ref ? ` (${p.ref})` : ''} skipped: ${p.reason}\n`,
              );
            } else if (!json) {
              ctx.io.stderr(`${p.file} #${p.doc}: ${p.outcome}${p.ref ? ` ${p.ref}` : ''}\n`);
            }
          },
        });
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
      if (json) ctx.io.stdout(first ? ']\n' : '\n]\n');
      for (const o of outcomes) if (!o.ok) ctx.io.stderr(`cableroom: ${o.file}: ${o.error}\n`);
      const imported = outcomes.reduce((n, o) => n + (o.ok ? o.importedCount : 0), 0);
      const skipped = outcomes.reduce((n, o) => n + (o.ok ? o.skippedCount : 0), 0);
      const interrupted = stop.signal.aborted;
      if (interrupted) {
        ctx.io.stderr(
          `cableroom: interrupted after ${imported} telegram(s); run the same command again to resume (what is in the database is reported as already imported).\n`,
        );
      }
      if (!json) {
        const shown = refs.length ? `: ${refs.join(', ')}${imported > refs.length ? ', …' : ''}` : '';
        ctx.io.stdout(`Imported ${imported} telegram${imported === 1 ? '' : 's'}${shown}; skipped ${skipped}.\n`);
      }
      return outcomes.every((o) => o.ok) && !interrupted ? EXIT.OK : EXIT.FAILURE;
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
    options: { all: 'in-args', as: 'optional', json: 'optional' },
    summary: [
      'Verify the signature chains of released cables against the cables as',
      'stored (exit 5 when any signature or chain fails); --all uses every core;',
      'audited (VERIFY at start and end, TAMPERED per failed cable) as --as LOGIN',
      'or, without it, the system with the OS user named',
    ],
    async run(ctx) {
      const refs = ctx.args;
      if ((ctx.options.all === true) === refs.length > 0)
        throw new UsageError('verify needs REF... or --all (not both).');
      const core = ctx.core();
      const ids = ctx.options.all ? undefined : refs.map((ref) => core.cables.idByRef(ref));
      const as = ctx.options.as ? core.users.byLogin(ctx.options.as) : null;
      // Audited as the app's run is (issue 15; verifyAudit.ts), loaded with the command: not in
      // the light CLI.
      const { startVerifyAudit } = await import('./verifyAudit');
      const audit = startVerifyAudit(
        core.db,
        core.audit,
        as ? { userId: as.userId, login: as.login } : { userId: null, login: null },
        ids ? { refs: [...refs] } : { all: true },
      );
      // Interrupted (Ctrl-C, a kill): the end entry is written, the database closed (the trail's
      // anchor checkpointed), and the signal raised again to end the process as it would have.
      const onSignal = (signal: NodeJS.Signals): void => {
        try {
          audit.stopped(`Interrupted by ${signal} after ${audit.count} cable(s).`);
          core.close();
        } finally {
          process.kill(process.pid, signal);
        }
      };
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      // Each cable is written as it is decided and then forgotten (issue 15 item 3): the output is
      // byte for byte what printing the whole report at the end gave, in memory flat in the cables.
      const json = ctx.options.json === true;
      const signed = new Set<number>();
      let first = true;
      const progress = ctx.io.progress?.('verifying');
      let summary;
      try {
        summary = await verifyAllCables(core.db, {
          ...(ids ? { cableIds: ids } : {}),
          onCable: (r) => {
            if (ids) signed.add(r.cableId);
            const entry = verifyReport(r);
            if (json) {
              const element = terminalJson(entry).replace(/\n/g, '\n  ');
              ctx.io.stdout(`${first ? '[\n' : ',\n'}  ${element}`);
            } else ctx.io.stdout(`${verifyText(entry)}\n`);
            first = false;
            audit.decided(r);
          },
          ...(progress ? { onProgress: progress.update } : {}),
        });
      } catch (e) {
        try {
          audit.stopped(
            e instanceof CableroomError ? e.message : `Verification stopped: ${(e as Error).message ?? String(e)}`,
          );
        } catch {
          // The trail cannot be written either: the error that stopped the run is the one reported.
        }
        throw e;
      } finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
      }
      audit.finished(summary);
      progress?.done();
      if (ids) {
        // A named cable without signatures (historical, imported) is reported, and is not a failure.
        for (const [i, id] of ids.entries()) {
          if (!signed.has(id)) ctx.io.stderr(`cableroom: ${refs[i]} carries no signatures (historical or imported).\n`);
        }
      }
      if (json) ctx.io.stdout(first ? '[]\n' : '\n]\n');
      else {
        ctx.io.stdout(
          `${summary.cables} signed cable(s), ${summary.signatures} signature(s), ${summary.failed} failed, in ${summary.seconds.toFixed(2)} s.\n`,
        );
      }
      return summary.failed === 0 ? EXIT.OK : EXIT.INTEGRITY;
    },
  },
];

type VerifyReport = ReturnType<typeof verifyReport>;

/** One cable's verification as `verify --json` prints it. */
function verifyReport(r: CableVerification) {
  return {
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
  };
}

/** One cable's verification as `verify` prints it. */
function verifyText(r: VerifyReport): string {
  return (
    `${r.ref.padEnd(16)} ${r.status}${r.problems.length ? `  ${r.problems.join(' ')}` : ''}\n` +
    r.signatures
      .map(
        (x) =>
          `    ${x.role.padEnd(9)} ${x.signer.padEnd(14)} ${x.verified ? 'verified' : `INVALID: ${x.problem ?? ''}`}`,
      )
      .join('\n')
  );
}

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
