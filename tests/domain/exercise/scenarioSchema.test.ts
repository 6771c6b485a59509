import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, test } from 'vitest';
import { SCENARIO_FORMAT, scenarioJsonSchema, scenarioSchema } from '../../../electron/contract/scenario';

/**
 * docs/scenario.schema.json is generated from the zod schema (electron/contract/scenario.ts),
 * formatted by Prettier, and committed for scenario authors' editors. This test fails when the two differ; regenerate with
 *   CABLEROOM_WRITE_SCENARIO_SCHEMA=1 npx vitest run tests/domain/exercise/scenarioSchema.test.ts
 */
const FILE = resolve(__dirname, '../../../docs/scenario.schema.json');
const TUTORIAL = resolve(__dirname, '../../../resources/scenarios/tutorial.json');

describe('the scenario document schema', () => {
  test('docs/scenario.schema.json is the JSON Schema generated from the contract', async () => {
    // Formatted as `npm run format` would, so the committed file passes Prettier's check.
    const options = { ...(await resolveConfig(FILE)), filepath: FILE };
    const generated = await format(JSON.stringify(scenarioJsonSchema()), options);
    if (process.env.CABLEROOM_WRITE_SCENARIO_SCHEMA === '1') writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8'), 'regenerate docs/scenario.schema.json (see this test)').toBe(generated);
  });

  test('the JSON Schema describes the document authors write', () => {
    const schema = scenarioJsonSchema() as {
      title: string;
      required: string[];
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(schema.title).toBe(SCENARIO_FORMAT);
    // Fields with a default are optional for authors (io: 'input').
    expect(schema.required.sort()).toEqual(['cables', 'clock', 'format', 'id', 'injects', 'profile', 'roles', 'title']);
    expect(Object.keys(schema.properties.clock!.properties!)).toEqual(['start', 'rate', 'end']);
  });

  test('the shipped Tutorial has the shape, and parses to itself with defaults filled in', () => {
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as Record<string, unknown>;
    const parsed = scenarioSchema.parse(doc);
    expect(parsed.id).toBe('tutorial');
    expect(parsed.expectations.map((e) => e.mode)).toEqual(['any', 'any', 'any', 'any', 'any']);
  });

  test('an inject has exactly one of at, after or manual', () => {
    const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8')) as { injects: Record<string, unknown>[] };
    doc.injects[0]!.after = { inject: 'flash' };
    const r = scenarioSchema.safeParse(doc);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['injects.0', 'an inject has exactly one of "at", "after" or "manual"'],
    ]);
  });
});
