import { describe, expect, test } from 'vitest';
import { PUSH_CHANNEL, type PushEvent } from '../../electron/contract/push';
import type { ArrivalNotice } from '../../electron/domain/arrivalNotice';
import { pushToWindow, type PushTarget } from '../../electron/main/pushToWindow';

/** Main's half of push (issue 14 item 1): the app frame of the chosen window only, and a counts-only notice. */
function harness(url = 'app://cableroom/index.html', destroyed = false) {
  const sent: Array<[string, unknown]> = [];
  const notices: ArrivalNotice[] = [];
  const target: PushTarget = {
    isDestroyed: () => destroyed,
    mainFrame: { url, send: (channel, ...args) => sent.push([channel, args[0]]) },
  };
  const deps = {
    contentsById: (id: number) => (id === 7 ? target : undefined),
    isAppUrl: (u: string) => u.startsWith('app://cableroom/'),
    notify: (n: ArrivalNotice) => notices.push(n),
  };
  return { sent, notices, push: (id: string, e: PushEvent) => pushToWindow(id, e, deps) };
}

describe('pushToWindow', () => {
  test('sends the event on the push channel to the window’s app frame', () => {
    const h = harness();
    h.push('7', { kind: 'inbox', arrived: 2 });
    expect(h.sent).toEqual([[PUSH_CHANNEL, { kind: 'inbox', arrived: 2 }]]);
    expect(h.notices).toEqual([]);
  });

  test('new FLASH traffic also raises a notice of counts only', () => {
    const h = harness();
    h.push('7', { kind: 'alerts', flash: 1, niact: 0 });
    expect(h.notices).toEqual([{ title: 'Cableroom', body: '1 FLASH cable waits for acknowledgement.' }]);
    h.push('7', { kind: 'alerts', flash: 0, niact: 0 }); // an acknowledgement: no notice
    expect(h.notices).toHaveLength(1);
  });

  test('a gone window, another window id, or a frame showing another page gets nothing', () => {
    for (const h of [harness('app://cableroom/index.html', true), harness('https://evil.example/')]) {
      h.push('7', { kind: 'alerts', flash: 1, niact: 0 });
      expect(h.sent).toEqual([]);
      expect(h.notices).toEqual([]);
    }
    const h = harness();
    h.push('8', { kind: 'inbox', arrived: 1 });
    expect(h.sent).toEqual([]);
  });
});
