import { decideAccess } from '../../domain/access';
import {
  clearanceName,
  encodeContent,
  signedMessage,
  type ReleaseHeader,
  type SignatureHeader,
} from '../../domain/canonical';
import type { EraProfile } from '../../domain/cable';
import {
  emptyDraft,
  type ChainStep,
  type ComposerDirectory,
  type Draft,
  type DraftState,
  type DraftSummary,
  type DraftView,
  type RuleContext,
  type RuleFinding,
} from '../../domain/draft';
import { formatDtg } from '../../domain/dtg';
import { checkDraft, hasErrors } from '../../domain/rules';
import { draftSchema } from '../../contract/draft';
import type { AuditTrail } from '../audit/auditTrail';
import { signDetached, withSecretKey } from '../crypto/keys';
import { currentKey } from '../crypto/keyStore';
import { CableroomError } from '../errors';
import {
  insertCableSignatures,
  readSignedCables,
  releasedCableInput,
  type StoredSignature,
} from '../signing/signedCable';
import { chainMessages, chainProblems } from '../signing/verifyChain';
import { cableIdByRef, loadCableRecord } from '../store/cableReader';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';
import { userByLogin } from '../store/directoryRepository';
import { setApprovalAuthority, type ApprovalKind } from '../store/draftsRepository';
import { prepared } from '../store/statements';
import { accessSubject, type Actor } from './actor';
import { accessObjectOf } from './cableView';
import {
  actorOfUser,
  asFinding,
  drafterProblems,
  labelDecision,
  labelProblem,
  releaseProblems,
  type AuthorityProblem,
} from './drafts/authority';
import { refusals } from './refusal';

/**
 * The drafting desk (issue 5; DOMAIN.md §1.11, rules 19, 23, 24): drafts that autosave, the rule
 * checker on every read, and the clearance chain — the drafter signs, each clearer clears or
 * refuses, the approver signs and releases. Every signature is Ed25519 over the canonical bytes
 * of the draft at its current revision (electron/domain/canonical.ts); any change of content
 * bumps the revision and voids every signature made so far (rule 23).
 */
export type DraftsService = Readonly<{
  list(actor: Actor): DraftSummary[];
  create(actor: Actor, options: { profile?: EraProfile | undefined; replyTo?: number | undefined }): DraftView;
  get(actor: Actor, id: number): DraftView;
  /** Autosave. `revision` is the one the editor started from; a stale one gets CONFLICT. */
  save(actor: Actor, id: number, revision: number, draft: unknown): DraftView;
  /** The drafter signs and sends the draft to its clearers (or straight to the approver). */
  submit(actor: Actor, id: number, revision: number, passphrase: string): DraftView;
  clear(actor: Actor, id: number, revision: number, clearanceIndex: number, passphrase: string): DraftView;
  refuse(actor: Actor, id: number, revision: number, clearanceIndex: number, comment: string): DraftView;
  /** The approver signs; the cable is released (transmitted) in the same transaction. */
  approve(actor: Actor, id: number, revision: number, passphrase: string): DraftView;
  discard(actor: Actor, id: number): void;
  /** An instructor's explicit, audited permission to go below a referenced cable's label (rule 19). */
  authorizeDowngrade(actor: Actor, id: number, reason: string): DraftView;
  /** Posts, collectives and people for the composer's pickers. */
  composerDirectory(actor: Actor): ComposerDirectory;
  /** The rule checker over any draft document (CLI `draft check`). */
  check(draft: unknown): RuleFinding[];
  /**
   * Records (or, with null, revokes) a user's approval authority at the user's post: a deputy or
   * an officer the principal designated (docs/RULES.md). The post's principal, or an instructor
   * or admin, decides; trainees never hold it. Audited DESIGNATE.
   */
  setApprovalAuthority(actor: Actor, login: string, authority: ApprovalKind | null, now?: Date): void;
}>;

type DraftRow = {
  id: number;
  owner_user_id: number;
  state: DraftState;
  revision: number;
  body: string;
  returned_note: string | null;
  downgrade_by_user_id: number | null;
  downgrade_reason: string | null;
  cable_id: number | null;
  updated_at: string;
  owner_login: string;
  owner_name: string;
  released_ref: string | null;
};

type SignatureRow = {
  id: number;
  role: ChainStep['role'];
  clearance_index: number | null;
  decision: 'SIGNED' | 'REFUSED';
  comment: string | null;
  signer_user_id: number;
  signer_login: string;
  signer_person: string;
  key_fingerprint: string | null;
  signature: Buffer | null;
  at: string;
};

const bad = (message: string): CableroomError => new CableroomError('BAD_REQUEST', message);

