import { canonicalJson, SIGNATURE_DOMAIN, type SignerRole } from '../../domain/canonical';
import type { Draft, DraftClearer } from '../../domain/draft';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { RECORDED_AS_SIGNED } from './chainRecord';
import { cableLines, type StoredSignature } from './signedCable';

/**
 * The bytes a signed cable's signatures cover, read straight from the store (issue 15 items 2–3).
 *
 * `readSignedCables` rebuilds the whole draft as JavaScript objects (eight queries, a thousand
 * small objects) and `encodeContent` then writes it back out as canonical JSON: about 100 µs a
 * cable, as much as the cheapest of its four Ed25519 checks. Here SQLite writes the canonical
 * text of the relational parts itself (`json_quote`, `json_object`, `json_group_array` — the
 * same text JSON.stringify writes, keys given in sorted order), in one query per page of
 * cables, and JavaScript only joins the fragments in key order. The columns the store keeps as
 * JSON text (captions, dissem, releasability, tags, classification authority, legacy E.O., the
 * FOR and DESIRED DISTRIBUTION lines) are parsed with JSON.parse and written by `canonicalJson`:
 * the bytes read here mean what the app displays, never SQLite's reading of a JSON text (one
 * difference, on purpose: a list column holding something other than a list is written as it
 * is, not spread into one, so it can never match a signed list).
 *
 * The result must equal `chainMessages(readSignedCables(…))` byte for byte for every cable:
 * tests/core/signing/chainBytes.test.ts checks it over the seed, imported telegrams and
 * generated drafts. A difference could only ever make a good chain fail (a signature checks the
 * exact bytes the signer signed), never make a changed cable pass.
 */

/** The chain of one cable, with what its structural checks (rule 23) need from the draft. */
export type ChainBytes = Readonly<{
  cableId: number;
  ref: string;
  /** `encodeContent(draft)` as text. */
  content: string;
  draft: Pick<Draft, 'drafters' | 'clearers' | 'approver'>;
  signatures: ReadonlyArray<StoredSignature & { readonly head: string }>;
}>;

/** SQL text of a boolean stored 0/1, as the reader reads it (`=== 1`). */
const bool = (column: string) => `json(CASE WHEN ${column} = 1 THEN 'true' ELSE 'false' END)`;

/**
 * SQL: the canonical fragments of the cable aliased `c`. A text the reader treats as absent when
 * empty (`x ? { x } : {}`) is NULLIF'd, so that both write null.
 */
const FRAGMENTS = `
  (SELECT json_group_array(json_object(
            'collective', NULLIF(k.name, ''),
            'for', (SELECT json_group_array(key) FROM (SELECT DISTINCT p.key FROM addressee_for f
                      JOIN people p ON p.id = f.person_id WHERE f.addressee_id = a.id ORDER BY p.key)),
            'niact', ${bool('a.niact')}, 'plad', NULLIF(s.plad, ''), 'precedence', a.precedence, 'role', a.role)
          ORDER BY a.ordinal)
     FROM addressees a LEFT JOIN stations s ON s.id = a.station_id LEFT JOIN collectives k ON k.id = a.collective_id
    WHERE a.transmission_id = t.id) AS addressees,
  (SELECT json_group_array(json_object('cable', NULLIF(x.ref, ''), 'label', r.label, 'text', r.text) ORDER BY r.ordinal)
     FROM cable_references r LEFT JOIN cables x ON x.id = r.ref_cable_id WHERE r.cable_id = c.id) AS refs,
  (SELECT json_group_array(CASE WHEN e.principals = 1 THEN json_object('principals', json('true'))
                                ELSE json_object('person', COALESCE(p.key, '')) END ORDER BY e.ordinal)
     FROM eyes_only e LEFT JOIN people p ON p.id = e.person_id WHERE e.transmission_id = t.id) AS eyes_only,
  (SELECT json_group_array(json_object('by', b.plad, 'precedence', NULLIF(x.precedence, ''), 'to', d.plad) ORDER BY x.id)
     FROM pass_instructions x JOIN stations b ON b.id = x.by_station_id JOIN stations d ON d.id = x.to_station_id
    WHERE x.transmission_id = t.id) AS passes,
  (SELECT json_group_array(json_object('fyi', ${bool('g.fyi')}, 'n', g.number, 'portion', g.portion, 'text', g.text)
            ORDER BY g.ordinal)
     FROM paragraphs g WHERE g.cable_id = c.id) AS paragraphs,
  (SELECT json_group_array(COALESCE(p.key, '') ORDER BY d.ordinal)
     FROM drafting_roles d LEFT JOIN people p ON p.id = d.person_id WHERE d.cable_id = c.id AND d.role = 'DRAFTED') AS drafters,
  (SELECT json_group_array(json_object(
            'kind', COALESCE(d.clearance_kind, 'CLEAR'),
            'office', CASE WHEN NULLIF(os.plad, '') IS NOT NULL AND NULLIF(o.code, '') IS NOT NULL
                           THEN json_object('code', o.code, 'station', os.plad) END,
            'person', NULLIF(p.key, '')) ORDER BY d.ordinal)
     FROM drafting_roles d LEFT JOIN people p ON p.id = d.person_id LEFT JOIN offices o ON o.id = d.office_id
     LEFT JOIN stations os ON os.id = o.station_id
    WHERE d.cable_id = c.id AND d.role = 'CLEARED') AS clearers,
  (SELECT p.key FROM drafting_roles d LEFT JOIN people p ON p.id = d.person_id
    WHERE d.cable_id = c.id AND d.role = 'APPROVED' ORDER BY d.ordinal LIMIT 1) AS approver,
  json_object('office', NULLIF(o.code, ''), 'plad', st.plad) AS originator,
  json_quote(c.classification) AS classification, json_quote(c.classification_reason) AS classification_reason,
  json_quote(c.file_ref) AS file_ref, json_quote(c.profile) AS profile, json_quote(c.series_indicator) AS series,
  json_quote(c.signature) AS signature, json_quote(c.subject) AS subject, json_quote(c.summary) AS summary,
  c.captions, c.dissem, c.rel_to, c.tags, c.class_authority, c.legacy_eo, c.lines`;

