import type { ChainView } from '../../domain/chain';
import type { AccessObject } from '../../domain/access';
import type { AddresseeView, CableView, RepeatView } from '../../domain/cable';
import type { EyesOnlyEntry } from '../../domain/captions';
import type { CableLines } from '../../domain/adsText';
import type { Publication } from '../../domain/render';
import { bannerLine, captionLines } from '../../domain/markings';
import { cableLines } from '../signing/signedCable';
import type { AddresseeRecord, CableRecord, TransmissionRecord } from '../store/cableReader';

/** What the access decision needs to know about a cable (every route, with its handling). */
export function accessObjectOf(record: CableRecord): AccessObject {
  const { cable } = record;
  return {
    classification: cable.classification,
    captions: cable.captions,
    dissem: cable.dissem,
    relTo: cable.rel_to,
    categories: cable.categories,
    deliveries: record.transmissions.flatMap((t) =>
      t.deliveries.map((d) => ({
        stationId: d.stationId,
        role: d.role,
        actionOfficeId: d.actionOfficeId,
        eyesOnly: t.eyesOnly,
        forPersonIds: t.addressees
          .filter((a) => a.stationId === d.stationId)
          .flatMap((a) => a.forPersons.map((p) => p.id)),
      })),
    ),
    origin: {
      stationId: cable.originator_station_id,
      personIds: record.drafting.flatMap((d) => (d.personId === null ? [] : [d.personId])),
      officeIds: record.drafting.flatMap((d) => (d.officeId === null ? [] : [d.officeId])),
    },
  };
}

function addresseeView(a: AddresseeRecord): AddresseeView {
  return {
    plad: a.plad,
    name: a.name,
    role: a.role,
    precedence: a.precedence,
    niact: a.niact,
    serial: a.serial,
    collective: a.isCollective ? a.plad : null,
    forPersons: a.forPersons.map((p) => p.citedAs),
  };
}

/** Names an Eyes Only list: named persons, or the principals of the posts the transmission reached. */
function eyesOnlyNames(entries: ReadonlyArray<EyesOnlyEntry>, t: TransmissionRecord): string[] {
  const names: string[] = [];
  for (const e of entries) {
    if (e.kind === 'PERSON') names.push(e.name);
    else for (const d of t.deliveries) if (d.principal) names.push(d.principal);
  }
  return [...new Set(names)];
}

/**
 * A person as the 1970s drafting block prints them: the initials of the given names, then the
 * surname, in capitals without spaces or stops — "Sidney Goldsmith" → SGOLDSMITH, "L. J. Reddy" →
 * LJREDDY (STATE 017976; issue 16).
 */
export function printedName(fullName: string, surname: string | null): string {
  const words = fullName.split(/\s+/).filter((w) => w !== '');
  const last = surname ?? words.at(-1) ?? '';
  const at = words.map((w) => w.toLowerCase()).lastIndexOf(last.split(/\s+/)[0]!.toLowerCase());
  const given = (at > 0 ? words.slice(0, at) : words.slice(0, -1)).filter((w) => /^[A-Za-z]/.test(w));
  return `${given.map((w) => w[0]).join('')}${last}`.toUpperCase().replace(/[^A-Z'-]/g, '');
}

/** Builds the read model of a cable the user has been allowed to see. */
export function cableView(record: CableRecord, chain: ChainView | null = null): CableView & CableLines & Publication {
  const { cable } = record;
  const original = record.transmissions.find((t) => t.kind === 'ORIGINAL');
  if (!original) throw new Error(`Cable ${cable.id} has no original transmission.`);
  const addressees = original.addressees.map(addresseeView);
  const repeats: RepeatView[] = record.transmissions
    .filter((t) => t.kind === 'REPEAT')
    .map((t) => ({
      dtg: t.dtg,
      by: t.senderPlad,
      addressees: t.addressees.map(addresseeView),
      eyesOnlyFor: eyesOnlyNames(t.eyesOnly, t),
      note: t.note,
    }));
  const names = (role: 'DRAFTED' | 'CLEARED' | 'APPROVED'): string[] =>
    record.drafting
      .filter((d) => d.role === role)
      .map((d) => (d.kind && d.kind !== 'CLEAR' ? `${d.name} (${d.kind})` : d.name));
  return {
    id: cable.id,
    ref: cable.ref,
    series: cable.series_indicator,
    serial: cable.series_number,
    mrn: cable.mrn_station === null ? null : `${cable.mrn_station} ${String(cable.mrn_serial).padStart(6, '0')}`,
    profile: cable.profile,
    dtg: cable.dtg,
    sentAt: cable.sent_at,
    classification: cable.classification,
    banner: bannerLine(cable.classification, cable.dissem, cable.rel_to),
    captions: captionLines(cable.captions),
    dissem: cable.dissem,
    relTo: cable.rel_to,
    precedence: original.precedence,
    niact: original.addressees.some((a) => a.niact),
    from: { plad: cable.originator_plad, name: cable.originator_name },
    action: addressees.filter((a) => a.role === 'ACTION'),
    info: addressees.filter((a) => a.role === 'INFO'),
    pass: original.passes.map((p) => ({
      by: p.byPlad,
      to: p.toPlad,
      byName: p.byName,
      toName: p.toName,
      status: p.status,
    })),
    repeats,
    eyesOnlyFor: eyesOnlyNames(original.eyesOnly, original),
    draftedBy: names('DRAFTED'),
    clearedBy: names('CLEARED'),
    approvedBy: names('APPROVED'),
    drafting: record.drafting.map((d) => ({
      role: d.role,
      office: d.officeCode ?? null,
      person: d.personId === null ? null : printedName(d.fullName ?? d.name, d.surname ?? null),
      kind: d.kind,
    })),
    signedBy: cable.signature,
    subject: cable.subject,
    fileRef: cable.file_ref,
    tags: cable.tags,
    references: record.references.map((r) => ({ ...r, target: null })), // cables.show adds the openable ones
    sourceNote: cable.source_note,
    paragraphs: record.paragraphs,
    classificationReason: cable.classification_reason,
    classAuthority: cable.class_authority,
    legacyEo: cable.legacy_eo,
    summary: cable.summary,
    chain,
    // "Declassified — published in FRUS …" of a FRUS-imported cable (issue 12 item 3).
    published:
      cable.frus_volume != null && cable.frus_doc != null ? { volume: cable.frus_volume, doc: cable.frus_doc } : null,
    // The FOR/FROM line and DESIRED DISTRIBUTION of a 1970s telegram (issue 16), when it has them.
    ...cableLines(cable.lines ?? null),
  };
}
