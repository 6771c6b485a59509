import type { InboxRow, SignedInUser } from '../../../electron/domain/cable';
import { classificationWords, type Classification } from '../../../electron/domain/classification';
import { InboxList } from './InboxList';
import { ClassificationBanner } from './markings';

/** The inbox (pure view): who is signed in, the cable list, and the load status. */
export type InboxScreenProps = Readonly<{
  user: SignedInUser;
  rows: ReadonlyArray<InboxRow>;
  rowCount: number;
  /** Overall marking of the list (the highest loaded classification). */
  marking: Classification;
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  selectedIndex: number;
  initialScrollTopPx: number;
  signingOut: boolean;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onNeedMore(): void;
  onRetry(): void;
  onScrollTopChange(scrollTopPx: number): void;
  onSignOut(): void;
}>;

export function InboxScreen(props: InboxScreenProps) {
  const { user, rows, rowCount, marking } = props;
  return (
    <div className="screen screen--inbox" data-testid="screen-inbox">
      <ClassificationBanner classification={marking} position="top" />
      <header className="app-bar">
        <h1 className="wordmark wordmark--small">Cableroom</h1>
        <div className="app-bar__user" data-testid="signed-in-user">
          <span className="app-bar__name">{user.displayName}</span>
          <span className="app-bar__meta" title={`${user.post.name} · cleared ${classificationWords(user.clearance)}`}>
            {user.post.name} · cleared {classificationWords(user.clearance)}
          </span>
        </div>
        <button type="button" className="button" onClick={props.onSignOut} disabled={props.signingOut}>
          {props.signingOut ? 'Signing out…' : 'Sign out'}
        </button>
      </header>
      <main className="inbox">
        <div className="inbox__title-row">
          <h2 className="inbox__title">Inbox</h2>
          <p className="inbox__hint muted">↑ ↓ to move · Enter to open · Esc to come back</p>
        </div>
        <div className="inbox-columns" aria-hidden="true">
          <span>Precedence</span>
          <span>Classification</span>
          <span>Cable · subject</span>
          <span>From</span>
          <span>DTG</span>
        </div>
        {rowCount === 0 && !props.loading && !props.hasMore && props.error === null ? (
          <p className="inbox__empty" data-testid="inbox-empty">
            No cables for you yet.
          </p>
        ) : (
          <InboxList
            rows={rows}
            rowCount={rowCount}
            hasMore={props.hasMore}
            loading={props.loading}
            selectedIndex={props.selectedIndex}
            initialScrollTopPx={props.initialScrollTopPx}
            autoFocus
            onSelect={props.onSelect}
            onOpen={props.onOpen}
            onNeedMore={props.onNeedMore}
            onScrollTopChange={props.onScrollTopChange}
          />
        )}
        <footer className="inbox__status" aria-live="polite">
          {props.error !== null ? (
            <span className="form-error" role="alert">
              {props.error}{' '}
              <button type="button" className="button button--link" onClick={props.onRetry}>
                Try again
              </button>
            </span>
          ) : (
            <span className="muted" data-testid="inbox-count">
              {rowCount.toLocaleString('en-US')} {rowCount === 1 ? 'cable' : 'cables'} loaded
              {props.loading ? ' · loading more…' : props.hasMore ? ' · more below' : ''}
            </span>
          )}
        </footer>
      </main>
      <ClassificationBanner classification={marking} position="bottom" />
    </div>
  );
}
