import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { ensureDirectory, renamePeople } from './historicalDirectory';
import { mapDocument, type ImportedTelegram, type ParsedDocument } from './telegram';
import { FrusXmlError, TeiDocumentReader, type RawDocument } from './teiReader';

/**
 * The FRUS TEI telegram importer (corpus/README.md "Where things are"): reads FRUS documents
 * (one per file, or a whole volume: a `<TEI>` with many `div[@type='document']`), keeps the
 * telegrams and writes each as a released cable with `insertCable`.
 *
 * - `parseFrusTelegrams(xml | Readable, {file})`: streaming, one document in memory at a time.
 * - `importFrus(db, source, {onProgress})`: checks the whole file first (a DOCTYPE, malformed or
 *   truncated XML imports nothing), then writes each telegram in its own transaction.
 */

export type { ImportedTelegram, ImportedParagraph, Footnote, ParsedDocument, ChainParty, RoutedTo } from './telegram';
export type { Party, Destination } from './sourceNote';
export { FrusXmlError } from './teiReader';

export type Provenance = Readonly<{
  /** The file name or path (used in messages and reports). */
  file: string;
  /** The FRUS volume id, when the XML does not give it (TEI/@xml:id, bibl[@type='frus-volume-id']). */
  volume?: string;
}>;

const CHUNK = 64 * 1024;

/** The volume id from a path such as ".../frus1961-63v11/d100.xml" or "frus1961-63v11.xml". */
export function volumeFromPath(path: string): string | null {
  const m = /(frus\d{4}(?:-\d{2,4})?v\d+[A-Za-z0-9]*)/i.exec(path);
  return m ? m[1]! : null;
}

/**
 * The input as text chunks: a string in 64 KB slices, a stream decoded as UTF-8 (a character split
 * between two buffers is carried over). A failing stream is a `FrusXmlError`.
 */
