import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { AuditActor, AuditTrail } from '../audit/auditTrail';
import type { Classification } from '../../domain/classification';
import { bannerLine } from '../../domain/markings';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { ensureDirectory, renamePeople } from './historicalDirectory';
import { mapDocument, type ImportedTelegram, type ParsedDocument } from './telegram';
import { FrusXmlError, TeiDocumentReader, type RawDocument } from './teiReader';
import { Utf8Check } from './utf8';

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
 * The input as text chunks: a string in 64 KB slices; bytes or a stream checked as strict UTF-8
 * (an invalid byte is a `FrusXmlError` naming its offset: utf8.ts) and decoded (a character split
 * between two buffers is carried over). A failing stream is a `FrusXmlError`.
 */
async function* textChunks(xml: string | Readable | Uint8Array, file: string): AsyncGenerator<string, void, undefined> {
  if (typeof xml === 'string') {
    for (let i = 0; i < xml.length; i += CHUNK) {
      yield xml.slice(i, i + CHUNK);
      // Let other work in (a progress poll from the import dialog) between chunks.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const decoder = new StringDecoder('utf8');
  const utf8 = new Utf8Check(file);
  if (xml instanceof Uint8Array) {
    for (let i = 0; i < xml.length; i += CHUNK) {
      const part = xml.subarray(i, i + CHUNK);
      utf8.check(part);
      yield decoder.write(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    utf8.end();
    yield decoder.end();
    return;
  }
  try {
    for await (const chunk of xml as AsyncIterable<Buffer | string>) {
      if (typeof chunk === 'string') yield chunk;
      else {
        utf8.check(chunk);
        yield decoder.write(chunk);
      }
    }
  } catch (e) {
    if (e instanceof FrusXmlError) throw e;
    throw new FrusXmlError(`${file}: could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  utf8.end();
  yield decoder.end();
}

/**
 * Reads FRUS documents from TEI XML and maps each telegram. Yields one result per document
 * (`{ok:false, notTelegram:true}` for documents that are not telegrams). A file-level failure
 * (DOCTYPE, malformed, truncated, not TEI) throws a `FrusXmlError` (CableroomError BAD_REQUEST)
 * from the iteration; documents yielded before it were complete and well-formed.
 */
export async function* parseFrusTelegrams(
  xml: string | Readable | Uint8Array,
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

/** What to import: a file on disk, XML text, or the bytes of a file, with a name for the reports. */
export type FrusSource =
  Readonly<{ path: string }> | Readonly<{ xml: string; file: string }> | Readonly<{ bytes: Uint8Array; file: string }>;

export type SkippedDocument = { file: string; volume: string; doc: number; ref?: string; reason: string };

export type FrusImportResult = {
  file: string;
  volume: string | null;
  /** The reports of the telegrams written (empty with `keepReports: false`: see `importedCount`). */
  imported: ImportedTelegram[];
  importedCount: number;
  /** Telegrams not written, with the reason ("already imported", a ref collision, a mapping failure). */
  skipped: SkippedDocument[];
  skippedCount: number;
  /** Documents that are not telegrams (memoranda, editorial notes…). */
  ignored: number;
  /** Stopped by the caller's signal before the end of the file; importing again resumes. */
  interrupted: boolean;
};

export type ImportProgress = Readonly<{
  file: string;
  doc: number;
  outcome: 'imported' | 'skipped' | 'ignored';
  ref?: string;
  reason?: string;
  /** The cable written, for an imported telegram. */
  cableId?: number;
  /** Its FRUS volume, for an imported telegram. */
  volume?: string;
  /** Its label, for an imported telegram: the classification and the banner line. */
  label?: Readonly<{ classification: Classification; banner: string }>;
}>;

export type ImportOptions = Readonly<{
  onProgress?: (p: ImportProgress & { report?: ImportedTelegram }) => void;
  /**
   * False for whole volumes (the CLI): the reports go to `onProgress` only and at most
   * MAX_KEPT_SKIPS skips are kept, so memory stays bounded whatever the file's size (issue 12 item 2).
   */
  keepReports?: boolean;
  /** Checked between documents: an aborted import stops after the document in hand, written whole. */
  signal?: AbortSignal;
}>;

/** Skips kept in a result without reports (the count goes on). */
export const MAX_KEPT_SKIPS = 200;

function fileOf(source: FrusSource): string {
  return 'path' in source ? source.path : source.file;
}

function open(source: FrusSource): string | Readable | Uint8Array {
  if ('path' in source) return createReadStream(source.path, { highWaterMark: CHUNK });
  return 'bytes' in source ? source.bytes : source.xml;
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
  const keep = options.keepReports !== false;
  const result: FrusImportResult = {
    file,
    volume: null,
    imported: [],
    importedCount: 0,
    skipped: [],
    skippedCount: 0,
    ignored: 0,
    interrupted: false,
  };
  const progress = options.onProgress ?? (() => undefined);
  const skip = (s: SkippedDocument): void => {
    result.skippedCount += 1;
    if (keep || result.skipped.length < MAX_KEPT_SKIPS) result.skipped.push(s);
    progress({ file, doc: s.doc, outcome: 'skipped', ...(s.ref ? { ref: s.ref } : {}), reason: s.reason });
  };
  for await (const d of parseFrusTelegrams(open(source), { file })) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      break;
    }
    result.volume ??= d.volume;
    if (!d.ok) {
      if (d.notTelegram) {
        result.ignored += 1;
        progress({ file, doc: d.doc, outcome: 'ignored', reason: d.reason });
      } else skip({ file, volume: d.volume, doc: d.doc, reason: d.reason });
      continue;
    }
    const { cable, report } = d;
    const clash = conflict(db, cable.ref, cable.dtg, report);
    if (clash) {
      skip({ file, volume: d.volume, doc: d.doc, ref: cable.ref, reason: clash.reason });
      continue;
    }
    let cableId: number;
    try {
      // The directory entries the telegram needs and the cable, in one transaction: a cable that
      // cannot be written leaves no entry behind.
      const written = db.transaction(() => {
        const made = ensureDirectory(db, d.needs, `${d.volume} d${d.doc}`);
        const cableId = insertCable(db, renamePeople(cable, made.renamed));
        // Where it was published (migration 0013): the archive reader's and the traffic view's key.
        prepared(db, 'INSERT INTO frus_sources (cable_id, volume, doc, file, imported_at) VALUES (?, ?, ?, ?, ?)').run(
          cableId,
          d.volume,
          d.doc,
          file,
          new Date().toISOString(),
        );
        return { ...made, cableId };
      })();
      cableId = written.cableId;
      report.created = written.created;
      renameInReport(report, written.renamed);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      skip({ file, volume: d.volume, doc: d.doc, ref: cable.ref, reason });
      continue;
    }
    result.importedCount += 1;
    if (keep) result.imported.push(report);
    progress({
      file,
      doc: d.doc,
      outcome: 'imported',
      ref: cable.ref,
      cableId,
      volume: d.volume,
      label: {
        classification: cable.classification,
        banner: bannerLine(cable.classification, cable.dissem, cable.relTo),
      },
      report,
    });
  }
  return result;
}

export type FrusFileOutcome = (FrusImportResult & { ok: true }) | { ok: false; file: string; error: string };

/** Who imports, for the audit trail: a signed-in user, or the CLI acting as the database owner. */
export type ImportAudit = Readonly<{ trail: AuditTrail; actor: AuditActor; channel: 'app' | 'cli' }>;

/**
 * One IMPORT entry per file, as the app's import dialog has always written (issue 12 item 2: the
 * CLI wrote none): the file, what was imported, skipped and ignored, whether it was interrupted,
 * or why the file was refused whole.
 */
export function auditImport(audit: ImportAudit, outcome: FrusFileOutcome): void {
  audit.trail.append({
    actor: audit.actor,
    action: 'IMPORT',
    detail: outcome.ok
      ? {
          channel: 'frus',
          via: audit.channel,
          file: outcome.file,
          volume: outcome.volume,
          imported: outcome.importedCount,
          skipped: outcome.skippedCount,
          ignored: outcome.ignored,
          ...(outcome.interrupted ? { interrupted: true } : {}),
        }
      : { channel: 'frus', via: audit.channel, file: outcome.file, imported: 0, refused: outcome.error },
  });
}

/**
 * Imports several files (the CLI's `import-frus PATH...`): a file that fails as a whole (unreadable,
 * not UTF-8, DOCTYPE, malformed, truncated) is reported and the next one is read; an aborted signal
 * stops after the document in hand. Each file is audited when `audit` is given. Other errors propagate.
 */
export async function importFrusFiles(
  db: Db,
  paths: ReadonlyArray<string>,
  options: ImportOptions & { audit?: ImportAudit } = {},
): Promise<FrusFileOutcome[]> {
  const out: FrusFileOutcome[] = [];
  for (const path of paths) {
    if (options.signal?.aborted) break;
    let outcome: FrusFileOutcome;
    try {
      outcome = { ok: true, ...(await importFrus(db, { path }, options)) };
    } catch (e) {
      if (e instanceof FrusXmlError) outcome = { ok: false, file: path, error: e.message };
      else throw e;
    }
    if (options.audit) auditImport(options.audit, outcome);
    out.push(outcome);
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

/** The FRUS volume and document a cable was imported from, or undefined (seed, drafted, bundles). */
export function frusSourceOf(db: Db, cableId: number): { volume: string; doc: number; file: string } | undefined {
  return prepared(db, 'SELECT volume, doc, file FROM frus_sources WHERE cable_id = ?').get(cableId) as
    { volume: string; doc: number; file: string } | undefined;
}
