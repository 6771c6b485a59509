import type { ErrorCode, Result } from '../../electron/contract/errors';
import type { CableroomApi, InputOf } from '../../electron/contract/ipc';
import type { AuditEntryView } from '../../electron/domain/audit';
import type { ComposerDirectory, Draft, DraftSummary, DraftView } from '../../electron/domain/draft';
import type { BundleExport, BundleSummary, FrusImportStatus } from '../../electron/domain/exchange';
import type {
  AccountView,
  CableExport,
  CableView,
  DirectoryView,
  Distribution,
  InboxCursor,
  InboxPage,
  InboxRow,
  PostView,
  SearchHit,
  SignedInUser,
  UserSummary,
} from '../../electron/domain/cable';

/**
 * The renderer's typed client over `window.cableroom`: every call unwraps its result envelope
 * into the value, or throws an `ApiError` carrying the contract's error code (STYLE.md §4).
 */

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

export type CableroomClient = Readonly<{
  listUsers(): Promise<ReadonlyArray<UserSummary>>;
  signIn(login: string, passphrase: string): Promise<SignedInUser>;
  signOut(): Promise<void>;
  currentUser(): Promise<SignedInUser | null>;
  listInbox(cursor: InboxCursor | null, limit: number): Promise<InboxPage>;
  showCable(cableId: number): Promise<CableView>;
  /** Unacknowledged FLASH/NIACT action deliveries at the user's post (DOMAIN.md rule 8). */
  listAlerts(): Promise<ReadonlyArray<InboxRow>>;
  acknowledge(deliveryId: number): Promise<InboxRow>;
  /** Files a delivery as read; ACK_REQUIRED while a FLASH/NIACT delivery is unacknowledged. */
  markRead(deliveryId: number): Promise<InboxRow>;
  searchCables(query: string, limit: number): Promise<ReadonlyArray<SearchHit>>;
  recordPrint(cableId: number, format: 'paper' | 'pdf'): Promise<void>;
  exportCable(cableId: number): Promise<CableExport>;
  listAudit(filter: AuditQuery): Promise<ReadonlyArray<AuditEntryView>>;
  listPosts(): Promise<ReadonlyArray<PostView>>;
  listAccounts(): Promise<ReadonlyArray<AccountView>>;
  createAccount(account: NewAccountInput): Promise<AccountView>;
  updateAccount(changes: AccountChangesInput): Promise<AccountView>;
  /** Who the cable went to and how (DOMAIN.md §1.8); only the viewer's own post's part unless they see it all. */
  showDistribution(cableId: number): Promise<Distribution>;
  /** Main checks and audits (EXPORT) an export of the distribution graph before it is saved. */
  recordDistributionExport(cableId: number, format: 'svg' | 'png'): Promise<void>;
  /** Carries out this post's pending "X PASS Y" instructions (rule 17); returns the PLADs passed to. */
  executePass(cableId: number): Promise<ReadonlyArray<string>>;
  /** Repeats the cable to stations or collectives (rule 16: approval for NODIS, EXDIS, EYES ONLY); returns the PLADs reached. */
  repeatCable(request: RepeatCableInput): Promise<ReadonlyArray<string>>;
  readDirectory(): Promise<DirectoryView>;
  addStation(station: NewStationInput): Promise<DirectoryView>;
  addOffice(office: NewOfficeInput): Promise<DirectoryView>;
  setCollective(collective: CollectiveInput): Promise<DirectoryView>;
  /** The drafting desk (issue 5): drafts the user owns or must clear or approve. */
  listDrafts(): Promise<ReadonlyArray<DraftSummary>>;
  /** A new draft at the user's post, or a reply that starts from a cable the user may read. */
  createDraft(options: CreateDraftInput): Promise<DraftView>;
  getDraft(id: number): Promise<DraftView>;
  /** Autosave; CONFLICT when the draft changed since `revision`. Returns the rule checker's findings. */
  saveDraft(id: number, revision: number, draft: Draft): Promise<DraftView>;
  /** The drafter signs with their passphrase (WRONG_PASSPHRASE signs nothing). */
  submitDraft(id: number, revision: number, passphrase: string): Promise<DraftView>;
  clearDraft(id: number, revision: number, clearanceIndex: number, passphrase: string): Promise<DraftView>;
  refuseDraft(id: number, revision: number, clearanceIndex: number, comment: string): Promise<DraftView>;
  /** The approver signs and the cable is released. */
  approveDraft(id: number, revision: number, passphrase: string): Promise<DraftView>;
  discardDraft(id: number): Promise<void>;
  authorizeDowngrade(id: number, reason: string): Promise<DraftView>;
  composerDirectory(): Promise<ComposerDirectory>;
  /** A signed bundle of released cables (issue 6), signed by the user with their passphrase. */
  exportBundle(cableIds: ReadonlyArray<number>, passphrase: string): Promise<BundleExport>;
  /** Verifies a bundle file against the known public keys and imports all of it, or nothing. */
  importBundle(bytes: Uint8Array<ArrayBuffer>): Promise<BundleSummary>;
  /** Starts importing FRUS TEI files in main (instructors, admins); poll with frusImportStatus. */
  startFrusImport(
    files: ReadonlyArray<Readonly<{ name: string; bytes: Uint8Array<ArrayBuffer> }>>,
  ): Promise<FrusImportStatus>;
  frusImportStatus(jobId: number): Promise<FrusImportStatus>;
}>;

