import { describe, expect, test } from 'vitest';
import { cableInputSchema } from '../../../electron/core/cables/cableInput';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

/** A practice NODIS cable from the Department to Rome, with "ROME PASS ATHENS" still to do. */
function practice(
  c: ReturnType<typeof core>,
  captions: string[] = [],
  passStatus: 'PENDING' | 'DONE' = 'PENDING',
): number {
  return insertCable(
    c.db,
    cableInputSchema.parse({
      ref: 'STATE 4242',
      profile: 'FRUS_1960S',
      dtg: '301200Z OCT 62',
      originator: { plad: 'SECSTATE WASHDC' },
      classification: 'CONFIDENTIAL',
      captions,
      subject: 'Practice routing',
      drafting: [
        { role: 'DRAFTED', person: 'instructor' },
        { role: 'APPROVED', person: 'ball' },
      ],
      transmission: {
        addressees: [{ plad: 'AMEMBASSY ROME', role: 'ACTION' }],
        passes: [{ by: 'AMEMBASSY ROME', to: 'AMEMBASSY ATHENS', status: passStatus }],
      },
      paragraphs: [{ n: null, portion: 'C', text: 'Practice routing text.' }],
    }),
  );
}

describe('the distribution of TOPOL 578 (issue: routing and distribution)', () => {
  test('action USRO; passed to Embassy Paris; repeated to the 13 other NATO capitals eyes only for the ambassadors and info USUN; not Moscow', () => {
    const c = core();
    const d = c.routing.distribution(c.users.byLogin('rusk'), c.cables.idByRef('TOPOL 578'));
    expect(d).toMatchObject({ ref: 'TOPOL 578', originator: 'SECSTATE WASHDC', complete: true, pendingPasses: [] });
    const byStation = new Map(d.deliveries.map((e) => [e.station, e]));
    expect(byStation.get('USMISSION USNATO')).toMatchObject({
      role: 'ACTION',
      serial: 'TOPOL 578',
      via: 'direct',
      from: 'SECSTATE WASHDC',
    });
    expect(byStation.get('AMEMBASSY PARIS')).toMatchObject({ via: 'pass USMISSION USNATO', from: 'USMISSION USNATO' });
    // EYES ONLY: inside each post the slip names the principal only.
    expect(byStation.get('USMISSION USNATO')?.routingSlip).toMatchObject({ offices: [], persons: ['Finletter'] });
    expect(byStation.get('AMEMBASSY PARIS')?.routingSlip).toMatchObject({ offices: [], persons: ['Bohlen'] });
    expect(byStation.get('AMEMBASSY ANKARA')?.routingSlip).toMatchObject({ offices: [], persons: ['Hare'] });
    const repeated = d.deliveries.filter((e) => e.via.startsWith('repeat'));
    expect(repeated).toHaveLength(14);
    expect(repeated.map((e) => e.station)).toContain('USMISSION USUN NEW YORK');
    expect(repeated.filter((e) => e.station.startsWith('AMEMBASSY'))).toHaveLength(13);
    expect(byStation.has('AMEMBASSY MOSCOW')).toBe(false);
    // The repeat is eyes only for each receiving post's principal.
    const repeat = c.cables.show(c.users.byLogin('rusk'), c.cables.idByRef('TOPOL 578'), 'test').repeats[0]!;
    expect(repeat.eyesOnlyFor).toEqual(expect.arrayContaining(['Hare', 'Bruce', 'Stevenson']));
  });

  test('who opened it comes from the audit trail', () => {
    const c = core();
    const id = c.cables.idByRef('TOPOL 578');
    c.cables.show(c.users.byLogin('hare'), id, 'test');
    c.cables.show(c.users.byLogin('finletter'), id, 'test');
    const d = c.routing.distribution(c.users.byLogin('instructor'), id);
    expect(d.deliveries.find((e) => e.station === 'AMEMBASSY ANKARA')?.openedBy).toEqual(['hare']);
    expect(d.deliveries.find((e) => e.station === 'USMISSION USNATO')?.openedBy).toEqual(['finletter']);
  });

  test('a recipient sees only its own post; a user who may not see the cable is refused and audited', () => {
    const c = core();
    const id = c.cables.idByRef('TOPOL 578');
    const own = c.routing.distribution(c.users.byLogin('bohlen'), id);
    expect(own.complete).toBe(false);
    expect(own.deliveries.map((e) => e.station)).toEqual(['AMEMBASSY PARIS']);
    // A post also sees what it passed on: USRO passed TOPOL 578 to Embassy Paris — but not the repeats.
    const usro = c.routing.distribution(c.users.byLogin('finletter'), id);
    expect(usro.complete).toBe(false);
    expect(usro.deliveries.map((e) => [e.station, e.via])).toEqual([
      ['AMEMBASSY PARIS', 'pass USMISSION USNATO'],
      ['USMISSION USNATO', 'direct'],
    ]);
    expect(() => c.routing.distribution(c.users.byLogin('trainee'), id)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(c.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'DENY',
      actorLogin: 'trainee',
      detail: { what: 'distribution' },
    });
    // Exporting the graph is checked the same way and audited.
    c.routing.recordDistributionExport(c.users.byLogin('bohlen'), id, 'png');
    expect(c.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'EXPORT',
      actorLogin: 'bohlen',
      detail: { what: 'distribution', format: 'png', complete: false },
    });
    expect(() => c.routing.recordDistributionExport(c.users.byLogin('trainee'), id, 'svg')).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
  });
});

