import type { ClassroomView } from './classroom';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditPage } from '../domain/audit';
import {
  ERA_PROFILES,
  STATION_KINDS,
  USER_ROLES,
  type AccountView,
  type DirectoryView,
  type CableExport,
  type CableView,
  type Distribution,
  type InboxPage,
  type InboxRow,
  type PostView,
  type SearchHit,
  type SignedInUser,
  type UserSummary,
} from '../domain/cable';
import { CAPTIONS } from '../domain/captions';
import type { ChainView } from '../domain/chain';
import type { ComposerDirectory, DraftSummary, DraftView } from '../domain/draft';
import type { BundleExport, BundleSummary, FrusImportStatus } from '../domain/exchange';
import { MAX_LISTED_FAILURES, type IntegrityRun } from '../domain/integrity';
import type { TrafficVolume, VolumeTraffic } from '../domain/traffic';
import type { Classification } from '../domain/classification';
import type {
  ExerciseScore,
  ExerciseStatus,
  ObjectiveScore,
  ScoreVerdict,
  VerdictCounts,
} from '../domain/exercise/score';
import { draftSchema } from './draft';
import { CLEARANCE_LEVELS } from '../domain/classification';
import { CHANNELS, ENDPOINT_NAMES, type EndpointName } from './channels';
import type { WorkCounts } from './push';

/**
 * The IPC contract: one table of endpoints, each with its channel name, its input schema and its
 * output type. The router in main parses every input against these schemas; the preload and
 * the test harness both build `window.cableroom` from the channel table with `buildCableroomApi`.
 *
 * Payloads are plain objects, arrays, primitives and Uint8Array only (ARCHITECTURE.md: both
 * Electron's structured clone and Playwright's serializer carry those unchanged).
 */
type Endpoint<I extends z.ZodType, O, P extends boolean = boolean> = Readonly<{
  channel: string;
  input: I;
  /**
   * Whether a signed-out window may call it (issue 13 item 12). The router checks sign-in before
   * it reads the input of every other endpoint and hands their handlers the signed-in actor.
   */
  public: P;
  _output?: O;
}>;

/** An endpoint for signed-in users only: the router refuses it with NOT_SIGNED_IN before dispatch. */
function endpoint<O>() {
  return <K extends EndpointName, I extends z.ZodType>(name: K, input: I): Endpoint<I, O, false> => ({
    channel: CHANNELS[name],
    input,
    public: false,
  });
}

/** One of the few endpoints a signed-out window needs: choosing a persona and signing in. */
function publicEndpoint<O>() {
  return <K extends EndpointName, I extends z.ZodType>(name: K, input: I): Endpoint<I, O, true> => ({
    channel: CHANNELS[name],
    input,
    public: true,
  });
}

/**
 * A draft as its release would write it now (issue 14 item 5; core/cables/releasePreview.ts): the
 * cable — the same read model as a released cable's, with no id and no signatures yet — or, when
 * release would refuse the draft as it stands, why.
 */
export type DraftPreview = Readonly<{
  draftId: number;
  /** The revision previewed: the composer asks again when the draft moves on. */
  revision: number;
  cable: CableView | null;
  refusal: string | null;
}>;

/** What the window may know of the installation before anyone signs in. */
export type InstallationInfo = Readonly<{
  /** Seeded with `--demo`: every account keeps the published training passphrase (issue 13 item 8). */
  demo: boolean;
}>;

const login = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'logins are lowercase letters, digits, ".", "_" and "-"');
const id = z.number().int().positive();
const none = z.object({}).strict();
const isoInstant = z.iso.datetime({ offset: true });
const category = z.string().regex(/^[A-Z0-9][A-Z0-9 _-]{0,31}$/, 'categories are upper-case words');
/** Largest file the renderer may hand to main (a FRUS volume is 5–10 MB). */
const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
// A signing passphrase: it unseals the signer's key in main and is never stored or logged.
const passphrase = z.string().min(1).max(1024);
const nationality = z.string().regex(/^[A-Z]{3}$/, 'a nationality is an ISO 3166 alpha-3 code such as GBR');

