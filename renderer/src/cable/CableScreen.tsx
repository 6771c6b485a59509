import { useEffect, useId, useRef, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import { assertNever } from '../../../electron/domain/assertNever';
import type { CableView, EraProfile, InboxRow, ReferenceView } from '../../../electron/domain/cable';
import type { Classification } from '../../../electron/domain/classification';
import { formatDtg } from '../../../electron/domain/dtg';
import type { ViewMarking } from '../common/viewMarking';
import { usePrintMarking } from './printMarking';
import { PrecedenceBadge } from '../common/markings';
import { PrintCover } from './PrintCover';
import { ShownText, shownText } from '../common/ShownText';
import { WorkspaceFrame, type WorkspaceChrome } from '../common/WorkspaceFrame';
import { SlowWorkStatus, Working } from '../common/SlowWork';
import { CableDocument } from './CableDocument';
import { Envelope } from './Envelope';
import { ariaKeyShortcuts, shortcutTitle } from '../shortcuts/keyWords';

/**
 * One cable (pure view). Every piece of cable text goes through `ShownText` (displayText: bidi
 * overrides and invisible characters become visible tokens) and is a React text node: nothing here
 * parses or injects markup. The banner is at top and bottom of the window and, in print, of every
 * page (DOMAIN.md rules 3, 25); captions are one per line (rule 12) with the pass line beside them
 * (rule 17); every paragraph carries its portion mark and FYI passages are set apart (§0, §1.4).
 * Handling: FLASH and NIACT must be acknowledged before they are filed as read (rule 8).
 */
export type CableScreenState =
  /** `slow`: opening (reading, checking access, verifying the signatures) has taken SLOW_WORK_MS. */
  | Readonly<{ status: 'loading'; slow: boolean }>
  | Readonly<{ status: 'error'; message: string }>
  | Readonly<{ status: 'ready'; cable: CableView }>
  /** A sealed envelope: the user passes it without reading it (Envelope.tsx); nothing is loaded. */
  | Readonly<{ status: 'sealed' }>;

export type HandlingAction = 'acknowledge' | 'read' | 'print' | 'export' | 'pass' | 'reply';

/** The cable itself, or who it went to and how (DOMAIN.md §1.8). */
export type CableTab = 'cable' | 'distribution';

export type HandlingState = Readonly<{
  pending: HandlingAction | null;
  /** The outcome of the last action: main's refusal (ACK_REQUIRED …) or what was done. */
  notice: Readonly<{ tone: 'error' | 'done'; text: string; code?: string }> | null;
}>;

export type CableScreenProps = Readonly<{
  chrome: WorkspaceChrome;
  state: CableScreenState;
  /** What the inbox row or search hit said, to mark the page correctly while the cable loads. */
  placeholder: Readonly<{ ref: string; classification: Classification; banner: string }>;
  /** The delivery the cable was opened from; null when it came from search with no delivery here. */
  delivery: InboxRow | null;
  handling: HandlingState;
  /** "Inbox" or "Search results": where Escape and the back button go. */
  backLabel: string;
  onBack(): void;
  onAcknowledge(): void;
  onFileAsRead(): void;
  onPrint(): void;
  onExport(): void;
  tab: CableTab;
  onTab(tab: CableTab): void;
  /** The distribution panel, shown on the Distribution tab. */
  distribution: ReactNode;
  /** Posts the user's post still has to pass this cable to (rule 17). */
  pendingPassTo: ReadonlyArray<string>;
  onPass(): void;
  onRepeat(): void;
  /** Starts a reply in the composer (issue 5); absent where replying is not offered. */
  onReply?(): void;
  /** Opens a cited cable the reader may open (main gives a reference its target only then). */
  onOpenReference?(target: NonNullable<ReferenceView['target']>): void;
  /** The repeat dialog while it is open. */
  dialog: ReactNode;
  /** "Export signed bundle…" with its dialog (issue 6), next to Export; only on a signed cable. */
  bundleExport?: ReactNode;
}>;

const PROFILE_WORDS: Readonly<Record<EraProfile, string>> = {
  FRUS_1960S: '1960s telegram (FRUS)',
  ADS_1973_79: '1973–79 ADS teletype',
  CABLEGATE_2000S: '2000s cable',
  MODERN: 'Modern SMART cable',
};

export function CableScreen(props: CableScreenProps) {
  const { state, onBack, onPrint, handling, delivery } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Arrow and page keys then scroll the cable without a click first.
    scrollerRef.current?.focus({ preventScroll: true });
  }, []);

  const { tab, onTab } = props;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        // From the distribution, Escape goes back to the cable; from the cable, to the list.
        if (tab === 'distribution') onTab('cable');
        else onBack();
      } else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'p') {
        // Printing goes through the audited action (PRINT is recorded before the dialog opens).
        e.preventDefault();
        onPrint();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onBack, onPrint, tab, onTab]);

  const ready = state.status === 'ready' ? state.cable : null;
  const marking: ViewMarking = ready
    ? { classification: ready.classification, text: ready.banner }
    : { classification: props.placeholder.classification, text: props.placeholder.banner };
  const ref = ready ? ready.ref : props.placeholder.ref;
  usePrintMarking(ready ? marking : null);

  const busy = handling.pending !== null;
  const tabIds = { cable: useId(), distribution: useId(), panel: useId() };
  return (
    <WorkspaceFrame chrome={props.chrome} marking={marking} testId="screen-cable-frame" className="workspace--cable">
      <main className="workspace__main">
        <div className="cable-bar">
          <div className="cable-toolbar">
            <button
              type="button"
              className="button"
              onClick={onBack}
              title={shortcutTitle('cable.back', `Back to ${props.backLabel}`)}
              aria-keyshortcuts={ariaKeyShortcuts('cable.back')}
              data-testid="back-to-inbox"
            >
              ← {props.backLabel}
            </button>
            <span className="cable-toolbar__ref">
              <ShownText text={ref} />
            </span>
            {ready && <span className="cable-toolbar__profile muted">{PROFILE_WORDS[ready.profile]}</span>}
            {state.status !== 'sealed' && <CableTabs tab={tab} onTab={onTab} ids={tabIds} />}
            <span className="cable-toolbar__spacer" />
            <span className="cable-toolbar__hint muted">Esc returns · ? shortcuts</span>
            {props.onReply && (
              <button
                type="button"
                className="button"
                disabled={!ready || busy}
                onClick={props.onReply}
                title={shortcutTitle('cable.reply')}
                aria-keyshortcuts={ariaKeyShortcuts('cable.reply')}
                data-testid="reply-cable"
              >
                {handling.pending === 'reply' ? <Working words="Opening…" /> : 'Reply'}
              </button>
            )}
            <button
              type="button"
              className="button"
              disabled={!ready || busy}
              onClick={props.onRepeat}
              data-testid="repeat-cable"
              aria-haspopup="dialog"
            >
              Repeat…
            </button>
            <button
              type="button"
              className="button"
              disabled={!ready || busy}
              onClick={props.onExport}
              data-testid="export-cable"
            >
              {handling.pending === 'export' ? <Working words="Exporting…" /> : 'Export'}
            </button>
            {props.bundleExport}
            <button
              type="button"
              className="button"
              disabled={!ready || busy}
              onClick={onPrint}
              data-testid="print-cable"
              title={shortcutTitle('cable.print', 'Print')}
              aria-keyshortcuts="Control+P"
            >
              {handling.pending === 'print' ? (
                <Working words="Preparing…" />
              ) : (
                <>
                  Print<span className="cable-toolbar__long"> / Save as PDF</span>
                </>
              )}
            </button>
          </div>
          {delivery && !delivery.sealed && <HandlingBar {...props} delivery={delivery} />}
          {(ready || state.status === 'sealed') && props.pendingPassTo.length > 0 && <PassBar {...props} />}
          {handling.notice && (
            <p
              className={`handling-notice handling-notice--${handling.notice.tone}`}
              role={handling.notice.tone === 'error' ? 'alert' : 'status'}
              data-testid="handling-message"
              data-code={handling.notice.code}
            >
              {handling.notice.text}
            </p>
          )}
        </div>
        <div
          className="cable-scroll"
          data-testid="screen-cable"
          ref={scrollerRef}
          // In the Tab order, so the keyboard can scroll it (axe scrollable-region-focusable).
          tabIndex={0}
          role="tabpanel"
          id={tabIds.panel}
          aria-labelledby={tab === 'cable' ? tabIds.cable : tabIds.distribution}
        >
          {tab === 'distribution' && <div className="distribution-page">{props.distribution}</div>}
          {tab === 'cable' && ready && (
            <PrintCover
              classification={ready.classification}
              cableRef={ready.ref}
              dtg={ready.dtg}
              printedFor={props.chrome.user.displayName}
              profile={ready.profile}
            />
          )}
          {tab === 'cable' && (
            <div className="cable-page">
              {state.status === 'loading' && (
                <SlowWorkStatus
                  slow={state.slow}
                  label={`Opening ${shownText(ref)}…`}
                  className="cable-page__status"
                  testId="cable-progress"
                />
              )}
              {state.status === 'error' && (
                <p className="cable-page__status form-error" role="alert" data-testid="cable-error">
                  {state.message}
                </p>
              )}
              {ready && <CableDocument cable={ready} onOpenReference={props.onOpenReference} />}
              {state.status === 'sealed' && delivery && (
                <Envelope row={delivery} ownPost={props.chrome.user.post.plad} />
              )}
            </div>
          )}
        </div>
      </main>
      {props.dialog}
    </WorkspaceFrame>
  );
}

