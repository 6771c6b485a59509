import { ESLint, type Linter } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the layer rules in eslint.config.mjs (ARCHITECTURE.md "Process model and layers",
 * STYLE.md §1): each forbidden import is reported and each allowed one is not. Files are virtual:
 * `lintText` with a `filePath` inside the layer applies that folder's configuration.
 */

const REPO_ROOT = resolve(__dirname, '../..');
const BOUNDARY_RULES = new Set(['cableroom/layers', 'no-restricted-globals']);

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: REPO_ROOT });
});

/** The boundary findings for `code` placed at `filePath` (other rules, e.g. unused imports, are not the point here). */
async function boundaryMessages(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse errors in the sample for ${filePath}`).toEqual([]);
  return result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId));
}

type Case = Readonly<{ file: string; code: string }>;

const FORBIDDEN: ReadonlyArray<Case & Readonly<{ because: RegExp }>> = [
  // renderer: only electron/contract, electron/domain, react, react-dom
  {
    file: 'renderer/src/App.tsx',
    code: "export * from '../../electron/core/store/database';",
    because: /electron\/core/,
  },
  {
    file: 'renderer/src/a/b/View.tsx',
    code: "export { x } from '../../../../electron/core/app';",
    because: /electron\/core/,
  },
  { file: 'renderer/src/App.tsx', code: "export * from '../../electron/main/router';", because: /electron\/main/ },
  {
    file: 'renderer/src/App.tsx',
    code: "export * from '../../electron/preload/preload';",
    because: /electron\/preload/,
  },
  { file: 'renderer/src/App.tsx', code: "import { ipcRenderer } from 'electron'; ipcRenderer;", because: /Electron/ },
  {
    file: 'renderer/src/App.tsx',
    code: "import { readFileSync } from 'node:fs'; readFileSync;",
    because: /Node builtin/,
  },
  { file: 'renderer/src/App.tsx', code: "import Database from 'better-sqlite3'; Database;", because: /package/ },
  { file: 'renderer/src/App.tsx', code: "export * from '../../resources/seed/users.json';", because: /resources/ },
  { file: 'renderer/src/App.tsx', code: 'export const cwd = process.cwd();', because: /process/ },
  // domain: pure TypeScript
  {
    file: 'electron/domain/markings.ts',
    code: "import { readFileSync } from 'node:fs'; readFileSync;",
    because: /Node builtin/,
  },
  { file: 'electron/domain/markings.ts', code: "import { join } from 'path'; join;", because: /Node builtin/ },
  { file: 'electron/domain/markings.ts', code: "export * from '../core/errors';", because: /electron\/core/ },
  {
    file: 'electron/domain/sub/deep.ts',
    code: "export * from '../../core/store/database';",
    because: /electron\/core/,
  },
  { file: 'electron/domain/markings.ts', code: "export * from '../contract/errors';", because: /electron\/contract/ },
  { file: 'electron/domain/markings.ts', code: "import { z } from 'zod'; z;", because: /package/ },
  {
    file: 'electron/domain/markings.ts',
    code: "import type { App } from 'electron'; export type A = App;",
    because: /Electron/,
  },
  { file: 'electron/domain/markings.ts', code: 'export const w = window.innerWidth;', because: /window/ },
  { file: 'electron/domain/markings.ts', code: 'export const env = process.env;', because: /process/ },
  // core: Node only, never electron, in any spelling
  { file: 'electron/core/app.ts', code: "import { app } from 'electron'; app;", because: /Electron/ },
  {
    file: 'electron/core/app.ts',
    code: "import type { App } from 'electron'; export type A = App;",
    because: /Electron/,
  },
  { file: 'electron/core/app.ts', code: "export type W = import('electron').WebPreferences;", because: /Electron/ },
  { file: 'electron/core/app.ts', code: "export const e = require('electron');", because: /Electron/ },
  { file: 'electron/core/app.ts', code: "export const e = () => import('electron');", because: /Electron/ },
  { file: 'electron/core/app.ts', code: "import e = require('electron'); export { e };", because: /Electron/ },
  { file: 'electron/core/app.ts', code: "export * from '../main/router';", because: /electron\/main/ },
  { file: 'electron/core/app.ts', code: "export * from '../../renderer/src/common/api';", because: /renderer/ },
  { file: 'electron/core/app.ts', code: 'export const d = document.title;', because: /document/ },
  // contract: domain and zod only
  { file: 'electron/contract/ipc.ts', code: "export * from '../core/errors';", because: /electron\/core/ },
  { file: 'electron/contract/ipc.ts', code: "import { ipcMain } from 'electron'; ipcMain;", because: /Electron/ },
  // cli and bench: Node, never electron
  { file: 'electron/cli/cableroom.ts', code: "import { app } from 'electron'; app;", because: /Electron/ },
  { file: 'electron/cli/cableroom.ts', code: "export * from '../main/router';", because: /electron\/main/ },
  { file: 'bench/bench.ts', code: "import { app } from 'electron'; app;", because: /Electron/ },
  // serve (`cableroom serve`, bundled into the CLI): Node, the electron-free modules of main only
  { file: 'electron/serve/serveServer.ts', code: "import { app } from 'electron'; app;", because: /Electron/ },
  { file: 'electron/serve/serveServer.ts', code: "export * from '../main/main';", because: /electron\/main\/main/ },
  { file: 'electron/serve/serveServer.ts', code: "export * from '../main/window';", because: /electron\/main\/window/ },
  { file: 'electron/serve/guard.ts', code: 'export const w = window.location;', because: /window/ },
  // preload: sandboxed, only 'electron' + contract + domain
  {
    file: 'electron/preload/preload.ts',
    code: "import { readFileSync } from 'node:fs'; readFileSync;",
    because: /Node builtin/,
  },
  { file: 'electron/preload/preload.ts', code: "export * from '../core/app';", because: /electron\/core/ },
  // main: never the renderer's or the preload's code
  { file: 'electron/main/main.ts', code: "export * from '../../renderer/src/common/api';", because: /renderer/ },
];

const ALLOWED: ReadonlyArray<Case> = [
  { file: 'renderer/src/App.tsx', code: "export * from '../../electron/contract/ipc';" },
  { file: 'renderer/src/a/b/View.tsx', code: "export type { CableView } from '../../../../electron/domain/cable';" },
  { file: 'renderer/src/App.tsx', code: "export { useState } from 'react';" },
  { file: 'renderer/src/main.tsx', code: "export { createRoot } from 'react-dom/client';" },
  { file: 'renderer/src/main.tsx', code: "import './styles.css';\nexport * from './signin/SignInScreen';" },
  { file: 'renderer/src/App.tsx', code: 'export const w = window.innerWidth;' },
  { file: 'electron/domain/markings.ts', code: "export * from './classification';" },
  { file: 'electron/domain/sub/deep.ts', code: "export * from '../cable';" },
  { file: 'electron/domain/markings.ts', code: "export const bytes = new TextEncoder().encode('UNCLASSIFIED');" },
  { file: 'electron/contract/ipc.ts', code: "export { z } from 'zod';\nexport * from '../domain/cable';" },
  {
    file: 'electron/core/app.ts',
    code: "export * from 'node:fs';\nexport * from 'better-sqlite3';\nexport * from 'tweetnacl';",
  },
  { file: 'electron/core/app.ts', code: "export * from '../contract/errors';\nexport * from '../domain/cable';" },
  { file: 'electron/core/store/database.ts', code: "export const path = require('node:path');" },
  {
    file: 'electron/main/main.ts',
    code: "export { app, BrowserWindow } from 'electron';\nexport * from '../core/app';",
  },
  { file: 'electron/main/webPreferences.ts', code: "export type { WebPreferences } from 'electron';" },
  { file: 'electron/main/main.ts', code: "export * from '../contract/ipc';\nexport * from 'node:path';" },
  {
    file: 'electron/preload/preload.ts',
    code: "export { contextBridge } from 'electron';\nexport * from '../contract/ipc';",
  },
  { file: 'electron/cli/cableroom.ts', code: "export * from '../core/app';\nexport * from 'node:util';" },
  { file: 'bench/bench.ts', code: "export * from '../electron/core/app';\nexport * from 'node:perf_hooks';" },
  {
    file: 'electron/serve/serveServer.ts',
    code: "export * from '../main/router';\nexport * from '../main/appRequestHandler';\nexport * from 'ws';",
  },
  { file: 'electron/cli/commands/serve.ts', code: "export * from '../../serve/serveServer';" },
  // Outside the layers (tests, scripts) nothing is restricted.
  { file: 'tests/e2e/harness.ts', code: "export * from '../../electron/main/router';\nexport * from 'node:fs';" },
];

describe('layer boundaries (eslint.config.mjs)', () => {
  it.each(FORBIDDEN)('rejects in $file: $code', async ({ file, code, because }) => {
    const messages = await boundaryMessages(file, code);
    expect(messages.length, `expected a boundary error for ${file}`).toBeGreaterThan(0);
    expect(messages.map((m) => m.message).join('\n')).toMatch(because);
    expect(messages.every((m) => m.severity === 2)).toBe(true);
  });

  it.each(ALLOWED)('accepts in $file: $code', async ({ file, code }) => {
    expect(await boundaryMessages(file, code)).toEqual([]);
  });

  it('ignores build output and installed packages', async () => {
    expect(await eslint.isPathIgnored('dist/main/main.cjs')).toBe(true);
    expect(await eslint.isPathIgnored('node_modules/electron/index.js')).toBe(true);
    expect(await eslint.isPathIgnored('test-results/x.js')).toBe(true);
    expect(await eslint.isPathIgnored('electron/domain/markings.ts')).toBe(false);
  });

  it('runs the React hooks rules on the renderer only', async () => {
    const hookInCondition =
      "import { useState } from 'react';\nexport function View(p: { on: boolean }) {\n  if (p.on) useState(0);\n  return null;\n}\n";
    const [renderer] = await eslint.lintText(hookInCondition, { filePath: 'renderer/src/View.tsx' });
    expect(renderer?.messages.some((m) => m.ruleId === 'react-hooks/rules-of-hooks')).toBe(true);
  });
});
