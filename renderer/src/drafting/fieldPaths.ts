import type { Draft, RuleFinding } from '../../../electron/domain/draft';
import { isAbovePortions } from './draftEdits';

/**
 * Where each rule finding is shown in the composer (DOMAIN.md §8b). The rule checker names the
 * offending field as a path into the draft ("paragraphs[1].portion", "addressees[0].niact",
 * "classAuthority.reasons[2]"); the composer registers an anchor for every control it renders,
 * and a finding goes to the most specific anchor its path reaches by dropping trailing segments
 * ("addressees[0].for[1]" → "addressees[0].for"). A path that reaches no anchor ("(draft)", a
 * field this profile does not show) goes to the summary at the top. Pure: no DOM, no React.
 */

type Segment = string | number;

/** "paragraphs[1].portion" and "paragraphs.1.portion" (zod's form) both → ["paragraphs", 1, "portion"]. */
export function parseFieldPath(path: string): ReadonlyArray<Segment> {
  const segments: Segment[] = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [path];
    const [, name, indexes] = match;
    if (name) segments.push(/^\d+$/.test(name) ? Number(name) : name);
    for (const m of (indexes ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(m[1]));
  }
  return segments;
}

/** The canonical spelling of a path: names joined by ".", indexes in brackets. */
export function formatFieldPath(segments: ReadonlyArray<Segment>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/** The DOM id of the control (or group) at an anchor, e.g. "draft-paragraphs-1-portion". */
export function fieldDomId(anchor: string): string {
  return `draft-${anchor.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

/** Which optional blocks the composer shows for a draft: by profile, and whenever they hold something. */
export function shows(draft: Draft): Readonly<{
  classificationReason: boolean;
  relTo: boolean;
  fileRef: boolean;
  tags: boolean;
  classAuthority: boolean;
  legacyEo: boolean;
  /** The FOR/FROM line and DESIRED DISTRIBUTION of a 1970s telegram (issue 16). */
  adsLines: boolean;
}> {
  return {
    // Rule 1: a reason is asked for once the overall marking is above every portion.
    classificationReason: isAbovePortions(draft) || draft.classificationReason !== null,
    relTo: draft.dissem.includes('REL_TO') || draft.relTo.length > 0,
    // Rule 21: a file reference in the 1960s, TAGS from ADS on.
    fileRef: draft.profile === 'FRUS_1960S' || draft.fileRef !== null,
    tags: draft.profile !== 'FRUS_1960S' || draft.tags.length > 0,
    // Rule 5: the authority block in CABLEGATE/MODERN, the E.O. line in ADS, neither in the 1960s.
    classAuthority: draft.profile === 'MODERN' || draft.profile === 'CABLEGATE_2000S' || draft.classAuthority !== null,
    legacyEo: draft.profile === 'ADS_1973_79' || draft.legacyEo !== null,
    adsLines: draft.profile === 'ADS_1973_79' || Boolean(draft.forLine) || Boolean(draft.desiredDistribution),
  };
}

const ALWAYS = [
  'profile',
  'originator',
  'originator.office',
  'series',
  'classification',
  'captions',
  'eyesOnly',
  'dissem',
  'subject',
  'summary',
  'references',
  'addressees',
  'passes',
  'paragraphs',
  'niactJustified',
  'drafters',
  'clearers',
  'approver',
  'signature',
  'practiceDate',
] as const;

/** Every anchor the composer renders for this draft. */
export function renderedAnchors(draft: Draft): ReadonlySet<string> {
  const anchors = new Set<string>(ALWAYS);
  const shown = shows(draft);
  if (shown.classificationReason) anchors.add('classificationReason');
  if (shown.relTo) anchors.add('relTo');
  if (shown.fileRef) anchors.add('fileRef');
  if (shown.tags) anchors.add('tags');
  if (shown.adsLines) {
    anchors.add('forLine');
    anchors.add('desiredDistribution');
  }
  if (shown.classAuthority) {
    anchors.add('classAuthority');
    if (draft.classAuthority !== null) {
      for (const f of ['classifiedBy', 'position', 'reasons', 'declassifyOn']) anchors.add(`classAuthority.${f}`);
    }
  }
  if (shown.legacyEo) {
    anchors.add('legacyEo');
    if (draft.legacyEo !== null) for (const f of ['order', 'code']) anchors.add(`legacyEo.${f}`);
  }
  const each = (list: string, length: number, fields: ReadonlyArray<string>) => {
    for (let i = 0; i < length; i++) {
      anchors.add(`${list}[${i}]`);
      for (const f of fields) anchors.add(`${list}[${i}].${f}`);
    }
  };
  each('references', draft.references.length, ['label', 'text', 'cable']);
  each('addressees', draft.addressees.length, ['role', 'precedence', 'niact', 'for']);
  each('passes', draft.passes.length, ['by', 'to', 'precedence']);
  each('paragraphs', draft.paragraphs.length, ['n', 'portion', 'fyi', 'text']);
  each('clearers', draft.clearers.length, ['kind']);
  return anchors;
}

/** The anchor a finding belongs to, or null when none of its path is shown. */
export function anchorOf(field: string, anchors: ReadonlySet<string>): string | null {
  const segments = parseFieldPath(field);
  for (let n = segments.length; n > 0; n--) {
    const candidate = formatFieldPath(segments.slice(0, n));
    if (anchors.has(candidate)) return candidate;
  }
  return null;
}

export type PlacedFindings = Readonly<{
  byAnchor: ReadonlyMap<string, ReadonlyArray<RuleFinding>>;
  /** Findings whose path reaches no control: listed in full at the top. */
  unplaced: ReadonlyArray<RuleFinding>;
  /** Every finding with where it is shown (null: at the top), errors first, in rule order. */
  all: ReadonlyArray<Readonly<{ finding: RuleFinding; anchor: string | null }>>;
  errors: number;
  warnings: number;
}>;

export function placeFindings(findings: ReadonlyArray<RuleFinding>, draft: Draft): PlacedFindings {
  const anchors = renderedAnchors(draft);
  const byAnchor = new Map<string, RuleFinding[]>();
  const unplaced: RuleFinding[] = [];
  const all: Array<{ finding: RuleFinding; anchor: string | null }> = [];
  const sorted = [...findings].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || a.rule - b.rule,
  );
  for (const finding of sorted) {
    const anchor = anchorOf(finding.field, anchors);
    all.push({ finding, anchor });
    if (anchor === null) unplaced.push(finding);
    else byAnchor.set(anchor, [...(byAnchor.get(anchor) ?? []), finding]);
  }
  return {
    byAnchor,
    unplaced,
    all,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  profile: 'Profile',
  originator: 'Originator',
  series: 'Series',
  classification: 'Classification',
  classificationReason: 'Reason for the classification',
  captions: 'Captions',
  eyesOnly: 'Eyes Only',
  dissem: 'Dissemination controls',
  relTo: 'REL TO',
  subject: 'Subject',
  fileRef: 'File reference',
  tags: 'TAGS',
  classAuthority: 'Classification authority',
  legacyEo: 'E.O. line',
  practiceDate: 'Practice date',
  forLine: 'FOR/FROM line',
  desiredDistribution: 'Desired distribution',
  summary: 'Summary',
  references: 'References',
  addressees: 'Addressees',
  passes: 'Pass instructions',
  paragraphs: 'Paragraphs',
  niactJustified: 'NIACT justification',
  drafters: 'Drafters',
  clearers: 'Clearances',
  approver: 'Approver',
  signature: 'Signature',
  office: 'office',
  classifiedBy: 'classified by',
  position: 'position',
  reasons: 'reasons',
  declassifyOn: 'declassify on',
  order: 'order',
  code: 'code',
  label: 'label',
  text: 'text',
  cable: 'archived cable',
  role: 'role',
  precedence: 'precedence',
  niact: 'NIACT',
  for: '"for" persons',
  by: 'by',
  to: 'to',
  n: 'number',
  portion: 'portion mark',
  fyi: 'FYI',
  kind: 'kind',
};

const ITEM_WORDS: Readonly<Record<string, string>> = {
  references: 'Reference',
  addressees: 'Addressee',
  passes: 'Pass instruction',
  paragraphs: 'Paragraph',
  clearers: 'Clearance',
  eyesOnly: 'Eyes Only entry',
  drafters: 'Drafter',
  tags: 'TAG',
  captions: 'Caption',
  relTo: 'REL TO country',
};

/** "Paragraph 2 · portion mark", "Classification", "Addressee 1 · NIACT": what a summary link says. */
export function fieldWords(path: string): string {
  const segments = parseFieldPath(path);
  const words: string[] = [];
  let list: string | null = null;
  for (const s of segments) {
    if (typeof s === 'number') {
      words[words.length - 1] = `${ITEM_WORDS[list ?? ''] ?? words[words.length - 1] ?? 'Item'} ${s + 1}`;
    } else {
      words.push(FIELD_WORDS[s] ?? s);
      list = s;
    }
  }
  return words.join(' · ') || path;
}
