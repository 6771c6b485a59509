import type { Draft, RuleFinding } from '../draft';
import { directoryFindings } from './directory';
import { ALL_ERAS, paragraphName, reporter, type DraftRule } from './rule';

/**
 * Rule 0 (not in §8(b)): the parts every draft needs before its content can be judged — a subject,
 * text in every paragraph, a drafter and an approver (DOMAIN.md §8a; 5 FAH-1 H-211 d), and every
 * station, office and person it names in the directory (directory.ts, issue 16). The drafts
 * service also reports a document that is not a well-formed draft as rule 0 ("Format").
 */
const { err } = reporter(0);

function subject(d: Draft): RuleFinding[] {
  if (d.subject.trim() !== '') return [];
  const why =
    d.profile === 'FRUS_1960S'
      ? 'It is the telegram’s title in your drafts and in the archive (1962 telegrams had no SUBJECT line; it became ' +
        'mandatory on 1 March 1973, TAGS handbook 1974).'
      : 'The subject line is mandatory on every telegram since 1 March 1973 (TAGS handbook 1974; DOMAIN.md §8a).';
  return [err('subject', `The cable has no subject. ${why}`)];
}

function paragraphs(d: Draft): RuleFinding[] {
  if (d.paragraphs.length === 0) {
    return [err('paragraphs', 'The cable has no text: write at least one paragraph (5 FAH-1 H-246).')];
  }
  return d.paragraphs.flatMap((p, i) =>
    p.text.trim() === ''
      ? [
          err(
            `paragraphs[${i}].text`,
            `${paragraphName(i)} is empty: write it or remove it, since an empty paragraph still takes a number ` +
              '(5 FAH-1 H-246.2).',
          ),
        ]
      : [],
  );
}

function drafting(d: Draft): RuleFinding[] {
  const out: RuleFinding[] = [];
  if (d.drafters.length === 0) {
    out.push(err('drafters', 'Name the drafter: the first drafter signs the draft (5 FAH-1 H-211; DRAFTED BY line).'));
  }
  if (!d.approver) {
    out.push(
      err(
        'approver',
        'Name the approving official: nothing is released without an APPROVED BY, who answers for precedence, ' +
          'classification and content (5 FAH-1 H-211 d; rule 23).',
      ),
    );
  }
  return out;
}

/** The days each era profile covers, for a practice date (issue 16). */
export const ERA_DATES: Readonly<Record<Draft['profile'], readonly [from: string, to: string]>> = {
  FRUS_1960S: ['1961-01-01', '1968-12-31'],
  // TAGS and the E.O. line began on 1 March 1973 (TAGS handbook 1974).
  ADS_1973_79: ['1973-03-01', '1979-12-31'],
  CABLEGATE_2000S: ['2000-01-01', '2010-12-31'],
  MODERN: ['2011-01-01', '2099-12-31'],
};

function practiceDate(d: Draft): RuleFinding[] {
  const v = d.practiceDate;
  if (v === null || v === undefined) return [];
  const at = new Date(`${v}T00:00:00Z`);
  const [from, to] = ERA_DATES[d.profile];
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== v) {
    return [err('practiceDate', `"${v}" is not a date: write the practice date as YYYY-MM-DD, e.g. 1977-11-09.`)];
  }
  if (v < from || v > to) {
    return [
      err(
        'practiceDate',
        `A practice date of ${v} is outside the era of the draft (${from} to ${to}): the DTG and MRN year would ` +
          'not be of its era.',
      ),
    ];
  }
  if (d.profile === 'ADS_1973_79' && d.legacyEo) {
    const order = v < '1978-12-01' ? '11652' : '12065';
    if (d.legacyEo.order !== order) {
      return [
        err(
          'legacyEo.order',
          `A cable dated ${v} cites E.O. ${order}: E.O. 12065 replaced E.O. 11652 on 1 December 1978 ` +
            '(STATE 296107; DOMAIN.md §1.5).',
        ),
      ];
    }
  }
  return [];
}

export const completeness: DraftRule = {
  rule: 0,
  title: 'A complete draft',
  eras: ALL_ERAS,
  source: 'DOMAIN.md §8a; 5 FAH-1 H-211; the directory',
  check: (d, ctx) => [
    ...subject(d),
    ...paragraphs(d),
    ...drafting(d),
    ...practiceDate(d),
    ...directoryFindings(d, ctx),
  ],
};
