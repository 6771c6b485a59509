import type { Draft } from './draft';

/**
 * The canonical byte encoding of a cable for signing, version 1 (docs/CANONICAL_ENCODING.md;
 * DOMAIN.md rules 23 and 24: the signatures cover header, label, captions, routing and text
 * together, so that any change to any of them fails verification).
 *
 * A signed message is
 *
 *   "CABLEROOM-SIG-1\n" ‖ canonical(header) ‖ "\n" ‖ canonical(content)
 *
 * where canonical(x) is x as JSON with object keys sorted by UTF-16 code units, no whitespace,
 * integers only, and strings exactly as stored (JSON.stringify escapes), encoded as UTF-8. The
 * content is the same for every signer of a cable; the header says who signs in which role.
 *
 * The test vectors in tests/domain/canonical.test.ts pin these bytes: changing anything here
 * must change the version, never the bytes of version 1.
 */
export const ENCODING_VERSION = 1;
export const SIGNATURE_DOMAIN = 'CABLEROOM-SIG-1\n';

export type SignerRole = 'DRAFTER' | 'CLEARER' | 'APPROVER';

/** What a release assigns; covered by the approver's signature only (it signs and releases). */
export type ReleaseHeader = Readonly<{
  ref: string;
  dtg: string;
  mrn: Readonly<{ station: string; year: number; serial: number }> | null;
  series: Readonly<{ indicator: string; number: number }> | null;
}>;

export type SignatureHeader = Readonly<{
  v: 1;
  role: SignerRole;
  /** Directory key of the signer. */
  signer: string;
  /** Fingerprint of the signer's public key (hex SHA-256 prefix). */
  key: string;
  /** For a clearer: which clearance, e.g. "office:SECSTATE WASHDC/EUR" or "person:ujohnson", and its kind. */
  clearance: Readonly<{ for: string; kind: 'CLEAR' | 'INFO' | 'SUBST' }> | null;
  release: ReleaseHeader | null;
}>;

type Canonical = null | boolean | number | string | ReadonlyArray<Canonical> | { readonly [k: string]: Canonical };

/** Canonical JSON text of a value (sorted keys, no whitespace, integers only). */
export function canonicalJson(value: unknown): string {
  return write(value as Canonical);
}

function write(v: Canonical): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new TypeError(`canonical encoding carries integers only, not ${v}`);
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${(v as ReadonlyArray<Canonical>).map(write).join(',')}]`;
  const obj = v as { readonly [k: string]: Canonical };
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(obj[k] as Canonical)}`).join(',')}}`;
}

/**
 * The signed content of a cable: the draft document without the drafter's working flags, with
 * every optional field made explicit (null or []), so that a draft and the same cable read back
 * from the store encode to the same bytes.
 */
export function signedContent(d: Draft): Readonly<Record<string, unknown>> {
  return {
    v: ENCODING_VERSION,
    profile: d.profile,
    originator: { plad: d.originator.plad, office: d.originator.office ?? null },
    series: d.series,
    classification: d.classification,
    classificationReason: d.classificationReason,
    captions: [...d.captions],
    dissem: [...d.dissem],
    relTo: [...d.relTo],
    eyesOnly: d.eyesOnly.map((e) => ('person' in e ? { person: e.person } : { principals: true })),
    subject: d.subject,
    fileRef: d.fileRef,
    tags: [...d.tags],
    classAuthority: d.classAuthority
      ? {
          classifiedBy: d.classAuthority.classifiedBy,
          position: d.classAuthority.position,
          reasons: [...d.classAuthority.reasons],
          declassifyOn: d.classAuthority.declassifyOn,
        }
      : null,
    legacyEo: d.legacyEo ? { order: d.legacyEo.order, code: d.legacyEo.code } : null,
    summary: d.summary,
    references: d.references.map((r) => ({ label: r.label, text: r.text, cable: r.cable ?? null })),
    addressees: d.addressees.map((a) => ({
      plad: a.plad ?? null,
      collective: a.collective ?? null,
      role: a.role,
      precedence: a.precedence,
      niact: a.niact,
      // "For" persons are a set: sorted, without repeats.
      for: [...new Set(a.for)].sort(),
    })),
    passes: d.passes.map((p) => ({ by: p.by, to: p.to, precedence: p.precedence ?? null })),
    paragraphs: d.paragraphs.map((p) => ({ n: p.n, portion: p.portion, fyi: p.fyi, text: p.text })),
    drafters: [...d.drafters],
    clearers: d.clearers.map((c) => ({
      person: c.person ?? null,
      office: c.office ? { station: c.office.station, code: c.office.code } : null,
      kind: c.kind,
    })),
    approver: d.approver,
    signature: d.signature,
    // Issue 16: encoded only when present (undefined keys are left out), so the bytes of every
    // cable without them are those of version 1 as before.
    forLine: d.forLine || undefined,
    desiredDistribution: d.desiredDistribution || undefined,
  };
}

/** How a clearance is named in a clearer's signature header. */
export function clearanceName(c: Draft['clearers'][number]): string {
  return c.office ? `office:${c.office.station}/${c.office.code}` : `person:${c.person ?? ''}`;
}

const utf8 = new TextEncoder();

/** The content bytes, computed once per cable and shared by every signature of its chain. */
export function encodeContent(d: Draft): Uint8Array {
  return utf8.encode(canonicalJson(signedContent(d)));
}

/** The exact bytes a signer signs: domain separator, header, newline, content. */
export function signedMessage(header: SignatureHeader, content: Uint8Array): Uint8Array {
  const head = utf8.encode(`${SIGNATURE_DOMAIN}${canonicalJson(header)}\n`);
  const out = new Uint8Array(head.length + content.length);
  out.set(head, 0);
  out.set(content, head.length);
  return out;
}