describe('pass (rule 17)', () => {
  test('the passing post sees the pending pass; an officer there executes it; the passee receives it marked as passed', async () => {
    const c = core();
    await c.accounts.create(c.users.byLogin('instructor'), {
      login: 'rome-officer',
      displayName: 'Rome Officer',
      post: 'AMEMBASSY ROME',
      office: 'POL',
      role: 'officer',
      clearance: 'SECRET',
      categories: [],
      captionRoles: [],
      foreignNational: false,
      passphrase: 'rome passphrase 1962',
    });
    const id = practice(c);
    const rome = c.users.byLogin('rome-officer');
    expect(c.routing.distribution(rome, id).pendingPasses).toEqual([{ by: 'AMEMBASSY ROME', to: 'AMEMBASSY ATHENS' }]);
    // The passing post sees the pending pass in its inbox.
    expect(c.inbox.list(rome, { limit: 50 }).rows.find((r) => r.ref === 'STATE 4242')?.pendingPassTo).toEqual([
      'AMEMBASSY ATHENS',
    ]);
    expect(c.inbox.list(c.users.byLogin('hare'), { limit: 50 }).rows.map((r) => r.ref)).not.toContain('STATE 4242');
    // Another post cannot execute Rome's pass.
    expect(() => c.routing.pass(c.users.byLogin('finletter'), id)).toThrow(
      expect.objectContaining({ code: 'ACCESS_DENIED' }),
    );
    expect(c.routing.pass(rome, id, new Date('1962-10-30T13:00:00Z'))).toEqual(['AMEMBASSY ATHENS']);
    const d = c.routing.distribution(c.users.byLogin('instructor'), id);
    expect(d.pendingPasses).toEqual([]);
    expect(d.deliveries.find((e) => e.station === 'AMEMBASSY ATHENS')).toMatchObject({
      via: 'pass AMEMBASSY ROME',
      deliveredAt: '1962-10-30T13:00:00.000Z',
    });
    expect(c.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'PASS',
      actorLogin: 'rome-officer',
      detail: { to: ['AMEMBASSY ATHENS'] },
    });
    expect(c.inbox.list(rome, { limit: 50 }).rows.find((r) => r.ref === 'STATE 4242')?.pendingPassTo).toEqual([]);
    // Executing it again finds nothing to do.
    expect(() => c.routing.pass(rome, id)).toThrow(/no pending pass/);
  });
  test('after USRO\'s duty officer carries out "USMISSION USNATO PASS AMEMBASSY PARIS", USRO sees the delivery to Paris, not the repeats to the other NATO capitals', () => {
    const c = core();
    // TOPOL 578's routing on a cable duty-usro may read: action USRO with the pass still to do,
    // repeated by the Department to the other NATO capitals.
    const id = insertCable(
      c.db,
      cableInputSchema.parse({
        ref: 'STATE 4301',
        profile: 'FRUS_1960S',
        dtg: '291900Z OCT 62',
        originator: { plad: 'SECSTATE WASHDC' },
        classification: 'CONFIDENTIAL',
        subject: 'Council briefing',
        drafting: [
          { role: 'DRAFTED', person: 'instructor' },
          { role: 'APPROVED', person: 'ball' },
        ],
        transmission: {
          addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION' }],
          passes: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'PENDING' }],
        },
        repeats: [
          {
            dtg: '291900Z OCT 62',
            by: 'SECSTATE WASHDC',
            addressees: [
              { collective: 'ALL NATO CAPITALS', role: 'INFO' },
              { plad: 'AMEMBASSY PARIS', role: 'EXEMPT' },
            ],
          },
        ],
        paragraphs: [{ n: null, portion: 'C', text: 'Brief the Council.' }],
      }),
    );
    const usro = c.users.byLogin('duty-usro');
    const before = c.routing.distribution(usro, id);
    expect(before.complete).toBe(false);
    expect(before.deliveries.map((e) => e.station)).toEqual(['USMISSION USNATO']);
    // The pending pass is USRO's to do, so USRO sees it.
    expect(before.pendingPasses).toEqual([{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS' }]);
    // Paris has nothing yet: the pass has not been carried out.
    const wholeBefore = c.routing.distribution(c.users.byLogin('instructor'), id);
    expect(wholeBefore.deliveries.map((e) => e.station)).not.toContain('AMEMBASSY PARIS');

    expect(c.routing.pass(usro, id, new Date('1962-10-29T20:00:00Z'))).toEqual(['AMEMBASSY PARIS']);
    const after = c.routing.distribution(usro, id);
    expect(after.complete).toBe(false);
    expect(after.pendingPasses).toEqual([]);
    expect(after.deliveries.map((e) => [e.station, e.via, e.from])).toEqual([
      ['AMEMBASSY PARIS', 'pass USMISSION USNATO', 'USMISSION USNATO'],
      ['USMISSION USNATO', 'direct', 'SECSTATE WASHDC'],
    ]);
    // The Department's repeats to the other capitals stay outside USRO's part.
    expect(after.deliveries.some((e) => e.via.startsWith('repeat'))).toBe(false);
    const whole = c.routing.distribution(c.users.byLogin('instructor'), id);
    expect(whole.deliveries.filter((e) => e.via.startsWith('repeat SECSTATE WASHDC')).length).toBeGreaterThan(10);
    // Paris sees only what reached it.
    expect(c.routing.distribution(c.users.byLogin('bohlen'), id).deliveries.map((e) => e.station)).toEqual([
      'AMEMBASSY PARIS',
    ]);
  });
});

