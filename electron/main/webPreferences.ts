import type { WebPreferences } from 'electron';

/**
 * The main window's web preferences: the renderer is treated as untrusted content (Electron's
 * security checklist; VS Code and Signal configure theirs the same way). A type-only import of
 * 'electron', so this module loads, and is tested, without the Electron binary.
 *
 * Every setting is spelled out, defaults included, so a changed Electron default cannot loosen it
 * silently; tests/main/webPreferences.test.ts checks the whole object.
 */
export function mainWindowWebPreferences(
  preloadPath: string,
  options: Readonly<{ isPackaged: boolean }>,
): WebPreferences {
  return {
    // The only bridge into the page: bundled to one CommonJS file that requires nothing but 'electron'.
    preload: preloadPath,
    // OS-level Chromium sandbox for the renderer and the preload: a compromised page cannot reach Node.
    sandbox: true,
    // The preload runs in its own JavaScript world, so the page cannot tamper with its globals or prototypes.
    contextIsolation: true,
    // No require()/process in the page: cable text is content, never code.
    nodeIntegration: false,
    // ...nor in Web Workers the page might start.
    nodeIntegrationInWorker: false,
    // ...nor in iframes (the app has none; a frame would otherwise inherit the preload).
    nodeIntegrationInSubFrames: false,
    // Keep the same-origin policy and CORS; the app is served from app://cableroom.
    webSecurity: true,
    // Never run http:// scripts or styles inside the secure app:// origin.
    allowRunningInsecureContent: false,
    // No experimental Blink features: a larger, less reviewed attack surface for nothing we use.
    experimentalFeatures: false,
    // No <webview>: it could embed other content with its own preferences (also refused in security.ts).
    webviewTag: false,
    // Dropping a file or link on the window must not navigate away from the app.
    navigateOnDragDrop: false,
    // A page cannot trap the user in a loop of alert()/confirm() dialogs.
    safeDialogs: true,
    // The spellchecker would offer to download dictionaries and send cable text to it; cable prose is terse jargon anyway.
    spellcheck: false,
    // Developer tools only in development builds: a packaged trainer does not hand users a console into the page.
    devTools: !options.isPackaged,
  };
}
