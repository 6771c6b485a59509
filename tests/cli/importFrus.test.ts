import { readdirSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cliFixture, runCli as run } from '../support/cli';

/**
 * Issue 12: `cableroom init` (no seed) then `import-frus` of every telegram of the FRUS corpus;
 * each file audited IMPORT (the CLI wrote none before); invalid UTF-8 refused with its offset.
 */
const FRUS = resolve(__dirname, '../fixtures/frus');
const ALL = readdirSync(FRUS)
  .sort()
  .flatMap((v) =>
    readdirSync(join(FRUS, v))
      .filter((f) => /^d\d+\.xml$/.test(f))
      .map((f) => join(FRUS, v, f)),
  );

const { tempFolder } = cliFixture();

describe('import-frus into a plain init database', () => {
  test('all 47 corpus telegrams import; every file is audited; a second run imports nothing', async () => {
    const db = join(tempFolder(), 'plain.sqlite');
    expect((await run('init', '--db', db)).code).toBe(0);
    expect(ALL).toHaveLength(47);
    const r = await run('import-frus', ...ALL, '--json', '--db', db);
    expect(r.code, r.err).toBe(0);
    const imported = JSON.parse(r.out) as { ref: string; created: string[]; inferred: string[] }[];
    expect(imported).toHaveLength(47);
    expect(r.err).not.toMatch(/skipped/);
    const sql = new Database(db, { readonly: true });
    try {
      const entries = sql
        .prepare("SELECT actor_user_id, detail FROM audit_log WHERE action = 'IMPORT' ORDER BY seq")
        .all() as { actor_user_id: number | null; detail: string }[];
      expect(entries).toHaveLength(47);
      expect(entries.every((e) => e.actor_user_id === null)).toBe(true);
      expect(JSON.parse(entries[0]!.detail)).toMatchObject({
        channel: 'frus',
        via: 'cli',
        file: ALL[0],
        imported: 1,
        skipped: 0,
      });
      expect(sql.prepare('SELECT count(*) FROM cables').pluck().get()).toBe(47);
    } finally {
      sql.close();
    }
    const again = await run('import-frus', ...ALL, '--db', db);
    expect(again.code).toBe(0);
    expect(again.out).toBe('Imported 0 telegrams; skipped 47.\n');
  });

  test('invalid UTF-8 is refused whole, naming the byte offset; nothing is written', async () => {
    const dir = tempFolder();
    const db = join(dir, 'plain.sqlite');
    expect((await run('init', '--db', db)).code).toBe(0);
    const good = readdirSync(join(FRUS, 'frus1961-63v11')).includes('d48.xml');
    expect(good).toBe(true);
    const bad = join(dir, 'bad.xml');
    const head = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>',
    );
    const doc = Buffer.from(
      '<div type="document" n="1" xml:id="d1"><head>1. Telegram From the Department of State to the Embassy in Greece<note type="source">Source: test. Secret.</note></head><dateline><placeName>Washington</placeName>, <date when="1964-06-01T10:00:00">June 1</date></dateline><p>12. Caf',
    );
    const tail = Buffer.from('.</p></div></body></text></TEI>');
    writeFileSync(bad, Buffer.concat([head, doc, Buffer.from([0xc3, 0x28]), tail]));
    const r = await run('import-frus', bad, '--db', db);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`not UTF-8: byte 0x28 at byte offset ${head.length + doc.length + 1}`);
    const sql = new Database(db, { readonly: true });
    try {
      expect(sql.prepare('SELECT count(*) FROM cables').pluck().get()).toBe(0);
      expect(sql.prepare('SELECT count(*) FROM stations').pluck().get()).toBe(0);
      const entry = sql.prepare("SELECT detail FROM audit_log WHERE action = 'IMPORT'").pluck().get() as string;
      expect(JSON.parse(entry)).toMatchObject({ via: 'cli', imported: 0, refused: expect.stringMatching(/not UTF-8/) });
    } finally {
      sql.close();
    }
  });
});
