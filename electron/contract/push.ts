/**
 * Push from main to the window (issue 14 item 1; /work/notes/push-design.md): one channel, and
 * events that are hints only — something the signed-in user may see has changed, with counts —
 * never a ref, subject, marking or text. The window fetches what changed through the ordinary,
 * access-checked endpoints. Kept free of zod, like channels.ts, so the preload stays small.
 */
export const PUSH_CHANNEL = 'cableroom:push';

export type PushEvent = Readonly<
  /** Deliveries the user may see arrived at their post (`arrived` of them), or their read state changed (0). */
  | { kind: 'inbox'; arrived: number }
  /** FLASH/NIACT deliveries waiting for this user's post's acknowledgement arrived (counts), or one was acknowledged (0, 0). */
  | { kind: 'alerts'; flash: number; niact: number }
  /** A draft the user owns or stands in the chain of changed: who it waits for may have changed. */
  | { kind: 'drafts' }
  /** A FRUS import the user started has finished. */
  | { kind: 'import'; jobId: number }
  /**
   * The exercise changed (issue 10): started, paused, resumed, rate, shift, an inject fired or
   * skipped, ended. Sent to every signed-in user — the scenario clock is everyone's time — with
   * the id only; `exerciseStatus` says what the user may see of it.
   */
  | { kind: 'exercise'; exerciseId: number }
  /** The classroom connection changed (issue 11): online, offline, queued; `classroomStatus` says how. */
  | { kind: 'classroom' }
>;

export type PushListener = (event: PushEvent) => void;

/** What the navigation and the app bar count for the signed-in user (issue 14 item 2). */
export type WorkCounts = Readonly<{
  /** Unread deliveries the user may see, at most `UNREAD_COUNT_CAP`. */
  unread: number;
  /** More unread than `unread` says ("999+"). */
  unreadCapped: boolean;
  /** Drafts waiting for the user: to edit, clear or approve. */
  draftsWaiting: number;
}>;
