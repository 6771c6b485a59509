#!/usr/bin/env node
/*
 * The `cableroom` command: a thin launcher for the bundled CLI (dist/cli/cableroom.cjs, built by
 * scripts/build-node.mjs, which npm runs as `prepare` after every install). The exit code comes
 * from the CLI's `main`. Once the command is done and stdout and stderr have written all it
 * printed (the callbacks of an empty write come after every earlier write), the process exits
 * at once: tearing down a heap holding the CLI's code only costs time (issue 15 item 6: 5-10 ms
 * of each `cableroom show`). Nothing the command started outlives `main`: it closes the database
 * before it returns.
 */
'use strict';

const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'cli', 'cableroom.cjs');
if (!existsSync(bundle)) {
  console.error(`cableroom: ${bundle} is missing. Build it first: npm run build:node`);
  process.exitCode = 70; // EX_SOFTWARE: the installation is incomplete, not the user's input.
} else {
  require(bundle)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
      let unwritten = 2;
      const written = () => {
        if (--unwritten === 0) process.exit(code);
      };
      process.stdout.write('', written);
      process.stderr.write('', written);
    })
    .catch((error) => {
      console.error('cableroom: unexpected failure:', error);
      process.exitCode = 70;
    });
}
