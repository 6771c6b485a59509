import type { Core, CoreServices } from '../core/app';
import { isCableroomError } from '../core/errors';
import type { Actor } from '../core/services/actor';
import type { ErrorCode, Result } from '../contract/errors';
import { CONTRACT, ENDPOINT_NAMES, type EndpointName, type OutputOf, type ParsedInputOf } from '../contract/ipc';

/**
 * The one gate for IPC (VS Code's validatedIpcMain; Signal's result envelopes). For every call
 * it: rejects unknown channels; rejects senders that are not the app's own top-level frame;
 * parses the input with the contract's zod schema; resolves the signed-in user of that sender;
 * runs the handler; and returns `{ok:true,value}` or `{ok:false,error:{code,message}}`.
 *
 * This module never imports `electron`: main adapts `ipcMain` events to `Sender`, and the e2e
 * harness adapts Playwright bindings, so both drive the very same router.
 */
export type Sender = Readonly<{ id: string; url: string; isMainFrame: boolean }>;

export type IpcRouter = Readonly<{
  handle(sender: Sender, channel: string, input: unknown): Promise<Result<unknown>>;
  /** Drops the session of a sender whose window is gone. */
  forgetSender(id: string): void;
}>;

type Session = { actor: Actor | null };
type Context = Readonly<{ session: Session; signedIn(): Actor }>;
type Handlers = { [K in EndpointName]: (input: ParsedInputOf<K>, ctx: Context) => OutputOf<K> };

