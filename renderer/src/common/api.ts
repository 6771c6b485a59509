import type { ErrorCode, Result } from '../../../electron/contract/errors';
import { buildCableroomApi, type CableroomApi } from '../../../electron/contract/api';
import type { InputOf } from '../../../electron/contract/ipc';
import type { PushListener } from '../../../electron/contract/push';
import type { Draft } from '../../../electron/domain/draft';
import type { InboxCursor } from '../../../electron/domain/cable';
import { RESUME_PARAM, TRANSPORT_META_NAME, WIRE_PATH } from '../../../electron/contract/wire';
import { webSocketTransport } from './wsTransport';

/** A failure the renderer itself detects: the page was opened without the bridge. */
export type ClientErrorCode = ErrorCode | 'BRIDGE_MISSING';

export class ApiError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Whatever a call rejected with, as an ApiError (a transport failure becomes INTERNAL). */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError('INTERNAL', message || 'The request failed.');
}

export type CreateDraftInput = InputOf<'createDraft'>;

export type AuditQuery = InputOf<'listAudit'>;
export type NewAccountInput = InputOf<'createAccount'>;
export type AccountChangesInput = InputOf<'updateAccount'>;
export type RepeatCableInput = InputOf<'repeatCable'>;
export type NewStationInput = InputOf<'addStation'>;
export type NewOfficeInput = InputOf<'addOffice'>;
export type CollectiveInput = InputOf<'setCollective'>;
/** What the instructor's dashboard asks of the exercise engine (issue 10 item 5). */
export type ExerciseControl = InputOf<'exerciseControl'>;

function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message);
}

async function call<T>(request: () => Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request();
  } catch (e) {
    // The envelope carries every expected failure; a rejection means the transport broke.
    throw toApiError(e);
  }
  return unwrap(result);
}

/**
 * The renderer's client: intent-level calls over the contract's `window.cableroom`. Its type
 * (`CableroomClient`) is read from this one object, and the client without a bridge is built from
 * it too, so the endpoints are written out once here and once in the contract.
 */
