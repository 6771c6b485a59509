import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ImportedTelegram } from '../../../electron/core/import/frus';

/**
 * The expected-fields files of the FRUS corpus (tests/fixtures/frus/<volume>/dN.expected.json,
 * issue 12 item 1): per telegram the fields an importer must get right, written down and checked
 * by hand against the TEI (tests/fixtures/README.md says how). `knownDeviations` names a field
 * whose expected value the importer does not reach yet, with the reason; the corpus test counts
 * it as a miss in the accuracy it prints.
 */
export const FIXTURES = resolve(__dirname, '../../fixtures/frus');

export type Expected = {
  doc: string;
  ref: string;
  dtg: string;
  sentAt: string;
  from: string;
  fromPerson: string | null;
  to: string[];
  for: Record<string, string[]>;
  alsoSentTo: string[];
  pass: string[];
  repeats: string[];
  classification: string;
  precedence: string;
  niact: boolean;
  captions: string[];
  dissem: string[];
  handling: string[];
  eyesOnlyFor: string[];
  drafted: string[];
  cleared: string[];
  approved: string[];
  signedBy: string | null;
  fileRef: string | null;
  receivedAt: string | null;
  slugs: string[];
  references: string[];
  /** Paragraph numbers in order (null = unnumbered). */
  paragraphs: (number | null)[];
  /** What the importer inferred rather than read (reported per document). */
  inferred: string[];
  knownDeviations?: Record<string, string>;
};

/** The fields compared, in report order. */
export const FIELDS = [
  'ref',
  'dtg',
  'sentAt',
  'from',
  'fromPerson',
  'to',
  'for',
  'alsoSentTo',
  'pass',
  'repeats',
  'classification',
  'precedence',
  'niact',
  'captions',
  'dissem',
  'handling',
  'eyesOnlyFor',
  'drafted',
  'cleared',
  'approved',
  'signedBy',
  'fileRef',
  'receivedAt',
  'slugs',
  'references',
  'paragraphs',
] as const satisfies ReadonlyArray<keyof Expected>;

const party = (p: { name: string; person?: string; office?: string; substance?: boolean }): string =>
  `${p.person ? p.person : p.office ? `office:${p.office}` : `?${p.name}`}${p.substance ? ' (in substance)' : ''}`;

/** The report's fields in the expected-file shape. */
export function expectedOf(r: ImportedTelegram): Expected {
  return {
    doc: `${r.source.volume} d${r.source.doc}`,
    ref: r.ref,
    dtg: r.dtg,
    sentAt: r.sentAt,
    from: r.from,
    fromPerson: r.fromPerson,
    to: r.to,
    for: r.for,
    alsoSentTo: r.alsoSentTo.map((d) => d.plad ?? d.collective ?? `?${d.name}`),
    pass: r.pass.map((p) => `${p.by} pass ${p.to}`),
    repeats: r.repeats.map((x) => `${x.by}: ${x.to.join(', ')}`),
    classification: r.classification,
    precedence: r.precedence,
    niact: r.niact,
    captions: r.captions,
    dissem: r.dissem,
    handling: r.handling,
    eyesOnlyFor: r.eyesOnlyFor,
    drafted: r.draftedBy.map(party),
    cleared: r.clearedBy.map(party),
    approved: r.approvedBy.map(party),
    signedBy: r.signedBy ? (r.signedBy.person ?? `?${r.signedBy.name}`) : null,
    fileRef: r.fileRef,
    receivedAt: r.receivedAt,
    slugs: r.slugs,
    references: r.references,
    paragraphs: r.paragraphs.map((p) => p.n),
    inferred: r.inferred,
  };
}

export type CorpusDocument = { volume: string; doc: number; file: string; expected: Expected };

/** Every corpus document with its expected-fields file, in volume and document order. */
export function corpusDocuments(): CorpusDocument[] {
  const out: CorpusDocument[] = [];
  for (const volume of readdirSync(FIXTURES).sort()) {
    const files = readdirSync(resolve(FIXTURES, volume))
      .filter((f) => /^d\d+\.xml$/.test(f))
      .sort((a, b) => Number(a.slice(1, -4)) - Number(b.slice(1, -4)));
    for (const f of files) {
      const expected = JSON.parse(
        readFileSync(resolve(FIXTURES, volume, f.replace(/\.xml$/, '.expected.json')), 'utf8'),
      ) as Expected;
      out.push({ volume, doc: Number(f.slice(1, -4)), file: resolve(FIXTURES, volume, f), expected });
    }
  }
  return out;
}

/** Per field: does the report match the expected value? */
export function compare(e: Expected, r: ImportedTelegram): Record<(typeof FIELDS)[number], boolean> {
  const got = expectedOf(r);
  const out = {} as Record<(typeof FIELDS)[number], boolean>;
  for (const f of FIELDS) out[f] = JSON.stringify(got[f]) === JSON.stringify(e[f]);
  return out;
}
