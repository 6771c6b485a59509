import type { ChainStep, Draft, DraftView, RuleContext, RuleFinding } from '../../../domain/draft';
import { checkDraft } from '../../../domain/rules';
import { cableIdForReader, loadCableRecord } from '../../store/cableReader';
import type { Db } from '../../store/database';
import {
  composerDirectoryRows,
  collectivesWithMembers,
  loginOfUser,
  personNameOf,
  stationKinds,
  type DraftRow,
  type DraftSignatureRow,
} from '../../store/draftsRepository';
import type { Actor } from '../actor';
import { actorOfUser, asFinding, drafterProblems } from './authority';
import type { Desk } from './desk';

/** What the rule checker needs beyond the draft (stations, collectives, labels of referenced cables). */
export function ruleContext(db: Db, d: Draft, downgrade: boolean): RuleContext {
  const stations = new Map(stationKinds(db).map((s) => [s.plad, { kind: s.kind, country: s.country }]));
  const collectives = collectivesWithMembers(db);
  // Rule 19 reads the labels of referenced cables. Only the label is used, never the content: a
  // duty officer may cite "TOPOL 578" without being allowed to read it, and the reply must still
  // dominate its label (the POLTO exercise).
  const referencedLabels = new Map<
    string,
    RuleContext['referencedLabels'] extends ReadonlyMap<string, infer V> ? V : never
  >();
  for (const ref of d.references) {
    if (!ref.cable) continue;
    const id = cableIdForReader(db, ref.cable);
    const record = id === undefined ? undefined : loadCableRecord(db, id);
    if (!record) continue;
    referencedLabels.set(ref.cable, {
      classification: record.cable.classification,
      captions: record.cable.captions,
      dissem: record.cable.dissem,
      relTo: record.cable.rel_to,
    });
  }
  // The directory's offices and people: `draft check` finds every name release would refuse (issue 16).
  const dir = composerDirectoryRows(db);
  const plads = new Map(dir.stations.map((s) => [s.id, s.plad]));
  const offices = new Map<string, Set<string>>();
  for (const o of dir.offices) {
    const plad = plads.get(o.station_id);
    if (plad !== undefined) offices.set(plad, (offices.get(plad) ?? new Set()).add(o.code));
  }
  const people = new Set(dir.people.map((p) => p.key));
  return { stations, collectives, referencedLabels, downgradeAuthorized: downgrade, offices, people };
}

/** The rule checker's findings for a stored draft (with its recorded downgrade, rule 19). */
export const findingsOf = (db: Db, r: DraftRow, d: Draft): RuleFinding[] =>
  checkDraft(d, ruleContext(db, d, r.downgrade_by_user_id !== null));

/** The rule findings and, beside their fields, the release-authority problems of the drafter's chain. */
function findingsWithAuthority(db: Db, r: DraftRow, d: Draft): RuleFinding[] {
  const owner = actorOfUser(db, r.owner_user_id);
  const authority = owner ? drafterProblems(db, owner, d, false).map(asFinding) : [];
  const rank = (f: RuleFinding) => (f.severity === 'error' ? 0 : 1);
  return [...findingsOf(db, r, d), ...authority].sort((a, b) => rank(a) - rank(b) || a.rule - b.rule);
}

/** The draft as the actor sees it: the document, findings, and the chain with the actor's own steps marked. */
export function draftView(desk: Desk, actor: Actor, r: DraftRow): DraftView {
  const { db } = desk;
  const personName = (key: string): string => personNameOf(db, key) ?? key;
  const d = desk.body(r);
  const sigs = desk.signatures(r.id, r.revision);
  const step = (s: DraftSignatureRow | undefined) =>
    s
      ? {
          status: s.decision === 'SIGNED' ? ('SIGNED' as const) : ('REFUSED' as const),
          by: s.signer_login,
          at: s.at,
          comment: s.comment,
        }
      : { status: 'PENDING' as const, by: null, at: null, comment: null };
  const drafter = sigs.find((s) => s.role === 'DRAFTER');
  const chain: ChainStep[] = [
    {
      role: 'DRAFTER',
      clearanceIndex: null,
      label: `Drafted by ${d.drafters.map(personName).join(', ')}`,
      ...step(drafter),
      mine: r.state === 'DRAFTING' && r.owner_user_id === actor.userId,
    },
    ...d.clearers.map((c, i): ChainStep => {
      const s = sigs.filter((x) => x.role === 'CLEARER' && x.clearance_index === i).at(-1);
      const name = c.person ? personName(c.person) : `${c.office?.code ?? ''} (${c.office?.station ?? ''})`;
      return {
        role: 'CLEARER',
        clearanceIndex: i,
        label: `${c.kind === 'INFO' ? 'Informed' : c.kind === 'SUBST' ? 'Cleared in substance' : 'Cleared'}: ${name}`,
        ...step(s),
        mine: r.state === 'IN_CLEARANCE' && s?.decision !== 'SIGNED' && desk.isClearer(actor, d, i),
      };
    }),
    {
      role: 'APPROVER',
      clearanceIndex: null,
      label: `Approved by ${d.approver ? personName(d.approver) : '(no approver named)'}`,
      ...step(sigs.find((s) => s.role === 'APPROVER')),
      mine: r.state === 'AWAITING_APPROVAL' && desk.isApprover(actor, d),
    },
  ];
  const downgradeBy = r.downgrade_by_user_id === null ? null : (loginOfUser(db, r.downgrade_by_user_id) ?? null);
  return {
    id: r.id,
    state: r.state,
    revision: r.revision,
    draft: d,
    owner: r.owner_login,
    ownerName: r.owner_name,
    updatedAt: r.updated_at,
    findings: findingsWithAuthority(db, r, d),
    chain,
    returnedNote: r.returned_note,
    canEdit: r.owner_user_id === actor.userId && r.state !== 'RELEASED',
    downgrade: downgradeBy ? { by: downgradeBy, reason: r.downgrade_reason ?? '' } : null,
    releasedRef: r.released_ref,
    releasedCableId: r.cable_id,
  };
}
