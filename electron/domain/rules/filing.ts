import type { Draft, RuleFinding } from '../draft';
import { isSubjectTag, tagKind, tagListsFor } from '../tags';
import { NAME_TAKING_TAGS_1974 } from '../tags1974';
import { ALL_ERAS, eraWords, reporter, type DraftRule } from './rule';

/**
 * 1960s file references (FRUS 1961–63 "List of Sources"; DOMAIN.md §0):
 * - decimal file, to February 1963: a three-digit class with an optional decimal subdivision, and
 *   optionally "/" and the document date written month-daymonth-year without leading zeros:
 *   "611.3722/10-2462" (24 October 1962), "740.5/10-2862", "711.5611/9-562";
 * - subject-numeric file, from February 1963: a primary subject of one to four letters, a number
 *   with optional "-" subdivisions, and optionally a country or topic, case as printed:
 *   "POL 15-5 CYP", "POL 15-5 Cyp", "DEF 12-5 FR", "POL 1 GER W".
 * The patterns check the form only, not that the file existed.
 */
export const DECIMAL_FILE = /^\d{3}(\.\d+)?(\/(1[0-2]|[1-9])-([1-9]|[12]\d|3[01])\d{2})?$/;
export const SUBJECT_NUMERIC_FILE = /^[A-Z]{1,4} \d+(-\d+)*( [A-Z]+([ /-][A-Z]+)*)?$/i;

export function isFileRef(s: string): boolean {
  const v = s.trim();
  return DECIMAL_FILE.test(v) || SUBJECT_NUMERIC_FILE.test(v);
}

/**
 * Rule 21: TAGS from 1 March 1973, a file reference before (NARA CFPF FAQ §I.3; TAGS handbook 1974).
 * - FRUS_1960S: TAGS are an error; the decimal or subject-numeric file reference is required.
 * - ADS_1973_79: the 1974 TAGS handbook is the list (electron/domain/tags1974.ts): PFOR, SOPN,
 *   AORG, IAEA … are on it, PREL is not; personal names after a TAG as the handbook writes them.
 * - CABLEGATE_2000S, MODERN: the current training list (electron/domain/tags.ts).
 * - Every era with TAGS: at least one subject TAG (a subject, program or "SUBJ (NAME)" entry) —
 *   it caught a real cable whose TAGS line was "UR, US"; every entry on the era's list; each once. A leftover 1960s file reference is a warning: it is ignored, not wrong.
 */
function fileReference(d: Draft): RuleFinding[] {
  const { err } = reporter(21);
  const out: RuleFinding[] = [];
  if (d.tags.length > 0) {
    out.push(
      err(
        'tags',
        'TAGS began on 1 March 1973 with the automated system: a 1962 telegram carries a file reference instead ' +
          '(TAGS handbook 1974; NARA CFPF FAQ §I.3).',
      ),
    );
  }
  const ref = d.fileRef?.trim() ?? '';
  if (ref === '') {
    out.push(
      err(
        'fileRef',
        'Give the file the telegram goes to: a decimal file such as 611.3722/10-2462 or, from February 1963, a ' +
          'subject-numeric file such as POL 15-5 CYP (FRUS 1961–63 sources; DOMAIN.md §0).',
      ),
    );
  } else if (!isFileRef(ref)) {
    out.push(
      err(
        'fileRef',
        `"${ref}" is neither a decimal file (611.3722/10-2462: class, subdivision, "/" month-day-year) nor a ` +
          'subject-numeric file (POL 15-5 CYP: subject, number, country) (FRUS 1961–63 sources).',
      ),
    );
  }
  return out;
}

/** Three subject TAGS of the era to suggest: PFOR was the 1974 word for what PREL is now. */
const suggestion = (d: Draft): string => (d.profile === 'ADS_1973_79' ? 'PFOR, PGOV, MARR' : 'PREL, PGOV, MARR');

function tagsLine(d: Draft): RuleFinding[] {
  const { err, warn } = reporter(21);
  const lists = tagListsFor(d.profile);
  const out: RuleFinding[] = [];
  if (!d.tags.some((t) => isSubjectTag(t, lists))) {
    out.push(
      err(
        'tags',
        `At least one subject TAG must be used on each message (e.g. ${suggestion(d)}): TAGS drive distribution, ` +
          `retrieval and how long the record is kept; geographic TAGS alone ("UR, US") are not enough ` +
          `(${lists.source}; NARA CFPF FAQ §I.3–6).`,
      ),
    );
  }
  d.tags.forEach((t, i) => {
    if (tagKind(t, lists) === null) {
      out.push(
        err(
          `tags[${i}]`,
          `"${t}" is not on the TAGS list of ${eraWords(d.profile)}: use subject TAGS (${suggestion(d)}…), ` +
            'program K-tags, two-letter geographic codes (UR, FR…), organization TAGS (NATO, IAEA…) or a name in ' +
            `parentheses, surname first, "(RUSK, DEAN)" (${lists.source}).`,
        ),
      );
    } else if (d.tags.indexOf(t) < i) {
      out.push(err(`tags[${i}]`, `${t} is listed twice on the TAGS line: give each TAG once (TAGS handbook 1974 §4).`));
    }
  });
  out.push(...namesWithoutNameTag(d));
  if (d.fileRef?.trim()) {
    out.push(
      warn(
        'fileRef',
        `${eraWords(d.profile)[0]!.toUpperCase()}${eraWords(d.profile).slice(1)} is filed by its TAGS: the decimal ` +
          'or subject-numeric file reference is a 1960s practice and is ignored (NARA CFPF FAQ §I.3).',
      ),
    );
  }
  return out;
}

/**
 * ADS: personal names go only with the subject TAGS whose definition carries an asterisk (OVIP,
 * CVIS, APER …; 1974 handbook, "Personal names"). A warning: the handbook asks for it, but the
 * name still files the cable.
 */
function namesWithoutNameTag(d: Draft): RuleFinding[] {
  if (d.profile !== 'ADS_1973_79') return [];
  const lists = tagListsFor(d.profile);
  const hasName = d.tags.some((t) => {
    const k = tagKind(t, lists);
    return k === 'PERSON' || k === 'SUBJECT_PERSON';
  });
  const nameTag = d.tags.some((t) => NAME_TAKING_TAGS_1974.has(t.slice(0, 4)));
  return hasName && !nameTag
    ? [
        reporter(21).warn(
          'tags',
          'A personal name on the TAGS line goes with a subject TAG that takes names, such as OVIP, OTRA, CVIS or ' +
            'APER (TAGS handbook 1974, "Personal names").',
        ),
      ]
    : [];
}

export const tagsByEra: DraftRule = {
  rule: 21,
  title: 'TAGS or file reference by era',
  eras: ALL_ERAS,
  source: 'TAGS handbook 1974 (ADS); 5 FAH-3 H-011 (2000s, current); NARA CFPF FAQ §I.3',
  check: (d) => (d.profile === 'FRUS_1960S' ? fileReference(d) : tagsLine(d)),
};
