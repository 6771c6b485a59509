import {
  CLASSIFICATIONS,
  classificationRank,
  classificationWords,
  type Classification,
} from '../../../electron/domain/classification';

/**
 * The overall marking of a view that shows several cables (DOMAIN.md rule 25: every view carries a
 * banner with its overall marking; §4: the banner is the highest classification shown, with the
 * dissemination controls of what is shown). Pure: no DOM, no React.
 */
export type ViewMarking = Readonly<{ classification: Classification; text: string }>;

/** Anything that carries a label: an inbox row, a search hit, a cable. */
export type Labelled = Readonly<{ classification: Classification; banner: string }>;

export const UNCLASSIFIED_MARKING: ViewMarking = Object.freeze({
  classification: 'UNCLASSIFIED',
  text: classificationWords('UNCLASSIFIED'),
});

/**
 * The higher of two levels. Among equal ranks an administrative control wins over plain
 * UNCLASSIFIED, because it is the more restrictive marking.
 */
export function higherMarking(a: Classification, b: Classification): Classification {
  const byRank = classificationRank(b) - classificationRank(a);
  if (byRank > 0) return b;
  if (byRank < 0) return a;
  return CLASSIFICATIONS.indexOf(b) > CLASSIFICATIONS.indexOf(a) ? b : a;
}

/** Dissemination controls in the order main's `bannerLine` writes them, so one label rolls up to itself. */
const CONTROL_ORDER = ['NOFORN', 'ORCON', 'REL TO', 'FOUO'] as const;
const REL_TO_PREFIX = 'REL TO ';

/**
 * Folds labels into one banner line: the highest level, the union of the dissemination controls,
 * and REL TO only while it still holds for everything shown. NOFORN anywhere removes REL TO (§4:
 * not releasable), a classified label without REL TO blocks it, and several REL TO lists keep
 * only the countries common to all of them.
 */
export class MarkingRollup {
  private level: Classification = 'UNCLASSIFIED';
  private readonly controls = new Set<string>();
  private readonly others: string[] = [];
  private relTo: string[] | null = null;
  private relToBlocked = false;
  private cached: ViewMarking | null = UNCLASSIFIED_MARKING;

  add(item: Labelled): void {
    this.level = higherMarking(this.level, item.classification);
    let rel: string[] | null = null;
    for (const part of item.banner.split('//').slice(1)) {
      const control = part.trim();
      if (control.startsWith(REL_TO_PREFIX)) {
        rel = control
          .slice(REL_TO_PREFIX.length)
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c.length > 0);
      } else if ((CONTROL_ORDER as ReadonlyArray<string>).includes(control)) {
        this.controls.add(control);
      } else if (control.length > 0 && !this.others.includes(control)) {
        this.others.push(control);
      }
    }
    if (rel !== null) this.relTo = this.relTo === null ? rel : this.relTo.filter((c) => rel.includes(c));
    else if (classificationRank(item.classification) > 0) this.relToBlocked = true;
    this.cached = null;
  }

  marking(): ViewMarking {
    if (this.cached) return this.cached;
    const parts: string[] = [classificationWords(this.level)];
    for (const control of CONTROL_ORDER) {
      if (control === 'REL TO') {
        if (this.relTo !== null && !this.relToBlocked && !this.controls.has('NOFORN')) {
          parts.push(`${REL_TO_PREFIX}${this.relTo.join(', ')}`);
        }
      } else if (this.controls.has(control)) {
        parts.push(control);
      }
    }
    parts.push(...this.others);
    this.cached = { classification: this.level, text: parts.join('//') };
    return this.cached;
  }
}

/** The overall marking of a list of labelled items (UNCLASSIFIED for none). */
export function overallMarking(items: Iterable<Labelled>): ViewMarking {
  const rollup = new MarkingRollup();
  for (const item of items) rollup.add(item);
  return rollup.marking();
}

/** A single label as a view marking. */
export function markingOf(item: Labelled): ViewMarking {
  return { classification: item.classification, text: item.banner };
}
