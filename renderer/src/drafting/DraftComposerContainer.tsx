import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { DraftPreview } from '../../../electron/contract/ipc';
import type { ComposerDirectory, DraftState, DraftView } from '../../../electron/domain/draft';
import { bannerLine } from '../../../electron/domain/markings';
import { type ApiError, type CableroomClient } from '../common/api';
import { failureOf } from '../common/loader';
import { useFailure, useSessionEnded } from '../common/session';
import { SlowWorkStatus } from '../common/SlowWork';
import { useLoad, type Load } from '../common/useLoad';
import { ComposerScreen } from './ComposerScreen';
import type { PreviewState } from './DraftPreviewPane';
import { DraftingActionDialog } from './DraftingActionDialog';
import type { ChainAction, ChainNotice } from './DraftingChainPanel';
import type { SearchState } from '../inbox/SearchResults';
import { UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { DraftAutosave, type AutosaveSnapshot } from './autosave';
import { describeError, serviceMessage } from '../common/errorText';
import type { CableTarget } from '../cable/CableContainer';
import { useMounted } from '../common/useMounted';

/** Archive hits offered when citing a reference. */
const ARCHIVE_LIMIT = 20;

/** Drafts that may still be released, and so have a preview. */
const PREVIEWED_STATES: ReadonlySet<DraftState> = new Set(['DRAFTING', 'IN_CLEARANCE', 'AWAITING_APPROVAL']);

/** The preview as the composer shows it: the last one read stays up while a newer is asked for. */
function previewState(load: Load<DraftPreview>, snapshot: AutosaveSnapshot): PreviewState {
  const failure = failureOf(load);
  if (failure !== null) return { status: 'error', message: serviceMessage(failure) };
  if (load.value === null) return { status: 'loading', slow: load.slow };
  const stale = snapshot.dirty || load.state === 'loading' || load.value.revision !== snapshot.view.revision;
  return { status: 'ready', preview: load.value, stale };
}

type DialogState = Readonly<{ action: ChainAction; pending: boolean; error: string | null }>;

const noSubscribe = () => () => undefined;
const noSnapshot = (): AutosaveSnapshot | null => null;

/** What to say when main refuses a chain action; a wrong passphrase already says nothing was signed. */
function refusal(err: ApiError): string {
  return err.code === 'RULE_VIOLATION' || err.code === 'CONFLICT' ? describeError(err) : serviceMessage(err);
}

/**
 * One draft in the composer: reads it with `getDraft`, autosaves every edit (DraftAutosave:
 * debounced, on leaving a field, on unmount and when the window goes away), offers the archive
 * search for references, and carries out the chain actions — sign, clear, refuse, approve and
 * release, downgrade, discard — each confirmed in a dialog. Before signing, whatever is not yet
 * saved is saved, so a signature always covers what the drafter sees.
 */
export function DraftComposerContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  draftId: number;
  onBack(): void;
  onOpenCable(target: CableTarget): void;
}) {
  const { client, draftId, onBack, onOpenCable } = props;
  const onSessionEnded = useSessionEnded();
  const failure = useFailure();
  // The draft comes with its autosave (debounced saves with the revision it was read at).
  const opened = useLoad(
    () =>
      client.getDraft(draftId).then(
        (view) =>
          new DraftAutosave(view, {
            save: (id, revision, draft) => client.saveDraft(id, revision, draft),
            reload: (id) => client.getDraft(id),
            onSessionEnded,
          }),
      ),
    [client, draftId, onSessionEnded],
  );
  const autosave = opened.value;
  const openFailure = failureOf(opened);
  const loadError = openFailure && serviceMessage(openFailure);
  const directoryLoad = useLoad((): Promise<ComposerDirectory> => client.composerDirectory(), [client]);
  const directoryFailure = failureOf(directoryLoad);
  const directoryError = directoryFailure && serviceMessage(directoryFailure);
  const [archive, setArchive] = useState<SearchState>({ status: 'idle' });
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const [notice, setNotice] = useState<ChainNotice | null>(null);
  const latestArchive = useRef(0);
  const live = useMounted();
  const snapshot = useSyncExternalStore(autosave?.subscribe ?? noSubscribe, autosave?.getSnapshot ?? noSnapshot);
  // The cable it would be (issue 14 item 5), asked again whenever main holds a newer draft; none
  // once released or discarded. Main runs the release's own steps: nothing is re-created here.
  const previewed = snapshot !== null && PREVIEWED_STATES.has(snapshot.view.state);
  /** The draft as main last stored it: a new save is a new preview. */
  const saved = snapshot === null ? null : `${snapshot.view.revision}@${snapshot.view.updatedAt}`;
  const previewLoad = useLoad(
    () => (previewed && saved !== null ? client.previewDraft(draftId) : null),
    [client, draftId, previewed, saved],
  );

  // Unmounting (another screen, sign-out): the last edit still goes out.
  useEffect(() => () => autosave?.dispose(), [autosave]);

  // The window is closing or hidden: save what is not saved yet, without waiting for the pause.
  useEffect(() => {
    if (!autosave) return;
    const save = () => void autosave.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save();
    };
    window.addEventListener('pagehide', save);
    window.addEventListener('beforeunload', save);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', save);
      window.removeEventListener('beforeunload', save);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [autosave]);

  const searchArchive = (query: string) => {
    const request = ++latestArchive.current;
    setArchive({ status: 'searching', query });
    client.searchCables(query, ARCHIVE_LIMIT).then(
      (hits) => {
        if (request === latestArchive.current) setArchive({ status: 'ready', query, hits });
      },
      (e: unknown) => {
        if (request !== latestArchive.current) return;
        const err = failure(e);
        if (err !== null) setArchive({ status: 'error', query, message: serviceMessage(err) });
      },
    );
  };

  if (!autosave || !snapshot) {
    return (
      <WorkspaceFrame chrome={props.chrome} marking={UNCLASSIFIED_MARKING} testId="screen-composer-loading">
        <main className="admin-page" aria-busy={loadError === null}>
          <button type="button" className="button" onClick={onBack}>
            ← Drafts
          </button>
          {loadError !== null ? (
            <p className="form-error admin-page__error" role="alert">
              {loadError}
            </p>
          ) : (
            <SlowWorkStatus slow={opened.slow} label="Opening the draft…" testId="composer-progress" />
          )}
        </main>
      </WorkspaceFrame>
    );
  }

  const { view } = snapshot;

  const act = async (action: ChainAction, value: string) => {
    setDialog({ action, pending: true, error: null });
    setNotice(null);
    try {
      if (action.kind === 'discard') {
        await client.discardDraft(view.id);
        if (live.current) onBack();
        return;
      }
      // A signature covers what the drafter sees: anything not yet saved is saved first.
      if (!(await autosave.flush())) {
        const save = autosave.getSnapshot().save;
        const why = save.kind === 'held' ? save.reason : save.kind === 'failed' ? save.message : 'try again.';
        throw new Error(`The latest changes are not saved yet: ${why}`);
      }
      const revision = autosave.getSnapshot().view.revision;
      let next: DraftView;
      let done: string;
      switch (action.kind) {
        case 'submit':
          next = await client.submitDraft(view.id, revision, value);
          done = next.state === 'IN_CLEARANCE' ? 'Signed and sent for clearance.' : 'Signed and sent for approval.';
          break;
        case 'clear':
          next = await client.clearDraft(view.id, revision, action.index, value);
          done = next.state === 'AWAITING_APPROVAL' ? 'Cleared; the draft now waits for approval.' : 'Cleared.';
          break;
        case 'refuse':
          next = await client.refuseDraft(view.id, revision, action.index, value.trim());
          done = 'Clearance refused: the draft went back to the drafter with your comment.';
          break;
        case 'approve':
          next = await client.approveDraft(view.id, revision, value);
          done = `Approved and released as ${next.releasedRef ?? 'a new cable'}.`;
          break;
        case 'downgrade':
          next = await client.authorizeDowngrade(view.id, value.trim());
          done = 'Downgrade authorised (rule 19); recorded in the audit trail.';
          break;
      }
      autosave.adopt(next);
      if (!live.current) return;
      setDialog(null);
      setNotice({ tone: 'done', text: done });
    } catch (e) {
      if (!live.current) return;
      const err = failure(e);
      if (err === null) return;
      if (err.code === 'CONFLICT') {
        // Someone moved the draft on meanwhile: show it as it is now.
        client.getDraft(view.id).then(autosave.adopt, () => undefined);
      }
      setDialog({ action, pending: false, error: refusal(err) });
    }
  };

  const openReleased = () => {
    if (view.releasedCableId === null || view.releasedRef === null) return;
    const d = view.draft;
    onOpenCable({
      cableId: view.releasedCableId,
      ref: view.releasedRef,
      classification: d.classification,
      banner: bannerLine(d.classification, d.dissem, d.relTo),
      deliveryId: null,
    });
  };

  const user = props.chrome.user;
  return (
    <ComposerScreen
      chrome={props.chrome}
      snapshot={snapshot}
      directory={directoryLoad.value}
      directoryError={directoryError}
      archive={archive}
      onArchiveSearch={searchArchive}
      onEdit={autosave.edit}
      onLeaveField={() => {
        if (snapshot.dirty) void autosave.flush();
      }}
      onBack={onBack}
      busy={dialog?.pending ?? false}
      notice={notice}
      mayAuthorizeDowngrade={user.role === 'instructor' || user.role === 'admin'}
      onAction={(action) => {
        setNotice(null);
        setDialog({ action, pending: false, error: null });
      }}
      onOpenReleased={openReleased}
      preview={previewed ? previewState(previewLoad, snapshot) : null}
      dialog={
        dialog !== null ? (
          <DraftingActionDialog
            key={`${dialog.action.kind}`}
            kind={dialog.action.kind}
            stepLabel={'label' in dialog.action ? dialog.action.label : null}
            pending={dialog.pending}
            error={dialog.error}
            onSubmit={(value) => void act(dialog.action, value)}
            onClose={() => setDialog((d) => (d && !d.pending ? null : d))}
          />
        ) : null
      }
    />
  );
}
