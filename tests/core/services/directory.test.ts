import { describe, expect, test } from 'vitest';
import { cableInputSchema } from '../../../electron/core/cables/cableInput';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

describe('directory', () => {
  test('reads the 1962 directory with principals, offices and ALL NATO CAPITALS', () => {
    const c = core();
    const d = c.directory.read();
    expect(d.stations.find((s) => s.plad === 'USMISSION USNATO')).toMatchObject({
      shortName: 'USRO',
      principal: 'Finletter',
    });
    expect(d.collectives).toEqual([
      expect.objectContaining({ name: 'ALL NATO CAPITALS', members: expect.arrayContaining(['AMEMBASSY OSLO']) }),
    ]);
    expect(d.collectives[0]!.members).toHaveLength(14);
  });

  test('an instructor adds a post and a collective with it; a cable to the collective reaches it, minus an exemption (rule 11)', () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    c.directory.addStation(instructor, {
      plad: 'AMCONSUL ISTANBUL',
      name: 'American Consulate Istanbul',
      shortName: 'Istanbul',
      kind: 'CONSULATE',
      country: 'TUR',
    });
    c.directory.addOffice(instructor, 'AMCONSUL ISTANBUL', 'pol', 'Political Section');
    const d = c.directory.setCollective(instructor, 'Turkey posts', 'Posts in Turkey', [
      'AMEMBASSY ANKARA',
      'AMCONSUL ISTANBUL',
    ]);
    expect(d.collectives.find((x) => x.name === 'TURKEY POSTS')?.members).toEqual([
      'AMCONSUL ISTANBUL',
      'AMEMBASSY ANKARA',
    ]);
    expect(d.stations.find((s) => s.plad === 'AMCONSUL ISTANBUL')?.offices).toEqual([
      { code: 'POL', name: 'Political Section' },
    ]);
    insertCable(
      c.db,
      cableInputSchema.parse({
        ref: 'STATE 777',
        profile: 'FRUS_1960S',
        dtg: '301200Z OCT 62',
        originator: { plad: 'SECSTATE WASHDC' },
        classification: 'UNCLASSIFIED',
        subject: 'To Turkey posts',
        transmission: {
          addressees: [
            { collective: 'TURKEY POSTS', role: 'ACTION' },
            { plad: 'AMEMBASSY ANKARA', role: 'EXEMPT' },
          ],
        },
        paragraphs: [{ n: null, portion: 'U', text: 'Text.' }],
      }),
    );
    const reached = c.routing
      .distribution(instructor, c.cables.idByRef('STATE 777'))
      .deliveries.map((e) => `${e.station} ${e.via}`);
    expect(reached).toEqual(['AMCONSUL ISTANBUL collective TURKEY POSTS']);
    expect(c.audit.list({ limit: 3, action: 'DIRECTORY_UPDATE' })).toHaveLength(3);
  });

  test('bad edits are refused with a clear message; non-instructors are refused and audited', () => {
    const c = core();
    const instructor = c.users.byLogin('instructor');
    expect(() =>
      c.directory.addStation(instructor, { plad: 'AMEMBASSY ROME', name: 'x', shortName: 'x', kind: 'EMBASSY' }),
    ).toThrow('already in the directory');
    expect(() => c.directory.addStation(instructor, { plad: 'x', name: 'x', shortName: 'x', kind: 'EMBASSY' })).toThrow(
      'is not a PLAD',
    );
    expect(() => c.directory.setCollective(instructor, 'NOWHERE', null, ['AMEMBASSY ATLANTIS'])).toThrow(
      'Unknown station "AMEMBASSY ATLANTIS"',
    );
    expect(() => c.directory.addOffice(c.users.byLogin('duty-usro'), 'USMISSION USNATO', 'X', 'X')).toThrow(
      'Only instructors and admins edit the directory.',
    );
    expect(c.audit.list({ limit: 1 })[0]).toMatchObject({ action: 'DENY', actorLogin: 'duty-usro' });
  });
});

describe('public keys in the directory', () => {
  test('every seed person with an account has a current key, listed with its fingerprint and public half only', () => {
    const c = core();
    const keys = c.directory.read().publicKeys;
    expect(
      keys
        .filter((k) => k.retiredAt === null)
        .map((k) => k.person)
        .sort(),
    ).toEqual(
      (c.db.prepare('SELECT p.key FROM users u JOIN people p ON p.id = u.person_id').pluck().all() as string[]).sort(),
    );
    for (const k of keys) {
      expect(k.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(k.publicKey).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.keys(k).sort()).toEqual(['createdAt', 'fingerprint', 'name', 'person', 'publicKey', 'retiredAt']);
    }
  });
});
