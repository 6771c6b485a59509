import type { EraProfile } from '../../../electron/domain/cable';
import type { Caption } from '../../../electron/domain/captions';
import { classificationRank, portionRank, type Classification } from '../../../electron/domain/classification';
import type {
  Draft,
  DraftAddressee,
  DraftClearer,
  DraftParagraph,
  DraftReference,
  DraftState,
} from '../../../electron/domain/draft';
import { bannerLine } from '../../../electron/domain/markings';
import type { ViewMarking } from '../common/viewMarking';

/**
 * The composer's edits as pure functions over the draft document (electron/domain/draft.ts).
 * They shape what was typed and nothing more: whether the result is a correct cable is the rule
 * checker's call (DOMAIN.md §8b), shown next to each field. The only check here is
 * `unsendable`: what the contract's schema would refuse outright, so autosave holds it back
 * with a plain explanation instead of sending it.
 */

export const PROFILE_WORDS: Readonly<Record<EraProfile, string>> = {
  FRUS_1960S: '1960s telegram (FRUS)',
  ADS_1973_79: '1973–79 ADS teletype',
  CABLEGATE_2000S: '2000s cable',
  MODERN: 'Modern SMART cable',
};

/** The profiles "New cable" offers, the 1960s first (the seed's era). */
export const NEW_CABLE_PROFILES: ReadonlyArray<EraProfile> = ['FRUS_1960S', 'ADS_1973_79', 'MODERN'];

export const STATE_WORDS: Readonly<Record<DraftState, string>> = {
  DRAFTING: 'Drafting',
  IN_CLEARANCE: 'In clearance',
  AWAITING_APPROVAL: 'Awaiting approval',
  RELEASED: 'Released',
  DISCARDED: 'Discarded',
};

/** The draft's own banner line (rule 25): its level and dissemination controls, in its colour. */
export function draftMarking(d: Pick<Draft, 'classification' | 'dissem' | 'relTo'>): ViewMarking {
  return { classification: d.classification, text: bannerLine(d.classification, d.dissem, d.relTo) };
}

/** True when the overall marking is above every portion mark: rule 1 then asks for a reason. */
export function isAbovePortions(d: Pick<Draft, 'classification' | 'paragraphs'>): boolean {
  const highest = Math.max(0, ...d.paragraphs.map((p) => portionRank(p.portion)));
  return classificationRank(d.classification) > highest;
}

/** The portion mark of the overall level, for new paragraphs and replies. */
export function portionFor(c: Classification): DraftParagraph['portion'] {
  switch (classificationRank(c)) {
    case 3:
      return 'TS';
    case 2:
      return 'S';
    case 1:
      return 'C';
    default:
      return 'U';
  }
}

