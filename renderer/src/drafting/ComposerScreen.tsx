import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent as ReactKeyboardEvent,
  type ReactNode,
} from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import type { ComposerDirectory, Draft } from '../../../electron/domain/draft';
import type { AutosaveSnapshot, SaveState } from './autosave';
import { draftMarking, PROFILE_WORDS, STATE_WORDS } from './draftEdits';
import { placeFindings } from './fieldPaths';
import { ComposerClearances } from './ComposerClearances';
import { FindingsContext, FindingsSummary, focusAnchor, focusFindingsSummary } from './ComposerFindings';
import { ComposerHeading } from './ComposerHeading';
import { ComposerParagraphs } from './ComposerParagraphs';
import { ComposerReferences } from './ComposerReferences';
import { ComposerRouting } from './ComposerRouting';
import { ComposerSubject } from './ComposerSubject';
import { DraftingChainPanel, type ChainAction, type ChainNotice } from './DraftingChainPanel';
import { DraftPreviewPane, type PreviewState } from './DraftPreviewPane';
import './drafting.css';
import type { SearchState } from '../inbox/SearchResults';
import { ShownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';

/**
 * The composer (pure view; issue 5, DOMAIN.md §1.2–§1.11): every field of the draft with a
 * labelled control, the rule checker's findings beside the fields they name and counted at the
 * top (§8b), the draft's own banner at top and bottom in its colour (rule 25), the save state,
 * and the clearance chain with the actions that are the person's to take (rule 23). A draft the
 * person may not edit (someone else's, or released) is shown with every control disabled.
 *
 * The cable as it will be released (issue 14 item 5): the drafter has it beside the form (below
 * it in a narrow window); a clearer, approver or instructor reads the cable first, with the form
 * one tab away. A released or discarded draft has no preview: the released cable is one click on.
 */
export type ComposerScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  snapshot: AutosaveSnapshot;
  directory: ComposerDirectory | null;
  directoryError: string | null;
  archive: SearchState;
  onArchiveSearch(query: string): void;
  onEdit(draft: Draft): void;
  /** A control lost the focus: save now rather than after the pause. */
  onLeaveField(): void;
  onBack(): void;
  busy: boolean;
  notice: ChainNotice | null;
  mayAuthorizeDowngrade: boolean;
  onAction(action: ChainAction): void;
  onOpenReleased(): void;
  /** The action dialog while it is open. */
  dialog: ReactNode;
  /** The cable as release would write it now; null for a released or discarded draft. */
  preview: PreviewState | null;
}>;

/** What someone who does not edit the draft sees first: the cable, or the form. */
export type ReviewTab = 'cable' | 'form';

const clock = (at: Date) => at.toLocaleTimeString('en-GB', { hour12: false });

function SaveStatus({ save, updatedAt }: { save: SaveState; updatedAt: string }) {
  let text: string;
  let tone: 'quiet' | 'busy' | 'error' | 'warn' = 'quiet';
  switch (save.kind) {
    case 'idle':
      text = `Last saved ${clock(new Date(updatedAt))}`;
      break;
    case 'waiting':
      text = 'Unsaved changes…';
      tone = 'busy';
      break;
    case 'saving':
      text = 'Saving…';
      tone = 'busy';
      break;
    case 'saved':
      text = `Saved at ${clock(save.at)}`;
      break;
    case 'held':
      text = `Not saved: ${save.reason}`;
      tone = 'error';
      break;
    case 'failed':
      text = save.message;
      tone = 'error';
      break;
    case 'reloaded':
      text = save.message;
      tone = 'warn';
      break;
    default:
      return assertNever(save, 'save state');
  }
  return (
    <p
      className={`save-status save-status--${tone}`}
      role={tone === 'error' || tone === 'warn' ? 'alert' : 'status'}
      data-testid="save-status"
      data-state={save.kind}
    >
      {text}
    </p>
  );
}

