import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { main } from '../../electron/cli/cableroom';
import { cliFixture, runCli as run, tamperPolto506 } from '../support/cli';
import { SEED_DIR, tempDir } from '../support/tempCore';

const { seededDb } = cliFixture();

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

describe('cableroom CLI', () => {
  test('init --demo reports what it loaded', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'x.sqlite');
    const r = await run('init', '--demo', '--db', db, '--json');
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

  test('the text form is the 1962 telegram form: the classification at top and bottom, no portion marks', async () => {
    const db = await seededDb();
    const r = await run('show', 'topol 578', '--as', 'bohlen', '--db', db);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^OUTGOING TELEGRAM +Department of State$/);
    expect(lines[1]?.trim()).toBe('SECRET');
    expect(lines).toContain('EYES ONLY');
    expect(lines.at(-1)?.trim()).toBe('SECRET');
    expect(r.out).toContain('8. FYI.');
    expect(r.out).not.toContain('(S)');
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

  test("approver: USRO's principal designates the duty officer, never a trainee; each step audited", async () => {
    const db = await seededDb();
    const designate = await run('approver', 'duty-usro', '--as', 'finletter', '--json', '--db', db);
    expect(designate).toMatchObject({ code: 0 });
    expect(JSON.parse(designate.out)).toEqual({ login: 'duty-usro', authority: 'DESIGNATED' });
    expect(await run('approver', 'duty-usro', '--as', 'finletter', '--deputy', '--db', db)).toMatchObject({
      code: 0,
      out: expect.stringContaining('(deputy)'),
    });
    // Trainees never approve; someone who is not the post's principal may not designate.
    expect((await run('approver', 'trainee', '--as', 'finletter', '--db', db)).code).toBe(2);
    expect((await run('approver', 'duty-usro', '--as', 'trainee', '--db', db)).code).toBe(3);
    expect((await run('approver', 'duty-usro', '--as', 'finletter', '--deputy', '--revoke', '--db', db)).code).toBe(2);
    expect(await run('approver', 'duty-usro', '--as', 'finletter', '--revoke', '--db', db)).toMatchObject({
      code: 0,
      out: expect.stringContaining('no longer approves'),
    });
    const trail = JSON.parse((await run('audit', 'list', '--as', 'instructor', '--json', '--db', db)).out) as {
      actorLogin: string;
      action: string;
    }[];
    expect(trail.filter((e) => e.actorLogin === 'finletter' && e.action === 'DESIGNATE')).toHaveLength(3);
    expect(trail.some((e) => e.actorLogin === 'trainee' && e.action === 'DENY')).toBe(true);
  });
});

describe('import-frus', () => {
  const CORPUS = resolve(__dirname, '../fixtures/frus/frus1961-63v11');

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

  test('verify --all exits 0 on the seed and 5, naming the cable, once signed text in the file changes', async () => {
    const db = await seededDb();
    const ok = await run('verify', '--all', '--json', '--db', db);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out) as {
      ref: string;
      status: string;
      signatures: { role: string; signer: string; verified: boolean }[];
    }[];
    expect(report).toEqual([
      expect.objectContaining({
        ref: 'POLTO 506',
        status: 'VERIFIED',
        signatures: [
          expect.objectContaining({ role: 'DRAFTER', signer: 'duty-usro', verified: true }),
          expect.objectContaining({ role: 'CLEARER', signer: 'finletter', verified: true }),
          expect.objectContaining({ role: 'APPROVER', signer: 'finletter', verified: true }),
        ],
      }),
    ]);
    const one = await run('verify', 'POLTO 506', '--db', db);
    expect(one.code).toBe(0);
    expect(one.out).toMatch(/POLTO 506 +VERIFIED/);

    tamperPolto506(db);
    const bad = await run('verify', '--all', '--db', db);
    expect(bad.code).toBe(5);
    expect(bad.out).toMatch(/POLTO 506 +TAMPERED/);
    expect(bad.out).toMatch(/INVALID: the signature does not match the cable as stored/);
    expect((await run('verify', '--db', db)).code).toBe(2);
  });

  test('draft check prints the findings of the documented draft format', async () => {
    const db = await seededDb();
    const good = await run(
      'draft',
      'check',
      resolve(__dirname, '../../docs/examples/polto-reply.json'),
      '--json',
      '--db',
      db,
    );
    expect(good.code).toBe(0);
    expect(JSON.parse(good.out)).toEqual([]);
    const bad = await run(
      'draft',
      'check',
      resolve(__dirname, '../../docs/examples/polto-reply-mistakes.json'),
      '--json',
      '--db',
      db,
    );
    expect(bad.code).toBe(1);
    const findings = JSON.parse(bad.out) as { rule: number; severity: string; field: string; message: string }[];
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(Object.keys(f).sort()).toEqual(['field', 'message', 'rule', 'severity']);
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFileSync(join(t.dir, 'broken.json'), '{ not json');
    const broken = await run('draft', 'check', join(t.dir, 'broken.json'), '--db', db);
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/not valid JSON/);
  });

  test('a draft goes through the chain from the CLI; export and import-bundle carry it to another database', async () => {
    const a = await seededDb();
    const b = await seededDb();
    const withPassphrase = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await main(argv, {
        stdout: (x) => (out += x),
        stderr: (x) => (err += x),
        env: { CABLEROOM_SEED_DIR: SEED_DIR, CABLEROOM_PASSPHRASE: 'topol-578' },
      });
      return { code, out, err };
    };
    const created = await run(
      'draft',
      'new',
      resolve(__dirname, '../../docs/examples/polto-reply.json'),
      '--as',
      'duty-usro',
      '--json',
      '--db',
      a,
    );
    expect(created.code).toBe(0);
    const id = String((JSON.parse(created.out) as { id: number }).id);
    expect((await run('draft', 'submit', id, '--as', 'duty-usro', '--db', a)).err).toMatch(/CABLEROOM_PASSPHRASE/);
    expect((await withPassphrase('draft', 'submit', id, '--as', 'duty-usro', '--db', a)).code).toBe(0);
    expect((await withPassphrase('draft', 'clear', id, '--as', 'finletter', '--db', a)).code).toBe(0);
    const approved = await withPassphrase('draft', 'approve', id, '--as', 'finletter', '--json', '--db', a);
    expect(approved.code).toBe(0);
    const ref = (JSON.parse(approved.out) as { releasedRef: string }).releasedRef;
    expect(ref).toBe('POLTO 507');

    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'polto.cablebundle');
    const exported = await withPassphrase('export', ref, '--as', 'rusk', '--out', file, '--db', a);
    expect(exported.code).toBe(0);
    const imported = await run('import-bundle', file, '--json', '--db', b);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ refs: [ref], exportedBy: 'rusk', classification: 'SECRET' });
    expect((await run('verify', ref, '--db', b)).code).toBe(0);

    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    writeFileSync(file, bytes);
    const refused = await run('import-bundle', file, '--db', b);
    expect(refused.code).toBe(5);
    expect(refused.err).toMatch(/Bundle refused/);
  });
});
