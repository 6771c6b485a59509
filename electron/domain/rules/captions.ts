import { CHANNEL_CAPTIONS, captionWords, type Caption } from '../captions';
import { classificationWords } from '../classification';
import type { Draft, RuleContext, RuleFinding } from '../draft';
import { ALL_ERAS, isClassified, isControlled, listWords, reachedStations, reporter, type DraftRule } from './rule';

/** Distribution captions, most restrictive first (5 FAH-2 H-252.1-1). */
const DISTRIBUTION: ReadonlyArray<Caption> = ['NODIS', 'EXDIS', 'LIMDIS', 'STADIS'];
/** The special-handling captions: one at most. */
const SPECIAL: ReadonlyArray<Caption> = ['NODIS', 'EXDIS', 'LIMDIS'];

const words = (cs: ReadonlyArray<Caption>): string => listWords(cs.map(captionWords));

function duplicates(d: Draft): RuleFinding[] {
  const { err } = reporter(12);
  return d.captions.flatMap((c, i) =>
    d.captions.indexOf(c) < i
      ? [
          err(
            `captions[${i}]`,
            `${captionWords(c)} is listed twice: each caption appears once, on its own line (5 FAH-2 H-252.1-1).`,
          ),
        ]
      : [],
  );
}

function oneSpecialFirst(d: Draft): RuleFinding[] {
  const { err } = reporter(12);
  const special = d.captions.filter((c) => SPECIAL.includes(c));
  if (special.length > 1) {
    return [
      err(
        'captions',
        `${words(special)}: choose one special-handling caption. NODIS, EXDIS and LIMDIS exclude each other; to ` +
          'distribute an EXDIS cable as NODIS, mark it NODIS (5 FAH-2 H-252.1-1).',
      ),
    ];
  }
  const firstOther = d.captions.findIndex((c) => !DISTRIBUTION.includes(c));
  const at = special.length === 1 ? d.captions.indexOf(special[0]!) : -1;
  return at >= 0 && firstOther >= 0 && firstOther < at
    ? [
        err(
          'captions',
          `${captionWords(special[0]!)} comes after ${captionWords(d.captions[firstOther]!)}: the special-handling ` +
            'caption is listed first, right after the MRN (5 FAH-2 H-440, 2008 ed.; H-252.1-1).',
        ),
      ]
    : [];
}

function restrictiveFirst(d: Draft): RuleFinding[] {
  const ranked = d.captions.filter((c) => DISTRIBUTION.includes(c));
  const rank = (c: Caption) => DISTRIBUTION.indexOf(c);
  const outOfOrder = ranked.some((c, i) => i > 0 && rank(c) < rank(ranked[i - 1]!));
  return outOfOrder
    ? [
        reporter(12).err(
          'captions',
          `${words(ranked)} are out of order: the most restrictive caption comes first, NODIS, then EXDIS, LIMDIS ` +
            'and STADIS (5 FAH-2 H-252.1-1).',
        ),
      ]
    : [];
}

/**
 * STADIS combines with EXDIS or NODIS (5 FAH-2 H-252.1-1, 2023); 1970s traffic also shows
 * "LIMDIS, STADIS" (AAD caption pairs), so LIMDIS is accepted before MODERN.
 */
function stadisCombinations(d: Draft): RuleFinding[] {
  if (!d.captions.includes('STADIS')) return [];
  const partners: ReadonlyArray<Caption> = d.profile === 'MODERN' ? ['NODIS', 'EXDIS'] : SPECIAL;
  if (d.captions.some((c) => partners.includes(c))) return [];
  const with_ = words(partners).replace(/ and /, ' or ');
  return [
    reporter(12).err(
      'captions',
      `STADIS (State distribution only) stands here without ${with_}: it is only combined with ${with_} ` +
        (d.profile === 'MODERN'
          ? '(5 FAH-2 H-252.1-1).'
          : '(5 FAH-2 H-252.1-1; "LIMDIS, STADIS" in 1970s AAD caption pairs).'),
    ),
  ];
}

function channels(d: Draft): RuleFinding[] {
  const { err } = reporter(12);
  const out: RuleFinding[] = [];
  const channel = d.captions.filter((c) => CHANNEL_CAPTIONS.has(c));
  if (channel.length > 1) {
    out.push(err('captions', `${words(channel)}: a message carries at most one channel caption (5 FAH-2 H-442).`));
  }
  // SENSITIVE is how an SBU cable is marked (rule 2), and H-442.1 allows administratively controlled
  // AGRÉMENT messages: it is not counted as another caption here.
  const others = (alone: Caption) => d.captions.filter((c) => c !== alone && c !== 'SENSITIVE');
  for (const alone of ['AGREMENT', 'DIRGEN'] as const) {
    if (d.captions.includes(alone) && others(alone).length > 0) {
      out.push(
        err(
          'captions',
          `${captionWords(alone)} cannot carry any other caption: its traffic goes only to the named officials ` +
            '(5 FAH-2 H-442; H-442.1, 2008 ed.: no NODIS or EXDIS on AGRÉMENT).',
        ),
      );
    }
  }
  return out;
}

