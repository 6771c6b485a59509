import type { ReleaseHeader, SignerRole } from '../../domain/canonical';
import type { Draft, DraftAddressee, DraftClearer, DraftEyesOnly } from '../../domain/draft';
import type { CableInput } from '../cables/cableInput';
import type { AuditActor } from '../audit/auditTrail';
import type { Db } from '../store/database';
import { prepared } from '../store/statements';
import { RECORDED_AS_SIGNED, recordSignatureChain } from './chainRecord';

/**
 * A released, signed cable as data: the draft it was released from, what the release assigned,
 * and its signature chain. This is the form of the seed's signed cables, of a cable read back from
 * the store for verification, and of the cables in an exchange bundle.
 */
export type StoredSignature = Readonly<{
  role: SignerRole;
  signer: string;
  key: string;
  clearance: Readonly<{ for: string; kind: DraftClearer['kind'] }> | null;
  signedAt: string;
  signature: Uint8Array;
}>;

export type SignedCable = Readonly<{
  draft: Draft;
  release: ReleaseHeader;
  signatures: ReadonlyArray<StoredSignature>;
}>;

/** The cable a release writes: the draft with the release's ref, DTG, MRN and channel serials. */
export function releasedCableInput(d: Draft, r: ReleaseHeader): CableInput {
  return {
    ref: r.ref,
    profile: d.profile,
    series: r.series,
    mrn: r.mrn,
    dtg: r.dtg,
    originator: { plad: d.originator.plad, ...(d.originator.office ? { office: d.originator.office } : {}) },
    classification: d.classification,
    captions: [...d.captions],
    dissem: [...d.dissem],
    relTo: [...d.relTo],
    subject: d.subject,
    fileRef: d.fileRef,
    tags: [...d.tags],
    references: d.references.map((x) => ({ label: x.label, text: x.text, ...(x.cable ? { cable: x.cable } : {}) })),
    classificationReason: d.classificationReason,
    classAuthority: d.classAuthority ? { ...d.classAuthority, reasons: [...d.classAuthority.reasons] } : null,
    legacyEo: d.legacyEo,
    ...(d.forLine ? { forLine: d.forLine } : {}),
    ...(d.desiredDistribution ? { desiredDistribution: d.desiredDistribution } : {}),
    summary: d.summary,
    sourceNote: null,
    signature: d.signature,
    drafting: [
      ...d.drafters.map((person) => ({ role: 'DRAFTED' as const, person })),
      ...d.clearers.map((c) => ({
        role: 'CLEARED' as const,
        ...(c.person ? { person: c.person } : {}),
        ...(c.office ? { office: { ...c.office } } : {}),
        kind: c.kind,
      })),
      ...(d.approver ? [{ role: 'APPROVED' as const, person: d.approver }] : []),
    ],
    transmission: {
      addressees: d.addressees.map((a) => ({
        ...(a.plad ? { plad: a.plad } : {}),
        ...(a.collective ? { collective: a.collective } : {}),
        role: a.role,
        precedence: a.precedence,
        niact: a.niact,
        // The channel serial: the series number for each station addressed directly (DOMAIN.md §1.8).
        ...(r.series && a.plad && a.role !== 'EXEMPT'
          ? { serial: { series: r.series.indicator, number: r.series.number } }
          : {}),
        for: [...new Set(a.for)].sort(),
      })),
      eyesOnly: d.eyesOnly.map((e) => ('person' in e ? { person: e.person } : { principals: true as const })),
      passes: d.passes.map((p) => ({
        by: p.by,
        to: p.to,
        status: 'PENDING' as const,
        ...(p.precedence ? { precedence: p.precedence } : {}),
      })),
    },
    repeats: [],
    paragraphs: d.paragraphs.map((p) => ({ n: p.n, portion: p.portion, fyi: p.fyi, text: p.text })),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading signed cables back from the store, a range of ids at a time (one query per table).

type CableRow = {
  id: number;
  ref: string;
  profile: Draft['profile'];
  series_indicator: string | null;
  series_number: number | null;
  mrn_station: string | null;
  mrn_year: number | null;
  mrn_serial: number | null;
  dtg: string;
  originator: string;
  office: string | null;
  classification: Draft['classification'];
  classification_reason: string | null;
  captions: string;
  dissem: string;
  rel_to: string;
  subject: string;
  file_ref: string | null;
  tags: string;
  class_authority: string | null;
  legacy_eo: string | null;
  lines: string | null;
  summary: string | null;
  signature: string | null;
  transmission_id: number;
};

function groupBy<T extends { cable_id: number }>(rows: T[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.cable_id);
    if (list) list.push(r);
    else out.set(r.cable_id, [r]);
  }
  return out;
}

/**
 * Signed cables with ids in [from, to], in id order: those carrying signatures, and those the
 * trail recorded as signed whose signatures are gone (read with an empty chain, so that they
 * verify as TAMPERED — issue 13 item 5).
 */
export function readSignedCables(db: Db, from: number, to: number): Array<SignedCable & { cableId: number }> {
  return readSigned(db, (col) => `${col} BETWEEN ? AND ?`, [from, to]);
}

/** `where(column)` is the SQL condition selecting the cables by id; `params` its parameters. */
function readSigned(
  db: Db,
  where: (column: string) => string,
  params: ReadonlyArray<number | string>,
): Array<SignedCable & { cableId: number }> {
  const cables = prepared(
    db,
    `SELECT c.id, c.ref, c.profile, c.series_indicator, c.series_number, c.mrn_station, c.mrn_year, c.mrn_serial, c.dtg,
            s.plad AS originator, o.code AS office, c.classification, c.classification_reason, c.captions, c.dissem,
            c.rel_to, c.subject, c.file_ref, c.tags, c.class_authority, c.legacy_eo, c.lines, c.summary, c.signature,
            t.id AS transmission_id
       FROM cables c
       JOIN stations s ON s.id = c.originator_station_id
       LEFT JOIN offices o ON o.id = c.originator_office_id
       JOIN transmissions t ON t.cable_id = c.id AND t.kind = 'ORIGINAL'
      WHERE ${where('c.id')}
        AND (EXISTS (SELECT 1 FROM cable_signatures g WHERE g.cable_id = c.id) OR ${RECORDED_AS_SIGNED})
      ORDER BY c.id`,
  ).all(...params) as CableRow[];
  if (cables.length === 0) return [];

  const paragraphs = groupBy(
    prepared(
      db,
      `SELECT cable_id, number, portion, fyi, text FROM paragraphs WHERE ${where('cable_id')} ORDER BY cable_id, ordinal`,
    ).all(...params) as { cable_id: number; number: number | null; portion: string; fyi: number; text: string }[],
  );
  const references = groupBy(
    prepared(
      db,
      `SELECT r.cable_id, r.label, r.text, t.ref AS target FROM cable_references r LEFT JOIN cables t ON t.id = r.ref_cable_id
        WHERE ${where('r.cable_id')} ORDER BY r.cable_id, r.ordinal`,
    ).all(...params) as { cable_id: number; label: string; text: string; target: string | null }[],
  );
  const roles = groupBy(
    prepared(
      db,
      `SELECT d.cable_id, d.role, p.key AS person, os.plad AS office_station, o.code AS office_code, d.clearance_kind
         FROM drafting_roles d
         LEFT JOIN people p ON p.id = d.person_id
         LEFT JOIN offices o ON o.id = d.office_id
         LEFT JOIN stations os ON os.id = o.station_id
        WHERE ${where('d.cable_id')} ORDER BY d.cable_id, d.ordinal`,
    ).all(...params) as {
      cable_id: number;
      role: string;
      person: string | null;
      office_station: string | null;
      office_code: string | null;
      clearance_kind: DraftClearer['kind'] | null;
    }[],
  );
  const addressees = groupBy(
    prepared(
      db,
      `SELECT t.cable_id, a.id, s.plad, k.name AS collective, a.role, a.precedence, a.niact,
              (SELECT json_group_array(key) FROM (SELECT p.key FROM addressee_for f JOIN people p ON p.id = f.person_id
                 WHERE f.addressee_id = a.id ORDER BY p.key)) AS for_keys
         FROM transmissions t
         JOIN addressees a ON a.transmission_id = t.id
         LEFT JOIN stations s ON s.id = a.station_id
         LEFT JOIN collectives k ON k.id = a.collective_id
        WHERE ${where('t.cable_id')} AND t.kind = 'ORIGINAL' ORDER BY t.cable_id, a.ordinal`,
    ).all(...params) as {
      cable_id: number;
      plad: string | null;
      collective: string | null;
      role: DraftAddressee['role'];
      precedence: DraftAddressee['precedence'];
      niact: number;
      for_keys: string;
    }[],
  );
  const eyesOnly = groupBy(
    prepared(
      db,
      `SELECT t.cable_id, p.key AS person, e.principals FROM transmissions t
         JOIN eyes_only e ON e.transmission_id = t.id LEFT JOIN people p ON p.id = e.person_id
        WHERE ${where('t.cable_id')} AND t.kind = 'ORIGINAL' ORDER BY t.cable_id, e.ordinal`,
    ).all(...params) as { cable_id: number; person: string | null; principals: number }[],
  );
  const passes = groupBy(
    prepared(
      db,
      `SELECT t.cable_id, b.plad AS by_plad, d.plad AS to_plad, x.precedence FROM transmissions t
         JOIN pass_instructions x ON x.transmission_id = t.id
         JOIN stations b ON b.id = x.by_station_id JOIN stations d ON d.id = x.to_station_id
        WHERE ${where('t.cable_id')} AND t.kind = 'ORIGINAL' ORDER BY t.cable_id, x.id`,
    ).all(...params) as {
      cable_id: number;
      by_plad: string;
      to_plad: string;
      precedence: DraftAddressee['precedence'] | null;
    }[],
  );
  const signatures = groupBy(
    prepared(
      db,
      `SELECT cable_id, role, signer, key_fingerprint, clearance_for, clearance_kind, signed_at, signature
         FROM cable_signatures WHERE ${where('cable_id')} ORDER BY cable_id, ordinal`,
    ).all(...params) as {
      cable_id: number;
      role: SignerRole;
      signer: string;
      key_fingerprint: string;
      clearance_for: string | null;
      clearance_kind: DraftClearer['kind'] | null;
      signed_at: string;
      signature: Buffer;
    }[],
  );

  return cables.map((c) => {
    const rolesOf = roles.get(c.id) ?? [];
    const draft: Draft = {
      profile: c.profile,
      originator: { plad: c.originator, ...(c.office ? { office: c.office } : {}) },
      series: c.series_indicator,
      classification: c.classification,
      classificationReason: c.classification_reason,
      captions: JSON.parse(c.captions) as Draft['captions'],
      dissem: JSON.parse(c.dissem) as Draft['dissem'],
      relTo: JSON.parse(c.rel_to) as string[],
      eyesOnly: (eyesOnly.get(c.id) ?? []).map((e): DraftEyesOnly =>
        e.principals === 1 ? { principals: true } : { person: e.person ?? '' },
      ),
      subject: c.subject,
      fileRef: c.file_ref,
      tags: JSON.parse(c.tags) as string[],
      classAuthority: c.class_authority ? (JSON.parse(c.class_authority) as Draft['classAuthority']) : null,
      legacyEo: c.legacy_eo ? (JSON.parse(c.legacy_eo) as Draft['legacyEo']) : null,
      ...cableLines(c.lines),
      summary: c.summary,
      references: (references.get(c.id) ?? []).map((r) => ({
        label: r.label,
        text: r.text,
        ...(r.target ? { cable: r.target } : {}),
      })),
      addressees: (addressees.get(c.id) ?? []).map((a) => ({
        ...(a.plad ? { plad: a.plad } : {}),
        ...(a.collective ? { collective: a.collective } : {}),
        role: a.role,
        precedence: a.precedence,
        niact: a.niact === 1,
        for: JSON.parse(a.for_keys) as string[],
      })),
      passes: (passes.get(c.id) ?? []).map((p) => ({
        by: p.by_plad,
        to: p.to_plad,
        ...(p.precedence ? { precedence: p.precedence } : {}),
      })),
      paragraphs: (paragraphs.get(c.id) ?? []).map((p) => ({
        n: p.number,
        portion: p.portion as Draft['paragraphs'][number]['portion'],
        fyi: p.fyi === 1,
        text: p.text,
      })),
      niactJustified: false,
      drafters: rolesOf.filter((r) => r.role === 'DRAFTED').map((r) => r.person ?? ''),
      clearers: rolesOf
        .filter((r) => r.role === 'CLEARED')
        .map((r) => ({
          ...(r.person ? { person: r.person } : {}),
          ...(r.office_station && r.office_code ? { office: { station: r.office_station, code: r.office_code } } : {}),
          kind: r.clearance_kind ?? 'CLEAR',
        })),
      approver: rolesOf.find((r) => r.role === 'APPROVED')?.person ?? null,
      signature: c.signature,
    };
    const release: ReleaseHeader = {
      ref: c.ref,
      dtg: c.dtg,
      mrn:
        c.mrn_station !== null && c.mrn_year !== null && c.mrn_serial !== null
          ? { station: c.mrn_station, year: c.mrn_year, serial: c.mrn_serial }
          : null,
      series:
        c.series_indicator !== null && c.series_number !== null
          ? { indicator: c.series_indicator, number: c.series_number }
          : null,
    };
    return {
      cableId: c.id,
      draft,
      release,
      signatures: (signatures.get(c.id) ?? []).map((s) => ({
        role: s.role,
        signer: s.signer,
        key: s.key_fingerprint,
        clearance: s.clearance_for && s.clearance_kind ? { for: s.clearance_for, kind: s.clearance_kind } : null,
        signedAt: s.signed_at,
        signature: new Uint8Array(s.signature),
      })),
    };
  });
}

/**
 * Writes a released cable's signature chain next to it, and records it in the audit trail
 * (SIGNATURE_CHAIN): from then on the cable must carry this chain (chainRecord.ts).
 */
export function insertCableSignatures(
  db: Db,
  cableId: number,
  signatures: ReadonlyArray<StoredSignature>,
  actor: AuditActor = { userId: null, login: null },
): void {
  const insert = prepared(
    db,
    `INSERT INTO cable_signatures (cable_id, ordinal, role, signer, key_fingerprint, clearance_for, clearance_kind, signed_at, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  signatures.forEach((s, i) =>
    insert.run(
      cableId,
      i,
      s.role,
      s.signer,
      s.key,
      s.clearance?.for ?? null,
      s.clearance?.kind ?? null,
      s.signedAt,
      Buffer.from(s.signature),
    ),
  );
  recordSignatureChain(db, cableId, actor);
}

/** The FOR/FROM line and DESIRED DISTRIBUTION stored in `cables.lines` (migration 0014; issue 16). */
export function cableLines(json: string | null): Pick<Draft, 'forLine' | 'desiredDistribution'> {
  if (json === null) return {};
  const v = JSON.parse(json) as { forLine?: string; desiredDistribution?: string };
  return {
    ...(v.forLine ? { forLine: v.forLine } : {}),
    ...(v.desiredDistribution ? { desiredDistribution: v.desiredDistribution } : {}),
  };
}