/** The two views of a cable as ARIA tabs: arrows move between them, Enter or Space picks one. */
function CableTabs(props: {
  tab: CableTab;
  onTab(tab: CableTab): void;
  ids: Readonly<{ cable: string; distribution: string; panel: string }>;
}) {
  const { tab, onTab, ids } = props;
  const cableRef = useRef<HTMLButtonElement>(null);
  const distributionRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next: CableTab =
      e.key === 'Home' ? 'cable' : e.key === 'End' ? 'distribution' : tab === 'cable' ? 'distribution' : 'cable';
    onTab(next);
    (next === 'cable' ? cableRef : distributionRef).current?.focus();
  };
  const tabButton = (which: CableTab, label: string, ref: typeof cableRef) => (
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
      // d toggles to the distribution and back (keymap.ts): its key is the Distribution tab's.
      title={which === 'distribution' ? shortcutTitle('cable.distribution', 'Distribution') : undefined}
      aria-keyshortcuts={which === 'distribution' ? ariaKeyShortcuts('cable.distribution') : undefined}
      data-testid={`tab-${which}`}
    >
      {label}
    </button>
  );
  return (
    <div className="cable-tabs" role="tablist" aria-label="Cable views" onKeyDown={onKeyDown}>
      {tabButton('cable', 'Cable', cableRef)}
      {tabButton('distribution', 'Distribution', distributionRef)}
    </div>
  );
}

