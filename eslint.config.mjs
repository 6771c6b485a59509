// @ts-check
/*
 * Cableroom's lint configuration (ESLint 9 flat config).
 *
 * `.mjs`: an ES module whatever package.json's "type" says (without "type": "module", a `.js`
 * config in ESM syntax makes Node warn MODULE_TYPELESS_PACKAGE_JSON on every run, and the
 * Playwright specs rely on CommonJS's __dirname, so the package stays CommonJS).
 *
 * The layers (ARCHITECTURE.md "Process model and layers"; STYLE.md §1) are enforced by the local
 * rule `cableroom/layers` below, driven by one table, the way VS Code's `code-import-patterns` rule
 * enforces common/browser/node/electron-main. It is a small rule rather than per-folder
 * `no-restricted-imports` patterns because it resolves relative specifiers against the importing
 * file ("../../electron/core/x" from renderer/src/a/b.tsx is electron/core, whatever its spelling),
 * and it also sees what `no-restricted-imports` does not: `require()`, dynamic `import()`,
 * `import x = require()` and type positions (`import('electron').WebPreferences`).
 * tests/lint/boundaries.test.ts proves each boundary with ESLint's Node API.
 *
 * Not type-aware: typed rules need a TypeScript program per run (slow), they cannot lint the virtual
 * files the boundary test feeds to `lintText`, and `tsc --noEmit` already runs in `npm test`.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/** Repository root: every layer folder below is relative to it. */
const ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * @typedef {{ allow: ReadonlyArray<string> } | { deny: ReadonlyArray<string> }} PackagePolicy
 * @typedef {{
 *   folder: string,
 *   summary: string,
 *   mayImport: ReadonlyArray<string>,
 *   packages: PackagePolicy,
 * }} Layer
 */

/**
 * The one table of layers. `mayImport` lists the repository folders a file in `folder` may import
 * from (its own folder included); `packages` says which bare specifiers (npm packages, Node
 * builtins, 'electron') it may use: an allow-list, or a deny-list over "everything else".
 * A file outside every folder here (tests, scripts, configs) is not checked.
 * @type {ReadonlyArray<Layer>}
 */
const LAYERS = [
  {
    folder: 'electron/domain',
    summary: 'electron/domain is pure TypeScript (no Node, no Electron, no DOM, no packages)',
    mayImport: ['electron/domain'],
    packages: { allow: [] },
  },
  {
    folder: 'electron/contract',
    summary: 'electron/contract may use only electron/domain and zod',
    mayImport: ['electron/domain', 'electron/contract'],
    packages: { allow: ['zod'] },
  },
  {
    folder: 'electron/core',
    summary: 'electron/core runs under plain Node: it never imports electron, main, preload, cli or renderer',
    mayImport: ['electron/domain', 'electron/contract', 'electron/core'],
    packages: { deny: ['electron'] },
  },
  {
    folder: 'electron/main',
    summary: 'electron/main may use core, contract and domain, never preload, cli or renderer code',
    mayImport: ['electron/domain', 'electron/contract', 'electron/core', 'electron/main'],
    packages: { deny: [] },
  },
  {
    folder: 'electron/preload',
    summary: "a sandboxed preload may use only 'electron', the contract and the domain",
    mayImport: ['electron/domain', 'electron/contract', 'electron/preload'],
    packages: { allow: ['electron'] },
  },
  {
    folder: 'electron/serve',
    summary:
      'electron/serve (`cableroom serve`) runs under plain Node: core, contract, domain and only the ' +
      'electron-free modules of main (router, csp, appOrigin, appRequestHandler), never electron',
    mayImport: [
      'electron/domain',
      'electron/contract',
      'electron/core',
      'electron/serve',
      'electron/main/router',
      'electron/main/csp',
      'electron/main/appOrigin',
      'electron/main/appRequestHandler',
    ],
    packages: { deny: ['electron'] },
  },
  {
    folder: 'electron/cli',
    summary: 'electron/cli runs under plain Node: it uses core, contract, domain and serve, never electron',
    mayImport: ['electron/domain', 'electron/contract', 'electron/core', 'electron/serve', 'electron/cli'],
    packages: { deny: ['electron'] },
  },
  {
    folder: 'renderer',
    summary:
      'the renderer (DOM, sandboxed) may import only electron/contract, electron/domain, react, react-dom and react-aria-components',
    mayImport: ['renderer', 'electron/contract', 'electron/domain'],
    packages: { allow: ['react', 'react-dom', 'react-aria-components'] },
  },
  {
    folder: 'bench',
    summary: 'bench runs under plain Node against core: never electron, main, preload or renderer',
    mayImport: ['bench', 'electron/domain', 'electron/contract', 'electron/core'],
    packages: { deny: ['electron'] },
  },
];

const NODE_BUILTINS = new Set(builtinModules);

