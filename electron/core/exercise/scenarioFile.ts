import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ScenarioProblem, ScenarioValidation } from '../../contract/scenario';
import { isFrusReference, scenarioSchema } from '../../contract/scenario';
import { CableroomError } from '../errors';
import { parseFrusTelegrams } from '../import/frus';
import { defaultSeedDir } from '../resources';
import type { Db } from '../store/database';
import { frusKey, validateScenario, type FrusLookup, type FrusResolution } from './validate';
import { worldOf } from './world';

/**
 * A scenario file checked against a database (`cableroom exercise validate FILE`): read, parsed,
 * its FRUS references read from TEI files, then validated against the database's directory.
 *
 * The database does not record which FRUS document an imported cable came from, so a reference
 * `{ "frus": "frus1961-63v11", "doc": 100 }` is read from the FRUS files themselves, looked up in
 * order in `frus/` beside the scenario file and in the app's `resources/frus/`: a document file
 * `<volume>/d<doc>.xml`, or a whole volume `<volume>.xml`. The telegram is mapped exactly as
 * `import-frus` maps it.
 */
export type ScenarioFileResult = ScenarioValidation & Readonly<{ file: string }>;

/** The folders a scenario file's FRUS references are read from. */
export function frusFolders(file: string): string[] {
  return [join(dirname(file), 'frus'), join(dirname(defaultSeedDir()), 'frus')];
}

async function resolveFrus(volume: string, doc: number, folders: ReadonlyArray<string>): Promise<FrusResolution> {
  const candidates = folders.flatMap((f) => [join(f, volume, `d${doc}.xml`), join(f, `${volume}.xml`)]);
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      for await (const d of parseFrusTelegrams(createReadStream(file), { file, volume })) {
        if (d.doc !== doc) continue;
        if (!d.ok) return { problem: `FRUS ${volume} doc. ${doc} cannot be replayed: ${d.reason}` };
        // The inject is the moment of receipt: a pass the archive records as carried out ("USRO pass
        // Embassy", done that night) is still to do when the telegram arrives (rule 17).
        const passes = d.cable.transmission.passes.map((p) => ({ ...p, status: 'PENDING' as const }));
        return { cable: { ...d.cable, transmission: { ...d.cable.transmission, passes } } };
      }
    } catch (e) {
      return { problem: `FRUS ${volume} doc. ${doc}: ${file} could not be read: ${(e as Error).message}` };
    }
  }
  return { problem: `FRUS ${volume} doc. ${doc} was not found in ${folders.join(' or ')}.` };
}

/** Reads and validates a scenario file; a missing file is NOT_FOUND, anything else a problem. */
export async function validateScenarioFile(db: Db, file: string): Promise<ScenarioFileResult> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CableroomError('NOT_FOUND', `No scenario file ${file}.`);
    throw new CableroomError('BAD_REQUEST', `Cannot read ${file}: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const problems: ScenarioProblem[] = [{ path: '', message: `Not JSON: ${(e as Error).message}` }];
    return { file, ok: false, problems };
  }
  const frus = new Map<string, FrusResolution>() as Map<string, FrusResolution> & FrusLookup;
  const shape = scenarioSchema.safeParse(doc);
  if (shape.success) {
    const folders = frusFolders(file);
    for (const entry of Object.values(shape.data.cables)) {
      if (isFrusReference(entry) && !frus.has(frusKey(entry))) {
        frus.set(frusKey(entry), await resolveFrus(entry.frus, entry.doc, folders));
      }
    }
  }
  return { file, ...validateScenario(doc, worldOf(db), frus) };
}
