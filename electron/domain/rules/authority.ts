import type { EraProfile } from '../cable';
import { classificationWords } from '../classification';
import type { ClassAuthority, Draft, LegacyEo, RuleFinding } from '../draft';
import { ALL_ERAS, eraWords, isClassified, reporter, type DraftRule } from './rule';

/**
 * Rule 5: the classification authority by era (DOMAIN.md §1.4, §1.5; 32 CFR 2001.21).
 * - FRUS_1960S: neither an E.O. line nor an authority block (they began with E.O. 11652 in 1972).
 * - ADS_1973_79: the "E.O. 11652:" line is required on every telegram from 1 March 1973; E.O. 12065
 *   replaced E.O. 11652 on 1 December 1978. The code is N/A exactly when the telegram is
 *   UNCLASSIFIED or LOU; a classified one needs GDS, ADS + DECLAS date, or XGDS-1..4 (TAGS handbook
 *   1974 §1a: "The Department's computer will not accept messages that do not have the correct
 *   declassification code"). No authority block.
 * - CABLEGATE_2000S, MODERN: a classified cable carries "Classified by: name, position; Reason:
 *   1.4(x); Declassify on: …"; an unclassified one carries none. The E.O. line is optional
 *   ("E.O. 12958: N/A", STATE 018029) but must name the order of the era.
 */
const { err } = reporter(5);

const EO_ORDERS: Readonly<Record<EraProfile, Readonly<{ orders: ReadonlyArray<LegacyEo['order']>; why: string }>>> = {
  FRUS_1960S: { orders: [], why: 'The E.O. line began in 1973 (DOMAIN.md §0).' },
  ADS_1973_79: {
    orders: ['11652', '12065'],
    why: 'E.O. 12065 replaced E.O. 11652 on 1 December 1978 (STATE 296107; DOMAIN.md §1.5).',
  },
  CABLEGATE_2000S: { orders: ['12958'], why: 'Cables of the 2000s cite E.O. 12958 (STATE 018029; DOMAIN.md §1.5).' },
  MODERN: { orders: ['13526'], why: 'E.O. 13526 governs classification today (32 CFR 2001; DOMAIN.md §4).' },
};

/** E.O. 11652 codes for classified telegrams (TAGS handbook 1974 §1a; "XGDS-3" in STATE 041961). */
const EO_11652_CLASSIFIED = /^(GDS|XGDS-?[1-4](, ?DECLAS .+)?|ADS, ?DECLAS .+)$/;

/** E.O. 13526 §1.4 (a)–(h); E.O. 12958 before its 2003 amendment numbered them §1.5 (a)–(g). */
const REASON = /^1\.4\([a-h]\)$/;
const REASON_12958 = /^1\.5\([a-g]\)$/;

function legacyEoAllowed(d: Draft, eo: LegacyEo): RuleFinding[] {
  const { orders, why } = EO_ORDERS[d.profile];
  if (orders.includes(eo.order)) return [];
  const expected = orders.map((o) => `E.O. ${o}`).join(' or ');
  return [
    err('legacyEo.order', `E.O. ${eo.order} is not the order of ${eraWords(d.profile)}: cite ${expected}. ${why}`),
  ];
}

function legacyEoCode(d: Draft, eo: LegacyEo): RuleFinding[] {
  const code = eo.code.trim().toUpperCase();
  const line = `"E.O. ${eo.order}: ${eo.code.trim()}"`;
  if (code === '') {
    return [
      err('legacyEo.code', `Give the E.O. line its code, e.g. GDS, XGDS-3 or N/A (STATE 017976; DOMAIN.md §1.5).`),
    ];
  }
  if (!isClassified(d.classification)) {
    return code === 'N/A'
      ? []
      : [
          err(
            'legacyEo.code',
            `${line}, but this telegram is ${classificationWords(d.classification)}: N/A must appear on every telegram marked ` +
              'UNCLASSIFIED or LIMITED OFFICIAL USE, which have nothing to declassify (TAGS handbook 1974 §1a).',
          ),
        ];
  }
  if (code === 'N/A') {
    return [
      err(
        'legacyEo.code',
        `${line}, but this telegram is ${classificationWords(d.classification)}: a classified telegram needs its ` +
          'declassification schedule, e.g. GDS or XGDS-1..4 (TAGS handbook 1974 §1a; STATE 041961).',
      ),
    ];
  }
  if (eo.order === '11652' && /^XGDS(, ?DECLAS .+)?$/.test(code)) {
    // MOSCOW 16276 (1977) printed a bare "E.O. 11652: XGDS": real, but short of the handbook's form.
    return [
      reporter(5).warn(
        'legacyEo.code',
        `${line} names no exemption category: the handbook writes XGDS1 to XGDS4, the category of E.O. 11652 ` +
          '§5(B) that exempts the telegram, with DECLAS and a date or event where possible (TAGS handbook 1974 §1a).',
      ),
    ];
  }
  if (eo.order === '11652' && !EO_11652_CLASSIFIED.test(code)) {
    return [
      err(
        'legacyEo.code',
        `${line} is not an E.O. 11652 code: use GDS, "ADS, DECLAS <date or event>" or XGDS-1 to XGDS-4 ` +
          '(TAGS handbook 1974 §1a).',
      ),
    ];
  }
  return [];
}

