import { decideAccess } from '../../../domain/access';
import { emptyDraft, type Draft, type DraftSummary } from '../../../domain/draft';
import { startReply } from '../../../domain/reply';
import { checkDraft } from '../../../domain/rules';
import { draftSchema } from '../../../contract/draft';
import { CableroomError } from '../../errors';
import { loadCableRecord } from '../../store/cableReader';
import {
  collectivesWithMembers,
  composerDirectoryRows,
  draftSignatures,
  insertDraft,
  markDraftDiscarded,
  recentDraftRows,
  setDraftDowngrade,
  updateDraftContent,
  voidDraftSignatures,
} from '../../store/draftsRepository';
import { accessSubject } from '../actor';
import { accessObjectOf } from '../cableView';
import type { DraftsService } from '../drafts';
import { bad, type Desk } from './desk';
import { draftView, ruleContext } from './view';

/** How many drafts the desk lists at most (newest first). */
const DESK_LIST_LIMIT = 500;

/**
 * Composing (issue 5; DOMAIN.md rules 19, 23): the desk's list, new drafts and replies, reading,
 * autosave (an edit voids every signature), discarding, an instructor's downgrade, the
 * composer's pickers and the rule checker over any document.
 */
export function composeSteps(
  desk: Desk,
): Pick<
  DraftsService,
  'list' | 'create' | 'get' | 'save' | 'discard' | 'authorizeDowngrade' | 'composerDirectory' | 'check'
> {
  const { db, audit, who, refuse, row, body } = desk;
  return {
    list(actor) {
      const out: DraftSummary[] = [];
      /** Whether one of these clearance steps of the draft's current revision is still open. */
      const unclearedBy = (r: { id: number; revision: number }, steps: ReadonlyArray<number>): boolean => {
        const done = new Set(
          draftSignatures(db, r.id, r.revision)
            .filter((s) => s.role === 'CLEARER' && s.decision === 'SIGNED')
            .map((s) => s.clearance_index),
        );
        return steps.some((i) => !done.has(i));
      };
      for (const r of recentDraftRows(db, DESK_LIST_LIMIT)) {
        const d = body(r);
        const mine = r.owner_user_id === actor.userId;
        const clearerAt = d.clearers.flatMap((_, i) => (desk.isClearer(actor, d, i) ? [i] : []));
        const toClear = r.state === 'IN_CLEARANCE' && clearerAt.length > 0;
        const toApprove = r.state === 'AWAITING_APPROVAL' && desk.isApprover(actor, d);
        // Instructors and admins oversee every draft (e.g. to authorise a downgrade, rule 19),
        // within their clearance like everyone else (the same rule as get).
        if (!mine && !toClear && !toApprove && !desk.overseer(actor)) continue;
        if (desk.readRefusal(actor, r, d) !== null) continue;
        out.push({
          id: r.id,
          state: r.state,
          revision: r.revision,
          subject: d.subject,
          classification: d.classification,
          owner: r.owner_login,
          updatedAt: r.updated_at,
          // A clearer who has cleared this revision is no longer waited for (issue 14 item 2).
          waitingForMe: (mine && r.state === 'DRAFTING') || (toClear && unclearedBy(r, clearerAt)) || toApprove,
          releasedRef: r.released_ref,
        });
      }
      return out;
    },

    create(actor, options) {
      const now = desk.clock.now().toISOString();
      let d: Draft = emptyDraft(
        options.profile ?? 'FRUS_1960S',
        { plad: actor.post.plad },
        desk.personKey(actor.personId),
      );
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
        // A reply of its era (issue 14 item 5): its matter as subject, the series to the originator,
        // REF A. as the era wrote it, at the source's label (no write-down, rule 19).
        d = startReply(d, {
          ref: c.ref,
          profile: c.profile,
          originator: c.originator_plad,
          series:
            c.series_indicator !== null && c.series_number !== null
              ? { indicator: c.series_indicator, number: c.series_number }
              : null,
          mrn:
            c.mrn_station !== null && c.mrn_year !== null && c.mrn_serial !== null
              ? { station: c.mrn_station, year: c.mrn_year, serial: c.mrn_serial }
              : null,
          classification: c.classification,
          captions: c.captions,
          dissem: c.dissem,
          relTo: c.rel_to,
          subject: c.subject,
          fileRef: c.file_ref,
          tags: c.tags,
        });
      }
      const id = insertDraft(db, {
        ownerUserId: actor.userId,
        body: JSON.stringify(d),
        subject: d.subject,
        classification: d.classification,
        now,
      });
      audit.append({
        actor: who(actor),
        action: 'DRAFT',
        ...(options.replyTo !== undefined ? { cableId: options.replyTo } : {}),
        detail: { draft: id, created: true },
      });
      return draftView(desk, actor, row(id));
    },

    get(actor, id) {
      return draftView(desk, actor, desk.readable(actor, id, 'read'));
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
        desk.current(r, revision);
        const next = parsed.data;
        const changed = JSON.stringify(next) !== JSON.stringify(body(r));
        if (!changed) return draftView(desk, actor, r);
        const now = desk.clock.now().toISOString();
        // Rule 23: any edit voids every signature made so far and returns the draft to the drafter.
        const voided = voidDraftSignatures(db, id, now);
        const returned =
          voided > 0 ? `Edited after signing: ${voided} signature(s) voided (rule 23).` : r.returned_note;
        updateDraftContent(db, id, {
          body: JSON.stringify(next),
          subject: next.subject,
          classification: next.classification,
          returnedNote: returned,
          now,
        });
        if (voided > 0) {
          audit.append({ actor: who(actor), action: 'DRAFT', detail: { draft: id, revision: r.revision + 1, voided } });
        }
        return draftView(desk, actor, row(id));
      })();
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
      markDraftDiscarded(db, id, desk.clock.now().toISOString());
      audit.append({ actor: who(actor), action: 'DRAFT', detail: { draft: id, discarded: true } });
    },

    authorizeDowngrade(actor, id, reason) {
      if (!desk.overseer(actor)) {
        refuse(actor, {
          message: 'Only an instructor may authorise a downgrade (rule 19).',
          detail: { draft: id, what: 'downgrade', reason: 'NOT_INSTRUCTOR' },
        });
      }
      if (reason.trim().length < 5) throw bad('Record why the downgrade is justified (rule 19 needs a reason).');
      desk.readable(actor, id, 'downgrade');
      setDraftDowngrade(db, id, actor.userId, reason.trim());
      audit.append({ actor: who(actor), action: 'DOWNGRADE', detail: { draft: id, reason: reason.trim() } });
      return draftView(desk, actor, row(id));
    },

    composerDirectory(actor) {
      const { stations, offices, people } = composerDirectoryRows(db);
      return {
        posts: stations.map((s) => ({
          plad: s.plad,
          name: s.name,
          kind: s.kind,
          offices: offices.filter((o) => o.station_id === s.id).map((o) => ({ code: o.code, name: o.name })),
        })),
        collectives: [...collectivesWithMembers(db)].map(([name, members]) => ({ name, members })),
        people: people.map((p) => ({
          key: p.key,
          name: p.name,
          plad: p.plad,
          office: p.office,
          principal: p.principal === 1,
          hasKey: p.has_key === 1,
        })),
        me: desk.personKey(actor.personId),
      };
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
      return checkDraft(parsed.data, ruleContext(db, parsed.data, false));
    },
  };
}
