import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntryView, AuditIntegrity } from '../../../electron/domain/audit';
import { toApiError, type ApiError, type CableroomClient } from '../shared/api';
import { AUDIT_PAGE_SIZE, auditQuery, EMPTY_AUDIT_FILTER, type AuditFilterDraft } from './auditQuery';
import { AuditScreen, type AuditStatus } from './AuditScreen';
import type { WorkspaceChrome } from '../shared/WorkspaceFrame';
import { serviceMessage } from '../shared/errorText';

/**
 * Wires the audit view to `listAudit` (instructors and admins; main refuses anyone else with
 * ACCESS_DENIED, which is shown as it comes). "Older entries" continues below the oldest entry
 * shown with `beforeSeq`, under the filters that produced the table. The first page also brings
 * the trail's integrity and its latest checkpoint beside the database (issue 13 item 4).
 */
export function AuditContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  onSessionEnded(e: ApiError): void;
}) {
  const { client, onSessionEnded } = props;
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  const [applied, setApplied] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  const [entries, setEntries] = useState<ReadonlyArray<AuditEntryView>>([]);
  const [integrity, setIntegrity] = useState<AuditIntegrity | null>(null);
  const [status, setStatus] = useState<AuditStatus>('loading');
  const [error, setError] = useState<string | null>(null);
  const [hasOlder, setHasOlder] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [logins, setLogins] = useState<ReadonlyArray<string>>([]);
  const latest = useRef(0);

  const fail = useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      if (err.code === 'NOT_SIGNED_IN') onSessionEnded(err);
      else setError(serviceMessage(err));
    },
    [onSessionEnded],
  );

  /** Asks for the first page under `filter`; state changes only when the answer comes. */
  const fetchFirstPage = useCallback(
    (filter: AuditFilterDraft) => {
      const request = ++latest.current;
      client.listAudit(auditQuery(filter)).then(
        (page) => {
          if (request !== latest.current) return;
          setEntries(page.entries);
          // The first page carries the trail's integrity (chain, anchor, keys).
          if (page.integrity) setIntegrity(page.integrity);
          setHasOlder(page.entries.length === AUDIT_PAGE_SIZE);
          setStatus('ready');
        },
        (e: unknown) => {
          if (request !== latest.current) return;
          setEntries([]);
          setHasOlder(false);
          setStatus('error');
          fail(e);
        },
      );
    },
    [client, fail],
  );

  const load = (filter: AuditFilterDraft) => {
    setStatus('loading');
    setError(null);
    setApplied(filter);
    fetchFirstPage(filter);
  };

  useEffect(() => {
    fetchFirstPage(EMPTY_AUDIT_FILTER);
    let live = true;
    // Suggestions for the user field; without them the field still takes any login.
    client.listAccounts().then(
      (accounts) => {
        if (live) setLogins(accounts.map((a) => a.login));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, fetchFirstPage]);

  const loadOlder = () => {
    const oldest = entries.at(-1);
    if (!oldest || loadingOlder) return;
    const request = latest.current;
    setLoadingOlder(true);
    client
      .listAudit(auditQuery(applied, oldest.seq))
      .then(
        (page) => {
          if (request !== latest.current) return;
          setEntries((list) => [...list, ...page.entries]);
          setHasOlder(page.entries.length === AUDIT_PAGE_SIZE);
        },
        (e: unknown) => {
          if (request === latest.current) fail(e);
        },
      )
      .finally(() => setLoadingOlder(false));
  };

  return (
    <AuditScreen
      chrome={props.chrome}
      draft={draft}
      logins={logins}
      entries={entries}
      integrity={integrity}
      status={status}
      error={error}
      hasOlder={hasOlder}
      loadingOlder={loadingOlder}
      onDraftChange={setDraft}
      onApply={() => load(draft)}
      onReset={() => {
        setDraft(EMPTY_AUDIT_FILTER);
        load(EMPTY_AUDIT_FILTER);
      }}
      onLoadOlder={loadOlder}
    />
  );
}
