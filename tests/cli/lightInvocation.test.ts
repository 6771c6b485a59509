import { expect, test } from 'vitest';
import { lightInvocation } from '../../electron/cli/cableroom';
import { COMMANDS } from '../../electron/cli/commands';

/**
 * The launcher (scripts/build-node.mjs) runs a command line from the light bundle when
 * lightInvocation says so: the light bundle holds no more than the help, usage errors and the
 * commands that read with the light core. Anything else must go to the whole CLI.
 */
test('a command runs from the light bundle exactly when it reads with the light core', () => {
  for (const c of COMMANDS) {
    const argv = [...c.name.split(' '), 'ARG', '--db', 'x.sqlite'];
    expect(lightInvocation(argv), c.name).toBe(c.core === 'light');
  }
  expect(COMMANDS.filter((c) => c.core === 'light').map((c) => c.name)).toEqual(['inbox', 'show']);
});

test('the help and usage errors need nothing but the light bundle', () => {
  for (const argv of [[], ['--help'], ['help'], ['help', 'users'], ['users', '--help'], ['-h'], ['--no-such-option']]) {
    expect(lightInvocation(argv), argv.join(' ')).toBe(true);
  }
  expect(lightInvocation(['no-such-command'])).toBe(true);
  expect(lightInvocation(['draft'])).toBe(true); // a group without its subcommand: a usage error
});

test('options before the command are parsed as main parses them', () => {
  expect(lightInvocation(['--db', 'x.sqlite', 'show', 'TOPOL 578', '--as', 'finletter'])).toBe(true);
  expect(lightInvocation(['--db', 'x.sqlite', 'users'])).toBe(false);
  expect(lightInvocation(['--json', 'audit', 'verify'])).toBe(false);
});
