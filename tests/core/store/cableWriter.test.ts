import { describe, expect, test } from 'vitest';
import { cableInputSchema, type CableInput } from '../../../electron/core/cables/cableInput';
import { insertCable } from '../../../electron/core/store/cableWriter';
import { seededCoreFixture } from '../../support/tempCore';

const core = seededCoreFixture();

/** A minimal valid practice cable from the Department, built through the real input schema. */
function practiceCable(overrides: Record<string, unknown> = {}): CableInput {
  return cableInputSchema.parse({
    ref: 'STATE 1001',
    profile: 'FRUS_1960S',
    dtg: '291200Z OCT 62',
    originator: { plad: 'SECSTATE WASHDC' },
    classification: 'CONFIDENTIAL',
    subject: 'Practice cable',
    transmission: { addressees: [{ plad: 'AMEMBASSY ROME', role: 'ACTION' }] },
    paragraphs: [{ n: null, portion: 'C', text: 'Practice text.' }],
    ...overrides,
  });
}

function deliveredTo(db: ReturnType<typeof core>['db'], ref: string): { plad: string; via: string; role: string }[] {
  return db
    .prepare(
      `SELECT s.plad, d.via, d.role FROM deliveries d JOIN stations s ON s.id = d.station_id
       JOIN cables c ON c.id = d.cable_id WHERE c.ref = ? ORDER BY s.plad`,
    )
    .all(ref) as { plad: string; via: string; role: string }[];
}

function cableCount(db: ReturnType<typeof core>['db']): number {
  return db.prepare('SELECT count(*) FROM cables').pluck().get() as number;
}

describe('insertCable', () => {
  test('a collective expands to its members minus exemptions (rule 11) and minus the originator', () => {
    const { db } = core();
    insertCable(
      db,
      practiceCable({
        originator: { plad: 'AMEMBASSY LONDON' },
        transmission: {
          addressees: [
            { collective: 'ALL NATO CAPITALS', role: 'ACTION' },
            { plad: 'AMEMBASSY OSLO', role: 'EXEMPT' },
          ],
        },
      }),
    );
    const plads = deliveredTo(db, 'STATE 1001').map((d) => d.plad);
    expect(plads).toHaveLength(12); // 14 capitals - Oslo (exempt) - London (originator)
    expect(plads).not.toContain('AMEMBASSY OSLO');
    expect(plads).not.toContain('AMEMBASSY LONDON');
    expect(deliveredTo(db, 'STATE 1001').every((d) => d.via === 'COLLECTIVE' && d.role === 'ACTION')).toBe(true);
  });

  test('an exemption without a collective that holds it is refused and nothing is written (rule 11)', () => {
    const { db } = core();
    const before = cableCount(db);
    expect(() =>
      insertCable(
        db,
        practiceCable({
          transmission: {
            addressees: [
              { collective: 'ALL NATO CAPITALS', role: 'ACTION' },
              { plad: 'AMEMBASSY MOSCOW', role: 'EXEMPT' },
            ],
          },
        }),
      ),
    ).toThrow(/rule 11/);
    expect(cableCount(db)).toBe(before);
  });

  test('a pass by a post that is not an addressee is refused and nothing is written (rule 17)', () => {
    const { db } = core();
    const before = cableCount(db);
    expect(() =>
      insertCable(
        db,
        practiceCable({
          transmission: {
            addressees: [{ plad: 'AMEMBASSY ROME', role: 'ACTION' }],
            passes: [{ by: 'AMEMBASSY BONN', to: 'AMEMBASSY PARIS', status: 'DONE' }],
          },
        }),
      ),
    ).toThrow(/rule 17/);
    expect(cableCount(db)).toBe(before);
    expect(db.prepare("SELECT count(*) FROM cable_search WHERE cable_search MATCH 'practice'").pluck().get()).toBe(0);
  });

  test('a cable without an action addressee is refused (rule 10)', () => {
    const { db } = core();
    expect(() =>
      insertCable(db, practiceCable({ transmission: { addressees: [{ plad: 'AMEMBASSY ROME', role: 'INFO' }] } })),
    ).toThrow(/rule 10/);
  });

  test('transmission precedence is the highest addressee precedence (rule 9)', () => {
    const { db } = core();
    insertCable(
      db,
      practiceCable({
        transmission: {
          addressees: [
            { plad: 'AMEMBASSY ROME', role: 'ACTION', precedence: 'PRIORITY' },
            { plad: 'AMEMBASSY BONN', role: 'INFO', precedence: 'IMMEDIATE', niact: true },
          ],
        },
      }),
    );
    expect(
      db.prepare("SELECT precedence FROM transmissions WHERE kind = 'ORIGINAL' ORDER BY id DESC").pluck().get(),
    ).toBe('IMMEDIATE');
  });

  test('an unknown station, a duplicate reference and a bad DTG each fail with a clear message', () => {
    const { db } = core();
    expect(() =>
      insertCable(
        db,
        practiceCable({ transmission: { addressees: [{ plad: 'AMEMBASSY ATLANTIS', role: 'ACTION' }] } }),
      ),
    ).toThrow('unknown station "AMEMBASSY ATLANTIS"');
    expect(() => insertCable(db, practiceCable({ ref: 'TOPOL 578' }))).toThrow('A cable TOPOL 578 already exists.');
    expect(() => cableInputSchema.parse({ ...practiceCable(), dtg: '321200Z OCT 62' })).not.toThrow();
    expect(() => insertCable(db, practiceCable({ dtg: '321200Z OCT 62' }))).toThrow(/not a valid DTG/);
  });
});

