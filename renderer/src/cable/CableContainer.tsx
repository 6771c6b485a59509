import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { CableView, InboxRow } from '../../../electron/domain/cable';
import type { ChainView } from '../../../electron/domain/chain';
import type { Classification } from '../../../electron/domain/classification';
import { formatDtg } from '../../../electron/domain/dtg';
import type { CableroomClient } from '../common/api';
import {
  CableScreen,
  type CableScreenState,
  type CableTab,
  type HandlingAction,
  type HandlingState,
} from './CableScreen';
import { RepeatDialog } from './RepeatDialog';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { saveTextFile } from '../common/download';
import { describeError, serviceMessage } from '../common/errorText';
import { approvalCaptions, EMPTY_REPEAT, repeatRequest, type RepeatDraft } from './repeatForm';
import { BundleExportContainer } from './BundleExportContainer';
import { DistributionContainer } from '../distribution/DistributionContainer';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';
import { useShortcut } from '../shortcuts/ShortcutProvider';
import { useMounted } from '../common/useMounted';

/** What the inbox row, alert or search hit knew about the cable before it is loaded. */
export type CableTarget = Readonly<{
  cableId: number;
  ref: string;
  classification: Classification;
  banner: string;
  /** The delivery to acknowledge and file; null for a search hit with no delivery loaded. */
  deliveryId: number | null;
}>;

const IDLE: HandlingState = { pending: null, notice: null };

const VERIFYING_CHAIN: ChainView = { status: 'VERIFYING', signatures: [], problems: [] };

type RepeatState = Readonly<{ draft: RepeatDraft; pending: boolean; error: string | null }>;

/**
 * Loads one cable with `showCable` (the access decision and audit entry happen in core) and
 * carries out the handling actions on it: acknowledge and file as read (rule 8), print (PRINT is
 * recorded before the print dialog opens) and export (EXPORT, then a file download). It also
 * holds the routing actions (DOMAIN.md §1.8): the Distribution tab, executing this post's pass
 * instructions (rule 17) and repeating the cable (rule 16). After a pass or a repeat the cable and
 * its distribution are read again, so both show what was just done.
 *
 * The keyboard (issue 14 item 6; the table in shortcuts/keymap.ts): r reply, a acknowledge, e or y
 * file, d the distribution and back, u back, g i the inbox, and j/k the next or previous cable
 * when the workspace gives the way there. Each key is registered only while its action can be
 * taken here (nothing to acknowledge: "a" does nothing); main decides again on every call.
 */
