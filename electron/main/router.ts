import type { Core, CoreServices } from '../core/app';
import { draftPreview } from '../core/cables/releasePreview';
import { classroomOf } from '../core/classroom/service';
import { isCableroomError } from '../core/errors';
import { eventBusOf, type CoreEvent } from '../core/events';
import { exerciseFeed, exerciseReportFile, exerciseScoreView, submitDebrief } from '../core/exercise/debrief';
import { startExerciseTicker } from '../core/exercise/ticker';
import { isDemoInstallation } from '../core/seed/installation';
import type { Actor } from '../core/services/actor';
import type { ErrorCode, Result } from '../contract/errors';
import type { PushEvent } from '../contract/push';
import {
  CONTRACT,
  ENDPOINT_NAMES,
  PUBLIC_ENDPOINT_NAMES,
  type EndpointName,
  type OutputOf,
  type ParsedInputOf,
  type PublicEndpointName,
} from '../contract/ipc';

/**
 * The one gate for IPC (VS Code's validatedIpcMain; Signal's result envelopes). For every call
 * it: rejects unknown channels; rejects senders that are not the app's own top-level frame;
 * reads the sender's signed-in user again and, unless the contract marks the endpoint public,
 * refuses a signed-out sender (NOT_SIGNED_IN) before the input is read; parses the input with
 * the contract's zod schema; runs the handler with the actor; and returns `{ok:true,value}` or
 * `{ok:false,error:{code,message}}` — never a thrown error.
 *
 * This module never imports `electron`: main adapts `ipcMain` events to `Sender`, and the e2e
 * harness adapts Playwright bindings, so both drive the very same router.
 */
export type Sender = Readonly<{ id: string; url: string; isMainFrame: boolean }>;

export type IpcRouter = Readonly<{
  /** Every channel the router serves, from the contract (main registers exactly these). */
  channels: ReadonlyArray<string>;
  handle(sender: Sender, channel: string, input: unknown): Promise<Result<unknown>>;
  /** Drops the session of a sender whose window is gone. */
  forgetSender(id: string): void;
  /**
   * Push (issue 14 item 1; notes/push-design.md): the listener is called with a sender id and an
   * event for that sender only, after the router checked that its signed-in user may be told
   * (the same access rules as the inbox). Transports deliver it to that sender's window.
   * Returns the function that removes the listener.
   */
  onPush(listener: PushSink): () => void;
}>;

export type PushSink = (senderId: string, event: PushEvent) => void;

type Session = {
  actor: Actor | null;
  /** The drafts this session's user saw at the last draft change: a draft that leaves the list is news too. */
  draftIds?: ReadonlySet<number>;
};
type Awaitable<T> = T | Promise<T>;
/**
 * A public endpoint's handler sees the window's session (sign-in sets it, sign-out clears it);
 * every other handler is given the signed-in actor, read again for this call. Handlers may be
 * async (sign-in and signing will hash off the main thread).
 */
type Handlers = {
  [K in EndpointName]: K extends PublicEndpointName
    ? (input: ParsedInputOf<K>, session: Session) => Awaitable<OutputOf<K>>
    : (input: ParsedInputOf<K>, actor: Actor) => Awaitable<OutputOf<K>>;
};

export type RouterDeps = Readonly<{
  core: CoreServices | Core;
  isTrustedUrl: (url: string) => boolean;
  /** Where unexpected errors are reported (stack traces never cross IPC). */
  logError?: (message: string, error: unknown) => void;
  /**
   * A development aid (issue 14 item 10): every call slower than `thresholdMs` is reported with
   * its endpoint and duration. Off unless given (tests and packaged builds leave it out).
   */
  slowCalls?: SlowCallLog;
  /**
   * The exercise timer (issue 10): while the router has push listeners — a live shell: the
   * Electron window, `cableroom serve`, the e2e bridge — it ticks the running exercise this often
   * (core/exercise/ticker.ts), so injects arrive on time and are pushed. Default 1000 ms; 0 turns it off.
   */
  exerciseTickMs?: number;
}>;