type Row = {
  id: number;
  ref: string;
  addressees: string;
  refs: string;
  eyes_only: string;
  passes: string;
  paragraphs: string;
  drafters: string;
  clearers: string;
  approver: string | null;
  originator: string;
  classification: string;
  classification_reason: string;
  file_ref: string;
  profile: string;
  series: string;
  signature: string;
  subject: string;
  summary: string;
  captions: string;
  dissem: string;
  rel_to: string;
  tags: string;
  class_authority: string | null;
  legacy_eo: string | null;
  lines: string | null;
  chain: string;
};

/** One signature as the chain query lists it: role, signer, key, clearance, when, signature (hex), header. */
type ChainEntry = [SignerRole, string, string, string | null, DraftClearer['kind'] | null, string, string, string];

/**
 * SQL: the chain of the cable aliased `c`, in order: for each signature its role, signer, key,
 * clearance, time, the signature in hex, and the canonical JSON of the header it was made with
 * (`signatureHeader`: only the approver's covers the release), as a string.
 */
const CHAIN = `
  (SELECT json_group_array(json_array(g.role, g.signer, g.key_fingerprint, g.clearance_for, g.clearance_kind,
            g.signed_at, hex(g.signature), json_object(
              'clearance', CASE WHEN NULLIF(g.clearance_for, '') IS NOT NULL AND NULLIF(g.clearance_kind, '') IS NOT NULL
                                THEN json_object('for', g.clearance_for, 'kind', g.clearance_kind) END,
              'key', g.key_fingerprint,
              'release', CASE WHEN g.role = 'APPROVER' THEN json_object(
                  'dtg', c.dtg,
                  'mrn', CASE WHEN c.mrn_station IS NOT NULL AND c.mrn_year IS NOT NULL AND c.mrn_serial IS NOT NULL
                              THEN json_object('serial', c.mrn_serial, 'station', c.mrn_station, 'year', c.mrn_year) END,
                  'ref', c.ref,
                  'series', CASE WHEN c.series_indicator IS NOT NULL AND c.series_number IS NOT NULL
                                 THEN json_object('indicator', c.series_indicator, 'number', c.series_number) END) END,
              'role', g.role, 'signer', g.signer, 'v', 1) || '') ORDER BY g.ordinal)
     FROM cable_signatures g WHERE g.cable_id = c.id) AS chain`;

/** The query, its cables chosen by `where` (on `c.id`). */
const chainQuery = (where: string) => `SELECT c.id, c.ref, ${FRAGMENTS}, ${CHAIN}
   FROM cables c
   JOIN stations st ON st.id = c.originator_station_id
   LEFT JOIN offices o ON o.id = c.originator_office_id
   JOIN transmissions t ON t.cable_id = c.id AND t.kind = 'ORIGINAL'
  WHERE ${where}
    AND (EXISTS (SELECT 1 FROM cable_signatures g WHERE g.cable_id = c.id) OR ${RECORDED_AS_SIGNED})
  ORDER BY c.id`;

