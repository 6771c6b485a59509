import { captionWords } from '../captions';
import { classificationWords } from '../classification';
import type { Draft, DraftParagraph, RuleFinding } from '../draft';
import { ALL_ERAS, MODERN_ERAS, eraWords, paragraphName, reporter, type DraftRule } from './rule';

/**
 * Rule 4: with more than one paragraph, number them 1..n in order without gaps; a lone paragraph
 * gets no number (5 FAH-1 H-246.2). DOMAIN.md says "modern profiles", but 1962 and 1970s telegrams
 * numbered their paragraphs the same way (TOPOL 578, STATE 017976), so the rule holds in every
 * era. Portion marks need no check here: the draft gives every paragraph one, and rule 1 compares
 * them with the classification line. An empty paragraph is a completeness finding (rule 0).
 */
function numbering(d: Draft): RuleFinding[] {
  const { err } = reporter(4);
  if (d.paragraphs.length === 1) {
    return d.paragraphs[0]!.n === null
      ? []
      : [
          err(
            'paragraphs[0].n',
            `The only paragraph is numbered ${d.paragraphs[0]!.n}: a cable with a single paragraph does not number ` +
              'it (5 FAH-1 H-246.2).',
          ),
        ];
  }
  return d.paragraphs.flatMap((p, i) =>
    p.n === i + 1
      ? []
      : [
          err(
            `paragraphs[${i}].n`,
            `${paragraphName(i)} is numbered ${p.n ?? '(none)'}: with more than one paragraph, number them 1 to ` +
              `${d.paragraphs.length} in order, without gaps, so that replies can cite them (5 FAH-1 H-246.2).`,
          ),
        ],
  );
}

export const paragraphNumbering: DraftRule = {
  rule: 4,
  title: 'Paragraph numbering',
  eras: ALL_ERAS,
  source: '5 FAH-1 H-246.2',
  check: numbering,
};

/**
 * Rule 26: the length of the rendered cable. Text is single-spaced Courier, 55 characters a line
 * (5 FAH-1 H-246). A page holds 60 lines: an 11-inch page at 6 lines an inch is 66 lines, less
 * the classification at top and bottom, the "PAGE 02 STATE 017976" line and margins. The count
 * covers the header as printed (classification, FM/TO/INFO, MRN, captions, pass lines, E.O.,
 * TAGS, SUBJECT, REF), the authority paragraph, the paragraphs with a blank line after each, and
 * the signature. The summary itself is not counted: whether one is needed depends on the rest.
 */
export const LINE_WIDTH = 55;
export const LINES_PER_PAGE = 60;
/** A telegram longer than this many pages needs a summary (5 FAH-1 H-246.1/.3). */
export const SUMMARY_AFTER_PAGES = 3;

/** Greedy word wrap at `width` characters; a word longer than a line is broken. */
export function wrapText(text: string, width: number = LINE_WIDTH): string[] {
  const lines: string[] = [];
  for (const source of text.split('\n')) {
    let line = '';
    for (const word of source.split(/\s+/).filter((w) => w !== '')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (candidate.length <= width) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      let rest = word;
      while (rest.length > width) {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

function paragraphText(p: DraftParagraph): string {
  const body = p.fyi ? `FYI. ${p.text} END FYI.` : p.text;
  return `${p.n === null ? '' : `${p.n}. `}(${p.portion}) ${body}`;
}

function headerText(d: Draft): string[] {
  const level = classificationWords(d.classification);
  return [
    level,
    `FM ${d.originator.plad}`,
    ...d.addressees.map((a) => `${a.role} ${a.plad ?? a.collective ?? ''} ${a.precedence}`),
    `${level} ${d.series ?? ''}`,
    ...d.captions.map(captionWords),
    ...d.passes.map((p) => `${p.by} PASS ${p.to}`),
    ...(d.legacyEo ? [`E.O. ${d.legacyEo.order}: ${d.legacyEo.code}`] : []),
    ...(d.tags.length > 0 ? [`TAGS: ${d.tags.join(', ')}`] : []),
    `SUBJECT: ${d.subject}`,
    ...d.references.map((r) => `REF: ${r.label}. ${r.text}`),
    '',
  ];
}

function authorityText(d: Draft): string[] {
  const a = d.classAuthority;
  if (!a) return [];
  return [
    `(U) Classified by ${a.classifiedBy}, ${a.position}. Reason ${a.reasons.join(', ')}. Declassify on ${a.declassifyOn}.`,
    '',
  ];
}

/** How many 55-character lines the cable takes when rendered, without its summary (rule 26). */
export function renderedLines(d: Draft): number {
  const blocks = [
    ...headerText(d),
    ...authorityText(d),
    ...d.paragraphs.flatMap((p) => [paragraphText(p), '']),
    ...(d.signature ? [d.signature] : []),
  ];
  return blocks.reduce((n, block) => n + wrapText(block).length, 0);
}

/** Pages of LINES_PER_PAGE lines the rendered cable fills (rule 26). */
export function renderedPages(d: Draft): number {
  return Math.ceil(renderedLines(d) / LINES_PER_PAGE);
}

/**
 * The summary is an error in CABLEGATE_2000S and MODERN, whose handbook (5 FAH-1 H-246, 2004 ed.)
 * requires it; a warning in FRUS_1960S and ADS, where it is good practice but not attested.
 */
function summaryForLongCables(d: Draft): RuleFinding[] {
  const lines = renderedLines(d);
  if (lines <= SUMMARY_AFTER_PAGES * LINES_PER_PAGE || d.summary?.trim()) return [];
  const { err, warn } = reporter(26);
  const what =
    `At ${LINE_WIDTH} characters a line this cable runs to ${lines} lines, about ${renderedPages(d)} pages of ` +
    `${LINES_PER_PAGE} lines: a telegram longer than three pages needs an unnumbered summary before paragraph 1, so ` +
    'that readers get the point at once (5 FAH-1 H-246.1, H-246.3).';
  return MODERN_ERAS.includes(d.profile)
    ? [err('summary', what)]
    : [warn('summary', `${what} The rule is from the 2004 handbook; in ${eraWords(d.profile)} it is good practice.`)];
}

export const summaryRequired: DraftRule = {
  rule: 26,
  title: 'Summary for long cables',
  eras: ALL_ERAS,
  source: '5 FAH-1 H-246.1, H-246.3',
  check: summaryForLongCables,
};
