import type { IpcMainInvokeEvent } from 'electron';
import type { Sender } from './router';

/** The parts of an `ipcMain.handle` event the sender check reads. */
export type InvokeEventLike = Readonly<{
  sender: Readonly<{ id: number; mainFrame: IpcMainInvokeEvent['sender']['mainFrame'] }>;
  senderFrame: IpcMainInvokeEvent['senderFrame'];
}>;

/**
 * Describes who sent an IPC call, for the router's sender check (STYLE.md §3, VS Code's
 * validatedIpcMain): the web contents' id, the sending frame's URL, and whether that frame is the
 * top-level frame of its window. A frame that is gone, or was disposed while the call was in
 * flight, is reported with an empty URL, which no trusted-URL test accepts.
 */
export function senderOf(event: InvokeEventLike): Sender {
  const id = String(event.sender.id);
  try {
    const frame = event.senderFrame;
    if (frame === null) return { id, url: '', isMainFrame: false };
    const main = event.sender.mainFrame;
    // The same frame object, or the same render frame (process and routing id) if Electron
    // handed out another wrapper for it: never a subframe or another window's frame.
    const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
    return { id, url: frame.url, isMainFrame };
  } catch {
    // WebFrameMain throws when its render frame was disposed before it was read.
    return { id, url: '', isMainFrame: false };
  }
}