describe('repeat (rule 16)', () => {
  test('a NODIS repeat without approval is refused and audited; with the approver it goes out keeping the label', () => {
    const c = core();
    const id = practice(c, ['NODIS'], 'DONE');
    const rusk = c.users.byLogin('rusk');
    const before = c.db.prepare('SELECT count(*) FROM transmissions WHERE cable_id = ?').pluck().get(id);
    expect(() => c.routing.repeat(rusk, id, { to: ['AMEMBASSY BONN'] })).toThrow(
      /needs approval .* \(DOMAIN\.md rule 16\)/,
    );
    expect(() => c.routing.repeat(rusk, id, { to: ['AMEMBASSY BONN'], approveBy: 'trainee' })).toThrow(
      /trainee is neither/,
    );
    expect(c.db.prepare('SELECT count(*) FROM transmissions WHERE cable_id = ?').pluck().get(id)).toBe(before);
    const denials = c.audit.list({ limit: 2, action: 'DENY' });
    expect(denials.map((e) => e.detail.reason)).toEqual(['approval', 'approval']);

    expect(
      c.routing.repeat(rusk, id, { to: ['AMEMBASSY BONN'], approveBy: 'ball' }, new Date('1962-10-30T15:00:00Z')),
    ).toEqual(['AMEMBASSY BONN']);
    expect(c.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'REPEAT', detail: { approvedBy: 'ball' } });
    // Bonn now holds it, with the same classification and caption.
    const delivery = c.routing
      .distribution(c.users.byLogin('instructor'), id)
      .deliveries.find((e) => e.station === 'AMEMBASSY BONN');
    expect(delivery).toMatchObject({ via: 'repeat SECSTATE WASHDC 301500Z OCT 62', role: 'INFO' });
    expect(c.cables.show(rusk, id, 'test')).toMatchObject({ classification: 'CONFIDENTIAL', captions: ['NODIS'] });
  });

  test('S/S may approve a repeat; an unrestricted cable needs no approval', () => {
    const c = core();
    const topol = c.cables.idByRef('TOPOL 578');
    expect(
      c.routing.repeat(c.users.byLogin('finletter'), topol, { to: ['AMEMBASSY MOSCOW'], approveBy: 'ss-officer' }),
    ).toEqual(['AMEMBASSY MOSCOW']);
    expect(c.cables.show(c.users.byLogin('kohler'), topol, 'test').ref).toBe('TOPOL 578');
    const welcome = c.cables.idByRef('TOPOL 592');
    expect(c.routing.repeat(c.users.byLogin('duty-usro'), welcome, { to: ['ALL NATO CAPITALS'] })).toHaveLength(14);
    // The repeating post sees the deliveries of its repeat in the distribution.
    const repeated = c.routing.distribution(c.users.byLogin('duty-usro'), welcome).deliveries;
    expect(repeated.filter((e) => e.via.startsWith('repeat USMISSION USNATO'))).toHaveLength(14);
    expect(() => c.routing.repeat(c.users.byLogin('duty-usro'), welcome, { to: ['AMEMBASSY ATLANTIS'] })).toThrow(
      'Unknown station or collective "AMEMBASSY ATLANTIS".',
    );
  });
});

