import { execFileSync, spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir } from '../support/tempCore';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/cableroom.cjs');
const t = tempDir();
const db = join(t.dir, 'cableroom.sqlite');

beforeAll(() => {
  // The bundle `npm ci` builds through `prepare`; rebuilt here so the test runs what the source says.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-node.mjs')], { cwd: ROOT, stdio: 'pipe' });
}, 60_000);
afterAll(() => t.cleanup());

function cableroom(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: t.dir,
    encoding: 'utf8',
    env: { ...process.env, CABLEROOM_DB: '' },
  });
}

test('the installed binary runs on plain Node: init --demo, then show TOPOL 578 as finletter', () => {
  const init = cableroom('init', '--demo', '--db', db);
  expect(init.stderr).toBe('');
  expect(init.status).toBe(0);
  expect(init.stdout).toMatch(/Created .*: 19 stations, 30 people, 12 users, 6 cables\./);
  const show = cableroom('show', 'TOPOL 578', '--as', 'finletter', '--json', '--db', db);
  expect(show.status).toBe(0);
  expect(JSON.parse(show.stdout)).toMatchObject({ ref: 'TOPOL 578', classification: 'SECRET', signedBy: 'RUSK' });
});

test('errors go to stderr with the documented exit code and no stack trace', () => {
  const denied = cableroom('show', 'TOPOL 578', '--as', 'trainee', '--db', db);
  expect(denied.status).toBe(3);
  expect(denied.stdout).toBe('');
  expect(denied.stderr).toMatch(/^cableroom: Access denied/);
  expect(denied.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
  const usage = cableroom('--help');
  expect(usage.status).toBe(0);
  expect(usage.stdout).toContain('Usage: cableroom');
});
