import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { FrusImportStatus } from '../../../electron/domain/exchange';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { CORPUS_DIR } from './frusFixtures';

const core = seededCoreFixture();
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(CORPUS_DIR, name))) });

/** How long a job of a few short files may take on a loaded machine before the test gives up. */
const JOB_DEADLINE_MS = 10_000;

/**
 * Polls the job as the dialog does, until it is done: bounded (a job that never finishes fails the
 * test with its last status instead of polling on after the test's own timeout). Returns the
 * final status and every status seen on the way.
 */
async function finished(
  c: SeededCore,
  login: string,
  jobId: number,
): Promise<{ final: FrusImportStatus; seen: FrusImportStatus[] }> {
  const seen: FrusImportStatus[] = [];
  try {
    const final = await vi.waitUntil(
      () => {
        const s = c.imports.status(c.users.byLogin(login), jobId);
        seen.push(s);
        return s.done ? s : false;
      },
      { timeout: JOB_DEADLINE_MS, interval: 5 },
    );
    return { final, seen };
  } catch (e) {
    throw new Error(
      `import job ${jobId} not done after ${JOB_DEADLINE_MS} ms; last status: ${JSON.stringify(seen.at(-1))}`,
      { cause: e },
    );
  }
}

describe('FRUS imports started from the app (issue 6)', () => {
  test('an instructor imports files in the background; progress and the summary are polled', async () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    const broken = {
      name: 'broken.xml',
      bytes: new TextEncoder().encode('<TEI><text><body><div type="document" n="1">'),
    };
    const started = c.imports.start(instructor, [file('d115.xml'), broken, file('d100.xml')]);
    expect(started).toMatchObject({ done: false, filesTotal: 3, filesDone: 0 });
    const { final: s, seen } = await finished(c, 'instructor', started.jobId);
    // Progress only moves forward while the dialog polls.
    const filesDone = seen.map((x) => x.filesDone);
    expect(filesDone).toEqual([...filesDone].sort((a, b) => a - b));
    expect(s).toMatchObject({ filesDone: 3, bytesDone: s.bytesTotal, currentFile: null });
    expect(s.imported.map((i) => [i.file, i.doc])).toEqual([['d115.xml', 115]]);
    expect(s.skipped).toEqual([
      expect.objectContaining({
        file: 'd100.xml',
        doc: 100,
        ref: 'TOPOL 578',
        reason: expect.stringMatching(/already imported/),
      }),
    ]);
    expect(s.failedFiles).toEqual([{ file: 'broken.xml', error: expect.stringMatching(/broken\.xml/) }]);
    const audited = c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'IMPORT'").pluck().get();
    expect(audited).toBe(3);
  });

  test('only instructors and admins import; a job is visible to whoever started it only', () => {
    const c = core();
    expect(() => c.imports.start(c.users.byLogin('trainee'), [file('d115.xml')])).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }) as Error,
    );
    const job = c.imports.start(c.users.byLogin('instructor'), [file('d115.xml')]);
    expect(() => c.imports.status(c.users.byLogin('rusk'), job.jobId)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }) as Error,
    );
  });

  test('a file that is not UTF-8 is refused whole with its byte offset, and audited (issue 12 item 2)', async () => {
    const c = core();
    const bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, 'd115.xml')));
    const at = Buffer.from(bytes).indexOf('Khrushchev');
    expect(at).toBeGreaterThan(0);
    bytes[at] = 0xc0; // never valid in UTF-8
    const job = c.imports.start(c.users.byLogin('instructor'), [{ name: 'latin.xml', bytes }]);
    const { final } = await finished(c, 'instructor', job.jobId);
    expect(final.imported).toEqual([]);
    expect(final.failedFiles).toEqual([
      { file: 'latin.xml', error: `latin.xml: not UTF-8: byte 0xc0 at byte offset ${at}; nothing was imported` },
    ]);
    const detail = c.db
      .prepare("SELECT detail FROM audit_log WHERE action = 'IMPORT' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(detail)).toMatchObject({ channel: 'frus', via: 'app', file: 'latin.xml', imported: 0 });
  });
});
