import type { AddresseeView } from '../cable';
import { portionLabel } from '../markings';
import { precedenceWords } from '../precedence';
import type { RenderableCable, RenderedCable } from './types';

/**
 * A CABLEGATE_2000S cable as plain teletype-style text: banner, captions, ACP-127 preamble, header,
 * text with portion marks, signature, drafting block, banner again (rule 3: the marking at top and
 * bottom). The form Cableroom printed for every profile before issue 16; kept for the 2000s
 * profile, whose cables carried portion marks and the E.O. 12958 line (DOMAIN.md §1.5).
 */
export function renderTeletype(c: RenderableCable): RenderedCable {
  const lines: string[] = [c.banner, ...c.captions];
  const addressee = (a: AddresseeView): string =>
    [
      a.plad,
      precedenceWords(a.precedence, a.niact),
      a.serial ?? '',
      a.forPersons.length ? `FOR ${a.forPersons.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  lines.push('', `${c.precedence === 'ROUTINE' ? 'R' : c.precedence[0]} ${c.dtg}`, `FM ${c.from.plad}`);
  c.action.forEach((a, i) => lines.push(`${i === 0 ? 'TO' : '  '} ${addressee(a)}`));
  c.info.forEach((a, i) => lines.push(`${i === 0 ? 'INFO' : '    '} ${addressee(a)}`));
  for (const p of c.pass) lines.push(`${p.byName.toUpperCase()} PASS ${p.toName.toUpperCase()}`);
  if (c.eyesOnlyFor.length) lines.push(`EYES ONLY FOR ${c.eyesOnlyFor.join(', ').toUpperCase()}`);
  lines.push(`${c.banner} ${c.ref}`);
  if (c.fileRef) lines.push(`FILE: ${c.fileRef}`);
  if (c.legacyEo) lines.push(`E.O. ${c.legacyEo.order}: ${c.legacyEo.code}`);
  if (c.tags.length) lines.push(`TAGS: ${c.tags.join(', ')}`);
  lines.push(`SUBJECT: ${c.subject}`);
  for (const r of c.references) lines.push(`REF: ${r.label} ${r.text}`);
  if (c.classAuthority) {
    const a = c.classAuthority;
    lines.push('', `CLASSIFIED BY: ${a.classifiedBy}, ${a.position}. REASON: ${a.reasons.join(', ')}`);
  }
  lines.push('');
  for (const p of c.paragraphs) {
    const head = [p.n === null ? '' : `${p.n}.`, portionLabel(p.portion)].filter(Boolean).join(' ');
    lines.push(`${head} ${p.text}`, '');
  }
  if (c.signedBy) lines.push(c.signedBy, '');
  if (c.draftedBy.length) lines.push(`DRAFTED BY: ${c.draftedBy.join(', ')}`);
  if (c.clearedBy.length) lines.push(`CLEARED BY: ${c.clearedBy.join(', ')}`);
  if (c.approvedBy.length) lines.push(`APPROVED BY: ${c.approvedBy.join(', ')}`);
  for (const r of c.repeats) {
    const to = r.addressees.map((a) => `${a.role === 'EXEMPT' ? 'XMT ' : ''}${a.plad}`).join(', ');
    lines.push(
      `REPEATED ${r.dtg} BY ${r.by} TO ${to}${r.eyesOnlyFor.length ? ` (EYES ONLY ${r.eyesOnlyFor.join(', ')})` : ''}`,
    );
  }
  if (c.sourceNote) lines.push('', c.sourceNote);
  lines.push('', c.banner);
  return { form: 'Teletype cable, 2000s', pages: [lines] };
}