export type CreateDraftInput = InputOf<'createDraft'>;

export type AuditQuery = InputOf<'listAudit'>;
export type NewAccountInput = InputOf<'createAccount'>;
export type AccountChangesInput = InputOf<'updateAccount'>;
export type RepeatCableInput = InputOf<'repeatCable'>;
export type NewStationInput = InputOf<'addStation'>;
export type NewOfficeInput = InputOf<'addOffice'>;
export type CollectiveInput = InputOf<'setCollective'>;

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

export function createClient(api: CableroomApi): CableroomClient {
  return Object.freeze({
    listUsers: () => call(() => api.listUsers({})),
    signIn: (login: string, passphrase: string) => call(() => api.signIn({ login, passphrase })),
    signOut: async () => {
      await call(() => api.signOut({}));
    },
    currentUser: () => call(() => api.currentUser({})),
    listInbox: (cursor: InboxCursor | null, limit: number) => call(() => api.listInbox({ cursor, limit })),
    showCable: (cableId: number) => call(() => api.showCable({ cableId })),
    listAlerts: () => call(() => api.listAlerts({})),
    acknowledge: (deliveryId: number) => call(() => api.acknowledge({ deliveryId })),
    markRead: (deliveryId: number) => call(() => api.markRead({ deliveryId })),
    searchCables: (query: string, limit: number) => call(() => api.searchCables({ query, limit })),
    recordPrint: async (cableId: number, format: 'paper' | 'pdf') => {
      await call(() => api.recordPrint({ cableId, format }));
    },
    exportCable: (cableId: number) => call(() => api.exportCable({ cableId })),
    listAudit: (filter: AuditQuery) => call(() => api.listAudit(filter)),
    listPosts: () => call(() => api.listPosts({})),
    listAccounts: () => call(() => api.listAccounts({})),
    createAccount: (account: NewAccountInput) => call(() => api.createAccount(account)),
    updateAccount: (changes: AccountChangesInput) => call(() => api.updateAccount(changes)),
    showDistribution: (cableId: number) => call(() => api.showDistribution({ cableId })),
    recordDistributionExport: async (cableId: number, format: 'svg' | 'png') => {
      await call(() => api.recordDistributionExport({ cableId, format }));
    },
    executePass: (cableId: number) => call(() => api.executePass({ cableId })),
    repeatCable: (request: RepeatCableInput) => call(() => api.repeatCable(request)),
    readDirectory: () => call(() => api.readDirectory({})),
    addStation: (station: NewStationInput) => call(() => api.addStation(station)),
    addOffice: (office: NewOfficeInput) => call(() => api.addOffice(office)),
    setCollective: (collective: CollectiveInput) => call(() => api.setCollective(collective)),
    listDrafts: () => call(() => api.listDrafts({})),
    createDraft: (options: CreateDraftInput) => call(() => api.createDraft(options)),
    getDraft: (id: number) => call(() => api.getDraft({ id })),
    // The domain's Draft is deeply readonly; the schema's input type is the same shape, mutable.
    saveDraft: (id: number, revision: number, draft: Draft) =>
      call(() => api.saveDraft({ id, revision, draft: draft as InputOf<'saveDraft'>['draft'] })),
    submitDraft: (id: number, revision: number, passphrase: string) =>
      call(() => api.submitDraft({ id, revision, passphrase })),
    clearDraft: (id: number, revision: number, clearanceIndex: number, passphrase: string) =>
      call(() => api.clearDraft({ id, revision, clearanceIndex, passphrase })),
    refuseDraft: (id: number, revision: number, clearanceIndex: number, comment: string) =>
      call(() => api.refuseDraft({ id, revision, clearanceIndex, comment })),
    approveDraft: (id: number, revision: number, passphrase: string) =>
      call(() => api.approveDraft({ id, revision, passphrase })),
    discardDraft: async (id: number) => {
      await call(() => api.discardDraft({ id }));
    },
    authorizeDowngrade: (id: number, reason: string) => call(() => api.authorizeDowngrade({ id, reason })),
    composerDirectory: () => call(() => api.composerDirectory({})),
    exportBundle: (cableIds: ReadonlyArray<number>, passphrase: string) =>
      call(() => api.exportBundle({ cableIds: [...cableIds], passphrase })),
    importBundle: (bytes: Uint8Array<ArrayBuffer>) => call(() => api.importBundle({ bytes })),
    startFrusImport: (files: ReadonlyArray<Readonly<{ name: string; bytes: Uint8Array<ArrayBuffer> }>>) =>
      call(() => api.startFrusImport({ files: files.map((f) => ({ name: f.name, bytes: f.bytes })) })),
    frusImportStatus: (jobId: number) => call(() => api.frusImportStatus({ jobId })),
  });
}

