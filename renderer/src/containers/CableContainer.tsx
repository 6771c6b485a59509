import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import type { Classification } from '../../../electron/domain/classification';
import { formatDtg } from '../../../electron/domain/dtg';
import { toApiError, type ApiError, type CableroomClient } from '../api';
import { CableScreen, type CableScreenState, type HandlingAction, type HandlingState } from '../components/CableScreen';
import type { WorkspaceChrome } from '../components/WorkspaceFrame';
import { saveTextFile } from '../download';
import { describeError, serviceMessage } from '../errorText';

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

/**
 * Loads one cable with `showCable` (the access decision and audit entry happen in core) and
 * carries out the handling actions on it: acknowledge and file as read (rule 8), print (PRINT is
 * recorded before the print dialog opens) and export (EXPORT, then a file download).
 */
export function CableContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  target: CableTarget;
  delivery: InboxRow | null;
  backLabel: string;
  onBack(): void;
  onSessionEnded(e: ApiError): void;
  onDeliveryUpdated(row: InboxRow): void;
}) {
  const { client, target, delivery, onSessionEnded, onDeliveryUpdated } = props;
  const { cableId } = target;
  const [state, setState] = useState<CableScreenState>({ status: 'loading' });
  const [handling, setHandling] = useState<HandlingState>(IDLE);
  const live = useRef(true);
  /** True while our own print runs, so the beforeprint fallback does not record it twice. */
  const printing = useRef(false);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    client.showCable(cableId).then(
      (cable) => {
        if (current) setState({ status: 'ready', cable });
      },
      (e: unknown) => {
        if (!current) return;
        const err = toApiError(e);
        if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
        else setState({ status: 'error', message: describeError(err) });
      },
    );
    return () => {
      current = false;
    };
  }, [client, cableId, onSessionEnded]);

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
          const err = toApiError(e);
          if (err.code === 'NOT_SIGNED_IN') {
            onSessionEnded(err);
            return;
          }
          const text = err.code === 'ACK_REQUIRED' ? describeError(err) : serviceMessage(err);
          setHandling({ pending: null, notice: { tone: 'error', text, code: err.code } });
        },
      );
    },
    [onSessionEnded],
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
    />
  );
}
