import type { Classification } from './classification';

/** A signed bundle of released cables (issue 6; docs/CANONICAL_ENCODING.md), as main returns it. */
export type BundleSummary = Readonly<{
  classification: Classification;
  exportedBy: string;
  refs: ReadonlyArray<string>;
  /** Refs that were already in this database, byte for byte the same: nothing written. */
  alreadyPresent: ReadonlyArray<string>;
}>;

export type BundleExport = Readonly<{ filename: string; text: string; summary: BundleSummary }>;

/** A FRUS import started from the import dialog, as it is polled. */
export type FrusImportStatus = Readonly<{
  jobId: number;
  done: boolean;
  filesTotal: number;
  filesDone: number;
  currentFile: string | null;
  bytesTotal: number;
  bytesDone: number;
  documentsSeen: number;
  /**
   * Each telegram written, with the id of its cable and its label (the summary links the ref to
   * the cable, whose screen shows the marking while it loads: issue 12 item 3).
   */
  imported: ReadonlyArray<
    Readonly<{
      file: string;
      doc: number;
      ref: string;
      cableId: number;
      volume: string;
      classification: Classification;
      banner: string;
    }>
  >;
  skipped: ReadonlyArray<Readonly<{ file: string; doc: number; ref: string | null; reason: string }>>;
  ignored: number;
  /** Files refused as a whole (malformed, truncated, a DOCTYPE): nothing of them was imported. */
  failedFiles: ReadonlyArray<Readonly<{ file: string; error: string }>>;
}>;
