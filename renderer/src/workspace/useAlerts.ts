import { useCallback } from 'react';
import type { InboxRow } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import { useLiveQuery } from '../common/useLiveQuery';

/**
 * FLASH and NIACT deliveries waiting for acknowledgement (DOMAIN.md rule 8; 5 FAH-2 H-421.1:
 * the duty officer is told on receipt, at any hour). Asked for at sign-in, whenever main pushes
 * an arrival or an acknowledgement (issue 14 item 1), when the window regains focus, and every
 * ALERT_POLL_MS as a fallback for cables written by another process. A slow reply cannot bring
 * back an acknowledged alert (useLiveQuery drops answers older than the newest request).
 */
export const ALERT_POLL_MS = 15_000;

export type Alerts = Readonly<{ rows: ReadonlyArray<InboxRow>; refresh(): void }>;

const NO_ALERTS: ReadonlyArray<InboxRow> = [];

export function useAlerts(client: CableroomClient): Alerts {
  const load = useCallback((): Promise<ReadonlyArray<InboxRow>> => client.listAlerts(), [client]);
  const { value, refresh } = useLiveQuery(client, load, NO_ALERTS, {
    refreshOn: (event) => event.kind === 'alerts',
    pollMs: ALERT_POLL_MS,
  });
  return { rows: value, refresh };
}
