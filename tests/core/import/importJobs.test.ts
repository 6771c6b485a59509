import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FrusImportStatus } from '../../../electron/domain/exchange';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';

const core = seededCoreFixture();
const CORPUS = resolve(__dirname, '../../../../shared/corpus/frus/frus1961-63v11');
const file = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(CORPUS, name))) });

async function finished(c: SeededCore, login: string, jobId: number): Promise<FrusImportStatus> {
  for (;;) {
    const s = c.imports.status(c.users.byLogin(login), jobId);
    if (s.done) return s;
    await new Promise((r) => setTimeout(r, 10));
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
    const s = await finished(c, 'instructor', started.jobId);
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
});
