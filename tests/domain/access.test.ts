import { describe, expect, test } from 'vitest';
import {
  decideAccess,
  decideHandling,
  type AccessDelivery,
  type AccessObject,
  type AccessSubject,
} from '../../electron/domain/access';

const USRO = 3;
const PARIS = 5;
const DEPT = 1;

const finletter: AccessSubject = {
  personId: 9,
  stationId: USRO,
  officeId: 20,
  clearance: 'TOP_SECRET',
  categories: [],
  captionRoles: [],
  foreignNational: false,
  nationality: null,
  isPrincipal: true,
  exdisDesignee: false,
};
const duty: AccessSubject = { ...finletter, personId: 26, clearance: 'SECRET', isPrincipal: false, officeId: 22 };
const trainee: AccessSubject = { ...duty, personId: 27, clearance: 'CONFIDENTIAL' };
const liaison: AccessSubject = { ...duty, personId: 28, foreignNational: true, nationality: 'GBR' };

function route(stationId: number, extra: Partial<AccessDelivery> = {}): AccessDelivery {
  return { stationId, role: 'ACTION', actionOfficeId: null, eyesOnly: [], forPersonIds: [], ...extra };
}

function cable(overrides: Partial<AccessObject> = {}): AccessObject {
  return {
    classification: 'SECRET',
    captions: [],
    dissem: [],
    relTo: [],
    categories: [],
    deliveries: [route(USRO)],
    origin: { stationId: DEPT, personIds: [], officeIds: [] },
    ...overrides,
  };
}

describe('decideAccess', () => {
  test('no read up (rule 18)', () => {
    expect(decideAccess(duty, cable())).toEqual({ allowed: true });
    expect(decideAccess(trainee, cable())).toMatchObject({ allowed: false, reason: 'CLEARANCE' });
    expect(decideAccess(trainee, cable({ classification: 'LOU' }))).toEqual({ allowed: true });
  });

  test('need-to-know: the cable reached the post (rule 18)', () => {
    expect(decideAccess(duty, cable({ deliveries: [route(PARIS)] }))).toMatchObject({
      allowed: false,
      reason: 'NEED_TO_KNOW',
    });
  });

  test('NOFORN and REL TO (rule 20)', () => {
    expect(decideAccess(liaison, cable({ dissem: ['NOFORN'] }))).toMatchObject({ allowed: false, reason: 'NOFORN' });
    expect(decideAccess(duty, cable({ dissem: ['NOFORN'] }))).toEqual({ allowed: true });
    expect(decideAccess(liaison, cable({ dissem: ['REL_TO'], relTo: ['GBR', 'CAN'] }))).toEqual({ allowed: true });
    expect(decideAccess(liaison, cable({ dissem: ['REL_TO'], relTo: ['FRA'] }))).toMatchObject({
      allowed: false,
      reason: 'REL_TO',
    });
  });

  test('EYES ONLY admits the named persons or, for "Ambassadors", the principal only (rule 14)', () => {
    const principals = cable({
      captions: ['EYES_ONLY'],
      deliveries: [route(USRO, { eyesOnly: [{ kind: 'PRINCIPALS' }] })],
    });
    expect(decideAccess(finletter, principals)).toEqual({ allowed: true });
    expect(decideAccess(duty, principals)).toMatchObject({ allowed: false, reason: 'EYES_ONLY' });
    const named = cable({ deliveries: [route(USRO, { eyesOnly: [{ kind: 'PERSON', personId: 26, name: 'Duty' }] })] });
    expect(decideAccess(duty, named)).toEqual({ allowed: true });
    expect(decideAccess(finletter, named)).toMatchObject({ allowed: false, reason: 'EYES_ONLY' });
  });

  test('NODIS admits the principal and persons indicated, never office-wide (rule 15)', () => {
    const nodis = cable({ captions: ['NODIS'] });
    expect(decideAccess(finletter, nodis)).toEqual({ allowed: true });
    expect(decideAccess(duty, nodis)).toMatchObject({ allowed: false, reason: 'CAPTION' });
    const forDuty = cable({ captions: ['NODIS'], deliveries: [route(USRO, { forPersonIds: [26] })] });
    expect(decideAccess(duty, forDuty)).toEqual({ allowed: true });
  });

  test('the originating post: restricted cables to the principal and the drafting chain', () => {
    const rusk: AccessSubject = { ...finletter, personId: 1, stationId: DEPT, officeId: 1 };
    const eur: AccessSubject = { ...duty, personId: 50, stationId: DEPT, officeId: 5 };
    const clerk: AccessSubject = { ...duty, personId: 51, stationId: DEPT, officeId: 7 };
    const restricted = cable({ captions: ['EYES_ONLY'], origin: { stationId: DEPT, personIds: [40], officeIds: [5] } });
    expect(decideAccess(rusk, restricted)).toEqual({ allowed: true });
    expect(decideAccess(eur, restricted)).toEqual({ allowed: true });
    expect(decideAccess(clerk, restricted)).toMatchObject({ allowed: false, reason: 'CAPTION' });
    expect(decideAccess(clerk, cable({ origin: { stationId: DEPT, personIds: [], officeIds: [] } }))).toEqual({
      allowed: true,
    });
  });

  test('restrictive categories: every one must be held (rule 18)', () => {
    const compartmented = cable({ categories: ['ROGER', 'NATO'] });
    expect(decideAccess(duty, compartmented)).toMatchObject({ allowed: false, reason: 'CATEGORY' });
    expect(decideAccess({ ...duty, categories: ['NATO'] }, compartmented)).toMatchObject({
      allowed: false,
      reason: 'CATEGORY',
    });
    expect(decideAccess({ ...duty, categories: ['NATO', 'ROGER', 'X'] }, compartmented)).toEqual({ allowed: true });
  });

  test('EXDIS: the principal and those the principal designates (§1.7)', () => {
    const exdis = cable({ captions: ['EXDIS'] });
    expect(decideAccess(finletter, exdis)).toEqual({ allowed: true });
    expect(decideAccess(duty, exdis)).toMatchObject({ allowed: false, reason: 'CAPTION' });
    expect(decideAccess({ ...duty, exdisDesignee: true }, exdis)).toEqual({ allowed: true });
  });

  test('LIMDIS: the action office and the principal (§1.7)', () => {
    const limdis = cable({ captions: ['LIMDIS'], deliveries: [route(USRO, { actionOfficeId: 22 })] });
    expect(decideAccess(duty, limdis)).toEqual({ allowed: true }); // duty sits in office 22
    expect(decideAccess({ ...duty, officeId: 21 }, limdis)).toMatchObject({ allowed: false, reason: 'CAPTION' });
    expect(decideAccess(finletter, limdis)).toEqual({ allowed: true });
    const asInfo = cable({ captions: ['LIMDIS'], deliveries: [route(USRO, { role: 'INFO', actionOfficeId: 22 })] });
    expect(decideAccess(duty, asInfo)).toMatchObject({ allowed: false, reason: 'CAPTION' });
  });

  test('channel captions go only to holders of the caption role (5 FAH-2 H-442)', () => {
    const roger = cable({ captions: ['ROGER'] });
    expect(decideAccess(duty, roger)).toMatchObject({ allowed: false, reason: 'CAPTION' });
    expect(decideAccess({ ...duty, captionRoles: ['ROGER'] }, roger)).toEqual({ allowed: true });
  });
});

