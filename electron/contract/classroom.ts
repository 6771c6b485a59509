/**
 * The classroom as the window sees it (issue 11 items 3–4): the connection indicator in the app
 * bar and the Classroom settings screen. No password ever crosses IPC outward; the server URL
 * is shown without one.
 */
export type ClassroomState = 'not-joined' | 'stopped' | 'connecting' | 'online' | 'offline';

export type ClassroomView = Readonly<{
  joined: boolean;
  /** postgres://LOGIN@HOST:PORT/DATABASE, never with a password. */
  server: string | null;
  login: string | null;
  state: ClassroomState;
  /** Cables and events waiting to be sent (the app works offline). */
  queued: number;
  cursor: number;
  applied: number;
  refused: number;
  lastError: string | null;
  lastSyncAt: string | null;
  /** The signed-in account joined this machine and may connect it with its passphrase. */
  canConnect: boolean;
}>;
