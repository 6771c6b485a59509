import type { AddresseeView } from '../cable';
import { portionLabel } from '../markings';
import { precedenceWords } from '../precedence';
import { wrapText } from '../rules/paragraphs';
import { formatTagsLine } from '../tags';
import type { RenderableCable, RenderedCable } from './types';

/**
 * A MODERN cable as a SMART-era record prints (issue 16 item 1): the classification line in the
 * banner syntax with its dissemination controls ("SECRET//NOFORN", DOMAIN.md §4) at top and
 * bottom, then the record's labelled header — MRN in the year-prefixed style ("26 STATE 000123",
 * DOMAIN.md §1.10: "REF: 95 STATE 232445"), Date/DTG, From, Action, Info, "E.O.: 13526", TAGS,
 * Captions, Reference ("A) …", one a line), Subject —, the classification authority block
 * ("Classified By: <name>, <position>, Reason: 1.4(b), (d)", 32 CFR 2001.21; 5 FAH-1 H-246), the
 * summary, paragraphs with their portion marks (5 FAH-1 H-246.2), and the signature and drafting
 * lines as labelled fields. The labels follow the SMART printouts released under FOIA
 * [INFERENCE: no printout is in the team's references; DOMAIN.md §1.1 names SMART only].
 */

export const SMART_LINE_WIDTH = 78;
const LABEL = 14;

function field(label: string, value: string, width: number): string[] {
  const lines = wrapText(value, width - LABEL);
  return lines.map((l, i) => `${i === 0 ? `${label}:`.padEnd(LABEL) : ' '.repeat(LABEL)}${l}`.trimEnd());
}

/** "26 STATE 000123", "26 PARIS 4443": the MRN with the two-digit year in front. */
export function modernMrn(mrn: string | null, dtg: string): string | null {
  if (!mrn) return null;
  const year = /(\d{2})$/.exec(dtg)?.[1];
  const at = mrn.lastIndexOf(' ');
  const station = mrn.slice(0, at);
  const serial = Number(mrn.slice(at + 1));
  if (!Number.isInteger(serial)) return mrn;
  const number = station === 'STATE' ? String(serial).padStart(6, '0') : String(serial);
  return [year, station, number].filter(Boolean).join(' ');
}

/** "Dec 02, 2026 / 021200Z DEC 26". */
function dateDtg(sentAt: string, dtg: string): string {
  const at = new Date(sentAt);
  if (Number.isNaN(at.getTime())) return dtg;
  const date = new Intl.DateTimeFormat('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: '2-digit',
    year: 'numeric',
  }).format(at);
  return `${date} / ${dtg}`;
}

function addressee(a: AddresseeView): string {
  const words = [a.plad, precedenceWords(a.precedence, a.niact), a.serial ?? ''].filter(Boolean).join(' ');
  return a.forPersons.length > 0 ? `${words} FOR ${a.forPersons.join(', ').toUpperCase()} ONLY` : words;
}

/** "1.4(b), (d)": the reasons as the authority line writes them. */
export function reasonsLine(reasons: ReadonlyArray<string>): string {
  return reasons.map((r, i) => (i === 0 ? r : r.replace(/^1\.4/, ''))).join(', ');
}

export function renderSmart(c: RenderableCable): RenderedCable {
  const width = SMART_LINE_WIDTH;
  const out: string[] = [c.banner];
  const mrn = modernMrn(c.mrn ?? c.ref, c.dtg);
  out.push(
    ...field(
      'MRN',
      [mrn ?? c.ref, c.series && c.serial !== null ? `${c.series} ${c.serial}` : ''].filter(Boolean).join(' '),
      width,
    ),
  );
  out.push(...field('Date/DTG', dateDtg(c.sentAt, c.dtg), width));
  out.push(...field('From', c.from.plad, width));
  c.action.forEach((a, i) => out.push(...field(i === 0 ? 'Action' : '', addressee(a), width)));
  c.info.forEach((a, i) => out.push(...field(i === 0 ? 'Info' : '', addressee(a), width)));
  if (c.classification !== 'UNCLASSIFIED' || c.legacyEo) {
    out.push(...field('E.O.', c.legacyEo && c.legacyEo.order !== '13526' ? c.legacyEo.order : '13526', width));
  }
  if (c.tags.length > 0) out.push(...field('TAGS', formatTagsLine(c.tags), width));
  const captions = [...c.captions];
  if (c.eyesOnlyFor.length > 0) captions.push(`EYES ONLY FOR ${c.eyesOnlyFor.join(', ').toUpperCase()}`);
  if (captions.length > 0) out.push(...field('Captions', captions.join(', '), width));
  for (const p of c.pass) out.push(...field('Pass Line', `${(p.byName || p.by).toUpperCase()} PASS ${p.to}`, width));
  c.references.forEach((r, i) =>
    out.push(...field(i === 0 ? 'Reference' : '', `${r.label ? `${r.label}) ` : ''}${r.text}`, width)),
  );
  out.push(...field('Subject', c.subject, width), '');
  if (c.classAuthority) {
    const a = c.classAuthority;
    out.push(
      ...wrapText(
        `Classified By: ${a.classifiedBy}, ${a.position}, Reason: ${reasonsLine(a.reasons)}. Declassify On: ${a.declassifyOn}.`,
        width,
      ),
      '',
    );
  }
  if (c.summary) out.push(...wrapText(`SUMMARY: ${c.summary} END SUMMARY.`, width), '');
  for (const p of c.paragraphs) {
    const head = [p.n === null ? '' : `${p.n}.`, portionLabel(p.portion)].filter(Boolean).join(' ');
    const text = p.fyi && !/^FYI\b/.test(p.text) ? `FYI. ${p.text}` : p.text;
    out.push(...wrapText(`${head} ${text}`, width), '');
  }
  if (c.signedBy) out.push(...field('Signature', c.signedBy.toUpperCase(), width));
  if (c.draftedBy.length > 0) out.push(...field('Drafted By', c.draftedBy.join('; '), width));
  if (c.clearedBy.length > 0) out.push(...field('Cleared By', c.clearedBy.join('; '), width));
  if (c.approvedBy.length > 0) out.push(...field('Approved By', c.approvedBy.join('; '), width));
  for (const r of c.repeats) {
    out.push(...field('Repeated', `${r.dtg} BY ${r.by} TO ${r.addressees.map((a) => a.plad).join(', ')}`, width));
  }
  out.push(c.banner);
  return { form: 'SMART cable record', pages: [out] };
}
