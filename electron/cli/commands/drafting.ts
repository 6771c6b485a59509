import type { Core } from '../../core/app';
import type { Actor } from '../../core/services/actor';
import type { DraftView } from '../../domain/draft';
import { EXIT, oneArg, readJsonFile, UsageError, type Command, type CommandContext } from '../command';

/** The drafting desk from the command line: rule check, new draft, and the signed clearance chain. */
export const DRAFT_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'draft check',
    args: 'FILE.json',
    options: { json: 'optional' },
    summary: [
      'Run the drafting rule checker (DOMAIN.md §8b) over a draft document',
      '(docs/DRAFTING.md); prints [{rule, severity, field, message}]; exit 1',
      'while any error stands',
    ],
    run(ctx) {
      const file = oneArg(ctx, 'draft check needs a FILE or an ID.');
      const findings = ctx.core().drafts.check(readJsonFile(file));
      ctx.print(findings, () =>
        findings.length === 0
          ? 'No findings: the draft passes every drafting rule.'
          : findings
              .map((f) => `rule ${String(f.rule).padStart(2)} ${f.severity.padEnd(7)} ${f.field}: ${f.message}`)
              .join('\n'),
      );
      return findings.some((f) => f.severity === 'error') ? EXIT.FAILURE : EXIT.OK;
    },
  },
  {
    name: 'draft new',
    args: 'FILE.json',
    options: { as: 'required', json: 'optional' },
    summary: ['Start a draft from a draft document; prints its id'],
    run(ctx) {
      const file = oneArg(ctx, 'draft new needs a FILE or an ID.');
      const core = ctx.core();
      const actor = core.users.byLogin(ctx.as());
      const created = core.drafts.create(actor, {});
      const view = core.drafts.save(actor, created.id, created.revision, readJsonFile(file));
      ctx.print(
        { id: view.id, revision: view.revision, findings: view.findings },
        () => `Draft ${view.id} created (${view.findings.length} finding(s)).`,
      );
      return EXIT.OK;
    },
  },
  {
    name: 'draft show',
    args: 'ID',
    options: { as: 'required', json: 'optional' },
    summary: ['The draft, its findings and its clearance chain'],
    run: (ctx) => draftStep(ctx, (d) => d.current),
  },
  {
    name: 'draft submit',
    args: 'ID',
    options: { as: 'required', json: 'optional' },
    summary: ['Sign as drafter: the draft goes into clearance ($CABLEROOM_PASSPHRASE)'],
    run: (ctx) => draftStep(ctx, (d) => d.core.drafts.submit(d.actor, d.id, d.current.revision, d.passphrase())),
  },
  {
    name: 'draft clear',
    args: 'ID',
    options: { as: 'required', line: 'optional', json: 'optional' },
    summary: ["Sign as clearer of line N, from 0 (default: LOGIN's own line)", '($CABLEROOM_PASSPHRASE)'],
    run: (ctx) =>
      draftStep(ctx, (d) => {
        const line = Number(
          ctx.options.line ?? d.current.chain.find((s) => s.role === 'CLEARER' && s.mine)?.clearanceIndex,
        );
        if (!Number.isInteger(line)) throw new UsageError('draft clear needs --line N (the clearer line, from 0).');
        return d.core.drafts.clear(d.actor, d.id, d.current.revision, line, d.passphrase());
      }),
  },
  {
    name: 'draft approve',
    args: 'ID',
    options: { as: 'required', json: 'optional' },
    summary: ['Sign as approver, which releases the cable ($CABLEROOM_PASSPHRASE)'],
    run: (ctx) => draftStep(ctx, (d) => d.core.drafts.approve(d.actor, d.id, d.current.revision, d.passphrase())),
  },
];

type DraftStep = Readonly<{
  core: Core;
  actor: Actor;
  id: number;
  current: DraftView;
  passphrase(): string;
}>;

/** Reads the draft as LOGIN, takes one step, prints the draft as it then stands. */
async function draftStep(ctx: CommandContext, step: (d: DraftStep) => DraftView | Promise<DraftView>): Promise<number> {
  const arg = oneArg(ctx, `${ctx.name} needs a FILE or an ID.`);
  const core = ctx.core();
  const actor = core.users.byLogin(ctx.as());
  const id = Number(arg);
  if (!Number.isInteger(id) || id < 1) throw new UsageError(`"${arg}" is not a draft id.`);
  const current = core.drafts.get(actor, id);
  const v = await step({ core, actor, id, current, passphrase: () => ctx.passphrase('Signing needs the passphrase') });
  ctx.print(v, () =>
    [
      `Draft ${v.id} (revision ${v.revision}): ${v.state}${v.releasedRef ? `, released as ${v.releasedRef}` : ''}`,
      ...v.chain.map((s) => `  ${s.label}: ${s.status}${s.by ? ` (${s.by})` : ''}`),
      ...v.findings.map((f) => `  rule ${f.rule} ${f.severity} ${f.field}: ${f.message}`),
    ].join('\n'),
  );
  return EXIT.OK;
}