function legacyEo(d: Draft): RuleFinding[] {
  const eo = d.legacyEo;
  if (d.profile === 'ADS_1973_79' && !eo) {
    return [
      err(
        'legacyEo',
        'An ADS-era telegram carries an "E.O. 11652:" line below the captions, e.g. "E.O. 11652: GDS" or "N/A": it ' +
          'became mandatory on 1 March 1973 (TAGS handbook 1974; STATE 017976).',
      ),
    ];
  }
  return eo ? [...legacyEoAllowed(d, eo), ...legacyEoCode(d, eo)] : [];
}

function reasons(d: Draft, a: ClassAuthority): RuleFinding[] {
  if (a.reasons.length === 0) {
    return [
      err(
        'classAuthority.reasons',
        'Give at least one reason: an E.O. 13526 §1.4 category, 1.4(a) to 1.4(h); most cables cite 1.4(b) foreign ' +
          'government information and/or 1.4(d) foreign relations (32 CFR 2001.21(a)(3); DOMAIN.md §1.5).',
      ),
    ];
  }
  const valid = (r: string) => REASON.test(r) || (d.profile === 'CABLEGATE_2000S' && REASON_12958.test(r));
  return a.reasons.flatMap((r, i) => {
    if (!valid(r)) {
      return [
        err(
          'classAuthority.reasons',
          `"${r}" is not a classification reason: write an E.O. 13526 §1.4 category, 1.4(a) to 1.4(h)` +
            (d.profile === 'CABLEGATE_2000S' ? ' (or 1.5(a)–(g) before the 2003 amendment of E.O. 12958)' : '') +
            ' (32 CFR 2001.21(a)(3)).',
        ),
      ];
    }
    return a.reasons.indexOf(r) < i
      ? [err('classAuthority.reasons', `Reason ${r} is given twice: list each category once (32 CFR 2001.21(a)(3)).`)]
      : [];
  });
}

function validIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, day));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === day;
}

function declassifyOn(a: ClassAuthority): RuleFinding[] {
  const v = a.declassifyOn.trim();
  const field = 'classAuthority.declassifyOn';
  if (v === '') {
    return [err(field, 'Say when it is declassified: a date, an event, or a 25X exemption (32 CFR 2001.21(a)(4)).')];
  }
  if (/^\d[\d/.-]*$/.test(v) && !validIsoDate(v)) {
    return [err(field, `"${v}" is not a date: write the declassification date as YYYY-MM-DD (32 CFR 2001.21(a)(4)).`)];
  }
  if (/^25X/i.test(v) && !/^25X[1-9]\b/i.test(v)) {
    return [
      err(field, `"${v}": a 25X exemption names its category, 25X1 to 25X9 (E.O. 13526 §3.3(b); 32 CFR 2001.21).`),
    ];
  }
  return [];
}

function authorityBlock(d: Draft): RuleFinding[] {
  const a = d.classAuthority;
  if (d.profile === 'FRUS_1960S' || d.profile === 'ADS_1973_79') {
    return a
      ? [
          err(
            'classAuthority',
            d.profile === 'FRUS_1960S'
              ? 'A 1962 telegram carries no "Classified by" block: it shows only its classification; the block came ' +
                  'with later executive orders (DOMAIN.md §0, §1.5).'
              : 'An ADS-era telegram carries no "Classified by" block: it gives its "E.O. 11652:" line instead ' +
                  '(STATE 017976; DOMAIN.md §1.5).',
          ),
        ]
      : [];
  }
  if (!isClassified(d.classification)) {
    return a
      ? [
          err(
            'classAuthority',
            `This cable is ${classificationWords(d.classification)} and has nothing to declassify: remove the ` +
              'classification authority block, which belongs to classified cables only (32 CFR 2001.21).',
          ),
        ]
      : [];
  }
  if (!a) {
    return [
      err(
        'classAuthority',
        `This cable is ${classificationWords(d.classification)}: it needs its classification authority before paragraph 1, ` +
          '"Classified by: name, position. Reason: 1.4(b), (d). Declassify on: …" (32 CFR 2001.21; 5 FAH-1 H-246).',
      ),
    ];
  }
  const out: RuleFinding[] = [];
  if (!a.classifiedBy.trim()) {
    out.push(err('classAuthority.classifiedBy', 'Name the original classifier (32 CFR 2001.21(a)(1)).'));
  }
  if (!a.position.trim()) {
    out.push(err('classAuthority.position', "Give the classifier's position, e.g. Ambassador (32 CFR 2001.21(a)(1))."));
  }
  return [...out, ...reasons(d, a), ...declassifyOn(a)];
}

function eoLineIn1962(d: Draft): RuleFinding[] {
  return d.profile === 'FRUS_1960S' && d.legacyEo
    ? [
        err(
          'legacyEo',
          'A 1962 telegram carries no "E.O." line: it began with E.O. 11652 on 1 March 1973, together with TAGS ' +
            '(TAGS handbook 1974; DOMAIN.md §0).',
        ),
      ]
    : [];
}

export const classificationAuthority: DraftRule = {
  rule: 5,
  title: 'Classification authority by era',
  eras: ALL_ERAS,
  source: '32 CFR 2001.21; 5 FAH-1 H-246; STATE 017976',
  check: (d) => [...authorityBlock(d), ...(d.profile === 'FRUS_1960S' ? eoLineIn1962(d) : legacyEo(d))],
};
