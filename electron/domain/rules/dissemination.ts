import { captionWords, type Caption } from '../captions';
import { classificationRank, classificationWords, type Classification } from '../classification';
import type { Draft, RuleContext, RuleFinding } from '../draft';
import { ALL_ERAS, isControlled, listWords, paragraphName, reachedStations, reporter, type DraftRule } from './rule';

type Label = RuleContext['referencedLabels'] extends ReadonlyMap<string, infer L> ? L : never;

/** The level of `a` is at least that of `b`: SBU/LOU sit above plain UNCLASSIFIED and UNCLAS EFTO. */
function levelDominates(a: Classification, b: Classification): boolean {
  const [ra, rb] = [classificationRank(a), classificationRank(b)];
  return ra > rb || (ra === rb && (isControlled(a) || !isControlled(b)));
}

/** NODIS > EXDIS > LIMDIS: a more restrictive special-handling caption covers a lesser one. */
const SPECIAL: ReadonlyArray<Caption> = ['NODIS', 'EXDIS', 'LIMDIS'];
/** Captions that widen or merely format distribution: a quoting draft need not repeat them. */
const NOT_RESTRICTIVE: ReadonlyArray<Caption> = ['SIPDIS', 'OFFICIAL_INFORMAL'];

function captionCovered(c: Caption, draft: ReadonlyArray<Caption>): boolean {
  if (draft.includes(c)) return true;
  const rank = SPECIAL.indexOf(c);
  return rank >= 0 && draft.some((x) => SPECIAL.includes(x) && SPECIAL.indexOf(x) < rank);
}

/**
 * Rule 19: no write-down (Bell–LaPadula *-property; 5 FAH-1 H-131(b) derivative classification).
 * A draft that cites an archived cable (`references[i].cable`) must dominate its label: a level at
 * least as high, every restrictive caption (or a stricter special-handling one), every
 * dissemination control, and no wider REL TO (NOFORN is narrower and counts). Only the label is
 * read, never the content: a duty officer may cite a cable he may not open. An instructor's
 * recorded downgrade (ctx.downgradeAuthorized) lifts the dominance checks, not the lookup.
 */
function dominates(d: Draft, ref: string, src: Label): RuleFinding[] {
  const { err } = reporter(19);
  const why =
    'A draft that quotes or refers to a cable must carry at least its label (Bell–LaPadula *-property; 5 FAH-1 ' +
    'H-131(b) derivative classification); only an instructor can authorise a downgrade.';
  const out: RuleFinding[] = [];
  if (!levelDominates(d.classification, src.classification)) {
    out.push(
      err(
        'classification',
        `${ref} is ${classificationWords(src.classification)}; this draft is ` +
          `${classificationWords(d.classification)}. ${why}`,
      ),
    );
  }
  const captions = src.captions.filter((c) => !NOT_RESTRICTIVE.includes(c) && !captionCovered(c, d.captions));
  if (captions.length > 0) {
    out.push(err('captions', `${ref} carries ${listWords(captions.map(captionWords))}; so must this draft. ${why}`));
  }
  const dissem = src.dissem.filter((c) => c !== 'REL_TO' && !d.dissem.includes(c));
  if (dissem.length > 0) {
    out.push(err('dissem', `${ref} is ${listWords(dissem)}; so must this draft be. ${why}`));
  }
  if (src.dissem.includes('REL_TO') && !d.dissem.includes('NOFORN')) {
    const wider = d.dissem.includes('REL_TO') ? d.relTo.filter((c) => !src.relTo.includes(c)) : ['everyone'];
    if (wider.length > 0) {
      out.push(
        err(
          'relTo',
          `${ref} is releasable only to ${listWords(['USA', ...src.relTo.filter((c) => c !== 'USA')])}: this ` +
            `draft would release it to ${listWords(wider)}. Keep REL TO within that list, or mark it NOFORN. ${why}`,
        ),
      );
    }
  }
  return out;
}

function noWriteDown(d: Draft, ctx: RuleContext): RuleFinding[] {
  return d.references.flatMap((r, i) => {
    if (!r.cable) return [];
    const src = ctx.referencedLabels.get(r.cable);
    if (!src) {
      return [
        reporter(19).err(
          `references[${i}]`,
          `Reference ${r.label} names ${r.cable}, which is unknown or not visible to you: check the cable's ref ` +
            '(e.g. TOPOL 578), or leave the archived cable empty and cite it in the text only (DOMAIN.md rule 19).',
        ),
      ];
    }
    return ctx.downgradeAuthorized ? [] : dominates(d, r.cable, src);
  });
}

export const noWriteDownFromReferences: DraftRule = {
  rule: 19,
  title: 'No write-down from referenced cables',
  eras: ALL_ERAS,
  source: 'Bell–LaPadula *-property; 5 FAH-1 H-131(b)',
  check: noWriteDown,
};