/** A scenario id in resources/scenarios, as in its document ("tutorial", "black-saturday"). */
const scenarioId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a scenario id is letters, digits, ".", "_", "-"');
/** Largest scenario document the renderer may upload (JSON text). */
const MAX_SCENARIO_CHARS = 8 * 1024 * 1024;

/**
 * What the instructor's dashboard asks of the exercise engine (issue 10 item 5). `start` takes a
 * shipped scenario (resources/scenarios) or an uploaded document (its JSON text) and assigns the
 * scenario's roles to logins (a role left out is played by its persona).
 */
export const exerciseControlSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('start'),
      scenario: z.union([
        z.object({ shipped: scenarioId }).strict(),
        z.object({ document: z.string().min(2).max(MAX_SCENARIO_CHARS) }).strict(),
      ]),
      rate: z.number().positive().max(1440).optional(),
      assignments: z.record(scenarioId, login).default({}),
    })
    .strict(),
  z.object({ action: z.literal('pause') }).strict(),
  z.object({ action: z.literal('resume') }).strict(),
  z.object({ action: z.literal('rate'), rate: z.number().positive().max(1440) }).strict(),
  z
    .object({
      action: z.literal('shift'),
      minutes: z
        .number()
        .int()
        .min(-100_000)
        .max(100_000)
        .refine((m) => m !== 0),
    })
    .strict(),
  z.object({ action: z.literal('trigger'), inject: scenarioId }).strict(),
  z.object({ action: z.literal('skip'), inject: scenarioId }).strict(),
  z.object({ action: z.literal('end') }).strict(),
]);

/** The scenario clock as anyone may see it (issue 10: trainees see it in the app bar). */
export type ExerciseClockView = Readonly<{
  exercise: number;
  title: string;
  status: 'RUNNING' | 'PAUSED' | 'ENDED';
  /** Scenario minutes per real minute. */
  rate: number;
  /** The scenario start (ISO 8601). */
  start: string;
  /** Scenario time when the view was made (ISO 8601), and as a DTG. */
  now: string;
  dtg: string;
  /**
   * The real time the view was made (ISO 8601): while RUNNING the clock reads
   * now + (real time − realAt) × rate, never past `end`.
   */
  realAt: string;
  /** Where the clock stops (ISO 8601 scenario time). */
  end: string;
}>;

/** One inject as the instructor's dashboard shows it; never sent to a trainee. */
export type ExerciseInjectView = Readonly<{
  id: string;
  /** The cable's reference and label. */
  ref: string;
  classification: string;
  /** The posts it goes to: `deliverTo`, else the cable's addressees (PLADs or collectives). */
  to: ReadonlyArray<string>;
  state: 'PENDING' | 'FIRED' | 'SKIPPED';
  /** What a pending inject waits for: its time, the instructor, its predecessor, an expectation. */
  waiting: 'TIME' | 'TRIGGER' | 'PREDECESSOR' | 'EXPECTATION' | null;
  /** Scenario ms since the start and the instant (ISO 8601) it is due; null while it has no time. */
  dueMs: number | null;
  due: string | null;
  /** When it fired or was skipped (scenario ms, ISO 8601). */
  doneMs: number | null;
  done: string | null;
  how: 'SCHEDULE' | 'TRIGGER' | 'SKIP' | null;
  /** The cable it delivered, once fired. */
  cableId: number | null;
  after: Readonly<{ inject: string; expectation: string | null; delay: number }> | null;
  unless: string | null;
  manual: boolean;
  objectives: ReadonlyArray<string>;
  controllerNote: string | null;
  /** Why it could not be delivered at its last attempt (it is tried again on every tick). */
  problem: string | null;
}>;

export type ExerciseAssignmentView = Readonly<{
  role: string;
  post: string;
  function: string;
  login: string;
  displayName: string;
}>;

