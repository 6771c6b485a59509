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
        ctx.io.stderr(`cableroom: audit trail broken at entry ${result.firstBad}: ${result.problem}.\n`);
        if (ctx.options.json) ctx.io.stdout(`${terminalJson(result)}\n`);
        return EXIT.INTEGRITY;
      }
      ctx.print(result, () => `Audit trail intact: ${result.entries} entries, head ${result.head}.`);
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
