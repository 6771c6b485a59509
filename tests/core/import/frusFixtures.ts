import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The FRUS documents the tests read, copied into the repository (tests/fixtures/README.md: provenance). */
export const CORPUS_DIR = resolve(__dirname, '../../fixtures/frus/frus1961-63v11');

/** The twelve documents, in volume order. */
export const CORPUS_DOCS = [48, 56, 86, 100, 112, 113, 115, 117, 119, 121, 128, 129];

export const corpusFile = (n: number): string => resolve(CORPUS_DIR, `d${n}.xml`);

export const readDoc = (n: number): string => readFileSync(corpusFile(n), 'utf8');

/** The `div[@type='document']` element of a corpus file, as XML text. */
export function documentXml(n: number): string {
  const m = /<div\b[^>]*type="document"[\s\S]*<\/div>(?=\s*<\/body>)/.exec(readDoc(n));
  if (!m) throw new Error(`d${n}: no document div`);
  return m[0];
}

/** A document that is not a telegram: a whole volume is mostly such documents. */
export const EDITORIAL_NOTE =
  '<div type="document" n="999" xml:id="d999" subtype="editorial-note"><head>999. Editorial Note</head><p>On October 28 the crisis eased.</p></div>';

/** The twelve documents as XML, with the editorial note after d100. */
export function documentsOf(): string[] {
  return CORPUS_DOCS.flatMap((n) => (n === 100 ? [documentXml(n), EDITORIAL_NOTE] : [documentXml(n)]));
}

/** One TEI volume holding `body` (default: the twelve documents and the editorial note). */
export function wholeVolume(body: string = documentsOf().join('\n')): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">',
    '<teiHeader><fileDesc><sourceDesc><bibl type="frus-volume-id">frus1961-63v11</bibl></sourceDesc></fileDesc></teiHeader>',
    '<text><body><div type="chapter" xml:id="ch1"><head>Cuban Missile Crisis</head>',
    body,
    '</div></body></text></TEI>',
  ].join('\n');
}

/** Every table a cable write touches. */
export const CABLE_TABLES = [
  'cables',
  'cable_references',
  'paragraphs',
  'drafting_roles',
  'transmissions',
  'addressees',
  'addressee_for',
  'eyes_only',
  'pass_instructions',
  'deliveries',
  'cable_search',
  'audit_log',
] as const;

/** Row counts of the cable tables (to prove that nothing, or exactly what, was written). */
export function rowCounts(db: {
  prepare(sql: string): { pluck(): { get(): unknown } };
}): Record<(typeof CABLE_TABLES)[number], number> {
  const out = {} as Record<(typeof CABLE_TABLES)[number], number>;
  for (const t of CABLE_TABLES) out[t] = db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return out;
}