describe('decideHandling: a pass carried out sealed (rules 14, 17)', () => {
  const eyesOnly = cable({
    captions: ['EYES_ONLY'],
    deliveries: [route(USRO, { eyesOnly: [{ kind: 'PERSON', personId: finletter.personId, name: 'Finletter' }] })],
  });

  test('the named reader passes it as a reader; the communications office passes it unread', () => {
    expect(decideHandling(finletter, eyesOnly, false)).toEqual({ allowed: true, sealed: false });
    expect(decideAccess(duty, eyesOnly)).toMatchObject({ allowed: false, reason: 'EYES_ONLY' });
    expect(decideHandling(duty, eyesOnly, true)).toEqual({ allowed: true, sealed: true });
    // Not a communicator: still refused, for the reason reading is.
    expect(decideHandling(duty, eyesOnly, false)).toMatchObject({ allowed: false, reason: 'EYES_ONLY' });
    const nodis = cable({ captions: ['NODIS'] });
    expect(decideHandling(duty, nodis, true)).toEqual({ allowed: true, sealed: true });
  });

  test('only the captions give way: the label and need-to-know still bind (rules 18, 20)', () => {
    expect(decideHandling(trainee, eyesOnly, true)).toMatchObject({ allowed: false, reason: 'CLEARANCE' });
    const elsewhere = cable({ captions: ['EYES_ONLY'], deliveries: [route(PARIS)] });
    expect(decideHandling(duty, elsewhere, true)).toMatchObject({ allowed: false, reason: 'NEED_TO_KNOW' });
    const noforn = cable({ captions: ['NODIS'], dissem: ['NOFORN'] });
    expect(decideHandling(liaison, noforn, true)).toMatchObject({ allowed: false, reason: 'NOFORN' });
    const compartment = cable({ captions: ['NODIS'], categories: ['SIGINT'] });
    expect(decideHandling(duty, compartment, true)).toMatchObject({ allowed: false, reason: 'CATEGORY' });
  });
});
