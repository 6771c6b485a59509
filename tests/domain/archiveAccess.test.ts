import { describe, expect, test } from 'vitest';
import {
  archiveAdmits,
  decideAccess,
  readsWholeArchive,
  decideHandling,
  type AccessObject,
  type AccessSubject,
} from '../../electron/domain/access';

/**
 * The archive rule (issue 12 item 3; domain/access.ts decideAccess; docs/FRUS.md "The archive
 * reader"): historians and instructors read an imported, published FRUS cable whatever rules 14,
 * 15, 18 and 20 would say; training traffic keeps every rule, for them too.
 */
const DEPT = 1;
const MOSCOW = 7;
const USRO = 3;

const historian: AccessSubject = {
  personId: 40,
  stationId: USRO,
  officeId: null,
  clearance: 'CONFIDENTIAL',
  categories: [],
  captionRoles: [],
  foreignNational: false,
  nationality: null,
  isPrincipal: false,
  exdisDesignee: false,
  archiveReader: true,
};
const trainee: AccessSubject = { ...historian, personId: 27, archiveReader: false };
const foreignHistorian: AccessSubject = { ...historian, personId: 41, foreignNational: true, nationality: 'GBR' };

const SOURCE = { volume: 'frus1961-63v05', doc: 19 };

/** Moscow 1797: TOP SECRET, Eyes Only Secretary Rusk, to the Department. */
function moscow1797(overrides: Partial<AccessObject> = {}): AccessObject {
  return {
    classification: 'TOP_SECRET',
    captions: ['EYES_ONLY'],
    dissem: ['NOFORN'],
    relTo: [],
    categories: ['CRISIS'],
    deliveries: [
      {
        stationId: DEPT,
        role: 'ACTION',
        actionOfficeId: null,
        eyesOnly: [{ kind: 'PERSON', personId: 2, name: 'Rusk' }],
        forPersonIds: [2],
      },
    ],
    origin: { stationId: MOSCOW, personIds: [], officeIds: [] },
    ...overrides,
  };
}

describe('the archive rule', () => {
  test('a historian reads an imported Top Secret Eyes Only telegram; the decision names the source and the rule it overrode', () => {
    expect(decideAccess(historian, moscow1797({ archive: SOURCE }))).toEqual({
      allowed: true,
      archive: { source: SOURCE, overrides: 'CLEARANCE' },
    });
    // Every training rule is overridden, not only the first: categories, NOFORN, need-to-know, captions.
    const cleared: AccessSubject = { ...historian, clearance: 'TOP_SECRET', categories: ['CRISIS'] };
    expect(decideAccess(cleared, moscow1797({ archive: SOURCE }))).toMatchObject({
      allowed: true,
      archive: { overrides: 'NEED_TO_KNOW' },
    });
    expect(decideAccess({ ...cleared, stationId: DEPT }, moscow1797({ archive: SOURCE }))).toMatchObject({
      allowed: true,
      archive: { overrides: 'EYES_ONLY' },
    });
    expect(decideAccess(foreignHistorian, moscow1797({ archive: SOURCE }))).toMatchObject({ allowed: true });
  });

  test('a read the training rules allow is not an archive admission', () => {
    const object = moscow1797({
      archive: SOURCE,
      classification: 'CONFIDENTIAL',
      captions: [],
      dissem: [],
      categories: [],
      deliveries: [],
    });
    expect(decideAccess({ ...historian, stationId: MOSCOW }, object)).toEqual({ allowed: true });
  });

  test('a trainee keeps every rule on the archive', () => {
    expect(decideAccess(trainee, moscow1797({ archive: SOURCE }))).toMatchObject({
      allowed: false,
      reason: 'CLEARANCE',
    });
    expect(archiveAdmits(trainee, moscow1797({ archive: SOURCE }))).toBeNull();
  });

  test('a training cable keeps every rule for a historian: no provenance, no archive', () => {
    for (const archive of [undefined, null]) {
      expect(decideAccess(historian, moscow1797({ archive }))).toMatchObject({ allowed: false, reason: 'CLEARANCE' });
      expect(archiveAdmits(historian, moscow1797({ archive }))).toBeNull();
    }
    const secret = moscow1797({ classification: 'SECRET', captions: [], dissem: [], categories: [] });
    expect(decideAccess(historian, secret)).toMatchObject({ allowed: false, reason: 'CLEARANCE' });
  });

  test('the whole distribution: the archive admits the reader whatever the training rules say', () => {
    expect(archiveAdmits(historian, moscow1797({ archive: SOURCE }))).toEqual(SOURCE);
    // The whole archive, whatever the cable (core counts it in SQL): every variation is admitted.
    expect(readsWholeArchive(historian)).toBe(true);
    expect(readsWholeArchive(trainee)).toBe(false);
    for (const variation of [
      {},
      { dissem: ['NOFORN' as const] },
      { captions: ['NODIS' as const] },
      { deliveries: [] },
    ]) {
      expect(decideAccess(foreignHistorian, moscow1797({ archive: SOURCE, ...variation })).allowed).toBe(true);
    }
    expect(archiveAdmits({ ...historian, archiveReader: undefined }, moscow1797({ archive: SOURCE }))).toBeNull();
  });

  test('the rule opens reading only: handling (a pass) is decided on the training object', () => {
    // Core passes no `archive` to decideHandling (routing.ts visible()); even if it did, a sealed
    // pass needs the post's communications office and need-to-know.
    expect(decideHandling(historian, moscow1797(), false)).toMatchObject({ allowed: false, reason: 'CLEARANCE' });
  });
});
