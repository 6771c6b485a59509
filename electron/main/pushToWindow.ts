import { PUSH_CHANNEL, type PushEvent } from '../contract/push';
import { arrivalNotice, type ArrivalNotice } from '../domain/arrivalNotice';

/** The parts of a web contents a push needs (Electron's `WebContents`; a fake in the tests). */
export type PushTarget = Readonly<{
  isDestroyed(): boolean;
  mainFrame: Readonly<{ url: string; send(channel: string, ...args: unknown[]): void }>;
}>;

export type PushDeps = Readonly<{
  /** `webContents.fromId`. */
  contentsById(id: number): PushTarget | undefined;
  isAppUrl(url: string): boolean;
  /** Shows a desktop notification (Electron's `Notification`). */
  notify(notice: ArrivalNotice): void;
}>;

/**
 * Delivers one push event (issue 14 item 1; notes/push-design.md) to the window the router chose:
 * to its top-level frame, and only while that frame shows the app itself (never a sub-frame, never
 * a page it was navigated to). New FLASH/NIACT traffic also raises a desktop notification whose
 * text is counts only (`arrivalNotice`: "1 FLASH cable"), since it is shown outside the banners.
 */
export function pushToWindow(senderId: string, event: PushEvent, deps: PushDeps): void {
  const contents = deps.contentsById(Number(senderId));
  if (!contents || contents.isDestroyed()) return;
  const frame = contents.mainFrame;
  if (!deps.isAppUrl(frame.url)) return;
  frame.send(PUSH_CHANNEL, event);
  if (event.kind !== 'alerts') return;
  const notice = arrivalNotice(event);
  if (notice) deps.notify(notice);
}
