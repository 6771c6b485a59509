import { expect, test } from 'vitest';
import { initClassroom } from '../../electron/core/classroom/setup';
import { describePostgres } from '../support/postgres';
import { seededCoreFixture } from '../support/tempCore';
import { connectAs, newClassroom, TEST_PASSWORDS } from './support';

/**
 * `classroom init` run again after an account left the class (issue 11 item 3): the member is
 * disabled in the exchange and its login role loses its access — no new session, an open one
 * ended, nothing granted to it — and restored when the account is enabled again.
 */
const core = seededCoreFixture();

describePostgres('members no longer in the class (issue 11 item 3)', (pg) => {
  test('init disables a member whose account is disabled, and restores it when enabled again', async () => {
    const c = core();
    const db = await newClassroom(pg(), c);
    const instructor = c.users.byLogin('instructor');
    const init = () => initClassroom(c.db, c.audit, instructor, pg().url(db), { passwords: TEST_PASSWORDS });

    const open = await connectAs(pg(), db, 'hare');
    const ended = new Promise<void>((resolveEnded) => open.on('error', () => resolveEnded()));
    await open.query('LISTEN cableroom_classroom');

    await c.accounts.update(instructor, 'hare', { disabled: true });
    const again = await init();
    expect(again.disabled).toEqual(['hare']);
    // The session it had is ended, and it cannot open another.
    await ended;
    await expect(connectAs(pg(), db, 'hare')).rejects.toThrow(/not permitted to log in/);
    // Its row stays (grants and events name it), marked; the others see it so.
    const trainee = await connectAs(pg(), db, 'trainee');
    try {
      const { rows } = await trainee.query<{ disabled: boolean }>(
        "SELECT disabled FROM classroom.members WHERE login = 'hare'",
      );
      expect(rows).toEqual([{ disabled: true }]);
      // Nothing is granted to it, whatever a sender asks.
      const doc = '{"x":1}';
      const hash = (
        await trainee.query<{ h: string }>("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS h", [doc])
      ).rows[0]!.h;
      const posted = await trainee.query<{ granted: number }>(
        'SELECT * FROM classroom.post_cable($1, $2, 0, $3, $4, $5)',
        [
          hash,
          'TEST 1',
          [],
          doc,
          JSON.stringify([
            { login: 'hare', role: 'INFO' },
            { login: 'bohlen', role: 'INFO' },
          ]),
        ],
      );
      expect(posted.rows[0]!.granted).toBe(1);
    } finally {
      await trainee.end();
    }
    // Running init again changes nothing more.
    expect((await init()).disabled).toEqual([]);

    // Enabled again: a member again, with its password.
    await c.accounts.update(instructor, 'hare', { disabled: false });
    expect((await init()).disabled).toEqual([]);
    const back = await connectAs(pg(), db, 'hare');
    try {
      const { rows } = await back.query<{ disabled: boolean }>(
        'SELECT disabled FROM classroom.members WHERE login = current_user',
      );
      expect(rows).toEqual([{ disabled: false }]);
    } finally {
      await back.end();
    }
  });
});