/** A client whose every call fails with BRIDGE_MISSING, so the UI can say what is wrong. */
function missingBridgeClient(): CableroomClient {
  const fail = (): Promise<never> =>
    Promise.reject(
      new ApiError('BRIDGE_MISSING', 'Cableroom is not connected: open it from the Cableroom application.'),
    );
  return Object.freeze({
    listUsers: fail,
    signIn: fail,
    signOut: fail,
    currentUser: fail,
    listInbox: fail,
    showCable: fail,
    listAlerts: fail,
    acknowledge: fail,
    markRead: fail,
    searchCables: fail,
    recordPrint: fail,
    exportCable: fail,
    listAudit: fail,
    listPosts: fail,
    listAccounts: fail,
    createAccount: fail,
    updateAccount: fail,
    showDistribution: fail,
    recordDistributionExport: fail,
    executePass: fail,
    repeatCable: fail,
    readDirectory: fail,
    addStation: fail,
    addOffice: fail,
    setCollective: fail,
    listDrafts: fail,
    createDraft: fail,
    getDraft: fail,
    saveDraft: fail,
    submitDraft: fail,
    clearDraft: fail,
    refuseDraft: fail,
    approveDraft: fail,
    discardDraft: fail,
    authorizeDowngrade: fail,
    composerDirectory: fail,
    exportBundle: fail,
    importBundle: fail,
    startFrusImport: fail,
    frusImportStatus: fail,
  });
}

/** The client for this window (read once: the bridge is installed before any page script runs). */
export function clientFromWindow(): CableroomClient {
  const api = window.cableroom;
  return api ? createClient(api) : missingBridgeClient();
}