describe('insertCable for an exercise (migration 0012)', () => {
  test('deliverTo: the addressees stay as written, only the named stations receive it, a non-addressee for information', () => {
    const { db } = core();
    insertCable(
      db,
      practiceCable({
        ref: 'STATE 1003',
        transmission: {
          addressees: [
            { plad: 'AMEMBASSY ROME', role: 'ACTION', precedence: 'IMMEDIATE' },
            { plad: 'AMEMBASSY BONN', role: 'INFO' },
          ],
        },
      }),
      new Date(),
      { deliverTo: ['AMEMBASSY ROME', 'AMEMBASSY PARIS'] },
    );
    expect(deliveredTo(db, 'STATE 1003')).toEqual([
      { plad: 'AMEMBASSY PARIS', via: 'DIRECT', role: 'INFO' },
      { plad: 'AMEMBASSY ROME', via: 'DIRECT', role: 'ACTION' },
    ]);
    expect(
      db
        .prepare(
          `SELECT s.plad FROM addressees a JOIN stations s ON s.id = a.station_id JOIN transmissions t ON t.id = a.transmission_id
           JOIN cables c ON c.id = t.cable_id WHERE c.ref = 'STATE 1003' ORDER BY a.ordinal`,
        )
        .pluck()
        .all(),
    ).toEqual(['AMEMBASSY ROME', 'AMEMBASSY BONN']);
    expect(() =>
      insertCable(db, practiceCable({ ref: 'STATE 1004' }), new Date(), { deliverTo: ['AMEMBASSY ATLANTIS'] }),
    ).toThrow(/deliverTo: unknown station "AMEMBASSY ATLANTIS"/);
  });

  test('deliveries carry the delivery time and arrive when they are written', () => {
    const { db } = core();
    const arrived = new Date('2026-05-01T12:00:00Z');
    const id = insertCable(db, practiceCable({ ref: 'STATE 1005' }), new Date(), { arrivedAt: arrived });
    expect(db.prepare('SELECT delivered_at, arrived_at FROM deliveries WHERE cable_id = ?').get(id)).toEqual({
      delivered_at: '1962-10-29T12:00:00.000Z',
      arrived_at: arrived.toISOString(),
    });
    const plain = insertCable(db, practiceCable({ ref: 'STATE 1006' }));
    expect(db.prepare('SELECT arrived_at FROM deliveries WHERE cable_id = ?').pluck().get(plain)).toBe(
      '1962-10-29T12:00:00.000Z',
    );
  });
});

describe('prepared statements', () => {
  test('a caller that plucks does not change what the next caller of the same SQL gets', async () => {
    const { prepared } = await import('../../../electron/core/store/statements');
    const { emptyDb } = await import('../../support/tempCore');
    const t = emptyDb();
    try {
      const sql = 'SELECT 42 AS answer';
      expect(prepared(t.db, sql).pluck().get()).toBe(42);
      expect(prepared(t.db, sql).get()).toEqual({ answer: 42 });
    } finally {
      t.dispose();
    }
  });
});