export function CableContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  target: CableTarget;
  delivery: InboxRow | null;
  backLabel: string;
  onBack(): void;
  onDeliveryUpdated(row: InboxRow): void;
  /** Opens a draft in the composer; given, the cable view offers "Reply". */
  onOpenDraft?(draftId: number): void;
  /** Opens a cable cited in this one's references (only those main says the reader may open). */
  onOpenReference?(target: Omit<CableTarget, 'deliveryId'>): void;
  /** The next (older) and previous (newer) cable of the list this one was opened from; given, j and k go there. */
  onNextCable?(): void;
  onPreviousCable?(): void;
}) {
  const { client, target, delivery, onDeliveryUpdated } = props;
  const { cableId } = target;
  const failure = useFailure();
  const [handling, setHandling] = useState<HandlingState>(IDLE);
  const [tab, setTab] = useState<CableTab>('cable');
  /** Bumped after a pass or a repeat: the cable and its distribution are read again (the old stays up meanwhile). */
  const [revision, setRevision] = useState(0);
  const [repeat, setRepeat] = useState<RepeatState | null>(null);
  // A sealed envelope is passed unread: nothing to load (main would refuse and audit the opening).
  const sealed = delivery?.sealed === true;
  const cable = useLoad(() => (sealed ? null : client.showCable(cableId)), [client, cableId, sealed]);
  const cableFailure = failureOf(cable);
  // A signed cable comes at once with its chain VERIFYING; the verdict is asked for next (issue 15
  // item 2). Only this load's own answer replaces "verifying…": never an earlier verdict.
  const opened = cable.value;
  const verifying = opened?.chain?.status === 'VERIFYING' ? opened : null;
  const verdict = useLoad(() => (verifying ? client.cableVerdict(cableId) : null), [client, cableId, verifying]);
  const verdictFailure = failureOf(verdict);
  const shown: CableView | null =
    verifying === null
      ? opened
      : verdict.state === 'ready'
        ? { ...verifying, chain: verdict.value }
        : verdictFailure !== null
          ? {
              ...verifying,
              chain: {
                ...VERIFYING_CHAIN,
                problems: [`The signatures could not be checked: ${serviceMessage(verdictFailure)}`],
              },
            }
          : verifying;
  const state: CableScreenState = sealed
    ? { status: 'sealed' }
    : cableFailure !== null
      ? { status: 'error', message: describeError(cableFailure) }
      : shown !== null
        ? { status: 'ready', cable: shown }
        : { status: 'loading', slow: cable.slow };
  // The directory names the stations in the graph and fills the repeat picker: read once, when first needed.
  const [wantDirectory, setWantDirectory] = useState(false);
  if (!wantDirectory && (tab === 'distribution' || repeat !== null)) setWantDirectory(true);
  const directory = useLoad(() => (wantDirectory ? client.readDirectory() : null), [client, wantDirectory]);
  const directoryFailure = failureOf(directory);
  const live = useMounted();
  /** True while our own print runs, so the beforeprint fallback does not record it twice. */
  const printing = useRef(false);

  const ready = state.status === 'ready';

  // Printing by any other route than our button (a menu, another shortcut) is still recorded.
  useEffect(() => {
    if (!ready) return;
    const onBeforePrint = () => {
      if (!printing.current) client.recordPrint(cableId, 'paper').catch(() => undefined);
    };
    window.addEventListener('beforeprint', onBeforePrint);
    return () => window.removeEventListener('beforeprint', onBeforePrint);
  }, [client, cableId, ready]);

  const run = useCallback(
    <T,>(action: HandlingAction, request: () => Promise<T>, done: (value: T) => string | null) => {
      setHandling((h) => (h.pending !== null ? h : { pending: action, notice: null }));
      request().then(
        (value) => {
          if (!live.current) return;
          const text = done(value);
          setHandling({ pending: null, notice: text === null ? null : { tone: 'done', text } });
        },
        (e: unknown) => {
          if (!live.current) return;
          const err = failure(e);
          if (err === null) return;
          const text = err.code === 'ACK_REQUIRED' ? describeError(err) : serviceMessage(err);
          setHandling({ pending: null, notice: { tone: 'error', text, code: err.code } });
        },
      );
    },
    [failure, live],
  );

  const acknowledge = () => {
    if (!delivery || handling.pending) return;
    run(
      'acknowledge',
      () => client.acknowledge(delivery.deliveryId),
      (row) => {
        onDeliveryUpdated(row);
        return row.acknowledgedAt
          ? `Acknowledged ${formatDtg(new Date(row.acknowledgedAt))}. It can now be filed as read.`
          : null;
      },
    );
  };

  const fileAsRead = () => {
    if (!delivery || handling.pending) return;
    run(
      'read',
      () => client.markRead(delivery.deliveryId),
      (row) => {
        onDeliveryUpdated(row);
        return 'Filed as read.';
      },
    );
  };

  const print = () => {
    if (!ready || handling.pending) return;
    // Only the cable prints (print.css): from the Distribution tab, the cable is shown first.
    if (tab !== 'cable') flushSync(() => setTab('cable'));
    run(
      'print',
      async () => {
        // The audit entry comes first: if main refuses, nothing is printed.
        await client.recordPrint(cableId, 'paper');
        printing.current = true;
        try {
          window.print();
        } finally {
          printing.current = false;
        }
      },
      () => 'Print recorded in the audit trail.',
    );
  };

  const pendingPassTo =
    state.status === 'ready'
      ? state.cable.pass.filter((p) => p.status === 'PENDING' && p.by === props.chrome.user.post.plad).map((p) => p.to)
      : (delivery?.pendingPassTo ?? []);

  const executePass = () => {
    if ((!ready && !sealed) || handling.pending) return;
    run(
      'pass',
      () => client.executePass(cableId),
      (to) => {
        if (delivery) {
          onDeliveryUpdated({ ...delivery, pendingPassTo: delivery.pendingPassTo.filter((p) => !to.includes(p)) });
        }
        setRevision((r) => r + 1);
        cable.reload();
        return sealed
          ? `Passed to ${to.join(', ')} unread (rules 14, 17); recorded in the audit trail.`
          : `Passed to ${to.join(', ')} (rule 17); recorded in the audit trail.`;
      },
    );
  };

  const submitRepeat = () => {
    if (!repeat || repeat.pending) return;
    const check = repeatRequest(cableId, repeat.draft);
    if (!check.ok) {
      setRepeat({ ...repeat, error: check.error });
      return;
    }
    setRepeat({ ...repeat, pending: true, error: null });
    client.repeatCable(check.request).then(
      (reached) => {
        if (!live.current) return;
        setRepeat(null);
        setRevision((r) => r + 1);
        cable.reload();
        const approver = check.request.approver ? `, approved by ${check.request.approver.login}` : '';
        setHandling({
          pending: null,
          notice: {
            tone: 'done',
            text:
              reached.length === 0
                ? `Repeat recorded${approver}; every post named already holds the cable.`
                : `Repeated to ${reached.join(', ')}${approver}; recorded in the audit trail.`,
          },
        });
      },
      (e: unknown) => {
        if (!live.current) return;
        const err = failure(e);
        if (err === null) return;
        // Main's words, verbatim: the rule 16 refusal names the rule and the approver. A failed
        // passphrase check is the approver's, so it says whose ("ujohnson: Wrong passphrase.").
        const approver = check.request.approver?.login;
        const text =
          err.code === 'SIGN_IN_FAILED' && approver ? `${approver}: ${serviceMessage(err)}` : serviceMessage(err);
        setRepeat((r) => (r ? { ...r, pending: false, error: text } : r));
      },
    );
  };

  // A reply starts from this cable: reference A, its label and its originator (issue 5; rule 19).
  const { onOpenDraft } = props;
  const reply = () => {
    if (!ready || handling.pending || !onOpenDraft) return;
    run(
      'reply',
      () => client.createDraft({ replyTo: cableId }),
      (draft) => {
        onOpenDraft(draft.id);
        return null;
      },
    );
  };

  const exportCable = () => {
    if (!ready || handling.pending) return;
    run(
      'export',
      () => client.exportCable(cableId),
      (file) => {
        saveTextFile(file.filename, file.mediaType, file.text);
        return `Exported ${file.filename}; the export is recorded in the audit trail.`;
      },
    );
  };

  const { chrome, onBack, onNextCable, onPreviousCable } = props;
  useShortcut('cable.reply', reply, ready && onOpenDraft !== undefined);
  // DOMAIN.md rule 8: only a FLASH or NIACT delivery not yet acknowledged has anything to acknowledge.
  useShortcut('cable.acknowledge', acknowledge, delivery !== null && delivery.needsAck && !delivery.acknowledgedAt);
  useShortcut('cable.file', fileAsRead, delivery !== null && !delivery.filed);
  useShortcut('cable.distribution', () => setTab((t) => (t === 'distribution' ? 'cable' : 'distribution')));
  useShortcut('cable.back', onBack);
  // Ctrl+P and Escape are the cable view's own keys: registered so the sheet shows them as here.
  useShortcut('cable.print', print, ready);
  useShortcut('cable.next', () => onNextCable?.(), onNextCable !== undefined);
  useShortcut('cable.previous', () => onPreviousCable?.(), onPreviousCable !== undefined);
  useShortcut('go.inbox', () => chrome.onNavigate('inbox'));
  useShortcut('go.drafts', () => chrome.onNavigate('drafts'), chrome.sections.includes('drafts'));

  return (
    <CableScreen
      chrome={props.chrome}
      state={state}
      placeholder={{ ref: target.ref, classification: target.classification, banner: target.banner }}
      delivery={delivery}
      handling={handling}
      backLabel={props.backLabel}
      onBack={props.onBack}
      onAcknowledge={acknowledge}
      onFileAsRead={fileAsRead}
      onPrint={print}
      onExport={exportCable}
      tab={tab}
      onTab={setTab}
      distribution={
        <DistributionContainer
          client={client}
          cableId={cableId}
          cableRef={state.status === 'ready' ? state.cable.ref : target.ref}
          marking={
            state.status === 'ready'
              ? { classification: state.cable.classification, text: state.cable.banner }
              : { classification: target.classification, text: target.banner }
          }
          ownPost={props.chrome.user.post.plad}
          directory={directory.value}
          reloadKey={revision}
        />
      }
      pendingPassTo={pendingPassTo}
      onPass={executePass}
      onReply={onOpenDraft ? reply : undefined}
      onOpenReference={props.onOpenReference}
      onRepeat={() => {
        if (ready && !handling.pending) setRepeat({ draft: EMPTY_REPEAT, pending: false, error: null });
      }}
      dialog={
        repeat !== null && state.status === 'ready' ? (
          <RepeatDialog
            cableRef={state.cable.ref}
            approvalCaptions={approvalCaptions(state.cable.captions)}
            directory={directory.value}
            directoryError={directoryFailure && serviceMessage(directoryFailure)}
            draft={repeat.draft}
            pending={repeat.pending}
            error={repeat.error}
            onDraftChange={(draft) => setRepeat((r) => (r ? { ...r, draft, error: null } : r))}
            onSubmit={submitRepeat}
            onClose={() => setRepeat((r) => (r && !r.pending ? null : r))}
          />
        ) : null
      }
      bundleExport={
        // Only a released, signed cable travels in a signed bundle (issue 6); main checks again.
        state.status === 'ready' && state.cable.chain !== null ? (
          <BundleExportContainer
            client={client}
            cableId={cableId}
            cableRef={state.cable.ref}
            marking={{ classification: state.cable.classification, text: state.cable.banner }}
            disabled={handling.pending !== null}
            onExported={(text) => setHandling({ pending: null, notice: { tone: 'done', text } })}
          />
        ) : null
      }
    />
  );
}
