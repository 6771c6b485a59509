import { useMemo, type ReactNode } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import type { ComposerDirectory, Draft } from '../../../electron/domain/draft';
import type { AutosaveSnapshot, SaveState } from './autosave';
import { draftMarking, PROFILE_WORDS, STATE_WORDS } from './draftEdits';
import { placeFindings } from './fieldPaths';
import { ComposerClearances } from './ComposerClearances';
import { FindingsContext, FindingsSummary } from './ComposerFindings';
import { ComposerHeading } from './ComposerHeading';
import { ComposerParagraphs } from './ComposerParagraphs';
import { ComposerReferences } from './ComposerReferences';
import { ComposerRouting } from './ComposerRouting';
import { ComposerSubject } from './ComposerSubject';
import { DraftingChainPanel, type ChainAction, type ChainNotice } from './DraftingChainPanel';
import type { SearchState } from '../inbox/SearchResults';
import { ShownText } from '../shared/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../shared/WorkspaceFrame';

/**
 * The composer (pure view; issue 5, DOMAIN.md §1.2–§1.11): every field of the draft with a
 * labelled control, the rule checker's findings beside the fields they name and counted at the
 * top (§8b), the draft's own banner at top and bottom in its colour (rule 25), the save state,
 * and the clearance chain with the actions that are the person's to take (rule 23). A draft the
 * person may not edit (someone else's, or released) is shown with every control disabled.
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
}>;

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
  const { snapshot, directory, onEdit } = props;
  const { view, draft } = snapshot;
  const placed = useMemo(() => placeFindings(view.findings, draft), [view.findings, draft]);
  const section = { draft, directory, onChange: onEdit };
  const signed = view.chain.some((s) => s.status === 'SIGNED');

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
        <div className="composer-scroll">
          <div className="composer-layout">
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
            <aside className="composer-aside" aria-label="Clearance chain">
              <DraftingChainPanel
                view={view}
                directory={directory}
                errors={placed.errors}
                busy={props.busy}
                mayAuthorizeDowngrade={props.mayAuthorizeDowngrade}
                notice={props.notice}
                onAction={props.onAction}
                onOpenReleased={props.onOpenReleased}
              />
            </aside>
          </div>
        </div>
      </main>
      {props.dialog}
    </WorkspaceFrame>
  );
}
