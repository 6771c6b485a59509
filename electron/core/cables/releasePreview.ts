import type { DraftPreview } from '../../contract/ipc';
import { assertNever } from '../../domain/assertNever';
import type { CableView } from '../../domain/cable';
import type { Draft } from '../../domain/draft';
import type { Clock } from '../clock';
import { isCableroomError } from '../errors';
import type { Actor } from '../services/actor';
import { cableView } from '../services/cableView';
import type { DraftsService } from '../services/drafts';
import { releaseHeader, releaseInput } from '../services/drafts/release';
import { liveExerciseId, loadCableRecord } from '../store/cableReader';
import { insertCable } from '../store/cableWriter';
import type { Db } from '../store/database';

/**
 * A draft as its release would write it (issue 14 item 5: clearers see the cable, not the form).
 * Nothing here re-implements release: the draft goes through the release's own steps — its
 * numbering, `releasedCableInput`, the cable writer with its routing rules (9, 10, 11, 17), the
 * reader and `cableView` — inside a transaction that is always rolled back. So the preview is the
 * released cable's text to the letter (header, routing, captions, banner, portion marks,
 * signature and drafting block), and a draft release would refuse is refused in the writer's own
 * words. The change event the writer emits finds nothing once rolled back (core/events.ts).
 */

/** Thrown inside the trial to roll it back once the cable has been read. */
class TrialOver extends Error {
  constructor(readonly cable: CableView) {
    super('trial release rolled back');
  }
}

/**
 * The cable `d` would be if it were released at `now`, or the writer's reason for refusing it
 * (an invalid draft: no action addressee, an unknown station, a pass by a post that is no
 * addressee …). The cable has no id (0) and no signature chain: it exists nowhere yet.
 */
export function previewRelease(
  db: Db,
  d: Draft,
  now: Date,
): Readonly<{ cable: CableView; refusal: null } | { cable: null; refusal: string }> {
  try {
    db.transaction(() => {
      const id = insertCable(db, releaseInput(db, d, releaseHeader(db, d, now)), now, {
        arrivedAt: now,
        referencesIn: liveExerciseId(db),
      });
      const record = loadCableRecord(db, id);
      if (!record) throw new Error('The trial release did not read back.');
      throw new TrialOver({ ...cableView(record, null), id: 0 });
    })();
  } catch (e) {
    if (e instanceof TrialOver) return { cable: e.cable, refusal: null };
    if (isCableroomError(e) && e.code === 'BAD_REQUEST') return { cable: null, refusal: e.message };
    throw e;
  }
  throw new Error('The trial release was not rolled back.');
}

export type PreviewDeps = Readonly<{ db: Db; clock: Clock; drafts: Pick<DraftsService, 'get'> }>;

/**
 * The preview of draft `id` for `actor`: whoever may open the draft (its drafter, clearers,
 * approver, an overseer within their clearance — the desk's own read rule, refused and audited
 * as opening it would be) may see the cable it would become, at the clock's time (scenario time
 * inside an exercise, as the release's DTG).
 */
export function draftPreview(deps: PreviewDeps, actor: Actor, id: number): DraftPreview {
  const view = deps.drafts.get(actor, id);
  const head = { draftId: view.id, revision: view.revision };
  switch (view.state) {
    case 'RELEASED':
      return { ...head, cable: null, refusal: `Released as ${view.releasedRef ?? 'a cable'}: open the cable itself.` };
    case 'DISCARDED':
      return { ...head, cable: null, refusal: 'The draft was discarded: nothing will be released.' };
    case 'DRAFTING':
    case 'IN_CLEARANCE':
    case 'AWAITING_APPROVAL':
      return { ...head, ...previewRelease(deps.db, view.draft, deps.clock.now()) };
    default:
      return assertNever(view.state, 'draft state');
  }
}