async function* textChunks(xml: string | Readable, file: string): AsyncGenerator<string, void, undefined> {
  if (typeof xml === 'string') {
    for (let i = 0; i < xml.length; i += CHUNK) {
      yield xml.slice(i, i + CHUNK);
      // Let other work in (a progress poll from the import dialog) between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of xml as AsyncIterable<Buffer | string>) {
      yield typeof chunk === 'string' ? chunk : decoder.write(chunk);
    }
  } catch (e) {
    throw new FrusXmlError(`${file}: could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  yield decoder.end();
}

/**
 * Reads FRUS documents from TEI XML and maps each telegram. Yields one result per document
 * (`{ok:false, notTelegram:true}` for documents that are not telegrams). A file-level failure
 * (DOCTYPE, malformed, truncated, not TEI) throws a `FrusXmlError` (CableroomError BAD_REQUEST)
 * from the iteration; documents yielded before it were complete and well-formed.
 */
export async function* parseFrusTelegrams(
  xml: string | Readable,
  provenance: Provenance,
): AsyncGenerator<ParsedDocument, void, undefined> {
  const file = provenance.file;
  const fallbackVolume = provenance.volume ?? volumeFromPath(file) ?? 'unknown';
  const queue: RawDocument[] = [];
  const reader = new TeiDocumentReader(file, (d) => queue.push(d));
  const drain = function* (): Generator<ParsedDocument> {
    while (queue.length > 0) {
      const raw = queue.shift()!;
      yield mapDocument(provenance.volume ? { ...raw, volume: provenance.volume } : raw, file, fallbackVolume);
    }
  };
  for await (const text of textChunks(xml, file)) {
    reader.write(text);
    yield* drain();
  }
  reader.end();
  yield* drain();
}

/** What to import: a file on disk, or XML text with a name for the reports. */
export type FrusSource = Readonly<{ path: string }> | Readonly<{ xml: string; file: string }>;

export type SkippedDocument = { file: string; volume: string; doc: number; ref?: string; reason: string };

export type FrusImportResult = {
  file: string;
  volume: string | null;
  imported: ImportedTelegram[];
  /** Telegrams not written, with the reason ("already imported", a ref collision, a mapping failure). */
  skipped: SkippedDocument[];
  /** Documents that are not telegrams (memoranda, editorial notes…). */
  ignored: number;
};

export type ImportProgress = Readonly<{
  file: string;
  doc: number;
  outcome: 'imported' | 'skipped' | 'ignored';
  ref?: string;
  reason?: string;
}>;

export type ImportOptions = Readonly<{ onProgress?: (p: ImportProgress) => void }>;

function fileOf(source: FrusSource): string {
  return 'path' in source ? source.path : source.file;
}

function open(source: FrusSource): string | Readable {
  return 'path' in source ? createReadStream(source.path) : source.xml;
}

/** Reads the whole file once, mapping nothing: throws on any file-level failure. */
async function check(source: FrusSource): Promise<void> {
  const reader = new TeiDocumentReader(fileOf(source), () => undefined);
  for await (const text of textChunks(open(source), fileOf(source))) reader.write(text);
  reader.end();
}

type Existing = { ref: string; dtg: string };

/** Why this cable cannot be written next to what the database holds, or null. */
function conflict(
  db: Db,
  ref: string,
  dtg: string,
  cable: ImportedTelegram,
): { already: boolean; reason: string } | null {
  const same = prepared(db, 'SELECT ref, dtg FROM cables WHERE ref = ? AND exercise_id IS NULL').get(ref) as
    Existing | undefined;
  if (same) {
    return same.dtg === dtg
      ? { already: true, reason: `already imported (${same.ref}, ${same.dtg})` }
      : { already: false, reason: `the reference ${ref} is already used by a different cable (DTG ${same.dtg})` };
  }
  if (cable.series && cable.serial !== null) {
    const s = prepared(
      db,
      'SELECT ref, dtg FROM cables WHERE series_indicator = ? AND series_number = ? AND exercise_id IS NULL',
    ).get(cable.series, cable.serial) as Existing | undefined;
    if (s) return { already: false, reason: `${cable.series} ${cable.serial} is already cable ${s.ref} (${s.dtg})` };
  }
  return null;
}

/**
 * Imports the telegrams of one FRUS TEI file. The file is read twice: first to check it whole
 * (a DOCTYPE, malformed or truncated XML throws a `FrusXmlError` and writes nothing), then to
 * write each telegram with `insertCable`, one transaction per cable. A document that cannot be
 * mapped or written is reported in `skipped` with its number and the reason; the rest go on.
 * Re-importing writes nothing: a cable with the same ref and DTG is "already imported".
 */
export async function importFrus(db: Db, source: FrusSource, options: ImportOptions = {}): Promise<FrusImportResult> {
  const file = fileOf(source);
  await check(source);
  const result: FrusImportResult = { file, volume: null, imported: [], skipped: [], ignored: 0 };
  const progress = options.onProgress ?? (() => undefined);
  for await (const d of parseFrusTelegrams(open(source), { file })) {
    result.volume ??= d.volume;
    if (!d.ok) {
      if (d.notTelegram) {
        result.ignored += 1;
        progress({ file, doc: d.doc, outcome: 'ignored', reason: d.reason });
      } else {
        result.skipped.push({ file, volume: d.volume, doc: d.doc, reason: d.reason });
        progress({ file, doc: d.doc, outcome: 'skipped', reason: d.reason });
      }
      continue;
    }
    const { cable, report } = d;
    const clash = conflict(db, cable.ref, cable.dtg, report);
    if (clash) {
      result.skipped.push({ file, volume: d.volume, doc: d.doc, ref: cable.ref, reason: clash.reason });
      progress({ file, doc: d.doc, outcome: 'skipped', ref: cable.ref, reason: clash.reason });
      continue;
    }
    try {
      // The directory entries the telegram needs and the cable, in one transaction: a cable that
      // cannot be written leaves no entry behind.
      const { created, renamed } = db.transaction(() => {
        const made = ensureDirectory(db, d.needs, `${d.volume} d${d.doc}`);
        insertCable(db, renamePeople(cable, made.renamed));
        return made;
      })();
      report.created = created;
      renameInReport(report, renamed);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      result.skipped.push({ file, volume: d.volume, doc: d.doc, ref: cable.ref, reason });
      progress({ file, doc: d.doc, outcome: 'skipped', ref: cable.ref, reason });
      continue;
    }
    result.imported.push(report);
    progress({ file, doc: d.doc, outcome: 'imported', ref: cable.ref });
  }
  return result;
}

export type FrusFileOutcome = (FrusImportResult & { ok: true }) | { ok: false; file: string; error: string };

/**
 * Imports several files (the CLI's `import-frus PATH...`): a file that fails as a whole (unreadable,
 * DOCTYPE, malformed, truncated) is reported and the next one is read. Other errors propagate.
 */
export async function importFrusFiles(
  db: Db,
  paths: ReadonlyArray<string>,
  options: ImportOptions = {},
): Promise<FrusFileOutcome[]> {
  const out: FrusFileOutcome[] = [];
  for (const path of paths) {
    try {
      out.push({ ok: true, ...(await importFrus(db, { path }, options)) });
    } catch (e) {
      if (e instanceof FrusXmlError) out.push({ ok: false, file: path, error: e.message });
      else throw e;
    }
  }
  return out;
}

function renameInReport(report: ImportedTelegram, renamed: ReadonlyMap<string, string>): void {
  if (renamed.size === 0) return;
  const k = (key: string): string => renamed.get(key) ?? key;
  report.eyesOnlyFor = report.eyesOnlyFor.map(k);
  report.for = Object.fromEntries(Object.entries(report.for).map(([plad, keys]) => [plad, keys.map(k)]));
  for (const list of [report.draftedBy, report.clearedBy, report.approvedBy]) {
    for (const p of list) if (p.person) p.person = k(p.person);
  }
  if (report.signedBy?.person) report.signedBy.person = k(report.signedBy.person);
  if (report.fromPerson) report.fromPerson = k(report.fromPerson);
  for (const list of [report.alsoSentTo, report.repeatedTo]) {
    for (const t of list) if (t.for) t.for = t.for.map(k);
  }
}