export type ExerciseExpectationView = Readonly<{
  id: string;
  kind: string;
  inject: string | null;
  who: string;
  mode: 'all' | 'any';
  /** Scenario minutes; null for `never`. */
  within: number | null;
  points: number;
  objective: string | null;
}>;

/**
 * The exercise as the caller may see it. Instructors and admins: everything — clock, injects with
 * their states and times, assignments, expectations. Everyone else: the clock and the title only,
 * and the role they play (trainees never see the event list: EXERCISES.md §5).
 */
export type ExerciseStatusView =
  | Readonly<{
      view: 'instructor';
      clock: ExerciseClockView;
      scenarioId: string;
      summary: string;
      startedBy: string;
      startedAt: string;
      endedAt: string | null;
      injects: ReadonlyArray<ExerciseInjectView>;
      assignments: ReadonlyArray<ExerciseAssignmentView>;
      /** Roles nobody plays (no persona, nobody assigned): their posts still receive traffic. */
      unplayed: ReadonlyArray<string>;
      expectations: ReadonlyArray<ExerciseExpectationView>;
      objectives: ReadonlyArray<Readonly<{ id: string; text: string; weight: number }>>;
    }>
  | Readonly<{
      view: 'trainee';
      clock: ExerciseClockView;
      /** The role the caller plays in it, if any. */
      role: Readonly<{ role: string; post: string; function: string }> | null;
    }>;

/**
 * A scenario shipped with the app (resources/scenarios), for the instructor's start picker, with
 * its roles (one picker each: who plays it; `persona` is the login that plays it when nobody is
 * assigned).
 */
export type ShippedScenario = Readonly<{
  id: string;
  title: string;
  summary: string;
  roles: ReadonlyArray<Readonly<{ id: string; post: string; function: string; persona?: string }>>;
}>;

export type ExerciseStatusResult = Readonly<{
  /** The running (or paused) exercise, else the latest one the caller may see; null if none. */
  exercise: ExerciseStatusView | null;
  /** Instructors and admins: the scenarios they may start. Empty for everyone else. */
  scenarios: ReadonlyArray<ShippedScenario>;
}>;

/** A trainee's latest answers to the debrief questions (EXERCISE_DEBRIEF; the report attaches them). */
export type ExerciseDebriefAnswers = Readonly<{
  login: string;
  /** The audit entry that holds them. */
  seq: number;
  /** In the scenario's order: the question's text and the answer (blank questions left out). */
  answers: ReadonlyArray<Readonly<{ question: string; answer: string }>>;
}>;

export type ExerciseDebriefQuestion = Readonly<{ id: string; question: string }>;

/** A moment in scenario time: its DTG and scenario ms since the start. */
export type ExerciseMoment = Readonly<{ dtg: string; ms: number }>;

/**
 * The score as the caller may see it (issue 10 items 4–6). Instructors and admins: the whole
 * score at any time, with every trainee's latest debrief. A trainee who played: only their own
 * part, once the exercise has ended — the after-action report's trainee copy, where a cable the
 * trainee may not see is never named (rule 18); before the end it is refused.
 */
