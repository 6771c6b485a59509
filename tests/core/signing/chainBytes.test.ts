import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readChainBytes, type ChainBytes } from '../../../electron/core/signing/chainBytes';
import { signedCableIds } from '../../../electron/core/signing/chainRecord';
import {
  insertCableSignatures,
  readSignedCables,
  releasedCableInput,
  type SignedCable,
} from '../../../electron/core/signing/signedCable';
import { chainMessages } from '../../../electron/core/signing/verifyChain';
import { insertCable } from '../../../electron/core/store/cableWriter';
import type { Db } from '../../../electron/core/store/database';
import type { ReleaseHeader } from '../../../electron/domain/canonical';
import type { Draft } from '../../../electron/domain/draft';
import { seededCoreFixture } from '../../support/tempCore';

/**
 * `readChainBytes` (SQLite writes the canonical text; issue 15 items 2–3) must give exactly the
 * bytes `chainMessages(readSignedCables(…))` gives — the reference encoding the signers signed —
 * for every cable the store can hold: any difference would make a good chain fail.
 */
const core = seededCoreFixture();

function messagesOf(c: ChainBytes): Buffer[] {
  return c.signatures.map((s) => Buffer.concat([Buffer.from(s.head), Buffer.from(c.content)]));
}

function expectSameBytes(db: Db, ids: ReadonlyArray<number>): number {
  const reference = ids.flatMap((id) => readSignedCables(db, id, id));
  const read = readChainBytes(db, ids);
  expect(read.map((c) => c.cableId)).toEqual(reference.map((c) => c.cableId));
  reference.forEach((ref: SignedCable & { cableId: number }, i) => {
    const c = read[i]!;
    expect(messagesOf(c).map((m) => m.toString('utf8'))).toEqual(
      chainMessages(ref).map((m) => Buffer.from(m).toString('utf8')),
    );
    expect(c.signatures.map(({ head: _head, signature, ...s }) => ({ ...s, signature: [...signature] }))).toEqual(
      ref.signatures.map(({ signature, ...s }) => ({ ...s, signature: [...signature] })),
    );
    expect(c.draft).toEqual({
      drafters: ref.draft.drafters,
      clearers: ref.draft.clearers,
      approver: ref.draft.approver,
    });
    expect(c.ref).toBe(ref.release.ref);
  });
  return reference.length;
}

