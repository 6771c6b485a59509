import { captionWords, type Caption, type DissemControl } from './captions';
import { classificationWords, type Classification, type PortionMark } from './classification';

/**
 * The banner line (DOMAIN.md §4 banner syntax, rule 25): the classification words, then the
 * dissemination controls separated by "//" ("SECRET//NOFORN", "SECRET//REL TO USA, GBR").
 * Captions are not part of the banner: each is shown on a line of its own below it (rule 12).
 */
export function bannerLine(
  classification: Classification,
  dissem: ReadonlyArray<DissemControl> = [],
  relTo: ReadonlyArray<string> = [],
): string {
  const parts = [classificationWords(classification)];
  for (const d of dissem) {
    if (d === 'REL_TO') parts.push(`REL TO ${['USA', ...relTo.filter((c) => c !== 'USA')].join(', ')}`);
    else parts.push(d);
  }
  return parts.join('//');
}

/** Caption lines in stored order (rule 12 requires one per line). */
export function captionLines(captions: ReadonlyArray<Caption>): string[] {
  return captions.map(captionWords);
}

/** "(S)", "(SBU-N)" … as printed before a paragraph (5 FAH-1 H-246.2). */
export function portionLabel(p: PortionMark): string {
  return `(${p})`;
}
