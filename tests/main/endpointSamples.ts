import type { EndpointName, InputOf } from '../../electron/contract/ipc';
import { emptyDraft } from '../../electron/domain/draft';

/**
 * One input per endpoint of the contract that passes its schema. Typed over every endpoint, so a
 * new endpoint does not compile here until it has a sample, and the gate and fuzz tests cover it
 * at once. Ids point at nothing (999999) and logins at nobody, so a call that reaches core is
 * cheap (no scrypt) and changes nothing worth keeping.
 */
const MISSING = 999_999;

export const ENDPOINT_SAMPLES: { readonly [K in EndpointName]: InputOf<K> } = {
  listUsers: {},
  signIn: { login: 'nobody', passphrase: 'not the passphrase' },
  signOut: {},
  currentUser: {},
  installation: {},
  listInbox: { cursor: null, limit: 10 },
  listAlerts: {},
  acknowledge: { deliveryId: MISSING },
  markRead: { deliveryId: MISSING },
  showCable: { cableId: MISSING },
  cableVerdict: { cableId: MISSING },
  searchCables: { query: 'Khrushchev', limit: 10 },
  recordPrint: { cableId: MISSING, format: 'paper' },
  exportCable: { cableId: MISSING },
  listAudit: { limit: 10 },
  showDistribution: { cableId: MISSING },
  recordDistributionExport: { cableId: MISSING, format: 'svg' },
  trafficVolumes: {},
  volumeTraffic: { volume: 'frus1961-63v11' },
  recordTrafficExport: { volume: 'frus1961-63v11', format: 'svg' },
  executePass: { cableId: MISSING },
  repeatCable: { cableId: MISSING, to: ['AMEMBASSY MOSCOW'], note: 'fuzz' },
  listPosts: {},
  readDirectory: {},
  addStation: { plad: 'AMEMBASSY NOWHERE', name: 'Embassy Nowhere', shortName: 'Nowhere', kind: 'EMBASSY' },
  addOffice: { plad: 'AMEMBASSY NOWHERE', code: 'POL', name: 'Political Section' },
  setCollective: { name: 'NOWHERE POSTS', description: null, members: ['AMEMBASSY NOWHERE'] },
  listAccounts: {},
  createAccount: {
    login: 'fuzzed',
    displayName: 'Fuzzed Account',
    post: 'AMEMBASSY NOWHERE',
    role: 'trainee',
    clearance: 'CONFIDENTIAL',
    passphrase: 'a long enough passphrase',
  },
  updateAccount: { login: 'nobody', clearance: 'TOP_SECRET' },
  listDrafts: {},
  createDraft: { replyTo: MISSING },
  getDraft: { id: MISSING },
  saveDraft: {
    id: MISSING,
    revision: 1,
    draft: emptyDraft('MODERN', { plad: 'AMEMBASSY PARIS' }, 'trainee') as InputOf<'saveDraft'>['draft'],
  },
  submitDraft: { id: MISSING, revision: 1, passphrase: 'not the passphrase' },
  clearDraft: { id: MISSING, revision: 1, clearanceIndex: 0, passphrase: 'not the passphrase' },
  refuseDraft: { id: MISSING, revision: 1, clearanceIndex: 0, comment: 'not cleared' },
  approveDraft: { id: MISSING, revision: 1, passphrase: 'not the passphrase' },
  discardDraft: { id: MISSING },
  previewDraft: { id: MISSING },
  authorizeDowngrade: { id: MISSING, reason: 'declassified by review' },
  composerDirectory: {},
  exerciseStatus: {},
  exerciseControl: { action: 'trigger', inject: 'no-such-inject' },
  exerciseScore: { exercise: MISSING },
  exerciseFeed: { exercise: MISSING, limit: 10 },
  exerciseDebrief: { exercise: MISSING, answers: [{ question: 'why-ack', answer: 'fuzz' }] },
  exerciseReport: { exercise: MISSING },
  exportBundle: { cableIds: [MISSING], passphrase: 'not the passphrase' },
  importBundle: { bytes: new TextEncoder().encode('CABLEROOM-BUNDLE-1\nnot a bundle') },
  startFrusImport: { files: [{ name: 'volume.xml', bytes: new TextEncoder().encode('<TEI/>') }] },
  frusImportStatus: { jobId: MISSING },
  workCounts: {},
  classroomStatus: {},
  classroomJoin: {
    url: 'postgres://127.0.0.1:1/nowhere',
    password: 'not the password',
    passphrase: 'not the passphrase',
  },
  classroomConnect: { passphrase: 'not the passphrase' },
};
