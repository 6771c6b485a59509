import type { Draft, DraftAddressee, RuleContext, RuleFinding } from '../draft';
import { ALL_ERAS, reachedStations, reporter, type DraftRule } from './rule';

const nameOf = (a: DraftAddressee): string => a.plad ?? a.collective ?? '(nobody)';

/**
 * Rule 10: at least one ACTION addressee, and the action addressees listed before the info ones
 * (5 FAH-2 H-233; ACP 127 FL7/FL8). With it, the checks that make the address block deliverable:
 * every station and collective is in the directory, and none is listed twice.
 */
function actionFirst(d: Draft): RuleFinding[] {
  const { err } = reporter(10);
  if (!d.addressees.some((a) => a.role === 'ACTION')) {
    return [
      err(
        'addressees',
        'The cable has no ACTION addressee: someone must be responsible for acting on it (5 FAH-2 H-233; ACP 127 FL7).',
      ),
    ];
  }
  const roles = d.addressees.map((a) => a.role);
  const firstInfo = roles.indexOf('INFO');
  return firstInfo >= 0 && firstInfo < roles.lastIndexOf('ACTION')
    ? [
        err(
          `addressees[${firstInfo}].role`,
          `${nameOf(d.addressees[firstInfo]!)} (INFO) is listed before an action addressee: the address block gives ` +
            'the action addressees first, then the info addressees (5 FAH-2 H-233; ACP 127 FL7/FL8).',
        ),
      ]
    : [];
}

function deliverable(d: Draft, ctx: RuleContext): RuleFinding[] {
  const { err } = reporter(10);
  const seen = new Set<string>();
  return d.addressees.flatMap((a, i) => {
    const key = a.plad ? `station:${a.plad}` : `collective:${a.collective}`;
    const name = nameOf(a);
    if (seen.has(key)) {
      return [
        err(
          `addressees[${i}]`,
          `${name} is listed twice: address each station or collective once, in one role (5 FAH-2 H-233).`,
        ),
      ];
    }
    seen.add(key);
    if (a.plad && !ctx.stations.has(a.plad)) {
      return [
        err(
          `addressees[${i}]`,
          `${name} is not a station in the directory: addresses are plain-language address designators (PLADs) ` +
            'such as AMEMBASSY PARIS (5 FAH-2 H-231).',
        ),
      ];
    }
    if (a.collective && !ctx.collectives.has(a.collective)) {
      return [
        err(
          `addressees[${i}]`,
          `${name} is not a collective of the directory, so it cannot be expanded into its members (DOMAIN.md §1.8).`,
        ),
      ];
    }
    return [];
  });
}

export const actionAddressee: DraftRule = {
  rule: 10,
  title: 'An action addressee, listed before info',
  eras: ALL_ERAS,
  source: '5 FAH-2 H-233; ACP 127 FL7/FL8',
  check: (d, ctx) => [...actionFirst(d), ...deliverable(d, ctx)],
};

/**
 * Rule 11: an EXEMPT entry removes one member from a collective addressee ("XMT", ACP 127 Annex B
 * FL9): it names a station, a collective must be addressed, and the station must belong to it.
 */
function exemptions(d: Draft, ctx: RuleContext): RuleFinding[] {
  const { err } = reporter(11);
  const collectives = d.addressees.flatMap((a) => (a.role !== 'EXEMPT' && a.collective ? [a.collective] : []));
  return d.addressees.flatMap((a, i) => {
    if (a.role !== 'EXEMPT') return [];
    if (!a.plad) {
      return [
        err(
          `addressees[${i}]`,
          `${nameOf(a)} cannot be exempted: an exemption names one station of a collective (ACP 127 Annex B FL9).`,
        ),
      ];
    }
    if (collectives.length === 0) {
      return [
        err(
          `addressees[${i}].role`,
          `${a.plad} is exempted, but the cable is addressed to no collective: an exemption only removes a member ` +
            'of a collective addressee (ACP 127 Annex B FL9).',
        ),
      ];
    }
    const member = collectives.some((c) => ctx.collectives.get(c)?.includes(a.plad!) ?? false);
    return member
      ? []
      : [
          err(
            `addressees[${i}].plad`,
            `${a.plad} is not a member of ${collectives.join(' or ')}: only a member of an addressed collective can ` +
              'be exempted (ACP 127 Annex B FL9).',
          ),
        ];
  });
}

export const exemptionsFromCollectives: DraftRule = {
  rule: 11,
  title: 'Exemptions only from an addressed collective',
  eras: ALL_ERAS,
  source: 'ACP 127 Annex B FL9',
  check: exemptions,
};

/**
 * Rule 17: in "X PASS Y" X must receive the cable: a station addressee, or a member of an addressed
 * collective that is not exempted; and a station does not pass to itself (STATE 195297; the seed's
 * "USRO pass Embassy").
 */
function passes(d: Draft, ctx: RuleContext): RuleFinding[] {
  const { err } = reporter(17);
  const reached = new Set(reachedStations(d, ctx).map((r) => r.plad));
  return d.passes.flatMap((p, i) => {
    if (p.by === p.to) {
      return [
        err(
          `passes[${i}].to`,
          `${p.by} cannot pass the cable to itself: name the post or office it goes on to (STATE 195297).`,
        ),
      ];
    }
    return reached.has(p.by)
      ? []
      : [
          err(
            `passes[${i}].by`,
            `"${p.by} PASS ${p.to}": ${p.by} does not receive this cable, so it cannot pass it on. Address it, or ` +
              'let an addressee pass it (STATE 195297; DOMAIN.md §1.8).',
          ),
        ];
  });
}

export const passViaAddressee: DraftRule = {
  rule: 17,
  title: 'Pass only via an addressee',
  eras: ALL_ERAS,
  source: 'STATE 195297',
  check: passes,
};
