import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The FRUS fixture folder of a volume (tests/fixtures/frus/<volume>: copies of the corpus). */
export const frusFixtureDir = (volume: string): string => resolve(__dirname, '../fixtures/frus', volume);

/**
 * One TEI volume file made of a fixture folder's documents, in document order, as the Office of
 * the Historian publishes whole volumes (a `<TEI>` naming the volume, many `div[@type='document']`).
 */
export function fixtureVolume(volume: string): string {
  const dir = frusFixtureDir(volume);
  const docs = readdirSync(dir)
    .filter((f) => /^d\d+\.xml$/.test(f))
    .sort((a, b) => Number(a.slice(1, -4)) - Number(b.slice(1, -4)))
    .map((f) => {
      const m = /<div\b[^>]*type="document"[\s\S]*<\/div>(?=\s*<\/body>)/.exec(readFileSync(join(dir, f), 'utf8'));
      if (!m) throw new Error(`${volume}/${f}: no document div`);
      return m[0];
    });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">',
    `<teiHeader><fileDesc><sourceDesc><bibl type="frus-volume-id">${volume}</bibl></sourceDesc></fileDesc></teiHeader>`,
    '<text><body>',
    ...docs,
    '</body></text></TEI>',
    '',
  ].join('\n');
}
