import { describe, expect, test } from 'vitest';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

function row(c: ReturnType<typeof core>, login: string, ref: string) {
  const found = c.inbox.list(c.users.byLogin(login), { limit: 100 }).rows.find((r) => r.ref === ref);
  if (!found) throw new Error(`${ref} not in ${login}'s inbox`);
  return found;
}

describe('FLASH and NIACT handling (rule 8)', () => {
  test('the FLASH and the NIACT cable wait in the alert list of the action post', () => {
    const c = core();
    const alerts = c.handling.alerts(c.users.byLogin('trainee'));
    expect(alerts.map((a) => `${a.ref} ${a.precedence}${a.niact ? ' NIACT' : ''}`)).toEqual([
      'TOPOL 593 IMMEDIATE NIACT',
      'TOPOL 590 FLASH',
    ]);
    // Embassy Paris holds TOPOL 590 for information only: no acknowledgement is asked of it.
    expect(c.handling.alerts(c.users.byLogin('bohlen'))).toEqual([]);
    expect(row(c, 'bohlen', 'TOPOL 590').needsAck).toBe(false);
  });

  test('a FLASH cable cannot be filed as read until acknowledged; the acknowledgement time is recorded and audited', () => {
    const c = core();
    const trainee = c.users.byLogin('trainee');
    const flash = row(c, 'trainee', 'TOPOL 590');
    expect(flash).toMatchObject({ needsAck: true, acknowledgedAt: null, read: false });
    expect(() => c.handling.markRead(trainee, flash.deliveryId)).toThrow(
      expect.objectContaining({ code: 'ACK_REQUIRED', message: expect.stringContaining('FLASH') }),
    );
    const at = new Date('1962-10-29T02:35:00Z');
    const acked = c.handling.acknowledge(c.users.byLogin('duty-usro'), flash.deliveryId, at);
    expect(acked.acknowledgedAt).toBe('1962-10-29T02:35:00.000Z');
    expect(c.handling.alerts(trainee).map((a) => a.ref)).toEqual(['TOPOL 593']);
    expect(c.handling.markRead(trainee, flash.deliveryId).read).toBe(true);
    // Read is per user: the duty officer has not filed it yet.
    expect(row(c, 'duty-usro', 'TOPOL 590').read).toBe(false);
    const actions = c.audit.list({ limit: 10 }).map((e) => `${e.action} ${e.actorLogin}`);
    // The refused attempt is on the trail too (an exercise scores it: file-unacknowledged).
    expect(actions.slice(0, 3)).toEqual(['READ trainee', 'ACK duty-usro', 'DENY trainee']);
    expect(c.audit.list({ limit: 10 })[2]!.detail).toEqual({
      what: 'file as read',
      reason: 'ACK_REQUIRED',
      deliveryId: flash.deliveryId,
    });
  });

  test('acknowledging twice keeps the first time; routine traffic needs no acknowledgement', () => {
    const c = core();
    const duty = c.users.byLogin('duty-usro');
    const flash = row(c, 'duty-usro', 'TOPOL 590');
    c.handling.acknowledge(duty, flash.deliveryId, new Date('1962-10-29T02:35:00Z'));
    expect(c.handling.acknowledge(duty, flash.deliveryId, new Date('1962-10-29T09:00:00Z')).acknowledgedAt).toBe(
      '1962-10-29T02:35:00.000Z',
    );
    const welcome = row(c, 'duty-usro', 'TOPOL 592');
    expect(() => c.handling.acknowledge(duty, welcome.deliveryId)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    expect(c.handling.markRead(duty, welcome.deliveryId).read).toBe(true);
  });

  test('a delivery at another post, or of a cable the user may not see, is refused and audited', () => {
    const c = core();
    const topolAtUsro = row(c, 'finletter', 'TOPOL 578');
    expect(() => c.handling.markRead(c.users.byLogin('duty-usro'), topolAtUsro.deliveryId)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(() => c.handling.markRead(c.users.byLogin('bohlen'), topolAtUsro.deliveryId)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(c.audit.list({ limit: 5, action: 'DENY' })).toHaveLength(2);
  });
});

describe('search (rule 18: only what the user may see)', () => {
  test('finletter finds TOPOL 578 by its text; the trainee and the duty officer do not', () => {
    const c = core();
    expect(c.cables.search(c.users.byLogin('finletter'), 'Jupiters Turkey', 10).map((h) => h.ref)).toEqual([
      'TOPOL 578',
    ]);
    expect(c.cables.search(c.users.byLogin('trainee'), 'Jupiters Turkey', 10)).toEqual([]);
    expect(c.cables.search(c.users.byLogin('duty-usro'), 'Khrushchev', 10)).toEqual([]);
    expect(
      c.cables
        .search(c.users.byLogin('trainee'), 'exercise', 10)
        .map((h) => h.ref)
        .sort(),
    ).toEqual(['TOPOL 590', 'TOPOL 592', 'TOPOL 593']);
  });

  test('FTS syntax in a query is taken as words, never as an FTS expression', () => {
    const c = core();
    const finletter = c.users.byLogin('finletter');
    expect(c.cables.search(finletter, 'NEAR(" OR *', 10)).toEqual([]);
    expect(c.cables.search(finletter, '"jupiters"', 10).map((h) => h.ref)).toEqual(['TOPOL 578']);
    expect(c.cables.search(finletter, '  ', 10)).toEqual([]);
  });
});

describe('print and export', () => {
  test('printing and exporting a visible cable are audited; a denied one is refused', () => {
    const c = core();
    const id = c.cables.idByRef('TOPOL 578');
    c.cables.recordPrint(c.users.byLogin('finletter'), id, 'test', 'pdf');
    const exported = c.cables.exportCable(c.users.byLogin('finletter'), id, 'test');
    expect(exported.filename).toBe('TOPOL-578.json');
    expect(JSON.parse(exported.text)).toMatchObject({
      format: 'cableroom.cable/1',
      cable: { ref: 'TOPOL 578', banner: 'SECRET' },
    });
    expect(() => c.cables.exportCable(c.users.byLogin('trainee'), id, 'test')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    const actions = c.audit.list({ limit: 5 }).map((e) => `${e.action} ${e.actorLogin}`);
    expect(actions).toEqual([
      'DENY trainee',
      'EXPORT finletter',
      'VIEW finletter',
      'PRINT finletter',
      'VIEW finletter',
    ]);
  });
});

describe('refusals of handling are audited (issue 13 item 3)', () => {
  test('someone outside the action office may not acknowledge: ACCESS_DENIED with a DENY entry', () => {
    const c = core();
    const flash = row(c, 'trainee', 'TOPOL 590');
    // The action office inside USRO is the communications center (the duty officer's), not POL.
    c.db
      .prepare(
        `UPDATE deliveries SET action_office_id =
           (SELECT o.id FROM offices o JOIN stations s ON s.id = o.station_id
             WHERE s.plad = 'USMISSION USNATO' AND o.code = 'COMMS') WHERE id = ?`,
      )
      .run(flash.deliveryId);
    expect(() => c.handling.acknowledge(c.users.byLogin('trainee'), flash.deliveryId)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    const denied = c.audit.list({ limit: 5, action: 'DENY' });
    expect(denied.map((e) => [e.actorLogin, e.cableId, e.detail])).toEqual([
      [
        'trainee',
        c.cables.idByRef('TOPOL 590'),
        { what: 'acknowledge', deliveryId: flash.deliveryId, reason: 'ACTION_OFFICE' },
      ],
    ]);
    expect(c.handling.acknowledge(c.users.byLogin('duty-usro'), flash.deliveryId).acknowledgedAt).not.toBeNull();
  });
});