export function moveItem<T>(list: ReadonlyArray<T>, from: number, to: number): ReadonlyArray<T> {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function replaceItem<T>(list: ReadonlyArray<T>, index: number, item: T): ReadonlyArray<T> {
  return list.map((x, i) => (i === index ? item : x));
}

export function removeItem<T>(list: ReadonlyArray<T>, index: number): ReadonlyArray<T> {
  return list.filter((_, i) => i !== index);
}

/** Turns a caption on (printed after those already chosen) or off. The order is the print order (rule 12). */
export function toggleCaption(d: Draft, caption: Caption, on: boolean): Draft {
  const rest = d.captions.filter((c) => c !== caption);
  return { ...d, captions: on ? [...rest, caption] : rest };
}

// ---- Paragraphs (5 FAH-1 H-246.2; rule 4) ----

const numberedInOrder = (ps: ReadonlyArray<DraftParagraph>) => ps.every((p, i) => p.n === i + 1);

/**
 * A new paragraph after the others, at the last one's portion mark. A second paragraph numbers
 * the first: with more than one, paragraphs are numbered 1..n (rule 4).
 */
export function addParagraph(d: Draft): Draft {
  const last = d.paragraphs.at(-1);
  const first = d.paragraphs[0];
  const paragraphs: DraftParagraph[] =
    d.paragraphs.length === 1 && first && first.n === null ? [{ ...first, n: 1 }] : [...d.paragraphs];
  paragraphs.push({
    n: d.paragraphs.length === 0 ? null : d.paragraphs.length + 1,
    portion: last?.portion ?? portionFor(d.classification),
    fyi: false,
    text: '',
  });
  return { ...d, paragraphs };
}

/** Moves a paragraph; paragraphs that were numbered 1..n in order stay so. */
export function moveParagraph(d: Draft, from: number, to: number): Draft {
  const moved = moveItem(d.paragraphs, from, to);
  return { ...d, paragraphs: numberedInOrder(d.paragraphs) ? renumbered(moved) : moved };
}

export function removeParagraph(d: Draft, index: number): Draft {
  const rest = removeItem(d.paragraphs, index);
  return { ...d, paragraphs: numberedInOrder(d.paragraphs) ? renumbered(rest) : rest };
}

/** Numbers 1..n, or none for a lone paragraph (rule 4). */
export function renumbered(ps: ReadonlyArray<DraftParagraph>): ReadonlyArray<DraftParagraph> {
  return ps.map((p, i) => ({ ...p, n: ps.length === 1 ? null : i + 1 }));
}

// ---- Addressees, references, clearances ----

export type AddresseeTarget = Readonly<{ plad: string }> | Readonly<{ collective: string }>;

/** The first addressee is for action; later ones for information until the drafter says otherwise. */
export function addAddressee(d: Draft, target: AddresseeTarget): Draft {
  const role: DraftAddressee['role'] = d.addressees.some((a) => a.role === 'ACTION') ? 'INFO' : 'ACTION';
  const addressee: DraftAddressee =
    'plad' in target
      ? { plad: target.plad, role, precedence: 'ROUTINE', niact: false, for: [] }
      : { collective: target.collective, role, precedence: 'ROUTINE', niact: false, for: [] };
  return { ...d, addressees: [...d.addressees, addressee] };
}

export function addresseeName(a: DraftAddressee): string {
  return a.plad ?? a.collective ?? '';
}

/** "A", "B", …: the first letter no reference uses yet. */
export function nextReferenceLabel(refs: ReadonlyArray<DraftReference>): string {
  for (let i = 0; i < 26; i++) {
    const label = String.fromCharCode(65 + i);
    if (!refs.some((r) => r.label === label)) return label;
  }
  return '';
}

export function withReferenceCable(ref: DraftReference, cable: string): DraftReference {
  const trimmed = cable.trim();
  return trimmed === '' ? { label: ref.label, text: ref.text } : { label: ref.label, text: ref.text, cable: trimmed };
}

export function clearerKey(c: DraftClearer): string {
  return c.person ? `person:${c.person}` : `office:${c.office?.station ?? ''}/${c.office?.code ?? ''}`;
}

/** "PARIS, GBR FRA" → ["PARIS", "GBR", "FRA"]: upper-case words split on commas and spaces. */
export function parseWordList(text: string): ReadonlyArray<string> {
  return text
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter((w) => w.length > 0);
}

/** Empty text is "none" for the nullable text fields (file reference, summary, signature, reason). */
export function nullable(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/**
 * What the contract's schema (electron/contract/draft.ts) would refuse outright, in words: such a
 * draft is not sent, so autosave says why instead of failing with BAD_REQUEST. Length limits of
 * free text are enforced by the inputs themselves (maxLength).
 */
export function unsendable(d: Draft): string | null {
  if (d.series !== null && !/^[A-Z]{2,8}$/.test(d.series)) {
    return 'The series is 2–8 capital letters, e.g. POLTO.';
  }
  const badCountry = d.relTo.find((c) => c.length > 8);
  if (badCountry !== undefined) return `REL TO takes country codes such as GBR; “${badCountry}” is too long.`;
  const badLabel = d.references.find((r) => r.label.length > 4);
  if (badLabel) return `A reference label is at most 4 characters (“${badLabel.label}”).`;
  const badNumber = d.paragraphs.find((p) => p.n !== null && (!Number.isInteger(p.n) || p.n < 1 || p.n > 999));
  if (badNumber) return 'A paragraph number is a whole number from 1 to 999, or empty for none.';
  if (d.drafters.length === 0) return 'Name at least one drafter: the first one signs.';
  const badTag = d.tags.find((t) => t.length > 60);
  if (badTag !== undefined) return 'A TAG is at most 60 characters.';
  const badReason = d.classAuthority?.reasons.find((r) => r.length > 12);
  if (badReason !== undefined) return `A classification reason is written like 1.4(b); “${badReason}” is too long.`;
  return null;
}
