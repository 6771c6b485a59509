import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openCore, type Core } from '../core/app';
import { AUDIT_ACTIONS, type AuditAction } from '../core/audit/auditTrail';
import { isCableroomError } from '../core/errors';
import { importFrusFiles } from '../core/import/frus';
import { verifyAllCables, type CableVerification } from '../core/signing/bulkVerify';
import type { ErrorCode } from '../contract/errors';
import { formatCableText } from '../domain/cableText';
import { precedenceWords } from '../domain/precedence';

/**
 * `cableroom`: the instructors' and the tests' window into the same core services as the app.
 * Exit codes: 0 ok, 1 unexpected failure, 2 usage, 3 access denied, 4 not found, 5 integrity.
 */
export const EXIT = { OK: 0, FAILURE: 1, USAGE: 2, ACCESS_DENIED: 3, NOT_FOUND: 4, INTEGRITY: 5 } as const;

export type CliIo = Readonly<{
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}>;

const defaultIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

export const USAGE = `Usage: cableroom <command> [options]

Commands:
  init [--seed]                 Create the database (and load the 1962 seed: directory, users, TOPOL 578)
  users [--json]                List the accounts
  inbox --as LOGIN [--json] [--limit N]
                                The inbox of LOGIN, newest first (only what LOGIN may see)
  show REF --as LOGIN [--json]  One cable, e.g. show "TOPOL 578" --as finletter
  distribution REF --as LOGIN [--json]
                                Who the cable went to and how (whole for the originator's principal and
                                approver, S/S and instructors; otherwise LOGIN's own post)
  pass REF --as LOGIN           Execute LOGIN's post's pending pass instruction ("USRO pass Embassy")
  repeat REF --to PLAD,... --as LOGIN [--approve-by LOGIN]
                                Repeat a cable to new addressees (NODIS, EXDIS and EYES ONLY need
                                approval by the originator's approver or S/S)
  import-frus PATH... [--json]  Import the telegrams of FRUS TEI files (one document or a whole volume);
                                --json prints one object per imported telegram; skips are reported on stderr
  export REF... --as LOGIN --out FILE
                                Write a signed bundle of released cables LOGIN may see (signed by LOGIN
                                with the passphrase in $CABLEROOM_PASSPHRASE)
  import-bundle FILE [--json]   Verify a bundle against the public keys of this database and import
                                all of its cables, or none (exit 5 names the reason)
  designate LOGIN --as PRINCIPAL [--revoke]
                                The post's principal designates LOGIN to read EXDIS traffic (or revokes it)
  verify [REF... | --all] [--json]
                                Verify the signature chains of released cables against the cables as
                                stored (exit 5 when any signature or chain fails); --all uses every core
  draft check FILE.json [--json]
                                Run the drafting rule checker (DOMAIN.md §8b) over a draft document
                                (docs/DRAFTING.md); prints [{rule, severity, field, message}]; exit 1
                                while any error stands
  draft new FILE.json --as LOGIN
                                Start a draft from a draft document; prints its id
  draft submit|clear|approve ID --as LOGIN [--line N]
                                Sign as drafter, as clearer of line N, or as approver (approve releases);
                                the passphrase is read from $CABLEROOM_PASSPHRASE
  draft show ID --as LOGIN [--json]
                                The draft, its findings and its clearance chain
  audit verify                  Check the hash chain of the audit trail (exit 5 names the first bad entry)
  audit list --as LOGIN [--json] [--user LOGIN] [--ref REF] [--action ACTION] [--limit N]
                                The audit trail, newest first (instructors and admins only)

Options:
  --db PATH     The database file (default: $CABLEROOM_DB)
  --json        Machine-readable output
  -h, --help    This help

Exit codes: 0 ok, 2 usage, 3 access denied, 4 not found, 5 integrity failure.
`;

class UsageError extends Error {}

function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'ACCESS_DENIED':
    case 'SIGN_IN_FAILED':
    case 'NOT_SIGNED_IN':
    case 'WRONG_PASSPHRASE':
      return EXIT.ACCESS_DENIED;
    case 'RULE_VIOLATION':
    case 'CONFLICT':
      return EXIT.FAILURE;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'INTEGRITY':
      return EXIT.INTEGRITY;
    case 'BAD_REQUEST':
    case 'UNKNOWN_CHANNEL':
      return EXIT.USAGE;
    default:
      return EXIT.FAILURE;
  }
}

