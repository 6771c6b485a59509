import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { SEED_PASSPHRASE } from '../../../electron/core/seed/seed';
import type { Draft } from '../../../electron/domain/draft';
import { seededCoreFixture } from '../../support/tempCore';

/**
 * "N drafts waiting for you" (issue 14 item 2): a clearer who has cleared is no longer waited
 * for, while the draft still waits for the other clearers; the draft stays on their desk.
 */
const core = seededCoreFixture();
const EXAMPLE = JSON.parse(
  readFileSync(resolve(__dirname, '../../../docs/examples/polto-reply.json'), 'utf8'),
) as Draft;

test('a clearer who has cleared is no longer counted as waited for', async () => {
  const c = core();
  const duty = await c.users.byLogin('duty-usro');
  const finletter = await c.users.byLogin('finletter');
  const rusk = await c.users.byLogin('rusk');
  const twoClearers: Draft = {
    ...EXAMPLE,
    clearers: [
      { person: 'finletter', kind: 'CLEAR' },
      { person: 'rusk', kind: 'CLEAR' },
    ],
  } as Draft;
  const created = c.drafts.create(duty, {});
  const saved = c.drafts.save(duty, created.id, created.revision, twoClearers);
  expect(saved.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const submitted = await c.drafts.submit(duty, saved.id, saved.revision, SEED_PASSPHRASE);
  const waiting = (login: typeof finletter) => c.drafts.list(login).find((d) => d.id === submitted.id)?.waitingForMe;
  expect(waiting(finletter)).toBe(true);
  expect(waiting(rusk)).toBe(true);

  const cleared = await c.drafts.clear(finletter, submitted.id, submitted.revision, 0, SEED_PASSPHRASE);
  expect(cleared.state).toBe('IN_CLEARANCE');
  expect(waiting(finletter)).toBe(false);
  expect(waiting(rusk)).toBe(true);
});
