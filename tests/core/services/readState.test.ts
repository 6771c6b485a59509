import { describe, expect, test } from 'vitest';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { UNREAD_COUNT_CAP } from '../../../electron/core/services/inbox';
import { seededCoreFixture, type SeededCore } from '../../support/tempCore';
import { topolCable } from '../../e2e/cables';

/** Issue 14 item 2: opening a cable reads it; "File as read" still files it; rule 8 still holds. */
const core = seededCoreFixture();

async function rowOf(c: SeededCore, login: string, ref: string) {
  const actor = await c.users.byLogin(login);
  return c.inbox.list(actor, { limit: 100 }).rows.find((r) => r.ref === ref)!;
}

describe('read state', () => {
  test('opening a cable marks it read for that user only; filing is still its own act', async () => {
    const c = core();
    const duty = await c.users.byLogin('duty-usro');
    const before = await rowOf(c, 'duty-usro', 'TOPOL 592');
    expect(before).toMatchObject({ read: false, filed: false, needsAck: false });
    const unreadBefore = c.inbox.unreadCount(duty).unread;

    c.cables.show(duty, before.cableId, 'app');
    expect(await rowOf(c, 'duty-usro', 'TOPOL 592')).toMatchObject({ read: true, filed: false });
    expect(c.inbox.unreadCount(duty)).toEqual({ unread: unreadBefore - 1, capped: false });
    // Another user at the same post has not read it.
    expect(await rowOf(c, 'finletter', 'TOPOL 592')).toMatchObject({ read: false });

    c.handling.markRead(duty, before.deliveryId);
    expect(await rowOf(c, 'duty-usro', 'TOPOL 592')).toMatchObject({ read: true, filed: true });
    expect(c.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'READ'").pluck().get()).toBe(1);
  });

  test('a FLASH cable opened before acknowledgement stays unread until acknowledged (rule 8)', async () => {
    const c = core();
    const duty = await c.users.byLogin('duty-usro');
    const flash = c.handling.alerts(duty).find((r) => r.precedence === 'FLASH')!;
    c.cables.show(duty, flash.cableId, 'app');
    expect(await rowOf(c, 'duty-usro', flash.ref)).toMatchObject({ read: false, filed: false });
    expect(() => c.handling.markRead(duty, flash.deliveryId)).toThrow(
      expect.objectContaining({ code: 'ACK_REQUIRED' }) as Error,
    );
    c.handling.acknowledge(duty, flash.deliveryId);
    expect(await rowOf(c, 'duty-usro', flash.ref)).toMatchObject({ read: true, filed: false });
  });

  test('the unread count follows the access rules and stops at the cap', async () => {
    const c = core();
    const trainee = await c.users.byLogin('trainee');
    const finletter = await c.users.byLogin('finletter');
    const trainees = c.inbox.list(trainee, { limit: 100 }).rows.filter((r) => !r.read).length;
    expect(c.inbox.unreadCount(trainee)).toEqual({ unread: trainees, capped: false });
    // SECRET traffic raises finletter's count, not the CONFIDENTIAL trainee's (rule 18).
    insertCable(c.db, topolCable({ number: 1001, classification: 'SECRET' }));
    expect(c.inbox.unreadCount(trainee).unread).toBe(trainees);
    const finletters = c.inbox.list(finletter, { limit: 100 }).rows.filter((r) => !r.read).length;
    expect(c.inbox.unreadCount(finletter)).toEqual({ unread: finletters, capped: false });

    c.db.transaction(() => {
      for (let i = 0; i < UNREAD_COUNT_CAP + 5; i++) insertCable(c.db, topolCable({ number: 2000 + i }));
    })();
    expect(c.inbox.unreadCount(trainee)).toEqual({ unread: UNREAD_COUNT_CAP, capped: true });
  });
});