/** Text with what JSON must escape, quotes, backslashes, non-ASCII and astral characters. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({
    unit: fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '😀', '/', ' '),
  }),
  fc.constant(''),
);

describe('the signed bytes written by SQLite', () => {
  test('equal the reference encoding for every signed cable of the seed', () => {
    const { db } = core();
    const ids = signedCableIds(db);
    expect(expectSameBytes(db, ids)).toBeGreaterThan(0);
  });

  test('equal the reference encoding for generated cables: every optional field, odd text', () => {
    const { db } = core();
    const poltoId = db.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
    const [polto] = readSignedCables(db, poltoId, poltoId);
    const chain = polto!.signatures;
    const stations = db.prepare('SELECT plad FROM stations ORDER BY id LIMIT 6').pluck().all() as string[];
    const people = db.prepare('SELECT key FROM people ORDER BY id LIMIT 6').pluck().all() as string[];
    const offices = db
      .prepare('SELECT s.plad AS station, o.code FROM offices o JOIN stations s ON s.id = o.station_id LIMIT 4')
      .all() as { station: string; code: string }[];
    let n = 0;

    const draft = fc.record({
      subject: text,
      fileRef: fc.option(text),
      summary: fc.option(text),
      classificationReason: fc.option(text),
      signature: fc.option(text),
      forLine: fc.option(text, { nil: undefined }),
      desiredDistribution: fc.option(text, { nil: undefined }),
      tags: fc.array(text, { maxLength: 3 }),
      captions: fc.subarray(['EYES_ONLY', 'NODIS', 'EXDIS', 'LIMDIS', 'SIPDIS'] as const),
      dissem: fc.subarray(['NOFORN', 'ORCON'] as const),
      relTo: fc.array(text, { maxLength: 2 }),
      classAuthority: fc.option(
        fc.record({
          classifiedBy: text,
          position: text,
          reasons: fc.array(text, { maxLength: 3 }),
          declassifyOn: text,
        }),
      ),
      legacyEo: fc.option(
        fc.record({ order: fc.constantFrom('11652', '12065', '12958', '13526' as const), code: text }),
      ),
      office: fc.option(fc.constantFrom(...offices), { nil: undefined }),
      references: fc.array(
        fc.record({ label: text, text, cable: fc.option(fc.constant('POLTO 506'), { nil: undefined }) }),
        {
          maxLength: 2,
        },
      ),
      addressees: fc.uniqueArray(
        fc.record({
          plad: fc.constantFrom(...stations),
          role: fc.constantFrom('ACTION', 'INFO' as const),
          precedence: fc.constantFrom('ROUTINE', 'PRIORITY', 'IMMEDIATE', 'FLASH' as const),
          niact: fc.boolean(),
          for: fc.array(fc.constantFrom(...people), { maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 3, selector: (a) => a.plad },
      ),
      eyesOnly: fc.array(
        fc.oneof(fc.record({ person: fc.constantFrom(...people) }), fc.constant({ principals: true as const })),
        { maxLength: 2 },
      ),
      passes: fc.uniqueArray(
        fc.record({
          by: fc.constantFrom(...stations.slice(0, 3)),
          to: fc.constantFrom(...stations.slice(3)),
          precedence: fc.option(fc.constantFrom('ROUTINE', 'IMMEDIATE' as const), { nil: undefined }),
        }),
        { maxLength: 2, selector: (p) => `${p.by}>${p.to}` },
      ),
      paragraphs: fc.array(
        fc.record({
          n: fc.option(fc.integer({ min: 1, max: 40 })),
          portion: fc.constantFrom('U', 'C', 'S' as const),
          fyi: fc.boolean(),
          text,
        }),
        { minLength: 1, maxLength: 3 },
      ),
      drafters: fc.array(fc.constantFrom(...people), { minLength: 1, maxLength: 2 }),
      clearers: fc.array(
        fc.oneof(
          fc.record({ person: fc.constantFrom(...people), kind: fc.constantFrom('CLEAR', 'INFO', 'SUBST' as const) }),
          fc.record({ office: fc.constantFrom(...offices), kind: fc.constantFrom('CLEAR', 'INFO' as const) }),
        ),
        { maxLength: 3 },
      ),
      approver: fc.option(fc.constantFrom(...people)),
      // Unique in the store: numbered from the run's counter.
      mrn: fc.option(
        fc.record({ station: fc.constantFrom('STATE', 'USNATO'), year: fc.integer({ min: 1961, max: 2030 }) }),
      ),
      series: fc.option(fc.constantFrom('POLTO', 'TOPOL')),
    });

    fc.assert(
      fc.property(draft, (g) => {
        n++;
        const { office, mrn, series, forLine, desiredDistribution, ...fields } = g;
        const d: Draft = {
          ...polto!.draft,
          ...fields,
          originator: office ? { plad: office.station, office: office.code } : polto!.draft.originator,
          series,
          // Rule 10: the first addressee acts; rule 17: a station passes only what it receives.
          addressees: [
            ...fields.addressees.map((a, i) => (i === 0 ? { ...a, role: 'ACTION' as const } : a)),
            ...[...new Set(fields.passes.map((p) => p.by))]
              .filter((by) => !fields.addressees.some((a) => a.plad === by))
              .map((plad) => ({ plad, role: 'INFO' as const, precedence: 'ROUTINE' as const, niact: false, for: [] })),
          ],
          ...(forLine ? { forLine } : {}),
          ...(desiredDistribution ? { desiredDistribution } : {}),
        };
        const release: ReleaseHeader = {
          ref: `GEN ${n}`,
          dtg: polto!.release.dtg,
          mrn: mrn && { ...mrn, serial: 50_000 + n },
          series: series === null ? null : { indicator: series, number: 5_000 + n },
        };
        const id = insertCable(db, releasedCableInput(d, release));
        insertCableSignatures(db, id, chain);
        expectSameBytes(db, [id]);
      }),
      { numRuns: 150, seed: 15_2026 },
    );
    // A page of them at once reads the same as each alone.
    expect(expectSameBytes(db, signedCableIds(db))).toBeGreaterThan(100);
  });

  test('a cable recorded as signed whose signatures were removed reads with an empty chain', () => {
    const { db } = core();
    const id = db.prepare("SELECT id FROM cables WHERE ref = 'POLTO 506'").pluck().get() as number;
    db.prepare('DELETE FROM cable_signatures WHERE cable_id = ?').run(id);
    const [read] = readChainBytes(db, [id]);
    expect(read?.signatures).toEqual([]);
    expectSameBytes(db, [id]);
  });
});
