import type { Draft, RuleFinding } from '../draft';
import { precedenceRank, precedenceWords } from '../precedence';
import { ALL_ERAS, MODERN_ERAS, reporter, type DraftRule } from './rule';

const addresseeName = (d: Draft, i: number): string => {
  const a = d.addressees[i]!;
  return a.plad ?? a.collective ?? `addressee ${i + 1}`;
};

/**
 * Rule 6: precedence words by era. The current list is FLASH, NIACT IMMEDIATE, IMMEDIATE and
 * ROUTINE (5 FAH-2 H-421, CT:TEL-54 2017): MODERN rejects PRIORITY, on addressees and on pass
 * instructions. Earlier profiles used it (STATE 017976: "TO AMEMBASSY TEL AVIV PRIORITY").
 */
function noPriority(d: Draft): RuleFinding[] {
  const { err } = reporter(6);
  const why =
    'PRIORITY is no longer an authorized State precedence: use FLASH, NIACT IMMEDIATE, IMMEDIATE or ROUTINE ' +
    '(5 FAH-2 H-421).';
  return [
    ...d.addressees.flatMap((a, i) =>
      a.precedence === 'PRIORITY' ? [err(`addressees[${i}].precedence`, `${addresseeName(d, i)}: ${why}`)] : [],
    ),
    ...d.passes.flatMap((p, i) =>
      p.precedence === 'PRIORITY' ? [err(`passes[${i}].precedence`, `${p.by} PASS ${p.to}: ${why}`)] : [],
    ),
  ];
}

export const precedenceVocabulary: DraftRule = {
  rule: 6,
  title: 'Precedence words by era',
  eras: ['MODERN'],
  source: '5 FAH-2 H-421',
  check: noPriority,
};

/**
 * Rule 7: NIACT. Only an ACTION addressee can be NIACT: it alone must act at any hour; others handle
 * the cable in business hours (5 FAH-2 H-421.2(a)). NIACT is written NIACT IMMEDIATE: with
 * ROUTINE or PRIORITY it contradicts itself in every era, and in MODERN FLASH NIACT is not on the
 * list either. The drafter justifies NIACT in paragraph 1 and confirms it (5 FAH-2 H-421.2(b)).
 */
function niactOnAddressees(d: Draft): RuleFinding[] {
  const { err } = reporter(7);
  return d.addressees.flatMap((a, i) => {
    if (!a.niact) return [];
    const name = addresseeName(d, i);
    if (a.role !== 'ACTION') {
      return [
        err(
          `addressees[${i}].niact`,
          `${name} is an ${a.role} addressee: only action addressees can be NIACT, since the night alert goes to ` +
            'those who must act at any hour (5 FAH-2 H-421.2(a)).',
        ),
      ];
    }
    const contradicts = a.precedence === 'ROUTINE' || a.precedence === 'PRIORITY';
    if (contradicts || (a.precedence === 'FLASH' && d.profile === 'MODERN')) {
      return [
        err(
          `addressees[${i}].precedence`,
          `${name} is ${precedenceWords(a.precedence, true)}: NIACT goes with IMMEDIATE ("NIACT IMMEDIATE"), ` +
            (contradicts
              ? `while ${a.precedence} traffic waits for business hours (5 FAH-2 H-421.2).`
              : 'and FLASH already calls for attention at any hour (5 FAH-2 H-421).'),
        ),
      ];
    }
    return [];
  });
}

function niactJustified(d: Draft): RuleFinding[] {
  const { err } = reporter(7);
  if (!d.addressees.some((a) => a.niact)) return [];
  if (!d.niactJustified) {
    return [
      err(
        'niactJustified',
        'A NIACT cable wakes people up: say in paragraph 1 why it cannot wait for business hours, and confirm here ' +
          'that you have (5 FAH-2 H-421.2(b)).',
      ),
    ];
  }
  const first = d.paragraphs[0];
  if (!first) return [err('paragraphs', 'The NIACT justification goes in paragraph 1: write it (5 FAH-2 H-421.2(b)).')];
  return first.text.trim() === ''
    ? [
        err(
          'paragraphs[0].text',
          'Paragraph 1 is empty, but it must justify NIACT: say why the cable cannot wait for business hours ' +
            '(5 FAH-2 H-421.2(b)).',
        ),
      ]
    : [];
}

/**
 * Rule 7 in two parts, each scoped to the eras its source supports (issue 16):
 * - NIACT on action addressees, written NIACT IMMEDIATE: every era. 1970s cables show it
 *   ("AMEMBASSY CAIRO NIACT IMMEDIATE", STATE 195297, 1975; "TO SECSTATE WASHDC NIACT IMMEDIATE",
 *   MOSCOW 16276, 1977) as the current handbook describes it (5 FAH-2 H-421.2(a)).
 * - The justification in paragraph 1 is the current handbook's (5 FAH-2 H-421.2(b)); no source
 *   shows it before: a 1977 NIACT opens with its matter ("FOR THE SECRETARY FROM AMBASSADOR").
 *   So it holds in the 2000s and current profiles only (NIACT_JUSTIFICATION_ERAS).
 */
export const NIACT_JUSTIFICATION_ERAS = MODERN_ERAS;

export const niactJustification: DraftRule = {
  rule: 7,
  title: 'NIACT on action addressees; justified in paragraph 1 (2000s, current)',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-421.2(a) (all eras; STATE 195297, 1975); H-421.2(b) justification (2000s, current)',
  check: (d) => [...niactOnAddressees(d), ...(NIACT_JUSTIFICATION_ERAS.includes(d.profile) ? niactJustified(d) : [])],
};

/**
 * Rule 9: the transmission precedence is the highest addressee precedence (release sets it). An
 * info addressee may not outrank every action addressee: that is an error. FLASH together with lower
 * precedences is not a drafting mistake: on release it goes as a separate transmission
 * (5 FAH-2 H-321.2-1), so it is a warning that teaches what will happen.
 */
function infoBelowAction(d: Draft): RuleFinding[] {
  const { err } = reporter(9);
  const actions = d.addressees.filter((a) => a.role === 'ACTION');
  if (actions.length === 0) return [];
  const highest = Math.max(...actions.map((a) => precedenceRank(a.precedence)));
  return d.addressees.flatMap((a, i) =>
    a.role === 'INFO' && precedenceRank(a.precedence) > highest
      ? [
          err(
            `addressees[${i}].precedence`,
            `${addresseeName(d, i)} is an info addressee at ${a.precedence}, above every action addressee: info ` +
              'precedence must not exceed action precedence, or the information copy would be handled before the ' +
              'action (5 FAH-2 H-321.2; ACP 127 §152).',
          ),
        ]
      : [],
  );
}

function flashSplit(d: Draft): RuleFinding[] {
  const sent = d.addressees.filter((a) => a.role !== 'EXEMPT');
  const flash = sent.filter((a) => a.precedence === 'FLASH').map((a) => a.plad ?? a.collective ?? '');
  if (flash.length === 0 || flash.length === sent.length) return [];
  return [
    reporter(9).warn(
      'addressees',
      `FLASH for ${flash.join(', ')} together with lower precedences: on release the FLASH addressees get a ` +
        'separate transmission, sent first (5 FAH-2 H-321.2-1; ACP 127 §152).',
    ),
  ];
}

export const transmissionPrecedence: DraftRule = {
  rule: 9,
  title: 'Info precedence ≤ action precedence; FLASH goes separately',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-321.2-1; ACP 127 §152',
  check: (d) => [...infoBelowAction(d), ...flashSplit(d)],
};