function officialInformal(d: Draft): RuleFinding[] {
  if (!d.captions.includes('OFFICIAL_INFORMAL') || /OFFICIAL[- ]INFORMAL/i.test(d.subject)) return [];
  return [
    reporter(12).err(
      'subject',
      'OFFICIAL-INFORMAL appears on the caption line and in the SUBJECT line: begin the subject with ' +
        '"OFFICIAL-INFORMAL" (5 FAH-2 H-252.1-2).',
    ),
  ];
}

export const captionOrder: DraftRule = {
  rule: 12,
  title: 'Caption order and combinations',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-252.1-1, H-442',
  check: (d) => [
    ...duplicates(d),
    ...oneSpecialFirst(d),
    ...restrictiveFirst(d),
    ...stadisCombinations(d),
    ...channels(d),
    ...officialInformal(d),
  ],
};

/**
 * Rule 13: AGRÉMENT messages are classified or administratively controlled (SBU, LOU). UNCLAS
 * EFTO does not count: it is only encrypted in transmission, uncontrolled on receipt.
 */
export const agrementControlled: DraftRule = {
  rule: 13,
  title: 'AGRÉMENT is classified or controlled',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-442.1 (2008 ed.)',
  check: (d) =>
    d.captions.includes('AGREMENT') && !isClassified(d.classification) && !isControlled(d.classification)
      ? [
          reporter(13).err(
            'classification',
            `An AGRÉMENT CHANNEL message cannot be ${classificationWords(d.classification)}: it concerns the ` +
              'agrément, appointment or resignation of a chief of mission, so it must be classified or ' +
              'administratively controlled (5 FAH-2 H-442.1, 2008 ed.).',
          ),
        ]
      : [],
};

/** Rule 14: EYES ONLY names who alone may read it; named readers need the caption. */
function eyesOnly(d: Draft): RuleFinding[] {
  const { err } = reporter(14);
  const caption = d.captions.includes('EYES_ONLY');
  if (caption && d.eyesOnly.length === 0) {
    return [
      err(
        'eyesOnly',
        'EYES ONLY needs the named individuals, or the principals, who alone may read it (AAD "ONLY" = for ' +
          'addressee(s) only; 5 FAH-2 H-442(d)).',
      ),
    ];
  }
  if (!caption && d.eyesOnly.length > 0) {
    return [
      err(
        'captions',
        'Eyes Only readers are named but the cable has no EYES ONLY caption: without it nothing limits delivery to ' +
          'them. Add the caption, or remove the names (5 FAH-2 H-442(d)).',
      ),
    ];
  }
  const keys = d.eyesOnly.map((e) => ('person' in e ? `person:${e.person}` : 'principals'));
  return keys.flatMap((k, i) =>
    keys.indexOf(k) < i
      ? [err('eyesOnly', `Eyes Only entry ${i + 1} repeats an earlier one: name each reader once (5 FAH-2 H-442(d)).`)]
      : [],
  );
}

export const eyesOnlyNamed: DraftRule = {
  rule: 14,
  title: 'Eyes Only names its readers',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-442(d); AAD "ONLY"',
  check: eyesOnly,
};

/**
 * Rule 27: NODIS goes to a military address as SPECAT EXCLUSIVE and EXDIS as SPECAT, marked after
 * the classification on the first line (5 FAH-2 H-251). A warning: release does the mapping; the
 * drafter learns what the military addressee will see. A military address is a station whose
 * directory kind is MILITARY (none in the seed today), reached directly, through a collective or
 * by a pass.
 */
export const MILITARY_STATION_KIND = 'MILITARY';

function militaryAddresses(d: Draft, ctx: RuleContext): string[] {
  const isMilitary = (plad: string) => ctx.stations.get(plad)?.kind === MILITARY_STATION_KIND;
  const plads = [...reachedStations(d, ctx).map((r) => r.plad), ...d.passes.map((p) => p.to)];
  return [...new Set(plads.filter(isMilitary))];
}

function specat(d: Draft, ctx: RuleContext): RuleFinding[] {
  const mapped = d.captions.includes('NODIS') ? 'NODIS' : d.captions.includes('EXDIS') ? 'EXDIS' : null;
  if (mapped === null) return [];
  const military = militaryAddresses(d, ctx);
  if (military.length === 0) return [];
  const as = mapped === 'NODIS' ? 'SPECAT EXCLUSIVE' : 'SPECAT';
  return [
    reporter(27).warn(
      'captions',
      `${listWords(military)} ${military.length > 1 ? 'are military addresses' : 'is a military address'}: ` +
        `${mapped} reaches them as ${as}, written after the classification on the first line ("SECRET ${as}"), ` +
        'and military handling rules apply from there (5 FAH-2 H-251, H-251.1).',
    ),
  ];
}

export const militaryMapping: DraftRule = {
  rule: 27,
  title: 'SPECAT for military addresses',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-251',
  check: specat,
};
