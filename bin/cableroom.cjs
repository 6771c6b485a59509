#!/usr/bin/env node
/*
 * The `cableroom` command: a thin launcher for the bundled CLI (dist/cli/cableroom.cjs, built by
 * scripts/build-node.mjs, which npm runs as `prepare` after every install). The exit code comes
 * from the CLI's `main`; it is set, not forced, so pending output is flushed before Node exits.
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
    })
    .catch((error) => {
      console.error('cableroom: unexpected failure:', error);
      process.exitCode = 70;
    });
}