export type SlowCallLog = Readonly<{ thresholdMs: number; report: (line: string) => void }>;

/** The slow-call log the shells turn on in development: 50 ms, to stderr. */
export function developmentSlowCallLog(env: NodeJS.ProcessEnv): SlowCallLog | undefined {
  const off = env.CI || env.VITEST || env.NODE_ENV === 'test' || env.CABLEROOM_SLOW_CALL_LOG === '0';
  return off ? undefined : { thresholdMs: 50, report: (line) => process.stderr.write(`${line}\n`) };
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

const SIGN_IN_FIRST = 'Sign in first.';

export function createIpcRouter(deps: RouterDeps): IpcRouter {
  const { core } = deps;
  const logError = deps.logError ?? ((m, e) => console.error(m, e));
  const sessions = new Map<string, Session>();
  const byChannel = new Map<string, EndpointName>(ENDPOINT_NAMES.map((n) => [CONTRACT[n].channel, n]));
  const isPublic = new Set<EndpointName>(PUBLIC_ENDPOINT_NAMES);

  /**
   * The session's user read again, so a changed clearance or role applies at once; an account
   * disabled or removed since sign-in ends the session (the reason is returned).
   */
  async function refreshActor(session: Session): Promise<string | null> {
    const current = session.actor;
    if (!current) return null;
    try {
      session.actor = await core.users.byLogin(current.login);
      return null;
    } catch (e) {
      if (!isCableroomError(e) || (e.code !== 'NOT_FOUND' && e.code !== 'ACCESS_DENIED')) throw e;
      session.actor = null;
      return e.message;
    }
  }

  /** The classroom client of this database (issue 11), made on first use. */
  const classroom = (): ReturnType<typeof classroomOf> => classroomOf(core.db, core.audit, core.users);

  const handlers: Handlers = {
    // ── Public ──
    listUsers: () => core.users.list(),
    signIn: async ({ login, passphrase }, session) => {
      session.actor = null;
      delete session.draftIds; // what the last user could see is no measure for the next

      const actor = await core.users.signIn(login, passphrase, 'app');
      session.actor = actor;
      // The classroom connects when the account that joined this machine signs in (issue 11).
      classroom().signedIn(actor, passphrase);
      return core.users.toPublic(actor);
    },
    signOut: (_input, session) => {
      const actor = session.actor;
      if (actor)
        core.audit.append({
          actor: { userId: actor.userId, login: actor.login },
          action: 'SIGN_OUT',
          detail: { channel: 'app' },
        });
      session.actor = null;
      delete session.draftIds;
      return null;
    },
    currentUser: (_input, session) => (session.actor ? core.users.toPublic(session.actor) : null),
    installation: () => ({ demo: isDemoInstallation(core.db) }),
    // ── Signed in: each handler gets the actor ──
    listInbox: ({ cursor, limit, direction }, actor) =>
      core.inbox.list(actor, { cursor: cursor ?? null, limit, direction }),
    showDistribution: ({ cableId }, actor) => core.routing.distribution(actor, cableId),
    trafficVolumes: (_input, actor) => core.traffic.volumes(actor),
    volumeTraffic: ({ volume }, actor) => core.traffic.volume(actor, volume),
    recordTrafficExport: ({ volume, format }, actor) => {
      core.traffic.recordExport(actor, volume, format);
      return null;
    },
    recordDistributionExport: ({ cableId, format }, actor) => {
      core.routing.recordDistributionExport(actor, cableId, format);
      return null;
    },
    executePass: ({ cableId }, actor) => core.routing.pass(actor, cableId),
    repeatCable: async ({ cableId, to, approver, note }, actor) => {
      // The approver confirms in person: their passphrase is checked (and audited) like a sign-in.
      const approveBy = approver
        ? (await core.users.signIn(approver.login, approver.passphrase, 'approval')).login
        : undefined;
      return core.routing.repeat(actor, cableId, { to, approveBy, note });
    },
    listPosts: () => core.directory.posts(),
    readDirectory: () => core.directory.read(),
    addStation: (station, actor) => core.directory.addStation(actor, station),
    addOffice: ({ plad, code, name }, actor) => core.directory.addOffice(actor, plad, code, name),
    setCollective: ({ name, description, members }, actor) =>
      core.directory.setCollective(actor, name, description ?? null, members),
    listAccounts: (_input, actor) => core.accounts.list(actor),
    createAccount: (account, actor) => core.accounts.create(actor, account),
    updateAccount: ({ login, ...changes }, actor) => core.accounts.update(actor, login, changes),
    listDrafts: (_input, actor) => core.drafts.list(actor),
    createDraft: ({ profile, replyTo }, actor) => core.drafts.create(actor, { profile, replyTo }),
    getDraft: ({ id }, actor) => core.drafts.get(actor, id),
    saveDraft: ({ id, revision, draft }, actor) => core.drafts.save(actor, id, revision, draft),
    submitDraft: ({ id, revision, passphrase }, actor) => core.drafts.submit(actor, id, revision, passphrase),
    clearDraft: ({ id, revision, clearanceIndex, passphrase }, actor) =>
      core.drafts.clear(actor, id, revision, clearanceIndex, passphrase),
    refuseDraft: ({ id, revision, clearanceIndex, comment }, actor) =>
      core.drafts.refuse(actor, id, revision, clearanceIndex, comment),
    approveDraft: ({ id, revision, passphrase }, actor) => core.drafts.approve(actor, id, revision, passphrase),
    discardDraft: ({ id }, actor) => {
      core.drafts.discard(actor, id);
      return null;
    },
    authorizeDowngrade: ({ id, reason }, actor) => core.drafts.authorizeDowngrade(actor, id, reason),
    composerDirectory: (_input, actor) => core.drafts.composerDirectory(actor),
    previewDraft: ({ id }, actor) => draftPreview(core, actor, id),
    exportBundle: ({ cableIds, passphrase }, actor) => core.exchange.exportBundle(actor, cableIds, passphrase),
    importBundle: ({ bytes }, actor) => core.exchange.importBundle(bytes, actor),
    startFrusImport: ({ files }, actor) => core.imports.start(actor, files),
    frusImportStatus: ({ jobId }, actor) => core.imports.status(actor, jobId),
    workCounts: (_input, actor) => {
      const { unread, capped } = core.inbox.unreadCount(actor);
      const draftsWaiting = core.drafts.list(actor).filter((d) => d.waitingForMe).length;
      return { unread, unreadCapped: capped, draftsWaiting };
    },
    exerciseStatus: (_input, actor) => core.exercises.status(actor),
    exerciseControl: (input, actor) => {
      const x = core.exercises;
      switch (input.action) {
        case 'start':
          return x.start(
            actor,
            'shipped' in input.scenario ? { shipped: input.scenario.shipped } : { document: input.scenario.document },
            { rate: input.rate, assignments: input.assignments },
          );
        case 'pause':
          return x.pause(actor);
        case 'resume':
          return x.resume(actor);
        case 'rate':
          return x.setRate(actor, input.rate);
        case 'shift':
          return x.shift(actor, input.minutes);
        case 'trigger':
          return x.trigger(actor, input.inject);
        case 'skip':
          return x.skip(actor, input.inject);
        case 'end':
          return x.end(actor);
      }
    },
    exerciseScore: ({ exercise }, actor) => exerciseScoreView(core.db, core.audit, actor, exercise),
    exerciseFeed: ({ exercise, limit }, actor) => exerciseFeed(core.db, core.audit, actor, exercise, limit),
    exerciseDebrief: ({ exercise, answers }, actor) => submitDebrief(core.db, core.audit, actor, exercise, answers),
    exerciseReport: ({ exercise, trainee }, actor) => exerciseReportFile(core.db, core.audit, actor, exercise, trainee),
    classroomStatus: (_input, actor) => classroom().view(actor),
    classroomJoin: ({ url, password, passphrase }, actor) => classroom().join(actor, { url, password, passphrase }),
    classroomConnect: ({ passphrase }, actor) => classroom().connect(actor, passphrase),
    // Verifying every signed cable (issue 15 item 3): instructors and admins; failures only on readable cables.
    startIntegrityCheck: (_input, actor) => core.integrity.start(actor, 'app'),
    integrityStatus: ({ runId, after }, actor) => core.integrity.status(actor, runId, after),
    cancelIntegrityCheck: ({ runId }, actor) => core.integrity.cancel(actor, runId),
    listAlerts: (_input, actor) => core.handling.alerts(actor),
    acknowledge: ({ deliveryId }, actor) => core.handling.acknowledge(actor, deliveryId),
    markRead: ({ deliveryId }, actor) => core.handling.markRead(actor, deliveryId),
    // Signed cables come at once, verifying; their verdict is the next call (issue 15 item 2).
    showCable: ({ cableId }, actor) => core.cables.open(actor, cableId, 'app'),
    cableVerdict: ({ cableId }, actor) => core.cables.verdict(actor, cableId, 'app'),
    searchCables: ({ query, limit, order }, actor) => core.cables.search(actor, query, limit, order),
    recordPrint: ({ cableId, format }, actor) => {
      core.cables.recordPrint(actor, cableId, 'app', format);
      return null;
    },
    exportCable: ({ cableId }, actor) => core.cables.exportCable(actor, cableId, 'app'),
    listAudit: ({ login, ref, action, from, to, beforeSeq, limit }, actor) =>
      core.auditView.page(actor, {
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

  // ---- Push (issue 14 item 1) ----
  const sinks = new Set<PushSink>();
  let stopListening: (() => void) | null = null;

  /** What each signed-in session may be told of one batch of core events. */
  async function pushBatch(events: ReadonlyArray<CoreEvent>): Promise<void> {
    for (const [senderId, session] of [...sessions]) {
      if (!session.actor || !core.db.open) continue;
      // The user as they are now: a lowered clearance or a disabled account applies to pushes too.
      if ((await refreshActor(session)) !== null || !session.actor || !core.db.open) continue;
      for (const event of pushesFor(session, session.actor, events)) {
        for (const sink of [...sinks]) sink(senderId, event);
      }
    }
  }

  function pushesFor(session: Session, actor: Actor, events: ReadonlyArray<CoreEvent>): PushEvent[] {
    const out: PushEvent[] = [];
    let inboxChanged = false;
    let alertsChanged = false;
    // New deliveries: only those at the user's post that the user may see (DOMAIN.md rule 18, by
    // the inbox's own rules), and only while unread, so a repeat to a post that had the cable is quiet.
    const cableIds = new Set<number>();
    for (const e of events) {
      if (e.type === 'delivered' && (!e.stationIds || e.stationIds.includes(actor.stationId)))
        for (const id of e.cableIds) cableIds.add(id);
    }
    const arrived = core.inbox.arrivals(actor, [...cableIds]).filter((r) => !r.read);
    if (arrived.length > 0) out.push({ kind: 'inbox', arrived: arrived.length });
    const waiting = arrived.filter((r) => r.needsAck && r.acknowledgedAt === null);
    const flash = waiting.filter((r) => r.precedence === 'FLASH').length;
    if (waiting.length > 0) out.push({ kind: 'alerts', flash, niact: waiting.length - flash });

    const drafts = new Set<number>();
    const exercises = new Set<number>();
    for (const e of events) {
      // The scenario clock is everyone's time (issue 10): an id, and the user asks what they may see.
      if (e.type === 'exercise') exercises.add(e.exerciseId);
      if (e.type === 'read' && e.userId === actor.userId) inboxChanged = true;
      if (e.type === 'importDone' && e.userId === actor.userId) out.push({ kind: 'import', jobId: e.jobId });
      if (e.type === 'draft') drafts.add(e.draftId);
      if (
        e.type === 'acknowledged' &&
        e.stationId === actor.stationId &&
        core.inbox.arrivals(actor, [e.cableId]).some((r) => r.deliveryId === e.deliveryId)
      ) {
        inboxChanged = alertsChanged = true;
      }
    }
    // The instructor's dashboard (issue 10 item 5): what trainees do — opening, acknowledging,
    // passing, drafting — changes its grid and feed, so instructors hear of it as an exercise change.
    if (
      exercises.size === 0 &&
      (actor.role === 'instructor' || actor.role === 'admin') &&
      events.some((e) => e.type === 'read' || e.type === 'acknowledged' || e.type === 'delivered' || e.type === 'draft')
    ) {
      const live = core.exercises.liveId();
      if (live !== null) exercises.add(live);
    }
    for (const exerciseId of exercises) out.push({ kind: 'exercise', exerciseId });
    if (inboxChanged && arrived.length === 0) out.push({ kind: 'inbox', arrived: 0 });
    if (alertsChanged && waiting.length === 0) out.push({ kind: 'alerts', flash: 0, niact: 0 });
    if (drafts.size > 0) {
      // Drafts the user may read now (drafts.list applies the desk's rules), or could before.
      const now = new Set(core.drafts.list(actor).map((d) => d.id));
      const before = session.draftIds ?? new Set<number>();
      session.draftIds = now;
      if ([...drafts].some((id) => now.has(id) || before.has(id))) out.push({ kind: 'drafts' });
    }
    return out;
  }

  const listen = (): (() => void) => {
    const unsubscribe = eventBusOf(core.db).subscribe((events) => {
      pushBatch(events).catch((e: unknown) => {
        // A database closed under a batch in flight (shutdown) is no error worth reporting.
        if (core.db.open) logError('push failed', e);
      });
    });
    const tickMs = deps.exerciseTickMs ?? 1000;
    const stopTicker =
      tickMs > 0
        ? startExerciseTicker(core, { intervalMs: tickMs, onError: (e) => logError('exercise tick failed', e) })
        : () => undefined;
    // The classroom's connection (issue 11): every signed-in window shows it in the app bar.
    const stopClassroom = classroom().onChange(() => {
      for (const [senderId, session] of [...sessions]) {
        if (session.actor) for (const sink of [...sinks]) sink(senderId, { kind: 'classroom' });
      }
    });
    return () => {
      stopClassroom();
      stopTicker();
      unsubscribe();
    };
  };

  return {
    onPush(sink) {
      sinks.add(sink);
      stopListening ??= listen();
      return () => {
        sinks.delete(sink);
        if (sinks.size === 0 && stopListening) {
          stopListening();
          stopListening = null;
        }
      };
    },
    channels: ENDPOINT_NAMES.map((n) => CONTRACT[n].channel),
    async handle(sender, channel, input) {
      const name = byChannel.get(channel);
      if (name === undefined) return fail('UNKNOWN_CHANNEL', `Unknown channel "${String(channel)}".`);
      if (!sender.isMainFrame || !deps.isTrustedUrl(sender.url)) {
        return fail('FORBIDDEN_SENDER', 'Calls are accepted only from the Cableroom window itself.');
      }
      let session = sessions.get(sender.id);
      if (!session) {
        session = { actor: null };
        sessions.set(sender.id, session);
      }
      try {
        // The gate (issue 13 item 12): sign-in is checked here, from the contract's table, before
        // the input is even read; no handler has to remember to ask.
        const ended = await refreshActor(session);
        const actor = session.actor;
        if (!isPublic.has(name) && !actor) return fail('NOT_SIGNED_IN', ended ?? SIGN_IN_FIRST);
        const parsed = CONTRACT[name].input.safeParse(input);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
          return fail('BAD_REQUEST', `Invalid request to ${channel}: ${where}${issue?.message ?? 'invalid input'}`);
        }
        const handler = handlers[name] as (input: unknown, context: Session | Actor | null) => unknown;
        const started = performance.now();
        const value = await handler(parsed.data, isPublic.has(name) ? session : actor);
        const took = performance.now() - started;
        if (deps.slowCalls && took > deps.slowCalls.thresholdMs) {
          deps.slowCalls.report(`cableroom: slow call ${name} took ${took.toFixed(1)} ms`);
        }
        return { ok: true, value };
      } catch (e) {
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
