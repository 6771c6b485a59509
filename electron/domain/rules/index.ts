import type { Draft, RuleContext, RuleFinding } from '../draft';
import { actionAddressee, exemptionsFromCollectives, passViaAddressee } from './addressees';
import { classificationAuthority } from './authority';
import { agrementControlled, captionOrder, eyesOnlyNamed, militaryMapping } from './captions';
import { overallDominatesPortions, validLevelWords } from './classification';
import { completeness } from './completeness';
import { noWriteDownFromReferences, nofornAndRelTo } from './dissemination';
import { tagsByEra } from './filing';
import { paragraphNumbering, summaryRequired } from './paragraphs';
import { niactJustification, precedenceVocabulary, transmissionPrecedence } from './precedence';
import { eraShortWords, type DraftRule } from './rule';

/**
 * The drafting rule checker (DOMAIN.md §8(b); docs/RULES.md): every rule of §8(b) that concerns a
 * draft, as a pure function with its number, eras and source. Rules 3, 8, 15, 16, 18, 22–25 are
 * enforced elsewhere (rendering, access decision, workflow, release) and have no entry here.
 * Rule 0 is not in §8(b): it reports a draft too incomplete to judge.
 */
export type { DraftRule } from './rule';
export { ALL_ERAS, MODERN_ERAS, TAGS_ERAS, eraScopeWords, eraShortWords } from './rule';
export { LINE_WIDTH, LINES_PER_PAGE, SUMMARY_AFTER_PAGES, renderedLines, renderedPages, wrapText } from './paragraphs';
export { DECIMAL_FILE, SUBJECT_NUMERIC_FILE, isFileRef } from './filing';
export { FOREIGN_STATION_KIND } from './dissemination';
export { NIACT_JUSTIFICATION_ERAS } from './precedence';
export { MILITARY_STATION_KIND } from './captions';

/** In §8(b) order. */
export const DRAFT_RULES: ReadonlyArray<DraftRule> = [
  completeness,
  overallDominatesPortions,
  validLevelWords,
  paragraphNumbering,
  classificationAuthority,
  precedenceVocabulary,
  niactJustification,
  transmissionPrecedence,
  actionAddressee,
  exemptionsFromCollectives,
  captionOrder,
  agrementControlled,
  eyesOnlyNamed,
  passViaAddressee,
  noWriteDownFromReferences,
  nofornAndRelTo,
  tagsByEra,
  summaryRequired,
  militaryMapping,
];

/** §8(b) rules that are not drafting rules, and where each is enforced (docs/RULES.md). */
export const ENFORCED_ELSEWHERE: Readonly<Record<number, string>> = {
  3: 'rendering: classification at top and bottom of every page and section',
  8: 'inbox and handling service: FLASH/NIACT acknowledgement',
  15: 'access decision: NODIS to named persons only',
  16: 'routing service: repeats and passes inherit and need approval',
  18: 'access decision: no read-up, categories, need-to-know',
  22: 'release: DTG and MRN assigned, serials unique per station and year',
  23: 'drafts service: clearance before release; an edit voids signatures',
  24: 'canonical encoding and signatures: label bound to content',
  25: 'renderer: banners, colours, cover sheets',
};

const severityOrder = (f: RuleFinding): number => (f.severity === 'error' ? 0 : 1);

/** Every finding of the draft's era rules: errors first, then by rule number, else in check order. */
export function checkDraft(d: Draft, ctx: RuleContext): RuleFinding[] {
  return DRAFT_RULES.filter((r) => r.eras.includes(d.profile))
    .flatMap((r) => r.check(d, ctx).map((f) => ({ ...f, message: `${f.message} [${eraShortWords(d.profile)}]` })))
    .map((finding, i) => ({ finding, i }))
    .sort((a, b) => severityOrder(a.finding) - severityOrder(b.finding) || a.finding.rule - b.finding.rule || a.i - b.i)
    .map(({ finding }) => finding);
}

export function hasErrors(findings: ReadonlyArray<RuleFinding>): boolean {
  return findings.some((f) => f.severity === 'error');
}