/** The MRN station of a post: "SECSTATE WASHDC" → STATE, "AMEMBASSY PARIS" → PARIS (DOMAIN.md §1.10). */
export function mrnStation(plad: string): string {
  if (plad.startsWith('SECSTATE')) return 'STATE';
  const words = plad.split(' ');
  return (words.length > 1 ? words[1]! : words[0]!).replace(/[^A-Z]/g, '');
}

export function createDraftsService(db: Db, audit: AuditTrail): DraftsService {
  const who = (a: Actor) => ({ userId: a.userId, login: a.login });
  const refuse = refusals(db, audit);
  /** Refuses an act on a draft with an authority problem (audited DENY). */
  const refuseWith = (actor: Actor, id: number, what: string, p: AuthorityProblem): never =>
    refuse(actor, {
      code: p.code,
      message: p.message,
      detail: { draft: id, what, reason: p.reason, field: p.field },
    });
  const personKey = (personId: number): string =>
    (prepared(db, 'SELECT key FROM people WHERE id = ?').pluck().get(personId) as string | undefined) ?? '';
  const personName = (key: string): string =>
    (prepared(db, 'SELECT full_name FROM people WHERE key = ?').pluck().get(key) as string | undefined) ?? key;

  const row = (id: number): DraftRow => {
    const r = prepared(
      db,
      `SELECT d.*, u.login AS owner_login, p.full_name AS owner_name, c.ref AS released_ref
         FROM drafts d JOIN users u ON u.id = d.owner_user_id JOIN people p ON p.id = u.person_id
         LEFT JOIN cables c ON c.id = d.cable_id
        WHERE d.id = ? AND d.state <> 'DISCARDED'`,
    ).get(id) as DraftRow | undefined;
    if (!r) throw new CableroomError('NOT_FOUND', `No draft ${id}.`);
    return r;
  };
  const body = (r: DraftRow): Draft => draftSchema.parse(JSON.parse(r.body));
  const signatures = (draftId: number, revision: number): SignatureRow[] =>
    prepared(
      db,
      `SELECT s.id, s.role, s.clearance_index, s.decision, s.comment, s.signer_user_id, u.login AS signer_login,
              p.key AS signer_person, k.fingerprint AS key_fingerprint, s.signature, s.at
         FROM draft_signatures s JOIN users u ON u.id = s.signer_user_id JOIN people p ON p.id = u.person_id
         LEFT JOIN person_keys k ON k.id = s.key_id
        WHERE s.draft_id = ? AND s.revision = ? AND s.voided_at IS NULL ORDER BY s.id`,
    ).all(draftId, revision) as SignatureRow[];

  /** May this actor act as clearer number `i` of the draft? A named person, or anyone of the named office. */
  const isClearer = (actor: Actor, d: Draft, i: number): boolean => {
    const c = d.clearers[i];
    if (!c) return false;
    if (c.person) return c.person === personKey(actor.personId);
    if (!c.office || actor.post.plad !== c.office.station || actor.officeId === null) return false;
    return prepared(db, 'SELECT code FROM offices WHERE id = ?').pluck().get(actor.officeId) === c.office.code;
  };
  const isApprover = (actor: Actor, d: Draft): boolean =>
    d.approver !== null && d.approver === personKey(actor.personId);
  const overseer = (actor: Actor): boolean => actor.role === 'instructor' || actor.role === 'admin';
  /**
   * Why the actor may not read the draft, or null: the drafter reads their own; clearers, the
   * approver and the overseers (instructors, admins) only within their clearance — the draft's
   * classification and dissemination controls (issue 13 item 2; rules 18, 20), whatever the role.
   */
  const readRefusal = (actor: Actor, r: DraftRow, d: Draft): string | null => {
    if (r.owner_user_id === actor.userId) return null;
    if (!overseer(actor) && !isApprover(actor, d) && !d.clearers.some((_, i) => isClearer(actor, d, i)))
      return 'NOT_IN_CHAIN';
    const label = labelDecision(actor, d);
    return label.allowed ? null : label.reason;
  };

  const ruleContext = (d: Draft, downgrade: boolean): RuleContext => {
    const stations = new Map(
      (
        prepared(db, 'SELECT plad, kind, country FROM stations').all() as {
          plad: string;
          kind: string;
          country: string | null;
        }[]
      ).map((s) => [s.plad, { kind: s.kind, country: s.country }]),
    );
    const members = prepared(
      db,
      'SELECT k.name, s.plad FROM collectives k JOIN collective_members m ON m.collective_id = k.id JOIN stations s ON s.id = m.station_id',
    ).all() as { name: string; plad: string }[];
    const collectives = new Map<string, string[]>();
    for (const m of members) collectives.set(m.name, [...(collectives.get(m.name) ?? []), m.plad]);
    for (const name of prepared(db, 'SELECT name FROM collectives').pluck().all() as string[]) {
      if (!collectives.has(name)) collectives.set(name, []);
    }
    // Rule 19 reads the labels of referenced cables. Only the label is used, never the content: a
    // duty officer may cite "TOPOL 578" without being allowed to read it, and the reply must still
    // dominate its label (the issue's POLTO exercise).
    const referencedLabels = new Map<
      string,
      RuleContext['referencedLabels'] extends ReadonlyMap<string, infer V> ? V : never
    >();
    for (const ref of d.references) {
      if (!ref.cable) continue;
      const id = cableIdByRef(db, ref.cable);
      const record = id === undefined ? undefined : loadCableRecord(db, id);
      if (!record) continue;
      referencedLabels.set(ref.cable, {
        classification: record.cable.classification,
        captions: record.cable.captions,
        dissem: record.cable.dissem,
        relTo: record.cable.rel_to,
      });
    }
    return { stations, collectives, referencedLabels, downgradeAuthorized: downgrade };
  };
  const findingsOf = (r: DraftRow, d: Draft): RuleFinding[] =>
    checkDraft(d, ruleContext(d, r.downgrade_by_user_id !== null));
  /** The rule findings and, beside their fields, the release-authority problems of the drafter's chain. */
  const findingsWithAuthority = (r: DraftRow, d: Draft): RuleFinding[] => {
    const owner = actorOfUser(db, r.owner_user_id);
    const authority = owner ? drafterProblems(db, owner, d, false).map(asFinding) : [];
    const rank = (f: RuleFinding) => (f.severity === 'error' ? 0 : 1);
    return [...findingsOf(r, d), ...authority].sort((a, b) => rank(a) - rank(b) || a.rule - b.rule);
  };

  const view = (actor: Actor, r: DraftRow): DraftView => {
    const d = body(r);
    const sigs = signatures(r.id, r.revision);
    const step = (s: SignatureRow | undefined) =>
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
          mine: r.state === 'IN_CLEARANCE' && s?.decision !== 'SIGNED' && isClearer(actor, d, i),
        };
      }),
      {
        role: 'APPROVER',
        clearanceIndex: null,
        label: `Approved by ${d.approver ? personName(d.approver) : '(no approver named)'}`,
        ...step(sigs.find((s) => s.role === 'APPROVER')),
        mine: r.state === 'AWAITING_APPROVAL' && isApprover(actor, d),
      },
    ];
    const downgradeBy =
      r.downgrade_by_user_id === null
        ? null
        : ((prepared(db, 'SELECT login FROM users WHERE id = ?').pluck().get(r.downgrade_by_user_id) as string) ??
          null);
    return {
      id: r.id,
      state: r.state,
      revision: r.revision,
      draft: d,
      owner: r.owner_login,
      ownerName: r.owner_name,
      updatedAt: r.updated_at,
      findings: findingsWithAuthority(r, d),
      chain,
      returnedNote: r.returned_note,
      canEdit: r.owner_user_id === actor.userId && r.state !== 'RELEASED',
      downgrade: downgradeBy ? { by: downgradeBy, reason: r.downgrade_reason ?? '' } : null,
      releasedRef: r.released_ref,
      releasedCableId: r.cable_id,
    };
  };

  /** The draft, if the actor may read it; an audited ACCESS_DENIED naming `what` was refused otherwise. */
  const readable = (actor: Actor, id: number, what: string): DraftRow => {
    const r = row(id);
    const d = body(r);
    const why = readRefusal(actor, r, d);
    if (why !== null) {
      refuse(actor, {
        message:
          why === 'NOT_IN_CHAIN'
            ? 'This draft is not yours, and you are not among its clearers or its approver.'
            : (labelProblem(actor, d, 'classification', true)?.message ?? 'This draft is above what you may read.'),
        detail: { draft: id, what, reason: why },
      });
    }
    return r;
  };
  const current = (r: DraftRow, revision: number): void => {
    if (r.revision !== revision) {
      throw new CableroomError(
        'CONFLICT',
        `The draft changed since you opened it (revision ${revision}, now ${r.revision}). Reload it before you act.`,
      );
    }
  };

  /** The actor clears (or refuses) line `i`: its clearer, who may hold the draft; audited DENY otherwise. */
  const mayClear = (actor: Actor, id: number, d: Draft, i: number, what: string): void => {
    if (!isClearer(actor, d, i)) {
      refuse(actor, {
        message: 'You are not the clearer of this line.',
        detail: { draft: id, what, clearance: i, reason: 'NOT_CLEARER' },
      });
    }
    const label = labelProblem(actor, d, `clearers[${i}]`, true);
    if (label) refuseWith(actor, id, what, label);
  };

  /** Unseals the actor's key with the passphrase and signs one message; a wrong passphrase is audited. */
  const signAs = <T>(
    actor: Actor,
    passphrase: string,
    what: Record<string, unknown>,
    use: (sign: (m: Uint8Array) => Uint8Array, fingerprint: string, keyId: number) => T,
  ): T => {
    const key = currentKey(db, actor.personId);
    if (!key?.sealed)
      throw bad('You have no signing key. Ask an instructor to set your passphrase, which creates one.');
    const sealed = key.sealed;
    try {
      return withSecretKey(sealed, passphrase, (secret) =>
        use((m) => signDetached(m, secret), key.fingerprint, key.id),
      );
    } catch (e) {
      if (e instanceof CableroomError && e.code === 'WRONG_PASSPHRASE') {
        audit.append({ actor: who(actor), action: 'SIGN_FAILED', detail: what });
      }
      throw e;
    }
  };
  const header = (
    actor: Actor,
    role: SignatureHeader['role'],
    fingerprint: string,
    clearance: SignatureHeader['clearance'],
    release: ReleaseHeader | null,
  ): SignatureHeader => ({
    v: 1,
    role,
    signer: personKey(actor.personId),
    key: fingerprint,
    clearance,
    release,
  });
  const insertSignature = prepared(
    db,
    `INSERT INTO draft_signatures (draft_id, revision, role, clearance_index, decision, comment, signer_user_id, key_id, signature, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setState = (id: number, state: DraftState, note: string | null, now: string): void => {
    prepared(db, 'UPDATE drafts SET state = ?, returned_note = ?, updated_at = ? WHERE id = ?').run(
      state,
      note,
      now,
      id,
    );
  };
  const requiredCleared = (d: Draft, sigs: SignatureRow[]): boolean =>
    d.clearers.every(
      (c, i) =>
        c.kind === 'INFO' ||
        sigs.some((s) => s.role === 'CLEARER' && s.clearance_index === i && s.decision === 'SIGNED'),
    );
  const mustHaveNoErrors = (findings: RuleFinding[]): void => {
    if (hasErrors(findings)) {
      const first = findings.find((f) => f.severity === 'error')!;
      throw new CableroomError(
        'RULE_VIOLATION',
        `${findings.filter((f) => f.severity === 'error').length} rule error(s) stand; the first: rule ${first.rule} (${first.field}): ${first.message}`,
      );
    }
  };

  /**
   * The drafter's or a clearer's signature (rule 23): unseal the key, then in one transaction
   * check the revision, sign the canonical bytes with the role, record it, move the draft on and
   * audit it (SIGN for the drafter, CLEAR for a clearer).
   */
  const signStep = (
    actor: Actor,
    passphrase: string,
    step: { id: number; revision: number; draft: Draft; clearanceIndex: number | null },
    advance: (now: string) => void,
  ): DraftView => {
    const { id, revision, draft: d, clearanceIndex } = step;
    const role = clearanceIndex === null ? 'DRAFTER' : 'CLEARER';
    const c = clearanceIndex === null ? null : d.clearers[clearanceIndex]!;
    const clearance = c ? { for: clearanceName(c), kind: c.kind } : null;
    return signAs(actor, passphrase, { draft: id, role, clearance: clearanceIndex }, (sign, fingerprint, keyId) =>
      db.transaction(() => {
        current(row(id), revision);
        const signature = sign(signedMessage(header(actor, role, fingerprint, clearance, null), encodeContent(d)));
        const now = new Date().toISOString();
        insertSignature.run(
          id,
          revision,
          role,
          clearanceIndex,
          'SIGNED',
          null,
          actor.userId,
          keyId,
          Buffer.from(signature),
          now,
        );
        advance(now);
        audit.append({
          actor: who(actor),
          action: role === 'DRAFTER' ? 'SIGN' : 'CLEAR',
          detail: {
            draft: id,
            revision,
            role,
            ...(clearance ? { clearance: clearance.for, kind: clearance.kind } : {}),
            key: fingerprint,
          },
        });
        return view(actor, row(id));
      })(),
    );
  };

  const service: DraftsService = {
    list(actor) {
      const rows = prepared(
        db,
        `SELECT d.*, u.login AS owner_login, p.full_name AS owner_name, c.ref AS released_ref
           FROM drafts d JOIN users u ON u.id = d.owner_user_id JOIN people p ON p.id = u.person_id
           LEFT JOIN cables c ON c.id = d.cable_id
          WHERE d.state <> 'DISCARDED' ORDER BY d.updated_at DESC, d.id DESC LIMIT 500`,
      ).all() as DraftRow[];
      const out: DraftSummary[] = [];
      for (const r of rows) {
        const d = body(r);
        const mine = r.owner_user_id === actor.userId;
        const toClear = r.state === 'IN_CLEARANCE' && d.clearers.some((_, i) => isClearer(actor, d, i));
        const toApprove = r.state === 'AWAITING_APPROVAL' && isApprover(actor, d);
        // Instructors and admins oversee every draft (e.g. to authorise a downgrade, rule 19),
        // within their clearance like everyone else (the same rule as get).
        if (!mine && !toClear && !toApprove && !overseer(actor)) continue;
        if (readRefusal(actor, r, d) !== null) continue;
        out.push({
          id: r.id,
          state: r.state,
          revision: r.revision,
          subject: d.subject,
          classification: d.classification,
          owner: r.owner_login,
          updatedAt: r.updated_at,
          waitingForMe: (mine && r.state === 'DRAFTING') || toClear || toApprove,
          releasedRef: r.released_ref,
        });
      }
      return out;
    },

    create(actor, options) {
      const now = new Date().toISOString();
      let d = emptyDraft(options.profile ?? 'FRUS_1960S', { plad: actor.post.plad }, personKey(actor.personId));
      if (options.replyTo !== undefined) {
        const record = loadCableRecord(db, options.replyTo);
        if (!record) throw new CableroomError('NOT_FOUND', `No cable with id ${options.replyTo}.`);
        const decision = decideAccess(accessSubject(actor), accessObjectOf(record));
        if (!decision.allowed) {
          refuse(actor, {
            message: 'You may not reply to a cable you may not read.',
            cableId: options.replyTo,
            detail: { what: 'reply', reason: decision.reason },
          });
        }
        const c = record.cable;
        const from = c.originator_plad;
        // A reply references its source and starts at the source's label (no write-down, rule 19).
        d = {
          ...d,
          profile: c.profile,
          classification: c.classification,
          captions: c.captions,
          dissem: c.dissem,
          relTo: c.rel_to,
          subject: c.subject,
          references: [{ label: 'A', text: c.ref, cable: c.ref }],
          addressees: [{ plad: from, role: 'ACTION', precedence: 'ROUTINE', niact: false, for: [] }],
          paragraphs: [
            {
              n: null,
              portion:
                c.classification === 'TOP_SECRET'
                  ? 'TS'
                  : c.classification === 'SECRET'
                    ? 'S'
                    : c.classification === 'CONFIDENTIAL'
                      ? 'C'
                      : 'U',
              fyi: false,
              text: '',
            },
          ],
        };
      }
      const id = Number(
        prepared(
          db,
          `INSERT INTO drafts (owner_user_id, state, revision, body, subject, classification, created_at, updated_at)
           VALUES (?, 'DRAFTING', 1, ?, ?, ?, ?, ?)`,
        ).run(actor.userId, JSON.stringify(d), d.subject, d.classification, now, now).lastInsertRowid,
      );
      audit.append({
        actor: who(actor),
        action: 'DRAFT',
        ...(options.replyTo !== undefined ? { cableId: options.replyTo } : {}),
        detail: { draft: id, created: true },
      });
      return view(actor, row(id));
    },

    get(actor, id) {
      return view(actor, readable(actor, id, 'read'));
    },

    save(actor, id, revision, input) {
      const parsed = draftSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw bad(`The draft is not well formed: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
      }
      // Refused before the transaction, so that the DENY entry is not rolled back with it.
      if (row(id).owner_user_id !== actor.userId) {
        refuse(actor, {
          message: 'Only the drafter edits a draft.',
          detail: { draft: id, what: 'edit', reason: 'NOT_DRAFTER' },
        });
      }
      return db.transaction(() => {
        const r = row(id);
        if (r.state === 'RELEASED') throw bad('A released cable cannot be edited; reply to it or repeat it instead.');
        current(r, revision);
        const next = parsed.data;
        const changed = JSON.stringify(next) !== JSON.stringify(body(r));
        if (!changed) return view(actor, r);
        const now = new Date().toISOString();
        // Rule 23: any edit voids every signature made so far and returns the draft to the drafter.
        const voided = prepared(
          db,
          'UPDATE draft_signatures SET voided_at = ? WHERE draft_id = ? AND voided_at IS NULL',
        ).run(now, id).changes;
        const returned =
          voided > 0 ? `Edited after signing: ${voided} signature(s) voided (rule 23).` : r.returned_note;
        prepared(
          db,
          `UPDATE drafts SET body = ?, subject = ?, classification = ?, revision = revision + 1, state = 'DRAFTING',
                  returned_note = ?, updated_at = ? WHERE id = ?`,
        ).run(JSON.stringify(next), next.subject, next.classification, returned, now, id);
        if (voided > 0) {
          audit.append({ actor: who(actor), action: 'DRAFT', detail: { draft: id, revision: r.revision + 1, voided } });
        }
        return view(actor, row(id));
      })();
    },

    submit(actor, id, revision, passphrase) {
      const r = row(id);
      if (r.owner_user_id !== actor.userId) {
        refuse(actor, {
          message: 'Only the drafter signs the draft.',
          detail: { draft: id, what: 'submit', reason: 'NOT_DRAFTER' },
        });
      }
      if (r.state !== 'DRAFTING') throw bad('The draft is already signed and in clearance.');
      current(r, revision);
      const d = body(r);
      // Release authority (issue 13): originator, clearances, the approver's authority, the signature line.
      const [problem] = drafterProblems(db, actor, d, true);
      if (problem) refuseWith(actor, id, 'submit', problem);
      mustHaveNoErrors(findingsOf(r, d));
      if (d.drafters[0] !== personKey(actor.personId))
        throw bad('The first drafter named is the one who signs; that is not you.');
      const next: DraftState = d.clearers.some((c) => c.kind !== 'INFO') ? 'IN_CLEARANCE' : 'AWAITING_APPROVAL';
      return signStep(actor, passphrase, { id, revision, draft: d, clearanceIndex: null }, (now) => {
        // A new submission asks the clearers again: earlier refusals no longer stand (they stay in the audit trail).
        prepared(
          db,
          "UPDATE draft_signatures SET voided_at = ? WHERE draft_id = ? AND voided_at IS NULL AND decision = 'REFUSED'",
        ).run(now, id);
        setState(id, next, null, now);
      });
    },

    clear(actor, id, revision, i, passphrase) {
      const r = readable(actor, id, 'clear');
      const d = body(r);
      if (r.state !== 'IN_CLEARANCE') throw bad('The draft is not in clearance.');
      current(r, revision);
      mayClear(actor, id, d, i, 'clear');
      return signStep(actor, passphrase, { id, revision, draft: d, clearanceIndex: i }, (now) => {
        if (requiredCleared(d, signatures(id, revision))) setState(id, 'AWAITING_APPROVAL', null, now);
      });
    },

    refuse(actor, id, revision, i, comment) {
      const r = readable(actor, id, 'refuse');
      const d = body(r);
      if (r.state !== 'IN_CLEARANCE') throw bad('The draft is not in clearance.');
      current(r, revision);
      mayClear(actor, id, d, i, 'refuse');
      if (comment.trim().length === 0)
        throw bad('Say why you refuse clearance: the drafter needs to know what to fix.');
      return db.transaction(() => {
        const now = new Date().toISOString();
        insertSignature.run(id, revision, 'CLEARER', i, 'REFUSED', comment.trim(), actor.userId, null, null, now);
        setState(id, 'DRAFTING', `Clearance refused by ${actor.displayName}: ${comment.trim()}`, now);
        // The refusal returns the draft: the drafter's signature no longer stands.
        prepared(
          db,
          "UPDATE draft_signatures SET voided_at = ? WHERE draft_id = ? AND voided_at IS NULL AND decision = 'SIGNED'",
        ).run(now, id);
        audit.append({
          actor: who(actor),
          action: 'REFUSE',
          detail: { draft: id, revision, clearance: clearanceName(d.clearers[i]!), comment: comment.trim() },
        });
        return view(actor, row(id));
      })();
    },

    approve(actor, id, revision, passphrase) {
      const r = readable(actor, id, 'approve');
      const d = body(r);
      if (r.state !== 'AWAITING_APPROVAL')
        throw bad('The draft is not waiting for approval: every required clearance must be signed first (rule 23).');
      current(r, revision);
      if (!isApprover(actor, d)) {
        refuse(actor, {
          message: 'Only the approver named on the draft approves and releases it.',
          detail: { draft: id, what: 'approve', reason: 'NOT_APPROVER' },
        });
      }
      // Release authority (issue 13), checked again now: clearances and designations may have changed.
      const signers = signatures(id, revision)
        .filter((s) => s.role === 'CLEARER' && s.decision === 'SIGNED')
        .map((s) => actorOfUser(db, s.signer_user_id))
        .filter((a): a is Actor => a !== undefined);
      const [problem] = releaseProblems(db, actor, actorOfUser(db, r.owner_user_id), signers, d);
      if (problem) refuseWith(actor, id, 'approve', problem);
      mustHaveNoErrors(findingsOf(r, d));
      return signAs(actor, passphrase, { draft: id, role: 'APPROVER' }, (sign, fingerprint, keyId) =>
        db.transaction(() => {
          current(row(id), revision);
          const sigs = signatures(id, revision);
          if (!requiredCleared(d, sigs) || !sigs.some((s) => s.role === 'DRAFTER')) {
            throw bad('Every required clearance and the drafter must have signed (rule 23).');
          }
          const now = new Date();
          const release = releaseHeader(d, now);
          const content = encodeContent(d);
          const approver: StoredSignature = {
            role: 'APPROVER',
            signer: personKey(actor.personId),
            key: fingerprint,
            clearance: null,
            signedAt: now.toISOString(),
            signature: sign(signedMessage(header(actor, 'APPROVER', fingerprint, null, release), content)),
          };
          const chain: StoredSignature[] = [
            ...sigs
              .filter((s) => s.decision === 'SIGNED')
              .map((s) => ({
                role: s.role,
                signer: s.signer_person,
                key: s.key_fingerprint ?? '',
                clearance:
                  s.role === 'CLEARER'
                    ? {
                        for: clearanceName(d.clearers[s.clearance_index!]!),
                        kind: d.clearers[s.clearance_index!]!.kind,
                      }
                    : null,
                signedAt: s.at,
                signature: new Uint8Array(s.signature!),
              })),
            approver,
          ];
          insertSignature.run(
            id,
            revision,
            'APPROVER',
            null,
            'SIGNED',
            null,
            actor.userId,
            keyId,
            Buffer.from(approver.signature),
            approver.signedAt,
          );
          const cableId = insertCable(db, releasedCableInput(d, release), now);
          insertCableSignatures(db, cableId, chain);
          // The cable as stored must encode to exactly the bytes that were signed.
          const [stored] = readSignedCables(db, cableId, cableId);
          const again = stored ? chainMessages(stored) : [];
          const expected = chainMessages({ draft: d, release, signatures: chain });
          if (
            again.length !== expected.length ||
            again.some((m, k) => Buffer.compare(Buffer.from(m), Buffer.from(expected[k]!)) !== 0) ||
            chainProblems({ draft: d, release, signatures: chain }).length > 0
          ) {
            throw new CableroomError(
              'INTERNAL',
              'The released cable does not read back as signed; nothing was released.',
            );
          }
          prepared(
            db,
            `UPDATE drafts SET state = 'RELEASED', cable_id = ?, returned_note = NULL, updated_at = ? WHERE id = ?`,
          ).run(cableId, now.toISOString(), id);
          audit.append(
            { actor: who(actor), action: 'APPROVE', cableId, detail: { draft: id, revision, key: fingerprint } },
            now,
          );
          audit.append(
            {
              actor: who(actor),
              action: 'RELEASE',
              cableId,
              detail: { draft: id, ref: release.ref, dtg: release.dtg },
            },
            now,
          );
          return view(actor, row(id));
        })(),
      );
    },

    discard(actor, id) {
      const r = row(id);
      if (r.owner_user_id !== actor.userId) {
        refuse(actor, {
          message: 'Only the drafter discards a draft.',
          detail: { draft: id, what: 'discard', reason: 'NOT_DRAFTER' },
        });
      }
      if (r.state === 'RELEASED') throw bad('A released cable cannot be discarded.');
      prepared(db, "UPDATE drafts SET state = 'DISCARDED', updated_at = ? WHERE id = ?").run(
        new Date().toISOString(),
        id,
      );
      audit.append({ actor: who(actor), action: 'DRAFT', detail: { draft: id, discarded: true } });
    },

    authorizeDowngrade(actor, id, reason) {
      if (!overseer(actor)) {
        refuse(actor, {
          message: 'Only an instructor may authorise a downgrade (rule 19).',
          detail: { draft: id, what: 'downgrade', reason: 'NOT_INSTRUCTOR' },
        });
      }
      if (reason.trim().length < 5) throw bad('Record why the downgrade is justified (rule 19 needs a reason).');
      readable(actor, id, 'downgrade');
      prepared(db, 'UPDATE drafts SET downgrade_by_user_id = ?, downgrade_reason = ? WHERE id = ?').run(
        actor.userId,
        reason.trim(),
        id,
      );
      audit.append({ actor: who(actor), action: 'DOWNGRADE', detail: { draft: id, reason: reason.trim() } });
      return view(actor, row(id));
    },

    composerDirectory(actor) {
      const offices = prepared(db, 'SELECT station_id, code, name FROM offices ORDER BY code').all() as {
        station_id: number;
        code: string;
        name: string;
      }[];
      const posts = (
        prepared(db, 'SELECT id, plad, name, kind FROM stations ORDER BY name').all() as {
          id: number;
          plad: string;
          name: string;
          kind: string;
        }[]
      ).map((s) => ({
        plad: s.plad,
        name: s.name,
        kind: s.kind,
        offices: offices.filter((o) => o.station_id === s.id).map((o) => ({ code: o.code, name: o.name })),
      }));
      const members = prepared(
        db,
        `SELECT k.name, s.plad FROM collectives k LEFT JOIN collective_members m ON m.collective_id = k.id
           LEFT JOIN stations s ON s.id = m.station_id ORDER BY k.name, s.plad`,
      ).all() as { name: string; plad: string | null }[];
      const collectives = [...new Set(members.map((m) => m.name))].map((name) => ({
        name,
        members: members.filter((m) => m.name === name && m.plad !== null).map((m) => m.plad!),
      }));
      const people = (
        prepared(
          db,
          `SELECT p.key, p.full_name AS name, s.plad, o.code AS office, p.is_principal AS principal,
                  EXISTS (SELECT 1 FROM person_keys k WHERE k.person_id = p.id AND k.retired_at IS NULL) AS has_key
             FROM people p JOIN stations s ON s.id = p.station_id LEFT JOIN offices o ON o.id = p.office_id
            ORDER BY p.surname`,
        ).all() as {
          key: string;
          name: string;
          plad: string;
          office: string | null;
          principal: number;
          has_key: number;
        }[]
      ).map((p) => ({
        key: p.key,
        name: p.name,
        plad: p.plad,
        office: p.office,
        principal: p.principal === 1,
        hasKey: p.has_key === 1,
      }));
      return { posts, collectives, people, me: personKey(actor.personId) };
    },

    check(input) {
      const parsed = draftSchema.safeParse(input);
      if (!parsed.success) {
        return parsed.error.issues.map((issue) => ({
          rule: 0,
          severity: 'error' as const,
          field: issue.path.join('.') || '(draft)',
          message: `Not a well-formed draft: ${issue.message} (docs/DRAFTING.md describes the format).`,
        }));
      }
      return checkDraft(parsed.data, ruleContext(parsed.data, false));
    },

    setApprovalAuthority(actor, login, authority, now = new Date()) {
      const target = userByLogin(db, login);
      if (!target) throw new CableroomError('NOT_FOUND', `No user ${login}.`);
      const what = 'approval authority';
      if (!overseer(actor)) {
        if (!actor.isPrincipal) {
          refuse(actor, {
            message: "Only the post's principal (or an instructor) designates who approves.",
            detail: { what, login, reason: 'NOT_PRINCIPAL' },
          });
        }
        if (actor.stationId !== target.station_id) {
          refuse(actor, {
            message: `${login} is not at your post, ${actor.post.plad}: a principal designates approvers at their own post.`,
            detail: { what, login, reason: 'OTHER_POST' },
          });
        }
      }
      if (authority !== null && target.role === 'trainee') {
        refuse(actor, {
          code: 'BAD_REQUEST',
          message: `${login} is a trainee: trainees never approve (docs/RULES.md).`,
          detail: { what, login, reason: 'TRAINEE' },
        });
      }
      db.transaction(() => {
        setApprovalAuthority(db, {
          personId: target.person_id,
          stationId: target.station_id,
          kind: authority,
          byUserId: actor.userId,
          at: now.toISOString(),
        });
        audit.append({ actor: who(actor), action: 'DESIGNATE', detail: { what, login, authority } }, now);
      })();
    },
  };

  /** What the release assigns (DOMAIN.md §1.10, rule 22): DTG = now, the next MRN and series numbers. */
  function releaseHeader(d: Draft, now: Date): ReleaseHeader {
    const station = mrnStation(d.originator.plad);
    const year = now.getUTCFullYear();
    const serial =
      ((prepared(db, 'SELECT max(mrn_serial) FROM cables WHERE mrn_station = ? AND mrn_year = ?')
        .pluck()
        .get(station, year) as number | null) ?? 0) + 1;
    const series = d.series
      ? {
          indicator: d.series,
          number:
            ((prepared(db, 'SELECT max(series_number) FROM cables WHERE series_indicator = ?').pluck().get(d.series) as
              number | null) ?? 0) + 1,
        }
      : null;
    return {
      ref: series ? `${series.indicator} ${series.number}` : `${station} ${String(serial).padStart(6, '0')}`,
      dtg: formatDtg(now),
      mrn: { station, year, serial },
      series,
    };
  }

  return service;
}
