import { z } from 'zod';
import { CAPTIONS } from '../domain/captions';
import { CLASSIFICATIONS, CLEARANCE_LEVELS } from '../domain/classification';
import { DTG_PATTERN } from '../domain/dtg';
import { MAX_RATE } from '../domain/exercise/clock';
import { OFFSET_PATTERN } from '../domain/exercise/time';
import { cableInputSchema, type CableInput } from './cableInput';

/**
 * The scenario document `CABLEROOM-SCENARIO-1` (EXERCISES.md §2; docs/EXERCISES.md): one JSON
 * document, kept on the instructor's side, validated with this schema before anything is written.
 * The shape only: what needs the directory or other parts of the document (unknown stations,
 * `after` cycles, expectations nobody can meet…) is checked by core/exercise/validate.ts.
 * docs/scenario.schema.json is generated from it (tests/domain/exercise/scenarioSchema.test.ts).
 * No transforms: the document parses to itself, defaults filled in.
 */
export const SCENARIO_FORMAT = 'CABLEROOM-SCENARIO-1';

export const SCENARIO_PROFILES = ['FRUS_1960S', 'ADS_1973_79', 'MODERN'] as const;
export const ROLE_FUNCTIONS = ['principal', 'duty officer', 'communicator', 'desk officer'] as const;
export const EXPECTATION_KINDS = ['acknowledge', 'open', 'pass', 'repeat', 'reply', 'never'] as const;
/** What a `never` expectation forbids (EXERCISES.md §2). */
export const FORBIDDEN_ACTIONS = ['access-denied', 'file-unacknowledged', 'noforn-to-foreign-national'] as const;

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an id is 1–64 letters, digits, ".", "_" or "-"')
  .describe('An id, unique in its list: letters, digits, ".", "_", "-".');
const plad = z.string().min(3).max(80).describe('A station by its PLAD, e.g. "USMISSION USNATO".');
const dtg = z.string().regex(DTG_PATTERN, 'a DTG looks like "271800Z OCT 62" (DOMAIN.md rule 22)');
const offset = z.string().regex(OFFSET_PATTERN, 'an offset looks like "+00:45" (hours and minutes after the start)');
const time = z
  .union([offset, dtg])
  .describe('An offset from the scenario start ("+00:45") or an absolute DTG ("271830Z OCT 62").');
const minutes = z.number().positive().max(100_000);

const station = z
  .object({
    plad,
    name: z.string().min(1).max(200),
    shortName: z.string().min(1).max(80).optional(),
    offices: z
      .array(z.object({ code: z.string().min(1).max(20), name: z.string().min(1).max(200) }).strict())
      .default([]),
  })
  .strict()
  .describe('A station the scenario adds to the directory (fictional posts).');

const role = z
  .object({
    id,
    post: plad,
    function: z.enum(ROLE_FUNCTIONS),
    minClearance: z.enum(CLEARANCE_LEVELS).describe('The least clearance a trainee assigned to this role holds.'),
    office: z.string().min(1).max(20).optional().describe('The office inside the post (directory code).'),
    categories: z.array(z.string().min(1)).default([]).describe('Restrictive categories the role holds.'),
    captionRoles: z.array(z.enum(CAPTIONS)).default([]).describe('Channel caption roles the role holds.'),
    persona: z.string().min(1).optional().describe('A seed login that plays this role when no trainee is assigned.'),
  })
  .strict();

const objective = z.object({ id, text: z.string().min(1).max(1000), weight: z.number().positive().max(1000) }).strict();

export const frusReferenceSchema = z
  .object({
    frus: z.string().regex(/^frus\d{4}(-\d{2,4})?v\d+[A-Za-z0-9]*$/, 'a FRUS volume id looks like "frus1961-63v11"'),
    doc: z.number().int().positive(),
  })
  .strict()
  .describe('A FRUS telegram by volume and document number, e.g. { "frus": "frus1961-63v11", "doc": 100 }.');

const cable = z
  .union([frusReferenceSchema, cableInputSchema])
  .describe("A cable in the store's own input format (the seed's cables), or a FRUS reference.");

const injectAfter = z
  .object({
    inject: id.describe('The inject this one follows.'),
    expectation: id.optional().describe('Wait until this expectation of that inject is met (else: until it fires).'),
    delay: z.number().min(0).max(100_000).default(0).describe('Scenario minutes after that.'),
  })
  .strict();

