import { formatAdsCable, type CableLines } from './adsText';
import type { AddresseeView, CableView } from './cable';
import { displayText } from './displayText';
import { portionLabel } from './markings';
import { precedenceWords } from './precedence';

/**
 * A cable as plain teletype-style text: banner, captions, header, text, signature, drafting
 * block, banner again (rule 3: the marking at top and bottom). Used by the CLI's `show`. An ADS
 * cable prints as the 1973–79 printouts do (adsText.ts, issue 16); the other profiles as before,
 * with the E.O. line where the cable has one.
 */
export function formatCableText(c: CableView & CableLines): string {
  if (c.profile === 'ADS_1973_79') return displayText(formatAdsCable(c));
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
  return displayText(lines.join('\n'));
}
