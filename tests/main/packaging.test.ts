import { FuseV1Options } from '@electron/fuses';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { launchOverrides } from '../../electron/main/launchOverrides';
import {
  afterPack,
  electronBinaryPath,
  FUSES,
  fuseConfig,
  fuseMismatches,
  type PackContext,
} from '../../scripts/electronFuses.cjs';

/**
 * Packaging hardening (issue 13, item 14): the Electron fuses electron-builder's afterPack hook flips
 * in the packaged binary, and a packaged build ignoring the development-only environment variables.
 */

const REPO_ROOT = resolve(__dirname, '../..');

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cableroom-fuses-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ─── A stand-in Electron executable ──────────────────────────────────────────────────────────────
// Electron's binary carries a fuse wire after a fixed sentinel: a version byte, a length byte, then
// one byte per fuse ('0' off, '1' on). @electron/fuses finds and rewrites exactly those bytes, so a
// small file with the sentinel stands in for the 200 MB executable (none is downloaded here).
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults, in wire order: RunAsNode on, cookie encryption off, NODE_OPTIONS on, … */
const ELECTRON_DEFAULTS = '101100011';
const BEFORE = Buffer.from('\x7fELF stand-in: code before the wire ');
const AFTER = Buffer.from(' code after the wire');

function standInElectron(dir: string, name: string, wire = ELECTRON_DEFAULTS): string {
  const path = join(dir, name);
  const header = Buffer.from([1, wire.length]);
  writeFileSync(path, Buffer.concat([BEFORE, Buffer.from(SENTINEL), header, Buffer.from(wire), AFTER]));
  return path;
}

/** The wire bytes of the stand-in, as '0'/'1' text. */
function wireOf(path: string): string {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + (bytes[at + 1] ?? 0)).toString('latin1');
}

function linuxContext(appOutDir: string): PackContext {
  return {
    appOutDir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { executableName: 'cableroom', appInfo: { productFilename: 'Cableroom' } },
  };
}

describe('Electron fuses (scripts/electronFuses.cjs)', () => {
  test('Node escapes are off and only the integrity-checked app.asar loads', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  test('every fuse @electron/fuses knows is set explicitly, at its position on the wire', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(FUSES).sort()).toEqual([...known].sort());
    const config = fuseConfig('linux', 1);
    expect(config).toMatchObject({
      version: '1',
      resetAdHocDarwinSignature: false,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
    // Apple silicon needs its ad-hoc signature redone after the binary changes.
    expect(fuseConfig('darwin', 3).resetAdHocDarwinSignature).toBe(true);
  });

  test('the seed, the shipped scenarios and their FRUS telegrams ship beside the archive', () => {
    // Core looks for them in the resources folder beside the seed (core/resources.ts,
    // core/exercise/engine.ts, core/exercise/scenarioFile.ts): packed into app.asar they are not found.
    const yml = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    for (const folder of ['seed', 'scenarios', 'frus']) {
      expect(yml).toContain(`  - from: resources/${folder}\n    to: ${folder}\n`);
      expect(yml).toContain(`  - '!resources/${folder}/**'\n`);
    }
  });

  test('electron-builder.yml runs the hook after packing, and flips no fuses of its own', () => {
    const yml = readFileSync(join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
    const afterPackLines = yml.split('\n').filter((l) => /^afterPack:/.test(l));
    expect(afterPackLines).toEqual(['afterPack: ./scripts/electronFuses.cjs']);
    expect(yml).not.toMatch(/^electronFuses:/m);
    // The hook is electron-builder's: it loads the named export `afterPack` of that module.
    expect(typeof afterPack).toBe('function');
  });

  test('the hook flips the packed binary’s fuses, leaves every other byte alone, and checks them', async () => {
    const dir = tempDir();
    const binary = standInElectron(dir, 'cableroom');
    const before = readFileSync(binary);
    expect(await fuseMismatches(binary)).not.toEqual([]);

    await afterPack(linuxContext(dir));

    expect(await fuseMismatches(binary)).toEqual([]);
    // RunAsNode off, cookie encryption off, NODE_OPTIONS off, inspect off, asar integrity on,
    // only-load-from-asar on, browser snapshot off, file:// privileges off; the ninth (a fuse this
    // @electron/fuses does not know) keeps Electron's setting.
    expect(wireOf(binary)).toBe('000011001');
    const after = readFileSync(binary);
    expect(after.length).toBe(before.length);
    const differing = [...after.keys()].filter((i) => after[i] !== before[i]);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(differing.every((i) => i >= wireStart && i < wireStart + ELECTRON_DEFAULTS.length)).toBe(true);
  });

  test('a binary whose wire is too short for a fuse fails the build, naming the fuse', async () => {
    const dir = tempDir();
    standInElectron(dir, 'cableroom', '1011');
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/OnlyLoadAppFromAsar|not long enough/);
  });

  test('a binary without a fuse wire fails the build instead of shipping unfused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cableroom'), 'not an Electron executable');
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/sentinel/);
  });

  test('the packed executable is found per platform', () => {
    const ctx = (electronPlatformName: string): PackContext => ({ ...linuxContext('/out/x'), electronPlatformName });
    expect(electronBinaryPath(ctx('linux'))).toBe(join('/out/x', 'cableroom'));
    expect(electronBinaryPath(ctx('win32'))).toBe(join('/out/x', 'Cableroom.exe'));
    expect(electronBinaryPath(ctx('darwin'))).toBe(join('/out/x', 'Cableroom.app'));
  });
});

describe('development-only environment variables (electron/main/launchOverrides.ts)', () => {
  const ENV = { CABLEROOM_USER_DATA_DIR: '/tmp/other-profile', CABLEROOM_SQLITE_BINDING: '/tmp/evil.node' };

  test('a packaged build ignores CABLEROOM_USER_DATA_DIR and CABLEROOM_SQLITE_BINDING', () => {
    expect(launchOverrides(ENV, true)).toEqual({});
  });

  test('unpackaged (npm start, the Electron specs) they redirect the profile and the binding', () => {
    expect(launchOverrides(ENV, false)).toEqual({
      userDataDir: '/tmp/other-profile',
      sqliteBinding: '/tmp/evil.node',
    });
    expect(launchOverrides({ CABLEROOM_USER_DATA_DIR: '', CABLEROOM_SQLITE_BINDING: '' }, false)).toEqual({});
    expect(launchOverrides({}, false)).toEqual({});
  });

  test('electron/main reads them nowhere else', () => {
    const dir = join(REPO_ROOT, 'electron/main');
    const readers = readdirSync(dir).filter(
      (f) => f !== 'launchOverrides.ts' && /process\.env\b[^;]*CABLEROOM_/.test(readFileSync(join(dir, f), 'utf8')),
    );
    expect(readers).toEqual([]);
  });
});
