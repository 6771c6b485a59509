/** Types of scripts/electronFuses.cjs (electron-builder's afterPack hook), for the tests. */

export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';

/** The part of electron-builder's AfterPackContext the hook reads. */
export type PackContext = Readonly<{
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: Readonly<{ executableName?: string; appInfo: Readonly<{ productFilename: string }> }>;
}>;

export declare const FUSES: Readonly<Record<FuseName, boolean>>;
export declare function fuseConfig(
  platform: string,
  arch: number,
): { version: string; resetAdHocDarwinSignature: boolean } & Record<number, boolean>;
export declare function electronBinaryPath(context: PackContext): string;
export declare function fuseMismatches(binary: string): Promise<string[]>;
export declare function afterPack(context: PackContext): Promise<void>;
