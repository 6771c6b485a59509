/** Audit trail vocabulary (DOMAIN.md §8a `audit[]`), shared by core, the CLI and the renderer. */
export const AUDIT_ACTIONS = [
  'SIGN_IN',
  'SIGN_IN_FAILED',
  'SIGN_OUT',
  'VIEW',
  'DENY',
  'ACK',
  'READ',
  'PRINT',
  'EXPORT',
  'SEARCH',
  'USER_CREATE',
  'USER_UPDATE',
  'PASS',
  'REPEAT',
  'DRAFT',
  'CLEAR',
  'APPROVE',
  'RELEASE',
  'DIRECTORY_UPDATE',
  'DESIGNATE',
  'SIGN',
  'REFUSE',
  'SIGN_FAILED',
  'DOWNGRADE',
  'TAMPERED',
  'KEY_CREATE',
  'KEY_ROTATE',
  'IMPORT',
  // Migration 0009 (issue 13): the trail's anchor key, a stored signature chain, approval
  // authority designations, the installation.
  'AUDIT_ANCHOR',
  'SIGNATURE_CHAIN',
  'APPROVAL_DESIGNATE',
  'INSTALL',
  // Migration 0012 (issue 10): the exercise journal — the clock's transitions, each inject fired,
  // a trainee's debrief answers (core/exercise/journal.ts has their details).
  'EXERCISE_START',
  'EXERCISE_PAUSE',
  'EXERCISE_RESUME',
  'EXERCISE_RATE',
  'EXERCISE_SHIFT',
  'EXERCISE_TRIGGER',
  'EXERCISE_SKIP',
  'EXERCISE_END',
  'EXERCISE_INJECT',
  'EXERCISE_DEBRIEF',
  // Migration 0018 (issue 15 item 3): verifying every signed cable from the app, at its start
  // and with its summary (core/services/integrity.ts).
  'VERIFY',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = Readonly<{
  seq: number;
  at: string;
  actorUserId: number | null;
  actorLogin: string | null;
  action: AuditAction;
  cableId: number | null;
  detail: Readonly<Record<string, unknown>>;
  prevHash: string;
  hash: string;
}>;

/** An entry as the instructor's audit view shows it. */
export type AuditEntryView = AuditEntry & Readonly<{ cableRef: string | null }>;

/** A checkpoint of the trail written outside the database (issue 13 item 4): its head at a time. */
export type AuditCheckpoint = Readonly<{ seq: number; head: string; at: string }>;

/**
 * The whole trail checked — its hash chain, the anchor beside the database, the key registry —
 * as the instructor's audit view shows it. UNANCHORED: intact, but there is no anchor (a
 * database without a file).
 */
export type AuditIntegrity = Readonly<{
  verdict: 'INTACT' | 'BROKEN' | 'UNANCHORED';
  /** The latest checkpoint found beside the database. */
  checkpoint: AuditCheckpoint | null;
  entries: number;
  /** Entries written after the latest checkpoint. */
  unanchored: number;
  /** For BROKEN: the first bad entry and what is wrong. */
  firstBad: number | null;
  problem: string | null;
}>;

/** A page of the audit view; the first page also carries the trail's integrity. */
export type AuditPage = Readonly<{ entries: ReadonlyArray<AuditEntryView>; integrity: AuditIntegrity | null }>;
