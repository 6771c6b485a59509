import { Notification, webContents } from 'electron';
import { PUSH_CHANNEL, type PushEvent } from '../contract/push';
import { arrivalNotice } from '../domain/arrivalNotice';

/**
 * Delivers one push event (issue 14 item 1; notes/push-design.md) to the window the router chose:
 * to its top-level frame, and only while that frame shows the app itself (never a sub-frame, never
 * a page it was navigated to). New FLASH/NIACT traffic also raises a desktop notification whose
 * text is counts only (`arrivalNotice`: "1 FLASH cable"), since it is shown outside the banners.
 */
export function pushToWindow(
  senderId: string,
  event: PushEvent,
  deps: Readonly<{ isAppUrl: (url: string) => boolean; onNotificationClick: () => void }>,
): void {
  const contents = webContents.fromId(Number(senderId));
  if (!contents || contents.isDestroyed()) return;
  const frame = contents.mainFrame;
  if (!deps.isAppUrl(frame.url)) return;
  frame.send(PUSH_CHANNEL, event);
  if (event.kind !== 'alerts') return;
  const notice = arrivalNotice(event);
  if (!notice || !Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  notification.on('click', deps.onNotificationClick);
  notification.show();
}