/** "USRO PASS AMEMBASSY PARIS" is this post's to carry out (rule 17). */
function PassBar(props: CableScreenProps) {
  const { handling } = props;
  const to = props.pendingPassTo.join(', ');
  return (
    <div className="pass-bar" data-testid="pass-bar">
      <span>
        Your post must pass this cable to <ShownText text={to} /> (rule 17).
      </span>
      <span className="handling__spacer" />
      <button
        type="button"
        className="button button--primary button--compact"
        disabled={handling.pending !== null}
        onClick={props.onPass}
        data-testid="execute-pass"
      >
        {handling.pending === 'pass' ? <Working words="Passing…" /> : `Pass to ${shownText(to)}`}
      </button>
    </div>
  );
}

/** Where the delivery stands: acknowledgement (FLASH/NIACT, rule 8) and filed-as-read. */
function HandlingBar(props: CableScreenProps & { delivery: InboxRow }) {
  const { delivery: d, handling } = props;
  const awaitingAck = d.needsAck && d.acknowledgedAt === null;
  const busy = handling.pending !== null;
  const acknowledgeRef = useRef<HTMLButtonElement>(null);
  const fileRef = useRef<HTMLButtonElement>(null);
  const wasAwaitingAck = useRef(awaitingAck);
  const refusedForAck = handling.notice?.code === 'ACK_REQUIRED';

  useEffect(() => {
    // Filing was refused for want of an acknowledgement: the keyboard lands on the way forward.
    if (refusedForAck) acknowledgeRef.current?.focus();
  }, [refusedForAck, handling.notice]);

  useEffect(() => {
    // Acknowledged: its button is gone, and the focus with it (to the body). The keyboard goes
    // on to the next step, filing, rather than back to the top of the page.
    const lostFocus = document.activeElement === null || document.activeElement === document.body;
    if (wasAwaitingAck.current && !awaitingAck && lostFocus) fileRef.current?.focus();
    wasAwaitingAck.current = awaitingAck;
  }, [awaitingAck]);

  return (
    <div className={`handling${awaitingAck ? ' handling--awaiting' : ''}`} data-testid="handling">
      {d.needsAck ? (
        <span className="handling__ack">
          <PrecedenceBadge precedence={d.precedence} niact={d.niact} />
          {d.acknowledgedAt === null ? (
            <span data-testid="ack-state">Not yet acknowledged: the action office acknowledges on receipt.</span>
          ) : (
            <span data-testid="ack-state">
              Acknowledged{' '}
              <time dateTime={d.acknowledgedAt} data-testid="ack-time" title={d.acknowledgedAt}>
                {formatDtg(new Date(d.acknowledgedAt))}
              </time>
            </span>
          )}
        </span>
      ) : (
        <span className="handling__ack muted">{roleWords(d.role)} copy</span>
      )}
      <span
        className={`read-state${d.read ? ' read-state--read' : ''}`}
        data-testid="read-state"
        data-state={readState(d)}
      >
        {READ_STATE_WORDS[readState(d)]}
      </span>
      <span className="handling__spacer" />
      {awaitingAck && (
        <button
          type="button"
          ref={acknowledgeRef}
          className="button button--alert"
          disabled={busy}
          onClick={props.onAcknowledge}
          title={shortcutTitle('cable.acknowledge', 'Acknowledge')}
          aria-keyshortcuts={ariaKeyShortcuts('cable.acknowledge')}
          data-testid="acknowledge"
        >
          {handling.pending === 'acknowledge' ? 'Acknowledging…' : 'Acknowledge'}
        </button>
      )}
      <button
        type="button"
        ref={fileRef}
        className="button"
        disabled={busy || d.filed}
        onClick={props.onFileAsRead}
        title={shortcutTitle('cable.file')}
        aria-keyshortcuts={ariaKeyShortcuts('cable.file')}
        data-testid="file-as-read"
      >
        {handling.pending === 'read' ? 'Filing…' : d.filed ? 'Filed' : 'File as read'}
      </button>
    </div>
  );
}

/** Opening reads a cable; filing is its own act (issue 14 item 2; rule 8 for FLASH/NIACT). */
function readState(d: InboxRow): 'unread' | 'read' | 'filed' {
  return d.filed ? 'filed' : d.read ? 'read' : 'unread';
}

const READ_STATE_WORDS = { unread: 'Unread', read: 'Read', filed: 'Filed as read' } as const;

function roleWords(role: InboxRow['role']): string {
  switch (role) {
    case 'ACTION':
      return 'Action';
    case 'INFO':
      return 'Information';
    case 'PASS':
      return 'Passed';
    case 'REPEAT':
      return 'Repeated';
    default:
      return assertNever(role, 'delivery role');
  }
}