const inject = z
  .object({
    id,
    at: time.optional(),
    after: injectAfter.optional(),
    manual: z.literal(true).optional().describe('Fires only when the instructor triggers it.'),
    unless: id.optional().describe('An expectation: when it is already met, this contingency inject is not sent.'),
    cable: z.string().min(1).describe('A key of `cables`.'),
    deliverTo: z.array(plad).min(1).optional().describe("Stations to deliver to; default: the cable's addressees."),
    objectives: z.array(id).default([]),
    controllerNote: z.string().max(2000).optional().describe('Shown to the instructor only.'),
  })
  .strict()
  .refine((i) => [i.at, i.after, i.manual].filter((x) => x !== undefined).length === 1, {
    message: 'an inject has exactly one of "at", "after" or "manual"',
  });

const replyModel = z
  .object({
    minClassification: z.enum(CLASSIFICATIONS).describe('The least classification the reply must carry.'),
    captions: z.array(z.enum(CAPTIONS)).default([]).describe('Captions the reply must carry (rule 19).'),
    referencesInject: z.boolean().default(true).describe("The reply cites the inject's cable."),
  })
  .strict();

const expectationBase = {
  id,
  who: z.string().min(1).describe('A role id, or a post (PLAD): the people expected to act.'),
  points: z.number().min(0).max(10_000),
  objective: id.optional(),
  mode: z.enum(['all', 'any']).default('any').describe('Everyone in `who` must act, or any one of them.'),
};

const timed = { ...expectationBase, inject: id, within: minutes.describe('The window, in scenario minutes.') };

export const expectationSchema = z.discriminatedUnion('kind', [
  z.object({ ...timed, kind: z.literal('acknowledge') }).strict(),
  z.object({ ...timed, kind: z.literal('open') }).strict(),
  z
    .object({
      ...timed,
      kind: z.literal('pass'),
      to: plad.optional().describe("The right post; default: the cable's pass instruction."),
    })
    .strict(),
  z.object({ ...timed, kind: z.literal('repeat'), to: z.array(plad).min(1) }).strict(),
  z.object({ ...timed, kind: z.literal('reply'), model: replyModel }).strict(),
  z
    .object({
      ...expectationBase,
      kind: z.literal('never'),
      action: z.enum(FORBIDDEN_ACTIONS),
      inject: id.optional().describe('Limit it to the cable of this inject.'),
    })
    .strict(),
]);

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    $comment: z.string().optional(),
    format: z.literal(SCENARIO_FORMAT),
    id,
    title: z.string().min(1).max(200),
    summary: z.string().max(4000).default(''),
    profile: z.enum(SCENARIO_PROFILES),
    version: z.number().int().positive().default(1),
    clock: z
      .object({
        start: dtg.describe('The scenario start as a DTG, e.g. "271800Z OCT 62".'),
        rate: z.number().positive().max(MAX_RATE).default(1).describe('Scenario minutes per real minute.'),
        end: time.describe('When the exercise ends.'),
      })
      .strict(),
    stations: z.array(station).default([]),
    roles: z.array(role).min(1),
    objectives: z.array(objective).default([]),
    cables: z.record(id, cable),
    injects: z.array(inject).min(1),
    expectations: z.array(expectationSchema).default([]),
    debrief: z.array(z.object({ id, question: z.string().min(1).max(2000) }).strict()).default([]),
  })
  .strict()
  .describe('A Cableroom exercise scenario (CABLEROOM-SCENARIO-1; docs/EXERCISES.md).');

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioRole = Scenario['roles'][number];
export type ScenarioInject = Scenario['injects'][number];
export type ScenarioExpectation = Scenario['expectations'][number];
export type ScenarioCable = Scenario['cables'][string];
export type FrusReference = z.output<typeof frusReferenceSchema>;

export function isFrusReference(c: ScenarioCable): c is FrusReference {
  return 'frus' in c;
}

/** One problem in a scenario: where (a JSON path such as `injects[2].after.inject`) and what. */
export type ScenarioProblem = Readonly<{ path: string; message: string }>;

export type ScenarioValidation =
  | Readonly<{
      ok: true;
      scenario: Scenario;
      /** Every cable by its key, FRUS references resolved to the telegram as the importer maps it. */
      cables: Readonly<Record<string, CableInput>>;
      problems: readonly [];
    }>
  | Readonly<{ ok: false; problems: ReadonlyArray<ScenarioProblem> }>;

/** The JSON Schema for authors (docs/scenario.schema.json), generated from the zod schema. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return { ...schema, title: SCENARIO_FORMAT };
}
