import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The renderer build. `base: './'` keeps every asset URL relative, so the same output loads from
 * Electron's app:// protocol and from the e2e harness's static server.
 *
 * The Content-Security-Policy lives in renderer/index.html (ARCHITECTURE.md: "put the CSP in a
 * <meta> tag too, so the Chromium harness enforces the same policy"). The built app needs nothing
 * beyond it: Vite emits one external module script and one external stylesheet.
 */

/**
 * The dev server alone needs an inline React Refresh preamble, <style> tags injected for CSS and
 * a WebSocket for HMR, all of which the strict policy forbids. This relaxes the policy for
 * `vite serve` only (a UI preview in a browser; the app itself always loads the build), and
 * `vite build` output keeps the policy exactly as written (tests/main/csp.test.ts checks).
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'cableroom:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // Inlined assets would become data: URLs; keep every asset a file so the CSP stays simple.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', strictPort: false },
});