export type ExerciseScoreView =
  | Readonly<{
      view: 'instructor';
      score: ExerciseScore;
      questions: ReadonlyArray<ExerciseDebriefQuestion>;
      answers: ReadonlyArray<ExerciseDebriefAnswers>;
    }>
  | Readonly<{
      view: 'trainee';
      exercise: number;
      title: string;
      status: ExerciseStatus;
      /** Of the cables this view quotes (rule 25): the screen's banner. */
      classification: Classification;
      banner: string;
      login: string;
      name: string;
      role: string;
      post: string;
      /** Weighted over objectives, 0–100 (may fall below 0 with penalties). */
      score: number;
      points: number;
      possible: number;
      counts: VerdictCounts;
      timeline: ReadonlyArray<
        Readonly<{
          inject: string;
          /** Null: a cable this trainee may not see. */
          cable: Readonly<{ ref: string; subject: string; banner: string }> | null;
          delivered: ExerciseMoment;
          opened: ExerciseMoment | null;
          acknowledged: ExerciseMoment | null;
          passed: ExerciseMoment | null;
          replied: ExerciseMoment | null;
        }>
      >;
      expectations: ReadonlyArray<
        Readonly<{
          expectation: string;
          kind: string;
          objective: string | null;
          verdict: ScoreVerdict;
          points: number;
          possible: number;
          at: ExerciseMoment | null;
          note: string;
        }>
      >;
      /** Each mistake with its DOMAIN.md rule and teaching text. */
      mistakes: ReadonlyArray<
        Readonly<{
          expectation: string;
          rule: number;
          teaching: string;
          points: number;
          at: ExerciseMoment | null;
          note: string;
        }>
      >;
      objectives: ReadonlyArray<ObjectiveScore>;
      questions: ReadonlyArray<ExerciseDebriefQuestion>;
      answers: ExerciseDebriefAnswers | null;
    }>;

/** One line of the instructor's live feed: an inject delivered, or what a trainee did. */
export type ExerciseFeedEntry = Readonly<{
  seq: number;
  scenarioMs: number;
  dtg: string;
  kind: 'inject' | 'act';
  /** The trainee (null for an inject). */
  login: string | null;
  role: string | null;
  post: string | null;
  /** The audit action ('INJECT' for an inject). */
  action: string;
  /** The inject the act was about, when it was about one. */
  inject: string | null;
  ref: string | null;
  what: string;
}>;

/** How far the trainees at a post got with an inject: the first of each act (scenario ms). */
export type ExerciseProgress = Readonly<{
  post: string;
  inject: string;
  opened: number | null;
  acknowledged: number | null;
  passed: number | null;
  replied: number | null;
}>;

/** The dashboard's feed (instructors): newest first, at most `limit` of `total`. */
export type ExerciseFeed = Readonly<{
  exercise: number;
  headSeq: number;
  total: number;
  entries: ReadonlyArray<ExerciseFeedEntry>;
  progress: ReadonlyArray<ExerciseProgress>;
}>;

/** The after-action report as a file to save (issue 10 item 6). */
export type ExerciseReportFile = Readonly<{
  filename: string;
  mediaType: 'application/pdf';
  /** The banner on every page (the highest classification the copy quotes). */
  banner: string;
  bytes: Uint8Array;
}>;

export const inboxCursorSchema = z.object({ deliveredAt: z.string().min(1).max(40), deliveryId: id }).strict();

