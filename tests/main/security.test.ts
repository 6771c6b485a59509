import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { configureSession, enforceOnEveryWebContents, hardenWebContents } from '../../electron/main/security';

/**
 * security.ts takes Electron's objects as parameters, so these recording fakes stand in for them:
 * every handler it installs is captured and called the way Electron would call it.
 */

type Listener = (...args: unknown[]) => void;

function recorder() {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    /** Emits `event` with a preventable event object; returns whether a listener prevented it. */
    emit(event: string, details: Record<string, unknown> = {}, ...rest: unknown[]): boolean {
      let prevented = false;
      const eventObject = { ...details, preventDefault: () => (prevented = true) };
      const found = listeners.get(event) ?? [];
      if (found.length === 0) throw new Error(`no listener for ${event}`);
      for (const listener of found) listener(eventObject, ...rest);
      return prevented;
    },
  };
}

function fakeSession() {
  const events = recorder();
  const installed: Record<string, (...args: never[]) => unknown> = {};
  const session = {
    on: events.on.bind(events),
    setPermissionRequestHandler: (h: never) => (installed.permissionRequest = h),
    setPermissionCheckHandler: (h: never) => (installed.permissionCheck = h),
    setDevicePermissionHandler: (h: never) => (installed.devicePermission = h),
    webRequest: {
      onBeforeRequest: (h: never) => (installed.beforeRequest = h),
      onHeadersReceived: (h: never) => (installed.headersReceived = h),
    },
  };
  return { session: session as unknown as Session, installed, events };
}

function fakeWebContents() {
  const events = recorder();
  let windowOpenHandler: ((details: unknown) => unknown) | undefined;
  const contents = {
    on: events.on.bind(events),
    setWindowOpenHandler: (h: (details: unknown) => unknown) => (windowOpenHandler = h),
  };
  return { contents: contents as unknown as WebContents, events, windowOpen: (d: unknown) => windowOpenHandler?.(d) };
}

function callbackResult<T>(run: (callback: (value: T) => void) => void): T {
  let result: T | undefined;
  run((value) => (result = value));
  if (result === undefined) throw new Error('callback was not called');
  return result;
}

describe('configureSession', () => {
  const { session, installed, events } = fakeSession();
  configureSession(session);
  const call = (name: string, ...args: unknown[]) => (installed[name] as (...a: unknown[]) => unknown)(...args);

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown'])(
    'denies the %s permission request and check',
    (permission) => {
      expect(callbackResult<boolean>((cb) => call('permissionRequest', {}, permission, cb, {}))).toBe(false);
      expect(call('permissionCheck', {}, permission, 'app://cableroom', {})).toBe(false);
    },
  );

  it('denies device choosers (HID, serial, USB)', () => {
    expect(call('devicePermission', { deviceType: 'usb', origin: 'app://cableroom' })).toBe(false);
  });

  it.each([
    ['https://example.org/beacon', true],
    ['http://127.0.0.1:5173/', true],
    ['wss://example.org/socket', true],
    ['file:///etc/passwd', true],
    ['app://cableroom/assets/index.js', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['data:image/png;base64,AAAA', false],
  ])('network request to %s cancelled: %s', (url, cancel) => {
    expect(callbackResult((cb) => call('beforeRequest', { url }, cb))).toEqual({ cancel });
  });

  it('puts exactly the app CSP on app:// responses, replacing any other spelling', () => {
    const result = callbackResult<{ responseHeaders?: Record<string, string[]> }>((cb) =>
      call(
        'headersReceived',
        {
          url: 'app://cableroom/index.html',
          responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
        },
        cb,
      ),
    );
    expect(result.responseHeaders).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('leaves other responses untouched', () => {
    expect(
      callbackResult((cb) => call('headersReceived', { url: 'devtools://devtools/x', responseHeaders: {} }, cb)),
    ).toEqual({});
  });

  it("allows only downloads of the app's own blobs (exports), refusing every other download", () => {
    const item = (url: string) => ({ getURL: () => url });
    expect(events.emit('will-download', {}, item('blob:app://cableroom/6f1c2d3e-0000-4000-8000-000000000000'))).toBe(
      false,
    );
    expect(events.emit('will-download', {}, item('https://example.org/malware.exe'))).toBe(true);
    expect(events.emit('will-download', {}, item('blob:https://example.org/6f1c'))).toBe(true);
    expect(events.emit('will-download', {}, item('data:text/plain,hello'))).toBe(true);
    expect(events.emit('will-download', {}, item('blob:app://cableroom.evil/6f1c'))).toBe(true);
  });
});

describe('hardenWebContents', () => {
  const { contents, events, windowOpen } = fakeWebContents();
  hardenWebContents(contents);

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: stays in app://cableroom, refuses the rest',
    (event) => {
      expect(events.emit(event, { url: 'app://cableroom/index.html' })).toBe(false);
      expect(events.emit(event, { url: 'https://example.org/' })).toBe(true);
      expect(events.emit(event, { url: 'file:///etc/passwd' })).toBe(true);
      expect(events.emit(event, { url: 'app://cableroom.evil/' })).toBe(true);
    },
  );

  it('denies every new window', () => {
    expect(windowOpen({ url: 'app://cableroom/index.html' })).toEqual({ action: 'deny' });
    expect(windowOpen({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });

  it('refuses to attach a <webview>', () => {
    expect(events.emit('will-attach-webview', {}, {}, { src: 'https://example.org/' })).toBe(true);
  });
});

describe('enforceOnEveryWebContents', () => {
  it('sandboxes every renderer and hardens each web contents as it is created', () => {
    const events = recorder();
    let sandboxed = false;
    const app = { on: events.on.bind(events), enableSandbox: () => (sandboxed = true) } as unknown as App;
    enforceOnEveryWebContents(app);
    expect(sandboxed).toBe(true);

    const created = fakeWebContents();
    events.emit('web-contents-created', {}, created.contents);
    expect(created.events.emit('will-navigate', { url: 'https://example.org/' })).toBe(true);
    expect(created.windowOpen({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
  });
});