/**
 * Rule 20: NOFORN and REL TO (ISM dni-ism NF, REL; CUI registry). NOFORN excludes every foreign
 * release, so it never goes with REL TO; REL TO needs its country trigraphs and the trigraphs need
 * REL TO; an (SBU-N) paragraph makes the cable NOFORN (the banner carries the controls of its
 * portions). Routing: a NOFORN cable cannot be addressed or passed to a foreign station, and a
 * REL TO cable only to foreign stations of the listed countries.
 *
 * Which stations are foreign: the seed's `country` is where a post is (AMEMBASSY PARIS is FRA),
 * not whose it is, so "country ≠ USA" would call every embassy foreign. A foreign addressee is a
 * station of kind FOREIGN, whose country is then its nationality. The directory has no such kind
 * today (STATION_KINDS are all U.S. posts); the check is ready for it.
 */
export const FOREIGN_STATION_KIND = 'FOREIGN';

const TRIGRAPH = /^[A-Z]{3}$/;

function markings(d: Draft): RuleFinding[] {
  const { err } = reporter(20);
  const out: RuleFinding[] = [];
  const noforn = d.dissem.includes('NOFORN');
  const rel = d.dissem.includes('REL_TO');
  if (noforn && (rel || d.relTo.length > 0)) {
    out.push(
      err(
        'relTo',
        'NOFORN means no foreign release at all, so it cannot be combined with REL TO: choose one (ISM dni-ism NF, REL).',
      ),
    );
  } else if (!rel && d.relTo.length > 0) {
    out.push(
      err(
        'dissem',
        'Countries are listed for release, but the REL TO control is not set: set it or clear them (ISM dni-ism REL).',
      ),
    );
  }
  if (rel && d.relTo.length === 0) {
    out.push(
      err('relTo', 'REL TO needs the countries it releases to, as trigraphs such as GBR or FRA (ISM dni-ism REL).'),
    );
  }
  d.relTo.forEach((c, i) => {
    if (!TRIGRAPH.test(c)) {
      out.push(
        err(
          `relTo[${i}]`,
          `"${c}" is not a country trigraph: REL TO lists ISO 3166 alpha-3 codes such as GBR or FRA, not the two-letter TAGS codes (ISM dni-ism REL).`,
        ),
      );
    } else if (d.relTo.indexOf(c) < i) {
      out.push(err(`relTo[${i}]`, `${c} is listed twice in REL TO: give each country once (ISM dni-ism REL).`));
    }
  });
  const nf = d.paragraphs.findIndex((p) => p.portion === 'SBU-N');
  if (nf >= 0 && !noforn) {
    out.push(
      err(
        'dissem',
        `${paragraphName(nf)} is (SBU-N), SBU NOFORN: a cable carries the controls of its portions, so mark it NOFORN ` +
          'or re-mark the paragraph (5 FAH-1 H-246.2; ISM SBU-NF).',
      ),
    );
  }
  return out;
}

function routing(d: Draft, ctx: RuleContext): RuleFinding[] {
  const { err } = reporter(20);
  const noforn = d.dissem.includes('NOFORN');
  const rel = d.dissem.includes('REL_TO');
  if (!noforn && !rel) return [];
  const problem = (plad: string): string | null => {
    const s = ctx.stations.get(plad);
    if (s?.kind !== FOREIGN_STATION_KIND) return null;
    if (noforn) return `${plad} is a foreign address and the cable is NOFORN, which never goes to foreign recipients`;
    return s.country !== null && d.relTo.includes(s.country)
      ? null
      : `${plad} is a foreign address (${s.country ?? 'no country'}) outside the REL TO list ${listWords(d.relTo)}`;
  };
  const source = '(ISM dni-ism NF, REL; DOMAIN.md rule 20).';
  const seen = new Set<number>();
  const out: RuleFinding[] = [];
  for (const r of reachedStations(d, ctx)) {
    const why = problem(r.plad);
    if (why === null || seen.has(r.index)) continue;
    seen.add(r.index);
    const fix = r.viaCollective ? `; it is a member of ${r.viaCollective}, so exempt it` : ': remove it';
    out.push(err(`addressees[${r.index}]`, `${why}${fix} ${source}`));
  }
  d.passes.forEach((p, i) => {
    const why = problem(p.to);
    if (why !== null) out.push(err(`passes[${i}].to`, `${why}: the cable cannot be passed there ${source}`));
  });
  return out;
}

export const nofornAndRelTo: DraftRule = {
  rule: 20,
  title: 'NOFORN and REL TO',
  eras: ALL_ERAS,
  source: 'ISM dni-ism NF, REL; CUI registry',
  check: (d, ctx) => [...markings(d), ...routing(d, ctx)],
};
