/**
 * Files the person picks for an import (issue 6), checked and read in the renderer before they
 * travel to main as bytes. The limits repeat the contract's (`electron/contract/ipc.ts`:
 * MAX_UPLOAD_BYTES per file, at most 2000 files per import) so that the person learns which file
 * is too large, instead of a schema error about "files.3.bytes".
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_FILES_PER_IMPORT = 2000;
/** The contract's longest file name; a folder's relative path is cut from the left beyond it. */
const MAX_NAME_CHARS = 300;

/** What the file chooser shows of a chosen file. */
export type ChosenFile = Readonly<{ name: string; sizeBytes: number }>;

/** A file as the import endpoints take it. */
export type FilePayload = Readonly<{ name: string; bytes: Uint8Array<ArrayBuffer> }>;

/** TEI files picked one by one or as a folder, with what was left out and why. */
export type TeiChoice = Readonly<{
  files: ReadonlyArray<File>;
  /** Files of a chosen folder that are not `.xml` (images, READMEs): never sent. */
  leftOut: number;
  /** A file over the contract's limit, or too many files: the import cannot start. */
  problem: string | null;
}>;

export const NO_TEI_CHOICE: TeiChoice = Object.freeze({ files: [], leftOut: 0, problem: null });

/** The name shown and sent for a file: its path inside a chosen folder, else its name. */
export function fileLabel(file: File): string {
  const name = file.webkitRelativePath || file.name;
  return name.length <= MAX_NAME_CHARS ? name : `…${name.slice(name.length - MAX_NAME_CHARS + 1)}`;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Keeps the `.xml` files, in natural name order (d48 before d100), and checks the limits. */
export function chooseTeiFiles(list: ReadonlyArray<File>): TeiChoice {
  const files = list
    .filter((f) => f.name.toLowerCase().endsWith('.xml'))
    .sort((a, b) => byName.compare(fileLabel(a), fileLabel(b)));
  const leftOut = list.length - files.length;
  const tooLarge = files.find((f) => f.size > MAX_FILE_BYTES);
  let problem: string | null = null;
  if (list.length > 0 && files.length === 0) problem = 'None of the chosen files is a TEI file (.xml).';
  else if (tooLarge) problem = `${fileLabel(tooLarge)} is larger than ${formatBytes(MAX_FILE_BYTES)}.`;
  else if (files.length > MAX_FILES_PER_IMPORT)
    problem = `${files.length} files chosen: import at most ${MAX_FILES_PER_IMPORT} at a time.`;
  return { files, leftOut, problem };
}

export function chosenFiles(files: ReadonlyArray<File>): ReadonlyArray<ChosenFile> {
  return files.map((f) => ({ name: fileLabel(f), sizeBytes: f.size }));
}

/** Reads the files' bytes; a file that cannot be read (removed meanwhile) rejects naming it. */
export async function readFiles(files: ReadonlyArray<File>): Promise<ReadonlyArray<FilePayload>> {
  return Promise.all(
    files.map(async (f) => {
      try {
        return { name: fileLabel(f), bytes: new Uint8Array(await f.arrayBuffer()) };
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        throw new Error(`${fileLabel(f)} could not be read (${why}).`, { cause: e });
      }
    }),
  );
}

/** "8.6 KB", "1.2 MB": sizes for people (1 KB = 1024 bytes, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
