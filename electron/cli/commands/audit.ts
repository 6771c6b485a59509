import { AUDIT_ACTIONS, type AuditAction } from '../../core/audit/auditTrail';
import { EXIT, noArgs, parseLimit, UsageError, type Command } from '../command';
import { terminalJson } from '../terminal';

/** The audit trail: its hash chain checked, and its entries listed for instructors and admins. */
export const AUDIT_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'audit verify',
    args: '',
    options: { json: 'optional' },
    summary: ['Check the hash chain of the audit trail (exit 5 names the first bad entry)'],
    run(ctx) {
      noArgs(ctx);
      const result = ctx.core().audit.verify();
      if (!result.ok) {
        const where =
          result.kind === 'keys'
            ? 'key registry does not match the audit trail'
            : result.kind === 'anchor'
              ? `audit trail does not match its anchor (at entry ${result.firstBad})`
              : `audit trail broken at entry ${result.firstBad}`;
        ctx.io.stderr(`cableroom: ${where}: ${result.problem}.\n`);
        if (ctx.options.json) ctx.io.stdout(`${terminalJson(result)}\n`);
        return EXIT.INTEGRITY;
      }
      ctx.print(result, () => {
        const anchored = result.anchor
          ? ` Anchored at entry ${result.anchor.seq} (${result.anchor.at}); ${result.unanchored} newer.`
          : ' Not anchored (no anchor file beside the database yet).';
        return `Audit trail intact: ${result.entries} entries, head ${result.head}.${anchored}`;
      });
      return EXIT.OK;
    },
  },
  {
    name: 'audit list',
    args: '',
    options: {
      as: 'required',
      json: 'optional',
      user: 'optional',
      ref: 'optional',
      action: 'optional',
      limit: 'optional',
    },
    summary: ['The audit trail, newest first (instructors and admins only)'],
    run(ctx) {
      noArgs(ctx);
      const core = ctx.core();
      const reader = core.users.byLogin(ctx.as());
      const action = ctx.options.action?.toUpperCase();
      if (action !== undefined && !(AUDIT_ACTIONS as ReadonlyArray<string>).includes(action)) {
        throw new UsageError(`--action must be one of ${AUDIT_ACTIONS.join(', ')}.`);
      }
      const entries = core.auditView.list(reader, {
        limit: parseLimit(ctx.options.limit),
        ...(ctx.options.user ? { login: ctx.options.user } : {}),
        ...(ctx.options.ref ? { cableId: core.cables.idByRef(ctx.options.ref) } : {}),
        ...(action ? { action: action as AuditAction } : {}),
      });
      ctx.print(entries, () =>
        entries
          .map(
            (e) =>
              `${String(e.seq).padStart(6)} ${e.at} ${(e.actorLogin ?? '-').padEnd(12)} ${e.action.padEnd(14)} ${e.cableRef ?? ''}`,
          )
          .join('\n'),
      );
      return EXIT.OK;
    },
  },
];