describe('a sealed pass: the communications office passes an Eyes Only cable unread (rules 14, 17)', () => {
  /** TOPOL 578's shape: SECRET, Eyes Only for the principals, action USRO, "USRO PASS PARIS" to do. */
  function eyesOnlyForFinletter(c: ReturnType<typeof core>): number {
    return insertCable(
      c.db,
      cableInputSchema.parse({
        ref: 'TOPOL 4578',
        profile: 'FRUS_1960S',
        dtg: '272242Z OCT 62',
        originator: { plad: 'SECSTATE WASHDC' },
        classification: 'SECRET',
        captions: ['EYES_ONLY'],
        subject: 'Turkish missiles: the Council',
        drafting: [
          { role: 'DRAFTED', person: 'instructor' },
          { role: 'APPROVED', person: 'ball' },
        ],
        transmission: {
          addressees: [{ plad: 'USMISSION USNATO', role: 'ACTION' }],
          eyesOnly: [{ principals: true }],
          passes: [{ by: 'USMISSION USNATO', to: 'AMEMBASSY PARIS', status: 'PENDING' }],
        },
        paragraphs: [{ n: null, portion: 'S', text: 'The text only Finletter may read.' }],
      }),
    );
  }
  const actions = (c: ReturnType<typeof core>, id: number, login: string) =>
    c.db
      .prepare('SELECT action, detail FROM audit_log WHERE cable_id = ? AND actor_login = ? ORDER BY seq')
      .all(id, login) as { action: string; detail: string }[];

  test('the duty officer sees an envelope, may not open it, passes it; nothing of the text leaves main', () => {
    const c = core();
    const id = eyesOnlyForFinletter(c);
    const duty = c.users.byLogin('duty-usro');
    const envelope = c.inbox.list(duty, { limit: 50 }).rows.find((r) => r.cableId === id);
    expect(envelope).toMatchObject({
      ref: 'TOPOL 4578',
      sealed: true,
      subject: '',
      classification: 'SECRET',
      pendingPassTo: ['AMEMBASSY PARIS'],
    });
    expect(JSON.stringify(envelope)).not.toMatch(/Turkish|Finletter may read/);
    // Opening it is still refused and audited (rule 14).
    expect(() => c.cables.show(duty, id, 'app')).toThrow(/EYES ONLY/);

    expect(c.routing.pass(duty, id, new Date('1962-10-27T23:00:00Z'))).toEqual(['AMEMBASSY PARIS']);
    const trail = actions(c, id, 'duty-usro');
    expect(trail.map((a) => a.action)).toEqual(['DENY', 'PASS']);
    expect(JSON.parse(trail[1]!.detail)).toMatchObject({ to: ['AMEMBASSY PARIS'], sealed: true });
    // The job done, the envelope leaves the inbox; Paris has the cable, its captions kept (rule 16).
    expect(c.inbox.list(duty, { limit: 50 }).rows.some((r) => r.cableId === id)).toBe(false);
    const paris = c.routing
      .distribution(c.users.byLogin('instructor'), id)
      .deliveries.find((d) => d.station === 'AMEMBASSY PARIS');
    expect(paris).toMatchObject({ via: 'pass USMISSION USNATO' });
  });

  test('the reader passes it as a reader; outside the code room, or below its label, nobody does', () => {
    const c = core();
    const id = eyesOnlyForFinletter(c);
    // The CONFIDENTIAL trainee and the foreign liaison officer see no envelope and may not pass.
    for (const login of ['trainee', 'liaison']) {
      const who = c.users.byLogin(login);
      expect(c.inbox.list(who, { limit: 50 }).rows.some((r) => r.cableId === id)).toBe(false);
      expect(() => c.routing.pass(who, id)).toThrow(/Access denied/);
    }
    const finletter = c.users.byLogin('finletter');
    const row = c.inbox.list(finletter, { limit: 50 }).rows.find((r) => r.cableId === id);
    expect(row).toMatchObject({ sealed: false, subject: 'Turkish missiles: the Council' });
    expect(c.routing.pass(finletter, id)).toEqual(['AMEMBASSY PARIS']);
    expect(JSON.parse(actions(c, id, 'finletter').at(-1)!.detail)).toMatchObject({ sealed: false });
  });
});
