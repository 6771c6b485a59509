/**
 * The IPC channel names, one per endpoint of the contract. Kept apart from the zod schemas
 * (`ipc.ts`) so that the sandboxed preload bundles names only, not a validation library.
 */
export const CHANNELS = {
  listUsers: 'session:list-users',
  signIn: 'session:sign-in',
  signOut: 'session:sign-out',
  currentUser: 'session:current',
  installation: 'session:installation',
  listInbox: 'inbox:list',
  listAlerts: 'inbox:alerts',
  acknowledge: 'delivery:acknowledge',
  markRead: 'delivery:mark-read',
  showCable: 'cable:show',
  cableVerdict: 'cable:verdict',
  searchCables: 'cable:search',
  recordPrint: 'cable:record-print',
  exportCable: 'cable:export',
  listAudit: 'audit:list',
  showDistribution: 'routing:distribution',
  recordDistributionExport: 'routing:record-export',
  executePass: 'routing:pass',
  repeatCable: 'routing:repeat',
  listPosts: 'directory:list-posts',
  readDirectory: 'directory:read',
  addStation: 'directory:add-station',
  addOffice: 'directory:add-office',
  setCollective: 'directory:set-collective',
  listAccounts: 'accounts:list',
  createAccount: 'accounts:create',
  updateAccount: 'accounts:update',
  listDrafts: 'drafts:list',
  createDraft: 'drafts:create',
  getDraft: 'drafts:get',
  saveDraft: 'drafts:save',
  submitDraft: 'drafts:submit',
  clearDraft: 'drafts:clear',
  refuseDraft: 'drafts:refuse',
  approveDraft: 'drafts:approve',
  discardDraft: 'drafts:discard',
  authorizeDowngrade: 'drafts:authorize-downgrade',
  composerDirectory: 'drafts:directory',
  previewDraft: 'drafts:preview',
  exportBundle: 'exchange:export-bundle',
  importBundle: 'exchange:import-bundle',
  startFrusImport: 'import:frus-start',
  frusImportStatus: 'import:frus-status',
  trafficVolumes: 'traffic:volumes',
  volumeTraffic: 'traffic:volume',
  recordTrafficExport: 'traffic:record-export',
  workCounts: 'session:work-counts',
  exerciseStatus: 'exercise:status',
  exerciseControl: 'exercise:control',
  exerciseScore: 'exercise:score',
  exerciseFeed: 'exercise:feed',
  exerciseDebrief: 'exercise:debrief',
  exerciseReport: 'exercise:report',
  classroomStatus: 'classroom:status',
  classroomJoin: 'classroom:join',
  classroomConnect: 'classroom:connect',
} as const;

/** The one channel main pushes on (issue 14 item 1): see push.ts. */
export { PUSH_CHANNEL } from './push';

export type EndpointName = keyof typeof CHANNELS;

export const ENDPOINT_NAMES = Object.keys(CHANNELS) as EndpointName[];