export function ComposerScreen(props: ComposerScreenProps) {
  const { snapshot, directory, onEdit, preview } = props;
  const { view, draft } = snapshot;
  const placed = useMemo(() => placeFindings(view.findings, draft), [view.findings, draft]);
  const problems = useMemo(() => placed.all.filter((x) => x.finding.severity === 'error'), [placed]);
  const section = { draft, directory, onChange: onEdit };
  const signed = view.chain.some((s) => s.status === 'SIGNED');
  // The drafter writes beside the preview; everyone else reads the cable first (issue 14 item 5).
  const reviewing = !view.canEdit && preview !== null;
  const [tab, setTab] = useState<ReviewTab>('cable');
  const tabIds = { cable: useId(), form: useId(), panel: useId() };

  // "Show" beside a waiting Sign button: to the form (its tab first), then to the problem.
  const pendingFocus = useRef<{ anchor: string | null } | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    const request = pendingFocus.current;
    if (request === null) return;
    pendingFocus.current = null;
    if (request.anchor !== null) focusAnchor(request.anchor);
    else focusFindingsSummary();
  }, [focusTick]);
  const showProblems = (anchor: string | null) => {
    pendingFocus.current = { anchor };
    if (reviewing) setTab('form');
    setFocusTick((n) => n + 1);
  };

  const form = (
    <div className="composer-main" onBlur={props.onLeaveField}>
      {view.canEdit && signed && (
        <p className="composer-warning" data-testid="edit-voids">
          Signed: any change now voids every signature made so far and returns the draft to drafting (rule 23).
        </p>
      )}
      {props.directoryError !== null && (
        <p className="form-error" role="alert">
          {props.directoryError}
        </p>
      )}
      <FindingsContext.Provider value={placed}>
        <FindingsSummary placed={placed} stale={snapshot.dirty} />
        <fieldset className="composer-form" disabled={!view.canEdit} aria-label="Draft">
          <ComposerHeading {...section} />
          <ComposerSubject {...section} />
          <ComposerReferences {...section} archive={props.archive} onArchiveSearch={props.onArchiveSearch} />
          <ComposerRouting {...section} />
          <ComposerParagraphs {...section} />
          <ComposerClearances {...section} />
        </fieldset>
      </FindingsContext.Provider>
    </div>
  );
  const chain = (
    <aside className="drafting-room__chain" aria-label="Clearance chain">
      <DraftingChainPanel
        view={view}
        directory={directory}
        problems={problems}
        onShowProblems={showProblems}
        busy={props.busy}
        mayAuthorizeDowngrade={props.mayAuthorizeDowngrade}
        notice={props.notice}
        onAction={props.onAction}
        onOpenReleased={props.onOpenReleased}
      />
    </aside>
  );

  let room: ReactNode;
  if (preview === null) {
    // Released or discarded: the form as it was, read only, beside its chain.
    room = (
      <div className="drafting-room drafting-room--plain">
        <div className="drafting-room__pane drafting-room__form">{form}</div>
        {chain}
      </div>
    );
  } else if (!reviewing) {
    room = (
      <div className="drafting-room drafting-room--drafter" data-testid="drafting-room" data-layout="drafter">
        <div className="drafting-room__pane drafting-room__form">{form}</div>
        <div className="drafting-room__pane drafting-room__side">
          {chain}
          <DraftPreviewPane state={preview} />
        </div>
      </div>
    );
  } else {
    room = (
      <div className="drafting-room drafting-room--reviewer" data-testid="drafting-room" data-layout="reviewer">
        <div className="drafting-room__main">
          <ReviewTabs tab={tab} onTab={setTab} ids={tabIds} />
          <div
            className="drafting-room__pane drafting-room__panel"
            role="tabpanel"
            id={tabIds.panel}
            aria-labelledby={tab === 'cable' ? tabIds.cable : tabIds.form}
            // In the Tab order, so the keyboard can scroll the cable (axe scrollable-region-focusable).
            tabIndex={0}
            data-testid="review-panel"
          >
            {tab === 'cable' ? <DraftPreviewPane state={preview} /> : form}
          </div>
        </div>
        {chain}
      </div>
    );
  }

  return (
    <WorkspaceFrame
      chrome={props.chrome}
      marking={draftMarking(draft)}
      testId="screen-composer"
      className="workspace--composer"
    >
      <main className="workspace__main">
        <div className="composer-bar">
          <button type="button" className="button" onClick={props.onBack} data-testid="back-to-drafts">
            ← Drafts
          </button>
          <h2 className="composer-bar__title">
            {draft.subject.trim() === '' ? 'New cable' : <ShownText text={draft.subject} />}
          </h2>
          <span className={`draft-state draft-state--${view.state.toLowerCase()}`}>{STATE_WORDS[view.state]}</span>
          <span className="composer-bar__number muted" data-testid="draft-number" data-id={view.id}>
            Draft no. {view.id}
          </span>
          <span className="composer-bar__profile muted">{PROFILE_WORDS[draft.profile]}</span>
          <span className="cable-toolbar__spacer" />
          {view.canEdit ? (
            <SaveStatus save={snapshot.save} updatedAt={view.updatedAt} />
          ) : (
            <p className="save-status muted" data-testid="read-only">
              {view.state === 'RELEASED' ? 'Released: read only' : `Drafted by ${view.ownerName}: read only`}
            </p>
          )}
        </div>
        {room}
      </main>
      {props.dialog}
    </WorkspaceFrame>
  );
}

/** "Cable" and "Form" as ARIA tabs: arrows move between them, Enter or Space picks one (as the cable view's). */
function ReviewTabs(props: {
  tab: ReviewTab;
  onTab(tab: ReviewTab): void;
  ids: Readonly<{ cable: string; form: string; panel: string }>;
}) {
  const { tab, onTab, ids } = props;
  const cableRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next: ReviewTab = e.key === 'Home' ? 'cable' : e.key === 'End' ? 'form' : tab === 'cable' ? 'form' : 'cable';
    onTab(next);
    (next === 'cable' ? cableRef : formRef).current?.focus();
  };
  const tabButton = (which: ReviewTab, label: string, ref: typeof cableRef) => (
    <button
      ref={ref}
      type="button"
      role="tab"
      id={ids[which]}
      className="cable-tabs__tab"
      aria-selected={tab === which}
      aria-controls={ids.panel}
      tabIndex={tab === which ? 0 : -1}
      onClick={() => onTab(which)}
      data-testid={`review-tab-${which}`}
    >
      {label}
    </button>
  );
  return (
    <div className="cable-tabs drafting-room__tabs" role="tablist" aria-label="Draft views" onKeyDown={onKeyDown}>
      {tabButton('cable', 'Cable as released', cableRef)}
      {tabButton('form', 'Form', formRef)}
    </div>
  );
}
