import { formatCableText } from '../../domain/cableText';
import { precedenceWords } from '../../domain/precedence';
import { EXIT, noArgs, oneArg, parseLimit, UsageError, type Command } from '../command';

/** Reading and moving traffic: inbox, show, search, distribution, pass, repeat, and EXDIS designation. */
export const READING_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'inbox',
    args: '',
    options: { as: 'required', json: 'optional', limit: 'optional' },
    summary: ['The inbox of LOGIN, newest first (only what LOGIN may see)'],
    core: 'light',
    run(ctx) {
      noArgs(ctx);
      const limit = parseLimit(ctx.options.limit);
      const core = ctx.core();
      const page = core.inbox.list(core.users.byLogin(ctx.as()), { limit });
      ctx.print(page.rows, () =>
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
    },
  },
  {
    name: 'show',
    args: 'REF',
    options: { as: 'required', json: 'optional' },
    summary: ['One cable, e.g. show "TOPOL 578" --as finletter'],
    core: 'light',
    run(ctx) {
      const ref = oneArg(ctx, 'show needs exactly one REF, e.g. show "TOPOL 578" --as finletter.');
      const core = ctx.core();
      const view = core.cables.show(core.users.byLogin(ctx.as()), core.cables.idByRef(ref), 'cli');
      ctx.print(view, () => formatCableText(view));
      return EXIT.OK;
    },
  },
  {
    name: 'search',
    args: 'TEXT',
    options: { as: 'required', json: 'optional', limit: 'optional' },
    summary: [
      'Cables LOGIN may read, found by reference ("POLTO 506"), MRN or DTG first,',
      'then by words; each with From, DTG and a snippet («» marks what matched)',
    ],
    run(ctx) {
      const text = oneArg(ctx, 'search needs exactly one TEXT, e.g. search "POLTO 506" --as finletter.');
      const limit = parseLimit(ctx.options.limit);
      const core = ctx.core();
      const hits = core.cables.search(core.users.byLogin(ctx.as()), text, limit);
      ctx.print(hits, () =>
        hits.length === 0
          ? '(no cables)'
          : hits
              .map(
                (h) =>
                  `${h.dtg.padEnd(16)} ${h.from.padEnd(24)} ${h.classification.padEnd(12)} ${h.ref.padEnd(14)} ${h.subject}\n` +
                  `    ${h.marks.snippet.map((p) => (p.hit ? `«${p.text}»` : p.text)).join('')}`,
              )
              .join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    name: 'distribution',
    args: 'REF',
    options: { as: 'required', json: 'optional' },
    summary: [
      "Who the cable went to and how (whole for the originator's principal and",
      "approver, S/S and instructors; otherwise LOGIN's own post)",
    ],
    run(ctx) {
      const ref = oneArg(ctx, 'distribution needs exactly one REF, e.g. distribution "TOPOL 578".');
      const core = ctx.core();
      const d = core.routing.distribution(core.users.byLogin(ctx.as()), core.cables.idByRef(ref));
      ctx.print(d, () =>
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
    },
  },
  {
    name: 'pass',
    args: 'REF',
    options: { as: 'required', json: 'optional' },
    summary: ['Execute LOGIN\'s post\'s pending pass instruction ("USRO pass Embassy")'],
    run(ctx) {
      const ref = oneArg(ctx, 'pass needs exactly one REF, e.g. pass "TOPOL 578".');
      const core = ctx.core();
      const to = core.routing.pass(core.users.byLogin(ctx.as()), core.cables.idByRef(ref));
      ctx.print({ passedTo: to }, () => `Passed ${ref} to ${to.join(', ')}.`);
      return EXIT.OK;
    },
  },
  {
    name: 'repeat',
    args: 'REF',
    options: { to: 'required', as: 'required', 'approve-by': 'optional', json: 'optional' },
    summary: [
      'Repeat a cable to new addressees (NODIS, EXDIS and EYES ONLY need',
      "approval by the originator's approver or S/S)",
    ],
    run(ctx) {
      const ref = oneArg(ctx, 'repeat needs exactly one REF, e.g. repeat "TOPOL 578".');
      const to = ctx.options
        .to!.split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      if (to.length === 0) throw new UsageError('repeat needs --to PLAD,... (stations or collectives).');
      const core = ctx.core();
      const stations = core.routing.repeat(core.users.byLogin(ctx.as()), core.cables.idByRef(ref), {
        to,
        approveBy: ctx.options['approve-by'],
      });
      ctx.print({ repeatedTo: stations }, () => `Repeated ${ref} to ${stations.join(', ')}.`);
      return EXIT.OK;
    },
  },
  {
    name: 'designate',
    args: 'LOGIN',
    options: { as: 'required', revoke: 'optional', json: 'optional' },
    summary: ["The post's principal (--as) designates LOGIN to read EXDIS traffic", '(or revokes it)'],
    run(ctx) {
      const login = oneArg(ctx, 'designate needs exactly one LOGIN.');
      const core = ctx.core();
      const revoke = ctx.options.revoke === true;
      core.accounts.designateExdis(core.users.byLogin(ctx.as()), login, !revoke);
      ctx.print({ login, exdis: !revoke }, () =>
        revoke ? `${login} no longer reads EXDIS traffic.` : `${login} may now read EXDIS traffic at the post.`,
      );
      return EXIT.OK;
    },
  },
  {
    name: 'approver',
    args: 'LOGIN',
    options: { as: 'required', deputy: 'optional', revoke: 'optional', json: 'optional' },
    summary: [
      "The post's principal (--as) gives LOGIN approval authority at the post: a deputy",
      '(--deputy) or a designated officer; --revoke takes it back (trainees never approve)',
    ],
    run(ctx) {
      const login = oneArg(ctx, 'approver needs exactly one LOGIN.');
      if (ctx.options.deputy === true && ctx.options.revoke === true) {
        throw new UsageError('approver takes --deputy or --revoke, not both.');
      }
      const authority = ctx.options.revoke === true ? null : ctx.options.deputy === true ? 'DEPUTY' : 'DESIGNATED';
      const core = ctx.core();
      core.drafts.setApprovalAuthority(core.users.byLogin(ctx.as()), login, authority);
      ctx.print({ login, authority }, () =>
        authority === null
          ? `${login} no longer approves cables at the post.`
          : `${login} may now approve cables at the post (${authority === 'DEPUTY' ? 'deputy' : 'designated'}).`,
      );
      return EXIT.OK;
    },
  },
];
