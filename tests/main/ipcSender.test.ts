import { describe, expect, it } from 'vitest';
import { senderOf, type InvokeEventLike } from '../../electron/main/ipcSender';

type FrameLike = { url: string; processId: number; routingId: number };

function event(frame: FrameLike | null, main: FrameLike, id = 7): InvokeEventLike {
  return { sender: { id, mainFrame: main }, senderFrame: frame } as unknown as InvokeEventLike;
}

const MAIN: FrameLike = { url: 'app://cableroom/index.html', processId: 4, routingId: 1 };

describe('senderOf', () => {
  it('describes the top-level frame of the window', () => {
    expect(senderOf(event(MAIN, MAIN))).toEqual({ id: '7', url: 'app://cableroom/index.html', isMainFrame: true });
  });

  it('recognises the main frame through another wrapper object of the same render frame', () => {
    expect(senderOf(event({ ...MAIN }, MAIN)).isMainFrame).toBe(true);
  });

  it('reports a subframe as not the main frame', () => {
    const iframe = { url: 'app://cableroom/frame.html', processId: 4, routingId: 9 };
    expect(senderOf(event(iframe, MAIN))).toEqual({ id: '7', url: 'app://cableroom/frame.html', isMainFrame: false });
  });

  it('gives a vanished frame an empty URL, which no trust test accepts', () => {
    expect(senderOf(event(null, MAIN))).toEqual({ id: '7', url: '', isMainFrame: false });
  });

  it('treats a frame disposed mid-call like a vanished one', () => {
    const disposed = Object.defineProperty({ processId: 4, routingId: 1 }, 'url', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(senderOf(event(disposed as FrameLike, MAIN))).toEqual({ id: '7', url: '', isMainFrame: false });
  });
});
