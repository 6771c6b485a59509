import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { tempDir } from '../support/tempCore';

/**
 * `cableroom serve` as a user runs it (issue 14 item 9): the CLI bundled as scripts/build-node.mjs
 * bundles it (ws inside, no electron), on plain Node, stopped with a signal. Bundled here into its
 * own folder so it does not race binary.test.ts over dist/cli.
 */

const ROOT = resolve(__dirname, '../..');
const OUT = join(ROOT, '.cache', `serve-test-${process.pid}`);
const BUNDLE = join(OUT, 'cableroom.cjs');
const t = tempDir();
const db = join(t.dir, 'cableroom.sqlite');
const renderer = join(t.dir, 'renderer');

beforeAll(async () => {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['electron/cli/cableroom.ts'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
    logLevel: 'silent',
  });
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  const init = spawnSync(
    process.execPath,
    ['-e', `require(${JSON.stringify(BUNDLE)}).main(process.argv.slice(1))`, 'init', '--demo', '--db', db],
    {
      encoding: 'utf8',
    },
  );
  expect(init.status, init.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  t.cleanup();
});

function status(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`serve prints one line with the tokened URL, serves, and ${signal} ends it cleanly (exit 0)`, async () => {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(BUNDLE)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`,
        'serve',
        '--db',
        db,
      ],
      {
        env: { ...process.env, CABLEROOM_RENDERER_DIR: renderer, CABLEROOM_DB: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    lines.on('line', (l) => (stdout += `${l}\n`));
    const match = /^Cableroom is serving at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[0-9a-f]{64})$/.exec(first);
    expect(match, first).not.toBeNull();
    const [, url, port] = match!;
    expect(await status(url!)).toBe(303);
    expect(await status(`http://127.0.0.1:${port}/`)).toBe(403);

    child.kill(signal);
    expect(await exited).toBe(0);
    expect(stdout).toBe(''); // exactly one line
    expect(stderr).toBe('');
    await expect(status(url!)).rejects.toThrow(/ECONNREFUSED/);
  });
}

test('serve refuses a bad --port and a missing renderer with a usage error', () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(BUNDLE)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`,
        ...args,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, CABLEROOM_RENDERER_DIR: renderer, ...env },
      },
    );
  const badPort = run(['serve', '--port', '70000', '--db', db]);
  expect(badPort.status).toBe(2);
  expect(badPort.stderr).toMatch(/--port must be a whole number from 0 to 65535/);
  const noRenderer = run(['serve', '--db', db], { CABLEROOM_RENDERER_DIR: t.dir });
  expect(noRenderer.status).toBe(2);
  expect(noRenderer.stderr).toMatch(/holds no index\.html/);
});