/** @param {string} posixPath @param {string} folder */
function isInside(posixPath, folder) {
  return posixPath === folder || posixPath.startsWith(`${folder}/`);
}

/** @param {string} file absolute path @returns {string} the path relative to ROOT, with '/' separators */
function repoRelative(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** "react-dom/client" → "react-dom"; "@scope/pkg/x" → "@scope/pkg"; "node:fs/promises" → "node:fs". */
function packageName(/** @type {string} */ specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : /** @type {string} */ (parts[0]);
}

function isNodeBuiltin(/** @type {string} */ specifier) {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier));
}

/**
 * Why `specifier` may not be imported from `file`, or null when it may.
 * @param {Layer} layer @param {string} fileRel @param {string} specifier
 * @returns {string | null}
 */
function violation(layer, fileRel, specifier) {
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(fileRel), specifier.split('?')[0] ?? ''));
    return layer.mayImport.some((folder) => isInside(target, folder)) ? null : `it resolves to ${target}`;
  }
  if (specifier.startsWith('/')) return null; // a root-absolute asset URL (Vite's public dir), not a module layer.
  const name = packageName(specifier);
  const kind = isNodeBuiltin(specifier) ? 'a Node builtin' : name === 'electron' ? 'Electron' : 'a package';
  if ('allow' in layer.packages) {
    return layer.packages.allow.includes(name) ? null : `"${specifier}" is ${kind}`;
  }
  return layer.packages.deny.includes(name) ? `"${specifier}" is ${kind}` : null;
}

/** @type {import('eslint').Rule.RuleModule} */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer to the imports its process allows (ARCHITECTURE.md, STYLE.md §1).' },
    schema: [],
    messages: { forbidden: '{{summary}}; "{{specifier}}" is not allowed here ({{detail}}).' },
  },
  create(context) {
    const fileRel = repoRelative(context.filename);
    const layer = LAYERS.find((l) => isInside(fileRel, l.folder));
    if (!layer) return {};

    /** @param {any} node the string literal naming the module */
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const detail = violation(layer, fileRel, node.value);
      if (detail !== null) {
        context.report({
          node,
          messageId: 'forbidden',
          data: { summary: layer.summary, specifier: node.value, detail },
        });
      }
    }

    return {
      /** @param {any} node */
      ImportDeclaration: (node) => check(node.source),
      /** @param {any} node */
      ExportNamedDeclaration: (node) => check(node.source),
      /** @param {any} node */
      ExportAllDeclaration: (node) => check(node.source),
      /** @param {any} node `import('x')` */
      ImportExpression: (node) => check(node.source),
      /** @param {any} node `require('x')` */
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
      /** @param {any} node `import x = require('x')` */
      TSExternalModuleReference: (node) => check(node.expression),
      /** @param {any} node `type T = import('x').T` (typescript-eslint 8: `source`; older: `argument.literal`) */
      TSImportType: (node) => check(node.source ?? node.argument?.literal),
    };
  },
};

/** Globals a pure module must not reach for (DOM and Node both). */
const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location'];
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'];

/** @param {string} where @param {ReadonlyArray<string>} names */
function restrictGlobals(where, names) {
  return names.map((name) => ({ name, message: `${where} may not use the global "${name}".` }));
}

export default defineConfig([
  globalIgnores(['dist/', 'out/', 'node_modules/', 'test-results/', 'playwright-report/', '.cache/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { cableroom: { rules: { layers: layersRule } } },
    rules: {
      'cableroom/layers': 'error',
      // A leading underscore marks a parameter kept for its position (e.g. an Electron callback's event).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },

  // Where the code runs decides its globals (they matter for plain JS; tsc checks the TS files).
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: [
      'electron/core/**',
      'electron/main/**',
      'electron/serve/**',
      'electron/cli/**',
      'bench/**',
      'scripts/**',
      'bin/**',
      'tests/**',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['*.{js,cjs,mjs,ts,mts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS files: `require` is how they import.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Purity beyond imports: the domain is shared by Node, the CLI and the renderer.
  {
    files: ['electron/domain/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...restrictGlobals('electron/domain (pure)', [...DOM_GLOBALS, ...NODE_GLOBALS]),
      ],
    },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-globals': ['error', ...restrictGlobals('electron/contract', [...DOM_GLOBALS, ...NODE_GLOBALS])],
    },
  },
  {
    files: ['electron/core/**', 'electron/serve/**', 'electron/cli/**', 'bench/**'],
    rules: { 'no-restricted-globals': ['error', ...restrictGlobals('Node-only code', DOM_GLOBALS)] },
  },
  {
    files: ['renderer/**'],
    rules: { 'no-restricted-globals': ['error', ...restrictGlobals('The renderer (no Node)', NODE_GLOBALS)] },
  },

  // React's rules of hooks (and the compiler-backed checks) for the renderer only.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // useLoad takes deps as useEffect does (renderer/src/common/useLoad.ts): check them the same way.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useLoad$' }] },
  },
]);
