import { describe, expect, test } from 'vitest';
import { cliFixture, runCli as run } from '../support/cli';

const { seededDb } = cliFixture();

describe('cableroom search (issue 14 item 3)', () => {
  test('search "POLTO 506" --json: the reply first, by reference, with From and DTG', async () => {
    const db = await seededDb();
    const r = await run('search', 'POLTO 506', '--as', 'finletter', '--json', '--db', db);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.out) as { ref: string; from: string; dtg: string; matchedBy: string }[];
    expect(hits[0]).toMatchObject({
      ref: 'POLTO 506',
      from: 'USMISSION USNATO',
      dtg: '281015Z OCT 62',
      matchedBy: 'ref',
    });
  });

  test('as text: one line per hit with DTG, From, ref and the snippet; --limit caps the hits', async () => {
    const db = await seededDb();
    const r = await run('search', 'Topol 578', '--as', 'finletter', '--db', db);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/^280412Z OCT 62 +SECSTATE WASHDC +SECRET +TOPOL 578 +/);
    expect(r.out).toContain('POLTO 506');
    const one = await run('search', 'topol578', '--as', 'finletter', '--limit', '1', '--json', '--db', db);
    expect(JSON.parse(one.out)).toHaveLength(1);
  });

  test('the trainee gets nothing SECRET, not even its ref; no match says so', async () => {
    const db = await seededDb();
    const r = await run('search', 'Topol 578', '--as', 'trainee', '--db', db);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain('578');
    expect(r.out).not.toContain('POLTO');
    expect(r.out.trim()).toBe('(no cables)');
  });

  test('hidden characters in a query are shown as tokens, and a missing TEXT is a usage error', async () => {
    const db = await seededDb();
    const hostile = await run('search', 'x\u001b[2Jy', '--as', 'finletter', '--db', db);
    expect(hostile.code).toBe(0);
    expect(hostile.out + hostile.err).not.toContain('\u001b');
    const none = await run('search', '--as', 'finletter', '--db', db);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/search needs/);
  });
});