export const CONTRACT = {
  // Public: what the sign-in screen needs. Everything else is for signed-in users only.
  listUsers: publicEndpoint<ReadonlyArray<UserSummary>>()('listUsers', none),
  signIn: publicEndpoint<SignedInUser>()(
    'signIn',
    z.object({ login, passphrase: z.string().min(1).max(1024) }).strict(),
  ),
  signOut: publicEndpoint<null>()('signOut', none),
  currentUser: publicEndpoint<SignedInUser | null>()('currentUser', none),
  installation: publicEndpoint<InstallationInfo>()('installation', none),
  listInbox: endpoint<InboxPage>()(
    'listInbox',
    z
      .object({
        cursor: inboxCursorSchema.nullish(),
        limit: z.number().int().min(1).max(500).default(100),
        // Below the cursor (the default) or just above it, a backward cursor (issue 15 item 5).
        direction: z.enum(['older', 'newer']).default('older'),
      })
      .strict(),
  ),
  listAlerts: endpoint<ReadonlyArray<InboxRow>>()('listAlerts', none),
  acknowledge: endpoint<InboxRow>()('acknowledge', z.object({ deliveryId: id }).strict()),
  markRead: endpoint<InboxRow>()('markRead', z.object({ deliveryId: id }).strict()),
  showCable: endpoint<CableView>()('showCable', z.object({ cableId: id }).strict()),
  // A signed cable opens with its chain VERIFYING; this is its verdict (issue 15 item 2).
  cableVerdict: endpoint<ChainView | null>()('cableVerdict', z.object({ cableId: id }).strict()),
  searchCables: endpoint<ReadonlyArray<SearchHit>>()(
    'searchCables',
    z
      .object({
        query: z.string().trim().min(1).max(200),
        limit: z.number().int().min(1).max(100).default(50),
        // Newest first (the default) or "best match" (issue 15 item 4: core/services/search.ts).
        order: z.enum(['newest', 'relevance']).default('newest'),
      })
      .strict(),
  ),
  recordPrint: endpoint<null>()('recordPrint', z.object({ cableId: id, format: z.enum(['paper', 'pdf']) }).strict()),
  exportCable: endpoint<CableExport>()('exportCable', z.object({ cableId: id }).strict()),
  // The first page also carries the trail's integrity: chain, anchor, key registry (issue 13 item 4).
  listAudit: endpoint<AuditPage>()(
    'listAudit',
    z
      .object({
        login: login.optional(),
        ref: z.string().trim().min(1).max(80).optional(),
        action: z.enum(AUDIT_ACTIONS).optional(),
        from: isoInstant.optional(),
        to: isoInstant.optional(),
        beforeSeq: id.optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  showDistribution: endpoint<Distribution>()('showDistribution', z.object({ cableId: id }).strict()),
  // The graph is drawn by the renderer; main checks and audits its export (EXPORT) before it is saved.
  recordDistributionExport: endpoint<null>()(
    'recordDistributionExport',
    z.object({ cableId: id, format: z.enum(['svg', 'png']) }).strict(),
  ),
  executePass: endpoint<ReadonlyArray<string>>()('executePass', z.object({ cableId: id }).strict()),
  repeatCable: endpoint<ReadonlyArray<string>>()(
    'repeatCable',
    z
      .object({
        cableId: id,
        to: z.array(z.string().trim().min(3).max(80)).min(1).max(400),
        // Rule 16: the approver confirms with their own passphrase.
        approver: z
          .object({ login, passphrase: z.string().min(1).max(1024) })
          .strict()
          .optional(),
        note: z.string().max(500).optional(),
      })
      .strict(),
  ),
  listPosts: endpoint<ReadonlyArray<PostView>>()('listPosts', none),
  readDirectory: endpoint<DirectoryView>()('readDirectory', none),
  addStation: endpoint<DirectoryView>()(
    'addStation',
    z
      .object({
        plad: z.string().trim().min(3).max(80),
        name: z.string().trim().min(1).max(160),
        shortName: z.string().trim().min(1).max(60),
        kind: z.enum(STATION_KINDS),
        country: z
          .string()
          .regex(/^[A-Z]{3}$/)
          .nullish(),
        city: z.string().trim().max(80).nullish(),
      })
      .strict(),
  ),
  addOffice: endpoint<DirectoryView>()(
    'addOffice',
    z
      .object({
        plad: z.string().min(3).max(80),
        code: z.string().trim().min(1).max(20),
        name: z.string().trim().min(1).max(160),
      })
      .strict(),
  ),
  setCollective: endpoint<DirectoryView>()(
    'setCollective',
    z
      .object({
        name: z.string().trim().min(3).max(80),
        description: z.string().trim().max(300).nullish(),
        members: z.array(z.string().min(3).max(80)).min(1).max(1000),
      })
      .strict(),
  ),
  listAccounts: endpoint<ReadonlyArray<AccountView>>()('listAccounts', none),
  createAccount: endpoint<AccountView>()(
    'createAccount',
    z
      .object({
        login,
        displayName: z.string().trim().min(1).max(120),
        post: z.string().min(3).max(80),
        office: z.string().min(1).max(20).optional(),
        role: z.enum(USER_ROLES),
        clearance: z.enum(CLEARANCE_LEVELS),
        categories: z.array(category).max(20).default([]),
        captionRoles: z.array(z.enum(CAPTIONS)).max(20).default([]),
        foreignNational: z.boolean().default(false),
        nationality: nationality.nullish(),
        passphrase: z.string().min(1).max(1024),
      })
      .strict(),
  ),
  updateAccount: endpoint<AccountView>()(
    'updateAccount',
    z
      .object({
        login,
        role: z.enum(USER_ROLES).optional(),
        clearance: z.enum(CLEARANCE_LEVELS).optional(),
        categories: z.array(category).max(20).optional(),
        captionRoles: z.array(z.enum(CAPTIONS)).max(20).optional(),
        foreignNational: z.boolean().optional(),
        nationality: nationality.nullish(),
        disabled: z.boolean().optional(),
        passphrase: z.string().min(1).max(1024).optional(),
      })
      .strict(),
  ),
  listDrafts: endpoint<ReadonlyArray<DraftSummary>>()('listDrafts', none),
  createDraft: endpoint<DraftView>()(
    'createDraft',
    z.object({ profile: z.enum(ERA_PROFILES).optional(), replyTo: id.optional() }).strict(),
  ),
  getDraft: endpoint<DraftView>()('getDraft', z.object({ id }).strict()),
  // Autosave: the whole draft document, against the revision the editor started from.
  saveDraft: endpoint<DraftView>()('saveDraft', z.object({ id, revision: id, draft: draftSchema }).strict()),
  submitDraft: endpoint<DraftView>()('submitDraft', z.object({ id, revision: id, passphrase }).strict()),
  clearDraft: endpoint<DraftView>()(
    'clearDraft',
    z.object({ id, revision: id, clearanceIndex: z.number().int().min(0).max(19), passphrase }).strict(),
  ),
  refuseDraft: endpoint<DraftView>()(
    'refuseDraft',
    z
      .object({
        id,
        revision: id,
        clearanceIndex: z.number().int().min(0).max(19),
        comment: z.string().trim().min(1).max(1000),
      })
      .strict(),
  ),
  approveDraft: endpoint<DraftView>()('approveDraft', z.object({ id, revision: id, passphrase }).strict()),
  discardDraft: endpoint<null>()('discardDraft', z.object({ id }).strict()),
  authorizeDowngrade: endpoint<DraftView>()(
    'authorizeDowngrade',
    z.object({ id, reason: z.string().trim().min(5).max(500) }).strict(),
  ),
  composerDirectory: endpoint<ComposerDirectory>()('composerDirectory', none),
  // The cable the draft would be if released now: for whoever may open the draft (issue 14 item 5).
  previewDraft: endpoint<DraftPreview>()('previewDraft', z.object({ id }).strict()),
  // Signed bundles (issue 6): the bundle travels as text, the chosen file as bytes.
  exportBundle: endpoint<BundleExport>()(
    'exportBundle',
    z.object({ cableIds: z.array(id).min(1).max(1000), passphrase }).strict(),
  ),
  importBundle: endpoint<BundleSummary>()(
    'importBundle',
    z
      .object({ bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_UPLOAD_BYTES, 'the file is too large') })
      .strict(),
  ),
  startFrusImport: endpoint<FrusImportStatus>()(
    'startFrusImport',
    z
      .object({
        files: z
          .array(
            z
              .object({
                name: z.string().min(1).max(300),
                bytes: z.instanceof(Uint8Array).refine((b) => b.length <= MAX_UPLOAD_BYTES, 'the file is too large'),
              })
              .strict(),
          )
          .min(1)
          .max(2000),
      })
      .strict(),
  ),
  frusImportStatus: endpoint<FrusImportStatus>()('frusImportStatus', z.object({ jobId: id }).strict()),
  // The traffic of a FRUS volume (issue 12 item 5): only telegrams the caller may read.
  trafficVolumes: endpoint<ReadonlyArray<TrafficVolume>>()('trafficVolumes', none),
  volumeTraffic: endpoint<VolumeTraffic>()(
    'volumeTraffic',
    z.object({ volume: z.string().trim().min(1).max(80) }).strict(),
  ),
  recordTrafficExport: endpoint<null>()(
    'recordTrafficExport',
    z.object({ volume: z.string().trim().min(1).max(80), format: z.enum(['svg', 'png']) }).strict(),
  ),
  // Unread deliveries and drafts waiting for the user (issue 14 item 2), asked again on each push.
  workCounts: endpoint<WorkCounts>()('workCounts', none),
  // The exercise (issue 10): its status as the caller may see it, and the instructor's controls.
  exerciseStatus: endpoint<ExerciseStatusResult>()('exerciseStatus', none),
  exerciseControl: endpoint<ExerciseStatusView>()('exerciseControl', exerciseControlSchema),
  // The score (a trainee's own, once ended), the dashboard's feed, the debrief, the report's PDF.
  exerciseScore: endpoint<ExerciseScoreView>()('exerciseScore', z.object({ exercise: id }).strict()),
  exerciseFeed: endpoint<ExerciseFeed>()(
    'exerciseFeed',
    z.object({ exercise: id, limit: z.number().int().min(1).max(500).default(100) }).strict(),
  ),
  exerciseDebrief: endpoint<ExerciseDebriefAnswers>()(
    'exerciseDebrief',
    z
      .object({
        exercise: id,
        answers: z
          .array(z.object({ question: scenarioId, answer: z.string().max(4000) }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
  ),
  exerciseReport: endpoint<ExerciseReportFile>()(
    'exerciseReport',
    z.object({ exercise: id, trainee: login.optional() }).strict(),
  ),
  // The classroom (issue 11): this machine's connection to the class's exchange.
  classroomStatus: endpoint<ClassroomView>()('classroomStatus', none),
  classroomJoin: endpoint<ClassroomView>()(
    'classroomJoin',
    z
      .object({
        url: z
          .string()
          .min(1)
          .max(2000)
          .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'),
        password: z.string().min(1).max(1000),
        passphrase: z.string().min(1).max(1000),
      })
      .strict(),
  ),
  classroomConnect: endpoint<ClassroomView>()(
    'classroomConnect',
    z.object({ passphrase: z.string().min(1).max(1000) }).strict(),
  ),
  // Verifying every signed cable (issue 15 item 3): started in main, polled for progress and the
  // failures found after index `after` (instructors and admins; only cables the caller may read).
  startIntegrityCheck: endpoint<IntegrityRun>()('startIntegrityCheck', none),
  integrityStatus: endpoint<IntegrityRun>()(
    'integrityStatus',
    z.object({ runId: id, after: z.number().int().min(0).max(MAX_LISTED_FAILURES) }).strict(),
  ),
  // Cancels the caller's own run; answers once it has stopped, with all its failures so far.
  cancelIntegrityCheck: endpoint<IntegrityRun>()('cancelIntegrityCheck', z.object({ runId: id }).strict()),
} as const satisfies { [K in EndpointName]: Endpoint<z.ZodType, unknown> };

export type Contract = typeof CONTRACT;
/** The endpoints a signed-out window may call (`publicEndpoint` above). */
export type PublicEndpointName = {
  [K in EndpointName]: Contract[K]['public'] extends true ? K : never;
}[EndpointName];
/** Every public endpoint, read from the table above. */
export const PUBLIC_ENDPOINT_NAMES: ReadonlyArray<PublicEndpointName> = ENDPOINT_NAMES.filter(
  (n): n is PublicEndpointName => CONTRACT[n].public,
);
export type InputOf<K extends EndpointName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends EndpointName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends EndpointName> = Contract[K] extends Endpoint<z.ZodType, infer O> ? O : never;

export { CHANNELS, ENDPOINT_NAMES, type EndpointName } from './channels';
export { buildCableroomApi, type CableroomApi, type Invoke, type Subscribe } from './api';
export { PUSH_CHANNEL, type PushEvent, type PushListener, type WorkCounts } from './push';
