import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXIT, noArgs, UsageError, type Command, type CommandContext } from '../command';

/**
 * `serve`: Cableroom in a browser, without Electron (issue 14 item 9; VS Code's serve-web). The
 * same renderer and the same IPC router as the app, over HTTP and a WebSocket on 127.0.0.1 with
 * a connection token (electron/serve/). Runs until SIGINT or SIGTERM, then closes the server;
 * cableroom.ts closes the database after the command returns.
 */
export const SERVE_COMMANDS: ReadonlyArray<Command> = [
  {
    name: 'serve',
    args: '',
    options: { port: 'optional' },
    summary: [
      'Serve Cableroom to a browser on this machine: prints one line,',
      '"Cableroom is serving at http://127.0.0.1:PORT/?token=TOKEN" (open it;',
      'the token is the key), and runs until interrupted. --port 0 (the',
      'default) picks a free port. Needs the built renderer (npm run build)',
    ],
    async run(ctx) {
      noArgs(ctx);
      const port = parsePort(ctx.options.port);
      const rendererDir = findRendererDir(ctx);
      const core = ctx.core();
      let server;
      try {
        // The server, the router and the contract's schemas load with `serve` only (issue 15 item 6).
        const { developmentSlowCallLog, startServeServer } = await import('../../serve/serveServer');
        server = await startServeServer({
          core,
          rendererDir,
          port,
          logError: (message, error) => ctx.io.stderr(`cableroom: ${message}: ${describe(error)}\n`),
          slowCalls: developmentSlowCallLog(ctx.io.env),
        });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`Port ${port} is in use: choose another, or --port 0.`);
        throw e;
      }
      const interrupted = signals();
      try {
        ctx.io.stdout(`Cableroom is serving at ${server.url}\n`);
        await interrupted.first;
        await server.close();
      } finally {
        // Until here a second Ctrl-C (or the terminal's and `npm start`'s one each) must not kill
        // the process while the database closes; cableroom.ts closes it once this returns.
        interrupted.release();
      }
      return EXIT.OK;
    },
  },
];

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port) || port > 65535) {
    throw new UsageError('--port must be a whole number from 0 to 65535 (0 picks a free port).');
  }
  return port;
}

/**
 * dist/renderer: $CABLEROOM_RENDERER_DIR, else the nearest dist/renderer above this module (the
 * bundle lives in dist/cli; the source in electron/cli/commands).
 */
function findRendererDir(ctx: CommandContext): string {
  const fromEnv = ctx.io.env.CABLEROOM_RENDERER_DIR;
  const candidates = fromEnv ? [resolve(fromEnv)] : ancestors(__dirname).map((d) => join(d, 'dist', 'renderer'));
  const found = candidates.find((d) => existsSync(join(d, 'index.html')));
  if (!found) {
    throw new UsageError(
      fromEnv
        ? `CABLEROOM_RENDERER_DIR (${fromEnv}) holds no index.html.`
        : 'The renderer is not built (no dist/renderer/index.html): run npm run build first.',
    );
  }
  return found;
}

function ancestors(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = start; ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dirname(dir) === dir) return dirs;
  }
}

/**
 * `first` resolves at the first SIGINT or SIGTERM (a terminal's Ctrl-C, a service manager's stop);
 * later ones are ignored until `release()`.
 */
function signals(): { first: Promise<void>; release(): void } {
  let resolve!: () => void;
  const first = new Promise<void>((r) => (resolve = r));
  const onSignal = () => resolve();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    first,
    release() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
