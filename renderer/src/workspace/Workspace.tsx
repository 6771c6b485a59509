import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InboxRow, SearchHit, SignedInUser } from '../../../electron/domain/cable';
import type { CableroomClient } from '../common/api';
import { useFailure, useSessionEnded } from '../common/session';
import { AlertPanel } from './AlertPanel';
import { InboxScreen } from '../inbox/InboxScreen';
import type { SearchState } from '../inbox/SearchResults';
import type { WorkspaceChrome, WorkspaceSection } from '../common/WorkspaceFrame';
import { describeError, serviceMessage } from '../common/errorText';
import { InboxFeed, useInboxFeed } from '../inbox/inboxFeed';
import { overallMarking, UNCLASSIFIED_MARKING } from '../common/viewMarking';
import { NEWEST, nextSort, searchOrder, sortHits, type SearchSort } from '../inbox/searchSort';
import { AccountsContainer } from '../accounts/AccountsContainer';
import { AuditContainer } from '../audit/AuditContainer';
import { CableContainer, type CableTarget } from '../cable/CableContainer';
import { DirectoryContainer } from '../directory/DirectoryContainer';
import { DraftComposerContainer } from '../drafting/DraftComposerContainer';
import { DraftsContainer } from '../drafting/DraftsContainer';
import { ImportContainer } from '../import/ImportContainer';
import { IntegrityContainer } from '../integrity/IntegrityContainer';
import { TrafficContainer } from '../traffic/TrafficContainer';
import { loadReadingPane, ReadingPaneContainer, saveReadingPane } from '../inbox/ReadingPaneContainer';
import { useAlerts } from './useAlerts';
import { usePush } from '../common/usePush';
import { useWorkCounts } from './useWorkCounts';
import { useSlow } from '../common/useSlow';
import { DebriefContainer } from '../exercise/DebriefContainer';
import { ExerciseDashboardContainer } from '../exercise/ExerciseDashboardContainer';
import { useExerciseStatus } from '../exercise/useExerciseStatus';
import { ExerciseBar } from './ExerciseBar';
import { ClassroomContainer } from '../classroom/ClassroomContainer';
import { ClassroomIndicator } from '../classroom/ClassroomIndicator';
import { useClassroom } from '../classroom/useClassroom';

/** Hits asked for per search (the contract allows up to 100). */
const SEARCH_LIMIT = 50;

type View =
  | Readonly<{ kind: 'inbox' }>
  | Readonly<{
      kind: 'cable';
      target: CableTarget;
      from: 'inbox' | 'search' | 'alert' | 'draft' | 'import' | 'traffic' | 'integrity';
      /** Opened from a draft (its released cable), the import summary or the traffic view: back returns there. */
      returnTo?: View;
    }>
  | Readonly<{ kind: 'audit' }>
  | Readonly<{ kind: 'accounts' }>
  | Readonly<{ kind: 'directory' }>
  | Readonly<{ kind: 'drafts' }>
  | Readonly<{ kind: 'import' }>
  /** The traffic of a FRUS volume (issue 12 item 5); the volume chosen, if any. */
  | Readonly<{ kind: 'traffic'; volume?: string | null }>
  | Readonly<{ kind: 'draft'; id: number }>
  /** The instructor's exercise dashboard (issue 10 item 5). */
  | Readonly<{ kind: 'exercise' }>
  /** A trainee's debrief of an exercise that has ended. */
  | Readonly<{ kind: 'debrief'; exercise: number }>
  /** This machine's classroom connection (issue 11), from the indicator in the app bar. */
  | Readonly<{ kind: 'classroom' }>
  /** Verifying every signed cable (issue 15 item 3); a failed cable opens over it. */
  | Readonly<{ kind: 'integrity' }>;

/**
 * The exercise dashboard, audit, accounts and the directory editor are for instructors and admins;
 * main enforces it, this only hides the way in.
 */
function sectionsFor(user: SignedInUser): ReadonlyArray<WorkspaceSection> {
  // The traffic view (issue 12 item 5) is a historian's section; instructors and admins, whose
  // app bar is full, reach it from the Import screen.
  if (user.role === 'historian') return ['inbox', 'drafts', 'traffic'];
  return user.role === 'instructor' || user.role === 'admin'
    ? ['inbox', 'drafts', 'exercise', 'audit', 'accounts', 'directory']
    : ['inbox', 'drafts'];
}

