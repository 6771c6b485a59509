import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './appOrigin';
import { mainWindowWebPreferences } from './webPreferences';

export type MainWindowOptions = Readonly<{
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preloadPath: string;
  /** `app.isPackaged`: developer tools only in development builds. */
  isPackaged: boolean;
}>;

/**
 * The one window factory: every Cableroom window is made here, with the locked-down preferences
 * of webPreferences.ts, and shows the renderer from app://cableroom (never file://).
 * Navigation, popups and webviews are refused for every web contents in security.ts.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    title: 'Cableroom',
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: mainWindowWebPreferences(options.preloadPath, { isPackaged: options.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // The window stays open and empty; the log says why (a missing build is the usual cause).
    console.error(`Cableroom: could not load ${APP_ENTRY_URL}:`, error);
  });
  return window;
}
