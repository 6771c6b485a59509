import type { EraProfile } from '../cable';
import { CHANNEL_CAPTIONS, captionWords, type Caption } from '../captions';
import { classificationRank, classificationWords, type PortionMark } from '../classification';
import type { Draft, RuleContext, RuleFinding, RuleSeverity } from '../draft';
import { precedenceRank } from '../precedence';
import { GEO_TAGS, SUBJECT_TAGS } from './tags';

/**
 * The drafting rule checker (DOMAIN.md §8(b); docs/RULES.md). Each rule is a pure function with
 * its §8(b) number, the era profiles it applies to, and messages that teach: what is wrong, why,
 * and the source. `field` is a path into the draft so the composer can show the message next to
 * the control. Rule 0 is not in §8(b): it reports a draft that is not complete enough to check.
 */
export type DraftRule = Readonly<{
  rule: number;
  title: string;
  eras: ReadonlyArray<EraProfile>;
  check(d: Draft, ctx: RuleContext): RuleFinding[];
}>;

const ALL: ReadonlyArray<EraProfile> = ['FRUS_1960S', 'ADS_1973_79', 'CABLEGATE_2000S', 'MODERN'];

const finding =
  (rule: number, severity: RuleSeverity = 'error') =>
  (field: string, message: string): RuleFinding => ({ rule, severity, field, message });

