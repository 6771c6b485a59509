import { describe, expect, test } from 'vitest';
import { main } from '../../electron/cli/cableroom';
import { progressBar } from '../../electron/cli/terminal';
import { openCore } from '../../electron/core/app';
import { releasedCableInput, insertCableSignatures, readSignedCables } from '../../electron/core/signing/signedCable';
import { signedCableIds, signedCableIdsAfter, signedCableCount } from '../../electron/core/signing/chainRecord';
import { insertCable } from '../../electron/core/store/cableWriter';
import { cliFixture, runCli as run } from '../support/cli';
import { SEED_DIR } from '../support/tempCore';

/**
 * Issue 15 item 3: `verify` writes each cable as it is decided (nothing kept), byte for byte the
 * report it printed whole before; ids are paged; a progress bar only on a terminal's stderr.
 */
const { seededDb } = cliFixture();

/** A copy of POLTO 506 (its chain included) under a new reference, `n` times. */
async function withCopies(db: string, n: number): Promise<void> {
  const core = openCore({ dbPath: db, mustExist: true, seedDir: SEED_DIR });
  try {
    const id = core.cables.idByRef('POLTO 506');
    const [signed] = readSignedCables(core.db, id, id);
    core.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        // The copies' chains do not match their new references: each must be TAMPERED.
        const release = {
          ...signed!.release,
          ref: `POLTO ${1000 + i}`,
          series: { indicator: 'POLTO', number: 1000 + i },
        };
        const copy = insertCable(core.db, releasedCableInput(signed!.draft, release));
        insertCableSignatures(core.db, copy, signed!.signatures);
      }
    })();
  } finally {
    core.close();
  }
}

describe('verify, streamed', () => {
  test('--json is exactly the whole report printed at once; text ends with the summary', async () => {
    const db = await seededDb();
    await withCopies(db, 3);
    const json = await run('verify', '--all', '--json', '--db', db);
    expect(json.code).toBe(5);
    const report = JSON.parse(json.out) as { ref: string; status: string }[];
    expect(json.out).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(report.map((r) => [r.ref, r.status])).toEqual([
      ['POLTO 506', 'VERIFIED'],
      ['POLTO 1000', 'TAMPERED'],
      ['POLTO 1001', 'TAMPERED'],
      ['POLTO 1002', 'TAMPERED'],
    ]);
    const text = await run('verify', '--all', '--db', db);
    const lines = text.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^POLTO 506 +VERIFIED$/);
    expect(lines.at(-1)).toMatch(/^4 signed cable\(s\), 12 signature\(s\), 3 failed, in \d+\.\d\d s\.$/);
    // No progress bar when stderr is not a terminal.
    expect(text.err).toBe('');
    const none = await run('verify', 'TOPOL 578', '--json', '--db', db);
    expect(none).toMatchObject({ code: 0, out: '[]\n' });
    expect(none.err).toMatch(/TOPOL 578 carries no signatures/);
  });

  test('the ids are paged in order, each signed cable once, without reading them all', async () => {
    const db = await seededDb();
    await withCopies(db, 5);
    const core = openCore({ dbPath: db, mustExist: true, seedDir: SEED_DIR });
    try {
      const all = signedCableIds(core.db);
      const paged: number[] = [];
      for (let page = signedCableIdsAfter(core.db, 0, 2); page.length > 0;) {
        paged.push(...page);
        page = signedCableIdsAfter(core.db, page.at(-1)!, 2);
      }
      expect(paged).toEqual(all);
      expect(signedCableCount(core.db)).toBe(all.length);
    } finally {
      core.close();
    }
  });

  test('a progress bar is given to the command when the io has one, and erased at the end', async () => {
    const db = await seededDb();
    let err = '';
    const out: string[] = [];
    const code = await main(['verify', '--all', '--db', db], {
      stdout: (t) => out.push(t),
      stderr: (t) => (err += t),
      env: {},
      progress: (label) => progressBar(label, (t) => (err += t), 10),
    });
    expect(code).toBe(0);
    expect(err).toContain('verifying [##########] 100% 1/1');
    expect(err.endsWith('\r\u001b[2K')).toBe(true);
  });
});
