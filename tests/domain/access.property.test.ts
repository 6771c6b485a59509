import fc from 'fast-check';
import { expect, test } from 'vitest';
import { decideAccess, type AccessDelivery, type AccessObject, type AccessSubject } from '../../electron/domain/access';
import { CAPTIONS, DISSEM_CONTROLS, type Caption, type EyesOnlyEntry } from '../../electron/domain/captions';
import { CLASSIFICATIONS, CLEARANCE_LEVELS } from '../../electron/domain/classification';

/**
 * A small reference model of DOMAIN.md rules 14, 15, 18, 20 and §1.7, written independently of
 * electron/domain/access.ts (tables and one boolean expression per rule instead of early returns),
 * compared with the real decision over random users × cables.
 */
const LEVEL: Record<string, number> = {
  UNCLASSIFIED: 0,
  UNCLAS_EFTO: 0,
  SBU: 0,
  LOU: 0,
  CONFIDENTIAL: 1,
  SECRET: 2,
  TOP_SECRET: 3,
};
const CHANNELS = ['CHEROKEE', 'ROGER', 'AGREMENT', 'DIRGEN', 'MED'];
const NARROWING = ['EYES_ONLY', 'NODIS', 'EXDIS', 'LIMDIS', ...CHANNELS];

function referenceAllows(s: AccessSubject, o: AccessObject): boolean {
  const cleared = LEVEL[s.clearance]! >= LEVEL[o.classification]!;
  const holdsCategories = o.categories.every((c) => s.categories.includes(c));
  const foreignOk =
    !s.foreignNational ||
    (!o.dissem.includes('NOFORN') &&
      (!o.dissem.includes('REL_TO') || (s.nationality !== null && o.relTo.includes(s.nationality))));
  if (!(cleared && holdsCategories && foreignOk)) return false;

  const caps = new Set<string>(o.captions);
  const narrowed = NARROWING.some((c) => caps.has(c));
  const atOrigin =
    o.origin.stationId === s.stationId &&
    (!narrowed ||
      s.isPrincipal ||
      o.origin.personIds.includes(s.personId) ||
      (s.officeId !== null && o.origin.officeIds.includes(s.officeId)));
  if (atOrigin) return true;

  return o.deliveries.some((d) => {
    if (d.stationId !== s.stationId) return false;
    const named =
      d.forPersonIds.includes(s.personId) || d.eyesOnly.some((e) => e.kind === 'PERSON' && e.personId === s.personId);
    const asPrincipalOfPost = s.isPrincipal && d.eyesOnly.some((e) => e.kind === 'PRINCIPALS');
    const eyesOnly = d.eyesOnly.length === 0 && !caps.has('EYES_ONLY') ? true : named || asPrincipalOfPost;
    const nodis = !caps.has('NODIS') || s.isPrincipal || named;
    const exdis = !caps.has('EXDIS') || s.isPrincipal || s.exdisDesignee || named;
    const limdis =
      !caps.has('LIMDIS') ||
      s.isPrincipal ||
      named ||
      (d.role === 'ACTION' && d.actionOfficeId !== null && d.actionOfficeId === s.officeId);
    const channels = CHANNELS.every((c) => !caps.has(c) || s.isPrincipal || s.captionRoles.includes(c as Caption));
    return eyesOnly && nodis && exdis && limdis && channels;
  });
}

// Small id spaces so that stations, people and offices collide often.
const station = fc.integer({ min: 1, max: 3 });
const person = fc.integer({ min: 1, max: 5 });
const office = fc.option(fc.integer({ min: 1, max: 3 }), { nil: null });
const CATEGORIES = ['NATO', 'ROGER', 'CRITIC'];
const NATIONS = ['GBR', 'FRA', 'DEU'];

const subject: fc.Arbitrary<AccessSubject> = fc.record({
  personId: person,
  stationId: station,
  officeId: office,
  clearance: fc.constantFrom(...CLEARANCE_LEVELS),
  categories: fc.subarray(CATEGORIES),
  captionRoles: fc.subarray([...CAPTIONS]),
  foreignNational: fc.boolean(),
  nationality: fc.option(fc.constantFrom(...NATIONS), { nil: null }),
  isPrincipal: fc.boolean(),
  exdisDesignee: fc.boolean(),
});

const eyesOnlyEntry: fc.Arbitrary<EyesOnlyEntry> = fc.oneof(
  fc.constant({ kind: 'PRINCIPALS' as const }),
  person.map((personId) => ({ kind: 'PERSON' as const, personId, name: `P${personId}` })),
);

const delivery: fc.Arbitrary<AccessDelivery> = fc.record({
  stationId: station,
  role: fc.constantFrom('ACTION' as const, 'INFO' as const),
  actionOfficeId: office,
  eyesOnly: fc.array(eyesOnlyEntry, { maxLength: 2 }),
  forPersonIds: fc.array(person, { maxLength: 2 }),
});

const cable: fc.Arbitrary<AccessObject> = fc.record({
  classification: fc.constantFrom(...CLASSIFICATIONS),
  captions: fc.subarray([...CAPTIONS], { maxLength: 3 }),
  dissem: fc.subarray([...DISSEM_CONTROLS]),
  relTo: fc.subarray(NATIONS),
  categories: fc.subarray(CATEGORIES, { maxLength: 2 }),
  deliveries: fc.array(delivery, { minLength: 0, maxLength: 3 }),
  origin: fc.record({
    stationId: station,
    personIds: fc.array(person, { maxLength: 2 }),
    officeIds: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
  }),
});

test('decideAccess agrees with the reference model on 10,000 random users × cables', () => {
  const seen = { allowed: 0, denied: 0, captions: new Map<string, { allowed: number; denied: number }>() };
  fc.assert(
    fc.property(subject, cable, (s, o) => {
      const actual = decideAccess(s, o).allowed;
      expect(actual).toBe(referenceAllows(s, o));
      seen[actual ? 'allowed' : 'denied']++;
      for (const c of [
        ...o.captions,
        ...o.categories.map((x) => `category:${x}`),
        ...o.dissem.map((x) => `dissem:${x}`),
      ]) {
        const tally = seen.captions.get(c) ?? { allowed: 0, denied: 0 };
        tally[actual ? 'allowed' : 'denied']++;
        seen.captions.set(c, tally);
      }
    }),
    { numRuns: 10_000 },
  );
  // Every caption, category and dissemination control was exercised with both outcomes.
  for (const c of [
    ...CAPTIONS,
    ...CATEGORIES.map((x) => `category:${x}`),
    ...DISSEM_CONTROLS.map((x) => `dissem:${x}`),
  ]) {
    expect(seen.captions.get(c)?.allowed ?? 0, `${c} allowed`).toBeGreaterThan(0);
    expect(seen.captions.get(c)?.denied ?? 0, `${c} denied`).toBeGreaterThan(0);
  }
  expect(seen.allowed).toBeGreaterThan(500);
  expect(seen.denied).toBeGreaterThan(500);
});
