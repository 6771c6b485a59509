import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../../electron/cli/cableroom';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { SEED_DIR, tempDir } from '../support/tempCore';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** Runs the CLI in-process against real files, capturing its streams. */
async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: { CABLEROOM_SEED_DIR: SEED_DIR },
  });
  return { code, out, err };
}

async function seededDb(): Promise<string> {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const db = join(t.dir, 'cableroom.sqlite');
  const init = await run('init', '--seed', '--db', db, '--json');
  expect(init.code).toBe(0);
  return db;
}

describe('cableroom CLI', () => {
  test('init --seed reports what it loaded', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'x.sqlite');
    const r = await run('init', '--seed', '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({
      schemaVersion: LATEST_SCHEMA_VERSION,
      seeded: { stations: 19, users: 12, cables: 6 },
    });
    const again = await run('init', '--seed', '--db', db);
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('is ready') });
  });

  test('show "TOPOL 578" --as finletter --json prints the reference telegram', async () => {
    const db = await seededDb();
    const r = await run('show', 'TOPOL 578', '--as', 'finletter', '--json', '--db', db);
    expect(r.code).toBe(0);
    const cable = JSON.parse(r.out);
    expect(cable).toMatchObject({
      ref: 'TOPOL 578',
      series: 'TOPOL',
      serial: 578,
      dtg: '280412Z OCT 62',
      classification: 'SECRET',
      captions: ['EYES ONLY'],
      precedence: 'ROUTINE',
      from: { plad: 'SECSTATE WASHDC' },
      action: [{ plad: 'USMISSION USNATO' }],
      info: [],
      pass: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS' }],
      eyesOnlyFor: ['Finletter', 'Bohlen'],
      draftedBy: ['Bundy', 'U. Alexis Johnson'],
      clearedBy: ['EUR', 'NEA'],
      approvedBy: ['U. Alexis Johnson'],
      signedBy: 'RUSK',
      banner: 'SECRET',
    });
    expect(cable.repeats).toHaveLength(1);
    expect(cable.paragraphs).toHaveLength(8);
    expect(cable.paragraphs[7]).toMatchObject({ n: 8, portion: 'S', fyi: true });
    expect(typeof cable.subject).toBe('string');
  });

  test('the text form carries the banner at top and bottom', async () => {
    const db = await seededDb();
    const r = await run('show', 'topol 578', '--as', 'bohlen', '--db', db);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('SECRET');
    expect(lines[1]).toBe('EYES ONLY');
    expect(lines.at(-1)).toBe('SECRET');
    expect(r.out).toContain('8. (S) FYI.');
  });

  test('exit codes: 3 access denied, 4 unknown REF or login, 2 usage, 5 integrity — errors on stderr only', async () => {
    const db = await seededDb();
    const denied = await run('show', 'TOPOL 578', '--as', 'trainee', '--json', '--db', db);
    expect(denied).toMatchObject({ code: 3, out: '' });
    expect(denied.err).toMatch(/Access denied/);
    expect(denied.err).not.toMatch(/Khrushchev|NATO/);
    expect(await run('show', 'TOPOL 999', '--as', 'finletter', '--db', db)).toMatchObject({
      code: 4,
      out: '',
      err: expect.stringContaining('No cable "TOPOL 999"'),
    });
    expect(await run('show', 'TOPOL 578', '--as', 'nobody', '--db', db)).toMatchObject({
      code: 4,
      err: expect.stringContaining('Unknown login "nobody"'),
    });
    expect(await run('show', 'TOPOL 578', '--db', db)).toMatchObject({
      code: 2,
      err: expect.stringContaining('--as LOGIN'),
    });
    expect(await run('frobnicate', '--db', db)).toMatchObject({ code: 2 });
    expect(await run('show', '--bogus')).toMatchObject({ code: 2 });
    expect(await run('users')).toMatchObject({ code: 2, err: expect.stringContaining('--db PATH is required') });
    const t = tempDir();
    cleanups.push(t.cleanup);
    expect(await run('users', '--db', join(t.dir, 'missing.sqlite'))).toMatchObject({
      code: 4,
      err: expect.stringContaining('cableroom init'),
    });
  });

  test('users --json and inbox --json', async () => {
    const db = await seededDb();
    const users = JSON.parse((await run('users', '--json', '--db', db)).out);
    expect(users.map((u: { login: string }) => u.login)).toEqual(
      expect.arrayContaining(['rusk', 'finletter', 'bohlen', 'duty-usro', 'trainee', 'liaison']),
    );
    const inbox = JSON.parse((await run('inbox', '--as', 'trainee', '--json', '--db', db)).out);
    expect(inbox.map((r: { ref: string }) => r.ref)).not.toContain('TOPOL 578');
    expect(await run('inbox', '--as', 'trainee', '--limit', '0', '--db', db)).toMatchObject({ code: 2 });
  });
});

describe('import-frus', () => {
  const CORPUS = resolve(__dirname, '../../../shared/corpus/frus/frus1961-63v11');

  test('imports corpus telegrams as JSON with the same field names as show; re-importing changes nothing', async () => {
    const db = await seededDb();
    const files = ['d115.xml', 'd100.xml'].map((f) => join(CORPUS, f));
    const first = await run('import-frus', ...files, '--json', '--db', db);
    expect(first.code).toBe(0);
    const imported = JSON.parse(first.out) as { ref: string; classification: string; source: { doc: number } }[];
    expect(imported.map((t) => t.source.doc)).toEqual([115]);
    expect(imported[0]).toMatchObject({ classification: expect.stringMatching(/^[A-Z_]+$/) });
    // d100 is the seed's TOPOL 578: reported as already imported, not duplicated.
    expect(first.err).toMatch(/document 100 \(TOPOL 578\) skipped: .*already imported/);
    const again = await run('import-frus', ...files, '--json', '--db', db);
    expect(JSON.parse(again.out)).toEqual([]);
    // The Secretary (principal at the Department, the addressee) reads the imported telegram.
    const shown = await run('show', imported[0]!.ref, '--as', 'rusk', '--json', '--db', db);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.out)).toMatchObject({ ref: imported[0]!.ref, from: { plad: 'AMEMBASSY MOSCOW' } });
  });

  test('a hostile file is refused with a clear message and the exit code says so', async () => {
    const db = await seededDb();
    const t = tempDir();
    cleanups.push(t.cleanup);
    const evil = join(t.dir, 'evil.xml');
    writeFileSync(
      evil,
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><TEI><text><body>&e;</body></text></TEI>',
    );
    const r = await run('import-frus', evil, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/evil\.xml: .*DOCTYPE/i);
  });
});
