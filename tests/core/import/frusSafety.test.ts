import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { CableroomError } from '../../../electron/core/errors';
import { FrusXmlError, importFrus, parseFrusTelegrams } from '../../../electron/core/import/frus';
import { seededCoreFixture } from '../../support/tempCore';
import { documentXml, readDoc, rowCounts, wholeVolume } from './frusFixtures';

const core = seededCoreFixture();

const TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0">';

/** A well-formed one-document TEI file around `inner` (a paragraph of d100-like content). */
function doc(inner: string, prolog = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${prolog}${TEI_OPEN}<text><body><div type="document" n="1" xml:id="d1"><head>1. Telegram From the <gloss type="from">Department of State</gloss> to the <gloss type="to">Embassy in France</gloss><note type="source" n="0">Source: test. Secret.</note></head><opener><dateline><date when="1962-10-28T12:00:00-04:00">October 28</date></dateline></opener><p>101. Test.</p><p>${inner}</p></div></body></text></TEI>`;
}

const XXE = doc('&e;', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>');
const BILLION_LAUGHS = doc(
  '&lol9;',
  `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
    { length: 9 },
    (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
  ).join('')}]>`,
);

/** Drains the parser; returns the documents and the error it ended with. */
async function drain(xml: string | Readable): Promise<{ docs: number; error: unknown }> {
  let docs = 0;
  try {
    for await (const d of parseFrusTelegrams(xml, { file: 'hostile.xml' })) if (d.ok) docs += 1;
    return { docs, error: null };
  } catch (e) {
    return { docs, error: e };
  }
}

const HOSTILE: [string, string, RegExp][] = [
  ['XXE (external entity in a DOCTYPE)', XXE, /DOCTYPE/],
  ['billion laughs (entity expansion)', BILLION_LAUGHS, /DOCTYPE/],
  ['an entity without a DOCTYPE', doc('&e;'), /undefined entity/],
  ['malformed (mismatched tags)', doc('<hi>text</p></hi>'), /malformed XML/],
  ['truncated', readDoc(100).slice(0, 4000), /malformed XML: .*(unclosed|unexpected end)/i],
  ['text after the root', `${doc('x')}junk`, /malformed XML/],
  ['not TEI', '<?xml version="1.0"?><html><body/></html>', /not a TEI <TEI> element/],
  ['no document', `${TEI_OPEN}<text><body><p>x</p></body></text></TEI>`, /no FRUS document/],
  ['empty', '', /malformed XML: document must contain a root element/],
  ['an unbound namespace prefix', doc('<x:hi>t</x:hi>'), /malformed XML: .*unbound/i],
  ['a non-UTF-8 encoding', doc('x').replace('UTF-8', 'ISO-8859-1'), /only UTF-8/],
  ['nesting 100 000 deep', doc(`${'<hi>'.repeat(100_000)}x${'</hi>'.repeat(100_000)}`), /nest deeper/],
];

describe('hostile XML: a clear error, nothing imported, no crash', () => {
  test.each(HOSTILE)('%s', async (_name, xml, message) => {
    const { docs, error } = await drain(xml);
    expect(docs).toBe(0);
    expect(error).toBeInstanceOf(FrusXmlError);
    expect(error).toBeInstanceOf(CableroomError);
    expect((error as CableroomError).code).toBe('BAD_REQUEST');
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^hostile\.xml/);

    const { db } = core();
    const before = rowCounts(db);
    await expect(importFrus(db, { xml, file: 'hostile.xml' })).rejects.toThrow(message);
    expect(rowCounts(db)).toEqual(before);
  });

  test('the XXE target is never read: its content appears nowhere', async () => {
    const { error } = await drain(XXE);
    expect(String((error as Error).message)).not.toMatch(/root:/);
  });

  test('a truncated volume imports nothing, not even its complete first documents', async () => {
    const full = wholeVolume();
    const cut = full.slice(0, full.indexOf(documentXml(121)) + 500);
    // The parser itself streams: complete documents come out before the error.
    const { docs, error } = await drain(cut);
    expect(docs).toBeGreaterThan(5);
    expect(error).toBeInstanceOf(FrusXmlError);
    const { db } = core();
    const before = rowCounts(db);
    await expect(importFrus(db, { xml: cut, file: 'cut.xml' })).rejects.toThrow(FrusXmlError);
    expect(rowCounts(db)).toEqual(before);
  });

  test('a stream that fails mid-way is a clear file error', async () => {
    const source = new Readable({
      read() {
        this.push(Buffer.from(wholeVolume().slice(0, 2000)));
        this.destroy(new Error('disk went away'));
      },
    });
    const { error } = await drain(source);
    expect(error).toBeInstanceOf(FrusXmlError);
    expect((error as Error).message).toMatch(/could not be read: disk went away/);
  });

  test('a missing file is a clear file error', async () => {
    const { db } = core();
    await expect(importFrus(db, { path: '/nonexistent/frus.xml' })).rejects.toThrow(/could not be read: .*ENOENT/);
  });

  test('an oversized document is reported and the file goes on', async () => {
    const huge = `<div type="document" n="2" xml:id="d2"><head>2. Telegram From the Department of State to the Embassy in France</head><p>${'x'.repeat(2_100_000)}</p></div>`;
    const xml = wholeVolume(`${huge}\n${documentXml(100)}`);
    const out = [];
    for await (const d of parseFrusTelegrams(xml, { file: 'big.xml' })) out.push(d);
    expect(out.map((d) => [d.doc, d.ok])).toEqual([
      [2, false],
      [100, true],
    ]);
    expect(!out[0]!.ok && out[0]!.reason).toMatch(/more than 2000000 characters/);
  });
});