/** The signed cables among `ids` (ascending), in id order, with the text of each signed message. */
export function readChainBytes(db: Db, ids: ReadonlyArray<number>): ChainBytes[] {
  if (ids.length === 0) return [];
  const rows = prepared(db, chainQuery('c.id IN (SELECT value FROM json_each(?))')).all(JSON.stringify(ids)) as Row[];
  return rows.map(chainBytesOf);
}

/** One cable's signed bytes; undefined for a cable that is not a signed one (opening a cable). */
export function readOneChain(db: Db, cableId: number): ChainBytes | undefined {
  const row = prepared(db, chainQuery('c.id = ?')).get(cableId) as Row | undefined;
  return row && chainBytesOf(row);
}

function chainBytesOf(r: Row): ChainBytes {
  const signatures = (JSON.parse(r.chain) as ChainEntry[]).map(
    ([role, signer, key, clearanceFor, clearanceKind, signedAt, hex, head]) => ({
      role,
      signer,
      key,
      clearance: clearanceFor && clearanceKind ? { for: clearanceFor, kind: clearanceKind } : null,
      signedAt,
      signature: Buffer.from(hex, 'hex'),
      head: `${SIGNATURE_DOMAIN}${head}\n`,
    }),
  );
  return {
    cableId: r.id,
    ref: r.ref,
    content: contentText(r),
    draft: { drafters: drafters(r.drafters), clearers: clearers(r.clearers), approver: r.approver },
    signatures,
  };
}

/**
 * `f(text)`, remembered: a pure function of a column's text. The columns kept as JSON text and
 * the signers' lists repeat from cable to cable (the same captions, the same drafting office),
 * so `verify --all` parses each distinct text once. Bounded: forgotten all at once when full.
 */
function remembered<T>(f: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    let out = seen.get(text);
    if (out === undefined) {
      out = f(text);
      if (seen.size >= 4096) seen.clear();
      seen.set(text, out);
    }
    return out;
  };
}

/** A column kept as JSON text, written as `signedContent` writes the value it parses to. */
const json = remembered((text) => canonicalJson(JSON.parse(text)));

const classAuthorityJson = remembered((text) => {
  const a = JSON.parse(text) as NonNullable<Draft['classAuthority']> | null;
  return canonicalJson(
    a && { classifiedBy: a.classifiedBy, position: a.position, reasons: [...a.reasons], declassifyOn: a.declassifyOn },
  );
});

const legacyEoJson = remembered((text) => {
  const l = JSON.parse(text) as NonNullable<Draft['legacyEo']> | null;
  return canonicalJson(l && { order: l.order, code: l.code });
});

/** The FOR and DESIRED DISTRIBUTION members of the content, each only when present. */
const linesJson = remembered((text) => {
  const { forLine, desiredDistribution } = cableLines(text);
  return {
    desiredDistribution: desiredDistribution ? `"desiredDistribution":${canonicalJson(desiredDistribution)},` : '',
    forLine: forLine ? `"forLine":${canonicalJson(forLine)},` : '',
  };
});

const drafters = remembered((text) => Object.freeze(JSON.parse(text) as string[]));

const clearers = remembered((text) =>
  Object.freeze(
    (JSON.parse(text) as Array<{ kind: DraftClearer['kind'] } & Record<string, unknown>>).map((c) => ({
      kind: c.kind,
      ...(c.person ? { person: c.person as string } : {}),
      ...(c.office ? { office: c.office as { station: string; code: string } } : {}),
    })),
  ),
);

const NO_LINES = { desiredDistribution: '', forLine: '' };

/** `{ … }` of `signedContent`, keys in canonical (sorted) order, from the row's fragments. */
function contentText(r: Row): string {
  const lines = r.lines === null ? NO_LINES : linesJson(r.lines);
  return (
    `{"addressees":${r.addressees},"approver":${canonicalJson(r.approver)},"captions":${json(r.captions)},` +
    `"classAuthority":${r.class_authority ? classAuthorityJson(r.class_authority) : 'null'},` +
    `"classification":${r.classification},"classificationReason":${r.classification_reason},` +
    `"clearers":${r.clearers},${lines.desiredDistribution}` +
    `"dissem":${json(r.dissem)},"drafters":${r.drafters},"eyesOnly":${r.eyes_only},"fileRef":${r.file_ref},` +
    `${lines.forLine}"legacyEo":${r.legacy_eo ? legacyEoJson(r.legacy_eo) : 'null'},` +
    `"originator":${r.originator},"paragraphs":${r.paragraphs},"passes":${r.passes},"profile":${r.profile},` +
    `"references":${r.refs},"relTo":${json(r.rel_to)},"series":${r.series},"signature":${r.signature},` +
    `"subject":${r.subject},"summary":${r.summary},"tags":${json(r.tags)},"v":1}`
  );
}