/**
 * Import (issue 6): FRUS telegrams for instructors and admins; signed bundles for everyone, since
 * trainees on different machines exchange cables as signed files. Main enforces both.
 */
function withImport(sections: ReadonlyArray<WorkspaceSection>): ReadonlyArray<WorkspaceSection> {
  return [...sections, 'import'];
}

/**
 * The app bar's section for a view: a draft and its released cable belong to the drafting desk;
 * a cable opened from another's reference, to where that one was; a trainee's debrief, to the
 * exercise (a section trainees do not have, so none of theirs is current).
 */
function sectionOf(view: View): WorkspaceSection {
  if (view.kind === 'cable') return view.returnTo ? sectionOf(view.returnTo) : 'inbox';
  if (view.kind === 'debrief') return 'exercise';
  // The app bar is full (issue 14 item 4): Integrity is reached from the audit trail, and belongs to it.
  if (view.kind === 'integrity') return 'audit';
  return view.kind === 'draft' ? 'drafts' : view.kind;
}

/**
 * The signed-in part of the app: the inbox (or search results), one cable at a time over it, and
 * for instructors and admins the audit trail, accounts and the directory. The feed, the selection, the scroll
 * position and the search outlive an opened cable, so Escape lands where you were. FLASH/NIACT
 * alerts are polled here and shown on every screen.
 */