const portionToClass: Record<PortionMark, number> = { U: 0, SBU: 0, 'SBU-N': 0, C: 1, S: 2, TS: 3 };
const CLASS_NAMES = ['UNCLASSIFIED', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET'] as const;
const isClassified = (d: Draft): boolean => classificationRank(d.classification) > 0;

/** Rule 0: the parts every cable needs before its content can be judged. */
const completeness: DraftRule = {
  rule: 0,
  title: 'A complete draft',
  eras: ALL,
  check(d) {
    const f = finding(0);
    const out: RuleFinding[] = [];
    if (d.subject.trim() === '')
      out.push(f('subject', 'A cable needs a SUBJECT line (DOMAIN.md §8a: subject is required).'));
    if (d.paragraphs.length === 0) out.push(f('paragraphs', 'A cable needs at least one paragraph of text.'));
    d.paragraphs.forEach((p, i) => {
      if (p.text.trim() === '')
        out.push(f(`paragraphs[${i}].text`, `Paragraph ${i + 1} is empty: write it or remove it.`));
    });
    if (d.drafters.length === 0)
      out.push(f('drafters', 'Name the drafter: the first drafter signs the draft (5 FAH-1 H-211).'));
    if (!d.approver) {
      out.push(
        f(
          'approver',
          'Name the approving official: nothing is released without an approver (rule 23; 5 FAH-1 H-211 d).',
        ),
      );
    }
    return out;
  },
};

/** Rule 1: the overall marking is the highest portion mark (≥ only with a recorded reason). */
const overallDominatesPortions: DraftRule = {
  rule: 1,
  title: 'Overall classification ≥ every portion',
  eras: ALL,
  check(d) {
    const f = finding(1);
    const overall = classificationRank(d.classification);
    const out: RuleFinding[] = [];
    let highest = 0;
    d.paragraphs.forEach((p, i) => {
      const rank = portionToClass[p.portion];
      highest = Math.max(highest, rank);
      if (rank > overall) {
        out.push(
          f(
            `paragraphs[${i}].portion`,
            `Paragraph ${i + 1} is marked (${p.portion}) but the cable is ${classificationWords(d.classification)}: the ` +
              `overall classification must be at least the highest portion mark. Raise the classification or the paragraph ` +
              `is mismarked (32 CFR 2001.21; 5 FAH-1 H-132).`,
          ),
        );
      }
    });
    if (overall > highest && d.paragraphs.length > 0 && !d.classificationReason?.trim()) {
      out.push(
        f(
          'classification',
          `The cable is ${classificationWords(d.classification)} but no paragraph is above ${CLASS_NAMES[highest]}: ` +
            `overmarking hides what really needs protection. Lower the classification to the highest portion, or record why ` +
            `(e.g. the compilation is more sensitive than its parts) in the classification reason (32 CFR 2001.21).`,
        ),
      );
    }
    return out;
  },
};

/** Rule 2: only valid level words; LOU ended in 1995, SBU began in the 1990s. */
const validLevelWords: DraftRule = {
  rule: 2,
  title: 'Valid classification words for the era',
  eras: ALL,
  check(d) {
    const f = finding(2);
    if (d.classification === 'LOU' && (d.profile === 'MODERN' || d.profile === 'CABLEGATE_2000S')) {
      return [
        f(
          'classification',
          'LIMITED OFFICIAL USE ceased on 1 October 1995; a modern cable uses SBU (sent as UNCLASSIFIED with the caption ' +
            'SENSITIVE) instead (DOMAIN.md §1.3; STATE 018029).',
        ),
      ];
    }
    if ((d.classification === 'SBU' || d.classification === 'UNCLAS_EFTO') && d.profile === 'FRUS_1960S') {
      return [
        f(
          'classification',
          `${classificationWords(d.classification)} did not exist in 1962: a 1960s telegram is UNCLASSIFIED, LIMITED ` +
            'OFFICIAL USE, CONFIDENTIAL, SECRET or TOP SECRET (5 FAH-2 H-222; DOMAIN.md §1.3).',
        ),
      ];
    }
    return [];
  },
};

/** Rule 4: paragraphs numbered 1..n without gaps; a lone paragraph gets no number. */
const paragraphNumbering: DraftRule = {
  rule: 4,
  title: 'Paragraph numbering',
  eras: ALL,
  check(d) {
    const f = finding(4);
    if (d.paragraphs.length === 1) {
      return d.paragraphs[0]!.n === null
        ? []
        : [f('paragraphs[0].n', 'A cable with a single paragraph does not number it (5 FAH-1 H-246.2).')];
    }
    const out: RuleFinding[] = [];
    d.paragraphs.forEach((p, i) => {
      if (p.n !== i + 1) {
        out.push(
          f(
            `paragraphs[${i}].n`,
            `Paragraph ${i + 1} is numbered ${p.n ?? '(none)'}: with more than one paragraph, number them 1 to ` +
              `${d.paragraphs.length} in order, without gaps (5 FAH-1 H-246.2).`,
          ),
        );
      }
    });
    return out;
  },
};

const REASONS = /^1\.4\([a-h]\)$/;

/** Rule 5: classification authority block by era. */
const classificationAuthority: DraftRule = {
  rule: 5,
  title: 'Classification authority by era',
  eras: ALL,
  check(d) {
    const f = finding(5);
    const out: RuleFinding[] = [];
    if (d.profile === 'FRUS_1960S') {
      if (d.classAuthority)
        out.push(
          f(
            'classAuthority',
            'A 1962 telegram carries no classification authority block: it came with E.O. 12356 and later orders (DOMAIN.md §0, §1.5).',
          ),
        );
      if (d.legacyEo)
        out.push(
          f(
            'legacyEo',
            'A 1962 telegram carries no "E.O." line: the line began with E.O. 11652 in 1972 (DOMAIN.md §1.5).',
          ),
        );
      return out;
    }
    if (d.profile === 'ADS_1973_79') {
      if (d.classAuthority)
        out.push(
          f(
            'classAuthority',
            'ADS-era cables give the E.O. line ("E.O. 11652: GDS"), not a Classified By block (STATE 017976; DOMAIN.md §1.5).',
          ),
        );
      if (!d.legacyEo)
        out.push(
          f(
            'legacyEo',
            'An ADS-era cable carries an "E.O. 11652:" line after the captions, e.g. "E.O. 11652: GDS" or "N/A" (STATE 017976, STATE 041961).',
          ),
        );
      else if (d.legacyEo.code.trim() === '')
        out.push(f('legacyEo', 'Give the E.O. line its code, e.g. GDS, XGDS-3 or N/A (DOMAIN.md §1.5).'));
      return out;
    }
    if (d.legacyEo)
      out.push(
        f('legacyEo', 'Modern cables replace the E.O. line with the classification authority block (32 CFR 2001.21).'),
      );
    if (!isClassified(d)) return out;
    const a = d.classAuthority;
    if (!a) {
      out.push(
        f(
          'classAuthority',
          'A classified modern cable needs "Classified by: name, position; Reason: 1.4(x); Declassify on: …" (32 CFR 2001.21; 5 FAH-1 H-246).',
        ),
      );
      return out;
    }
    if (!a.classifiedBy.trim())
      out.push(f('classAuthority.classifiedBy', 'Name the original classifier (32 CFR 2001.21(a)(1)).'));
    if (!a.position.trim())
      out.push(f('classAuthority.position', "Give the classifier's position, e.g. Ambassador (32 CFR 2001.21(a)(1))."));
    if (a.reasons.length === 0 || a.reasons.some((r) => !REASONS.test(r))) {
      out.push(
        f(
          'classAuthority.reasons',
          'Reasons are E.O. 13526 §1.4 categories written 1.4(a) to 1.4(h); most cables cite 1.4(b) and/or (d) (DOMAIN.md §1.5).',
        ),
      );
    }
    if (!a.declassifyOn.trim())
      out.push(
        f(
          'classAuthority.declassifyOn',
          'Give a declassification date, event or 25X exemption (32 CFR 2001.21(a)(4)).',
        ),
      );
    return out;
  },
};

/** Rule 6: precedence vocabulary by era. */
const precedenceVocabulary: DraftRule = {
  rule: 6,
  title: 'Precedence words by era',
  eras: ['MODERN'],
  check(d) {
    const f = finding(6);
    return d.addressees.flatMap((a, i) =>
      a.precedence === 'PRIORITY'
        ? [
            f(
              `addressees[${i}].precedence`,
              'PRIORITY is no longer an authorized precedence: use FLASH, NIACT IMMEDIATE, IMMEDIATE or ROUTINE (5 FAH-2 H-421).',
            ),
          ]
        : [],
    );
  },
};

/** Rule 7: NIACT needs a justification in paragraph 1, and only action addressees get it. */
const niactJustification: DraftRule = {
  rule: 7,
  title: 'NIACT justification',
  eras: ALL,
  check(d) {
    const f = finding(7);
    const out: RuleFinding[] = [];
    d.addressees.forEach((a, i) => {
      if (a.niact && a.role !== 'ACTION') {
        out.push(
          f(
            `addressees[${i}].niact`,
            'Only an action addressee can be NIACT: the night-action alert goes to those who must act (5 FAH-2 H-421.2(a)).',
          ),
        );
      }
    });
    if (d.addressees.some((a) => a.niact) && (!d.niactJustified || (d.paragraphs[0]?.text.trim() ?? '') === '')) {
      out.push(
        f(
          'niactJustified',
          'A NIACT cable wakes people up: paragraph 1 must say why it cannot wait for business hours, and you confirm it here (5 FAH-2 H-421.2(b)).',
        ),
      );
    }
    return out;
  },
};

/** Rule 9: info precedence ≤ action precedence; FLASH with lower precedences goes separately. */
const transmissionPrecedence: DraftRule = {
  rule: 9,
  title: 'Precedence of action and info addressees',
  eras: ALL,
  check(d) {
    const f = finding(9);
    const actions = d.addressees.filter((a) => a.role === 'ACTION');
    if (actions.length === 0) return [];
    // precedenceRank: ROUTINE 0 … FLASH 3. An info addressee may not outrank every action addressee.
    const highestAction = Math.max(...actions.map((a) => precedenceRank(a.precedence)));
    const out: RuleFinding[] = [];
    d.addressees.forEach((a, i) => {
      if (a.role === 'INFO' && precedenceRank(a.precedence) > highestAction) {
        out.push(
          f(
            `addressees[${i}].precedence`,
            `An info addressee (${a.precedence}) cannot outrank the action addressees: info precedence ≤ action precedence (5 FAH-2 H-321.2; ACP 127 §152).`,
          ),
        );
      }
    });
    const flash = d.addressees.some((a) => a.precedence === 'FLASH' && a.role !== 'EXEMPT');
    const lower = d.addressees.some((a) => a.precedence !== 'FLASH' && a.role !== 'EXEMPT');
    if (flash && lower) {
      out.push(
        finding(9, 'warning')(
          'addressees',
          'FLASH together with lower precedences goes as separate transmissions: the FLASH addressees get theirs first (5 FAH-2 H-321.2-1).',
        ),
      );
    }
    return out;
  },
};

/** Rule 10: at least one action addressee; action before info. */
const actionAddressee: DraftRule = {
  rule: 10,
  title: 'An action addressee, listed first',
  eras: ALL,
  check(d) {
    const f = finding(10);
    if (!d.addressees.some((a) => a.role === 'ACTION')) {
      return [
        f(
          'addressees',
          'A cable needs at least one ACTION addressee: someone must act on it (5 FAH-2 H-233; ACP 127 FL7).',
        ),
      ];
    }
    const firstInfo = d.addressees.findIndex((a) => a.role === 'INFO');
    const lastAction = d.addressees.map((a) => a.role).lastIndexOf('ACTION');
    return firstInfo >= 0 && firstInfo < lastAction
      ? [
          f(
            `addressees[${firstInfo}].role`,
            'List the action addressees before the info addressees (5 FAH-2 H-233; ACP 127 FL7/FL8).',
          ),
        ]
      : [];
  },
};

/** Rule 11: exemptions only with a collective they belong to. */
const exemptions: DraftRule = {
  rule: 11,
  title: 'Exemptions only from a collective',
  eras: ALL,
  check(d, ctx) {
    const f = finding(11);
    const collectives = d.addressees.flatMap((a) => (a.collective ? [a.collective] : []));
    return d.addressees.flatMap((a, i) => {
      if (a.role !== 'EXEMPT') return [];
      if (!a.plad)
        return [f(`addressees[${i}]`, 'An exemption names a station, not a collective (ACP 127 Annex B FL9).')];
      if (collectives.length === 0) {
        return [
          f(
            `addressees[${i}].role`,
            `${a.plad} is exempted, but the cable is addressed to no collective: XMT only removes a member of a collective addressee (ACP 127 Annex B FL9).`,
          ),
        ];
      }
      const member = collectives.some((c) => ctx.collectives.get(c)?.includes(a.plad!) ?? false);
      return member
        ? []
        : [
            f(
              `addressees[${i}].plad`,
              `${a.plad} is not a member of ${collectives.join(' or ')}: only a member can be exempted (ACP 127 Annex B FL9).`,
            ),
          ];
    });
  },
};

const RESTRICTIVENESS: Partial<Record<Caption, number>> = { NODIS: 0, EXDIS: 1, LIMDIS: 2, STADIS: 3 };
const SPECIAL = new Set<Caption>(['NODIS', 'EXDIS', 'LIMDIS']);

/** Rule 12: caption order and combinations. */
const captionOrder: DraftRule = {
  rule: 12,
  title: 'Caption order and combinations',
  eras: ALL,
  check(d) {
    const f = finding(12);
    const c = d.captions;
    const out: RuleFinding[] = [];
    if (new Set(c).size !== c.length)
      out.push(
        f('captions', 'A caption is listed twice: each caption appears once, on its own line (5 FAH-2 H-252.1-1).'),
      );
    const special = c.filter((x) => SPECIAL.has(x));
    if (special.length > 1) {
      out.push(
        f(
          'captions',
          `${special.map(captionWords).join(' and ')}: choose one special-handling caption — NODIS, EXDIS and LIMDIS exclude each other (5 FAH-2 H-252.1-1).`,
        ),
      );
    }
    const ranked = c.filter((x) => RESTRICTIVENESS[x] !== undefined);
    if (ranked.some((x, i) => i > 0 && RESTRICTIVENESS[x]! < RESTRICTIVENESS[ranked[i - 1]!]!)) {
      out.push(
        f(
          'captions',
          'The most restrictive caption comes first: NODIS, then EXDIS, LIMDIS, STADIS (5 FAH-2 H-252.1-1).',
        ),
      );
    }
    if (c.includes('STADIS') && special.length === 0) {
      out.push(
        f(
          'captions',
          'STADIS combines only with EXDIS, NODIS (or, as seen in 1970s traffic, LIMDIS) (5 FAH-2 H-252.1-1; AAD caption pairs).',
        ),
      );
    }
    const channels = c.filter((x) => CHANNEL_CAPTIONS.has(x));
    if (channels.length > 1) out.push(f('captions', 'A message carries at most one channel caption (5 FAH-2 H-442).'));
    for (const ch of ['AGREMENT', 'DIRGEN'] as const) {
      if (c.includes(ch) && c.length > 1) {
        out.push(
          f(
            'captions',
            `${captionWords(ch)} cannot carry any other caption (5 FAH-2 H-442; H-442.1, 2008: no NODIS/EXDIS on AGRÉMENT).`,
          ),
        );
      }
    }
    return out;
  },
};

/** Rule 13: AGRÉMENT must be classified or administratively controlled. */
const agrementClassified: DraftRule = {
  rule: 13,
  title: 'AGRÉMENT is classified or controlled',
  eras: ALL,
  check(d) {
    return d.captions.includes('AGREMENT') && d.classification === 'UNCLASSIFIED'
      ? [
          finding(13)(
            'classification',
            'An AGRÉMENT CHANNEL message must be classified or administratively controlled: it concerns the appointment of a chief of mission (5 FAH-2 H-442.1, 2008).',
          ),
        ]
      : [];
  },
};

/** Rule 14: Eyes Only needs named persons, and named persons need the caption. */
const eyesOnlyNamed: DraftRule = {
  rule: 14,
  title: 'Eyes Only names its readers',
  eras: ALL,
  check(d) {
    const f = finding(14);
    if (d.captions.includes('EYES_ONLY') && d.eyesOnly.length === 0) {
      return [
        f(
          'eyesOnly',
          'EYES ONLY needs the named individuals (or "the principals") who alone may read it (AAD "ONLY"; 5 FAH-2 H-442(d)).',
        ),
      ];
    }
    if (!d.captions.includes('EYES_ONLY') && d.eyesOnly.length > 0) {
      return [
        f(
          'captions',
          'You named Eyes Only readers but the cable has no EYES ONLY caption: add it, or remove the names (5 FAH-2 H-442(d)).',
        ),
      ];
    }
    return [];
  },
};

/** Rule 17: pass only via an addressee. */
const passViaAddressee: DraftRule = {
  rule: 17,
  title: 'Pass only via an addressee',
  eras: ALL,
  check(d, ctx) {
    const f = finding(17);
    const addressed = new Set(
      d.addressees
        .filter((a) => a.role !== 'EXEMPT')
        .flatMap((a) => (a.plad ? [a.plad] : [...(ctx.collectives.get(a.collective ?? '') ?? [])])),
    );
    return d.passes.flatMap((p, i) => {
      if (p.by === p.to) return [f(`passes[${i}].to`, 'A post cannot pass a cable to itself.')];
      return addressed.has(p.by)
        ? []
        : [
            f(
              `passes[${i}].by`,
              `"${p.by} PASS ${p.to}": ${p.by} must be an addressee of the cable to pass it on (STATE 195297; DOMAIN.md rule 17).`,
            ),
          ];
    });
  },
};

/** Rule 19: no write-down from a referenced cable. */
const noWriteDown: DraftRule = {
  rule: 19,
  title: 'No write-down from references',
  eras: ALL,
  check(d, ctx) {
    const f = finding(19);
    const out: RuleFinding[] = [];
    d.references.forEach((r, i) => {
      if (!r.cable) return;
      const src = ctx.referencedLabels.get(r.cable);
      if (!src) {
        out.push(f(`references[${i}]`, `No cable ${r.cable} in the archive: check the reference.`));
        return;
      }
      if (ctx.downgradeAuthorized) return;
      const why =
        'A draft that quotes or references a cable must dominate its label (Bell–LaPadula *-property; 5 FAH-1 H-131(b) derivative classification); only an instructor can authorise a downgrade.';
      if (classificationRank(d.classification) < classificationRank(src.classification)) {
        out.push(
          f(
            'classification',
            `${r.cable} is ${classificationWords(src.classification)}; this draft is ${classificationWords(d.classification)}. ${why}`,
          ),
        );
      }
      const missingCaptions = src.captions.filter((c) => !d.captions.includes(c));
      if (missingCaptions.length > 0)
        out.push(
          f(
            'captions',
            `${r.cable} carries ${missingCaptions.map(captionWords).join(', ')}; so must this draft. ${why}`,
          ),
        );
      const missingDissem = src.dissem.filter((c) => !d.dissem.includes(c));
      if (missingDissem.length > 0)
        out.push(f('dissem', `${r.cable} is ${missingDissem.join(', ')}; so must this draft be. ${why}`));
      if (src.relTo.length > 0 && d.relTo.some((c) => !src.relTo.includes(c))) {
        out.push(
          f(
            'relTo',
            `${r.cable} is releasable only to ${src.relTo.join(', ')}: this draft may not widen that list. ${why}`,
          ),
        );
      }
    });
    return out;
  },
};

/** Rule 20: NOFORN and REL TO. */
const noforn: DraftRule = {
  rule: 20,
  title: 'NOFORN and REL TO',
  eras: ALL,
  check(d) {
    const f = finding(20);
    const out: RuleFinding[] = [];
    if (d.dissem.includes('NOFORN') && (d.dissem.includes('REL_TO') || d.relTo.length > 0)) {
      out.push(
        f('relTo', 'NOFORN means no foreign release at all: it cannot be combined with REL TO (ISM dni-ism: NF, REL).'),
      );
    }
    if (d.dissem.includes('REL_TO') && d.relTo.length === 0) {
      out.push(
        f('relTo', 'REL TO needs the countries it releases to, as three-letter codes such as GBR (ISM dni-ism REL).'),
      );
    }
    if (!d.dissem.includes('REL_TO') && d.relTo.length > 0)
      out.push(f('dissem', 'Countries are listed but the REL TO control is not set.'));
    d.relTo.forEach((c, i) => {
      if (!/^[A-Z]{3}$/.test(c))
        out.push(f(`relTo[${i}]`, `"${c}" is not an ISO 3166 alpha-3 country code such as GBR or FRA.`));
    });
    return out;
  },
};

const DECIMAL_FILE = /^\d{3}(\.\d+)?(\/\d{1,2}-\d{1,2}\d{2})?$/;
const SUBJECT_NUMERIC = /^[A-Z]{2,4} \d+(-\d+)*( [A-Z]{2,4})?$/;

/** Rule 21: TAGS from 1973; a file reference before. */
const tagsByEra: DraftRule = {
  rule: 21,
  title: 'TAGS or file reference by era',
  eras: ALL,
  check(d) {
    const f = finding(21);
    const out: RuleFinding[] = [];
    if (d.profile === 'FRUS_1960S') {
      if (d.tags.length > 0)
        out.push(
          f(
            'tags',
            'TAGS began with the ADS system in 1973: a 1962 telegram carries a file reference instead (NARA CFPF FAQ §I.3; FRUS sources).',
          ),
        );
      if (!d.fileRef?.trim()) {
        out.push(
          f(
            'fileRef',
            'Give the decimal file ("611.3722/10-2462") or subject-numeric file ("POL 15-5 CYP") the telegram is filed under (FRUS source notes).',
          ),
        );
      } else if (!DECIMAL_FILE.test(d.fileRef.trim()) && !SUBJECT_NUMERIC.test(d.fileRef.trim())) {
        out.push(
          f(
            'fileRef',
            `"${d.fileRef}" is neither a decimal file like 611.3722/10-2462 nor a subject-numeric file like POL 15-5 CYP.`,
          ),
        );
      }
      return out;
    }
    if (d.fileRef)
      out.push(
        finding(21, 'warning')(
          'fileRef',
          'From 1973 cables are filed by TAGS; the decimal file reference is a 1960s practice.',
        ),
      );
    const subjects = d.tags.filter((t) => SUBJECT_TAGS.has(t) || /^K[A-Z]{3}$/.test(t));
    if (subjects.length === 0) {
      out.push(
        f(
          'tags',
          'Every cable needs at least one subject TAG from the controlled list (e.g. PREL, PGOV, MARR), which drives routing and retention (5 FAH-3 H-011; NARA CFPF FAQ §I.3).',
        ),
      );
    }
    d.tags.forEach((t, i) => {
      const personal = /^[A-Z]{4} \(.+\)$/.test(t);
      if (!SUBJECT_TAGS.has(t) && !GEO_TAGS.has(t) && !/^K[A-Z]{3}$/.test(t) && !personal) {
        out.push(
          f(
            `tags[${i}]`,
            `"${t}" is not a TAG from the controlled list: use subject TAGS (PREL…), program K-tags, 2-letter geographic codes (UR, FR…) or "OVIP (NAME)" (5 FAH-3).`,
          ),
        );
      }
    });
    return out;
  },
};

/** Rule 26: an unnumbered summary when the cable runs over three pages. */
export const LINE_WIDTH = 55;
export const LINES_PER_PAGE = 60;

export function renderedLines(d: Draft): number {
  const wrap = (text: string): number =>
    text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / LINE_WIDTH)), 0);
  // Header block (classification, MRN, captions, subject, refs) ≈ 12 lines, a blank line between paragraphs.
  return 12 + d.paragraphs.reduce((n, p) => n + wrap(`${p.n ?? ''}. (${p.portion}) ${p.text}`) + 1, 0);
}

