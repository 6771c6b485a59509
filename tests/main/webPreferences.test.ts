import { describe, expect, it } from 'vitest';
import { mainWindowWebPreferences } from '../../electron/main/webPreferences';

/** Every value, checked by deep equality on the whole object: an added or loosened setting fails. */
describe('mainWindowWebPreferences', () => {
  const LOCKED_DOWN = {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  } as const;

  it('locks the packaged window down, developer tools off', () => {
    expect(
      mainWindowWebPreferences('/opt/Cableroom/resources/app.asar/dist/preload/preload.cjs', { isPackaged: true }),
    ).toStrictEqual({
      ...LOCKED_DOWN,
      preload: '/opt/Cableroom/resources/app.asar/dist/preload/preload.cjs',
      devTools: false,
    });
  });

  it('differs in development only by allowing developer tools', () => {
    expect(mainWindowWebPreferences('/repo/dist/preload/preload.cjs', { isPackaged: false })).toStrictEqual({
      ...LOCKED_DOWN,
      preload: '/repo/dist/preload/preload.cjs',
      devTools: true,
    });
  });

  it('returns a fresh object each call, so a caller cannot loosen the next window', () => {
    const first = mainWindowWebPreferences('/p.cjs', { isPackaged: true });
    first.sandbox = false;
    expect(mainWindowWebPreferences('/p.cjs', { isPackaged: true }).sandbox).toBe(true);
  });
});