export function Workspace(props: {
  client: CableroomClient;
  user: SignedInUser;
  /** A demo installation: the app bar says so on every screen. */
  demo: boolean;
  onSignedOut(): void;
}) {
  const { client, user, onSignedOut } = props;
  const onSessionEnded = useSessionEnded();
  const failure = useFailure();
  const [feed] = useState(() => new InboxFeed(client));
  const snapshot = useInboxFeed(feed);
  const inboxSlow = useSlow(snapshot.loading);
  const [view, setView] = useState<View>({ kind: 'inbox' });
  const [selectedIndex, setSelectedIndex] = useState(-1);
  const [signingOut, setSigningOut] = useState(false);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const [readingPane, setReadingPane] = useState(loadReadingPane);
  const scrollTopRef = useRef(0);
  /** The newest state of every delivery handled in this session (acknowledged, filed). */
  const [handled, setHandled] = useState<ReadonlyMap<number, InboxRow>>(new Map());

  useEffect(() => {
    feed.loadMore();
    return () => feed.close();
  }, [feed]);

  useEffect(() => {
    if (snapshot.error?.code === 'NOT_SIGNED_IN') onSessionEnded(snapshot.error);
  }, [snapshot.error, onSessionEnded]);

  // ---- Live inbox (issue 14): arrivals and read state come in without a reload ----
  usePush(client, (event) => {
    // An import of one's own may have brought traffic to one's post as well.
    if (event.kind === 'inbox' || event.kind === 'alerts' || event.kind === 'import') feed.refresh();
  });
  const work = useWorkCounts(client);

  // ---- The exercise (issue 10): its clock in the app bar; the dashboard; the debrief ----
  const exercise = useExerciseStatus(client);
  // ---- The classroom (issue 11): the connection in the app bar; its settings screen ----
  const classroom = useClassroom(client);

  // ---- FLASH / NIACT alerts (rule 8) ----
  const alerts = useAlerts(client);
  const { refresh: refreshAlerts } = alerts;
  const [hiddenAlerts, setHiddenAlerts] = useState<ReadonlySet<number>>(new Set());
  const [ackPending, setAckPending] = useState<ReadonlySet<number>>(new Set());
  const [ackErrors, setAckErrors] = useState<ReadonlyMap<number, string>>(new Map());
  // Seen: the panel was up when the person moved to another screen (issue 14 item 4). Seen or
  // hidden alerts shrink the panel to one line until a delivery arrives that is neither.
  const [seenAlerts, setSeenAlerts] = useState<ReadonlySet<number>>(new Set());
  const [alertsView, setAlertsView] = useState<View>(view);
  if (alertsView !== view) {
    setAlertsView(view);
    if (alerts.rows.some((r) => !seenAlerts.has(r.deliveryId))) {
      setSeenAlerts(new Set([...seenAlerts, ...alerts.rows.map((r) => r.deliveryId)]));
    }
  }
  const alertsCollapsed =
    alerts.rows.length > 0 && alerts.rows.every((r) => hiddenAlerts.has(r.deliveryId) || seenAlerts.has(r.deliveryId));

  const onDeliveryUpdated = useCallback(
    (row: InboxRow) => {
      feed.replaceRow(row);
      setHandled((m) => new Map(m).set(row.deliveryId, row));
      refreshAlerts();
    },
    [feed, refreshAlerts],
  );

  const acknowledgeAlert = (row: InboxRow) => {
    const id = row.deliveryId;
    setAckPending((s) => new Set(s).add(id));
    setAckErrors((m) => {
      const next = new Map(m);
      next.delete(id);
      return next;
    });
    client
      .acknowledge(id)
      .then(onDeliveryUpdated, (e: unknown) => {
        const err = failure(e);
        if (err) setAckErrors((m) => new Map(m).set(id, serviceMessage(err)));
      })
      .finally(() =>
        setAckPending((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        }),
      );
  };

  // ---- Search ----
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState>({ status: 'idle' });
  const [searchFocus, setSearchFocus] = useState<number | null>(null);
  const [searchSort, setSearchSort] = useState<SearchSort>(NEWEST);
  const sortedSearch = useMemo<SearchState>(
    () => (search.status === 'ready' ? { ...search, hits: sortHits(search.hits, searchSort) } : search),
    [search, searchSort],
  );
  const latestSearch = useRef(0);
  const searchMarking = useMemo(
    () => (search.status === 'ready' ? overallMarking(search.hits) : UNCLASSIFIED_MARKING),
    [search],
  );

  const clearSearch = useCallback(() => {
    latestSearch.current++;
    setQuery('');
    setSearch({ status: 'idle' });
    setSearchFocus(null);
    setSearchSort(NEWEST);
  }, []);

  // Best match is ranked in main (issue 15 item 4): a change to or from it asks main again.
  const runSearch = (text = query, order = searchOrder(searchSort)) => {
    const q = text.trim();
    if (q === '') {
      clearSearch();
      return;
    }
    const request = ++latestSearch.current;
    setSearchFocus(null);
    setSearch({ status: 'searching', query: q });
    client.searchCables(q, SEARCH_LIMIT, order).then(
      (hits) => {
        if (request === latestSearch.current) setSearch({ status: 'ready', query: q, hits, order });
      },
      (e: unknown) => {
        if (request !== latestSearch.current) return;
        const err = failure(e);
        if (err) setSearch({ status: 'error', query: q, message: serviceMessage(err) });
      },
    );
  };

  // ---- Navigation ----
  // Until the person moves it, the selection is the newest cable, so arrows and Enter work at once.
  const selected = selectedIndex < 0 && snapshot.rowCount > 0 ? 0 : selectedIndex;
  // A push can merge new deliveries in above the selection: the same cable stays selected (issue 14).
  const [selectedDelivery, setSelectedDelivery] = useState<number | null>(null);
  if (selectedDelivery !== null && snapshot.rows[selectedIndex]?.deliveryId !== selectedDelivery) {
    const moved = feed.indexOfDelivery(selectedDelivery);
    if (moved !== undefined) setSelectedIndex(moved);
    else setSelectedDelivery(null);
  }
  const select = (index: number) => {
    setSelectedIndex(index);
    setSelectedDelivery(snapshot.rows[index]?.deliveryId ?? null);
  };

  const back = useCallback(() => {
    setScrollTopPx(scrollTopRef.current);
    setView({ kind: 'inbox' });
  }, []);

  const onScrollTopChange = useCallback((top: number) => {
    scrollTopRef.current = top;
  }, []);

  const openDelivery = (row: InboxRow, from: 'inbox' | 'alert') =>
    setView({
      kind: 'cable',
      from,
      target: {
        cableId: row.cableId,
        ref: row.ref,
        classification: row.classification,
        banner: row.banner,
        deliveryId: row.deliveryId,
      },
    });

  const openHit = (hit: SearchHit, index: number) => {
    setSearchFocus(index);
    // A hit that is also in the loaded inbox keeps its delivery, so it can be acknowledged and filed.
    const delivery = feed.rowByCableId(hit.cableId);
    setView({
      kind: 'cable',
      from: 'search',
      target: {
        cableId: hit.cableId,
        ref: hit.ref,
        classification: hit.classification,
        banner: hit.banner,
        deliveryId: delivery?.deliveryId ?? null,
      },
    });
  };

  /** A reference inside a cable the reader may open (main says which); back returns to the citing cable. */
  const openReference = (target: Omit<CableTarget, 'deliveryId'>) => {
    if (view.kind !== 'cable') return;
    const delivery = feed.rowByCableId(target.cableId);
    setView({
      kind: 'cable',
      from: view.from,
      target: { ...target, deliveryId: delivery?.deliveryId ?? null },
      returnTo: view,
    });
  };

  const signOut = () => {
    setSigningOut(true);
    client.signOut().finally(() => onSignedOut());
  };

  const alertRows = alerts.rows;
  const chrome: WorkspaceChrome = {
    user,
    demo: props.demo,
    section: sectionOf(view),
    sections: withImport(sectionsFor(user)),
    onNavigate: (section) => {
      if (section === 'inbox') back();
      else setView({ kind: section });
    },
    signingOut,
    onSignOut: signOut,
    counts: work.counts,
    clock: (
      <>
        <ExerciseBar
          status={exercise.status}
          debriefOpen={view.kind === 'debrief'}
          onOpenDebrief={(id) => setView({ kind: 'debrief', exercise: id })}
        />
        <ClassroomIndicator view={classroom.view} onOpen={() => setView({ kind: 'classroom' })} />
      </>
    ),
    alerts: (
      <AlertPanel
        alerts={alertRows}
        collapsed={alertsCollapsed}
        pending={ackPending}
        errors={ackErrors}
        onAcknowledge={acknowledgeAlert}
        onOpen={(row) => openDelivery(handled.get(row.deliveryId) ?? row, 'alert')}
        onCollapse={() => setHiddenAlerts(new Set(alertRows.map((r) => r.deliveryId)))}
        onExpand={() => {
          setHiddenAlerts(new Set());
          setSeenAlerts(new Set());
        }}
      />
    ),
  };

  switch (view.kind) {
    case 'cable': {
      const id = view.target.deliveryId;
      const delivery =
        id === null
          ? null
          : (handled.get(id) ?? feed.rowByDeliveryId(id) ?? alertRows.find((r) => r.deliveryId === id) ?? null);
      // j / k (issue 14 item 6): a cable opened from the inbox steps to the next or previous row.
      const listIndex = view.from === 'inbox' && !view.returnTo && id !== null ? feed.indexOfDelivery(id) : undefined;
      const step = (delta: 1 | -1) => {
        const i = (listIndex ?? -2) + delta;
        const row = snapshot.rows[i];
        if (listIndex === undefined || !row) return;
        select(i);
        openDelivery(row, 'inbox');
      };
      return (
        <CableContainer
          key={`${view.target.cableId}-${id ?? 'none'}`}
          client={client}
          chrome={chrome}
          target={view.target}
          delivery={delivery}
          backLabel={
            view.returnTo
              ? view.returnTo.kind === 'cable'
                ? view.returnTo.target.ref
                : view.returnTo.kind === 'import'
                  ? 'Import'
                  : view.returnTo.kind === 'traffic'
                    ? 'Traffic'
                    : view.returnTo.kind === 'integrity'
                      ? 'Integrity'
                      : 'Draft'
              : view.from === 'search' && search.status !== 'idle'
                ? 'Search results'
                : 'Inbox'
          }
          onBack={view.returnTo ? () => setView(view.returnTo ?? { kind: 'inbox' }) : back}
          onDeliveryUpdated={onDeliveryUpdated}
          onOpenDraft={(draftId) => setView({ kind: 'draft', id: draftId })}
          onOpenReference={openReference}
          onNextCable={listIndex !== undefined && listIndex + 1 < snapshot.rowCount ? () => step(1) : undefined}
          onPreviousCable={listIndex !== undefined && listIndex > 0 ? () => step(-1) : undefined}
        />
      );
    }
    case 'drafts':
      return (
        <DraftsContainer
          client={client}
          chrome={chrome}
          onOpenDraft={(draftId) => setView({ kind: 'draft', id: draftId })}
        />
      );
    case 'draft':
      return (
        <DraftComposerContainer
          key={view.id}
          client={client}
          chrome={chrome}
          draftId={view.id}
          onBack={() => setView({ kind: 'drafts' })}
          onOpenCable={(target) => setView({ kind: 'cable', from: 'draft', target, returnTo: view })}
        />
      );
    case 'import':
      return (
        <ImportContainer
          client={client}
          chrome={chrome}
          canImportFrus={user.role === 'instructor' || user.role === 'admin' || user.role === 'historian'}
          onOpenCable={(r) =>
            setView({
              kind: 'cable',
              from: 'import',
              target: {
                cableId: r.cableId,
                ref: r.ref,
                classification: r.classification,
                banner: r.banner,
                deliveryId: feed.rowByCableId(r.cableId)?.deliveryId ?? null,
              },
              returnTo: view,
            })
          }
          onOpenTraffic={(volume) => setView({ kind: 'traffic', volume })}
        />
      );
    case 'traffic':
      return (
        <TrafficContainer
          client={client}
          chrome={chrome}
          volume={view.volume ?? null}
          onVolume={(volume) => setView({ kind: 'traffic', volume })}
          onOpenCable={(target) =>
            setView({
              kind: 'cable',
              from: 'traffic',
              target: { ...target, deliveryId: feed.rowByCableId(target.cableId)?.deliveryId ?? null },
              returnTo: view,
            })
          }
        />
      );
    case 'exercise':
      return (
        <ExerciseDashboardContainer
          client={client}
          chrome={chrome}
          status={exercise.status}
          onStatusChanged={exercise.refresh}
        />
      );
    case 'debrief':
      return <DebriefContainer key={view.exercise} client={client} chrome={chrome} exercise={view.exercise} />;
    case 'classroom':
      return <ClassroomContainer client={client} chrome={chrome} classroom={classroom} />;
    case 'integrity':
      return (
        <IntegrityContainer
          client={client}
          chrome={chrome}
          onOpenCable={(f) =>
            setView({
              kind: 'cable',
              from: 'integrity',
              target: {
                cableId: f.cableId,
                ref: f.ref,
                classification: f.classification,
                banner: f.banner,
                deliveryId: feed.rowByCableId(f.cableId)?.deliveryId ?? null,
              },
              returnTo: view,
            })
          }
        />
      );
    case 'audit':
      return (
        <AuditContainer client={client} chrome={chrome} onVerifySignatures={() => setView({ kind: 'integrity' })} />
      );
    case 'accounts':
      return <AccountsContainer client={client} chrome={chrome} />;
    case 'directory':
      return <DirectoryContainer client={client} chrome={chrome} />;
    case 'inbox':
      return (
        <InboxScreen
          chrome={chrome}
          rows={snapshot.rows}
          rowCount={snapshot.rowCount}
          marking={snapshot.marking}
          hasMore={snapshot.hasMore}
          loading={snapshot.loading}
          loadingSlow={inboxSlow}
          error={snapshot.error && snapshot.error.code !== 'NOT_SIGNED_IN' ? describeError(snapshot.error) : null}
          selectedIndex={selected}
          initialScrollTopPx={scrollTopPx}
          query={query}
          search={sortedSearch}
          searchMarking={searchMarking}
          searchFocusIndex={searchFocus}
          searchSort={searchSort}
          onSortHits={(key) => {
            const next = nextSort(searchSort, key);
            setSearchSort(next);
            setSearchFocus(null);
            if (search.status !== 'idle' && searchOrder(next) !== searchOrder(searchSort)) {
              runSearch(search.query, searchOrder(next));
            }
          }}
          onQueryChange={setQuery}
          onSearch={() => runSearch()}
          onClearSearch={clearSearch}
          onOpenHit={openHit}
          onSelect={select}
          onOpen={(i) => {
            select(i);
            const row = snapshot.rows[i];
            if (row) openDelivery(row, 'inbox');
          }}
          onNeedMore={feed.loadMore}
          onRetry={feed.retry}
          onScrollTopChange={onScrollTopChange}
          readingPane={readingPane}
          onToggleReadingPane={() => {
            saveReadingPane(!readingPane);
            setReadingPane(!readingPane);
          }}
          pane={
            readingPane && (
              <ReadingPaneContainer
                client={client}
                row={snapshot.rows[selected] ?? null}
                ownPost={chrome.user.post.plad}
                onOpen={(row) => openDelivery(row, 'inbox')}
              />
            )
          }
        />
      );
  }
}