export async function main(argv: ReadonlyArray<string>, io: CliIo = defaultIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        as: { type: 'string' },
        json: { type: 'boolean', default: false },
        seed: { type: 'boolean', default: false },
        limit: { type: 'string' },
        user: { type: 'string' },
        ref: { type: 'string' },
        action: { type: 'string' },
        to: { type: 'string' },
        'approve-by': { type: 'string' },
        revoke: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        line: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.stderr(`cableroom: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? EXIT.USAGE : EXIT.OK;
  }
  const print = (value: unknown, text: () => string): void =>
    io.stdout(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);

  let core: Core | undefined;
  try {
    const dbPath = values.db ?? io.env.CABLEROOM_DB;
    if (!dbPath) throw new UsageError('--db PATH is required (or set CABLEROOM_DB).');
    const as = (): string => {
      if (!values.as) throw new UsageError(`${command} needs --as LOGIN.`);
      return values.as;
    };
    switch (command) {
      case 'init': {
        noPositionals(rest);
        core = openCore({ dbPath, ...(values.seed ? { seed: 'demo' as const } : {}) });
        const summary = {
          db: dbPath,
          schemaVersion: core.db.pragma('user_version', { simple: true }),
          seeded: core.seeded,
        };
        print(summary, () =>
          core!.seeded
            ? `Created ${dbPath}: ${core!.seeded.stations} stations, ${core!.seeded.people} people, ${core!.seeded.users} users, ${core!.seeded.cables} cables.`
            : `Database ${dbPath} is ready (schema version ${summary.schemaVersion}).`,
        );
        return EXIT.OK;
      }
      case 'users': {
        noPositionals(rest);
        core = openCore({ dbPath, mustExist: true });
        const users = core.users.list();
        print(users, () =>
          users
            .map(
              (u) =>
                `${u.login.padEnd(12)} ${u.clearance.padEnd(12)} ${u.role.padEnd(10)} ${u.post.plad}  ${u.displayName}`,
            )
            .join('\n'),
        );
        return EXIT.OK;
      }
      case 'inbox': {
        noPositionals(rest);
        const limit = parseLimit(values.limit);
        core = openCore({ dbPath, mustExist: true });
        const page = core.inbox.list(core.users.byLogin(as()), { limit });
        print(page.rows, () =>
          page.rows.length === 0
            ? '(no cables)'
            : page.rows
                .map(
                  (r) =>
                    `${r.dtg.padEnd(16)} ${precedenceWords(r.precedence, r.niact).padEnd(16)} ${r.classification.padEnd(12)} ${r.ref.padEnd(14)} ${r.subject}`,
                )
                .join('\n'),
        );
        return EXIT.OK;
      }
      case 'show': {
        if (rest.length !== 1)
          throw new UsageError('show needs exactly one REF, e.g. show "TOPOL 578" --as finletter.');
        core = openCore({ dbPath, mustExist: true });
        const actor = core.users.byLogin(as());
        const view = core.cables.show(actor, core.cables.idByRef(rest[0]!), 'cli');
        print(view, () => formatCableText(view));
        return EXIT.OK;
      }
      case 'distribution':
      case 'pass':
      case 'repeat': {
        if (rest.length !== 1) throw new UsageError(`${command} needs exactly one REF, e.g. ${command} "TOPOL 578".`);
        if (command === 'repeat' && !values.to)
          throw new UsageError('repeat needs --to PLAD,... (stations or collectives).');
        core = openCore({ dbPath, mustExist: true });
        const actor = core.users.byLogin(as());
        const cableId = core.cables.idByRef(rest[0]!);
        if (command === 'distribution') {
          const d = core.routing.distribution(actor, cableId);
          print(d, () =>
            [
              `${d.ref} from ${d.originator}${d.complete ? '' : ' (your post only)'}`,
              ...d.deliveries.map(
                (e) =>
                  `${e.station.padEnd(26)} ${e.role.padEnd(6)} ${precedenceWords(e.precedence, e.niact).padEnd(16)} ${(e.serial ?? '').padEnd(10)} ${e.via.padEnd(40)} opened by: ${e.openedBy.join(', ') || '-'}`,
              ),
              ...d.pendingPasses.map((p) => `PENDING: ${p.by} PASS ${p.to}`),
            ].join('\n'),
          );
          return EXIT.OK;
        }
        if (command === 'pass') {
          const to = core.routing.pass(actor, cableId);
          print({ passedTo: to }, () => `Passed ${rest[0]} to ${to.join(', ')}.`);
          return EXIT.OK;
        }
        const to = values
          .to!.split(',')
          .map((t) => t.trim())
          .filter(Boolean);
        const stations = core.routing.repeat(actor, cableId, { to, approveBy: values['approve-by'] });
        print({ repeatedTo: stations }, () => `Repeated ${rest[0]} to ${stations.join(', ')}.`);
        return EXIT.OK;
      }
      case 'import-frus': {
        if (rest.length === 0) throw new UsageError('import-frus needs at least one PATH (a TEI document or volume).');
        core = openCore({ dbPath, mustExist: true });
        const outcomes = await importFrusFiles(core.db, rest, {
          onProgress: values.json
            ? undefined
            : (p) =>
                io.stderr(
                  `${p.file} #${p.doc}: ${p.outcome}${p.ref ? ` ${p.ref}` : ''}${p.reason ? ` (${p.reason})` : ''}\n`,
                ),
        });
        const imported = outcomes.flatMap((o) => (o.ok ? o.imported : []));
        for (const o of outcomes) {
          if (!o.ok) io.stderr(`cableroom: ${o.file}: ${o.error}\n`);
          else
            for (const s of o.skipped)
              io.stderr(`cableroom: ${s.file} document ${s.doc}${s.ref ? ` (${s.ref})` : ''} skipped: ${s.reason}\n`);
        }
        print(imported, () => {
          const skipped = outcomes.reduce((n, o) => n + (o.ok ? o.skipped.length : 0), 0);
          return `Imported ${imported.length} telegram${imported.length === 1 ? '' : 's'}${imported.length ? `: ${imported.map((t) => t.ref).join(', ')}` : ''}; skipped ${skipped}.`;
        });
        return outcomes.every((o) => o.ok) ? EXIT.OK : EXIT.FAILURE;
      }
      case 'designate': {
        if (rest.length !== 1) throw new UsageError('designate needs exactly one LOGIN.');
        core = openCore({ dbPath, mustExist: true });
        core.accounts.designateExdis(core.users.byLogin(as()), rest[0]!, !values.revoke);
        print({ login: rest[0], exdis: !values.revoke }, () =>
          values.revoke
            ? `${rest[0]} no longer reads EXDIS traffic.`
            : `${rest[0]} may now read EXDIS traffic at the post.`,
        );
        return EXIT.OK;
      }
      case 'verify': {
        if (values.all === rest.length > 0) throw new UsageError('verify needs REF... or --all (not both).');
        core = openCore({ dbPath, mustExist: true });
        const c = core;
        const ids = values.all ? undefined : rest.map((ref) => c.cables.idByRef(ref));
        const results: CableVerification[] = [];
        const summary = await verifyAllCables(core.db, {
          ...(ids ? { cableIds: ids } : {}),
          onCable: (r) => results.push(r),
        });
        if (ids) {
          // A named cable without signatures (historical, imported) is reported, and is not a failure.
          const signed = new Set(results.map((r) => r.cableId));
          for (const [i, id] of ids.entries()) {
            if (!signed.has(id)) io.stderr(`cableroom: ${rest[i]} carries no signatures (historical or imported).\n`);
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
        print(report, () =>
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
      }
      case 'export': {
        if (rest.length === 0) throw new UsageError('export needs at least one REF.');
        if (!values.out) throw new UsageError('export needs --out FILE.');
        if (existsSync(values.out)) throw new UsageError(`${values.out} exists; choose a new file.`);
        core = openCore({ dbPath, mustExist: true });
        const passphrase = io.env.CABLEROOM_PASSPHRASE;
        if (!passphrase) throw new UsageError('export signs the bundle: put the passphrase in $CABLEROOM_PASSPHRASE.');
        const c = core;
        const bundle = c.exchange.exportBundle(
          c.users.byLogin(as()),
          rest.map((ref) => c.cables.idByRef(ref)),
          passphrase,
        );
        writeFileSync(values.out, bundle.text, { flag: 'wx' });
        print(
          bundle.summary,
          () => `Wrote ${values.out}: ${bundle.summary.refs.join(', ')} (${bundle.summary.classification}).`,
        );
        return EXIT.OK;
      }
      case 'import-bundle': {
        if (rest.length !== 1) throw new UsageError('import-bundle needs exactly one FILE.');
        core = openCore({ dbPath, mustExist: true });
        let bytes: Buffer;
        try {
          bytes = readFileSync(rest[0]!);
        } catch (e) {
          throw new UsageError(`Cannot read ${rest[0]}: ${(e as Error).message}`);
        }
        const summary = core.exchange.importBundle(bytes, values.as ? core.users.byLogin(values.as) : null);
        print(
          summary,
          () =>
            `Imported ${summary.refs.length - summary.alreadyPresent.length} cable(s) from ${summary.exportedBy}'s bundle (${summary.classification})` +
            (summary.alreadyPresent.length ? `; already present: ${summary.alreadyPresent.join(', ')}.` : '.'),
        );
        return EXIT.OK;
      }
      case 'draft': {
        const [sub, arg, ...more] = rest;
        noPositionals(more);
        if (!arg) throw new UsageError(`draft ${sub ?? ''} needs a FILE or an ID.`);
        if (sub === 'check') {
          core = openCore({ dbPath, mustExist: true });
          const findings = core.drafts.check(readJsonFile(arg));
          print(findings, () =>
            findings.length === 0
              ? 'No findings: the draft passes every drafting rule.'
              : findings
                  .map((f) => `rule ${String(f.rule).padStart(2)} ${f.severity.padEnd(7)} ${f.field}: ${f.message}`)
                  .join('\n'),
          );
          return findings.some((f) => f.severity === 'error') ? EXIT.FAILURE : EXIT.OK;
        }
        core = openCore({ dbPath, mustExist: true });
        const actor = core.users.byLogin(as());
        if (sub === 'new') {
          const created = core.drafts.create(actor, {});
          const view = core.drafts.save(actor, created.id, created.revision, readJsonFile(arg));
          print(
            { id: view.id, revision: view.revision, findings: view.findings },
            () => `Draft ${view.id} created (${view.findings.length} finding(s)).`,
          );
          return EXIT.OK;
        }
        const id = Number(arg);
        if (!Number.isInteger(id) || id < 1) throw new UsageError(`"${arg}" is not a draft id.`);
        const current = core.drafts.get(actor, id);
        const passphrase = (): string => {
          const p = io.env.CABLEROOM_PASSPHRASE;
          if (!p) throw new UsageError('Signing needs the passphrase in $CABLEROOM_PASSPHRASE.');
          return p;
        };
        let view;
        if (sub === 'show') view = current;
        else if (sub === 'submit') view = core.drafts.submit(actor, id, current.revision, passphrase());
        else if (sub === 'approve') view = core.drafts.approve(actor, id, current.revision, passphrase());
        else if (sub === 'clear') {
          const line = Number(values.line ?? current.chain.find((s) => s.role === 'CLEARER' && s.mine)?.clearanceIndex);
          if (!Number.isInteger(line)) throw new UsageError('draft clear needs --line N (the clearer line, from 0).');
          view = core.drafts.clear(actor, id, current.revision, line, passphrase());
        } else throw new UsageError('draft needs a subcommand: check, new, show, submit, clear or approve.');
        const v = view;
        print(v, () =>
          [
            `Draft ${v.id} (revision ${v.revision}): ${v.state}${v.releasedRef ? `, released as ${v.releasedRef}` : ''}`,
            ...v.chain.map((s) => `  ${s.label}: ${s.status}${s.by ? ` (${s.by})` : ''}`),
            ...v.findings.map((f) => `  rule ${f.rule} ${f.severity} ${f.field}: ${f.message}`),
          ].join('\n'),
        );
        return EXIT.OK;
      }
      case 'audit': {
        const [sub, ...more] = rest;
        noPositionals(more);
        core = openCore({ dbPath, mustExist: true });
        if (sub === 'verify') {
          const result = core.audit.verify();
          if (!result.ok) {
            io.stderr(`cableroom: audit trail broken at entry ${result.firstBad}: ${result.problem}.\n`);
            if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
            return EXIT.INTEGRITY;
          }
          print(result, () => `Audit trail intact: ${result.entries} entries, head ${result.head}.`);
          return EXIT.OK;
        }
        if (sub === 'list') {
          const reader = core.users.byLogin(as());
          const action = values.action?.toUpperCase();
          if (action !== undefined && !(AUDIT_ACTIONS as ReadonlyArray<string>).includes(action)) {
            throw new UsageError(`--action must be one of ${AUDIT_ACTIONS.join(', ')}.`);
          }
          const entries = core.auditView.list(reader, {
            limit: parseLimit(values.limit),
            ...(values.user ? { login: values.user } : {}),
            ...(values.ref ? { cableId: core.cables.idByRef(values.ref) } : {}),
            ...(action ? { action: action as AuditAction } : {}),
          });
          print(entries, () =>
            entries
              .map(
                (e) =>
                  `${String(e.seq).padStart(6)} ${e.at} ${(e.actorLogin ?? '-').padEnd(12)} ${e.action.padEnd(14)} ${e.cableRef ?? ''}`,
              )
              .join('\n'),
          );
          return EXIT.OK;
        }
        throw new UsageError('audit needs a subcommand: verify or list.');
      }
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cableroom: ${e.message}\n\n${USAGE}`);
      return EXIT.USAGE;
    }
    if (isCableroomError(e)) {
      io.stderr(`cableroom: ${e.message}\n`);
      return exitCodeFor(e.code);
    }
    io.stderr(`cableroom: unexpected failure: ${(e as Error).message}\n`);
    return EXIT.FAILURE;
  } finally {
    core?.close();
  }
}

function parseLimit(text: string | undefined): number {
  const limit = text === undefined ? 100 : Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    throw new UsageError('--limit must be a whole number from 1 to 500.');
  return limit;
}

function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

function noPositionals(rest: ReadonlyArray<string>): void {
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}".`);
}
