'use strict';
/**
 * electron-builder's afterPack hook (electron-builder.yml `afterPack`): flips the Electron fuses of
 * the packaged binary, then reads them back and fails the build if one is not as set here (issue 13,
 * item 14). Fuses are bits compiled into the Electron executable; Electron reads them before any of
 * our code runs, so a packaged Cableroom cannot be turned into a Node interpreter or debugger by its
 * environment or command line. They are flipped here, after packing and before electron-builder signs
 * (macOS, Windows), with @electron/fuses (a devDependency, the version electron-builder 26 uses).
 *
 * tests/main/packaging.test.ts checks every setting and runs this hook on a stand-in binary.
 */
const { join } = require('node:path');
const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** Every fuse @electron/fuses knows, with its setting and the reason. */
const FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE=1 would make the app's executable a plain Node.js that runs any script.
  // Cableroom forks no process (its signature checks use worker threads, which do not need it).
  RunAsNode: false,
  // Off: Cableroom keeps no cookies (no network; sign-ins live in the main process), and encrypting
  // the empty cookie store would make the first start ask for the OS keychain on macOS.
  EnableCookieEncryption: false,
  // NODE_OPTIONS (--require, --inspect …) and NODE_EXTRA_CA_CERTS would load code or trust into main.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect / --inspect-brk and SIGUSR1 would open a debugger on the main process.
  EnableNodeCliInspectArguments: false,
  // app.asar is checked against the hash electron-builder embeds (macOS, Windows; no effect on Linux).
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded: not a resources/app/ folder or default_app.asar put beside it.
  OnlyLoadAppFromAsar: true,
  // Electron's default: one V8 snapshot for every process.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://cableroom; file:// pages get no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
});

/** electron-builder's Arch.arm64 (builder-util): an ad-hoc signature must be redone on Apple silicon. */
const ARCH_ARM64 = 3;

/** The configuration @electron/fuses takes: FUSES by wire position. */
function fuseConfig(platform, arch) {
  const config = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin' && arch === ARCH_ARM64,
  };
  for (const [name, on] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`electronFuses: @electron/fuses has no fuse ${name}`);
    config[index] = on;
  }
  return config;
}

/** The executable (or, on macOS, the .app) electron-builder packed into `appOutDir`. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return join(appOutDir, packager.executableName);
  }
}

/** The fuses of the binary at `binary` that differ from FUSES: `Name: expected … found …`. */
async function fuseMismatches(binary) {
  const wire = await getCurrentFuseWire(binary);
  const ENABLE = '1'.charCodeAt(0);
  const DISABLE = '0'.charCodeAt(0);
  const found = (state) => (state === ENABLE ? 'on' : state === DISABLE ? 'off' : `state ${state}`);
  return Object.entries(FUSES).flatMap(([name, on]) => {
    const state = wire[FuseV1Options[name]];
    if (state === undefined) return [`${name}: this Electron has no such fuse`];
    return state === (on ? ENABLE : DISABLE) ? [] : [`${name}: expected ${on ? 'on' : 'off'}, found ${found(state)}`];
  });
}

async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig(context.electronPlatformName, context.arch));
  const wrong = await fuseMismatches(binary);
  if (wrong.length > 0) throw new Error(`electronFuses: ${binary}: fuses not as set:\n  ${wrong.join('\n  ')}`);
  console.log(`  • electron fuses set  file=${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.FUSES = FUSES;
module.exports.fuseConfig = fuseConfig;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.fuseMismatches = fuseMismatches;
