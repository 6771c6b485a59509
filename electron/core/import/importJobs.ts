import type { FrusImportStatus } from '../../domain/exchange';
import type { AuditTrail } from '../audit/auditTrail';
import { CableroomError } from '../errors';
import { emitChange } from '../events';
import type { Actor } from '../services/actor';
import type { Db } from '../store/database';
import { FrusXmlError, auditImport, importFrus, type FrusFileOutcome, type ImportAudit } from './frus';

/**
 * FRUS imports started from the app's import dialog (issue 6): the files arrive as bytes over IPC,
 * are imported one after the other in the background, and the dialog polls the job for its
 * progress and, at the end, its summary (imported, skipped with reasons, files refused whole).
 * Historians, instructors and admins import; each file is audited as IMPORT.
 */
export type { FrusImportStatus } from '../../domain/exchange';

export type ImportFile = Readonly<{ name: string; bytes: Uint8Array }>;

type Job = {
  -readonly [K in keyof FrusImportStatus]: FrusImportStatus[K] extends ReadonlyArray<infer T>
    ? T[]
    : FrusImportStatus[K];
} & { ownerUserId: number };

export type ImportJobs = Readonly<{
  start(actor: Actor, files: ReadonlyArray<ImportFile>): FrusImportStatus;
  status(actor: Actor, jobId: number): FrusImportStatus;
}>;

/** Most jobs kept for polling; the oldest finished ones are forgotten first. */
const KEEP = 20;

export function createImportJobs(db: Db, trail: AuditTrail): ImportJobs {
  const jobs = new Map<number, Job>();
  let nextId = 1;
  const snapshot = ({ ownerUserId: _owner, ...j }: Job): FrusImportStatus => ({
    ...j,
    imported: [...j.imported],
    skipped: [...j.skipped],
    failedFiles: [...j.failedFiles],
  });

  async function run(job: Job, actor: Actor, files: ReadonlyArray<ImportFile>): Promise<void> {
    const audit: ImportAudit = { trail, actor: { userId: actor.userId, login: actor.login }, channel: 'app' };
    for (const f of files) {
      job.currentFile = f.name;
      const bytesBefore = job.bytesDone;
      let outcome: FrusFileOutcome;
      try {
        // Progress inside a file (a whole volume is one file): its share of bytes by documents done.
        const documents = Math.max(1, countDocuments(f.bytes));
        const startBytes = job.bytesDone;
        let seen = 0;
        // The bytes themselves, checked as strict UTF-8 (issue 12 item 2), never decoded leniently.
        const result = await importFrus(
          db,
          { bytes: f.bytes, file: f.name },
          {
            keepReports: false,
            onProgress: (p) => {
              job.documentsSeen += 1;
              seen += 1;
              job.bytesDone = startBytes + Math.floor((f.bytes.length * Math.min(seen, documents)) / documents);
              if (p.outcome === 'imported' && p.cableId !== undefined && p.label)
                job.imported.push({
                  file: f.name,
                  doc: p.doc,
                  ref: p.ref ?? '',
                  cableId: p.cableId,
                  volume: p.volume ?? '',
                  ...p.label,
                });
              if (p.outcome === 'skipped')
                job.skipped.push({ file: f.name, doc: p.doc, ref: p.ref ?? null, reason: p.reason ?? '' });
              if (p.outcome === 'ignored') job.ignored += 1;
            },
          },
        );
        outcome = { ok: true, ...result };
      } catch (e) {
        const error =
          e instanceof FrusXmlError || e instanceof CableroomError ? e.message : `unexpected failure: ${String(e)}`;
        job.failedFiles.push({ file: f.name, error });
        outcome = { ok: false, file: f.name, error };
      }
      auditImport(audit, outcome);
      job.filesDone += 1;
      job.bytesDone = bytesBefore + f.bytes.length;
    }
    job.currentFile = null;
    job.done = true;
    emitChange(db, { type: 'importDone', userId: actor.userId, jobId: job.jobId }); // issue 14 item 1
  }

  return {
    start(actor, files) {
      // Historians import the volumes they read (issue 12 item 3), as instructors and admins do.
      if (actor.role !== 'instructor' && actor.role !== 'admin' && actor.role !== 'historian') {
        trail.append({
          actor: { userId: actor.userId, login: actor.login },
          action: 'DENY',
          detail: { what: 'import FRUS' },
        });
        throw new CableroomError('ACCESS_DENIED', 'Only historians, instructors and admins import FRUS telegrams.');
      }
      if (files.length === 0) throw new CableroomError('BAD_REQUEST', 'Choose at least one TEI file.');
      const job: Job = {
        jobId: nextId++,
        ownerUserId: actor.userId,
        done: false,
        filesTotal: files.length,
        filesDone: 0,
        currentFile: null,
        bytesTotal: files.reduce((n, f) => n + f.bytes.length, 0),
        bytesDone: 0,
        documentsSeen: 0,
        imported: [],
        skipped: [],
        ignored: 0,
        failedFiles: [],
      };
      jobs.set(job.jobId, job);
      for (const [id, j] of jobs) {
        if (jobs.size <= KEEP) break;
        if (j.done) jobs.delete(id);
      }
      void run(job, actor, files).catch((e: unknown) => {
        job.failedFiles.push({ file: job.currentFile ?? '', error: `unexpected failure: ${String(e)}` });
        job.done = true;
      });
      return snapshot(job);
    },
    status(actor, jobId) {
      const job = jobs.get(jobId);
      if (!job || job.ownerUserId !== actor.userId) throw new CableroomError('NOT_FOUND', `No import ${jobId}.`);
      return snapshot(job);
    },
  };
}

/** How many `div type="document"` a file holds (for progress; a rough count of the bytes). */
function countDocuments(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buf.indexOf('type="document"'); i >= 0; i = buf.indexOf('type="document"', i + 1)) n += 1;
  return n;
}
