import type { Draft, RuleContext, RuleFinding } from '../draft';
import { reporter } from './rule';

/**
 * Rule 0, the directory (issue 16): every station, office and person the draft names must be in
 * the directory, or release refuses the cable after everyone has signed ("unknown office "L"",
 * "unknown station "USDEL SECRETARY""). The checker finds them first, in the drafter's words.
 * Addressee stations and collectives are rule 10's (addressees.ts). Offices and people are checked
 * only when the context carries them (the drafts service always gives them).
 */
const { err } = reporter(0);

function station(ctx: RuleContext, plad: string, field: string, what: string): RuleFinding[] {
  return ctx.stations.has(plad)
    ? []
    : [
        err(
          field,
          `${what} "${plad}" is not a station in the directory: release would refuse the cable. Use a post's ` +
            'plain-language address designator (PLAD) such as AMEMBASSY MOSCOW or SECSTATE WASHDC (5 FAH-2 H-231).',
        ),
      ];
}

function office(ctx: RuleContext, plad: string, code: string, field: string, what: string): RuleFinding[] {
  if (!ctx.stations.has(plad)) return station(ctx, plad, field, what);
  const codes = ctx.offices?.get(plad);
  if (!ctx.offices || codes?.has(code)) return [];
  const known = codes && codes.size > 0 ? ` Its offices: ${[...codes].sort().join(', ')}.` : '';
  return [
    err(field, `${what}: ${plad} has no office "${code}" in the directory, so release would refuse the cable.${known}`),
  ];
}

function person(ctx: RuleContext, key: string, field: string, what: string): RuleFinding[] {
  return !ctx.people || ctx.people.has(key)
    ? []
    : [
        err(
          field,
          `${what} "${key}" is not a person in the directory: name people by their directory key, or release ` +
            'would refuse the cable.',
        ),
      ];
}

function references(d: Draft, ctx: RuleContext): RuleFinding[] {
  const o = d.originator;
  return [
    ...station(ctx, o.plad, 'originator.plad', 'The originator'),
    ...(o.office ? office(ctx, o.plad, o.office, 'originator.office', 'The originating office') : []),
    ...d.drafters.flatMap((k, i) => person(ctx, k, `drafters[${i}]`, 'Drafter')),
    ...d.clearers.flatMap((c, i) => [
      ...(c.person ? person(ctx, c.person, `clearers[${i}].person`, 'Clearer') : []),
      ...(c.office
        ? office(ctx, c.office.station, c.office.code, `clearers[${i}].office`, `Clearance office ${c.office.code}`)
        : []),
    ]),
    ...(d.approver ? person(ctx, d.approver, 'approver', 'Approver') : []),
    ...d.addressees.flatMap((a, i) => a.for.flatMap((k) => person(ctx, k, `addressees[${i}].for`, '"For" person'))),
    ...d.eyesOnly.flatMap((e, i) => ('person' in e ? person(ctx, e.person, `eyesOnly[${i}]`, 'Eyes Only reader') : [])),
    ...d.passes.flatMap((p, i) => [
      ...station(ctx, p.by, `passes[${i}].by`, 'The passing post'),
      ...station(ctx, p.to, `passes[${i}].to`, 'The pass recipient'),
    ]),
  ];
}

/** Part of rule 0 (completeness.ts): names release would refuse. */
export const directoryFindings = references;