export function createClient(api: CableroomApi) {
  return Object.freeze({
    listUsers: () => call(() => api.listUsers()),
    signIn: (login: string, passphrase: string) => call(() => api.signIn({ login, passphrase })),
    signOut: async (): Promise<void> => {
      await call(() => api.signOut());
    },
    currentUser: () => call(() => api.currentUser()),
    /** What the window may know before sign-in: whether this is a demo installation (issue 13 item 8). */
    installation: () => call(() => api.installation()),
    /** Below the cursor, or ('newer', issue 15 item 5) the rows just above it; both newest first. */
    listInbox: (cursor: InboxCursor | null, limit: number, direction: 'older' | 'newer' = 'older') =>
      call(() => api.listInbox({ cursor, limit, direction })),
    showCable: (cableId: number) => call(() => api.showCable({ cableId })),
    /** The verdict on a signed cable chain, which showCable gives as VERIFYING (issue 15 item 2). */
    cableVerdict: (cableId: number) => call(() => api.cableVerdict({ cableId })),
    /** Unacknowledged FLASH/NIACT action deliveries at the user's post (DOMAIN.md rule 8). */
    listAlerts: () => call(() => api.listAlerts()),
    acknowledge: (deliveryId: number) => call(() => api.acknowledge({ deliveryId })),
    /** Files a delivery as read; ACK_REQUIRED while a FLASH/NIACT delivery is unacknowledged. */
    markRead: (deliveryId: number) => call(() => api.markRead({ deliveryId })),
    /** Newest first unless best match (relevance, issue 15 item 4) is asked for. */
    searchCables: (query: string, limit: number, order: 'newest' | 'relevance' = 'newest') =>
      call(() => api.searchCables({ query, limit, order })),
    recordPrint: async (cableId: number, format: 'paper' | 'pdf'): Promise<void> => {
      await call(() => api.recordPrint({ cableId, format }));
    },
    exportCable: (cableId: number) => call(() => api.exportCable({ cableId })),
    listAudit: (filter: AuditQuery) => call(() => api.listAudit(filter)),
    listPosts: () => call(() => api.listPosts()),
    listAccounts: () => call(() => api.listAccounts()),
    createAccount: (account: NewAccountInput) => call(() => api.createAccount(account)),
    updateAccount: (changes: AccountChangesInput) => call(() => api.updateAccount(changes)),
    /** Who the cable went to and how (DOMAIN.md §1.8); only the viewer's own post's part unless they see it all. */
    showDistribution: (cableId: number) => call(() => api.showDistribution({ cableId })),
    /** Main checks and audits (EXPORT) an export of the distribution graph before it is saved. */
    recordDistributionExport: async (cableId: number, format: 'svg' | 'png'): Promise<void> => {
      await call(() => api.recordDistributionExport({ cableId, format }));
    },
    /** The FRUS volumes with telegrams the user may read (issue 12 item 5). */
    trafficVolumes: () => call(() => api.trafficVolumes()),
    /** A volume's traffic: posts, telegrams and weighted edges, only of telegrams the user may read. */
    volumeTraffic: (volume: string) => call(() => api.volumeTraffic({ volume })),
    /** Main checks and audits (EXPORT) an export of the traffic graph before it is saved. */
    recordTrafficExport: async (volume: string, format: 'svg' | 'png'): Promise<void> => {
      await call(() => api.recordTrafficExport({ volume, format }));
    },
    /** Carries out this post's pending "X PASS Y" instructions (rule 17); returns the PLADs passed to. */
    executePass: (cableId: number) => call(() => api.executePass({ cableId })),
    /** Repeats the cable to stations or collectives (rule 16: approval for NODIS, EXDIS, EYES ONLY); returns the PLADs reached. */
    repeatCable: (request: RepeatCableInput) => call(() => api.repeatCable(request)),
    readDirectory: () => call(() => api.readDirectory()),
    addStation: (station: NewStationInput) => call(() => api.addStation(station)),
    addOffice: (office: NewOfficeInput) => call(() => api.addOffice(office)),
    setCollective: (collective: CollectiveInput) => call(() => api.setCollective(collective)),
    /** The drafting desk (issue 5): drafts the user owns or must clear or approve. */
    listDrafts: () => call(() => api.listDrafts()),
    /** A new draft at the user's post, or a reply that starts from a cable the user may read. */
    createDraft: (options: CreateDraftInput) => call(() => api.createDraft(options)),
    getDraft: (id: number) => call(() => api.getDraft({ id })),
    /**
     * Autosave; CONFLICT when the draft changed since `revision`. Returns the rule checker's findings.
     * The domain's Draft is deeply readonly; the schema's input type is the same shape, mutable.
     */
    saveDraft: (id: number, revision: number, draft: Draft) =>
      call(() => api.saveDraft({ id, revision, draft: draft as InputOf<'saveDraft'>['draft'] })),
    /** The drafter signs with their passphrase (WRONG_PASSPHRASE signs nothing). */
    submitDraft: (id: number, revision: number, passphrase: string) =>
      call(() => api.submitDraft({ id, revision, passphrase })),
    clearDraft: (id: number, revision: number, clearanceIndex: number, passphrase: string) =>
      call(() => api.clearDraft({ id, revision, clearanceIndex, passphrase })),
    refuseDraft: (id: number, revision: number, clearanceIndex: number, comment: string) =>
      call(() => api.refuseDraft({ id, revision, clearanceIndex, comment })),
    /** The approver signs and the cable is released. */
    approveDraft: (id: number, revision: number, passphrase: string) =>
      call(() => api.approveDraft({ id, revision, passphrase })),
    discardDraft: async (id: number): Promise<void> => {
      await call(() => api.discardDraft({ id }));
    },
    authorizeDowngrade: (id: number, reason: string) => call(() => api.authorizeDowngrade({ id, reason })),
    composerDirectory: () => call(() => api.composerDirectory()),
    /** The cable the draft would be if released now, or why release would refuse it (issue 14 item 5). */
    previewDraft: (id: number) => call(() => api.previewDraft({ id })),
    /** A signed bundle of released cables (issue 6), signed by the user with their passphrase. */
    exportBundle: (cableIds: ReadonlyArray<number>, passphrase: string) =>
      call(() => api.exportBundle({ cableIds: [...cableIds], passphrase })),
    /** Verifies a bundle file against the known public keys and imports all of it, or nothing. */
    importBundle: (bytes: Uint8Array<ArrayBuffer>) => call(() => api.importBundle({ bytes })),
    /** Starts importing FRUS TEI files in main (instructors, admins); poll with frusImportStatus. */
    startFrusImport: (files: ReadonlyArray<Readonly<{ name: string; bytes: Uint8Array<ArrayBuffer> }>>) =>
      call(() => api.startFrusImport({ files: files.map((f) => ({ name: f.name, bytes: f.bytes })) })),
    frusImportStatus: (jobId: number) => call(() => api.frusImportStatus({ jobId })),
    /** Unread deliveries and drafts waiting for the user (issue 14 item 2). */
    workCounts: () => call(() => api.workCounts()),
    /** The exercise as the caller may see it (issue 10), and for instructors the scenarios to start. */
    exerciseStatus: () => call(() => api.exerciseStatus()),
    /** The instructor's controls: start, pause, resume, rate, shift, trigger, skip, end. */
    exerciseControl: (control: ExerciseControl) => call(() => api.exerciseControl(control)),
    /** The whole score (instructors), or a trainee's own part once the exercise has ended. */
    exerciseScore: (exercise: number) => call(() => api.exerciseScore({ exercise })),
    /** The dashboard's feed of the exercise's events, newest first. */
    exerciseFeed: (exercise: number, limit: number) => call(() => api.exerciseFeed({ exercise, limit })),
    /** A trainee's answers to the debrief questions (audited as EXERCISE_DEBRIEF). */
    exerciseDebrief: (exercise: number, answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>) =>
      call(() => api.exerciseDebrief({ exercise, answers: answers.map((a) => ({ ...a })) })),
    /** The after-action report as PDF: the whole class's, or one trainee's copy. */
    exerciseReport: (exercise: number, trainee?: string) =>
      call(() => api.exerciseReport(trainee === undefined ? { exercise } : { exercise, trainee })),
    /** This machine's classroom connection (issue 11): state, queue, what was received. */
    classroomStatus: () => call(() => api.classroomStatus()),
    /** Joins this machine to a classroom as the signed-in account, and connects. */
    classroomJoin: (request: Readonly<{ url: string; password: string; passphrase: string }>) =>
      call(() => api.classroomJoin({ ...request })),
    /** Connects with the joined account's passphrase (after a restart). */
    classroomConnect: (request: Readonly<{ passphrase: string }>) => call(() => api.classroomConnect({ ...request })),
    /** Starts verifying every signed cable in main (issue 15 item 3; instructors, admins); poll with integrityStatus. */
    startIntegrityCheck: () => call(() => api.startIntegrityCheck()),
    /** The run's progress and the failures found from index `after` on (only cables the user may read). */
    integrityStatus: (runId: number, after: number) => call(() => api.integrityStatus({ runId, after })),
    /** Cancels the user's own run; answers once it has stopped (state cancelled), with all its failures. */
    cancelIntegrityCheck: (runId: number) => call(() => api.cancelIntegrityCheck({ runId })),
    /** What main pushes to this window (issue 14 item 1): hints to fetch again; returns the unsubscribe. */
    onPush: (listener: PushListener): (() => void) => api.onPush(listener),
  });
}