const summaryForLongCables: DraftRule = {
  rule: 26,
  title: 'Summary for long cables',
  eras: ALL,
  check(d) {
    const lines = renderedLines(d);
    return lines > 3 * LINES_PER_PAGE && !d.summary?.trim()
      ? [
          finding(26)(
            'summary',
            `At 55 characters a line this cable runs to about ${Math.ceil(lines / LINES_PER_PAGE)} pages: a telegram longer than three pages needs an unnumbered summary before paragraph 1 (5 FAH-1 H-246.1/.3).`,
          ),
        ]
      : [];
  },
};

/** Rule 27: State captions mapped to SPECAT for military addressees. */
const militaryMapping: DraftRule = {
  rule: 27,
  title: 'SPECAT for military addressees',
  eras: ALL,
  check(d, ctx) {
    const military = d.addressees.filter((a) => a.plad && ctx.stations.get(a.plad)?.kind === 'MILITARY');
    if (military.length === 0) return [];
    const nodis = d.captions.includes('NODIS');
    const exdis = d.captions.includes('EXDIS');
    if (!nodis && !exdis) return [];
    return [
      finding(27, 'warning')(
        'captions',
        `${military.map((a) => a.plad).join(', ')} ${military.length > 1 ? 'are military addresses' : 'is a military address'}: ` +
          `${nodis ? 'NODIS goes to them as SPECAT EXCLUSIVE' : 'EXDIS goes to them as SPECAT'}, marked after the classification on the first line (5 FAH-2 H-251).`,
      ),
    ];
  },
};

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
  exemptions,
  captionOrder,
  agrementClassified,
  eyesOnlyNamed,
  passViaAddressee,
  noWriteDown,
  noforn,
  tagsByEra,
  summaryForLongCables,
  militaryMapping,
];

/** Every finding for the draft under its era's rules: errors first, then by rule number. */
export function checkDraft(d: Draft, ctx: RuleContext): RuleFinding[] {
  const findings = DRAFT_RULES.filter((r) => r.eras.includes(d.profile)).flatMap((r) => r.check(d, ctx));
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) =>
      a.f.severity === b.f.severity ? a.f.rule - b.f.rule || a.i - b.i : a.f.severity === 'error' ? -1 : 1,
    )
    .map(({ f }) => f);
}

export function hasErrors(findings: ReadonlyArray<RuleFinding>): boolean {
  return findings.some((f) => f.severity === 'error');
}