export type RouterDeps = Readonly<{
  core: CoreServices | Core;
  isTrustedUrl: (url: string) => boolean;
  /** Where unexpected errors are reported (stack traces never cross IPC). */
  logError?: (message: string, error: unknown) => void;
}>;

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function createIpcRouter(deps: RouterDeps): IpcRouter {
  const { core } = deps;
  const logError = deps.logError ?? ((m, e) => console.error(m, e));
  const sessions = new Map<string, Session>();
  const byChannel = new Map<string, EndpointName>(ENDPOINT_NAMES.map((n) => [CONTRACT[n].channel, n]));

  const handlers: Handlers = {
    listUsers: () => core.users.list(),
    signIn: ({ login, passphrase }, ctx) => {
      ctx.session.actor = null;
      const actor = core.users.signIn(login, passphrase, 'app');
      ctx.session.actor = actor;
      return core.users.toPublic(actor);
    },
    signOut: (_input, ctx) => {
      const actor = ctx.session.actor;
      if (actor)
        core.audit.append({
          actor: { userId: actor.userId, login: actor.login },
          action: 'SIGN_OUT',
          detail: { channel: 'app' },
        });
      ctx.session.actor = null;
      return null;
    },
    currentUser: (_input, ctx) => (ctx.session.actor ? core.users.toPublic(ctx.session.actor) : null),
    listInbox: ({ cursor, limit }, ctx) => core.inbox.list(ctx.signedIn(), { cursor: cursor ?? null, limit }),
    showDistribution: ({ cableId }, ctx) => core.routing.distribution(ctx.signedIn(), cableId),
    recordDistributionExport: ({ cableId, format }, ctx) => {
      core.routing.recordDistributionExport(ctx.signedIn(), cableId, format);
      return null;
    },
    executePass: ({ cableId }, ctx) => core.routing.pass(ctx.signedIn(), cableId),
    repeatCable: ({ cableId, to, approver, note }, ctx) => {
      const actor = ctx.signedIn();
      // The approver confirms in person: their passphrase is checked (and audited) like a sign-in.
      const approveBy = approver ? core.users.signIn(approver.login, approver.passphrase, 'approval').login : undefined;
      return core.routing.repeat(actor, cableId, { to, approveBy, note });
    },
    listPosts: (_input, ctx) => {
      ctx.signedIn();
      return core.directory.posts();
    },
    readDirectory: (_input, ctx) => {
      ctx.signedIn();
      return core.directory.read();
    },
    addStation: (station, ctx) => core.directory.addStation(ctx.signedIn(), station),
    addOffice: ({ plad, code, name }, ctx) => core.directory.addOffice(ctx.signedIn(), plad, code, name),
    setCollective: ({ name, description, members }, ctx) =>
      core.directory.setCollective(ctx.signedIn(), name, description ?? null, members),
    listAccounts: (_input, ctx) => core.accounts.list(ctx.signedIn()),
    createAccount: (account, ctx) => core.accounts.create(ctx.signedIn(), account),
    updateAccount: ({ login, ...changes }, ctx) => core.accounts.update(ctx.signedIn(), login, changes),
    listDrafts: (_input, ctx) => core.drafts.list(ctx.signedIn()),
    createDraft: ({ profile, replyTo }, ctx) => core.drafts.create(ctx.signedIn(), { profile, replyTo }),
    getDraft: ({ id }, ctx) => core.drafts.get(ctx.signedIn(), id),
    saveDraft: ({ id, revision, draft }, ctx) => core.drafts.save(ctx.signedIn(), id, revision, draft),
    submitDraft: ({ id, revision, passphrase }, ctx) => core.drafts.submit(ctx.signedIn(), id, revision, passphrase),
    clearDraft: ({ id, revision, clearanceIndex, passphrase }, ctx) =>
      core.drafts.clear(ctx.signedIn(), id, revision, clearanceIndex, passphrase),
    refuseDraft: ({ id, revision, clearanceIndex, comment }, ctx) =>
      core.drafts.refuse(ctx.signedIn(), id, revision, clearanceIndex, comment),
    approveDraft: ({ id, revision, passphrase }, ctx) => core.drafts.approve(ctx.signedIn(), id, revision, passphrase),
    discardDraft: ({ id }, ctx) => {
      core.drafts.discard(ctx.signedIn(), id);
      return null;
    },
    authorizeDowngrade: ({ id, reason }, ctx) => core.drafts.authorizeDowngrade(ctx.signedIn(), id, reason),
    composerDirectory: (_input, ctx) => core.drafts.composerDirectory(ctx.signedIn()),
    exportBundle: ({ cableIds, passphrase }, ctx) => core.exchange.exportBundle(ctx.signedIn(), cableIds, passphrase),
    importBundle: ({ bytes }, ctx) => core.exchange.importBundle(bytes, ctx.signedIn()),
    startFrusImport: ({ files }, ctx) => core.imports.start(ctx.signedIn(), files),
    frusImportStatus: ({ jobId }, ctx) => core.imports.status(ctx.signedIn(), jobId),
    listAlerts: (_input, ctx) => core.handling.alerts(ctx.signedIn()),
    acknowledge: ({ deliveryId }, ctx) => core.handling.acknowledge(ctx.signedIn(), deliveryId),
    markRead: ({ deliveryId }, ctx) => core.handling.markRead(ctx.signedIn(), deliveryId),
    showCable: ({ cableId }, ctx) => core.cables.show(ctx.signedIn(), cableId, 'app'),
    searchCables: ({ query, limit }, ctx) => core.cables.search(ctx.signedIn(), query, limit),
    recordPrint: ({ cableId, format }, ctx) => {
      core.cables.recordPrint(ctx.signedIn(), cableId, 'app', format);
      return null;
    },
    exportCable: ({ cableId }, ctx) => core.cables.exportCable(ctx.signedIn(), cableId, 'app'),
    listAudit: ({ login, ref, action, from, to, beforeSeq, limit }, ctx) =>
      core.auditView.list(ctx.signedIn(), {
        limit,
        ...(login !== undefined ? { login } : {}),
        ...(ref !== undefined ? { cableId: core.cables.idByRef(ref) } : {}),
        ...(action !== undefined ? { action } : {}),
        // Stored times are UTC ISO strings: normalise any offset before comparing.
        ...(from !== undefined ? { from: new Date(from).toISOString() } : {}),
        ...(to !== undefined ? { to: new Date(to).toISOString() } : {}),
        ...(beforeSeq !== undefined ? { beforeSeq } : {}),
      }),
  };

  return {
    async handle(sender, channel, input) {
      const name = byChannel.get(channel);
      if (name === undefined) return fail('UNKNOWN_CHANNEL', `Unknown channel "${String(channel)}".`);
      if (!sender.isMainFrame || !deps.isTrustedUrl(sender.url)) {
        return fail('FORBIDDEN_SENDER', 'Calls are accepted only from the Cableroom window itself.');
      }
      const parsed = CONTRACT[name].input.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        return fail('BAD_REQUEST', `Invalid request to ${channel}: ${where}${issue?.message ?? 'invalid input'}`);
      }
      let session = sessions.get(sender.id);
      if (!session) {
        session = { actor: null };
        sessions.set(sender.id, session);
      }
      const current = session;
      const ctx: Context = {
        session: current,
        signedIn() {
          if (!current.actor) throw new SignedOut();
          // Re-read the user on each call so a changed clearance or role applies at once.
          current.actor = core.users.byLogin(current.actor.login);
          return current.actor;
        },
      };
      try {
        const handler = handlers[name] as (input: unknown, ctx: Context) => unknown;
        return { ok: true, value: await handler(parsed.data, ctx) };
      } catch (e) {
        if (e instanceof SignedOut) return fail('NOT_SIGNED_IN', 'Sign in first.');
        if (isCableroomError(e)) return fail(e.code, e.message);
        logError(`IPC ${channel} failed`, e);
        return fail('INTERNAL', 'Something went wrong inside Cableroom; the error has been logged.');
      }
    },
    forgetSender(id) {
      sessions.delete(id);
    },
  };
}

class SignedOut extends Error {}
