import { useRef, useState } from 'react';
import type { AuditEntryView, AuditIntegrity } from '../../../electron/domain/audit';
import type { CableroomClient } from '../common/api';
import { AUDIT_PAGE_SIZE, auditQuery, EMPTY_AUDIT_FILTER, type AuditFilterDraft } from './auditQuery';
import { AuditScreen } from './AuditScreen';
import type { WorkspaceChrome } from '../common/WorkspaceFrame';
import { serviceMessage } from '../common/errorText';
import { failureOf } from '../common/loader';
import { useFailure } from '../common/session';
import { useLoad } from '../common/useLoad';

/** The entries shown under one filter: the first page and the older pages asked for since. */
type AuditPages = Readonly<{
  entries: ReadonlyArray<AuditEntryView>;
  /** The trail's integrity (chain, anchor, keys): the first page carries it. */
  integrity: AuditIntegrity | null;
  hasOlder: boolean;
}>;

/**
 * Wires the audit view to `listAudit` (instructors and admins; main refuses anyone else with
 * ACCESS_DENIED, which is shown as it comes). "Older entries" continues below the oldest entry
 * shown with `beforeSeq`, under the filters that produced the table. The first page also brings
 * the trail's integrity and its latest checkpoint beside the database (issue 13 item 4).
 */
export function AuditContainer(props: {
  client: CableroomClient;
  chrome: WorkspaceChrome;
  /** Opens the Integrity screen (issue 15 item 3). */
  onVerifySignatures?(): void;
}) {
  const { client } = props;
  const failure = useFailure();
  const [draft, setDraft] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  /** The filters of the table shown; a new object each time they are applied, so Apply asks again. */
  const [applied, setApplied] = useState<AuditFilterDraft>(EMPTY_AUDIT_FILTER);
  const pages = useLoad(
    () =>
      client.listAudit(auditQuery(applied)).then((page): AuditPages => ({
        entries: page.entries,
        integrity: page.integrity ?? null,
        hasOlder: page.entries.length === AUDIT_PAGE_SIZE,
      })),
    [client, applied],
  );
  // Suggestions for the user field; without them the field still takes any login.
  const accounts = useLoad(() => client.listAccounts(), [client]);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  /** The filters an older page was asked under must still be the table's when it comes. */
  const appliedNow = useRef(applied);

  const apply = (filter: AuditFilterDraft) => {
    const next = { ...filter };
    appliedNow.current = next;
    setOlderError(null);
    setApplied(next);
  };

  const shown = pages.state === 'error' ? null : pages.value;
  const entries = shown?.entries ?? [];

  const loadOlder = () => {
    const oldest = entries.at(-1);
    if (!oldest || loadingOlder) return;
    const askedUnder = appliedNow.current;
    setLoadingOlder(true);
    setOlderError(null);
    client
      .listAudit(auditQuery(askedUnder, oldest.seq))
      .then(
        (page) => {
          if (askedUnder !== appliedNow.current) return;
          pages.set((p) => ({
            ...p,
            entries: [...p.entries, ...page.entries],
            hasOlder: page.entries.length === AUDIT_PAGE_SIZE,
          }));
        },
        (e: unknown) => {
          const err = failure(e);
          if (err && askedUnder === appliedNow.current) setOlderError(serviceMessage(err));
        },
      )
      .finally(() => setLoadingOlder(false));
  };

  const pageFailure = failureOf(pages);
  return (
    <AuditScreen
      chrome={props.chrome}
      {...(props.onVerifySignatures ? { onVerifySignatures: props.onVerifySignatures } : {})}
      draft={draft}
      logins={accounts.value?.map((a) => a.login) ?? []}
      entries={entries}
      integrity={shown?.integrity ?? null}
      status={pages.state === 'ready' ? 'ready' : pages.state === 'error' ? 'error' : 'loading'}
      slow={pages.slow}
      error={pageFailure ? serviceMessage(pageFailure) : olderError}
      hasOlder={pages.state === 'ready' && pages.value.hasOlder}
      loadingOlder={loadingOlder}
      onDraftChange={setDraft}
      onApply={() => apply(draft)}
      onReset={() => {
        setDraft(EMPTY_AUDIT_FILTER);
        apply(EMPTY_AUDIT_FILTER);
      }}
      onLoadOlder={loadOlder}
    />
  );
}