/**
 * The renderer's typed client over `window.cableroom`: every call unwraps its result envelope
 * into the value, or throws an `ApiError` carrying the contract's error code (STYLE.md §4).
 */
export type CableroomClient = ReturnType<typeof createClient>;

/** A client whose every call fails with BRIDGE_MISSING, so the UI can say what is wrong. */
export function missingBridgeClient(): CableroomClient {
  return createClient(
    buildCableroomApi(() =>
      Promise.reject(
        new ApiError('BRIDGE_MISSING', 'Cableroom is not connected: open it from the Cableroom application.'),
      ),
    ),
  );
}

/** Where a tab served by `cableroom serve` keeps its resume secret (sessionStorage: this tab only). */
const RESUME_STORAGE_KEY = 'cableroom-serve-resume';

/**
 * `window.cableroom` when `cableroom serve` served the page (its index.html carries the transport
 * `<meta>`; issue 14 item 9): built by the same `buildCableroomApi` as the preload, over this
 * page's WebSocket to the server, and installed as the preload's object is (frozen, not writable),
 * so the page sees one API whichever shell it runs in. Undefined on any other page.
 * The tab keeps the server's resume secret in sessionStorage (this tab only, gone with it), so a
 * reload takes up the tab's session, as a reload of the Electron window keeps its sign-in.
 */
function installServedBridge(): CableroomApi | undefined {
  const meta = document.querySelector(`meta[name="${TRANSPORT_META_NAME}"]`);
  if (meta?.getAttribute('content') !== 'websocket') return undefined;
  const url = new URL(WIRE_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const resume = sessionStorage.getItem(RESUME_STORAGE_KEY);
  if (resume) url.searchParams.set(RESUME_PARAM, resume);
  const transport = webSocketTransport(
    new WebSocket(url),
    () =>
      new ApiError(
        'BRIDGE_MISSING',
        'The connection to `cableroom serve` has closed: start it again and open the address it prints.',
      ),
    (secret) => sessionStorage.setItem(RESUME_STORAGE_KEY, secret),
  );
  const api = buildCableroomApi(transport.invoke, transport.onPush);
  Object.defineProperty(window, 'cableroom', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}

/**
 * The client for this window (read once): the bridge the preload or the e2e harness installed
 * before any page script ran, else the WebSocket of `cableroom serve`, else none.
 */
export function clientFromWindow(): CableroomClient {
  const api = window.cableroom ?? installServedBridge();
  return api ? createClient(api) : missingBridgeClient();
}
